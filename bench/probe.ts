/**
 * `npm run probe`: the server probed as an outsider would (issue 13), with figures.
 *
 * Starts the product as `npm start` runs it (`node server/main.ts`, a temp DATA_DIR, on
 * 127.0.0.1) and measures: matches created without the organizer credential; wrong join codes
 * from one address, checked vs refused over a window, and the yearly rate and time to guess
 * that the throttle policy gives; security headers on every kind of response; a run of
 * malformed WebSocket frames (100,000 by default): crashes, state changes, log lines, and the
 * server's RSS (from /proc) before, during and after. A benchmark-style report, not a test.
 *
 *     npm run probe -- [--frames 100000] [--guess-seconds 75] [--attackers 4]
 */
import { Client, type Room } from '@colyseus/sdk';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ADDRESS_POLICY } from '../server/auth/throttle.ts';
import { CODE_SPACE, guessesIn, yearsToGuess } from '../server/auth/throttle-math.ts';
import { malformation } from '../server/rooms/frames.ts';
import { SqliteStore } from '../server/store/sqlite.ts';
import { rssBytes } from './server/proc.ts';

const ROOT = path.join(import.meta.dirname, '..');
const KEY = 'seo_probe-organizer-key-127.0.0.1-only';
const { values } = parseArgs({ options: { frames: { type: 'string' }, 'guess-seconds': { type: 'string' }, attackers: { type: 'string' } } });
const FRAMES = Number(values.frames ?? 100_000);
const GUESS_SECONDS = Number(values['guess-seconds'] ?? 75);
const ATTACKERS = Number(values.attackers ?? 4);
const mib = (b: number) => (b / 1024 ** 2).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The server as `npm start` runs it; every line it writes is counted. */
async function startProduct(): Promise<{ pid: number; url: string; dir: string; lines: string[]; exited: () => number | null; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'se-probe-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, ORGANIZER_KEY: KEY, DATABASE_URL: '', REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const s of [child.stdout, child.stderr]) createInterface({ input: s! }).on('line', (l) => lines.push(l));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${lines.slice(-5).join(' | ')}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // Not up yet.
    }
    if (i > 200) throw new Error('the server did not start');
    await sleep(100);
  }
  return {
    pid: child.pid ?? -1,
    url,
    dir,
    lines,
    exited: () => child.exitCode,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const auth = { authorization: `Bearer ${KEY}` };

async function createMatch(url: string): Promise<{ matchId: string; facilitatorToken: string; seats: { seat: string; code: string }[] }> {
  const res = await fetch(`${url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ scenario: 'baltic-shield', seed: 1 }) });
  if (res.status !== 201) throw new Error(`create: ${res.status}`);
  return (await res.json()) as never;
}

/** Matches in the archive, read from its file beside the running server (the API would ask for the credential this probe lacks by then). */
async function countMatches(dir: string): Promise<number> {
  const store = new SqliteStore(path.join(dir, 'matches.sqlite'));
  await store.init();
  try {
    return (await store.listMatches()).length;
  } finally {
    await store.close();
  }
}

async function probeCredential(url: string, dir: string): Promise<void> {
  const before = await countMatches(dir);
  const forms: Record<string, string>[] = [{}, { authorization: 'Bearer seo_guess' }, { authorization: 'Basic YWRtaW46YWRtaW4=' }, { cookie: 'se_organizer=owner.9999999999.x' }, { authorization: 'Bearer x' }];
  let statuses: Record<number, number> = {};
  for (let i = 0; i < 500; i++) {
    const res = await fetch(`${url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', ...forms[i % forms.length] }, body: JSON.stringify({ scenario: 'baltic-shield' }) });
    statuses = { ...statuses, [res.status]: (statuses[res.status] ?? 0) + 1 };
  }
  const created = (await countMatches(dir)) - before;
  const list = await fetch(`${url}/api/matches`);
  console.log(`credential: 500 POST /api/matches without a valid organizer credential → ${JSON.stringify(statuses)}; matches created: ${created}; GET /api/matches without it → ${list.status}`);
}

async function probeGuessing(url: string, matchId: string): Promise<void> {
  const started = Date.now();
  let checked = 0;
  let refused = 0;
  let lastWait = 0;
  while (Date.now() - started < GUESS_SECONDS * 1000) {
    const code = Array.from({ length: 12 }, () => 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[Math.floor(Math.random() * 31)]).join('');
    try {
      const room = await new Client(url).joinOrCreate('match', { matchId, code, name: 'Guesser' });
      await room.leave(true);
      checked++;
      console.log('guessing: a random code opened a seat (!)');
    } catch (e) {
      const m = (e as Error).message;
      if (m.startsWith('wrong-code:')) checked++;
      else if (m.startsWith('too-many-attempts:')) {
        refused++;
        lastWait = Number(/Wait (\d+) seconds/.exec(m)?.[1] ?? 0);
      } else throw e;
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const year = guessesIn(ADDRESS_POLICY);
  console.log(`guessing: ${checked + refused} wrong-code joins from one address in ${seconds.toFixed(0)} s: ${checked} checked, ${refused} refused too-many-attempts (last wait asked: ${lastWait} s)`);
  console.log(`guessing: policy ${ADDRESS_POLICY.free} a minute, then locks from ${ADDRESS_POLICY.firstLockSeconds} s doubling to ${ADDRESS_POLICY.maxLockSeconds} s (remembered ${ADDRESS_POLICY.memorySeconds / 86400} days): at most ${year.best} guesses a year from one address (${year.greedy} if it never pauses)`);
  console.log(`guessing: ${CODE_SPACE.toExponential(2)} codes; with 1,000,000 live codes the expected time to guess one is ${yearsToGuess(year.best, 1e6).toExponential(2)} years from one address, ${yearsToGuess(year.best, 1e6, 1e6).toFixed(0)} years from a million addresses at once`);
}

async function probeHeaders(url: string, matchId: string): Promise<void> {
  const html = await (await fetch(`${url}/`)).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  const targets: [string, string, Record<string, string>][] = [
    ['/', '/', {}],
    ['/play', `/play?match=${matchId}`, {}],
    ['/new', '/new', {}],
    ['/projector', `/projector?match=${matchId}`, {}],
    ...(asset ? [['asset', asset, {}] as [string, string, Record<string, string>]] : []),
    ['/api/scenarios', '/api/scenarios', {}],
    ['/api/matches', '/api/matches', auth],
    ['/api/matches (no credential)', '/api/matches', {}],
    ['/health', '/health', {}],
    ['/monitor', '/monitor/', auth],
    ['/monitor (no credential)', '/monitor/', {}],
  ];
  for (const [name, p, headers] of targets) {
    const res = await fetch(`${url}${p}`, { headers: { ...headers, origin: 'https://evil.example' } });
    const h = (k: string) => res.headers.get(k);
    const csp = h('content-security-policy') ?? '';
    const frame = /frame-ancestors ([^;]+)/.exec(csp)?.[1] ?? '—';
    const script = /script-src ([^;]+)/.exec(csp)?.[1] ?? (csp.includes("default-src 'none'") ? "(default-src 'none')" : '—');
    console.log(
      `headers: ${name.padEnd(30)} ${res.status}  nosniff=${h('x-content-type-options') === 'nosniff'}  csp script-src ${script}; frame-ancestors ${frame}  referrer=${h('referrer-policy')}  x-powered-by=${h('x-powered-by') ?? 'none'}  acao(evil)=${h('access-control-allow-origin') ?? 'none'}`,
    );
  }
  if (!asset) console.log('headers: no built client (run npm run build) — the asset row is missing');
}

/** Random frames that the server's frame guard counts as malformed (checked with the same function). */
function garbage(): Uint8Array {
  for (;;) {
    const f = new Uint8Array(1 + Math.floor(Math.random() * 48));
    for (let i = 0; i < f.length; i++) f[i] = Math.floor(Math.random() * 256);
    if (Math.random() < 0.5) f[0] = 13; // a message frame whose type or payload does not decode
    if (malformation(f) !== null) return f;
  }
}

async function probeMalformed(url: string, pid: number, lines: string[], exited: () => number | null, match: { matchId: string; facilitatorToken: string; seats: { seat: string; code: string }[] }): Promise<void> {
  const code = match.seats.find((s) => s.seat === 'aldoria')?.code ?? '';
  const entries = async () => ((await (await fetch(`${url}/api/matches/${match.matchId}/record`, { headers: auth })).json()) as { entries: unknown[] }).entries.length;
  // One join first, so the join record is in the log before the count starts.
  await (await new Client(url).joinOrCreate('match', { matchId: match.matchId, code, name: 'Attacker' })).leave(true);
  await sleep(2000);
  const rssStart = rssBytes(pid);
  const logStart = lines.length;
  const logBefore = await entries();
  let sent = 0;
  let closedFor = 0;
  let peak = rssStart;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 100);
  const started = Date.now();
  const attacker = async () => {
    while (sent < FRAMES) {
      let room: Room;
      try {
        room = await new Client(url).joinOrCreate('match', { matchId: match.matchId, code, name: 'Attacker' });
      } catch {
        await sleep(50);
        continue;
      }
      const left = new Promise<number>((r) => room.onLeave((c: number) => r(c)));
      const conn = room.connection as unknown as { send(d: Uint8Array): void };
      for (let i = 0; i < 25 && sent < FRAMES; i++, sent++) conn.send(garbage());
      const c = await Promise.race([left, sleep(3000).then(() => -1)]);
      if (c === 4400) closedFor++;
      else await room.leave(true).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: ATTACKERS }, attacker));
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const health = await fetch(`${url}/health`).then((r) => r.ok, () => false);
  const logAfter = await entries();
  const duringLines = lines.length - logStart;
  // V8 gives the heap back at its next major collection, which an idle server may not run for a while: wait for it (at most 5 minutes).
  const samples: number[] = [];
  let backAfter = -1;
  for (let i = 1; i <= 300; i++) {
    await sleep(1000);
    samples.push(rssBytes(pid));
    if (backAfter < 0 && (samples.at(-1) ?? Infinity) <= rssStart * 1.1) backAfter = i;
    if (backAfter > 0 && i >= backAfter + 5) break;
  }
  const rssEnd = samples.at(-1) ?? Number.NaN;
  console.log(`malformed: ${sent} frames over ${closedFor} connections (each closed with 4400 after ${'>'}20) in ${seconds.toFixed(0)} s by ${ATTACKERS} attackers`);
  console.log(`malformed: server alive: ${exited() === null && health ? 'yes' : 'NO'} (crashes: ${exited() === null ? 0 : 1}); log entries of the match ${logBefore} → ${logAfter} (changes: ${logAfter - logBefore}); server log lines during the run: ${duringLines}`);
  console.log(
    `malformed: RSS ${mib(rssStart)} MiB at the start, ${mib(peak)} MiB at the peak, ${mib(rssEnd)} MiB ${samples.length} s after (${(((rssEnd - rssStart) / rssStart) * 100).toFixed(1)} % from the start); ` +
      (backAfter > 0 ? `back within 10 % ${backAfter} s after the run` : 'not back within 10 % in 5 minutes'),
  );
  console.log(`malformed: RSS after the run, every 10 s: ${samples.filter((_, i) => i % 10 === 9 || i === samples.length - 1).map((b) => mib(b)).join(' ')}`);
  for (const l of lines.slice(logStart, logStart + 8)) console.log(`malformed:   log | ${l.slice(0, 160)}`);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'client', 'index.html'))) console.log('(no dist/client: `npm run probe` builds it; `node bench/probe.ts` alone does not)');
  const server = await startProduct();
  try {
    console.log(`probe: ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs, server pid ${server.pid} at ${server.url}, RSS at start ${mib(rssBytes(server.pid))} MiB`);
    const match = await createMatch(server.url);
    await probeHeaders(server.url, match.matchId);
    // The malformed-frame attacker joins with a right code from 127.0.0.1: before the guessing locks that address out.
    await probeMalformed(server.url, server.pid, server.lines, server.exited, match);
    await probeGuessing(server.url, match.matchId);
    await probeCredential(server.url, server.dir);
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
