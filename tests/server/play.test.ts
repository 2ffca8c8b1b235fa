import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../shared/engine/replay.ts';
import { parseRecord } from '../../shared/engine/record-schema.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { codeOf, createMatch, organizerAuth, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const keys = (map: any): string[] => (map ? [...map.keys()].sort() : []);
const values = (map: any): any[] => (map ? [...map.values()] : []);

describe('a match played over real sockets', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player, a: Player, b: Player, obs: Player;

  beforeAll(async () => {
    srv = await startTestServer({ snapshotEvery: 1 });
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 11 });
    fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    a = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' });
    b = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'brennmark'), name: 'Ben' });
    obs = await Player.join(srv.url, { matchId: match.matchId, code: match.observerCode, name: 'Projector' });
  });

  afterAll(async () => {
    for (const p of [fac, a, b, obs]) await p?.leave();
    await srv?.close();
  });

  it('each joiner sees the public board and only the private part its credentials open', async () => {
    for (const p of [fac, a, b, obs]) await p.until((s) => s.seats.get('brennmark').connected === 1 && s.seats.get('aldoria').players.includes('Ana'));
    expect(a.room.roomId).toBe(match.matchId);
    for (const p of [fac, a, b, obs]) expect(keys(p.state.board.nations)).toEqual(['aldoria', 'brennmark', 'corvania', 'duvessa', 'kragan']);
    expect(keys(a.state.privates)).toEqual(['aldoria']);
    expect(keys(b.state.privates)).toEqual(['brennmark']);
    expect(keys(obs.state.privates)).toEqual([]);
    expect(keys(fac.state.privates)).toEqual(['aldoria', 'brennmark', 'corvania', 'duvessa', 'kragan']);
    expect(keys(a.state.privates.get('aldoria').arsenal)).toEqual(['k-ald-glasshouse', 'k-ald-lantern', 'k-ald-skyfall']);
    expect(a.state.privates.get('aldoria').nation.name).toBe('Aldoria');
    expect(keys(fac.state.god.exploits).length).toBeGreaterThan(5);
    expect(keys(a.state.god?.exploits)).toEqual([]);
    expect(keys(obs.state.god?.exploits)).toEqual([]);
    expect(a.state.phase).toBe('lobby');
    expect([obs.state.seats.get('kragan').side, obs.state.seats.get('kragan').bot, obs.state.seats.get('aldoria').side]).toEqual(['adversary', true, 'ally']);
  });

  it('two turns: orders, a share offer accepted through the inbox, ready, resolution, each client decoded', async () => {
    await fac.must('setBot', { seat: 'corvania', bot: true });
    await fac.must('setBot', { seat: 'duvessa', bot: true });
    await fac.must('startMatch');
    expect(fac.state.phase).toBe('briefing');
    expect(keys(obs.state.board.injects)).toContain('strike-tasking');
    const open = await fac.must('advancePhase');
    expect(open.data?.phase).toBe('planning');
    await a.until((s) => s.phase === 'planning' && s.deadline > Date.now());

    const share = await b.must('submitOrder', { order: { type: 'share', copy: 'k-brn-tidewater', to: 'aldoria' } });
    expect(b.state.privates.get('brennmark').orders.size).toBe(1);
    await a.until((s) => values(s.privates.get('aldoria').inbox).some((r) => r.kind === 'shareOffer'));
    const offer = values(a.state.privates.get('aldoria').inbox).find((r) => r.kind === 'shareOffer');
    expect(offer.from).toBe('brennmark');
    expect(JSON.parse(offer.details).capabilityName).toBe('TIDEWATER');
    expect(share.data).toBeUndefined();
    expect(a.state.applied).toBeUndefined();
    await a.must('answerRequest', { request: offer.id, accept: true });
    await b.until((s) => values(s.privates.get('brennmark').outbox).some((r) => r.answer === 'accepted'));
    await a.must('submitOrder', { order: { type: 'defend', network: 'ald-mod', action: 'harden' } });
    expect(a.state.privates.get('aldoria').capacityCommitted).toBe(1);
    await fac.until((s) => values(s.god.orders).some((o) => o.seat === 'aldoria' && o.type === 'defend'));
    expect(values(fac.state.god.orders).map((o) => o.seat)).toContain('brennmark');

    await a.must('setReady', { ready: true });
    await obs.until((s) => s.seats.get('aldoria').ready === true);
    expect(fac.state.phase).toBe('planning');
    await b.must('setReady', { ready: true });
    for (const p of [fac, a, b, obs]) await p.until((s) => s.phase === 'debrief' && s.turn === 1);

    const mine = a.state.privates.get('aldoria');
    const received = values(mine.arsenal).find((c) => c.capability === 'brn-tidewater');
    expect(received).toMatchObject({ from: 'brennmark', name: 'TIDEWATER' });
    expect(JSON.parse(received.terms).compiledOnly).toBe(true);
    expect(mine.networks.get('ald-mod').hardening).toBe(1);
    expect(mine.orders.size).toBe(0);
    expect(values(mine.events).map((e) => e.type)).toContain('CapabilityShared');
    expect(values(b.state.privates.get('brennmark').sharedOut).map((c) => c.to)).toEqual(['aldoria']);
    expect(values(fac.state.god.copies).some((c) => c.capability === 'brn-tidewater' && c.holder === 'aldoria')).toBe(true);
    expect(keys(obs.state.privates)).toEqual([]);

    await fac.must('advancePhase');
    await fac.must('advancePhase');
    await a.until((s) => s.phase === 'planning' && s.turn === 2);
    await a.must('submitOrder', { order: { type: 'operate', copy: received.copy, target: 'kr-grid' } });
    await b.must('submitOrder', { order: { type: 'report', text: 'We shared TIDEWATER with Aldoria.' } });
    await a.must('setReady', { ready: true });
    await b.must('setReady', { ready: true });
    for (const p of [fac, a, b, obs]) await p.until((s) => s.phase === 'debrief' && s.turn === 2);
    expect(values(a.state.privates.get('aldoria').events).some((e) => e.turn === 2)).toBe(true);
    expect(values(b.state.privates.get('brennmark').reports).map((r) => [r.turn, r.scored])).toEqual([[2, false]]);
    expect(values(fac.state.god.reports).filter((r) => r.nation === 'brennmark').map((r) => r.text)).toEqual(['We shared TIDEWATER with Aldoria.']);

    const turns = await srv.store.turns(match.matchId);
    expect(turns.map((t) => t.turn)).toEqual([1, 2]);
    const list = (await (await fetch(`${srv.url}/api/matches`, { headers: organizerAuth() })).json()) as { matches: { id: string; phase: string; turn: number; seatsFilled: number }[] };
    expect(list.matches.find((m) => m.id === match.matchId)).toMatchObject({ phase: 'debrief', turn: 2, seatsFilled: 2 });
  });

  it('exports the record to the facilitator only, and it replays to the state the room shows', async () => {
    const url = `${srv.url}/api/matches/${match.matchId}/record`;
    expect((await fetch(url)).status).toBe(401);
    const wrong = await fetch(url, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'wrong-token' });
    expect((await fetch(`${srv.url}/api/matches/nope/record`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } })).status).toBe(404);
    const res = await fetch(url, { headers: { authorization: `Bearer ${match.facilitatorToken}` } });
    expect(res.status).toBe(200);
    const record = parseRecord(await res.json());
    if (!record.ok) throw new Error(record.error.message);
    const scenario = findScenario('baltic-shield');
    if (!scenario) throw new Error('no scenario');
    const r = replay(cyberAlliance, scenario, record.value as never);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.match.phase).toBe('debrief');
    expect(r.match.turn).toBe(2);
    expect(r.match.applied).toBe(fac.state.god.applied);
    const legitimacy = fac.state.board.legitimacy;
    expect(r.match.state.coalition.legitimacy).toBe(legitimacy);
  });
});
