import { Router, type NextFunction, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sovereign Effects server</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}code{background:#eee;padding:0 .2em}</style>
</head><body>
<h1>Sovereign Effects — server</h1>
<p>The match server is running, but the browser client is not built (run <code>npm run build</code>,
or start with <code>npm start</code>, which builds it). Without it the server is played through its
HTTP API and its WebSocket room <code>match</code> (see <code>client/net/session.ts</code>).</p>
<ul>
<li><a href="/health"><code>GET /health</code></a> — status</li>
<li><a href="/api/scenarios"><code>GET /api/scenarios</code></a> — scenarios and their seats</li>
<li><code>POST /api/session</code> <code>{"key": "seo_…"}</code> — sign in as an organizer (the key is in <code>data/organizer.key</code>, or <code>ORGANIZER_KEY</code>); or send <code>Authorization: Bearer &lt;organizer key&gt;</code></li>
<li><code>POST /api/matches</code> <code>{"scenario": "baltic-shield"}</code> (organizer) — create a match: facilitator token and join codes</li>
<li><code>GET /api/matches?limit=&amp;after=</code> (organizer) — your matches with phase, turn and seats filled, a page at a time</li>
<li><code>GET /api/matches/&lt;id&gt;/record</code> with <code>Authorization: Bearer &lt;facilitator token&gt;</code> (or as the match's organizer) — the record <code>npm run replay</code> reads</li>
<li><code>POST /api/join/check</code> <code>{"code": "…"}</code> — what a join code (a link's) opens: match, role and seat</li>
<li><code>GET /api/matches/&lt;id&gt;/codes</code> (Bearer token) — the join codes, to read out again</li>
<li><code>GET /api/matches/&lt;id&gt;/aar?format=html|md|csv|json</code> (Bearer token) — the after-action report</li>
<li><code>GET|POST /api/matches/&lt;id&gt;/annotations</code>, <code>DELETE …/annotations/&lt;annotationId&gt;</code> (Bearer token) — the facilitator's notes pinned to turns</li>
<li><code>POST /api/matches/&lt;id&gt;/branch</code> <code>{"turn": 3}</code> (Bearer token) — a new live match from that turn (what-if)</li>
<li><code>/monitor</code> — the Colyseus monitor, for the owner organizer</li>
</ul>
</body></html>`;

/** Paths the server answers itself: never the client's index.html. */
const SERVER_PATHS = /^\/(api|health|monitor|matchmake)(\/|$)/;

/** Vite names every file under assets/ by a hash of its content: it never changes under that name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always asked again (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

/** Cache-Control for a file under `root`: immutable under assets/, revalidated otherwise. */
function cacheControl(root: string): (res: ServerResponse, file: string) => void {
  return (res, file) => res.setHeader('Cache-Control', path.relative(root, file).split(path.sep)[0] === 'assets' ? IMMUTABLE : REVALIDATE);
}

/**
 * `GET /`: the browser client when it is built (`clientDir`/index.html exists: static files,
 * and index.html for the client's own routes such as /projector and /new); otherwise a page
 * that says what the server is and how to use it, instead of an Express 404.
 *
 * Files are sent as the build pre-compressed them (brotli, else gzip, by the request's
 * Accept-Encoding; vite.config.ts writes the `.br` and `.gz` beside each file), hashed assets
 * with a year of immutable caching, index.html with `no-cache` so a new build is seen at once.
 */
export function homeRoute(clientDir?: string): Router {
  const r = Router();
  const index = clientDir ? path.join(clientDir, 'index.html') : '';
  if (clientDir && existsSync(index)) {
    r.use(expressStaticGzip(clientDir, { enableBrotli: true, orderPreference: ['br', 'gz'], index: 'index.html', serveStatic: { setHeaders: cacheControl(clientDir) } }));
    r.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
      if (SERVER_PATHS.test(req.path) || path.extname(req.path) !== '' || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', REVALIDATE);
      res.sendFile(index);
    });
    return r;
  }
  r.get('/', (_req: Request, res: Response) => {
    res.type('html').send(PAGE);
  });
  return r;
}
