/**
 * Store benchmark (`npm run bench:store`): latency of `append` — one acknowledged, durable log
 * entry — for the SQLite archive (a file under the OS temp folder) and, when DATABASE_URL is
 * set, for PostgreSQL (a throwaway schema). Appends run one after another, as a room does.
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

async function bench(label: string, store: MatchStore): Promise<void> {
  await store.init();
  const id = `bench-${randomBytes(4).toString('hex')}`;
  await store.createMatch(
    {
      id, ruleset: 'cyber-alliance', scenarioId: 'grey-meridian', scenarioVersion: '1', seed: 1, createdAt: Date.now(),
      facilitatorTokenHash: hashToken(newFacilitatorToken()), codes: [{ code: newJoinCode(), seat: 'blue' }, { code: newJoinCode(), seat: null }], organizerId: null,
    },
    { updatedAt: Date.now(), phase: 'planning', turn: 1, seatsFilled: 1, seatsTotal: 1 },
  );
  for (let i = 0; i < WARMUP; i++) await store.append(id, i, entry(i));
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = WARMUP; i < WARMUP + APPENDS; i++) {
    const t = performance.now();
    await store.append(id, i, entry(i));
    times.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  const r0 = performance.now();
  const read = await store.entries(id);
  const readMs = performance.now() - r0;
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} append ×${APPENDS}: median ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}, ` +
      `max ${ms(times.at(-1) ?? Number.NaN)}, ${(APPENDS / (total / 1000)).toFixed(0)}/s; entries() of ${read.length}: ${ms(readMs)}`,
  );
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
