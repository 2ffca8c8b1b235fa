import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

/** server/http/home.ts: with a built client, `/` and the client's routes serve it; the API stays the API. */
describe('serving the built browser client', () => {
  let srv: TestServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'se-built-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>built client</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    srv = await startTestServer({ clientDir: dir });
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET / and a client route such as /projector answer the built index.html', async () => {
    for (const route of ['/', '/projector?match=x&code=y', '/new']) {
      const res = await fetch(`${srv.url}${route}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('built client');
    }
  });

  it('serves the assets, and a missing asset is a 404, not index.html', async () => {
    expect(await (await fetch(`${srv.url}/assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${srv.url}/assets/missing.js`)).status).toBe(404);
  });

  it('API routes keep their JSON answers, including their 404', async () => {
    expect((await fetch(`${srv.url}/health`)).status).toBe(200);
    const res = await fetch(`${srv.url}/api/nope`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not-found' });
  });
});
