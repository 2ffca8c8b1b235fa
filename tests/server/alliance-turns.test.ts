import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allianceTurns, allianceTurnsScenario } from '../../shared/alliance-turns/index.ts';
import type { MatchRecord } from '../../shared/engine/match.ts';
import { replay } from '../../shared/engine/replay.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { findInFrames, joinRecording } from './frames.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const keys = (map: any): string[] => (map ? [...map.keys()].sort() : []);
const values = (map: any): any[] => (map ? [...map.values()] : []);

const SEATS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'] as const;
const TURNS = 3;
const idsOf = (seat: string) => Array.from({ length: 30 }, (_, i) => `${seat}-${String(i + 1).padStart(2, '0')}`);
/** The observer's pressure table as rows of numbers, in seat order. */
const table = (p: Player): number[][] => values(p.state.board.seatOrder).map((seat: string) => [...p.state.board.rows.get(seat).pressure]);

/**
 * The second ruleset hosted by the same generic room: six seat clients over real sockets play
 * a few turns of alliance-turns, each seeing only its own 30 capabilities, the observer the
 * public pressure table; an order is a seat's whole turn (it marks the seat ready), and the
 * next turn opens by itself once all six are in.
 */
describe('alliance-turns over real sockets', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player;
  let obs: Player;
  const seats: Record<string, Player> = {};
  let alphaFrames: Uint8Array[] = [];
  let obsFrames: Uint8Array[] = [];
  /** What the test ordered, turn by turn, as seen from each seat's own state: [seat, capability, kind, target]. */
  const played: [string, string, string, string][][] = [];

  beforeAll(async () => {
    srv = await startTestServer();
    match = await createMatch(srv.url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed: 31 });
    const id = match.matchId;
    fac = await Player.join(srv.url, { matchId: id, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    const o = await joinRecording(srv.url, { matchId: id, code: match.observerCode, name: 'Projector' });
    obs = o.player;
    obsFrames = o.frames;
    const a = await joinRecording(srv.url, { matchId: id, code: codeOf(match, 'alpha'), name: 'Ana' });
    seats.alpha = a.player;
    alphaFrames = a.frames;
    for (const seat of SEATS.slice(1)) seats[seat] = await Player.join(srv.url, { matchId: id, code: codeOf(match, seat), name: `P-${seat}` });
  });

  afterAll(async () => {
    for (const p of [fac, obs, ...Object.values(seats)]) await p?.leave();
    await srv?.close();
  });

  it('each seat sees its own 30 capabilities and nothing of another seat; the observer sees the table', async () => {
    for (const p of [fac, obs, ...Object.values(seats)]) await p.until((s) => SEATS.every((x) => s.seats.get(x).connected === 1));
    expect(match.seats.map((s) => s.seat)).toEqual([...SEATS]);
    for (const seat of SEATS) {
      const p = seats[seat] as Player;
      expect(keys(p.state.privates)).toEqual([seat]);
      expect(keys(p.state.privates.get(seat).capabilities)).toEqual(idsOf(seat));
      expect(keys(p.state.god?.orders)).toEqual([]);
    }
    const cap = seats.alpha?.state.privates.get('alpha').capabilities.get('alpha-07');
    expect(cap.freshness).toBeGreaterThanOrEqual(50);
    expect(['espionage', 'effect']).toContain(cap.kind);
    expect(keys(obs.state.privates)).toEqual([]);
    expect(keys(fac.state.privates)).toEqual([...SEATS]);
    expect(values(obs.state.board.seatOrder)).toEqual([...SEATS]);
    expect(table(obs)).toEqual(SEATS.map(() => SEATS.map(() => 0)));
    expect(obs.state.phase).toBe('lobby');
  });

  it('the start opens planning at once; bad orders are refused with a reason and change nothing', async () => {
    await fac.must('startMatch');
    for (const p of [obs, ...Object.values(seats)]) await p.until((s) => s.phase === 'planning' && s.turn === 1);
    const a = seats.alpha as Player;
    // Charlie, not alpha, tries another seat's capability: the refusal echoes the id, and alpha's frames are checked below.
    expect(await seats.charlie?.ask('submitOrder', { order: { capabilityId: 'bravo-01', targetSeat: 'delta' } })).toMatchObject({ ok: false, code: 'not-yours' });
    expect(await a.ask('submitOrder', { order: { capabilityId: 'alpha-01', targetSeat: 'alpha' } })).toMatchObject({ ok: false, code: 'target-self' });
    expect(await a.ask('submitOrder', { order: { capabilityId: 'alpha-01', targetSeat: 'zulu' } })).toMatchObject({ ok: false, code: 'unknown-target' });
    expect(await a.ask('submitOrder', { order: { capabilityId: 'alpha-01' } })).toMatchObject({ ok: false, code: 'bad-message' });
    expect(await obs.ask('submitOrder', { order: { capabilityId: 'alpha-01', targetSeat: 'bravo' } })).toMatchObject({ ok: false, code: 'read-only' });
    expect(await fac.ask('submitOrder', { order: { capabilityId: 'alpha-01', targetSeat: 'bravo' } })).toMatchObject({ ok: false, code: 'not-a-seat' });
    expect(obs.state.seats.get('alpha').ready).toBe(false);
    expect(a.state.privates.get('alpha').order.capabilityId).toBe('');
  });

  it('an order marks its seat ready; the sixth resolves the turn and the next opens for every client', async () => {
    for (let turn = 1; turn <= TURNS; turn++) {
      const orders = SEATS.map((seat, i): [string, string, string, string] => {
        const mine = values((seats[seat] as Player).state.privates.get(seat).capabilities).sort((x, y) => (x.id < y.id ? -1 : 1));
        const c = mine[(turn * 7 + i) % mine.length];
        return [seat, c.id, c.kind, SEATS[(i + turn) % SEATS.length] as string];
      });
      played.push(orders);
      // Five seats order; the turn waits for the sixth.
      for (const [seat, capabilityId, , targetSeat] of orders.slice(0, 5)) await (seats[seat] as Player).must('submitOrder', { order: { capabilityId, targetSeat } });
      await obs.until((s) => SEATS.slice(0, 5).every((x) => s.seats.get(x).ready));
      expect([obs.state.phase, obs.state.turn, obs.state.seats.get('foxtrot').ready]).toEqual(['planning', turn, false]);
      expect(seats.alpha?.state.privates.get('alpha').order.capabilityId).toBe(orders[0]?.[1]);
      await fac.until((s) => s.god.orders.size === 5);
      const [seat, capabilityId, , targetSeat] = orders[5] as [string, string, string, string];
      await (seats[seat] as Player).must('submitOrder', { order: { capabilityId, targetSeat } });
      for (const p of [fac, obs, ...Object.values(seats)]) await p.until((s) => s.turn === turn + 1 && s.phase === 'planning');
      expect(SEATS.map((x) => obs.state.seats.get(x).ready)).toEqual(SEATS.map(() => false));
    }
    const expected = SEATS.map(() => SEATS.map(() => 0));
    for (const turn of played) {
      for (const [seat, , kind, target] of turn) {
        const row = expected[SEATS.indexOf(seat as never)] as number[];
        const j = SEATS.indexOf(target as never);
        row[j] = (row[j] ?? 0) + (kind === 'effect' ? 2 : 1);
      }
    }
    expect(table(obs)).toEqual(expected);
    expect(table(seats.delta as Player)).toEqual(expected);
    const alpha = seats.alpha?.state.privates.get('alpha');
    const used = alpha.capabilities.get(played[0]?.[0]?.[1]);
    expect(used.uses).toBe(1);
    // The events restate that state, so they stay in the record and do not travel (issue 12).
    expect(values(alpha.events)).toEqual([]);
    expect(values(obs.state.events)).toEqual([]);
  });

  it('the record replays to the table the room shows', async () => {
    const res = await fetch(`${srv.url}/api/matches/${match.matchId}/record`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } });
    const record = (await res.json()) as MatchRecord<unknown>;
    const r = replay(allianceTurns, allianceTurnsScenario, record as never);
    if (!r.ok) throw new Error(r.error.message);
    expect([r.match.phase, r.match.turn]).toEqual(['planning', TURNS + 1]);
    expect(r.match.state.pressure).toEqual(table(obs));
    expect(r.match.state.attributions).toEqual(SEATS.map((x) => obs.state.board.rows.get(x).attributed));
    const kinds = record.entries.map((e) => (e.kind === 'control' ? e.action.type : e.kind));
    // An order and the readiness it implies are one entry: no separate `ready` entries.
    expect(kinds.filter((k) => k === 'ready')).toHaveLength(0);
    expect(record.entries.filter((e) => e.kind === 'input' && e.ready === true)).toHaveLength(6 * TURNS);
    expect(kinds.filter((k) => k === 'nextTurn')).toHaveLength(TURNS);
  });

  it('no frame seat alpha received holds another seat’s capability id; the observer’s hold none at all', () => {
    expect(findInFrames(alphaFrames, ['alpha-07']).length).toBeGreaterThan(0);
    expect(findInFrames(obsFrames, ['foxtrot']).length).toBeGreaterThan(0);
    const others = SEATS.filter((s) => s !== 'alpha').flatMap(idsOf);
    expect(others).toHaveLength(150);
    expect(findInFrames(alphaFrames, others)).toEqual([]);
    expect(findInFrames(obsFrames, SEATS.flatMap(idsOf))).toEqual([]);
  });
});
