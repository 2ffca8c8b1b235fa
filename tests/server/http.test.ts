import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganizer } from '../../server/auth/organizer-admin.ts';
import { organizerAuth, startTestServer, TEST_ORGANIZER_KEY, type TestServer } from './harness.ts';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** docs/design.md §8 express routes: health, scenarios, match creation and list, the guarded monitor. */
describe('HTTP routes', () => {
  let srv: TestServer;
  const post = (body: string, type = 'application/json') => fetch(`${srv.url}/api/matches`, { method: 'POST', headers: { 'content-type': type, ...organizerAuth() }, body });

  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('GET / explains the server and links its routes, instead of an Express error page', async () => {
    const res = await fetch(`${srv.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('Sovereign Effects');
    expect(html).toContain('/api/matches');
  });

  it('GET /health answers ok with the store kind and uptime', async () => {
    const res = await fetch(`${srv.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, store: 'sqlite', uptimeSeconds: expect.any(Number) });
  });

  it('GET /api/scenarios lists the shipped scenarios with their seats', async () => {
    const { scenarios } = (await (await fetch(`${srv.url}/api/scenarios`)).json()) as { scenarios: { id: string; ruleset: string; seats: { seat: string; bot: boolean }[] }[] };
    const baltic = scenarios.find((s) => s.id === 'baltic-shield');
    expect(baltic).toMatchObject({ ruleset: 'cyber-alliance', turns: 8, planningSeconds: 240 });
    expect(baltic?.seats.filter((s) => s.bot).map((s) => s.seat)).toEqual(['kragan']);
  });

  it('POST /api/matches creates a match: token, one code per seat, an observer code', async () => {
    const res = await post(JSON.stringify({ scenario: 'baltic-shield', seed: 42, planningSeconds: 90 }));
    expect(res.status).toBe(201);
    const m = (await res.json()) as { matchId: string; facilitatorToken: string; seats: { code: string }[]; observerCode: string };
    expect(m.facilitatorToken.length).toBeGreaterThanOrEqual(32);
    expect(new Set([...m.seats.map((s) => s.code), m.observerCode]).size).toBe(6);
    const meta = await srv.store.getMatch(m.matchId);
    expect(meta).toMatchObject({ seed: 42, scenarioId: 'baltic-shield' });
    expect(JSON.stringify(meta)).not.toContain(m.facilitatorToken);
    expect(await srv.store.entries(m.matchId)).toEqual([expect.objectContaining({ kind: 'audit', action: 'configure', detail: { planningSeconds: 90 } })]);
    const list = (await (await fetch(`${srv.url}/api/matches`, { headers: organizerAuth() })).json()) as { matches: { id: string; phase: string; seatsTotal: number }[] };
    expect(list.matches.find((x) => x.id === m.matchId)).toMatchObject({ phase: 'lobby', seatsTotal: 5 });
  });

  it('a body the parser cannot read (an unknown encoding or charset) is the sender\'s fault: its 4xx as JSON, nothing logged', async () => {
    const logged = srv.logs.length;
    const encoded = await fetch(`${srv.url}/api/join/check`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'x-unknown' }, body: '{}' });
    expect(encoded.status).toBe(415);
    expect(await encoded.json()).toMatchObject({ code: 'bad-request', message: 'The server could not read the body of this request.' });
    const charset = await fetch(`${srv.url}/api/join/check`, { method: 'POST', headers: { 'content-type': 'application/json; charset=klingon' }, body: '{}' });
    expect(charset.status).toBe(415);
    expect((await charset.json()) as { code: string }).toMatchObject({ code: 'bad-request' });
    expect(srv.logs.slice(logged)).toEqual([]);
  });

  it('bad bodies are refused with a JSON {code, message}', async () => {
    const cases: [string, number, string][] = [
      ['{not json', 400, 'bad-json'],
      ['{}', 400, 'bad-request'],
      [JSON.stringify({ scenario: 'atlantis' }), 400, 'unknown-scenario'],
      [JSON.stringify({ scenario: 'baltic-shield', ruleset: 'chess' }), 400, 'unknown-ruleset'],
      [JSON.stringify({ scenario: 'baltic-shield', seed: -1 }), 400, 'bad-request'],
      [JSON.stringify({ scenario: 'baltic-shield', planningSeconds: 0 }), 400, 'bad-request'],
      [JSON.stringify({ scenario: 'baltic-shield', admin: true }), 400, 'bad-request'],
      [JSON.stringify({ scenario: 'x'.repeat(20_000) }), 413, 'too-large'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect([body.slice(0, 30), res.status]).toEqual([body.slice(0, 30), status]);
      const json = (await res.json()) as { code: string; message: string };
      expect(json.code).toBe(code);
      expect(json.message.length).toBeGreaterThan(5);
    }
    const unknown = await fetch(`${srv.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not-found' });
  });

  it('the monitor is never open: only the owner organizer, by key or session, gets in', async () => {
    expect((await fetch(`${srv.url}/monitor`)).status).toBe(401);
    expect((await fetch(`${srv.url}/monitor/api`, { headers: { authorization: basic('admin', 'wrong') } })).status).toBe(401);
    expect((await fetch(`${srv.url}/monitor/api`, { headers: { authorization: basic('admin', TEST_ORGANIZER_KEY) } })).status).toBe(401);
    expect((await fetch(`${srv.url}/monitor/api`, { headers: organizerAuth('seo_not-the-key-at-all-000000') })).status).toBe(403);
    const other = await addOrganizer(srv.store, 'Teacher Two', Date.now());
    if (!other.ok) throw new Error(other.error.message);
    const refused = await fetch(`${srv.url}/monitor/api`, { headers: organizerAuth(other.value.key) });
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([403, 'not-owner']);
    expect((await fetch(`${srv.url}/monitor/`, { headers: organizerAuth() })).status).toBe(200);
    const session = await fetch(`${srv.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: TEST_ORGANIZER_KEY }) });
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${srv.url}/monitor/api`, { headers: { cookie } })).status).toBe(200);
  });
});
