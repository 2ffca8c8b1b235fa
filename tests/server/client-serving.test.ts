import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
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
    // As vite.config.ts writes them: the same file pre-compressed beside it.
    writeFileSync(path.join(dir, 'assets', 'app.js.br'), brotliCompressSync('console.log("br")'));
    writeFileSync(path.join(dir, 'assets', 'app.js.gz'), gzipSync('console.log("gz")'));
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
    expect(await (await fetch(`${srv.url}/assets/app.js`, { headers: { 'accept-encoding': 'identity' } })).text()).toBe('console.log(1)');
    expect((await fetch(`${srv.url}/assets/missing.js`)).status).toBe(404);
  });

  it('sends the pre-compressed file the browser accepts: brotli first, then gzip, else the plain file', async () => {
    // fetch decodes the body itself: the text tells which file was sent.
    const br = await fetch(`${srv.url}/assets/app.js`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe('console.log("br")');
    const gz = await fetch(`${srv.url}/assets/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe('console.log("gz")');
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
  });

  it('hashed assets are cached for a year as immutable; index.html, on any client route, is revalidated every time', async () => {
    const asset = await fetch(`${srv.url}/assets/app.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const route of ['/', '/index.html', '/play?match=x', '/j/ABCDEF']) {
      const page = await fetch(`${srv.url}${route}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('API routes keep their JSON answers, including their 404', async () => {
    expect((await fetch(`${srv.url}/health`)).status).toBe(200);
    const res = await fetch(`${srv.url}/api/nope`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not-found' });
  });
});
