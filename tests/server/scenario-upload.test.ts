import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadMatch } from '../../server/match-loader.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import type { MatchRecord } from '../../shared/engine/match.ts';
import { parseRecord } from '../../shared/engine/record-schema.ts';
import { replay } from '../../shared/engine/replay.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findRuleset, scenarioForKey } from '../../shared/rulesets.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { validateScenario } from '../../shared/scenarios/validate.ts';
import type { DryRunReport } from '../../shared/study/dry-run.ts';
import { TEST_ORGANIZER_KEY, startTestServer, type TestServer } from './harness.ts';

const KEY = TEST_ORGANIZER_KEY;
const root = new URL('../../', import.meta.url);
const baltic = readFileSync(new URL('scenarios/baltic-shield.json', root), 'utf8');
/** A scenario no build ships: baltic-shield renamed, its file text kept as the organizer wrote it. */
const uploaded = baltic.replace('"id": "baltic-shield"', '"id": "frozen-strait"').replace('"name": "Aldoria"', '"name": "Nordmark"').replace('"title": "Baltic Shield — open the corridor"', '"title": "Frozen Strait"');
const parsed = validateScenario(JSON.parse(uploaded));
if (!parsed.ok) throw new Error('the test scenario is invalid');
const scenario: Scenario = parsed.value;

/** Parses an SSE body into its events. */
function events(text: string): { event: string; data: unknown }[] {
  return text
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((b) => ({ event: /^event: (.*)$/m.exec(b)?.[1] ?? '', data: JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? 'null') as unknown }));
}

