import express, { type Application, type Request, type Response } from 'express';
import { aarRoutes } from './aar.ts';
import { annotationRoutes } from './annotations.ts';
import { branchRoutes } from './branch.ts';
import type { HttpContext } from './context.ts';
import { errorHandler } from './errors.ts';
import { homeRoute } from './home.ts';
import { infoRoutes } from './info.ts';
import { joinRoutes } from './join.ts';
import { matchRoutes } from './matches.ts';
import { mountMonitor } from './monitor.ts';
import { pageHeaders } from './security.ts';
import { sessionRoutes } from './session.ts';
import { scenarioRoutes } from './scenarios.ts';
import { requireOrganizer } from './facilitator.ts';

export interface HttpOptions {
  readonly ctx: HttpContext;
  readonly startedAt: number;
  /** The built browser client (dist/client), served at `/` when it holds an index.html. */
  readonly clientDir?: string | undefined;
  /** With several processes, where clients open this process's WebSockets (allowed by the pages' CSP). */
  readonly publicAddress?: string | undefined;
}

/** `host:port[/path]` → the ws/wss sources a page may connect to there. */
function socketSources(publicAddress: string | undefined): string[] {
  if (!publicAddress) return [];
  const host = publicAddress.split('/')[0] ?? '';
  return host ? [`ws://${host}`, `wss://${host}`] : [];
}

/**
 * Mounts every HTTP route of the server (docs/design.md §8) on the Colyseus express app. The
 * baseline security headers are already on every response (security.ts, app.ts); pages get
 * their own CSP here. CORS is configured process-wide (security.ts `configureCors`).
 */
export function mountHttp(app: Application, o: HttpOptions): void {
  const { ctx } = o;
  app.disable('x-powered-by');
  app.use(pageHeaders(socketSources(o.publicAddress)));
  // Scenario files are larger than any other body and must reach the store byte for byte.
  app.use('/api/scenarios', scenarioRoutes(ctx, requireOrganizer(ctx)));
  app.use('/api', express.json({ limit: '16kb' }));
  app.use(sessionRoutes(ctx));
  app.use(homeRoute(o.clientDir));
  app.use(infoRoutes(ctx.store, o.startedAt, ctx.now));
  app.use('/api/matches', matchRoutes(ctx));
  app.use('/api/join', joinRoutes(ctx));
  app.use('/api/matches', annotationRoutes(ctx), aarRoutes(ctx), branchRoutes(ctx));
  mountMonitor(app, ctx);
  app.use(['/api', '/health'], (_req: Request, res: Response) => {
    res.status(404).json({ code: 'not-found', message: 'There is no such route.' });
  });
  app.use(errorHandler(ctx.log));
}
