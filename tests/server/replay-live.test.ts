import { Encoder, Reflection, type Schema } from '@colyseus/schema';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, lastStep, seek, type ReplayIndex } from '../../shared/engine/keyframes.ts';
import type { Match } from '../../shared/engine/match.ts';
import { parseRecord } from '../../shared/engine/record-schema.ts';
import type { Viewer } from '../../shared/engine/ruleset.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { bindingFor } from '../../server/rooms/bindings.ts';
import { Mirror, type SeatOccupancy } from '../../server/schema/mirror.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const sha256 = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');

/** One settled moment of the live match: the log position and what each client had decoded. */
interface Moment {
  readonly applied: number;
  readonly turn: number;
  readonly phase: string;
  readonly decoded: Record<'facilitator' | 'aldoria' | 'observer', any>;
}

/**
 * What `viewer` would be sent for `match`, through the server's own mirror: a fresh Mirror of
 * the replayed match (occupancy copied from the live seat list, which is not in the log),
 * fully encoded for that viewer's StateView exactly as the room does on join
 * (encodeAll + encodeAllView), and decoded as the SDK decodes: a Decoder built from the
 * server's Reflection handshake (so fields never sent stay absent, as in the live client).
 */
function sentTo(match: Match<unknown, unknown>, viewer: Viewer, live: any, ids: { matchId: string; scenarioId: string; scenarioVersion: string }): any {
  const binding = bindingFor('cyber-alliance');
  if (!binding) throw new Error('no binding');
  const mirror = new Mirror(cyberAlliance as never, binding.mirror, ids);
  const occupancy: SeatOccupancy = {
    count: (seat) => Number(live.seats?.get(seat)?.connected ?? 0),
    names: (seat) => [...(live.seats?.get(seat)?.players ?? [])].map(String),
  };
  mirror.refresh(match, occupancy);
  const encoder = new Encoder(mirror.state as unknown as Schema);
  const shared = { offset: 0 };
  let bytes = encoder.encodeAll(shared);
  const view = mirror.viewFor(viewer);
  if (view) bytes = encoder.encodeAllView(view, shared.offset, { ...shared });
  const decoder = Reflection.decode(Reflection.encode(encoder));
  decoder.decode(bytes.slice());
  return (decoder.state as any).toJSON();
}