describe('scenario upload, matches from it, and the dry run (HTTP, SQLite archive)', () => {
  let srv: TestServer;
  const post = (path: string, body: string, key: string | null = KEY) => fetch(`${srv.url}/api/scenarios${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body });

  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('every route is the organizer’s: refused without the key or with another, and nothing is created', async () => {
    for (const path of ['', '/matches', '/dry-run']) {
      const none = await post(path, uploaded, null);
      expect([path, none.status]).toEqual([path, 401]);
      expect(await none.json()).toMatchObject({ code: 'not-signed-in', message: expect.stringMatching(/organizer/i) });
      const wrong = await post(path, uploaded, 'seo_not-the-key-of-anyone-here');
      expect([path, wrong.status]).toEqual([path, 403]);
      expect(await wrong.json()).toMatchObject({ code: 'wrong-key' });
    }
    expect(await srv.store.listMatches()).toEqual([]);
  });

  it('a valid file is answered with its summary and seats', async () => {
    const r = await post('', uploaded);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ scenario: { id: 'frozen-strait', title: 'Frozen Strait', allies: 4 }, seats: expect.arrayContaining([{ seat: 'aldoria', name: 'Nordmark', bot: false }]) });
  });

  it('a file with 20 mistakes is refused with its 20 errors, field by field', async () => {
    const r = await post('', readFileSync(new URL('tests/fixtures/scenarios/twenty-mistakes.json', root), 'utf8'));
    expect(r.status).toBe(422);
    const body = (await r.json()) as { code: string; message: string; errors: { path: string; message: string }[] };
    expect(body.code).toBe('bad-scenario');
    expect(body.message).toBe('The scenario has 20 errors; each is listed with its field.');
    expect(body.errors).toHaveLength(20);
    expect(body.errors[0]).toEqual({ path: 'version', message: expect.any(String) });
  });

  it('sizes are bounded with typed errors: an empty body, a file over 512 KiB, not JSON, a dry run of too many matches', async () => {
    expect(await (await post('', '')).json()).toMatchObject({ code: 'no-scenario' });
    const big = await post('', `{"pad": "${'x'.repeat(600 * 1024)}"}`);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'too-large', message: expect.stringMatching(/512 KiB/) });
    const notJson = await post('', '{ "id": ');
    expect(notJson.status).toBe(422);
    expect(await notJson.json()).toMatchObject({ errors: [{ path: '(root)', message: expect.stringMatching(/not valid JSON/) }] });
    expect(await (await post('/dry-run?matches=401', uploaded)).json()).toMatchObject({ code: 'bad-request' });
    expect(await (await post('/matches?seed=-1', uploaded)).json()).toMatchObject({ code: 'bad-request' });
    expect(await srv.store.listMatches()).toEqual([]);
  });

  describe('a match created from the uploaded file', () => {
    let match: NewMatch;
    const auth = () => ({ authorization: `Bearer ${match.facilitatorToken}` });
    const played = autoplay(cyberAlliance, scenario, 11);

    beforeAll(async () => {
      const r = await post('/matches?seed=11', uploaded);
      expect(r.status).toBe(201);
      match = (await r.json()) as NewMatch;
      // Nobody joins, so no room writes this log: fill it with a whole bot-played match.
      for (const [i, e] of played.record.entries.entries()) await srv.store.append(match.matchId, i, e);
    });

    it('is stored with the file’s exact text and loads like any match', async () => {
      expect(match.seats.map((s) => s.name)).toContain('Nordmark');
      expect(await srv.store.scenarioContent(match.matchId)).toBe(uploaded);
      const loaded = await loadMatch(srv.store, match.matchId);
      if (!loaded.ok) throw new Error(loaded.error.message);
      expect(loaded.value.match.phase).toBe('ended');
      expect(JSON.stringify(loaded.value.match.state)).toBe(JSON.stringify(played.match.state));
    });

    it('exports a record that carries the scenario and replays without the server (as the replay CLI and viewer do)', async () => {
      const res = await fetch(`${srv.url}/api/matches/${match.matchId}/record`, { headers: auth() });
      const record = parseRecord(await res.json());
      if (!record.ok) throw new Error(record.error.message);
      expect(record.value.scenario).toMatchObject({ id: 'frozen-strait', version: '1.1', data: JSON.parse(uploaded) });
      const entry = findRuleset('cyber-alliance')!;
      const found = scenarioForKey(entry, record.value.scenario);
      if (!found.ok) throw new Error(found.error.message);
      const r = replay(cyberAlliance, found.value as Scenario, record.value as MatchRecord<never>);
      if (!r.ok) throw new Error(r.error.message);
      expect(JSON.stringify(r.match.state)).toBe(JSON.stringify(played.match.state));
      // Tampered data is refused with a reason, not replayed.
      expect(scenarioForKey(entry, { ...record.value.scenario, id: 'baltic-shield' })).toMatchObject({ ok: false, error: { code: 'scenario-mismatch' } });
    });

    it('gives its after-action report and branches, the branch keeping the same scenario text', async () => {
      const aar = await fetch(`${srv.url}/api/matches/${match.matchId}/aar?format=md`, { headers: auth() });
      expect(aar.status).toBe(200);
      const md = await aar.text();
      expect(md).toContain('Frozen Strait');
      expect(md).toContain('Nordmark');
      const branch = await fetch(`${srv.url}/api/matches/${match.matchId}/branch`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ turn: 3 }) });
      expect(branch.status).toBe(201);
      const b = (await branch.json()) as NewMatch;
      expect(await srv.store.scenarioContent(b.matchId)).toBe(uploaded);
      const loaded = await loadMatch(srv.store, b.matchId);
      expect(loaded.ok && loaded.value.match.turn).toBe(3);
    });
  });

  it('a dry run streams progress, then a report: wins, objectives, turn times, the claims and warnings', async () => {
    const r = await post('/dry-run?matches=6', uploaded);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const got = events(await r.text());
    const progress = got.filter((e) => e.event === 'progress').map((e) => e.data as { done: number; total: number });
    expect(progress[0]).toEqual({ done: 0, total: 6 });
    expect(progress.at(-1)).toEqual({ done: 6, total: 6 });
    const report = got.find((e) => e.event === 'report')?.data as DryRunReport & { wallMs: number };
    expect(report.matches).toBe(6);
    expect(report.scenario.id).toBe('frozen-strait');
    expect(report.wins.reduce((t, w) => t + w.share, 0)).toBeCloseTo(1, 6);
    expect(report.wins.map((w) => w.name)).toContain('Nordmark');
    expect(report.coalitionObjectives.map((o) => o.id)).toEqual(['open-corridor']);
    expect(report.privateObjectives).toHaveLength(4);
    expect(report.claims.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(report.turnMs.mean).toBeGreaterThan(0);
  });

  it('a dry run warns when a seat can never score or the coalition objective is unreachable', async () => {
    const s = JSON.parse(uploaded);
    // The corridor must be destroyed in turn 1, and no ally holds a destroy tool at the start.
    s.coalitionObjectives[0].effects = ['destroy'];
    s.coalitionObjectives[0].byTurn = 1;
    s.allies[3].objectives = [];
    const got = events(await (await post('/dry-run?matches=4', JSON.stringify(s))).text());
    const report = got.find((e) => e.event === 'report')?.data as DryRunReport;
    expect(report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/Duvessa has no private objective/), expect.stringMatching(/coalition objective .* was never reached in 4 matches/)]));
  });
});
