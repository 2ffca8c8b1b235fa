import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { createMatch, organizerAuth, startTestServer, type TestServer } from '../server/harness.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run organizer', () => {
  let dir = '';
  let srv: TestServer;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['scripts/organizer.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'se-organizer-'));
    srv = await startTestServer({ dir, store: new SqliteStore(path.join(dir, 'matches.sqlite')) });
  });
  afterAll(async () => {
    await srv?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds an organizer whose key creates matches on the running server, and lists it with its matches', async () => {
    const added = run('add', 'Ms', 'Field');
    expect(added.status).toBe(0);
    const key = /^(seo_\S+)$/m.exec(added.stdout)?.[1] ?? '';
    expect(key).not.toBe('');
    const m = await createMatch(srv.url, { scenario: 'baltic-shield' }, key);
    const mine = (await (await fetch(`${srv.url}/api/matches`, { headers: organizerAuth(key) })).json()) as { matches: { id: string }[] };
    expect(mine.matches.map((x) => x.id)).toEqual([m.matchId]);
    const list = run('list');
    expect(list.stdout).toMatch(/\tMs Field\t1 matches\t/);
    expect(list.stdout).toMatch(/^owner\towner\t0 matches\t/m);
    expect(run('add', 'Ms', 'Field')).toMatchObject({ status: 1, stderr: expect.stringMatching(/already an organizer called "Ms Field"/) });
  });

  it('gives a new key (the old one stops working) and a one-time link', async () => {
    const old = /^(seo_\S+)$/m.exec(run('add', 'Mr Stone').stdout)?.[1] ?? '';
    const fresh = run('key', 'Mr Stone');
    expect(fresh.status).toBe(0);
    const key = /^(seo_\S+)$/m.exec(fresh.stdout)?.[1] ?? '';
    expect((await fetch(`${srv.url}/api/matches`, { headers: organizerAuth(old) })).status).toBe(403);
    expect((await fetch(`${srv.url}/api/matches`, { headers: organizerAuth(key) })).status).toBe(200);
    const link = run('link', 'Mr Stone', '--url', srv.url);
    const url = /^(http\S+)$/m.exec(link.stdout)?.[1] ?? '';
    expect(url).toMatch(/\/signin\?once=/);
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
  });

  it('says what is wrong with a call', () => {
    expect(run('key', 'Nobody')).toMatchObject({ status: 1, stderr: expect.stringMatching(/no organizer "Nobody"/) });
    expect(run('frob')).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown command "frob"/) });
    expect(run()).toMatchObject({ status: 2 });
    expect(run('--help').stdout).toMatch(/Usage: npm run organizer -- add <name>/);
  });
});
