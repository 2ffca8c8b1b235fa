import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsOriginsFromEnv } from '../../server/http/security.ts';
import { createMatch, organizerAuth, startTestServer, type TestServer } from './harness.ts';

const ALLOWED = 'https://slides.example.org';

/** A stand-in for dist/client: the header rules do not depend on what the pages hold. */
function fakeClient(dir: string): string {
  const client = path.join(dir, 'client');
  mkdirSync(path.join(client, 'assets'), { recursive: true });
  writeFileSync(path.join(client, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(path.join(client, 'assets', 'app.js'), 'export {};');
  return client;
}

/** The CSP as directive → sources. */
function csp(res: Response): Record<string, string[]> {
  return Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(';').filter(Boolean).map((d) => {
    const [name, ...sources] = d.trim().split(/\s+/);
    return [name as string, sources];
  }));
}

/** Issue 13, headers on every response: strict CSP for pages, nosniff, frame-ancestors, Referrer-Policy, no X-Powered-By, CORS only for configured origins. */
describe('security headers', () => {
  let srv: TestServer;
  let matchId = '';

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'se-headers-'));
    srv = await startTestServer({ dir, clientDir: fakeClient(dir), app: { corsOrigins: [ALLOWED] } });
    matchId = (await createMatch(srv.url, { scenario: 'baltic-shield' })).matchId;
  });
  afterAll(async () => {
    await srv?.close();
  });

  const every = (res: Response, what: string) => {
    expect([what, res.headers.get('x-content-type-options')]).toEqual([what, 'nosniff']);
    expect([what, res.headers.get('referrer-policy')]).toEqual([what, 'no-referrer']);
    expect([what, res.headers.get('x-powered-by')]).toEqual([what, null]);
    expect([what, res.headers.get('content-security-policy')]).not.toEqual([what, null]);
  };

  it('pages of the client: a strict CSP with no inline script and no eval, never framed', async () => {
    for (const p of ['/', '/play?match=x', '/new', '/replay']) {
      const res = await fetch(`${srv.url}${p}`, { headers: { accept: 'text/html' } });
      expect([p, res.status]).toEqual([p, 200]);
      every(res, p);
      const c = csp(res);
      expect([p, c['script-src']]).toEqual([p, ["'self'"]]);
      expect([p, c['default-src']]).toEqual([p, ["'self'"]]);
      expect([p, c['object-src']]).toEqual([p, ["'none'"]]);
      expect([p, c['frame-ancestors']]).toEqual([p, ["'none'"]]);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(JSON.stringify(c)).not.toMatch(/unsafe-eval/);
      expect(c['style-src']?.[0]).toBe("'self'");
      expect(c['style-src']?.slice(1).every((x) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(x))).toBe(true);
    }
  });

  it('the projector may be framed by this origin only', async () => {
    const res = await fetch(`${srv.url}/projector?match=x&code=y`, { headers: { accept: 'text/html' } });
    every(res, '/projector');
    expect(csp(res)['frame-ancestors']).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('assets, the API, health, matchmaking, the monitor, errors and preflights carry the headers too', async () => {
    const responses: [string, Response][] = [
      ['asset', await fetch(`${srv.url}/assets/app.js`)],
      ['scenarios', await fetch(`${srv.url}/api/scenarios`)],
      ['matches (refused)', await fetch(`${srv.url}/api/matches`)],
      ['matches', await fetch(`${srv.url}/api/matches`, { headers: organizerAuth() })],
      ['record (refused)', await fetch(`${srv.url}/api/matches/${matchId}/record`)],
      ['404', await fetch(`${srv.url}/api/nothing`)],
      ['health', await fetch(`${srv.url}/health`)],
      ['matchmake', await fetch(`${srv.url}/matchmake/joinOrCreate/match`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })],
      ['monitor (refused)', await fetch(`${srv.url}/monitor`)],
      ['monitor', await fetch(`${srv.url}/monitor/`, { headers: organizerAuth() })],
      ['preflight', await fetch(`${srv.url}/api/matches`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })],
    ];
    for (const [what, res] of responses) every(res, what);
    const api = responses.find(([w]) => w === 'scenarios')![1];
    expect(csp(api)['default-src']).toEqual(["'none'"]);
    expect(csp(api)['frame-ancestors']).toEqual(["'none'"]);
    const monitor = responses.find(([w]) => w === 'monitor')![1];
    expect(monitor.status).toBe(200);
    expect(csp(monitor)['script-src']).toEqual(["'self'"]);
    expect(csp(monitor)['frame-ancestors']).toEqual(["'none'"]);
  });

  it('CORS: a configured origin gets exactly itself, without credentials; any other origin gets nothing', async () => {
    for (const p of ['/api/scenarios', '/health', '/api/matches']) {
      const allowed = await fetch(`${srv.url}${p}`, { headers: { origin: ALLOWED } });
      expect([p, allowed.headers.get('access-control-allow-origin')]).toEqual([p, ALLOWED]);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect(allowed.headers.get('vary')).toMatch(/Origin/);
      const other = await fetch(`${srv.url}${p}`, { headers: { origin: 'https://evil.example' } });
      expect([p, other.headers.get('access-control-allow-origin')]).toEqual([p, null]);
      expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const preflight = await fetch(`${srv.url}/matchmake/joinOrCreate/match`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const monitor = await fetch(`${srv.url}/monitor/api`, { headers: { origin: 'https://evil.example', ...organizerAuth() } });
    expect(monitor.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS_ORIGINS takes exact origins only', () => {
    expect(corsOriginsFromEnv(' https://a.example , http://localhost:5173 ')).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(corsOriginsFromEnv(undefined)).toEqual([]);
    for (const bad of ['*', 'https://a.example/', 'a.example', 'ftp://a.example', 'https://a.example/path']) expect(() => corsOriginsFromEnv(bad)).toThrow(/CORS_ORIGINS/);
  });
});
