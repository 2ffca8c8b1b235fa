import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';
import { Player } from './player.ts';

/** docs/design.md §1: the adversary is played by the built-in bot unless a red team seat takes it. */
describe('claiming a bot seat', () => {
  let srv: TestServer;
  const players: Player[] = [];

  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    for (const p of players) await p.leave();
    await srv?.close();
  });

  it('a red team joining with the adversary code takes the seat from the bot, and the hand-over is logged', async () => {
    const match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 5 });
    const fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    players.push(fac);
    await fac.until((s) => s.seats.get('kragan').bot === true);
    const red = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'kragan'), name: 'Red' });
    players.push(red);
    await fac.until((s) => s.seats.get('kragan').bot === false);
    const log = await srv.store.entries(match.matchId);
    expect(log.some((e) => e.kind === 'control' && e.action.type === 'setBot' && e.action.seat === 'kragan' && e.action.bot === false)).toBe(true);
    // the red team now plays: planning waits for it
    await fac.must('startMatch');
    await fac.must('advancePhase');
    await red.until((s) => s.phase === 'planning');
    await red.must('submitOrder', { order: { type: 'defend', network: 'kr-adn', action: 'harden' } });
    expect(red.state.phase).toBe('planning');
  });
});
