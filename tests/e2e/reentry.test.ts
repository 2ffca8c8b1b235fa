import { describe, expect, it } from 'vitest';
import { createMatch, TEST_ORGANIZER_KEY } from '../server/harness.ts';
import { HAVE_CHROMIUM, openPage, screenshotPath, servedClient, signIn } from './browser.ts';

/**
 * Facilitator re-entry (issue 14, on issue 13's organizer session): the facilitator closes the
 * tab and has not kept the token shown once — the organizer's session brings back the console
 * and the replay, with nothing typed again; and a facilitator who joined with the token opens
 * the replay from the console without typing it.
 */
describe.skipIf(!HAVE_CHROMIUM)('facilitator re-entry (Chromium)', () => {
  const e2e = servedClient();

  it('the signed-in organizer reopens its console and replay from /new without the token', async () => {
    const match = await createMatch(e2e.srv.url, { scenario: 'baltic-shield' });
    const { page, errors } = await openPage(e2e.browser);
    await signIn(page, e2e.srv.url, TEST_ORGANIZER_KEY);
    const row = page.locator(`[data-testid="console-${match.matchId}"]`);
    await row.waitFor();
    await page.screenshot({ path: screenshotPath('reentry-your-matches.png') });
    await row.click();
    await page.locator('button:has-text("Start")').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/play');
    // A reload comes back to the console on the same session.
    await page.reload();
    await page.waitForSelector('[data-testid="phase"]');
    await page.locator('button:has-text("Start")').first().waitFor();
    await page.screenshot({ path: screenshotPath('reentry-console.png') });
    // The console's replay link opens the match on the organizer's session: no token field to fill.
    const [replay] = await Promise.all([page.waitForEvent('popup'), page.click('[data-testid="open-replay"]')]);
    await replay.click(`[data-testid="open-${match.matchId}"]`);
    await replay.waitForSelector('[data-testid="replay-viewer"]');
    expect(await replay.inputValue('[data-testid="token"]').catch(() => '')).toBe('');
    expect(errors).toEqual([]);
    await replay.close();
    await page.close();
  }, 90_000);

  it('a facilitator who joined with the token opens the replay from the console without typing it', async () => {
    const match = await createMatch(e2e.srv.url, { scenario: 'baltic-shield' });
    const { page, errors } = await openPage(e2e.browser);
    await page.goto(`${e2e.srv.url}/?match=${match.matchId}`);
    await page.fill('input[name="token"]', match.facilitatorToken);
    await page.fill('input[name="name"]', 'White Cell');
    await page.click('button[type="submit"]');
    await page.locator('button:has-text("Start")').first().waitFor();
    const [replay] = await Promise.all([page.waitForEvent('popup'), page.click('[data-testid="open-replay"]')]);
    await replay.waitForSelector('[data-testid="replay-viewer"]');
    // The token came in the fragment and is gone from the address bar.
    expect(new URL(replay.url()).hash).toBe('');
    expect(errors).toEqual([]);
    await replay.close();
    await page.close();
  }, 90_000);
});
