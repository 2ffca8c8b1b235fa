import { matchMaker } from '@colyseus/core';
import type { NextFunction, Request, Response } from 'express';
import helmet, { contentSecurityPolicy, xFrameOptions } from 'helmet';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSS as AAR_CSS } from '../../shared/aar/html.ts';

type Directives = Record<string, string[]>;

/** API answers, health, matchmaking: nothing in them is ever rendered as a page. */
const API_POLICY: Directives = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] };

/**
 * The after-action report's inline stylesheet, by hash: the console opens the report as a blob
 * page, which inherits the console's policy, and the report must look like a report.
 */
const AAR_STYLE = `'sha256-${createHash('sha256').update(AAR_CSS, 'utf8').digest('base64')}'`;

/**
 * The browser client (dist/client, built by Vite): its own scripts only — no inline script and
 * no eval (Pixi.js 8 runs without it, checked in Chromium by the e2e tests) — its own styles and
 * the after-action report's one stylesheet (by hash), plus `style` attributes (the freshness
 * bars set widths; they cannot run code). Images from
 * data: (the empty favicon) and blob:; WebSockets to this origin (and, with several processes,
 * to their public addresses); never framed, except the projector by this origin.
 */
export function clientPolicy(connectExtra: readonly string[] = []): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", AAR_STYLE],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...connectExtra],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/** The Colyseus monitor (a built single-page app): its scripts only; it injects styles and loads Google's icon font. */
const MONITOR_POLICY: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  'font-src': ["'self'", 'https://fonts.gstatic.com'],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The headers every response gets, before any route runs — including the ones Colyseus answers
 * itself (matchmaking, its health check, OPTIONS): `nosniff`, `Referrer-Policy: no-referrer`
 * (join links carry codes in their query), a CSP that renders nothing, `X-Frame-Options: DENY`,
 * HSTS (ignored by browsers over plain HTTP), no `X-Powered-By`. Routes that serve pages
 * replace the CSP with their own (`pageHeaders`).
 */
export function baselineHeaders(): (req: IncomingMessage, res: ServerResponse) => void {
  const h = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_POLICY },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
    crossOriginEmbedderPolicy: false,
  });
  return (req, res) => h(req, res, () => undefined);
}

const SERVER_PATHS = /^\/(api|health|matchmake|__healthcheck)(\/|$)/;

/**
 * Express middleware: the page policies — the client's for its pages and files (the projector
 * may be framed by this origin, e.g. a slide deck served here), the monitor's for /monitor.
 * API routes keep the baseline.
 */
export function pageHeaders(connectExtra: readonly string[] = []) {
  const client = contentSecurityPolicy({ useDefaults: false, directives: clientPolicy(connectExtra) });
  const projector = contentSecurityPolicy({ useDefaults: false, directives: { ...clientPolicy(connectExtra), 'frame-ancestors': ["'self'"] } });
  const sameOriginFrames = xFrameOptions({ action: 'sameorigin' });
  const monitor = contentSecurityPolicy({ useDefaults: false, directives: MONITOR_POLICY });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SERVER_PATHS.test(req.path)) return next();
    if (req.path === '/monitor' || req.path.startsWith('/monitor/')) return monitor(req, res, next);
    if (req.path === '/projector') return projector(req, res, () => sameOriginFrames(req, res, next));
    client(req, res, next);
  };
}

/**
 * CORS: only for the origins in CORS_ORIGINS (exact `scheme://host[:port]`), never with
 * credentials, and never a reflected `*`. Colyseus answers every OPTIONS request and adds CORS
 * headers to every response from its matchmaking controller's defaults (which reflect any
 * origin with credentials), so those defaults are replaced here for the whole process.
 */
export function configureCors(origins: readonly string[]): void {
  const allowed = new Set(origins);
  (matchMaker.controller as { DEFAULT_CORS_HEADERS: Record<string, string> }).DEFAULT_CORS_HEADERS = {};
  matchMaker.controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get('origin');
    if (!origin || !allowed.has(origin)) return { Vary: 'Origin' };
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Headers': 'Content-Type, Authorization',
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  };
}

/** CORS_ORIGINS as a list: comma-separated origins, each `http(s)://host[:port]` with nothing after. */
export function corsOriginsFromEnv(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const o of list) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o;
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`CORS_ORIGINS: "${o}" is not an origin such as https://slides.example.org (scheme, host, optional port, nothing after)`);
  }
  return list;
}
