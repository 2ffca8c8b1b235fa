import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganizer } from '../../server/auth/organizer-admin.ts';
import { OWNER_ID } from '../../server/auth/organizers.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { createMatch, organizerAuth, startTestServer, TEST_ORGANIZER_KEY, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/** The session cookie (name=value) a sign-in answered with, and the whole Set-Cookie line. */
async function signIn(url: string, key: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string; setCookie: string }> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ key }) });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, cookie: setCookie.split(';')[0] ?? '', setCookie };
}

async function joinFails(url: string, options: Record<string, unknown>, headers: Record<string, string>): Promise<string> {
  try {
    const room = await new Client(url, { headers }).joinOrCreate('match', options);
    await room.leave(true);
  } catch (e) {
    return (e as Error).message;
  }
  return 'joined';
}

/**
 * Issue 13, organizers: creating and listing matches need an organizer (key or session);
 * the list is the organizer's own; the organizer's session re-enters its matches as the
 * facilitator, over HTTP and in the room, without the token.
 */
describe('organizers', () => {
  let srv: TestServer;
  let other: { key: string; id: string };
  let mine: NewMatch;
  let theirs: NewMatch;

  beforeAll(async () => {
    srv = await startTestServer();
    const added = await addOrganizer(srv.store, 'Teacher Two', Date.now());
    if (!added.ok) throw new Error(added.error.message);
    other = { key: added.value.key, id: added.value.organizer.id };
    mine = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 1 });
    theirs = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 2 }, other.key);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('creates no match without the organizer credential', async () => {
    const before = (await srv.store.listMatches()).length;
    const body = JSON.stringify({ scenario: 'baltic-shield' });
    const post = (headers: Record<string, string>) => fetch(`${srv.url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const owner = await signIn(srv.url, TEST_ORGANIZER_KEY);
    const attempts: [Record<string, string>, number, string][] = [
      [{}, 401, 'not-signed-in'],
      [organizerAuth('seo_guessed-key-guessed-key-000'), 403, 'wrong-key'],
      [{ authorization: `Bearer ${mine.facilitatorToken}` }, 401, 'not-signed-in'],
      [{ authorization: 'Basic b3duZXI6eA==' }, 401, 'not-signed-in'],
      [{ cookie: 'se_organizer=owner.99999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 401, 'not-signed-in'],
      // A real session cookie, but sent by another site's page: not honoured.
      [{ cookie: owner.cookie, origin: 'https://evil.example' }, 401, 'not-signed-in'],
      [{ cookie: owner.cookie, 'sec-fetch-site': 'same-site' }, 401, 'not-signed-in'],
    ];
    for (const [headers, status, code] of attempts) {
      const res = await post(headers);
      expect([JSON.stringify(headers).slice(0, 60), res.status, ((await res.json()) as { code: string }).code]).toEqual([JSON.stringify(headers).slice(0, 60), status, code]);
    }
    expect((await srv.store.listMatches()).length).toBe(before);
    expect((await fetch(`${srv.url}/api/matches`)).status).toBe(401);
  });

  it('signs in with the key: an HttpOnly, SameSite=Strict cookie, not Secure over plain HTTP', async () => {
    const s = await signIn(srv.url, TEST_ORGANIZER_KEY);
    expect(s.status).toBe(200);
    expect(s.setCookie).toMatch(/^se_organizer=owner\.\d+\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Strict$/);
    const who = await fetch(`${srv.url}/api/session`, { headers: { cookie: s.cookie } });
    expect(await who.json()).toEqual({ organizer: { id: OWNER_ID, name: 'owner' } });
    expect(await (await fetch(`${srv.url}/api/session`)).json()).toEqual({ organizer: null });
    expect((await signIn(srv.url, 'seo_wrong-wrong-wrong-wrong')).status).toBe(403);
    // X-Forwarded-Proto from a client is ignored when no proxy is trusted …
    expect((await signIn(srv.url, TEST_ORGANIZER_KEY, { 'x-forwarded-proto': 'https' })).setCookie).not.toMatch(/Secure/);
    const out = await fetch(`${srv.url}/api/session`, { method: 'DELETE', headers: { cookie: s.cookie } });
    expect(out.headers.get('set-cookie')).toMatch(/^se_organizer=; Path=\/; Max-Age=0/);
  });

  it('a one-time sign-in link signs in once and goes to /new; used again, it says so', async () => {
    const once = await srv.running.organizers.newSignIn(OWNER_ID);
    const first = await fetch(`${srv.url}/signin?once=${once}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/new');
    expect(first.headers.get('set-cookie')).toMatch(/^se_organizer=owner\./);
    const again = await fetch(`${srv.url}/signin?once=${once}`, { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toMatch(/has been used or has expired/);
  });

  it('lists only the organizer’s own matches, newest first, a page at a time', async () => {
    const made = [mine.matchId];
    for (let i = 0; i < 4; i++) made.push((await createMatch(srv.url, { scenario: 'baltic-shield', seed: 10 + i })).matchId);
    const seen: string[] = [];
    let next: string | null = null;
    for (let page = 0; page < 10; page++) {
      const url: string = `${srv.url}/api/matches?limit=2${next ? `&after=${encodeURIComponent(next)}` : ''}`;
      const body = (await (await fetch(url, { headers: organizerAuth() })).json()) as { matches: { id: string }[]; next: string | null };
      expect(body.matches.length).toBeLessThanOrEqual(2);
      seen.push(...body.matches.map((m) => m.id));
      next = body.next;
      if (!next) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(expect.arrayContaining([...made].sort()));
    expect(seen).not.toContain(theirs.matchId);
    const theirList = (await (await fetch(`${srv.url}/api/matches`, { headers: organizerAuth(other.key) })).json()) as { matches: { id: string }[] };
    expect(theirList.matches.map((m) => m.id)).toEqual([theirs.matchId]);
    const bad = await fetch(`${srv.url}/api/matches?limit=5000`, { headers: organizerAuth() });
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([400, 'bad-request']);
  });

  it('re-entry over HTTP: the organizer uses the facilitator routes of its own matches without the token, not of others', async () => {
    const { cookie } = await signIn(srv.url, TEST_ORGANIZER_KEY);
    for (const headers of [{ cookie }, organizerAuth()]) {
      expect((await fetch(`${srv.url}/api/matches/${mine.matchId}/record`, { headers })).status).toBe(200);
      expect((await fetch(`${srv.url}/api/matches/${mine.matchId}/codes`, { headers })).status).toBe(200);
      expect((await fetch(`${srv.url}/api/matches/${mine.matchId}/aar?format=json`, { headers })).status).toBe(200);
      const note = await fetch(`${srv.url}/api/matches/${mine.matchId}/annotations`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ turn: 0, text: 'organizer note' }) });
      expect(note.status).toBe(201);
      const refused = await fetch(`${srv.url}/api/matches/${theirs.matchId}/record`, { headers });
      expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([403, 'not-your-match']);
    }
    const branch = await fetch(`${srv.url}/api/matches/${mine.matchId}/branch`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ turn: 0 }) });
    expect(branch.status).toBe(201);
    const branched = (await branch.json()) as { matchId: string };
    // The branch is the organizer's too.
    expect((await srv.store.getMatch(branched.matchId))?.organizerId).toBe(OWNER_ID);
    // The facilitator token still works alone, for whoever holds it.
    expect((await fetch(`${srv.url}/api/matches/${theirs.matchId}/record`, { headers: { authorization: `Bearer ${theirs.facilitatorToken}` } })).status).toBe(200);
  });

  it('re-entry in the room: { matchId, organizer: true, name } opens the console for the match’s organizer only', async () => {
    const { cookie } = await signIn(srv.url, TEST_ORGANIZER_KEY);
    const client = new Client(srv.url, { headers: { cookie } });
    const fac = new Player(await client.joinOrCreate('match', { matchId: mine.matchId, organizer: true, name: 'White Cell' }));
    try {
      expect((await fac.ask('hello')).data).toMatchObject({ role: 'facilitator', seat: null });
      expect((await fac.ask('startMatch')).ok).toBe(true);
    } finally {
      await fac.leave();
    }
    const byKey = new Client(srv.url, { headers: organizerAuth() });
    const fac2 = new Player(await byKey.joinOrCreate('match', { matchId: mine.matchId, organizer: true, name: 'Deputy' }));
    expect((await fac2.ask('hello')).data).toMatchObject({ role: 'facilitator', seat: null });
    await fac2.leave();
    expect(await joinFails(srv.url, { matchId: theirs.matchId, organizer: true, name: 'Nosy' }, { cookie })).toMatch(/^not-your-match:/);
    expect(await joinFails(srv.url, { matchId: mine.matchId, organizer: true, name: 'Nobody' }, {})).toMatch(/^not-signed-in:/);
    expect(await joinFails(srv.url, { matchId: mine.matchId, organizer: true, name: 'Framed' }, { cookie, origin: 'https://evil.example' })).toMatch(/^not-signed-in:/);
    expect(await joinFails(srv.url, { matchId: mine.matchId, organizer: true, code: 'ABCD-EFGH-JKMN', name: 'Both' }, { cookie })).toMatch(/^bad-join:/);
    // The join is in the log: who took the White Cell, by name.
    const joins = (await srv.store.entries(mine.matchId)).filter((e) => e.kind === 'audit' && e.action === 'join').map((e) => (e as { detail: unknown }).detail);
    expect(joins).toEqual(expect.arrayContaining([{ role: 'facilitator', seat: null, name: 'White Cell' }, { role: 'facilitator', seat: null, name: 'Deputy' }]));
  });

  it('a new key signs the organizer’s sessions out', async () => {
    const { cookie } = await signIn(srv.url, other.key);
    expect(await (await fetch(`${srv.url}/api/session`, { headers: { cookie } })).json()).toMatchObject({ organizer: { name: 'Teacher Two' } });
    const { newKeyFor } = await import('../../server/auth/organizer-admin.ts');
    const fresh = await newKeyFor(srv.store, 'Teacher Two');
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(await (await fetch(`${srv.url}/api/session`, { headers: { cookie } })).json()).toEqual({ organizer: null });
    expect((await fetch(`${srv.url}/api/matches`, { headers: organizerAuth(other.key) })).status).toBe(403);
    expect((await fetch(`${srv.url}/api/matches`, { headers: organizerAuth(fresh.value.key) })).status).toBe(200);
  });

  // Last: Colyseus' matchmaker is one per process, and closing a second server shuts it down for all.
  it('behind a trusted proxy that says https, the cookie is Secure', async () => {
    await srv.stop();
    const proxied = await startTestServer({ app: { trustProxy: 1 } });
    try {
      expect((await signIn(proxied.url, TEST_ORGANIZER_KEY, { 'x-forwarded-proto': 'https' })).setCookie).toMatch(/; Secure$/);
      expect((await signIn(proxied.url, TEST_ORGANIZER_KEY)).setCookie).not.toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });
});
