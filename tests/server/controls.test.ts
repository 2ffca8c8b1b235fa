import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import { KICKED_CLOSE_CODE } from '../../shared/protocol/common.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const values = (map: any): any[] => (map ? [...map.values()] : []);

/** docs/design.md §1 facilitator powers and §3 the planning clock, over real sockets. */
describe('the facilitator’s controls and the planning clock', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player, a: Player, b: Player, a2: Player;
  const entries = async () => srv.store.entries(match.matchId);

  beforeAll(async () => {
    srv = await startTestServer();
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 3, planningSeconds: 2 });
    fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    a = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' });
    a2 = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Axel' });
    b = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'brennmark'), name: 'Ben' });
  });
  afterAll(async () => {
    for (const p of [fac, a, a2, b]) await p?.leave();
    await srv?.close();
  });

  it('a seat can be handed to the bot only while nobody sits in it', async () => {
    expect(await fac.ask('setBot', { seat: 'aldoria', bot: true })).toMatchObject({ ok: false, code: 'seat-occupied' });
    expect(await fac.ask('setBot', { seat: 'atlantis', bot: true })).toMatchObject({ ok: false, code: 'unknown-seat' });
    await fac.must('setBot', { seat: 'corvania', bot: true });
    await fac.must('setBot', { seat: 'duvessa', bot: true });
    await b.until((s) => s.seats.get('corvania').bot && s.seats.get('duvessa').bot && s.seats.get('kragan').bot && !s.seats.get('aldoria').bot);
  });

  it('two people in one seat share its view: one’s order appears for the other', async () => {
    expect(a.state.seats.get('aldoria').connected).toBe(2);
    expect([...a.state.seats.get('aldoria').players].sort()).toEqual(['Ana', 'Axel']);
    await fac.must('startMatch');
    await fac.must('advancePhase');
    await a.must('submitOrder', { order: { type: 'defend', network: 'ald-grid', action: 'harden' } });
    await a2.until((s) => values(s.privates.get('aldoria').orders).some((o) => o.type === 'defend'));
    expect([...a2.state.privates.keys()]).toEqual(['aldoria']);
  });

  it('pause keeps what is left, resume restarts the clock, extend adds time', async () => {
    await fac.must('pauseTimer');
    await a.until((s) => s.paused && s.deadline === 0 && s.remainingMs > 0);
    expect(await fac.ask('pauseTimer')).toMatchObject({ ok: false, code: 'already-paused' });
    await fac.must('extendTimer', { seconds: 60 });
    await a.until((s) => s.remainingMs > 60_000);
    await fac.must('resumeTimer');
    await a.until((s) => !s.paused && s.deadline > Date.now() + 59_000);
    const before = a.state.deadline as number;
    await fac.must('extendTimer', { seconds: 30 });
    await a.until((s) => s.deadline === before + 30_000);
    expect(await fac.ask('extendTimer', { seconds: 0 })).toMatchObject({ ok: false, code: 'bad-message' });
    const controls = (await entries()).filter((e) => e.kind === 'control').map((e) => (e as any).action.type);
    expect(controls).toEqual(expect.arrayContaining(['pause', 'resume', 'extend']));
  });

  it('when the clock runs out, planning closes and the seat that was not ready has its drafts resolved', async () => {
    await fac.must('advancePhase');
    await fac.must('advancePhase');
    await fac.must('advancePhase');
    await a.until((s) => s.phase === 'planning' && s.turn === 2);
    await a.must('submitOrder', { order: { type: 'defend', network: 'ald-sat', action: 'harden' } });
    await b.must('setReady', { ready: true });
    await a.until((s) => s.phase === 'debrief' && s.turn === 2, 6000);
    expect(a.state.privates.get('aldoria').networks.get('ald-sat').hardening).toBe(1);
    const close = (await entries()).filter((e) => e.kind === 'control' && (e as any).action.type === 'closePlanning').map((e) => (e as any).action.reason);
    expect(close).toEqual(['facilitator', 'timer']);
  });

  it('a new seat code replaces the old one; the change is in the log', async () => {
    const old = codeOf(match, 'duvessa');
    const r = await fac.must('newSeatCode', { seat: 'duvessa' });
    const code = String(r.data?.code);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(new Client(srv.url).joinOrCreate('match', { matchId: match.matchId, code: old, name: 'Dan' })).rejects.toThrow(/wrong-code/);
    const d = await Player.join(srv.url, { matchId: match.matchId, code, name: 'Dan' });
    expect([...(await waitKeys(d))]).toEqual(['duvessa']);
    await d.leave();
    const obsCode = String((await fac.must('newSeatCode', { seat: 'observer' })).data?.code);
    const o = await Player.join(srv.url, { matchId: match.matchId, code: obsCode, name: 'Screen' });
    await o.leave();
    const audits = (await entries()).filter((e) => e.kind === 'audit' && (e as any).action !== 'join').map((e) => [(e as any).action, (e as any).detail.seat]);
    expect(audits).toEqual([['configure', undefined], ['newSeatCode', 'duvessa'], ['newSeatCode', null]]);
    // Who came in with the new codes is in the log too: names and seats, never a code.
    const joins = (await entries()).filter((e) => e.kind === 'audit' && (e as any).action === 'join').map((e) => (e as any).detail);
    expect(joins).toEqual(expect.arrayContaining([{ role: 'seat', seat: 'duvessa', name: 'Dan' }, { role: 'observer', seat: null, name: 'Screen' }]));
    expect(JSON.stringify(await entries())).not.toContain(code);
  });

  it('kicking a seat disconnects everyone in it, with a notice; the kick is in the log', async () => {
    const r = await fac.must('kickSeat', { seat: 'aldoria' });
    expect(r.data).toMatchObject({ seat: 'aldoria', kicked: 2 });
    await a.until(() => a.left !== null);
    await a2.until(() => a2.left !== null);
    expect(a.left).toBe(KICKED_CLOSE_CODE);
    expect(a.kicked).toHaveLength(1);
    await b.until((s) => s.seats.get('aldoria').connected === 0);
    expect((await entries()).some((e) => e.kind === 'audit' && (e as any).action === 'kickSeat')).toBe(true);
  });

  it('ending the match stops every action', async () => {
    await fac.must('endMatch', { reason: 'Out of time.' });
    await b.until((s) => s.phase === 'ended');
    expect(await b.ask('submitOrder', { order: { type: 'report', text: 'late' } })).toMatchObject({ ok: false, code: 'match-ended' });
    expect(await fac.ask('startMatch')).toMatchObject({ ok: false, code: 'match-ended' });
  });
});

async function waitKeys(p: Player): Promise<string[]> {
  await p.until((s) => s.privates.size > 0);
  return [...p.state.privates.keys()];
}
