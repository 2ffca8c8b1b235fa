import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import { MAX_MESSAGE_BYTES } from '../../shared/protocol/common.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { FaultyStore } from './faulty-store.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * docs/design.md §8 "validate (schema + rules)": every bad input gets exactly one typed reply,
 * changes nothing (the log does not grow), and the room keeps running.
 */
describe('bad inputs over real sockets', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player, a: Player, obs: Player;
  const store = new FaultyStore(new SqliteStore(':memory:'));

  const logLength = async () => (await srv.store.entries(match.matchId)).length;

  /** Sends a bad message and checks the typed refusal and that the log did not grow. */
  async function refused(p: Player, send: () => Promise<any>, code: string): Promise<any> {
    const before = await logLength();
    const applied = fac.state.god.applied;
    const reply = await send();
    expect(reply).toMatchObject({ ok: false, code });
    expect(typeof reply.message).toBe('string');
    expect(await logLength()).toBe(before);
    expect(fac.state.god.applied).toBe(applied);
    expect(p.left).toBeNull();
    return reply;
  }

  beforeAll(async () => {
    srv = await startTestServer({ store });
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 5 });
    fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    a = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' });
    obs = await Player.join(srv.url, { matchId: match.matchId, code: match.observerCode, name: 'Projector' });
    await fac.must('startMatch');
    await fac.must('advancePhase');
    await a.until((s) => s.phase === 'planning');
  });
  afterAll(async () => {
    for (const p of [fac, a, obs]) await p?.leave();
    await srv?.close();
  });

  it('a malformed order is refused as bad-message, naming the field', async () => {
    const r = await refused(a, () => a.ask('submitOrder', { order: { type: 'operate', copy: 'k-ald-skyfall' } }), 'bad-message');
    expect(r.message).toMatch(/order\.target/);
    await refused(a, () => a.ask('submitOrder', { order: { type: 'launchMissiles' } }), 'bad-message');
    await refused(a, () => a.ask('submitOrder', { order: 'operate' }), 'bad-message');
    await refused(a, () => a.ask('setReady', { ready: 'yes' }), 'bad-message');
    await refused(a, () => a.ask('submitOrder', { order: { type: 'report', text: 'x' }, extra: 1 }), 'bad-message');
    await refused(a, () => a.raw('submitOrder', 'just a string'), 'bad-message');
    await refused(a, () => a.raw('setReady', undefined), 'bad-message');
  });

  it('an order for a capability the seat does not hold is refused by the rules', async () => {
    const r = await refused(a, () => a.ask('submitOrder', { order: { type: 'operate', copy: 'k-brn-blackout', target: 'kr-grid' } }), 'capability-not-held');
    expect(r.message).toBe('You do not hold that capability.');
    await refused(a, () => a.ask('answerRequest', { request: 'rq-o-nothing', accept: true }), 'unknown-request');
  });

  it('facilitator messages from a seat, and any action from the observer, are refused', async () => {
    for (const type of ['startMatch', 'advancePhase', 'pauseTimer', 'endMatch', 'kickSeat', 'newSeatCode', 'fireInject', 'adjust', 'setBot']) {
      await refused(a, () => a.ask(type, { seat: 'brennmark', reason: 'x', msel: 'border-exercise' }), 'not-facilitator');
    }
    await refused(obs, () => obs.ask('submitOrder', { order: { type: 'report', text: 'hello' } }), 'read-only');
    await refused(obs, () => obs.ask('setReady', { ready: true }), 'read-only');
    await refused(fac, () => fac.ask('setReady', { ready: true }), 'not-a-seat');
    await refused(fac, () => fac.ask('submitOrder', { order: { type: 'report', text: 'hello' } }), 'not-a-seat');
  });

  it('unknown message types are refused as unknown-type', async () => {
    await refused(a, () => a.ask('hackTheServer', {}), 'unknown-type');
    await refused(a, () => a.ask('__proto__', {}), 'unknown-type');
    await refused(a, () => a.ask('toString', {}), 'unknown-type');
    await refused(a, () => a.raw(42, { ref: 'n42' }, 'n42'), 'unknown-type');
  });

  it('an oversized payload is refused as too-large', async () => {
    const text = 'x'.repeat(MAX_MESSAGE_BYTES + 100);
    await refused(a, () => a.ask('submitOrder', { order: { type: 'report', text } }), 'too-large');
  });

  it('a flood is rate-limited: every message still gets one reply, refusals are logged with the session id', async () => {
    const flooder = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'corvania'), name: 'Flood' });
    const before = await logLength();
    const replies = await Promise.all(Array.from({ length: 60 }, () => flooder.ask('withdrawOrder', { order: 'o-none' })));
    const codes = replies.map((r) => r.code);
    expect(codes.filter((c) => c === 'rate-limited').length).toBeGreaterThanOrEqual(25);
    expect(codes.filter((c) => c === 'unknown-order').length).toBeGreaterThanOrEqual(25);
    expect(flooder.replies.length).toBe(60);
    expect(await logLength()).toBe(before);
    expect(srv.logs.some((l) => l.includes(flooder.room.sessionId) && l.includes('rate-limited'))).toBe(true);
    expect(flooder.left).toBeNull();
    await flooder.leave();
  });

  it('when the archive cannot save, the client gets storage-failed and nothing changes', async () => {
    store.failAppends = true;
    try {
      await refused(a, () => a.ask('submitOrder', { order: { type: 'report', text: 'Saved?' } }), 'storage-failed');
      await refused(fac, () => fac.ask('pauseTimer'), 'storage-failed');
    } finally {
      store.failAppends = false;
    }
    expect(a.state.privates.get('aldoria').orders.size).toBe(0);
  });

  it('a frame over the transport limit (64 KiB) closes only that connection', async () => {
    const big = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'duvessa'), name: 'Big' });
    big.room.send('submitOrder', { ref: 'big', order: { type: 'report', text: 'x'.repeat(70_000) } });
    await big.until(() => big.left !== null);
    expect(big.left).toBe(1009);
    expect((await a.ask('withdrawOrder', { order: 'o-none' })).code).toBe('unknown-order');
  });

  it('refusals are logged with the sender’s session id, and the room keeps running', async () => {
    expect(srv.logs.some((l) => l.includes(a.room.sessionId) && l.includes('capability-not-held'))).toBe(true);
    const ok = await a.ask('submitOrder', { order: { type: 'defend', network: 'ald-mod', action: 'harden' } });
    expect(ok.ok).toBe(true);
    await a.until((s) => s.privates.get('aldoria').orders.size === 1);
  });
});
