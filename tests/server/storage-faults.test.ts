import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Match } from '../../shared/engine/match.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import type { AllianceState } from '../../shared/alliance-turns/index.ts';
import { createMatch } from '../../server/match-factory.ts';
import { MatchHost } from '../../server/match-host.ts';
import { loadMatch } from '../../server/match-loader.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { codeOf, createMatch as createOverHttp, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/** Two alliance-turns matches hosted on one archive, started, in planning. */
async function twoMatches(store: SqliteStore) {
  const hosts: MatchHost[] = [];
  for (const seed of [1, 2]) {
    const created = await createMatch(store, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed, organizerId: null }, 1000);
    if (!created.ok) throw new Error(created.error.message);
    const loaded = await loadMatch(store, created.value.matchId);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { ruleset, match, entries } = loaded.value;
    const host = new MatchHost({ store, matchId: created.value.matchId, ruleset, match, entries, now: () => 2000, log: () => {}, autoAdvance: true });
    expect((await host.control({ type: 'start' })).ok).toBe(true);
    hosts.push(host);
  }
  return hosts;
}

/** An order for `seat`'s first capability against the next seat. */
function orderOf(host: MatchHost, i: number) {
  const s = host.match.state as AllianceState;
  const seat = s.seats[i]?.id as SeatId;
  const capability = s.capabilities.find((c) => c.owner === seat)?.id;
  return { seat, order: { capabilityId: capability, targetSeat: s.seats[(i + 1) % s.seats.length]?.id } };
}

/**
 * docs/design.md §8.2: a full disk, a locked database or a failed commit refuses the
 * whole batch — `storage-failed` to every sender in it, across matches — and changes nothing;
 * nobody is told "ok" for an entry that is not on disk. Real SQLite faults, not a mock.
 */
