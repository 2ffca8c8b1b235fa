import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import { createMatch, organizerAuth, startTestServer, TEST_ORGANIZER_KEY, type TestServer } from '../server/harness.ts';
import { Player } from '../server/player.ts';
import { buildClient, HAVE_CHROMIUM, launch, openPage, screenshotPath, signIn } from './browser.ts';

/** Share of canvas pixels that differ from the map's background: a blank canvas is ~0. */
async function drawnShare(page: Page): Promise<number> {
  const r = (await page.evaluate(`(() => {
    const source = document.querySelector('[data-testid="board"] canvas');
    if (!source) return { differ: 0, total: 1 };
    const copy = document.createElement('canvas');
    copy.width = source.width; copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let differ = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 0x10) + Math.abs(data[i + 1] - 0x14) + Math.abs(data[i + 2] - 0x18) > 24) differ++;
    return { differ, total: data.length / 4 };
  })()`)) as { differ: number; total: number };
  return r.differ / r.total;
}

const frames = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
const dataOf = async (page: Page, key: string) => page.getAttribute('[data-testid="replay-viewer"]', `data-${key}`);

/**
 * The replay viewer in real Chromium against a real server: a match played by bots over
 * the server is opened from the match list with its facilitator token, scrubbed by keyboard
 * and by the range input, viewed as a seat and as the god view, an event clicked; and the
 * same record opened from a file, with no server involved.
 */
