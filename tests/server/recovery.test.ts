import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { createMatch, startTestServer, type TestServer } from './harness.ts';
import { joinerFor, Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (map: any): any[] => (map ? [...map.values()] : []);

/**
 * docs/design.md §7–§8: everything acknowledged is in the log before the reply, and a room is
 * rebuilt by replaying the log — so a full restart of the server loses nothing.
 */
describe('recovery after a full restart', () => {
  let first: TestServer | undefined;
  let second: TestServer | undefined;
  const players: Player[] = [];

  afterAll(async () => {
    for (const p of players) await p.leave();
    await first?.stop();
    await second?.close();
  });

  it('a restarted server rebuilds the match from its log: pending orders, readiness, clock and a new seat code survive', async () => {
    first = await startTestServer({ snapshotEvery: 1 });
    const match = await createMatch(first.url, { scenario: 'baltic-shield', seed: 77 });
    const join = joinerFor(match, players);
    let fac = await join(first.url, null, 'White Cell');
    let a = await join(first.url, 'aldoria', 'Ana');
    let b = await join(first.url, 'brennmark', 'Ben');
    await fac.must('setBot', { seat: 'corvania', bot: true });
    await fac.must('setBot', { seat: 'duvessa', bot: true });
    await fac.must('startMatch');
    await fac.must('advancePhase');
    await a.must('submitOrder', { order: { type: 'defend', network: 'ald-mod', action: 'harden' } });
    await b.must('submitOrder', { order: { type: 'share', copy: 'k-brn-tidewater', to: 'aldoria' } });
    const ready = await b.must('setReady', { ready: true });
    await fac.sync();
    const applied = fac.state.god.applied as number;
    expect(ready.data).toBeUndefined();
    const deadline = fac.state.deadline as number;
    const newCode = String((await fac.must('newSeatCode', { seat: 'duvessa' })).data?.code);
    expect(applied).toBeGreaterThan(5);

    await first.stop();
    await first.store.close();
    for (const p of [fac, a, b]) await p.until(() => p.left !== null);

    second = await startTestServer({ dir: first.dir, store: new SqliteStore(path.join(first.dir, 'matches.sqlite')), snapshotEvery: 1 });
    fac = await join(second.url, null, 'White Cell');
    a = await join(second.url, 'aldoria', 'Ana');
    b = await join(second.url, 'brennmark', 'Ben');
    await fac.until((s) => s.god.applied === applied + 1);
    await a.sync();
    const d = await Player.join(second.url, { matchId: match.matchId, code: newCode, name: 'Dana' });
    players.push(d);
    await d.until((s) => s.privates.has('duvessa'));
    expect(a.state.phase).toBe('planning');
    expect(a.state.deadline).toBe(deadline);
    expect(a.state.seats.get('brennmark').ready).toBe(true);
    expect(values(a.state.privates.get('aldoria').orders).map((o) => o.type)).toEqual(['defend']);
    expect(values(a.state.privates.get('aldoria').inbox).map((r) => r.kind)).toEqual(['shareOffer']);
    expect(values(fac.state.god.orders).length).toBeGreaterThanOrEqual(2);

    const offer = values(a.state.privates.get('aldoria').inbox)[0];
    await a.must('answerRequest', { request: offer.id, accept: true });
    await a.must('setReady', { ready: true });
    // Dana's join with Duvessa's new code took the seat from the bot (claim), so the turn also waits for her.
    expect(a.state.seats.get('duvessa').bot).toBe(false);
    await d.must('setReady', { ready: true });
    await a.until((s) => s.phase === 'debrief');
    expect(values(a.state.privates.get('aldoria').arsenal).some((c) => c.capability === 'brn-tidewater')).toBe(true);
    expect((await second.store.turns(match.matchId)).map((t) => t.turn)).toEqual([1]);
  });
});
