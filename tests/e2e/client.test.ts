import { describe, expect, it } from 'vitest';
import { codeOf, createMatch, startTestServer } from '../server/harness.ts';
import { Player } from '../server/player.ts';
import { drawnFraction, HAVE_CHROMIUM, openPage, screenshotPath, servedClient, settle } from './browser.ts';

/**
 * The built browser client in real Chromium, served by a real server: the projector draws
 * the public map from the room state, and the join screen explains a refusal.
 */
describe.skipIf(!HAVE_CHROMIUM)('browser client (Chromium)', () => {
  const e2e = servedClient();

  it('the projector, opened with the observer code, draws the map of nations and networks on its canvas', async () => {
    const match = await createMatch(e2e.srv.url, { scenario: 'baltic-shield' });
    const { page, errors } = await openPage(e2e.browser);
    await page.goto(`${e2e.srv.url}/projector?match=${match.matchId}&code=${match.observerCode}`);
    await page.waitForSelector('[data-testid="projector"] canvas');
    await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { dataset: Record<string, string> } | null } }).document.querySelector('[data-testid="projector"]')?.dataset.nations ?? 0) > 0);
    // Two more frames so the last update is on the canvas.
    await settle(page);
    await page.screenshot({ path: screenshotPath('projector.png') });

    // Copy the WebGL canvas into a 2D canvas and count pixels that differ from the background.
    expect(await drawnFraction(page, '[data-testid="projector"] canvas')).toBeGreaterThan(0.005);

    expect(await page.textContent('[data-testid="phase"]')).toBe('Waiting for the facilitator to start the match');
    expect(await page.textContent('[data-testid="status"]')).toBe('● connected');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a sovereign offer, once resolved, is pinned on the projector map', async () => {
    const match = await createMatch(e2e.srv.url, { scenario: 'baltic-shield', seed: 5 });
    const join = (seat: string | null, name: string) =>
      Player.join(e2e.srv.url, seat === null ? { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name } : { matchId: match.matchId, code: codeOf(match, seat), name });
    const fac = await join(null, 'White Cell');
    const a = await join('aldoria', 'Ana');
    try {
      for (const seat of ['brennmark', 'corvania', 'duvessa']) await fac.must('setBot', { seat, bot: true });
      await fac.must('startMatch');
      await fac.must('advancePhase');
      await a.until((s) => s.phase === 'planning');
      const copy = [...a.state.privates.get('aldoria').arsenal.values()][0].copy as string;
      const target = [...a.state.board.networks.values()].find((w) => w.owner === 'kragan').id as string;
      await a.must('submitOrder', { order: { type: 'sovereignOffer', copy, target } });
      await a.must('setReady', { ready: true });
      await a.until((s) => s.board.offers.size > 0);

      const { page, errors } = await openPage(e2e.browser);
      await page.goto(`${e2e.srv.url}/projector?match=${match.matchId}&code=${match.observerCode}`);
      await page.waitForSelector('[data-testid="projector"][data-offers="1"]');
      await settle(page);
      await page.screenshot({ path: screenshotPath('projector-offer.png') });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await a.leave();
      await fac.leave();
    }
  });

  it('the join screen says in a sentence why a wrong code is refused, and nothing is logged in the console', async () => {
    const match = await createMatch(e2e.srv.url, { scenario: 'baltic-shield' });
    const { page, errors } = await openPage(e2e.browser);
    await page.goto(`${e2e.srv.url}/?match=${match.matchId}`);
    await page.fill('input[name="code"]', 'ZZZZZZ');
    await page.fill('input[name="name"]', 'Mallory');
    await page.click('button[type="submit"]');
    const error = page.locator('[data-testid="join-error"]');
    await error.filter({ hasText: /./ }).waitFor();
    expect(await error.textContent()).toMatch(/^That join code does not open a seat/);
    // The code is checked through the API first (answered 200): no refused matchmaking request to log.
    expect(errors).toEqual([]);
    // The same for a link with a wrong code.
    await page.goto(`${e2e.srv.url}/j/ZZZZZZ`);
    await error.filter({ hasText: /./ }).waitFor();
    expect(await error.textContent()).toMatch(/^That join code does not open any match/);
    await page.screenshot({ path: screenshotPath('join-wrong-code.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the projector says it is reconnecting when the server goes away', async () => {
    const other = await startTestServer({ clientDir: e2e.clientDir });
    try {
      const match = await createMatch(other.url, { scenario: 'baltic-shield' });
      const { page } = await openPage(e2e.browser);
      await page.goto(`${other.url}/projector?match=${match.matchId}&code=${match.observerCode}`);
      await page.waitForSelector('[data-testid="projector"][data-nations]');
      expect(await page.textContent('[data-testid="status"]')).toBe('● connected');
      await other.stop();
      await page.locator('[data-testid="status"]', { hasText: /reconnecting…/ }).waitFor({ timeout: 10_000 });
      await page.close();
    } finally {
      await other.close();
    }
  });
});
