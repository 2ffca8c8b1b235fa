import { describe, expect, it } from 'vitest';
import { AttemptThrottle } from '../../server/auth/throttle.ts';
import { createMatch, TEST_ORGANIZER_KEY } from '../server/harness.ts';
import { HAVE_CHROMIUM, openPage, screenshotPath, servedClient } from './browser.ts';

/** Issue 13 in the browser: the strict CSP holds on every screen, the sign-in on /new, and throttled codes read as sentences. */
describe.skipIf(!HAVE_CHROMIUM)('security in the browser (Chromium)', () => {
  // The real throttle, not the test servers' lenient one.
  const e2e = servedClient({ app: { throttle: new AttemptThrottle() } });

  it('/new asks for the organizer key once, says why a wrong one fails, then shows the create form', async () => {
    const { page, errors } = await openPage(e2e.browser);
    await page.goto(`${e2e.srv.url}/new`);
    await page.fill('[data-testid="signin-form"] input[name="key"]', 'seo_not-the-key-000000000');
    await page.click('[data-testid="signin-form"] button[type="submit"]');
    await page.locator('[data-testid="signin-error"]', { hasText: 'That organizer key is not valid on this server.' }).waitFor();
    await page.fill('[data-testid="signin-form"] input[name="key"]', TEST_ORGANIZER_KEY);
    await page.click('[data-testid="signin-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="create-form"]');
    expect(await page.textContent('[data-testid="signed-in"]')).toMatch(/Signed in as organizer owner/);
    // The cookie is HttpOnly: the page's script cannot read it.
    expect(await page.evaluate('document.cookie')).toBe('');
    await page.reload();
    await page.waitForSelector('[data-testid="create-form"]');
    await page.screenshot({ path: screenshotPath('security-new.png') });
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    await page.close();
  });

  it('every screen runs under the CSP without a violation: projector map, console, after-action report', async () => {
    const match = await createMatch(e2e.srv.url, { scenario: 'baltic-shield' });
    const wall = await openPage(e2e.browser);
    await wall.page.goto(`${e2e.srv.url}/projector?match=${match.matchId}&code=${match.observerCode}`);
    await wall.page.waitForSelector('[data-testid="projector"][data-nations]');
    const fac = await openPage(e2e.browser);
    await fac.page.goto(`${e2e.srv.url}/?match=${match.matchId}`);
    await fac.page.fill('input[name="token"]', match.facilitatorToken);
    await fac.page.fill('input[name="name"]', 'White Cell');
    await fac.page.click('[data-testid="join-form"] button[type="submit"]');
    await fac.page.waitForSelector('[data-testid="console"] canvas');
    const popup = fac.page.context().waitForEvent('page');
    await fac.page.click('[data-testid="open-aar"]');
    const report = await popup;
    const reportErrors: string[] = [];
    report.on('console', (m) => {
      if (m.type() === 'error') reportErrors.push(m.text());
    });
    await report.waitForLoadState();
    await report.waitForSelector('h1');
    // The report's own inline styles apply (it is a self-contained page).
    const styled = await report.evaluate('getComputedStyle(document.body).fontFamily');
    await report.screenshot({ path: screenshotPath('security-aar.png') });
    expect(String(styled)).not.toBe('');
    expect([...wall.errors, ...fac.errors, ...reportErrors].filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
    expect([...wall.errors, ...fac.errors]).toEqual([]);
    for (const p of [wall.page, fac.page, report]) await p.close();
  });

  it('wrong codes, again and again, end in a sentence that says how long to wait — never an internal code', async () => {
    const match = await createMatch(e2e.srv.url, { scenario: 'baltic-shield' });
    const { page } = await openPage(e2e.browser);
    await page.goto(`${e2e.srv.url}/?match=${match.matchId}`);
    const error = page.locator('[data-testid="join-error"]');
    let text = '';
    for (let i = 0; i < 12 && !/Wait/.test(text); i++) {
      await page.fill('input[name="code"]', `ABCD-EFGH-${String(i).padStart(4, 'J')}`);
      await page.fill('input[name="name"]', 'Mallory');
      await error.evaluate((e) => (e.textContent = ''));
      await page.click('[data-testid="join-form"] button[type="submit"]');
      await error.filter({ hasText: /./ }).waitFor();
      text = (await error.textContent()) ?? '';
      expect(text).not.toMatch(/^[a-z-]+:/);
    }
    expect(text).toMatch(/^Too many wrong codes or keys were tried from your network\. Wait \d+ seconds, then try again\.$/);
    await page.screenshot({ path: screenshotPath('security-throttled.png') });
    await page.close();
  });
});
