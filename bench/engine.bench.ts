/**
 * Engine benchmark (`npm run bench`): how long one resolution of the larger scenario
 * takes with every seat ordering, how long a 100-turn record takes to replay and to
 * seek, and how big the state gets. Prints numbers; asserts nothing.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { autoplay } from '../shared/engine/autoplay.ts';
import type { MatchRecord } from '../shared/engine/match.ts';
import { afterTurn, replay } from '../shared/engine/replay.ts';
import { turnRng } from '../shared/engine/rng.ts';
import { cyberAlliance, type Input } from '../shared/rules/index.ts';
import { findScenario } from '../shared/scenarios/index.ts';
import type { Scenario } from '../shared/scenarios/schema.ts';
import { busyRuleset, toppedUp } from './orders-from-view.ts';

const SEED = 1;
const RESOLVE_WARMUP = 20;
const RESOLVE_ITERATIONS = 100;
const REPLAY_WARMUP = 1;
const REPLAY_ITERATIONS = 5;

const grey = findScenario('grey-meridian');
if (!grey) throw new Error('grey-meridian is not shipped');

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** Replays a record up to (not including) the close of planning of `turn`: the planning state with every draft. */
function planningWithDrafts(scenario: Scenario, record: MatchRecord<Input>, turn: number) {
  let closes = 0;
  const cut = record.entries.findIndex((e) => e.kind === 'control' && e.action.type === 'closePlanning' && ++closes === turn);
  const r = replay(cyberAlliance, scenario, { ...record, entries: record.entries.slice(0, cut) });
  if (!r.ok) throw new Error(`replay failed: ${r.error.message}`);
  return r.match;
}

function table(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
}

// ── machine ───────────────────────────────────────────────────────────────
const cpus = os.cpus();
console.log('Machine');
console.log(
  table([
    ['cpu', cpus[0]?.model.trim() ?? 'unknown'],
    ['cores', String(cpus.length)],
    ['memory', `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`],
    ['node', process.version],
    ['platform', `${os.platform()} ${os.arch()}`],
  ]),
);

// ── one resolution of grey-meridian, every seat ordering ──────────────────
const live = autoplay(busyRuleset, grey, SEED);
const toppedUpInLive = toppedUp.count;
const seats = cyberAlliance.seats(live.match.state).map((s) => s.id);
const samples: number[] = [];
const perTurn: (readonly [string, string])[] = [];
let minOrdering = seats.length;
for (let turn = 1; turn <= grey.turns; turn++) {
  const m = planningWithDrafts(grey, live.record, turn);
  const ordering = new Set(m.drafts.orders.map((o) => o.seat)).size;
  minOrdering = Math.min(minOrdering, ordering);
  const rng = turnRng(SEED, turn);
  for (let i = 0; i < RESOLVE_WARMUP; i++) cyberAlliance.resolve(m.state, m.drafts, rng);
  const mine: number[] = [];
  for (let i = 0; i < RESOLVE_ITERATIONS; i++) mine.push(time(() => cyberAlliance.resolve(m.state, m.drafts, rng)).ms);
  samples.push(...mine);
  mine.sort((a, b) => a - b);
  perTurn.push([`turn ${String(turn).padStart(2)}`, `${String(m.drafts.orders.length).padStart(3)} orders from ${ordering}/${seats.length} seats, median ${ms(quantile(mine, 0.5))}`]);
}
samples.sort((a, b) => a - b);
console.log(`\nResolve one turn of grey-meridian (${seats.length} seats, seed ${SEED}; ${RESOLVE_ITERATIONS} timed runs per turn after ${RESOLVE_WARMUP} warm-up)`);
console.log(table(perTurn));
console.log(
  table([
    ['all turns: median', ms(quantile(samples, 0.5))],
    ['all turns: p99', ms(quantile(samples, 0.99))],
    ['seats ordering (fewest in a turn)', `${minOrdering}/${seats.length}`],
    ['seat decisions topped up (bot gave no order)', `${toppedUpInLive} of ${seats.length * grey.turns * 2} (2 per seat per turn)`],
  ]),
);

// ── a 100-turn record: replay from scratch and seek ───────────────────────
const parsed = cyberAlliance.parseScenario({ ...grey, turns: 100 });
if (!parsed.ok) throw new Error(parsed.error.message);
const long = parsed.value;
const made = time(() => autoplay(busyRuleset, long, SEED));
const record = made.value.record;
const replayOnce = (until?: Parameters<typeof afterTurn>[0]) => {
  const r = replay(cyberAlliance, long, record, until === undefined ? undefined : afterTurn(until));
  if (!r.ok) throw new Error(`replay failed at ${r.error.index}: ${r.error.message}`);
  return r.match;
};
const measure = (until?: number) => {
  for (let i = 0; i < REPLAY_WARMUP; i++) replayOnce(until);
  const runs = Array.from({ length: REPLAY_ITERATIONS }, () => time(() => replayOnce(until)).ms).sort((a, b) => a - b);
  return quantile(runs, 0.5);
};
const full = measure();
const seekLast = measure(100);
const seekMiddle = measure(50);
const final = replayOnce();
if (JSON.stringify(final.state) !== JSON.stringify(made.value.match.state)) throw new Error('the 100-turn replay does not match the live run');
const stateBytes = Buffer.byteLength(JSON.stringify(final.state));
const greyBytes = Buffer.byteLength(JSON.stringify(live.match.state));
const memory = process.memoryUsage();
console.log(`\nA 100-turn grey-meridian record (${record.entries.length} entries, ${record.entries.filter((e) => e.kind === 'input').length} inputs; median of ${REPLAY_ITERATIONS})`);
console.log(
  table([
    ['autoplay (bots deciding)', ms(made.ms)],
    ['replay from scratch to the end', ms(full)],
    ['seek to turn 100 (afterTurn(100))', ms(seekLast)],
    ['seek to turn 50 (afterTurn(50))', ms(seekMiddle)],
    ['per turn replayed', ms(full / 100)],
    ['record size (JSON)', kb(Buffer.byteLength(JSON.stringify(record)))],
    ['events after 100 turns', String(final.events.length)],
    ['state size at turn 100 (JSON)', kb(stateBytes)],
    ['state size at turn 12 of the 12-turn game', kb(greyBytes)],
    ['heap used', mib(memory.heapUsed)],
    ['resident set', mib(memory.rss)],
  ]),
);
