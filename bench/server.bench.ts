/**
 * Server benchmark (`npm run bench:server`; a benchmark, not a test: it prints, asserts
 * nothing). For each ruleset, R concurrent matches of S bot clients over real WebSockets
 * against a server in a child process (SQLite archive in a temp folder, 127.0.0.1), the bots
 * answering each turn as soon as they see it. Per step it prints turns/s, p50/p95/p99 of the
 * time from a turn's last order to every client of the match holding the resolved state,
 * bytes received per client per turn, the server's CPU and peak RSS (from /proc) and the
 * bench process's own CPU (the clients share one process: when it nears 100 % the clients,
 * not the server, are the limit). Then the largest R whose p99 stays under 100 ms.
 *
 * Every loop is bounded: R goes up a fixed list and stops at the first step whose p99 reaches
 * 100 ms, at a step that fails or exceeds its time limit, or when the time budget is spent.
 * The server is stopped and its folder removed on every way out.
 *
 *   BENCH_R=1,2,3,4,6,8,12,16,24,32   matches per step (increasing; each 1..256, at most 12 steps)
 *   BENCH_TURNS=10          measured turns per match (1..50; cyber-alliance plays at most its 8)
 *   BENCH_REPEAT=3          rounds per step, fresh matches each, samples pooled (1..10): one
 *                           round of R=1 gives only 10 latency samples
 *   BENCH_BUDGET_S=240      time budget per ruleset (steps already started finish)
 *   BENCH_RULESETS=alliance-turns,cyber-alliance
 *   BENCH_STORE=file        file: the durable SQLite archive (WAL, synchronous=FULL: one fsync per
 *                           log entry), as `npm run serve` runs; memory: SQLite in memory, no fsync,
 *                           to see what durability costs (not a configuration to run)
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuSeconds, rssBytes, rssSampler, startServerProcess, stopAll, type ServerProcess } from './server/proc.ts';
import { mapLimit, mean, quantile, textTable, withTimeout } from './server/stats.ts';
import { allianceTurnsWorkload, cyberAllianceWorkload, type Workload } from './server/workloads.ts';

const TARGET_P99_MS = 100;
const STEP_TIMEOUT_MS = 90_000;
const JOIN_PARALLEL = 4;
const WARMUP_MATCHES = 2;

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  return n;
}

const R_LIST = (process.env.BENCH_R ?? '1,2,3,4,6,8,12,16,24,32').split(',').map((x) => Number(x.trim()));
if (R_LIST.length === 0 || R_LIST.length > 12 || R_LIST.some((r, i) => !Number.isInteger(r) || r < 1 || r > 256 || (i > 0 && r <= (R_LIST[i - 1] as number)))) {
  throw new Error('BENCH_R must be 1 to 12 increasing integers in 1..256, e.g. 1,2,4,8');
}
const TURNS = intEnv('BENCH_TURNS', 10, 1, 50);
const REPEAT = intEnv('BENCH_REPEAT', 3, 1, 10);
const BUDGET_MS = intEnv('BENCH_BUDGET_S', 240, 10, 3600) * 1000;
const WORKLOADS: Record<string, Workload> = { 'alliance-turns': allianceTurnsWorkload(TURNS), 'cyber-alliance': cyberAllianceWorkload(TURNS) };
const SELECTED = (process.env.BENCH_RULESETS ?? 'alliance-turns,cyber-alliance').split(',').map((x) => x.trim());
for (const id of SELECTED) if (!WORKLOADS[id]) throw new Error(`BENCH_RULESETS: unknown ruleset "${id}"`);
const STORE = process.env.BENCH_STORE ?? 'file';
if (STORE !== 'file' && STORE !== 'memory') throw new Error(`BENCH_STORE must be file or memory, got "${STORE}"`);

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

interface Step {
  readonly r: number;
  readonly clients: number;
  readonly samples: number;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly bytesPerClientTurn: number;
  readonly serverCpu: number;
  readonly serverRssPeak: number;
  readonly benchCpu: number;
  readonly refused: string[];
}

interface Round {
  readonly wall: number;
  readonly serverCpuSeconds: number;
  readonly benchCpuSeconds: number;
  readonly rssPeak: number;
  readonly latencies: number[];
  readonly bytesPerClientTurn: number[];
  readonly refused: string[];
}

/** R matches: joined first (not measured), then started together and played to the end. */
async function runRound(server: ServerProcess, w: Workload, r: number, seedBase: number): Promise<Round> {
  const runs = await withTimeout(
    mapLimit(Array.from({ length: r }, (_, i) => i), JOIN_PARALLEL, (i) => w.prepare(server.url, seedBase + i)),
    STEP_TIMEOUT_MS,
    `joining ${r} matches`,
  );
  const rss = rssSampler(server.pid);
  const cpu0 = cpuSeconds(server.pid);
  const bench0 = process.cpuUsage();
  const t0 = performance.now();
  let measured: Pick<Round, 'wall' | 'serverCpuSeconds' | 'benchCpuSeconds' | 'rssPeak'>;
  try {
    await withTimeout(Promise.all(runs.map((run) => run.play())), STEP_TIMEOUT_MS, `playing ${r} matches`);
  } finally {
    const b = process.cpuUsage(bench0);
    measured = { wall: (performance.now() - t0) / 1000, serverCpuSeconds: cpuSeconds(server.pid) - cpu0, benchCpuSeconds: (b.user + b.system) / 1e6, rssPeak: rss.stop() };
    await Promise.all(runs.map((run) => run.leave()));
  }
  return {
    ...measured,
    latencies: runs.flatMap((run) => run.latencies),
    bytesPerClientTurn: runs.flatMap((run) => run.bytesPerTurn()),
    refused: runs.flatMap((run) => run.refused()),
  };
}

