/**
 * Store benchmark (`npm run bench:store`): the archive's group commit, for SQLite (a file under
 * the OS temp folder; in a worker thread) and, when DATABASE_URL is set, PostgreSQL (a throwaway
 * schema). Three figures, each over APPENDS acknowledged, durable appends:
 * - a lone order, one after another: it waits the group window (up to 2 ms) for company;
 * - a lone control entry (a resolution, the facilitator's click): it leaves at once — the
 *   commit itself, with its fsync and (SQLite) the hop to the archive's thread;
 * - 100 matches appending in the same loop turn, again and again: one transaction carries
 *   them all, so the cost a write falls with the batch.
 * Prints numbers; asserts nothing.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:store
 *   APPENDS=2000 npm run bench:store
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { LogEntry } from '../shared/engine/match.ts';
import type { SeatId } from '../shared/engine/ruleset.ts';
import { hashToken, newFacilitatorToken, newJoinCode } from '../server/store/index.ts';
import { PostgresStore } from '../server/store/postgres.ts';
import { SqliteStore } from '../server/store/sqlite.ts';
import type { MatchStore } from '../server/store/store.ts';

const APPENDS = Number(process.env.APPENDS ?? 500);
const WARMUP = 50;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
const ms = (x: number) => `${x.toFixed(3)} ms`;

/** A typical order: a seat's input with a few fields (≈ 250 bytes of JSON). */
function entry(i: number): LogEntry<unknown> {
  return {
    at: 1_700_000_000_000 + i,
    kind: 'input',
    seat: 'blue' as SeatId,
    input: { type: 'operate', capability: `cap-${i % 7}`, target: 'red', sector: 'energy', effort: 2, note: 'probe the grid operator before the summit', seq: i },
  };
}

/** A control entry: what moves the turn cycle, urgent for the group commit. */
const control = (i: number): LogEntry<unknown> => ({ at: 1_700_000_000_000 + i, kind: 'control', action: { type: 'extend', seconds: 1 } });

async function newMatch(store: MatchStore): Promise<string> {
  const id = `bench-${randomBytes(4).toString('hex')}`;
  await store.createMatch(
    {
      id, ruleset: 'cyber-alliance', scenarioId: 'grey-meridian', scenarioVersion: '1', seed: 1, createdAt: Date.now(),
      facilitatorTokenHash: hashToken(newFacilitatorToken()), codes: [{ code: newJoinCode(), seat: 'blue' }, { code: newJoinCode(), seat: null }], organizerId: null,
    },
    { updatedAt: Date.now(), phase: 'planning', turn: 1, seatsFilled: 1, seatsTotal: 1 },
  );
  return id;
}

/** `n` appends one after another; the latencies, sorted. */
async function oneByOne(store: MatchStore, id: string, from: number, n: number, make: (i: number) => LogEntry<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = from; i < from + n; i++) {
    const t = performance.now();
    await store.append(id, i, make(i));
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const line = (times: readonly number[]) => `median ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}`;

async function bench(label: string, store: MatchStore): Promise<void> {
  await store.init();
  const id = await newMatch(store);
  await oneByOne(store, id, 0, WARMUP, control);
  const orders = await oneByOne(store, id, WARMUP, APPENDS, entry);
  const controls = await oneByOne(store, id, WARMUP + APPENDS, APPENDS, control);
  // 100 matches, one entry each in the same loop turn, ROUNDS times.
  const ids = await Promise.all(Array.from({ length: 100 }, () => newMatch(store)));
  const rounds = Math.max(5, Math.round(APPENDS / 100));
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) await Promise.all(ids.map((m) => store.append(m, r, entry(r))));
  const batch = (performance.now() - t0) / rounds;
  const r0 = performance.now();
  const read = await store.entries(id);
  const readMs = performance.now() - r0;
  console.log(label);
  console.log(`  a lone order, one after another     ${line(orders)} (it waits the group window for company)`);
  console.log(`  a lone control entry                ${line(controls)} (leaves at once: the commit itself)`);
  console.log(`  100 matches in one loop turn        ${ms(batch)} a batch, ${ms(batch / 100)} a write`);
  console.log(`  entries() of ${read.length}                 ${ms(readMs)}`);
  await store.close();
}

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu?'} ×${os.cpus().length}, ${os.platform()} ${os.release()}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'se-store-bench-'));
try {
  await bench(`SQLite file (WAL, sync=FULL)`, new SqliteStore(path.join(dir, 'matches.sqlite')));
  await bench('SQLite :memory: (no fsync, ref.)', new SqliteStore(':memory:'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const url = process.env.DATABASE_URL;
if (url) {
  const schema = `se_bench_${randomBytes(4).toString('hex')}`;
  try {
    await bench(`PostgreSQL (${new URL(url).host})`, new PostgresStore(url, schema));
  } finally {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
} else {
  console.log('PostgreSQL: skipped (DATABASE_URL not set)');
}
