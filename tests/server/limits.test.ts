import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganizer } from '../../server/auth/organizer-admin.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { codeOf, createMatch, organizerAuth, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

async function joinError(url: string, options: Record<string, unknown>): Promise<string> {
  try {
    const room = await new Client(url).joinOrCreate('match', options);
    await room.leave(true);
  } catch (e) {
    return (e as Error).message;
  }
  return 'joined';
}

/** Issue 13: limits per seat and per address, not per connection; caps on matches and on the archive, each a typed refusal. */
describe('limits per seat and per address', () => {
  let srv: TestServer;
  let match: NewMatch;
  const players: Player[] = [];
  const join = async (seat: string, name: string) => {
    const p = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, seat), name });
    players.push(p);
    return p;
  };

  beforeAll(async () => {
    srv = await startTestServer({ rateLimit: { perSecond: 0.01, burst: 4 }, app: { limits: { connectionsPerSeat: 2, connectionsPerAddress: 5, matchesPerOrganizer: 3 } } });
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 3 });
  });
  afterAll(async () => {
    for (const p of players) await p.leave().catch(() => undefined);
    await srv?.close();
  });

  it('the message budget belongs to the seat: a second tab and a reconnection get no fresh one', async () => {
    const ana = await join('aldoria', 'Ana');
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await ana.ask('withdrawOrder', { order: 'o-none' })).code);
    expect(codes.slice(0, 4)).not.toContain('rate-limited');
    expect(codes[4]).toBe('rate-limited');
    const again = await join('aldoria', 'Ana again');
    expect((await again.ask('withdrawOrder', { order: 'o-none' })).code).toBe('rate-limited');
    await ana.leave();
    const back = await join('aldoria', 'Ana');
    expect((await back.ask('withdrawOrder', { order: 'o-none' })).code).toBe('rate-limited');
    // Another seat has its own budget.
    const ben = await join('brennmark', 'Ben');
    expect((await ben.ask('withdrawOrder', { order: 'o-none' })).code).not.toBe('rate-limited');
    await again.leave();
    await back.leave();
    await ben.leave();
  });

  it('caps the connections of one seat, and of one address, with typed refusals', async () => {
    const a1 = await join('corvania', 'C1');
    const a2 = await join('corvania', 'C2');
    expect(await joinError(srv.url, { matchId: match.matchId, code: codeOf(match, 'corvania'), name: 'C3' })).toMatch(/^seat-full: This seat already has 2 connections/);
    await a2.leave();
    const a3 = await join('corvania', 'C3');
    // 127.0.0.1 holds corvania ×2; three more seats fill its five.
    await join('duvessa', 'D1');
    await join('duvessa', 'D2');
    await join('brennmark', 'B1');
    expect(await joinError(srv.url, { matchId: match.matchId, code: codeOf(match, 'brennmark'), name: 'B2' })).toMatch(/^too-many-connections: Your network already has 5 connections/);
    for (const p of [a1, a3]) await p.leave();
    const b2 = await join('brennmark', 'B2');
    expect(b2.room.roomId).toBe(match.matchId);
    for (const p of players) await p.leave().catch(() => undefined);
    // Connections that are gone are no longer counted.
    await new Promise((r) => setTimeout(r, 200));
    expect(srv.running.limits.byAddress.size).toBe(0);
    expect(srv.running.limits.bySeat.size).toBe(0);
  });

  it('caps the matches one organizer keeps', async () => {
    const added = await addOrganizer(srv.store, 'Busy Teacher', Date.now());
    if (!added.ok) throw new Error(added.error.message);
    const key = added.value.key;
    for (let i = 0; i < 3; i++) await createMatch(srv.url, { scenario: 'baltic-shield' }, key);
    const res = await fetch(`${srv.url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', ...organizerAuth(key) }, body: JSON.stringify({ scenario: 'baltic-shield' }) });
    const body = (await res.json()) as { code: string; message: string };
    expect([res.status, body.code]).toEqual([429, 'too-many-matches']);
    expect(body.message).toMatch(/3 matches/);
    expect(await srv.store.countMatchesOf(added.value.organizer.id)).toBe(3);
  });

  // Last: a second server (Colyseus' matchmaker is one per process; closing one stops it for all).
  it('past the archive size cap, no new match is created, not even a branch', async () => {
    await srv.stop();
    const full = await startTestServer({ dir: srv.dir, store: srv.store, app: { limits: { archiveBytes: 1 } } });
    try {
      const res = await fetch(`${full.url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', ...organizerAuth() }, body: JSON.stringify({ scenario: 'baltic-shield' }) });
      const body = (await res.json()) as { code: string; message: string };
      expect([res.status, body.code]).toEqual([507, 'archive-full']);
      expect(body.message).toMatch(/archive is full/);
      const branch = await fetch(`${full.url}/api/matches/${match.matchId}/branch`, { method: 'POST', headers: { 'content-type': 'application/json', ...organizerAuth() }, body: JSON.stringify({ turn: 0 }) });
      expect([branch.status, ((await branch.json()) as { code: string }).code]).toEqual([507, 'archive-full']);
    } finally {
      await full.stop();
    }
  });
});
