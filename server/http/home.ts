import { Router, type Request, type Response } from 'express';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sovereign Effects server</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}code{background:#eee;padding:0 .2em}</style>
</head><body>
<h1>Sovereign Effects — server</h1>
<p>The match server is running. The browser boards (nation board, facilitator console,
projector) are not built yet; today the server is played through its HTTP API and its
WebSocket room <code>match</code> (see <code>client/net/session.ts</code>).</p>
<ul>
<li><a href="/health"><code>GET /health</code></a> — status</li>
<li><a href="/api/scenarios"><code>GET /api/scenarios</code></a> — scenarios and their seats</li>
<li><code>POST /api/matches</code> <code>{"scenario": "baltic-shield"}</code> — create a match: facilitator token and join codes</li>
<li><a href="/api/matches"><code>GET /api/matches</code></a> — matches with phase, turn and seats filled</li>
<li><code>GET /api/matches/&lt;id&gt;/record</code> with <code>Authorization: Bearer &lt;facilitator token&gt;</code> — the record <code>npm run replay</code> reads</li>
<li><code>/monitor</code> — the Colyseus monitor (user <code>admin</code>, password <code>ADMIN_TOKEN</code>)</li>
</ul>
</body></html>`;

/** `GET /`: says what the server is and how to use it, instead of an Express 404. */
export function homeRoute(): Router {
  const r = Router();
  r.get('/', (_req: Request, res: Response) => {
    res.type('html').send(PAGE);
  });
  return r;
}
