import express, { type Application, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { MatchStore } from '../store/store.ts';
import { aarRoutes } from './aar.ts';
import { annotationRoutes } from './annotations.ts';
import { branchRoutes } from './branch.ts';
import { errorHandler } from './errors.ts';
import { homeRoute } from './home.ts';
import { infoRoutes } from './info.ts';
import { joinRoutes } from './join.ts';
import { matchRoutes } from './matches.ts';
import { mountMonitor } from './monitor.ts';
import { requireBearerKey, scenarioRoutes } from './scenarios.ts';

export interface HttpOptions {
  readonly store: MatchStore;
  readonly adminToken: string;
  readonly startedAt: number;
  readonly now: () => number;
  readonly log: (line: string) => void;
  /** The built browser client (dist/client), served at `/` when it holds an index.html. */
  readonly clientDir?: string | undefined;
  /**
   * Who may upload scenarios, create matches from them and dry-run them (the organizer).
   * Default: `Authorization: Bearer <ADMIN_TOKEN>`.
   */
  readonly authorizeOrganizer?: RequestHandler | undefined;
}

/** Lets a client served from another origin (the Vite dev server) call the API; no cookies are used. */
function cors(req: Request, res: Response, next: NextFunction): void {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Allow-Headers', 'Content-Type, Authorization');
  res.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
}

/** Mounts every HTTP route of the server (docs/design.md §8) on the Colyseus express app. */
export function mountHttp(app: Application, o: HttpOptions): void {
  app.use(['/api', '/health'], cors);
  // Scenario files are larger than any other body and must reach the store byte for byte.
  app.use('/api/scenarios', scenarioRoutes(o.store, o.now, o.authorizeOrganizer ?? requireBearerKey(o.adminToken)));
  app.use('/api', express.json({ limit: '16kb' }));
  app.use(homeRoute(o.clientDir));
  app.use(infoRoutes(o.store, o.startedAt, o.now));
  app.use('/api/matches', matchRoutes(o.store, o.now));
  app.use('/api/join', joinRoutes(o.store));
  app.use('/api/matches', annotationRoutes(o.store, o.now), aarRoutes(o.store), branchRoutes(o.store, o.now));
  mountMonitor(app, o.adminToken);
  app.use(['/api', '/health'], (_req: Request, res: Response) => {
    res.status(404).json({ code: 'not-found', message: 'There is no such route.' });
  });
  app.use(errorHandler(o.log));
}
