import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMatch } from '../../server/match-factory.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from '../server/harness.ts';
import { Player } from '../server/player.ts';
import { HAVE_CHROMIUM, launch, openPage, ROOT, screenshotPath } from './browser.ts';

/**
 * A page holding only the chat panel (client/chat/chat-panel.ts), joined with the credentials
 * in its query; built here with Vite and served by the test server as its client. The real
 * board mounts the same panel.
 */
async function buildHarness(): Promise<{ dir: string; remove(): void }> {
  const src = mkdtempSync(path.join(tmpdir(), 'se-chat-src-'));
  const out = mkdtempSync(path.join(tmpdir(), 'se-chat-page-'));
  const client = (file: string) => JSON.stringify(path.join(ROOT, 'client', file));
  writeFileSync(
    path.join(src, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chat</title><link rel="icon" href="data:,"></head>' +
      '<body style="margin:0;background:#101418;color:#f2f2f2;font:16px system-ui"><div id="app" style="height:100vh;padding:8px;box-sizing:border-box"></div>' +
      '<script type="module" src="./main.ts"></script></body></html>',
  );
  writeFileSync(
    path.join(src, 'main.ts'),
    `import { mountChat } from ${client('chat/chat-panel.ts')};
import { MatchSession } from ${client('net/session.ts')};
const q = new URLSearchParams(location.search);
const token = q.get('token');
const matchId = q.get('match') ?? '';
const name = q.get('name') ?? 'Tester';
const join = token ? { matchId, facilitatorToken: token, name } : { matchId, code: q.get('code') ?? '', name };
const app = document.getElementById('app');
MatchSession.open({ endpoint: location.origin, join }).then((session) => {
  mountChat(app, session, { seat: token ? 'facilitator' : (q.get('seat') ?? '') }, {
    onOpenDeal: (channel, partner) => { app.dataset.deal = channel + ' ' + partner; },
  });
  app.dataset.ready = 'true';
}, (e) => { app.textContent = 'could not join: ' + String(e); });
`,
  );
  await build({ root: src, configFile: false, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  rmSync(src, { recursive: true, force: true });
  return { dir: out, remove: () => rmSync(out, { recursive: true, force: true }) };
}

const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

/**
 * Issue 7 in real Chromium: two nations negotiate a share in their bilateral channel; a third
 * nation's page never shows it (nor receives it on its WebSocket); markup in a message is shown
 * as text and never runs; the facilitator hides a message from every page.
 */
describe.skipIf(!HAVE_CHROMIUM)('chat panel (Chromium)', () => {
  let harness: { dir: string; remove(): void };
  let srv: TestServer;
  let browser: Browser;
  let match: NewMatch;
  const pages: Record<string, { page: Page; errors: string[]; frames: string[] }> = {};
  const players: Player[] = [];

  beforeAll(async () => {
    harness = await buildHarness();
    srv = await startTestServer({ clientDir: harness.dir });
    browser = await launch();
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 9, planningSeconds: 1800 });
    const open = async (key: string, query: Record<string, string>) => {
      const { page, errors } = await openPage(browser);
      page.setDefaultTimeout(10_000);
      const frames: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('latin1'))));
      await page.goto(`${srv.url}/?${new URLSearchParams({ match: match.matchId, ...query }).toString()}`);
      await page.waitForSelector('#app[data-ready="true"] [data-testid="chat"]');
      pages[key] = { page, errors, frames };
    };
    await open('ana', { code: codeOf(match, 'aldoria'), seat: 'aldoria', name: 'Ana' });
    await open('ben', { code: codeOf(match, 'brennmark'), seat: 'brennmark', name: 'Ben' });
    await open('cleo', { code: codeOf(match, 'corvania'), seat: 'corvania', name: 'Cleo' });
    await open('fac', { token: match.facilitatorToken, name: 'White Cell' });
  }, 120_000);

  afterAll(async () => {
    for (const p of players) await p.leave();
    await browser?.close();
    await srv?.close();
    harness?.remove();
  });

  const get = (key: string) => {
    const p = pages[key];
    if (!p) throw new Error(`no page ${key}`);
    return p;
  };
  const say = async (page: Page, text: string) => {
    await page.fill('[data-testid="chat-input"]', text);
    await page.press('[data-testid="chat-input"]', 'Enter');
    await page.waitForFunction(`document.querySelector('[data-testid="chat-input"]')?.value === ''`);
  };
  const lastText = (page: Page) => page.locator('[data-testid="chat-message"] .chat-text').last();

  it('two nations negotiate a share in their bilateral channel; a third nation never sees it', { timeout: 60_000 }, async () => {
    const ana = get('ana').page;
    const ben = get('ben').page;
    const cleo = get('cleo');
    const pair = 'pair:aldoria|brennmark';
    expect(await cleo.page.locator(`[data-testid="chat-channel-${pair}"]`).count()).toBe(0);

    await ana.click(`[data-testid="chat-channel-${pair}"]`);
    // "Propose a deal…" hands the channel and the partner to the board's order composer.
    await ana.click('[data-testid="chat-open-deal"]');
    expect(await ana.getAttribute('#app', 'data-deal')).toBe(`${pair} brennmark`);
    // Presence: who is on each seat of the channel right now.
    await ana.locator('[data-testid="chat-presence"]', { hasText: 'Aldoria: Ana · Brennmark: Ben' }).waitFor();
    await ana.fill('[data-testid="chat-input"]', 'Dual-key share of TIDEWATER if you hunt forward in our grid? BILATMARK1');
    // Ben sees Ana typing, in that channel only.
    await ben.click(`[data-testid="chat-channel-${pair}"]`);
    await ben.locator('[data-testid="chat-typing"]', { hasText: 'Ana (Aldoria) is typing' }).waitFor();
    await ana.press('[data-testid="chat-input"]', 'Enter');
    await ben.locator('[data-testid="chat-message"]', { hasText: 'BILATMARK1' }).waitFor();

    // Ana is on another channel when Ben answers: her unread count for the bilateral goes up.
    await ana.click('[data-testid="chat-channel-coalition"]');
    await say(ben, 'Agreed: we hunt forward, you share under dual-key. BILATMARK2');
    await ana.locator(`[data-testid="chat-unread-${pair}"]`, { hasText: '1' }).waitFor();
    await ana.click(`[data-testid="chat-channel-${pair}"]`);
    await ana.locator('[data-testid="chat-message"]', { hasText: 'BILATMARK2' }).waitFor();
    expect(await ana.textContent(`[data-testid="chat-unread-${pair}"]`)).toBe('');

    // The share itself, opened from the conversation: a second person on Brennmark's seat gives
    // the order and links a message to it, which both pages show.
    const fac = await Player.join(srv.url, { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name: 'Ops' });
    const bea = await Player.join(srv.url, { matchId: match.matchId, code: codeOf(match, 'brennmark'), name: 'Bea' });
    players.push(fac, bea);
    for (const seat of ['duvessa']) await fac.must('setBot', { seat, bot: true });
    await fac.must('startMatch');
    await fac.must('advancePhase');
    await bea.until((s) => s.phase === 'planning');
    await bea.must('submitOrder', { order: { type: 'share', copy: 'k-brn-tidewater', to: 'aldoria', terms: { dualKey: true } } });
    await bea.until((s) => s.privates.get('brennmark').orders.size > 0);
    const order = [...bea.state.privates.get('brennmark').orders.values()].find((o: { type: string }) => o.type === 'share') as { id: string };
    await bea.must('postMessage', { channel: pair, text: 'Share of TIDEWATER offered under dual-key. BILATMARK3', link: { kind: 'share', ref: order.id } });
    await ana.locator('[data-testid="chat-message"]', { hasText: `Linked to share offer ${order.id}` }).waitFor();

    // A coalition message reaches Cleo: her page is live, and still shows none of the bilateral.
    await ana.click('[data-testid="chat-channel-coalition"]');
    await say(ana, 'Coalition: planning opens now. COALMARK');
    await cleo.page.locator('[data-testid="chat-unread-coalition"]', { hasText: '1' }).waitFor();
    await cleo.page.click('[data-testid="chat-channel-coalition"]');
    await cleo.page.locator('[data-testid="chat-message"]', { hasText: 'COALMARK' }).waitFor();
    const cleoText = (await cleo.page.evaluate('document.body.innerText')) as string;
    for (const m of ['BILATMARK1', 'BILATMARK2', 'BILATMARK3']) {
      expect(cleoText).not.toContain(m);
      expect(cleo.frames.some((f) => f.includes(m))).toBe(false);
    }
    expect(cleo.frames.some((f) => f.includes('COALMARK'))).toBe(true);
    expect(get('ben').frames.some((f) => f.includes('BILATMARK1'))).toBe(true);
    await ana.click(`[data-testid="chat-channel-${pair}"]`);
    await ana.screenshot({ path: screenshotPath('chat-bilateral-ana.png') });
    await cleo.page.screenshot({ path: screenshotPath('chat-third-nation-cleo.png') });
    for (const key of ['ana', 'ben', 'cleo']) expect(get(key).errors).toEqual([]);
  });

  it('markup and script in a message are shown as text and never run', async () => {
    const ana = get('ana').page;
    const cleo = get('cleo').page;
    await ana.click('[data-testid="chat-channel-coalition"]');
    await say(ana, XSS);
    await cleo.locator('[data-testid="chat-message"]', { hasText: '<script>' }).waitFor();
    await cleo.waitForTimeout(500); // time for an injected onerror to have fired
    for (const page of [ana, cleo, get('fac').page]) {
      await page.click('[data-testid="chat-channel-coalition"]').catch(() => undefined);
      expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    }
    expect(await lastText(cleo).textContent()).toBe(XSS);
    expect(await cleo.locator('[data-testid="chat"] img, [data-testid="chat"] script').count()).toBe(0);
    await cleo.screenshot({ path: screenshotPath('chat-xss-literal.png') });
    for (const key of ['ana', 'cleo', 'fac']) expect(get(key).errors).toEqual([]);
  });

  it('the facilitator hides a message (players see it as hidden) and mutes a person, whose composer shows the refusal', async () => {
    const fac = get('fac').page;
    const cleo = get('cleo').page;
    const ana = get('ana').page;
    await fac.click('[data-testid="chat-channel-coalition"]');
    const msg = fac.locator('[data-testid="chat-message"]', { hasText: '<script>' });
    await msg.locator('[data-testid="chat-hide"]').click();
    await fac.locator('[data-testid="chat-message"][data-hidden="true"]', { hasText: '<script>' }).waitFor();
    await cleo.locator('[data-testid="chat-message"][data-hidden="true"]', { hasText: 'Hidden by the facilitator.' }).waitFor();
    expect(await cleo.locator('[data-testid="chat-message"]', { hasText: '<script>' }).count()).toBe(0);

    await fac.locator('[data-testid="chat-message"]', { hasText: 'COALMARK' }).locator('[data-testid="chat-mute"]').click();
    await fac.locator('[data-testid="chat-mute"]', { hasText: 'Unmute Ana' }).first().waitFor();
    await ana.fill('[data-testid="chat-input"]', 'Can anyone hear me?');
    await ana.click('[data-testid="chat-send"]');
    await ana.locator('[data-testid="chat-error"]', { hasText: 'The facilitator has muted you' }).waitFor();
    await fac.screenshot({ path: screenshotPath('chat-facilitator.png') });
    for (const key of ['ana', 'cleo', 'fac']) expect(get(key).errors).toEqual([]);
  });
});
