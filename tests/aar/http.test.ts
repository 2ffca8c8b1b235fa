import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import type { Aar, Annotation } from '../../shared/aar/types.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import type { LogEntry, MatchRecord } from '../../shared/engine/match.ts';
import { afterTurn, replay } from '../../shared/engine/replay.ts';
import { cyberAlliance, type Input } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from '../server/harness.ts';
import { Player } from '../server/player.ts';

const baltic = findScenario('baltic-shield')!;
const played = autoplay(cyberAlliance, baltic, 7);

/**
 * The after-action report, the facilitator's annotations and the what-if branch over HTTP
 * (SQLite archive): a match created through the API whose log is a whole bot-played match.
 */
describe('HTTP: after-action report, annotations, what-if branch', () => {
  let srv: TestServer;
  let match: NewMatch;
  const auth = (token = match.facilitatorToken) => ({ authorization: `Bearer ${token}` });
  const url = (path: string) => `${srv.url}/api/matches/${match.matchId}${path}`;
  const post = (path: string, body: unknown, token?: string) => fetch(url(path), { method: 'POST', headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const recordOf = async (id: string): Promise<MatchRecord<Input>> => ({ format: 1, ruleset: 'cyber-alliance', scenario: { id: baltic.id, version: baltic.version }, seed: 7, entries: (await srv.store.entries(id)) as LogEntry<Input>[] });

  beforeAll(async () => {
    srv = await startTestServer();
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 7 });
    // Nobody has joined, so no room writes to this log: fill it with a whole match.
    for (const [i, e] of played.record.entries.entries()) await srv.store.append(match.matchId, i, e);
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('routes are the facilitator’s only: 401 without a token, 403 with another match’s, 404 for no match', async () => {
    const other = await createMatch(srv.url, { scenario: 'baltic-shield' });
    for (const [method, path] of [['GET', '/aar'], ['GET', '/annotations'], ['POST', '/annotations'], ['DELETE', '/annotations/x'], ['POST', '/branch']] as const) {
      expect((await fetch(url(path), { method })).status).toBe(401);
      const wrong = await fetch(url(path), { method, headers: auth(other.facilitatorToken) });
      expect([path, wrong.status]).toEqual([path, 403]);
      expect(await wrong.json()).toMatchObject({ code: 'wrong-token' });
      const none = await fetch(`${srv.url}/api/matches/nope${path}`, { method, headers: auth() });
      expect(await none.json()).toMatchObject({ code: 'unknown-match' });
    }
  });

  it('annotations: pinned to a turn, listed, refused with typed errors, deleted', async () => {
    const made = await post('/annotations', { turn: 4, text: '  Ask Aldoria about <script>alert(1)</script>  ', author: 'White Cell' });
    expect(made.status).toBe(201);
    const a = (await made.json()) as Annotation;
    expect(a).toMatchObject({ turn: 4, text: 'Ask Aldoria about <script>alert(1)</script>', author: 'White Cell', id: expect.stringMatching(/^a-/) });
    const b = (await (await post('/annotations', { turn: 0, text: 'Briefing ran long.' })).json()) as Annotation;
    expect(b.author).toBeNull();
    const cases: [unknown, string][] = [
      [{ turn: -1, text: 'x' }, 'bad-request'],
      [{ turn: 1.5, text: 'x' }, 'bad-request'],
      [{ turn: 1, text: '   ' }, 'bad-request'],
      [{ turn: 1, text: 'x'.repeat(1001) }, 'bad-request'],
      [{ turn: 1 }, 'bad-request'],
      [{ turn: 1, text: 'x', pinned: true }, 'bad-request'],
      [{ turn: 9, text: 'x' }, 'turn-out-of-range'],
    ];
    for (const [body, code] of cases) {
      const res = await post('/annotations', body);
      expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), 400]);
      const json = (await res.json()) as { code: string; message: string };
      expect(json.code).toBe(code);
      expect(json.message.length).toBeGreaterThan(10);
    }
    expect((await post('/annotations', { turn: 8, text: 'x'.repeat(1000) })).status).toBe(201);
    const list = (await (await fetch(url('/annotations'), { headers: auth() })).json()) as { annotations: Annotation[] };
    expect(list.annotations.map((x) => x.turn)).toEqual([0, 4, 8]);
    const last = list.annotations[2]!;
    expect((await fetch(url(`/annotations/${last.id}`), { method: 'DELETE', headers: auth() })).status).toBe(200);
    const again = await fetch(url(`/annotations/${last.id}`), { method: 'DELETE', headers: auth() });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'unknown-annotation' });
    expect((await srv.store.annotations(match.matchId)).map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it('the AAR in four formats, with the annotations; html is a self-contained download', async () => {
    const html = await fetch(url('/aar?format=html'), { headers: auth() });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-disposition')).toBe(`attachment; filename="aar-${match.matchId}.html"`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain('Ask Aldoria about &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(await (await fetch(url('/aar'), { headers: auth() })).text()).toBe(page); // html is the default

    const md = await fetch(url('/aar?format=md'), { headers: auth() });
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await md.text()).toContain('# After-action report');
    const csv = await fetch(url('/aar?format=csv'), { headers: auth() });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(1 + 5 * 9);
    const json = (await (await fetch(url('/aar?format=json'), { headers: auth() })).json()) as Aar;
    expect(json.overview).toMatchObject({ turnsPlayed: 8, phase: 'ended', seed: 7 });
    expect(json.annotations.map((x) => x.turn)).toEqual([0, 4]);

    const bad = await fetch(url('/aar?format=pdf'), { headers: auth() });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad-format' });
  });

  it('a ruleset without reports gets a typed 400; its matches can still be annotated and branched', async () => {
    const other = await createMatch(srv.url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed: 5 });
    const h = { authorization: `Bearer ${other.facilitatorToken}` };
    const res = await fetch(`${srv.url}/api/matches/${other.matchId}/aar`, { headers: h });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'no-aar' });
    const note = await fetch(`${srv.url}/api/matches/${other.matchId}/annotations`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ turn: 0, text: 'lobby' }) });
    expect(note.status).toBe(201);
    const branch = await fetch(`${srv.url}/api/matches/${other.matchId}/branch`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ turn: 0 }) });
    expect(branch.status).toBe(201);
    const created = (await branch.json()) as NewMatch;
    expect(await srv.store.entries(created.matchId)).toEqual([expect.objectContaining({ kind: 'audit', action: 'branchedFrom', detail: { match: other.matchId, turn: 0 } })]);
    const tooFar = await fetch(`${srv.url}/api/matches/${other.matchId}/branch`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ turn: 1 }) });
    expect(await tooFar.json()).toMatchObject({ code: 'turn-out-of-range', message: expect.stringContaining('only turn 0') });
  });

  it('branch: refuses turns it cannot branch from, with a typed 400', async () => {
    for (const [body, code] of [[{ turn: 8 }, 'turn-out-of-range'], [{ turn: 99 }, 'turn-out-of-range'], [{ turn: -1 }, 'bad-request'], [{ turn: '3' }, 'bad-request'], [{}, 'bad-request']] as const) {
      const res = await post('/branch', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(await res.json()).toMatchObject({ code });
    }
    const before = (await srv.store.listMatches()).length;
    for (const body of [{ turn: 8 }, { turn: 99 }]) await post('/branch', body);
    expect((await srv.store.listMatches()).length).toBe(before); // nothing was created
  });

  it('branch: a new match that replays to the source’s state at that turn, with new codes and open seats', async () => {
    const res = await post('/branch', { turn: 3 });
    expect(res.status).toBe(201);
    const branch = (await res.json()) as NewMatch & { branchedFrom: { matchId: string; turn: number } };
    expect(branch.branchedFrom).toEqual({ matchId: match.matchId, turn: 3 });
    expect(branch.matchId).not.toBe(match.matchId);
    expect(branch.facilitatorToken).not.toBe(match.facilitatorToken);
    expect(branch.seats.map((s) => [s.seat, s.bot])).toEqual(match.seats.map((s) => [s.seat, s.bot]));
    const oldCodes = new Set([...match.seats.map((s) => s.code), match.observerCode]);
    for (const c of [...branch.seats.map((s) => s.code), branch.observerCode]) expect(oldCodes.has(c)).toBe(false);

    const source = replay(cyberAlliance, baltic, await recordOf(match.matchId), afterTurn(3));
    const copy = replay(cyberAlliance, baltic, await recordOf(branch.matchId));
    expect(copy.ok && source.ok).toBe(true);
    expect(copy.match?.phase).toBe('debrief');
    expect(copy.match?.turn).toBe(3);
    expect(JSON.stringify(copy.match?.state)).toBe(JSON.stringify(source.match?.state));
    expect(JSON.stringify(copy.match?.events)).toBe(JSON.stringify(source.match?.events));
    expect(copy.match?.bots).toEqual(['kragan']); // the source's bots everywhere, put back to the scenario's default
    const entries = await srv.store.entries(branch.matchId);
    expect(entries.at(-1)).toMatchObject({ kind: 'audit', action: 'branchedFrom', detail: { match: match.matchId, turn: 3 } });
    expect((await srv.store.listMatches()).find((m) => m.id === branch.matchId)).toMatchObject({ phase: 'debrief', turn: 3, seatsFilled: 0 });
    // The source is untouched.
    expect(await srv.store.entries(match.matchId)).toEqual(played.record.entries);

    // It can be joined and played on: people take seats, the facilitator moves to turn 4.
    const fac = await Player.join(srv.url, { matchId: branch.matchId, facilitatorToken: branch.facilitatorToken, name: 'White Cell' });
    const ald = await Player.join(srv.url, { matchId: branch.matchId, code: codeOf(branch, 'aldoria'), name: 'Ana' });
    try {
      await ald.until((s) => s.turn === 3 && s.phase === 'debrief');
      await fac.must('advancePhase');
      await fac.must('advancePhase');
      await ald.until((s) => s.turn === 4 && s.phase === 'planning');
      await ald.must('submitOrder', { order: { type: 'defend', network: 'ald-grid', action: 'harden' } });
      await fac.must('advancePhase');
      await ald.until((s) => s.turn === 4 && s.phase === 'debrief');
      const log = await srv.store.entries(branch.matchId);
      expect(log.some((e) => e.kind === 'input' && e.seat === 'aldoria')).toBe(true);
      expect(replay(cyberAlliance, baltic, await recordOf(branch.matchId)).match).toMatchObject({ turn: 4, phase: 'debrief' });
      // The AAR of the branch reads like any other match's.
      const aar = (await (await fetch(`${srv.url}/api/matches/${branch.matchId}/aar?format=json`, { headers: auth(branch.facilitatorToken) })).json()) as Aar;
      expect(aar.overview.turnsPlayed).toBe(4);
    } finally {
      await ald.leave();
      await fac.leave();
    }
  });
});
