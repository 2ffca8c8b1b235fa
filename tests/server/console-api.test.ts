import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/** What the browser's screens ask the server besides the game: who am I, and the codes to read out. */
describe('console support: hello and the join codes', () => {
  let srv: TestServer;
  let match: NewMatch;
  beforeAll(async () => {
    srv = await startTestServer();
    match = await createMatch(srv.url, { scenario: 'baltic-shield' });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('hello tells each connection its role and seat, from its own credentials', async () => {
    const seat = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' });
    const observer = await Player.join(srv.url, { matchId: match.matchId, code: match.observerCode, name: 'Wall' });
    const facilitator = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    expect(await seat.ask('hello')).toMatchObject({ ok: true, data: { role: 'seat', seat: 'aldoria' } });
    expect(await observer.ask('hello')).toMatchObject({ ok: true, data: { role: 'observer', seat: null } });
    expect(await facilitator.ask('hello')).toMatchObject({ ok: true, data: { role: 'facilitator', seat: null } });
    await Promise.all([seat.leave(), observer.leave(), facilitator.leave()]);
  });

  it('GET /api/matches/:id/codes gives the facilitator the codes as issued, and nobody else', async () => {
    const url = `${srv.url}/api/matches/${match.matchId}/codes`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer nope' } })).status).toBe(403);
    expect((await fetch(`${srv.url}/api/matches/none/codes`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } })).status).toBe(404);
    const res = await fetch(url, { headers: { authorization: `Bearer ${match.facilitatorToken}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { seats: { seat: string; code: string }[]; observerCode: string };
    expect(body.observerCode).toBe(match.observerCode);
    expect(body.seats.map((s) => [s.seat, s.code]).sort()).toEqual(match.seats.map((s) => [s.seat, s.code]).sort());
  });
});