describe('the archive failing under a batch', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  let srv: TestServer | null = null;
  afterEach(async () => {
    await srv?.close();
    srv = null;
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const folder = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'se-faults-'));
    dirs.push(d);
    return d;
  };

  it('a locked database refuses every order of the batch, in both matches, and nothing changes; once unlocked they are accepted', async () => {
    const file = path.join(folder(), 'matches.sqlite');
    const store = new SqliteStore(file, { busyTimeoutMs: 50 });
    stores.push(store);
    await store.init();
    const hosts = await twoMatches(store);
    const before = hosts.map((h) => ({ match: h.match, entries: h.entries.length }));
    const heard: Match<unknown, unknown>[] = [];
    for (const h of hosts) h.onChange((c) => heard.push(c.match));

    // Another process holds the write lock longer than the archive waits for it.
    const other = new DatabaseSync(file, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    const orders = hosts.flatMap((h) => [0, 1, 2].map((i) => ({ h, ...orderOf(h, i) })));
    const results = await Promise.all(orders.map(({ h, seat, order }) => h.input(seat, order, true)));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(orders.map(() => 'storage-failed'));
    expect(hosts.map((h) => ({ match: h.match, entries: h.entries.length }))).toEqual(before);
    expect(heard).toEqual([]);
    for (const h of hosts) expect(await store.entries(h.matchId)).toHaveLength(h.entries.length);

    other.exec('ROLLBACK');
    other.close();
    const again = await Promise.all(orders.map(({ h, seat, order }) => h.input(seat, order, true)));
    expect(again.every((r) => r.ok)).toBe(true);
    for (const h of hosts) {
      expect(h.match.ready).toHaveLength(3);
      expect(await store.entries(h.matchId)).toHaveLength(h.entries.length);
    }
  });

  it('a match-list row held back by the once-a-second throttle is written when the host closes, and no timer outlives it', async () => {
    const store = new SqliteStore(':memory:');
    stores.push(store);
    await store.init();
    const [host] = await twoMatches(store);
    if (!host) throw new Error('no host');
    const turn = host.match.turn;
    // Every seat orders: the turn resolves and the next opens — a turn-only change, held back.
    const seats = (host.match.state as AllianceState).seats.length;
    const results = await Promise.all(Array.from({ length: seats }, (_, i) => orderOf(host, i)).map(({ seat, order }) => host.input(seat, order, true)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(host.match.turn).toBe(turn + 1);
    const row = async () => (await store.listMatches()).find((m) => m.id === host.matchId)?.turn;
    expect(await row()).toBe(turn);
    await host.idle();
    host.close();
    await host.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await row()).toBe(turn + 1);
  });

  it('a full disk refuses the batch that does not fit: what was acknowledged is on disk, what was refused is not, and the log replays', async () => {
    const dir = folder();
    const file = path.join(dir, 'matches.sqlite');
    const setup = new SqliteStore(file);
    await setup.init();
    const ids: string[] = [];
    for (const seed of [1, 2]) {
      const created = await createMatch(setup, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed, organizerId: null }, 1000);
      if (!created.ok) throw new Error(created.error.message);
      ids.push(created.value.matchId);
    }
    await setup.close();
    // The archive may grow by a few pages only: a few dozen log entries will not fit.
    const store = new SqliteStore(file, { maxBytes: statSync(file).size + 3 * 4096 });
    stores.push(store);
    await store.init();
    const hosts: MatchHost[] = [];
    for (const id of ids) {
      const loaded = await loadMatch(store, id);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const { ruleset, match, entries } = loaded.value;
      hosts.push(new MatchHost({ store, matchId: id, ruleset, match, entries, now: () => 2000, log: () => {}, autoAdvance: true }));
    }
    for (const h of hosts) expect((await h.control({ type: 'start' })).ok).toBe(true);
    let refused = 0;
    for (let round = 0; round < 200 && refused === 0; round++) {
      const orders = hosts.flatMap((h) => [0, 1, 2, 3, 4, 5].map((i) => ({ h, ...orderOf(h, i) })));
      const results = await Promise.all(orders.map(({ h, seat, order }) => h.input(seat, order, true)));
      const codes = new Set(results.map((r) => (r.ok ? 'ok' : r.error.code)));
      if (codes.has('storage-failed')) {
        // The batch is refused as a whole: no order of that round was accepted.
        expect([...codes]).toEqual(['storage-failed']);
        refused += results.length;
      }
    }
    expect(refused).toBeGreaterThan(0);
    for (const h of hosts) {
      const stored = await store.entries(h.matchId);
      expect(stored).toEqual(h.entries);
      const reloaded = await loadMatch(store, h.matchId);
      if (!reloaded.ok) throw new Error(reloaded.error.message);
      expect(reloaded.value.match).toEqual(h.match);
    }
  });

  it('over real sockets: the sender hears storage-failed, and no client sees the refused order', async () => {
    const dir = folder();
    srv = await startTestServer({ dir, store: new SqliteStore(path.join(dir, 'matches.sqlite'), { busyTimeoutMs: 50 }) });
    const m = await createOverHttp(srv.url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed: 3 });
    const fac = await Player.join(srv.url, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
    await fac.must('startMatch');
    const alpha = await Player.join(srv.url, { matchId: m.matchId, code: codeOf(m, 'alpha'), name: 'Ana' });
    const obs = await Player.join(srv.url, { matchId: m.matchId, code: m.observerCode, name: 'Wall' });
    await alpha.sync();
    await obs.sync();
    const capability = [...alpha.state.privates.get('alpha').capabilities.keys()][0];
    const other = new DatabaseSync(path.join(dir, 'matches.sqlite'), { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    const r = await alpha.ask('submitOrder', { order: { capabilityId: capability, targetSeat: 'bravo' } });
    other.exec('ROLLBACK');
    other.close();
    expect(r).toMatchObject({ ok: false, code: 'storage-failed' });
    expect(r.message).not.toMatch(/SQLITE|database|locked/i);
    await alpha.sync();
    await obs.sync();
    expect(alpha.state.privates.get('alpha').order.capabilityId).toBe('');
    expect(obs.state.seats.get('alpha').ready).toBe(false);
    await alpha.must('submitOrder', { order: { capabilityId: capability, targetSeat: 'bravo' } });
    await obs.sync();
    expect(obs.state.seats.get('alpha').ready).toBe(true);
  });
  it('a planning deadline whose closing the archive refused is tried again a second later, not a whole window later', async () => {
    const dir = folder();
    srv = await startTestServer({ dir, store: new SqliteStore(path.join(dir, 'matches.sqlite'), { busyTimeoutMs: 50 }) });
    const m = await createOverHttp(srv.url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed: 5, planningSeconds: 4 });
    const fac = await Player.join(srv.url, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
    await fac.must('startMatch');
    const obs = await Player.join(srv.url, { matchId: m.matchId, code: m.observerCode, name: 'Wall' });
    await obs.until((st) => st.phase === 'planning' && st.deadline > 0);
    const turn = obs.state.turn as number;
    const deadline = obs.state.deadline as number;
    // The archive is locked across the deadline: closing planning is refused and rolled back.
    const other = new DatabaseSync(path.join(dir, 'matches.sqlite'), { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()) + 300));
    expect(srv.logs.some((l) => /failed/.test(l))).toBe(true);
    expect(obs.state.turn).toBe(turn);
    other.exec('ROLLBACK');
    other.close();
    // No order, no click: the clock itself tries again about a second after the refusal (the
    // next window's deadline would be four seconds away).
    await obs.until((st) => st.turn > turn, 2_000);
  });
});
