import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoplay } from '../../shared/engine/autoplay.ts';
import type { LogEntry } from '../../shared/engine/match.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { createMatch } from '../../server/match-factory.ts';
import { MatchHost } from '../../server/match-host.ts';
import { loadMatch } from '../../server/match-loader.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { FaultyStore } from './faulty-store.ts';

const scenario = findScenario('baltic-shield');
if (!scenario) throw new Error('no scenario');

/** MatchHost without Colyseus (docs/design.md §7–§8): the queue, durability, the bot passes. */
describe('MatchHost', () => {
  let store: FaultyStore;
  let t = 1_000_000;

  async function open(seed: number) {
    const created = await createMatch(store, { ruleset: 'cyber-alliance', scenario: 'baltic-shield', seed, organizerId: null }, t);
    if (!created.ok) throw new Error(created.error.message);
    const loaded = await loadMatch(store, created.value.matchId);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { ruleset, match, entries } = loaded.value;
    return new MatchHost({ store, matchId: created.value.matchId, ruleset, match, entries, now: () => (t += 7), log: () => {}, snapshotEvery: 1 });
  }

  beforeEach(async () => {
    store = new FaultyStore(new SqliteStore(':memory:'));
    await store.init();
  });
  afterEach(async () => {
    await store.close();
  });

  it('an accepted entry is in the store before the caller hears of it', async () => {
    const host = await open(1);
    let notified = 0;
    host.onChange(() => (notified += 1));
    const r = await host.control({ type: 'start' });
    expect(r.ok).toBe(true);
    expect(await store.entries(host.matchId)).toHaveLength(1);
    expect(host.entries).toHaveLength(1);
    expect(notified).toBe(1);
  });

  it('when the store fails, nothing changes and the answer is storage-failed', async () => {
    const host = await open(2);
    await host.control({ type: 'start' });
    const before = host.match;
    let notified = 0;
    host.onChange(() => (notified += 1));
    store.failAppends = true;
    const r = await host.control({ type: 'openPlanning' });
    expect(r).toMatchObject({ ok: false, error: { code: 'storage-failed' } });
    expect(host.match).toBe(before);
    expect(host.entries).toHaveLength(1);
    expect(notified).toBe(0);
    store.failAppends = false;
    expect((await host.control({ type: 'openPlanning' })).ok).toBe(true);
  });

  it('a refused entry is not stored and changes nothing', async () => {
    const host = await open(3);
    const r = await host.input('aldoria' as SeatId, { type: 'order', order: { type: 'report', text: 'too early' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'wrong-phase' } });
    expect(await store.entries(host.matchId)).toHaveLength(0);
  });

  it('many concurrent callers are serialised: the log has no gaps and replays', async () => {
    const host = await open(4);
    await host.control({ type: 'start' });
    await host.control({ type: 'openPlanning' });
    const results = await Promise.all(['ald-mod', 'ald-grid', 'ald-sat', 'ald-mod', 'ald-grid'].map((network) => host.input('aldoria' as SeatId, { type: 'order', order: { type: 'defend', network, action: 'harden' } })));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const reloaded = await loadMatch(store, host.matchId);
    if (!reloaded.ok) throw new Error(reloaded.error.message);
    expect(reloaded.value.match).toEqual(host.match);
  });

  it('drives bot seats exactly as autoplay does: the same inputs, in the same order, in the log', async () => {
    const host = await open(5);
    for (const seat of ['aldoria', 'brennmark', 'corvania', 'duvessa']) await host.control({ type: 'setBot', seat: seat as SeatId, bot: true });
    await host.control({ type: 'start' });
    await host.advance();
    expect(host.match.phase).toBe('debrief');
    await host.advance();
    await host.advance();
    expect(host.match).toMatchObject({ phase: 'debrief', turn: 2 });
    const auto = autoplay(cyberAlliance, scenario, 5, { turns: 2 });
    const strip = (entries: readonly LogEntry<unknown>[]) => entries.map(({ at: _at, ...rest }) => rest);
    const mine = strip(host.entries);
    expect(mine).toEqual(strip(auto.record.entries).slice(0, mine.length));
    expect(host.match.state).toEqual(auto.match.state);
    expect((await store.turns(host.matchId)).map((x) => x.turn)).toEqual([1, 2]);
  });

  it('the clock closes planning once time is up, and only then', async () => {
    const created = await createMatch(store, { ruleset: 'cyber-alliance', scenario: 'baltic-shield', seed: 6, planningSeconds: 30, organizerId: null }, t);
    if (!created.ok) throw new Error(created.error.message);
    const loaded = await loadMatch(store, created.value.matchId);
    if (!loaded.ok) throw new Error(loaded.error.message);
    let clock = 0;
    const host = new MatchHost({ store, matchId: created.value.matchId, ruleset: loaded.value.ruleset, match: loaded.value.match, entries: loaded.value.entries, now: () => clock, log: () => {} });
    await host.control({ type: 'start' });
    await host.control({ type: 'openPlanning' });
    expect(host.match.timer.deadline).toBe(30_000);
    clock = 29_999;
    host.tick();
    await host.idle();
    expect(host.match.phase).toBe('planning');
    clock = 30_000;
    host.tick();
    host.tick();
    await host.idle();
    expect(host.match.phase).toBe('debrief');
    const closes = host.entries.filter((e) => e.kind === 'control' && e.action.type === 'closePlanning');
    expect(closes).toHaveLength(1);
  });
});
