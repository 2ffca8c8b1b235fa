import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_ORGANIZER_KEY } from '../server/harness.ts';
import { Player } from '../server/player.ts';
import { drawnFraction, HAVE_CHROMIUM, openPage, screenshotPath, servedClient, settle, signIn } from './browser.ts';

const KEY = TEST_ORGANIZER_KEY;

/** Types into the form field at `path` and commits it (the form applies a field on change). */
async function setField(page: Page, path: string, value: string): Promise<void> {
  const input = page.locator(`.editor-forms [data-path="${path}"]`).first();
  await input.fill(value);
  await input.dispatchEvent('change');
}

/**
 * The scenario editor in Chromium: a new scenario is made from a shipped one in the forms,
 * with live errors beside their fields and the map preview drawn; it is dry-run with bots
 * (progress, then the report), uploaded as a match, played by the bots to the end in a real
 * room, replayed in the replay viewer (which knows it only from the record) and exported
 * as an after-action report. Screenshots: test-output/editor-*.png.
 */
describe.skipIf(!HAVE_CHROMIUM)('scenario editor (Chromium)', () => {
  // The match is played to the end as fast as the server answers: no flood limit here.
  const e2e = servedClient({ rateLimit: { perSecond: 1000, burst: 1000 } });

  it('makes a new scenario, dry-runs it, plays it with bots to the end, replays it and exports its AAR', { timeout: 240_000 }, async () => {
    const { page, errors } = await openPage(e2e.browser);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`${e2e.srv.url}/editor`);
    await page.waitForSelector('[data-testid="editor-status"]:has-text("Valid")');
    await page.fill('[data-testid="organizer-key"]', KEY);
    await page.locator('[data-testid="organizer-key"]').dispatchEvent('change');

    // A new scenario: new id, title, a renamed nation, a shorter planning window.
    await setField(page, 'id', 'frozen-strait');
    await setField(page, 'title', 'Frozen Strait — a new exercise');
    await setField(page, 'allies[0].name', 'Nordmark');
    await setField(page, 'planningSeconds', '180');
    // Live validation: a mistake shows beside its field, and the buttons wait for a fix.
    await setField(page, 'allies[0].networks[0].sophistication', '9');
    const beside = page.locator('[data-field="allies[0].networks[0].sophistication"] .field-error');
    await beside.waitFor();
    expect(await beside.textContent()).toMatch(/expected number to be <=5/);
    expect(await page.isDisabled('[data-testid="editor-dry-run"]')).toBe(true);
    await setField(page, 'coalitionObjectives[0].network', 'kr-nowhere');
    await page.locator('[data-field="coalitionObjectives[0].network"] .field-error', { hasText: /no network "kr-nowhere"/ }).waitFor();
    await page.waitForSelector('[data-testid="editor-status"]:has-text("2 errors")');
    await page.screenshot({ path: screenshotPath('editor-errors.png') });
    await setField(page, 'allies[0].networks[0].sophistication', '4');
    await setField(page, 'coalitionObjectives[0].network', 'kr-adn');
    await page.waitForSelector('[data-testid="editor-status"]:has-text("Valid")');
    const json = await page.inputValue('[data-testid="editor-json"]');
    const made = JSON.parse(json) as { id: string; planningSeconds: number; allies: { name: string }[] };
    expect([made.id, made.planningSeconds, made.allies[0]?.name]).toEqual(['frozen-strait', 180, 'Nordmark']);
    // A reload (or a closed tab) loses nothing: the draft is kept in this browser.
    await page.reload();
    await page.waitForSelector('[data-testid="editor-status"]:has-text("Valid")');
    expect(await page.inputValue('[data-testid="editor-json"]')).toBe(json);
    expect(await page.inputValue('.editor-forms [data-path="title"]')).toBe('Frozen Strait — a new exercise');
    // The map as the board draws it.
    await page.waitForSelector('[data-testid="editor-map"] canvas', { state: 'attached' });
    await settle(page);
    expect(await drawnFraction(page, '[data-testid="editor-map"] canvas')).toBeGreaterThan(0.02);
    await page.screenshot({ path: screenshotPath('editor.png') });

    // Dry run: progress, then the report with every claim.
    await page.fill('[data-testid="dry-run-matches"]', '24');
    await page.click('[data-testid="editor-dry-run"]');
    await page.waitForSelector('[data-testid="dry-run-report"]', { timeout: 120_000 });
    const report = await page.textContent('[data-testid="dry-run-report"]');
    expect(report).toMatch(/Dry run: 24 bot matches of Frozen Strait/);
    expect(report).toMatch(/Nordmark/);
    expect(report).toMatch(/Who wins how often/);
    expect(await page.locator('[data-testid="dry-run-report"] table').nth(2).locator('tbody tr').count()).toBe(10);
    await page.locator('[data-testid="dry-run-report"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('editor-dry-run.png'), fullPage: true });

    // Upload as a match.
    await page.click('[data-testid="editor-create"]');
    await page.waitForSelector('[data-testid="created-token"]');
    const token = (await page.textContent('[data-testid="created-token"]'))!.trim();
    const matchId = (await page.textContent('[data-testid="created-match"] code'))!.trim();
    expect(await e2e.srv.store.scenarioContent(matchId)).toBe(json);

    // The bots play it to the end in a real room.
    const fac = await Player.join(e2e.srv.url, { matchId, facilitatorToken: token, name: 'White Cell' });
    try {
      for (const seat of ['aldoria', 'brennmark', 'corvania', 'duvessa']) await fac.must('setBot', { seat, bot: true });
      await fac.must('startMatch');
      for (let i = 0; i < 80 && fac.state.phase !== 'ended'; i++) {
        await fac.must('advancePhase');
        await fac.sync();
      }
      expect([fac.state.phase, fac.state.turn]).toEqual(['ended', 8]);
    } finally {
      await fac.leave();
    }

    // The replay viewer replays it from the record alone.
    // The replay list is the organizer's: this page signs in first.
    await signIn(page, e2e.srv.url, KEY);
    await page.goto(`${e2e.srv.url}/replay`);
    await page.fill('[data-testid="token"]', token);
    await page.click(`[data-testid="open-${matchId}"]`);
    await page.waitForSelector('[data-testid="replay-viewer"]');
    await page.waitForSelector('[data-testid="board"][data-nations="5"]');
    await page.locator('body').press('End');
    expect(await page.textContent('[data-testid="where"]')).toMatch(/Turn 8/);
    await page.screenshot({ path: screenshotPath('editor-replay.png') });

    // And its after-action report.
    const aar = await fetch(`${e2e.srv.url}/api/matches/${matchId}/aar?format=html`, { headers: { authorization: `Bearer ${token}` } });
    expect(aar.status).toBe(200);
    const html = await aar.text();
    expect(html).toContain('Frozen Strait — a new exercise');
    expect(html).toContain('Nordmark');
    expect(errors).toEqual([]);
  });
});
