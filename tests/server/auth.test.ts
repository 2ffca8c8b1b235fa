import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/** The error a join fails with, as the SDK reports it. */
async function joinError(url: string, options: Record<string, unknown>): Promise<{ code: number; message: string }> {
  try {
    const room = await new Client(url).joinOrCreate('match', options);
    await room.leave(true);
  } catch (e) {
    return { code: (e as { code: number }).code, message: (e as Error).message };
  }
  throw new Error('the join succeeded');
}

describe('joining a match room', () => {
  let srv: TestServer;
  let match: NewMatch;
  let other: NewMatch;

  beforeAll(async () => {
    srv = await startTestServer();
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 1 });
    other = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 2 });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('a wrong join code is refused with a clear error', async () => {
    const e = await joinError(srv.url, { matchId: match.matchId, code: 'ZZZZZZ', name: 'Eve' });
    expect(e.message).toMatch(/^wrong-code: That join code does not open a seat in this match/);
  });

  it('another match’s code does not open this match', async () => {
    const e = await joinError(srv.url, { matchId: match.matchId, code: codeOf(other, 'aldoria'), name: 'Eve' });
    expect(e.message).toMatch(/^wrong-code:/);
  });

  it('a wrong facilitator token is refused; so is the other match’s token', async () => {
    expect((await joinError(srv.url, { matchId: match.matchId, facilitatorToken: 'x'.repeat(32), name: 'Eve' })).message).toMatch(/^wrong-token:/);
    expect((await joinError(srv.url, { matchId: match.matchId, facilitatorToken: other.facilitatorToken, name: 'Eve' })).message).toMatch(/^wrong-token:/);
  });

  it('an unknown match, missing credentials, both credentials, or no name are refused', async () => {
    expect((await joinError(srv.url, { matchId: 'no-such-match', code: codeOf(match, 'aldoria'), name: 'Eve' })).message).toMatch(/^unknown-match:/);
    expect((await joinError(srv.url, { matchId: match.matchId, name: 'Eve' })).message).toMatch(/^bad-join:/);
    expect((await joinError(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), facilitatorToken: match.facilitatorToken, name: 'Eve' })).message).toMatch(/^bad-join:/);
    expect((await joinError(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria') })).message).toMatch(/^bad-join:/);
  });

  it('a join code works typed in lower case with a separator', async () => {
    const code = codeOf(match, 'duvessa');
    const p = await Player.join(srv.url, { matchId: match.matchId, code: `${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`, name: 'Dana' });
    await p.until((s) => s.seats.get('duvessa').connected === 1);
    expect([...p.state.privates.keys()]).toEqual(['duvessa']);
    await p.leave();
  });

  it('credentials for one match cannot be used to enter another match’s room by id', async () => {
    const host = await Player.join(srv.url, { matchId: other.matchId, code: codeOf(other, 'aldoria'), name: 'Olga' });
    const e = await (async () => {
      try {
        await new Client(srv.url).joinById(other.matchId, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Eve' });
      } catch (err) {
        return (err as Error).message;
      }
      return 'joined';
    })();
    expect(e).toMatch(/wrong-match/);
    expect(host.state.seats.get('aldoria').connected).toBe(1);
    await host.leave();
  });
});
