/**
 * Server benchmark (`npm run bench:server`; a benchmark, not a test: it prints, asserts
 * nothing). Everything over real WebSockets on 127.0.0.1, the clients (@colyseus/sdk, decoding
 * every patch) in this process, each server in a child process whose CPU and memory are read
 * from /proc (bench/server/child.ts).
 *
 * 1. Side by side, alliance-turns (6 seats × 30 private capabilities, bots answering at once;
 *    and the same paced load on every side, to compare CPU per turn at an equal rate of work):
 *    the FLOOR — a bare Colyseus room doing the same game with the same rules and nothing else
 *    (bench/server/floor-room.ts: patchRate null, broadcastPatch() on resolve, view fields) —
 *    and this SERVER with its durable SQLite archive as `npm start` runs it (and PostgreSQL
 *    when DATABASE_URL is set), rounds alternated so both see the same machine. Figures:
 *    turn latency p50/p99 of one match, server CPU per turn, bytes per client per turn,
 *    join bytes (30 clients at once: first state / settled), players before p99 > 250 ms
 *    and peak turns/s (R matches at once, R doubling), each with its ratio to the floor.
 * 2. Capacity with paced players on the server (SQLite): 167 alliance-turns matches
 *    (1,002 players), each playing one turn every BENCH_PACE_MS, seats spread over the turn;
 *    then cyber-alliance matches of 4 allies + the facilitator the same way.
 * 3. Memory: heap and RSS with those matches live, and after they end.
 *
 * Every loop is bounded (R list, turn counts, time limits per step); servers are stopped and
 * their folders removed on every way out. BENCH_PROFILE=<folder> writes a CPU profile of each
 * server's main thread during each one-match round and each ladder step there
 * (`<kind>-round<n>.cpuprofile`, `<kind>-ladder-R<r>.cpuprofile`);
 * BENCH_HEAP_SNAPSHOT=<folder> writes a heap snapshot of the server after each paced run's
 * matches have ended (`<workload>-after-R<r>.heapsnapshot`).
 * BENCH_CPU_PROF=<folder> runs the servers under `node --cpu-prof` (every thread, the whole
 * run; CPU figures are then inflated). Summarise with `npm run bench:profile -- <file>`.
 *
 *   BENCH_ROUNDS=3        side-by-side alternations (1..10)
 *   BENCH_TURNS=100       turns of the one-match latency round (10..100: the scenario's length)
 *   BENCH_LADDER=1,2,4,8,16,32,64,128,192   R of the capacity ladder (increasing, ≤ 12 steps)
 *   BENCH_PACED=167       alliance-turns matches of the paced run (0 skips it)
 *   BENCH_PACED_CYBER=200 cyber-alliance matches of the paced run (0 skips it)
 *   BENCH_PACE_MS=2000    one turn per match every … ms in the paced runs
 *   BENCH_RSS_WATCH_S=120 how long the paced runs watch RSS come back after their matches end
 */
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { cpuByThread, rssBytes, rssSampler, startServerProcess, stopAll, type ServerKind, type ServerProcess } from './server/proc.ts';
import { mapLimit, quantile, textTable, withTimeout } from './server/stats.ts';
import { allianceTurnsWorkload, cyberAllianceWorkload, joinStorm, type Target, type Workload } from './server/workloads.ts';

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}
const ROUNDS = intEnv('BENCH_ROUNDS', 3, 1, 10);
const TURNS = intEnv('BENCH_TURNS', 100, 10, 100); // alliance-turns plays 100 turns
const LADDER = (process.env.BENCH_LADDER ?? '1,2,4,8,16,32,64,128,192').split(',').map((x) => Number(x.trim()));
if (LADDER.length === 0 || LADDER.length > 12 || LADDER.some((r, i) => !Number.isInteger(r) || r < 1 || r > 512 || (i > 0 && r <= (LADDER[i - 1] as number)))) {
  throw new Error('BENCH_LADDER must be 1 to 12 increasing integers in 1..512');
}
const PACED = intEnv('BENCH_PACED', 167, 0, 512);
const PACED_CYBER = intEnv('BENCH_PACED_CYBER', 200, 0, 512);
const PACE_MS = intEnv('BENCH_PACE_MS', 2000, 200, 60_000);
const LADDER_TURNS = 10;
const SAME_LOAD_R = 64;
/** How long the paced runs watch RSS come back after their matches end. */
const RSS_WATCH_MS = intEnv('BENCH_RSS_WATCH_S', 120, 0, 600) * 1000;
const SAME_LOAD_PACE_MS = 500;
const LADDER_P99_MS = 250;
const PACED_P99_MS = 100;
const STEP_TIMEOUT_MS = 180_000;
const JOIN_PARALLEL = 8;

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

