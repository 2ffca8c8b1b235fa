import { Protocol } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALFORMED_EXPLANATION, MatchSession } from '../../client/net/session.ts';
import { MALFORMED_LIMIT } from '../../server/rooms/frame-guard.ts';
import { malformation } from '../../server/rooms/frames.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { MALFORMED_CLOSE_CODE } from '../../shared/protocol/common.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/** Frames no client should send: unknown codes, a type that is not one, a payload that does not decode, bad UTF-8, nothing at all. */
const GARBAGE: Uint8Array[] = [
  new Uint8Array([]),
  new Uint8Array([0]),
  new Uint8Array([Protocol.ROOM_STATE, 1, 2, 3]),
  new Uint8Array([31, 255, 255]),
  new Uint8Array([Protocol.ROOM_DATA]),
  new Uint8Array([Protocol.ROOM_DATA, 0xc1]),
  new Uint8Array([Protocol.ROOM_DATA, 0xa5, 0x61]),
  new Uint8Array([Protocol.ROOM_DATA, 0xa2, 0xff, 0xfe]),
  new Uint8Array([Protocol.ROOM_DATA, 0xa1, 0x61, 0xd9, 200, 1, 2]),
  new Uint8Array([Protocol.ROOM_DATA, 0xa1, 0x61, 0xdc, 0xff, 0xff]),
  new Uint8Array([Protocol.ROOM_REQUEST]),
  new Uint8Array([Protocol.ROOM_DATA_BYTES, 0xdb, 0, 0, 0, 9]),
  new Uint8Array([Protocol.ROOM_INPUT_RELIABLE, 1, 2]),
];

/** The frames the SDK itself sends for `send`, captured from its connection. */
function captured(p: Player, act: () => void): Uint8Array[] {
  const conn = p.room.connection as unknown as { send(data: Uint8Array): void };
  const original = conn.send.bind(conn);
  const frames: Uint8Array[] = [];
  conn.send = (data: Uint8Array) => {
    frames.push(new Uint8Array(data));
    original(data);
  };
  try {
    act();
  } finally {
    conn.send = original;
  }
  return frames;
}

/** Issue 13, "abuse without log floods": malformed frames are dropped and counted, logged a line a minute, and a client that keeps at it is closed with a code the web client explains. */
describe('malformed frames', () => {
  let srv: TestServer;
  let match: NewMatch;
  let fac: Player;
  /** The server's clock runs this far ahead of the real one (to pass a minute without waiting it). */
  let ahead = 0;

  beforeAll(async () => {
    srv = await startTestServer({ app: { now: () => Date.now() + ahead } });
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 8 });
    fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
  });
  afterAll(async () => {
    await fac?.leave();
    await srv?.close();
  });

  it('every frame the SDK sends is well-formed; the garbage is not', async () => {
    const p = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'brennmark'), name: 'Bo' });
    try {
      const frames = captured(p, () => {
        p.room.send('submitOrder', { ref: 'a', order: { type: 'report', text: 'ünïcødé 🛰️' } });
        p.room.send(42 as unknown as string, { ref: 'b' });
        p.room.send('', { ref: 'c' });
        p.room.send('hello');
        p.room.sendBytes('bytes', new Uint8Array([1, 2, 3]));
        p.room.send('x'.repeat(40), { ref: 'd', deep: [[[1]]], n: -1.5, big: 2 ** 40 });
      });
      expect(frames).toHaveLength(6);
      for (const f of frames) expect(malformation(f)).toBeNull();
      for (const g of GARBAGE) expect(malformation(g)).not.toBeNull();
    } finally {
      await p.leave();
    }
  });

  it('drops them without an answer or a change, keeps the sender until the limit, then closes it with 4400; two log lines at most, no stack', async () => {
    const a = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' });
    const send = (f: Uint8Array) => (a.room.connection as unknown as { send(d: Uint8Array): void }).send(f);
    await a.sync();
    await fac.sync();
    const log = (await srv.store.entries(match.matchId)).length;
    const applied = fac.state.god.applied;
    const replies = a.replies.length;
    const logged = srv.logs.length;
    for (let i = 0; i < MALFORMED_LIMIT; i++) send(GARBAGE[i % GARBAGE.length] as Uint8Array);
    // Still connected, still answered: nothing it sent changed anything.
    const ok = await a.ask('withdrawOrder', { order: 'o-none' });
    expect(ok.ref).toBeTruthy();
    expect(a.left).toBeNull();
    expect(a.replies.slice(replies)).toEqual([ok]);
    send(GARBAGE[5] as Uint8Array);
    await a.until(() => a.left !== null);
    expect(a.left).toBe(MALFORMED_CLOSE_CODE);
    expect((await srv.store.entries(match.matchId)).length).toBe(log);
    await fac.sync();
    expect(fac.state.god.applied).toBe(applied);
    const lines = srv.logs.slice(logged);
    expect(lines.filter((l) => l.includes('[frames]'))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    expect(srv.running.frames.totals).toMatchObject({ ejected: 1 });
    // The room and the other connections carry on; the closed client left at once (no reconnection window).
    await fac.until((s) => s.seats.get('aldoria').connected === 0);
    expect((await fac.ask('withdrawOrder', { order: 'o-none' })).ok).toBe(false);
  });

  it('the web client’s session says in plain words why it was closed, and does not reconnect', async () => {
    const session = await MatchSession.open({ endpoint: srv.url, join: { matchId: match.matchId, code: codeOf(match, 'corvania'), name: 'Cy' } });
    const conn = session.room?.connection as unknown as { send(d: Uint8Array): void };
    for (let i = 0; i <= MALFORMED_LIMIT; i++) conn.send(GARBAGE[6] as Uint8Array);
    const deadline = Date.now() + 5000;
    while (session.status !== 'closed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(session.status).toBe('closed');
    expect(session.closedReason).toBe(MALFORMED_EXPLANATION);
    expect(session.closedReason).not.toMatch(/4400|malformed-/);
  });

  it('a minute later the count is written once, and nothing is held for the address any more', async () => {
    const before = srv.logs.length;
    const frames = srv.running.frames;
    expect(frames.tracked).toBe(1);
    ahead = 61_000;
    frames.tick();
    const lines = srv.logs.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[frames\] \d+ malformed frames from 127\.0\.0\.1 in the last minute; 2 connections closed for it$/);
    expect(frames.tracked).toBe(0);
  });
});