/** REPEAT rounds of R matches, their samples pooled; rates are totals over the rounds' play time. */
async function runStep(server: ServerProcess, w: Workload, r: number, seedBase: number, repeat: number): Promise<Step> {
  const rounds: Round[] = [];
  for (let i = 0; i < repeat; i++) {
    rounds.push(await runRound(server, w, r, seedBase + i * r));
    // Let the rooms of this round dispose before the next.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const wall = rounds.reduce((a, x) => a + x.wall, 0);
  const lat = rounds.flatMap((x) => x.latencies).sort((a, b) => a - b);
  return {
    r,
    clients: r * w.clientsPerMatch,
    samples: lat.length,
    turnsPerSecond: (r * w.turns * rounds.length) / wall,
    p50: quantile(lat, 0.5),
    p95: quantile(lat, 0.95),
    p99: quantile(lat, 0.99),
    max: lat[lat.length - 1] ?? Number.NaN,
    bytesPerClientTurn: mean(rounds.flatMap((x) => x.bytesPerClientTurn)),
    serverCpu: rounds.reduce((a, x) => a + x.serverCpuSeconds, 0) / wall,
    serverRssPeak: Math.max(...rounds.map((x) => x.rssPeak)),
    benchCpu: rounds.reduce((a, x) => a + x.benchCpuSeconds, 0) / wall,
    refused: rounds.flatMap((x) => x.refused),
  };
}

const HEADER = ['R', 'clients', 'samples', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'B/client/turn', 'server CPU', 'server RSS MiB', 'bench CPU', 'refused'];
const row = (s: Step): string[] => [
  String(s.r),
  String(s.clients),
  String(s.samples),
  s.turnsPerSecond.toFixed(1),
  ms(s.p50),
  ms(s.p95),
  ms(s.p99),
  ms(s.max),
  s.bytesPerClientTurn.toFixed(0),
  `${(s.serverCpu * 100).toFixed(0)} %`,
  mib(s.serverRssPeak),
  `${(s.benchCpu * 100).toFixed(0)} %`,
  String(s.refused.length),
];

async function benchRuleset(w: Workload): Promise<{ largest: number | null; tried: number; stoppedBy: string }> {
  console.log(`\n${w.ruleset}: ${w.description}`);
  const begun = performance.now();
  const server = await startServerProcess({ memoryStore: STORE === 'memory' });
  try {
    console.log(`  server pid ${server.pid}, ${server.url}, RSS at start ${mib(rssBytes(server.pid))} MiB`);
    await runStep(server, w, WARMUP_MATCHES, 900_000, 1);
    console.log(`  warm-up: ${WARMUP_MATCHES} matches played, not counted`);
    const steps: Step[] = [];
    let stoppedBy = 'end of the R list';
    for (const r of R_LIST) {
      if (performance.now() - begun > BUDGET_MS) {
        stoppedBy = `time budget of ${BUDGET_MS / 1000} s reached`;
        break;
      }
      let step: Step;
      try {
        step = await runStep(server, w, r, r * 1000, REPEAT);
      } catch (e) {
        stoppedBy = `R=${r} failed: ${e instanceof Error ? e.message : String(e)}`;
        break;
      }
      steps.push(step);
      console.log(`  R=${r}: p99 ${ms(step.p99)} ms, ${step.turnsPerSecond.toFixed(1)} turns/s`);
      if (step.refused.length > 0) console.log(`    refused replies: ${[...new Set(step.refused)].join(', ')}`);
      if (!(step.p99 < TARGET_P99_MS)) {
        stoppedBy = `p99 reached ${TARGET_P99_MS} ms at R=${r}`;
        break;
      }
    }
    console.log('');
    console.log(textTable(HEADER, steps.map(row)));
    const passing = steps.filter((s) => s.p99 < TARGET_P99_MS);
    const largest = passing.length > 0 ? (passing[passing.length - 1] as Step).r : null;
    console.log(`  stopped: ${stoppedBy}`);
    console.log(`  largest R with p99 < ${TARGET_P99_MS} ms: ${largest ?? 'none'}${largest !== null && largest === R_LIST[R_LIST.length - 1] ? ' (the largest tried)' : ''}`);
    if (server.logs.length > 0) console.log(`  server log: ${server.logs.length} line(s), first: ${server.logs[0]}`);
    return { largest, tried: steps.length, stoppedBy };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log('Server benchmark');
  console.log(`  machine: ${cpus[0]?.model.trim() ?? 'unknown cpu'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.arch()} ${os.release()}`);
  console.log(`  node ${process.version}; date ${new Date().toISOString().slice(0, 10)}`);
  console.log(`  R list ${R_LIST.join(', ')}; ${TURNS} turns; ${REPEAT} rounds per step; budget ${BUDGET_MS / 1000} s per ruleset; latency target p99 < ${TARGET_P99_MS} ms`);
  console.log(`  store: ${STORE === 'file' ? 'SQLite file in a temp folder (WAL, synchronous=FULL)' : 'SQLite in memory (no fsync; comparison only)'}`);
  console.log('  latency: send of a turn\'s last order (alliance-turns: the order; cyber: the setReady after it) → the last client of the match decoding the resolved state');
  const summary: string[] = [];
  for (const id of SELECTED) {
    const w = WORKLOADS[id] as Workload;
    const r = await benchRuleset(w);
    summary.push(`  ${id}: largest R with p99 < ${TARGET_P99_MS} ms = ${r.largest ?? 'none'} (${r.stoppedBy})`);
  }
  console.log('\nSummary');
  console.log(summary.join('\n'));
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