describe.skipIf(!HAVE_CHROMIUM)('replay viewer (Chromium)', () => {
  let client: { dir: string; remove(): void };
  let srv: TestServer;
  let browser: Browser;
  let match: NewMatch;
  let recordJson = '';

  beforeAll(async () => {
    client = await buildClient();
    srv = await startTestServer({ clientDir: client.dir });
    browser = await launch();
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 12 });
    const fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    try {
      for (const seat of ['aldoria', 'brennmark', 'corvania', 'duvessa']) await fac.must('setBot', { seat, bot: true });
      await fac.must('startMatch');
      for (let i = 0; i < 40 && !(fac.state.phase === 'debrief' && fac.state.turn >= 4); i++) {
        await fac.must('advancePhase');
        await fac.sync();
      }
      expect([fac.state.phase, fac.state.turn]).toEqual(['debrief', 4]);
    } finally {
      await fac.leave();
    }
    const res = await fetch(`${srv.url}/api/matches/${match.matchId}/record`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } });
    recordJson = await res.text();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    client?.remove();
  });

  it('opens a match from the server list with the token, scrubs, views as a seat and as god, and draws the board', async () => {
    const { page, errors } = await openPage(browser);
    await page.setViewportSize({ width: 1400, height: 1000 });
    // The list is the organizer's: not signed in, the page says so.
    await page.goto(`${srv.url}/replay`);
    await page.locator('[data-testid="match-list"]', { hasText: /Sign in as an organizer/ }).waitFor();
    await signIn(page, srv.url, TEST_ORGANIZER_KEY);
    await page.goto(`${srv.url}/replay`);
    await page.waitForSelector(`[data-testid="open-${match.matchId}"]`);
    await page.fill('[data-testid="token"]', 'not-the-token');
    await page.click(`[data-testid="open-${match.matchId}"]`);
    await page.locator('[data-testid="replay-error"]', { hasText: /token does not open/ }).waitFor();
    await page.fill('[data-testid="token"]', match.facilitatorToken);
    await page.click(`[data-testid="open-${match.matchId}"]`);
    await page.waitForSelector('[data-testid="replay-viewer"]');
    await page.waitForSelector('[data-testid="board"][data-nations="5"]');
    expect(await dataOf(page, 'step')).toBe('0');

    // Keyboard: ] twice = start of turn 2; End = last step; ← one back.
    await page.locator('body').press(']');
    await page.locator('body').press(']');
    expect(await dataOf(page, 'turn')).toBe('2');
    await page.locator('body').press('End');
    const last = Number(await page.getAttribute('[data-testid="scrubber"]', 'max'));
    expect(await dataOf(page, 'step')).toBe(String(last));
    await page.locator('body').press('ArrowLeft');
    expect(await dataOf(page, 'step')).toBe(String(last - 1));

    // The scrubber: to the debrief of turn 3 (the step that closed its planning).
    const record = JSON.parse(recordJson) as { entries: { kind: string; action?: { type: string } }[] };
    let closes = 0;
    const closeOf3 = record.entries.findIndex((e) => e.kind === 'control' && e.action?.type === 'closePlanning' && ++closes === 3) + 1;
    await page.locator('[data-testid="scrubber"]').fill(String(closeOf3));
    expect(await dataOf(page, 'step')).toBe(String(closeOf3));
    expect(await page.textContent('[data-testid="where"]')).toMatch(/Turn 3 · debrief/);
    expect(await page.locator('[data-testid="changes"] li').count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid="charts"] svg');
    expect(await page.locator('[data-testid="charts"] svg').count()).toBe(4);
    await frames(page);
    expect(await drawnShare(page)).toBeGreaterThan(0.01);
    // God view: the true user of every incident beside whom it was blamed on.
    expect(await page.locator('[data-testid="god-incidents"] tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('replay-god.png'), fullPage: false });
    await page.locator('[data-testid="charts"]').screenshot({ path: screenshotPath('replay-charts.png') });

    // View as Aldoria: its own arsenal with freshness; no god tables.
    await page.selectOption('[data-testid="view-as"]', 'aldoria');
    await page.waitForSelector('[data-testid="seat-panel"][data-viewer="aldoria"]');
    expect(await page.locator('[data-testid="seat-arsenal"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="god-incidents"]').count()).toBe(0);
    expect(await dataOf(page, 'step')).toBe(String(closeOf3));
    const seatEvents = await page.locator('[data-testid="event"]').count();
    await page.selectOption('[data-testid="view-as"]', 'facilitator');
    expect(await page.locator('[data-testid="event"]').count()).toBeGreaterThan(seatEvents);
    await page.selectOption('[data-testid="view-as"]', 'aldoria');
    await frames(page);
    await page.screenshot({ path: screenshotPath('replay-aldoria.png'), fullPage: false });

    // Annotations pinned to the current turn (3), saved with the match on the server; shown as text, never as markup.
    const note = '<b>Corvania</b> was blamed: discuss the shared GLASSHOUSE';
    await page.fill('[data-testid="annotation-text"]', note);
    expect(await page.textContent('[data-testid="annotation-add"]')).toBe('Pin to turn 3');
    await page.click('[data-testid="annotation-add"]');
    await page.locator('[data-testid="annotation"][data-turn="3"]', { hasText: 'discuss the shared' }).waitFor();
    expect(await page.locator('[data-testid="annotations"] b').count()).toBe(0);
    const saved = (await (await fetch(`${srv.url}/api/matches/${match.matchId}/annotations`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } })).json()) as { annotations: { turn: number; text: string }[] };
    expect(saved.annotations.map((x) => [x.turn, x.text])).toEqual([[3, note]]);
    await page.fill('[data-testid="annotation-text"]', 'a second note, to delete');
    await page.click('[data-testid="annotation-add"]');
    await page.locator('[data-testid="annotation"]', { hasText: 'to delete' }).waitFor();
    await page.locator('[data-testid="annotation"]', { hasText: 'to delete' }).locator('[data-testid="annotation-delete"]').click();
    await page.locator('[data-testid="annotation"]', { hasText: 'to delete' }).waitFor({ state: 'detached' });
    const after = (await (await fetch(`${srv.url}/api/matches/${match.matchId}/annotations`, { headers: { authorization: `Bearer ${match.facilitatorToken}` } })).json()) as { annotations: unknown[] };
    expect(after.annotations.length).toBe(1);

    // What if: branch a live match from the end of turn 3; its codes are shown once.
    expect(await page.textContent('[data-testid="branch"]')).toMatch(/from turn 3/);
    await page.click('[data-testid="branch"]');
    await page.locator('[data-testid="branch-result"] table').waitFor();
    const branchText = (await page.textContent('[data-testid="branch-result"]')) ?? '';
    const newId = /New match (\S+) from turn 3/.exec(branchText)?.[1] ?? '';
    const list = (await (await fetch(`${srv.url}/api/matches`, { headers: organizerAuth() })).json()) as { matches: { id: string; turn: number }[] };
    expect(list.matches.find((m) => m.id === newId)?.turn).toBe(3);
    expect(await page.locator('[data-testid="branch-result"] tbody tr').count()).toBe(6);
    await page.locator('[data-testid="branch-result"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('replay-tools.png') });

    // Click an event: the timeline moves to its step, and it is marked current.
    const ev = page.locator('[data-testid="event"]').nth(2);
    const step = await ev.getAttribute('data-step');
    await ev.click();
    expect(await dataOf(page, 'step')).toBe(step);
    expect(await ev.getAttribute('class')).toMatch(/current/);

    // Play at 4× moves forward by itself; space pauses.
    await page.selectOption('[data-testid="speed"]', '4');
    await page.locator('body').press('Home');
    await page.locator('body').press(' ');
    await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { dataset: Record<string, string> } | null } }).document.querySelector('[data-testid="replay-viewer"]')?.dataset.step) >= 3);
    await page.locator('body').press(' ');
    const paused = await dataOf(page, 'step');
    await page.waitForTimeout(400);
    expect(await dataOf(page, 'step')).toBe(paused);

    // A running match goes on: the facilitator opens turn 5's briefing; Reload fetches the longer record and stays put.
    await page.selectOption('[data-testid="view-as"]', 'aldoria');
    const before = { step: await dataOf(page, 'step'), max: Number(await page.getAttribute('[data-testid="scrubber"]', 'max')) };
    const fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'White Cell' });
    try {
      await fac.must('advancePhase');
    } finally {
      await fac.leave();
    }
    await page.click('[data-testid="reload"]');
    await page.waitForFunction((max) => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('[data-testid="scrubber"]')?.getAttribute('max')) > max, before.max);
    expect(await dataOf(page, 'step')).toBe(before.step);
    expect(await page.inputValue('[data-testid="view-as"]')).toBe('aldoria');
    await page.locator('body').press('End');
    expect(await page.textContent('[data-testid="where"]')).toMatch(/Turn 5 · briefing/);

    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    await page.close();
  });

  it('replays a record file chosen on the page, without the server', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${srv.url}/replay`);
    await page.setInputFiles('[data-testid="record-file"]', { name: 'match.record.json', mimeType: 'application/json', buffer: Buffer.from(recordJson) });
    await page.waitForSelector('[data-testid="replay-viewer"]');
    await page.waitForSelector('[data-testid="board"][data-nations="5"]');
    await page.locator('body').press('End');
    expect(await page.textContent('[data-testid="where"]')).toMatch(/Turn 4 · debrief/);
    expect(await page.textContent('[data-testid="annotations-off"]')).toMatch(/facilitator token/);
    expect(await page.isDisabled('[data-testid="branch"]')).toBe(true);
    await frames(page);
    await page.screenshot({ path: screenshotPath('replay-file.png') });
    // A file that is not a record: a sentence naming the bad field.
    await page.goto(`${srv.url}/replay`);
    await page.setInputFiles('[data-testid="record-file"]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":1,"ruleset":"cyber-alliance"}') });
    await page.locator('[data-testid="replay-error"]', { hasText: /Not a match record: field/ }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