describe('replay of a match recorded by the real server', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player, a: Player, obs: Player;
  const moments: Moment[] = [];
  let index: ReplayIndex<unknown, unknown, unknown, unknown, unknown>;

  const settle = async (): Promise<Moment> => {
    for (const p of [fac, a]) await p.sync();
    const applied = fac.state.god.applied as number;
    // The observer has no reply channel to sync on: wait until it shows the same turn and phase.
    await obs.until((s) => s.phase === fac.state.phase && s.turn === fac.state.turn && s.events.length === fac.state.events.length);
    return { applied, turn: fac.state.turn, phase: fac.state.phase, decoded: { facilitator: fac.state.toJSON(), aldoria: a.state.toJSON(), observer: obs.state.toJSON() } };
  };

  beforeAll(async () => {
    // Played as fast as the server answers, far above a person's pace: no flood limit here.
    srv = await startTestServer({ snapshotEvery: 1, rateLimit: { perSecond: 1000, burst: 1000 } });
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 31 });
    const id = match.matchId;
    fac = await Player.join(srv.url, { matchId: id, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    a = await Player.join(srv.url, { matchId: id, code: codeOf(match, 'aldoria'), name: 'Ana' });
    obs = await Player.join(srv.url, { matchId: id, code: match.observerCode, name: 'Projector' });
    for (const seat of ['brennmark', 'corvania', 'duvessa']) await fac.must('setBot', { seat, bot: true });
    await fac.must('startMatch');
    const turns = findScenario('baltic-shield')?.turns ?? 0;
    for (let t = 1; t <= turns; t++) {
      await fac.must('advancePhase');
      await a.until((s) => s.phase === 'planning' && s.turn === t);
      if (t === 3) moments.push(await settle()); // mid-planning, after the bots' first inputs
      await a.ask('submitOrder', { order: { type: 'defend', network: t % 2 ? 'ald-mod' : 'ald-grid', action: 'harden' } });
      await a.ask('submitOrder', { order: { type: 'operate', copy: 'k-ald-lantern', target: 'kr-media' } });
      await a.must('setReady', { ready: true });
      await fac.until((s) => s.phase === 'debrief' && s.turn === t);
      moments.push(await settle());
      await fac.must('advancePhase');
    }
    await fac.until((s) => s.phase === 'ended');
    moments.push(await settle());

    const res = await fetch(`${srv.url}/api/matches/${id}/record`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } });
    const record = parseRecord(await res.json());
    if (!record.ok) throw new Error(record.error.message);
    const scenario = findScenario('baltic-shield');
    if (!scenario) throw new Error('no scenario');
    const built = buildIndex(cyberAlliance, scenario, record.value as never);
    if (!built.ok) throw new Error(built.error.message);
    index = built.value as never;
  }, 60_000);

  afterAll(async () => {
    for (const p of [fac, a, obs]) await p?.leave();
    await srv?.close();
  });

  it('reproduces the live final state exactly, and every turn the host saved', async () => {
    expect(index.error).toBeNull();
    const final = seek(index, lastStep(index));
    if (!final.ok) throw new Error(final.error.message);
    expect(final.value.phase).toBe('ended');
    expect(final.value.applied).toBe(moments.at(-1)?.applied);
    // The host saves its live state after each resolution (store.turns): the replay must equal each one.
    const saved = await srv.store.turns(match.matchId);
    expect(saved.map((t) => t.turn)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const snap of saved) {
      const m = seek(index, snap.entries);
      if (!m.ok) throw new Error(m.error.message);
      expect(sha256(m.value.state)).toBe(sha256(snap.state));
      expect(m.value.state).toEqual(snap.state);
    }
    const last = saved.at(-1);
    expect(sha256(final.value.state)).toBe(sha256(last?.state));
    // And the facilitator's decoded god part (every field of the live state the server sends) matches too.
    const end = moments.at(-1) as Moment;
    expect(sentTo(final.value, 'facilitator', fac.state, ids())).toEqual(end.decoded.facilitator);
  });

  it('view-as reproduces, field by field, what each viewer was sent live at every settled moment', () => {
    expect(moments.length).toBe(10);
    for (const moment of moments) {
      const m = seek(index, moment.applied);
      if (!m.ok) throw new Error(m.error.message);
      expect([m.value.turn, m.value.phase]).toEqual([moment.turn, moment.phase]);
      for (const viewer of ['aldoria', 'observer', 'facilitator'] as const) {
        const replayed = sentTo(m.value, viewer as Viewer, fac.state, ids());
        expect({ at: `${moment.turn}/${moment.phase}`, viewer, state: replayed }).toEqual({ at: `${moment.turn}/${moment.phase}`, viewer, state: moment.decoded[viewer] });
      }
    }
    // The seat's view really is private: Aldoria was never sent another nation's part.
    const aldoria = moments.at(-1)?.decoded.aldoria;
    expect(Object.keys(aldoria.privates ?? {})).toEqual(['aldoria']);
    expect(Object.keys(aldoria.god?.exploits ?? {})).toEqual([]);
    // …and what was compared is substantial: its arsenal, its events, the public board.
    expect(Object.keys(aldoria.privates.aldoria.arsenal).length).toBeGreaterThan(0);
    expect(aldoria.privates.aldoria.events.length).toBeGreaterThan(0);
    expect(Object.keys(moments.at(-1)?.decoded.observer.board.networks ?? {}).length).toBeGreaterThan(5);
  });

  it('would notice a difference: the view one entry earlier is not what was sent', () => {
    const moment = moments.find((x) => x.phase === 'debrief' && x.turn === 2) as Moment;
    const earlier = seek(index, moment.applied - 1);
    if (!earlier.ok) throw new Error(earlier.error.message);
    expect(sentTo(earlier.value, 'aldoria' as Viewer, fac.state, ids())).not.toEqual(moment.decoded.aldoria);
  });

  function ids() {
    return { matchId: match.matchId, scenarioId: 'baltic-shield', scenarioVersion: index.record.scenario.version };
  }
});
