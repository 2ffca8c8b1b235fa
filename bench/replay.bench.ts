/**
 * Keyframed replay benchmark (`npm run bench:replay`): a 100-turn, 30-seat match (grey-meridian
 * with its twelve allies cloned up to 29 allies plus the adversary, played by the built-in bot),
 * then: how long the keyframe index takes to build, how long a seek to a random turn takes
 * (median and p99), compared with a straight replay, and what the keyframes cost in memory.
 * Prints numbers; asserts only that a seek equals a straight replay.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { autoplay } from '../shared/engine/autoplay.ts';
import { buildIndex, keyframeBytes, lastStep, seek, stepAtTurn } from '../shared/engine/keyframes.ts';
import { replay } from '../shared/engine/replay.ts';
import { cyberAlliance } from '../shared/rules/index.ts';
import { findScenario } from '../shared/scenarios/index.ts';
import type { ScenarioInput } from '../shared/scenarios/schema.ts';

const SEED = 1;
const TURNS = 100;
const SEATS = 30;
const SEEKS = 400;
const BUILDS = 3;

const grey = findScenario('grey-meridian');
if (!grey) throw new Error('grey-meridian is not shipped');

/** grey-meridian with its allies cloned (new ids for nation, networks and capabilities; no private objectives) up to `seats` − 1 allies. */
function bigScenario(seats: number, turns: number): ScenarioInput {
  const base = grey as unknown as ScenarioInput & { allies: ScenarioInput['allies'] };
  const allies = [...base.allies];
  for (let k = 0; allies.length < seats - 1; k++) {
    const src = base.allies[k % base.allies.length] as (typeof allies)[number];
    const tag = `x${k}`;
    allies.push({
      ...src,
      id: `${src.id}-${tag}`,
      name: `${src.name} ${tag.toUpperCase()}`.slice(0, 40),
      networks: src.networks.map((w) => ({ ...w, id: `${w.id}-${tag}`, name: `${w.name} ${tag}`.slice(0, 60) })),
      capabilities: (src.capabilities ?? []).map((c) => ({ ...c, id: `${c.id}-${tag}` })),
      objectives: [],
    });
  }
  return { ...base, id: 'grey-meridian-30', turns, allies };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const time = <T>(fn: () => T): { ms: number; value: T } => {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
};
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
function table(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
}

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

const parsed = cyberAlliance.parseScenario(bigScenario(SEATS, TURNS));
if (!parsed.ok) throw new Error(`scenario: ${parsed.error.message}`);
const scenario = parsed.value;
const played = time(() => autoplay(cyberAlliance, scenario, SEED));
const record = played.value.record;
const seats = cyberAlliance.seats(played.value.match.state).length;

// Index build: median of a few builds; memory: the heap with the index held minus the heap before it.
const builds: number[] = [];
for (let i = 0; i < BUILDS; i++) builds.push(time(() => buildIndex(cyberAlliance, scenario, record)).ms);
const before = heap();
const built = buildIndex(cyberAlliance, scenario, record);
const withIndex = heap();
if (!built.ok) throw new Error(built.error.message);
const ix = built.value;
const kfBytes = keyframeBytes(ix);
const kfCount = ix.keyframes.length;

// Seeks to random turns (and random steps), deterministic pseudo-random sequence.
let x = 12345;
const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
const turnSeeks: number[] = [];
const stepSeeks: number[] = [];
let longest = 0;
for (let i = 0; i < SEEKS; i++) {
  const turn = 1 + (next() % TURNS);
  const target = (stepAtTurn(ix, turn) ?? 0) + (next() % 20);
  const t = time(() => seek(ix, Math.min(target, lastStep(ix))));
  if (!t.value.ok) throw new Error(t.value.error.message);
  turnSeeks.push(t.ms);
  const step = next() % (lastStep(ix) + 1);
  stepSeeks.push(time(() => seek(ix, step)).ms);
}
for (let k = 0; k < ix.keyframes.length; k++) longest = Math.max(longest, (ix.keyframes[k + 1]?.step ?? lastStep(ix) + 1) - (ix.keyframes[k]?.step ?? 0));
turnSeeks.sort((a, b) => a - b);
stepSeeks.sort((a, b) => a - b);

// The whole record from scratch (median of BUILDS), as a room rebuilds a match after a restart.
const fulls: number[] = [];
for (let i = 0; i < BUILDS; i++) {
  const t = time(() => replay(cyberAlliance, scenario, record));
  if (!t.value.ok) throw new Error(t.value.error.message);
  fulls.push(t.ms);
}
if (process.env.BENCH_PROFILE) {
  // BENCH_PROFILE=<file>: a CPU profile of one more straight replay (npm run bench:profile -- <file>).
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  replay(cyberAlliance, scenario, record);
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile));
  session.disconnect();
}

// Against a straight replay to the same point, and a correctness check.
const probe = stepAtTurn(ix, 90) ?? 0;
const straight = time(() => replay(cyberAlliance, scenario, { ...record, entries: record.entries.slice(0, probe) }));
const sought = seek(ix, probe);
if (!straight.value.ok || !sought.ok || JSON.stringify(straight.value.match) !== JSON.stringify(sought.value)) throw new Error('a seek differs from a straight replay');
const stateBytes = JSON.stringify(played.value.match.state).length;

console.log(`\nA ${TURNS}-turn, ${seats}-seat match (${record.entries.length} entries; ${SEEKS} seeks each; build median of ${BUILDS})`);
console.log(
  table([
    ['autoplay (bots deciding)', ms(played.ms)],
    ['index build (one fold + keyframes)', `${ms(quantile([...builds].sort((a, b) => a - b), 0.5))}`],
    ['keyframes', `${kfCount} (one per turn boundary + setup)`],
    ['longest stretch a seek replays', `${longest} entries`],
    ['seek to a random turn: median', ms(quantile(turnSeeks, 0.5))],
    ['seek to a random turn: p99', ms(quantile(turnSeeks, 0.99))],
    ['seek to a random step: median / p99', `${ms(quantile(stepSeeks, 0.5))} / ${ms(quantile(stepSeeks, 0.99))}`],
    ['straight replay to turn 90 (for comparison)', ms(straight.ms)],
    [`straight replay of the whole record (median of ${BUILDS})`, ms(quantile([...fulls].sort((a, b) => a - b), 0.5))],
    ['index in heap (keyframes + steps)', gc ? `${mib(withIndex - before)} (${mib((withIndex - before) / kfCount)} a keyframe)` : 'run with --expose-gc'],
    ['keyframes as JSON (states + drafts)', mib(kfBytes)],
    ['per keyframe (JSON, mean)', mib(kfBytes / kfCount)],
    ['final state (JSON)', mib(stateBytes)],
    ['heap used / resident set', `${mib(process.memoryUsage().heapUsed)} / ${mib(process.memoryUsage().rss)}`],
  ]),
);
