import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../server/harness.ts';

/** Debian's chromium (`apt-get install chromium`); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) process.stderr.write(`e2e: skipped, no Chromium at ${CHROMIUM}\n`);

export const ROOT = path.join(import.meta.dirname, '..', '..');
export const OUTPUT = path.join(ROOT, 'test-output');

/** Builds the client with the project's vite.config.ts into a temp folder (not dist/, which `npm start` owns). */
export async function buildClient(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'se-client-'));
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The built client served by a test server (SQLite in a temp folder) and a Chromium, for the
 * describe block that calls it: built and started in its beforeAll, closed in its afterAll.
 * Read `srv`, `browser` and `clientDir` inside the tests.
 */
export function servedClient(options: Parameters<typeof startTestServer>[0] = {}): { readonly srv: TestServer; readonly browser: Browser; readonly clientDir: string } {
  let client: { dir: string; remove(): void } | undefined;
  let srv: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    client = await buildClient();
    srv = await startTestServer({ ...options, clientDir: client.dir });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    client?.remove();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`servedClient: no ${what} yet (read it inside a test)`);
    return value;
  };
  return {
    get srv() {
      return ready(srv, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get clientDir() {
      return ready(client, 'client').dir;
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export function screenshotPath(name: string): string {
  mkdirSync(OUTPUT, { recursive: true });
  return path.join(OUTPUT, name);
}

/** Two animation frames, so the last update is on the canvas before a screenshot. */
export const settle = (page: Page): Promise<unknown> => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

/** Fraction of the (WebGL) canvas in `selector` that differs from the background: a blank canvas gives 0. */
export async function drawnFraction(page: Page, selector: string): Promise<number> {
  return (await page.evaluate(`(() => {
    const source = document.querySelector(${JSON.stringify(selector)});
    const copy = document.createElement('canvas');
    copy.width = source.width; copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    let differ = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - 0x10) + Math.abs(data[i + 1] - 0x14) + Math.abs(data[i + 2] - 0x18) > 24) differ++;
    return differ / (data.length / 4);
  })()`)) as number;
}

/** Picks the first combination of option values for which the board's composer says the order is allowed. */
export async function firstAllowed(page: Page, fields: readonly string[]): Promise<boolean> {
  const options = async (name: string) => page.$$eval(`[data-testid="composer"] select[name="${name}"] option`, (os) => os.map((o) => (o as unknown as { value: string }).value).filter((v) => v !== ''));
  const tryFrom = async (i: number): Promise<boolean> => {
    const name = fields[i];
    if (name === undefined) return (await page.getAttribute('[data-testid="order-verdict"]', 'data-ok')) === 'true';
    for (const v of await options(name)) {
      await page.selectOption(`[data-testid="composer"] select[name="${name}"]`, v);
      if (await tryFrom(i + 1)) return true;
    }
    return false;
  };
  return tryFrom(0);
}

/** Signs `page` in as an organizer on /new with `key` (the page keeps the session cookie) and waits for the create form. */
export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/new`);
  await page.fill('[data-testid="signin-form"] input[name="key"]', key);
  await page.click('[data-testid="signin-form"] button[type="submit"]');
  await page.waitForSelector('[data-testid="create-form"]');
}

/**
 * Waits until the form field `selector` holds `value` (polling its value: the strict CSP of the
 * pages allows no string predicate, and these tests are typed without the DOM).
 */
export async function waitForValue(page: Page, selector: string, value: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await page.inputValue(selector).catch(() => null);
    if (now === value) return;
    if (Date.now() > deadline) throw new Error(`${selector} did not come to hold "${value}" within ${timeoutMs} ms (it holds ${JSON.stringify(now)})`);
    await page.waitForTimeout(50);
  }
}
