/**
 * A server under test, in its own process so that its CPU and memory can be read from /proc
 * (bench/server.bench.ts starts it):
 *
 *   node bench/server/child.ts <data folder> [--memory | --postgres <url> | --floor]
 *
 * - default: the same `startServer` as `npm start`, with the durable SQLite archive
 *   (`<data folder>/matches.sqlite`, WAL, synchronous=FULL, in its worker thread);
 * - `--memory`: SQLite in memory (no fsync; a comparison, not a configuration);
 * - `--postgres <url>`: the PostgreSQL archive, in a schema of its own, dropped at the end;
 * - `--floor`: the floor — a bare Colyseus room on the same transport (floor-room.ts).
 *
 * Always on 127.0.0.1 and a free port; prints one JSON line `{"port":…}` on stdout when it
 * listens. It answers a line `stats` on stdin with one JSON line: memory after a full GC
 * (run with --expose-gc), live rooms, and the archive's group-commit counters; a line `cpu`
 * with the CPU time the process (every thread) has used, in µs; `loop` with the event loop's
 * delay since the last `loop` (p99 and max, ms); `profile-start` and
 * `profile-stop <file>` take a CPU profile of the main thread in between (answering `{}`);
 * `heap-snapshot <file>` writes a heap snapshot of the main thread after a full GC. It stops when
 * its stdin closes (the bench exited, however it exited) or on SIGTERM, and removes the folder.
 */
import { defineRoom, defineServer, matchMaker } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { createInterface } from 'node:readline';
import { startServer } from '../../server/app.ts';
import { PostgresStore } from '../../server/store/postgres.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { MatchStore } from '../../server/store/store.ts';
import { FloorRoom } from './floor-room.ts';
import { BENCH_ORGANIZER_KEY } from './organizer.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/server/child.ts <data folder> [--memory | --postgres <url> | --floor]');
const has = (flag: string) => process.argv.includes(flag);
const pgUrl = has('--postgres') ? process.argv[process.argv.indexOf('--postgres') + 1] : undefined;

/** The server's memory reducer: how often it collected, the last pause (null for the floor). */
let reducer: () => { runs: number; lastMs: number } | null = () => null;
let store: (MatchStore & { commitStats?: unknown; threadHeap?: () => Promise<{ used: number; held: number } | null> }) | null = null;
let close: () => Promise<void>;
let port: number;
if (has('--floor')) {
  const server = defineServer({ rooms: { floor: defineRoom(FloorRoom).filterBy(['matchId']) }, transport: new WebSocketTransport({ maxPayload: 64 * 1024 }), greet: false, gracefullyShutdown: false });
  await server.listen(0, '127.0.0.1');
  port = (server.transport.server?.address() as { port: number }).port;
  close = () => server.gracefullyShutdown(false);
} else {
  const schema = `bench_${process.pid}`;
  store = pgUrl ? new PostgresStore(pgUrl, schema) : new SqliteStore(has('--memory') ? ':memory:' : path.join(dir, 'matches.sqlite'));
  await store.init();
  // Bots answer every turn at once, far above a person's pace, every client comes from
  // 127.0.0.1, and one organizer creates thousands of matches: the per-seat flood limit
  // (10 messages/s), the per-address connection cap and the matches-per-organizer cap would
  // throttle the benchmark itself, so they are raised here, and only here.
  const rateLimit = { perSecond: 10_000, burst: 10_000 };
  const running = await startServer({
    store, port: 0, host: '127.0.0.1', organizerKey: BENCH_ORGANIZER_KEY, rateLimit, limits: { connectionsPerAddress: 100_000, matchesPerOrganizer: 1_000_000 }, log: (line) => process.stderr.write(`${line}\n`),
  });
  port = running.port;
  reducer = () => running.memory.stats;
  close = async () => {
    await running.close();
    if (pgUrl) {
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => c.end());
    }
  };
}
process.stdout.write(`${JSON.stringify({ port })}\n`);

const gc = (globalThis as { gc?: () => void }).gc;
// How long the event loop was held up, between two `loop` commands (ms): p99 and max.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let profiler: Session | null = null;
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, arg] = line.trim().split(' ');
  if (command === 'profile-start') {
    profiler = new Session();
    profiler.connect();
    void profiler.post('Profiler.enable').then(() => profiler?.post('Profiler.start')).then(() => process.stdout.write('{}\n'));
    return;
  }
  if (command === 'profile-stop' && arg) {
    const session = profiler;
    profiler = null;
    void session?.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(arg, JSON.stringify(profile));
      session.disconnect();
      process.stdout.write('{}\n');
    });
    return;
  }
  if (command === 'heap-snapshot' && arg) {
    gc?.();
    writeHeapSnapshot(arg);
    process.stdout.write('{}\n');
    return;
  }
  if (line.trim() === 'loop') {
    process.stdout.write(`${JSON.stringify({ p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 })}\n`);
    loopDelay.reset();
    return;
  }
  if (line.trim() === 'cpu') {
    const c = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMicros: c.user + c.system })}\n`);
    return;
  }
  if (line.trim() !== 'stats') return;
  gc?.();
  const m = process.memoryUsage();
  void Promise.all([matchMaker.query({}), store?.threadHeap?.() ?? null]).then(([rooms, archiveHeap]) => {
    process.stdout.write(`${JSON.stringify({ heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss, external: m.external, archiveHeap, reducer: reducer(), rooms: rooms.length, commit: store?.commitStats ?? null })}\n`);
  });
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(0), 5000);
  force.unref();
  await close().catch(() => undefined);
  await store?.close().catch(() => undefined);
  // The bench removes the folder too; this covers a bench that was killed outright.
  rmSync(dir as string, { recursive: true, force: true });
  process.exit(0);
}
process.stdin.on('end', () => void stop());
process.stdin.on('error', () => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