interface Round {
  readonly turns: number;
  readonly wall: number;
  readonly serverCpu: number;
  readonly benchCpu: number;
  readonly rssPeak: number;
  readonly latencies: number[];
  readonly bytesPerClientTurn: number[];
  readonly refused: string[];
}

/** R matches of `w` on `server`: joined first (not measured), then started together and played to the end. */
async function round(server: ServerProcess, target: Target, w: Workload, r: number, seedBase: number, profileTo?: string): Promise<Round> {
  const runs = await withTimeout(mapLimit(Array.from({ length: r }, (_, i) => i), JOIN_PARALLEL, (i) => w.prepare(server.url, seedBase + i, target)), STEP_TIMEOUT_MS, `joining ${r} matches`);
  const profiling = profileTo ? await server.profile() : null;
  const rss = rssSampler(server.pid);
  const cpu0 = await server.cpuMicros();
  const bench0 = process.cpuUsage();
  const t0 = performance.now();
  let m: Pick<Round, 'wall' | 'serverCpu' | 'benchCpu' | 'rssPeak'>;
  try {
    await withTimeout(Promise.all(runs.map((run) => run.play())), STEP_TIMEOUT_MS, `playing ${r} matches`);
  } finally {
    const wall = (performance.now() - t0) / 1000;
    const b = process.cpuUsage(bench0);
    m = { wall, serverCpu: ((await server.cpuMicros()) - cpu0) / 1e6, benchCpu: (b.user + b.system) / 1e6, rssPeak: rss.stop() };
    if (profiling && profileTo) await profiling.stop(profileTo);
  }
  const out = { ...m, turns: r * w.turns, latencies: runs.flatMap((x) => x.latencies), bytesPerClientTurn: runs.flatMap((x) => x.bytesPerTurn()), refused: runs.flatMap((x) => x.refused()) };
  await Promise.all(runs.map((x) => x.leave()));
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the rooms dispose
  return out;
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

interface Side {
  readonly label: string;
  readonly server: ServerProcess;
  readonly target: Target;
  lat: number[];
  cpuPerTurn: number[];
  bytes: number[];
  joinFirst: number[];
  joinSettled: number[];
  refused: string[];
  /** Archive transactions per turn in the one-match rounds (server only). */
  txPerTurn: number[];
  ladder: { r: number; p99: number; turnsPerSecond: number; serverCpu: number; benchCpu: number }[];
  ladderStop: string;
  sameLoad?: { cpuPerTurn: number; serverCpu: number; lat: number[]; turnsPerSecond: number };
  /** CPU seconds a turn by kind of thread, summed over the one-match rounds (divided by ROUNDS when printed). */
  threads: Record<'main' | 'archive' | 'v8' | 'other', number>;
}

async function sideBySide(kinds: readonly ServerKind[]): Promise<void> {
  console.log('\n1. Side by side: alliance-turns, bots answering at once');
  const sides: Side[] = [];
  for (const kind of kinds) {
    const server = await startServerProcess({ kind, ...(kind === 'postgres' ? { pgUrl: process.env.DATABASE_URL as string } : {}) });
    const label = { floor: 'floor (bare room)', sqlite: 'server, SQLite file', postgres: 'server, PostgreSQL', memory: 'server, SQLite memory' }[kind];
    sides.push({ label, server, target: kind === 'floor' ? 'floor' : 'server', lat: [], cpuPerTurn: [], bytes: [], joinFirst: [], joinSettled: [], refused: [], txPerTurn: [], threads: { main: 0, archive: 0, v8: 0, other: 0 }, ladder: [], ladderStop: 'end of the list' });
  }
  const one = allianceTurnsWorkload(TURNS);
  // Warm-up: code paths compiled before anything is measured.
  for (const s of sides) await round(s.server, s.target, allianceTurnsWorkload(10), 2, 900_000);
  for (let i = 0; i < ROUNDS; i++) {
    for (const s of sides) {
      const prof = process.env.BENCH_PROFILE ? path.join(process.env.BENCH_PROFILE, `${s.server.kind}-round${i + 1}.cpuprofile`) : undefined;
      const before = (await s.server.stats()).commit;
      const threads0 = cpuByThread(s.server.pid);
      const r = await round(s.server, s.target, one, 1, 10_000 + i, prof);
      const threads1 = cpuByThread(s.server.pid);
      for (const k of Object.keys(threads1) as (keyof typeof threads1)[]) s.threads[k] += (threads1[k] - threads0[k]) / r.turns;
      const after = (await s.server.stats()).commit;
      if (before && after) s.txPerTurn.push((after.batches - before.batches) / r.turns);
      s.lat.push(...r.latencies);
      s.cpuPerTurn.push((r.serverCpu / r.turns) * 1000);
      s.bytes.push(...r.bytesPerClientTurn);
      s.refused.push(...r.refused);
      const j = await joinStorm(s.server.url, s.target, 30, 20_000 + i);
      s.joinFirst.push(...j.first);
      s.joinSettled.push(...j.settled);
    }
    console.log(`  round ${i + 1}/${ROUNDS}: ${sides.map((s) => `${s.label} p50 ${f1(quantile(sorted(s.lat), 0.5))} ms`).join(', ')}`);
  }
  // The ladder: R matches at once, R growing, both sides at each step, until p99 passes 250 ms.
  const ladder = allianceTurnsWorkload(LADDER_TURNS);
  for (const r of LADDER) {
    const live = sides.filter((s) => s.ladderStop === 'end of the list');
    if (live.length === 0) break;
    for (const s of live) {
      let x: Round;
      try {
        const prof = process.env.BENCH_PROFILE ? path.join(process.env.BENCH_PROFILE, `${s.server.kind}-ladder-R${r}.cpuprofile`) : undefined;
        x = await round(s.server, s.target, ladder, r, 100_000 + r * 1000, prof);
      } catch (e) {
        s.ladderStop = `R=${r} failed: ${e instanceof Error ? e.message : String(e)}`;
        continue;
      }
      const p99 = quantile(sorted(x.latencies), 0.99);
      s.ladder.push({ r, p99, turnsPerSecond: x.turns / x.wall, serverCpu: x.serverCpu / x.wall, benchCpu: x.benchCpu / x.wall });
      console.log(`  ladder R=${r} (${r * 6} players) ${s.label}: p99 ${f1(p99)} ms, ${f1(x.turns / x.wall)} turns/s, server CPU ${(100 * x.serverCpu / x.wall).toFixed(0)} %, bench CPU ${(100 * x.benchCpu / x.wall).toFixed(0)} %`);
      if (!(p99 <= LADDER_P99_MS)) s.ladderStop = `p99 passed ${LADDER_P99_MS} ms at R=${r}`;
      else if (x.benchCpu / x.wall > 0.95) s.ladderStop = `the load generator saturated at R=${r} (bench CPU ${(100 * x.benchCpu / x.wall).toFixed(0)} %)`;
    }
  }
  // The same load on every side: R matches, a turn each every PACE ms (orders spread over the
  // first half of the turn), so CPU per turn and latency compare at an equal rate of work.
  const pacedW = allianceTurnsWorkload(10, SAME_LOAD_PACE_MS);
  for (const s of sides) {
    try {
      const x = await round(s.server, s.target, pacedW, SAME_LOAD_R, 300_000);
      s.sameLoad = { cpuPerTurn: (x.serverCpu / x.turns) * 1000, serverCpu: x.serverCpu / x.wall, lat: sorted(x.latencies), turnsPerSecond: x.turns / x.wall };
      console.log(`  same load, ${SAME_LOAD_R} matches paced at one turn per ${SAME_LOAD_PACE_MS} ms, ${s.label}: ${(x.turns / x.wall).toFixed(0)} turns/s, server CPU ${(100 * x.serverCpu / x.wall).toFixed(0)} %, ${((x.serverCpu / x.turns) * 1000).toFixed(3)} ms a turn, p99 ${f1(quantile(sorted(x.latencies), 0.99))} ms`);
    } catch (e) {
      console.log(`  same load, ${s.label}: failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const floor = sides[0] as Side;
  const rows: string[][] = [];
  const figure = (name: string, get: (s: Side) => number, fmt: (x: number, s: Side) => string, target: string) => {
    const f = get(floor);
    rows.push([name, ...sides.map((s) => fmt(get(s), s)), ...sides.slice(1).map((s) => ratio(get(s), f)), target]);
  };
  figure('turn latency p50, one match (ms)', (s) => quantile(sorted(s.lat), 0.5), (x) => x.toFixed(2), '≤ 1.3×');
  figure('turn latency p99, one match (ms)', (s) => quantile(sorted(s.lat), 0.99), (x) => x.toFixed(2), '≤ 2×');
  figure('server CPU per turn, one match (ms)', (s) => quantile(sorted(s.cpuPerTurn), 0.5), (x) => x.toFixed(3), '≤ 1.5×');
  figure('bytes per client per turn (median)', (s) => quantile(sorted(s.bytes), 0.5), (x) => x.toFixed(0), '≤ 2×');
  figure('join bytes per client, 30 at once: first state', (s) => quantile(sorted(s.joinFirst), 0.5), (x) => x.toFixed(0), '≤ 2×');
  figure('join bytes per client, 30 at once: settled', (s) => quantile(sorted(s.joinSettled), 0.5), (x) => x.toFixed(0), '≤ 2×');
  const before = (s: Side) => {
    const ok = s.ladder.filter((x) => x.p99 <= LADDER_P99_MS);
    return ok.length > 0 ? (ok[ok.length - 1] as { r: number }).r * 6 : 0;
  };
  const saturated = (s: Side) => (s.ladderStop.startsWith('the load generator') ? ' (bench saturated)' : s.ladderStop === 'end of the list' ? ' (end of list)' : '');
  figure(`server CPU per turn, same load: ${SAME_LOAD_R} matches paced (ms)`, (s) => s.sameLoad?.cpuPerTurn ?? Number.NaN, (x) => x.toFixed(3), '≤ 1.5×');
  figure(`turn latency p99, same load (ms)`, (s) => quantile(s.sameLoad?.lat ?? [], 0.99), (x) => x.toFixed(1), '');
  figure(`players before p99 > ${LADDER_P99_MS} ms (6 per match)`, before, (x, s) => (s.ladderStop.startsWith('p99') ? String(x) : `≥ ${x}${saturated(s)}`), '');
  figure('peak turns/s', (s) => Math.max(0, ...s.ladder.map((x) => x.turnsPerSecond)), (x, s) => `${x.toFixed(0)}${saturated(s)}`, '');
  console.log('');
  console.log(textTable(['figure', ...sides.map((s) => s.label), ...sides.slice(1).map((s) => `${s.label} ÷ floor`), 'target'], rows));
  for (const s of sides) {
    const t = s.threads;
    const per = (x: number) => `${((x / ROUNDS) * 1000).toFixed(3)}`;
    console.log(`  ${s.label}: CPU a turn, one match, by thread (ms; the whole round, joins included; 10 ms ticks): event loop ${per(t.main)}, archive thread ${per(t.archive)}, V8 helpers (GC) ${per(t.v8)}, other ${per(t.other)}`);
    if (s.txPerTurn.length > 0) console.log(`  ${s.label}: ${quantile(sorted(s.txPerTurn), 0.5).toFixed(2)} archive transactions a turn in the one-match rounds`);
    console.log(`  ${s.label}: ladder stopped: ${s.ladderStop}${s.refused.length > 0 ? `; refused replies: ${[...new Set(s.refused)].join(', ')}` : ''}`);
    if (s.server.logs.length > 0) console.log(`    server log: ${s.server.logs.length} line(s), first: ${s.server.logs[0]}`);
  }
  for (const s of sides) await s.server.stop();
}

/** R matches of `w` played at a pace, on the durable SQLite server; memory with them live and after. */
async function paced(w: Workload, r: number): Promise<void> {
  const server = await startServerProcess({ kind: 'sqlite' });
  try {
    // Warm up (code compiled, pools grown) with a few matches played to their end, so that
    // "idle" below is the server after work, which is what "returned" should be measured against.
    await round(server, 'server', w, 4, 40_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = await server.stats();
    const runs = await withTimeout(mapLimit(Array.from({ length: r }, (_, i) => i), JOIN_PARALLEL, (i) => w.prepare(server.url, 50_000 + i, 'server')), STEP_TIMEOUT_MS * 2, `joining ${r} matches`);
    const live = await server.stats();
    const rss = rssSampler(server.pid);
    const cpu0 = await server.cpuMicros();
    await server.loopDelay();
    const bench0 = process.cpuUsage();
    const loop0 = monitorEventLoopDelay({ resolution: 5 });
    loop0.enable();
    const t0 = performance.now();
    await withTimeout(Promise.all(runs.map((x) => x.play())), STEP_TIMEOUT_MS * 2, `playing ${r} paced matches`);
    loop0.disable();
    const serverLoop = await server.loopDelay();
    const wall = (performance.now() - t0) / 1000;
    const serverCpu = ((await server.cpuMicros()) - cpu0) / 1e6;
    const b = process.cpuUsage(bench0);
    const rssPeak = rss.stop();
    const played = await server.stats();
    const lat = sorted(runs.flatMap((x) => x.latencies));
    const turns = r * w.turns;
    await Promise.all(runs.map((x) => x.leave()));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await server.stats();
    const players = r * w.clientsPerMatch;
    const p99 = quantile(lat, 0.99);
    console.log(`  ${r} matches, ${players} players, ${turns} turns in ${wall.toFixed(1)} s (${(turns / wall).toFixed(0)} turns/s):`);
    console.log(`    turn latency p50 ${f1(quantile(lat, 0.5))} ms, p99 ${f1(p99)} ms, max ${f1(lat[lat.length - 1] ?? Number.NaN)} ms — p99 ${p99 < PACED_P99_MS ? '<' : '≥'} ${PACED_P99_MS} ms`);
    console.log(`    event loop held up: server p99 ${serverLoop.p99.toFixed(1)} ms, max ${serverLoop.max.toFixed(1)} ms; bench p99 ${(loop0.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop0.max / 1e6).toFixed(1)} ms`);
    console.log(`    server CPU ${(100 * serverCpu / wall).toFixed(0)} % of a core, ${((serverCpu / turns) * 1000).toFixed(3)} ms a turn; bench (load generator) CPU ${(100 * (b.user + b.system) / 1e6 / wall).toFixed(0)} %`);
    const c = played.commit;
    if (c) console.log(`    archive: ${c.batches} transactions carried ${c.writes} writes (${(c.writes / Math.max(1, c.batches)).toFixed(1)} a transaction, largest ${c.largest}); ${(c.commitMs / Math.max(1, c.batches)).toFixed(2)} ms a commit on average, longest ${c.longestMs.toFixed(1)} ms`);
    console.log(`    memory: idle heap ${mib(idle.heapUsed)} MiB / RSS ${mib(idle.rss)} MiB; with ${live.rooms} rooms heap ${mib(live.heapUsed)} / RSS ${mib(live.rss)} MiB (${((live.heapUsed - idle.heapUsed) / r / 1024).toFixed(0)} KiB heap, ${((live.rss - idle.rss) / r / 1024).toFixed(0)} KiB RSS a match at join); after play heap ${mib(played.heapUsed)} MiB, peak RSS ${mib(rssPeak)} MiB`);
    console.log(`    after they ended: ${after.rooms} rooms, heap ${mib(after.heapUsed)} MiB (${after.heapUsed <= idle.heapUsed * 1.1 ? 'back within 10 % of idle' : 'NOT back'}; V8 holds ${mib(after.heapTotal)} MiB for it, idle ${mib(idle.heapTotal)}), external ${mib(after.external)} MiB (idle ${mib(idle.external)})${after.archiveHeap && idle.archiveHeap ? `, archive thread heap ${mib(after.archiveHeap.used)} of ${mib(after.archiveHeap.held)} MiB (idle ${mib(idle.archiveHeap.held)})` : ''}, RSS ${mib(after.rss)} MiB`);
    if (process.env.BENCH_HEAP_SNAPSHOT) {
      const file = path.join(process.env.BENCH_HEAP_SNAPSHOT, `${w.ruleset}-after-R${r}.heapsnapshot`);
      await server.heapSnapshot(file);
      console.log(`    heap snapshot after they ended: ${file}`);
    }
    // RSS comes back only as V8 and the allocator give pages back: watch it, bounded, for a while.
    const rssStart = performance.now();
    let rssNow = rssBytes(server.pid);
    let last = after;
    while (rssNow > idle.rss * 1.1 && performance.now() - rssStart < RSS_WATCH_MS) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      rssNow = rssBytes(server.pid);
    }
    last = await server.stats();
    const watched = ((performance.now() - rssStart) / 1000).toFixed(0);
    console.log(`    RSS ${mib(rssNow)} MiB ${rssNow <= idle.rss * 1.1 ? `back within 10 % of idle after ${watched} s` : `still above idle + 10 % after ${watched} s of watching`} (then: heap ${mib(last.heapUsed)} of ${mib(last.heapTotal)} MiB held by V8, external ${mib(last.external)} MiB${last.archiveHeap ? `, archive thread heap ${mib(last.archiveHeap.used)} of ${mib(last.archiveHeap.held)} MiB` : ''}${last.reducer ? `; the memory reducer collected ${last.reducer.runs} time(s), the last holding the event loop ${last.reducer.lastMs.toFixed(0)} ms` : ''})`);
    if (server.logs.length > 0) console.log(`    server log: ${server.logs.length} line(s), first: ${server.logs[0]}`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log('Server benchmark');
  console.log(`  machine: ${cpus[0]?.model.trim() ?? 'unknown cpu'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.arch()} ${os.release()}`);
  console.log(`  node ${process.version}; date ${new Date().toISOString().slice(0, 10)}; clients in this process, servers in child processes`);
  console.log('  latency: send of a turn\'s last order → the last client of the match decoding the resolved state');
  // BENCH_MEMORY=1 adds the server with SQLite in memory: no fsync — what durability costs (a comparison, not a configuration).
  const kinds: ServerKind[] = ['floor', 'sqlite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : []), ...(process.env.BENCH_MEMORY === '1' ? (['memory'] as const) : [])];
  await sideBySide(kinds);
  if (PACED > 0) {
    console.log(`\n2a. Capacity, paced: alliance-turns on the server (SQLite file), one turn per match every ${PACE_MS} ms`);
    await paced(allianceTurnsWorkload(10, PACE_MS), PACED);
  }
  if (PACED_CYBER > 0) {
    console.log(`\n2b. Capacity, paced: cyber-alliance baltic-shield on the server (SQLite file), one turn per match every ${PACE_MS} ms`);
    await paced(cyberAllianceWorkload(8, PACE_MS), PACED_CYBER);
  }
}

let exiting = false;
async function exit(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    await stopAll().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void exit(130));
process.on('SIGTERM', () => void exit(143));

main().then(
  () => exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    return exit(1);
  },
);
