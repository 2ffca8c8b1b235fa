/**
 * A class joins from links (`npm run bench:class`; a benchmark, not a test: it prints and
 * asserts nothing). A server in a child process (SQLite archive, the built client) and a
 * baltic-shield match; then, all at once, STUDENTS simulated students — each checks its seat
 * link's code (POST /api/join/check) and joins the match with the code alone, as the link
 * page does, through the client's own MatchSession (@colyseus/sdk), until it holds the board —
 * and PAGES real Chromium pages, each opening a seat link, typing a name and waiting for its
 * board's canvas. Prints the time until everyone is on a board, per-join percentiles, and
 * the bytes one board downloads on its first load and on a reload (Chromium's own count of
 * encoded bytes, from CDP Network events).
 *
 *   BENCH_STUDENTS=30   simulated students (1..200), spread over the four ally seats
 *   BENCH_PAGES=4       real browser pages (0..8), one per ally seat (needs /usr/bin/chromium)
 *
 * Bounded: every join has a 60 s limit; the server and browser are stopped on every way out.
 */
import { BENCH_ORGANIZER_KEY } from './server/organizer.ts';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { MatchSession } from '../client/net/session.ts';
import type { NewMatch } from '../server/match-factory.ts';
import { quantile } from './server/stats.ts';

const ROOT = path.join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const JOIN_LIMIT_MS = 60_000;

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

const STUDENTS = intEnv('BENCH_STUDENTS', 30, 1, 200);
const PAGES = existsSync(CHROMIUM) ? intEnv('BENCH_PAGES', 4, 0, 8) : 0;
const ALLIES = ['aldoria', 'brennmark', 'corvania', 'duvessa'];

function limit<T>(p: Promise<T>, what: string): Promise<T> {
  const late = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error(`${what}: over ${JOIN_LIMIT_MS} ms`)), JOIN_LIMIT_MS).unref();
  });
  return Promise.race([p, late]);
}

async function startServer(clientDir: string, dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'class', 'server.ts'), clientDir, dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', () => reject(new Error('the server exited before listening')));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** One simulated student: the link page's two steps, then the first state of the board. */
async function student(url: string, code: string, name: string): Promise<{ ms: number; session: MatchSession }> {
  const t = performance.now();
  const check = (await (await fetch(`${url}/api/join/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()) as { ok: boolean; matchId: string };
  if (!check.ok) throw new Error(`${name}: the code was refused`);
  const session = await MatchSession.open({ endpoint: url, join: { matchId: check.matchId, code, name, tab: `bench-${name.replace(/\W/g, '')}-tab` }, rejoinForMs: JOIN_LIMIT_MS });
  await new Promise<void>((resolve) => {
    const ready = () => (session.state as { seats?: { size?: number } } | undefined)?.seats?.size;
    if (ready()) return resolve();
    const off = session.onStateChange(() => {
      if (ready()) {
        off();
        resolve();
      }
    });
  });
  return { ms: performance.now() - t, session };
}

/** One real page: open the link, type the name, wait for the board's canvas. Counts the bytes it downloads. */
async function page(browser: Browser, link: string, name: string): Promise<{ ms: number; page: Page; bytes: () => number; reset: () => void }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
  const t = performance.now();
  await p.goto(link);
  await p.fill('[data-testid="link-form"] input[name="name"]', name);
  await p.click('[data-testid="link-form"] button[type="submit"]');
  await p.waitForSelector('[data-testid="board"] canvas', { timeout: JOIN_LIMIT_MS });
  return { ms: performance.now() - t, page: p, bytes: () => bytes, reset: () => (bytes = 0) };
}

const client = mkdtempSync(path.join(os.tmpdir(), 'se-bench-client-'));
const data = mkdtempSync(path.join(os.tmpdir(), 'se-bench-class-'));
let server: { url: string; stop: () => void } | null = null;
let browser: Browser | null = null;
const sessions: MatchSession[] = [];
try {
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: client, emptyOutDir: true } });
  server = await startServer(client, data);
  const res = await fetch(`${server.url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ORGANIZER_KEY}` }, body: JSON.stringify({ scenario: 'baltic-shield' }) });
  const match = (await res.json()) as NewMatch;
  const codeOf = (seat: string) => match.seats.find((s) => s.seat === seat)?.code ?? '';
  if (PAGES > 0) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });

  const started = performance.now();
  const sims = Array.from({ length: STUDENTS }, (_, i) => limit(student(server!.url, codeOf(ALLIES[i % ALLIES.length]!), `Student ${i + 1}`), `student ${i + 1}`));
  const real = Array.from({ length: PAGES }, (_, i) => limit(page(browser!, `${server!.url}/j/${codeOf(ALLIES[i % ALLIES.length]!)}`, `Page ${i + 1}`), `page ${i + 1}`));
  const [simResults, pageResults] = await Promise.all([Promise.all(sims), Promise.all(real)]);
  const total = performance.now() - started;
  for (const r of simResults) sessions.push(r.session);

  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const line = (label: string, xs: number[]) =>
    xs.length ? `${label.padEnd(24)} n=${String(xs.length).padStart(3)}  p50 ${quantile(sorted(xs), 0.5).toFixed(0).padStart(6)} ms  p95 ${quantile(sorted(xs), 0.95).toFixed(0).padStart(6)} ms  max ${Math.max(...xs).toFixed(0).padStart(6)} ms` : `${label}: none`;
  console.log(`A class joins from links: ${STUDENTS} simulated students + ${PAGES} browser pages, baltic-shield, ${os.cpus().length} CPUs, Node ${process.version}`);
  console.log(line('simulated students', simResults.map((r) => r.ms)));
  console.log(line('browser pages', pageResults.map((r) => r.ms)));
  console.log(`everyone on a board after ${(total / 1000).toFixed(1)} s`);

  const first = pageResults[0];
  if (first) {
    const firstLoad = first.bytes();
    first.reset();
    await first.page.reload();
    await first.page.waitForSelector('[data-testid="board"] canvas', { timeout: JOIN_LIMIT_MS });
    await first.page.waitForTimeout(500);
    console.log(`bytes of HTTP one board downloads (encoded, as Chromium counts them; the game state then comes over the WebSocket): first load ${(firstLoad / 1024).toFixed(0)} KiB, reload ${(first.bytes() / 1024).toFixed(1)} KiB`);
  }
} finally {
  await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
  await browser?.close().catch(() => undefined);
  server?.stop();
  rmSync(client, { recursive: true, force: true });
  setTimeout(() => rmSync(data, { recursive: true, force: true }), 500).unref();
}
