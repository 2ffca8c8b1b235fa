import type pg from 'pg';
import { StoreConflict, type StoreWrite, type WriteOutcome } from './store.ts';

/**
 * The PostgreSQL archive's group commit (postgres.ts; docs/design.md §8.2): one batch of writes
 * from every match of the process in one transaction, and the helpers the store shares with it.
 */

/** The store's tables, each qualified with its schema (`"schema".matches`). */
export interface Tables {
  readonly matches: string;
  readonly codes: string;
  readonly entries: string;
  readonly turns: string;
  readonly annotations: string;
  readonly scenarios: string;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** PostgreSQL's SQLSTATE of a failed query, if `e` is one. */
export function pgCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** A write failed inside PostgreSQL in a batch written without savepoints: write it again with them. */
class NeedsSavepoints extends Error {}

/**
 * One group commit. First the fast path (writeFast: a few round trips for the whole batch):
 * an append at the wrong index inserts nothing and is answered alone. Only if a statement
 * fails inside PostgreSQL (another process took an index in between, an unknown match), which
 * aborts the transaction, is the batch written again with a savepoint per write, so that that
 * write is refused alone. Anything else fails the whole batch.
 */
export async function writeBatch(pool: pg.Pool, t: Tables, writes: readonly StoreWrite[]): Promise<WriteOutcome[]> {
  try {
    return await inTransaction(pool, (c) => writeFast(c, t, writes));
  } catch (e) {
    if (!(e instanceof NeedsSavepoints)) throw e;
    return inTransaction(pool, (c) => writeAll(c, t, writes, true));
  }
}

/**
 * The batch in a few round trips: the logs' lengths of every match it appends to in one
 * query, the appends that continue them (in batch order) in one INSERT, then the other writes.
 * A statement failing inside PostgreSQL (another process took an index in between) sends the
 * batch to the savepoint path.
 */
async function writeFast(c: pg.PoolClient, t: Tables, writes: readonly StoreWrite[]): Promise<WriteOutcome[]> {
  const appends = writes.filter((w): w is Extract<StoreWrite, { kind: 'append' }> => w.kind === 'append');
  const outcomes = new Map<StoreWrite, WriteOutcome>();
  if (appends.length > 0) {
    const ids = [...new Set(appends.map((w) => w.matchId))];
    const r = await c.query<{ id: string; exists: boolean; length: number }>(
      `SELECT q.id, EXISTS (SELECT 1 FROM ${t.matches} WHERE id = q.id) AS exists,
              (SELECT COALESCE(MAX(idx) + 1, 0) FROM ${t.entries} WHERE match_id = q.id) AS length
       FROM unnest($1::text[]) AS q (id)`,
      [ids],
    );
    const length = new Map(r.rows.map((row) => [row.id, row.exists ? Number(row.length) : -1]));
    const rows: { m: string[]; i: number[]; j: string[] } = { m: [], i: [], j: [] };
    for (const w of appends) {
      const at = length.get(w.matchId) ?? -1;
      if (at < 0) {
        outcomes.set(w, { ok: false, error: { name: 'Error', message: `append: no match ${w.matchId}` } });
      } else if (at !== w.index) {
        outcomes.set(w, { ok: false, error: { name: 'StoreConflict', message: `append to ${w.matchId} at ${w.index}: the log has ${at} entries` } });
      } else {
        w.json.forEach((json, k) => {
          rows.m.push(w.matchId);
          rows.i.push(w.index + k);
          rows.j.push(json);
        });
        length.set(w.matchId, at + w.json.length);
        outcomes.set(w, { ok: true });
      }
    }
    if (rows.m.length > 0) {
      try {
        await c.query(`INSERT INTO ${t.entries} (match_id, idx, json) SELECT * FROM unnest($1::text[], $2::integer[], $3::text[])`, [rows.m, rows.i, rows.j]);
      } catch (e) {
        if (pgCode(e) === UNIQUE_VIOLATION || pgCode(e) === FOREIGN_KEY_VIOLATION) throw new NeedsSavepoints();
        throw e;
      }
    }
  }
  const rest = await writeAll(c, t, writes.filter((w) => w.kind !== 'append'), false);
  let k = 0;
  return writes.map((w) => (w.kind === 'append' ? (outcomes.get(w) as WriteOutcome) : (rest[k++] as WriteOutcome)));
}

async function writeAll(c: pg.PoolClient, t: Tables, writes: readonly StoreWrite[], savepoints: boolean): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const w of writes) {
    if (savepoints) await c.query('SAVEPOINT w');
    try {
      await write(c, t, w);
      if (savepoints) await c.query('RELEASE SAVEPOINT w');
      outcomes.push({ ok: true });
    } catch (e) {
      // A write refused for its own sake (a conflicting index, an unknown match) is
      // refused alone; anything else (a full disk, a lost connection) fails the whole batch.
      const error = writeError(w, e);
      if (!(error instanceof StoreConflict) && !/: no match /.test(error.message)) throw e;
      if (pgCode(e) !== undefined) {
        // PostgreSQL aborted the transaction: only a savepoint can keep the other writes.
        if (!savepoints) throw new NeedsSavepoints();
        await c.query('ROLLBACK TO SAVEPOINT w');
        await c.query('RELEASE SAVEPOINT w');
      } else if (savepoints) {
        await c.query('RELEASE SAVEPOINT w');
      }
      outcomes.push({ ok: false, error: { name: error.name, message: error.message } });
    }
  }
  return outcomes;
}

async function write(c: pg.PoolClient, t: Tables, w: StoreWrite): Promise<void> {
  switch (w.kind) {
    case 'append': {
      // The log is gap-free, so MAX(idx) + 1 is its length (read from the primary key index).
      const r = await c.query(
        `INSERT INTO ${t.entries} (match_id, idx, json)
         SELECT $1::text, $2::integer + o - 1, j FROM unnest($3::text[]) WITH ORDINALITY AS e (j, o)
         WHERE (SELECT COALESCE(MAX(idx) + 1, 0) FROM ${t.entries} WHERE match_id = $1::text) = $2::integer`,
        [w.matchId, w.index, w.json],
      );
      if ((r.rowCount ?? 0) === w.json.length) return;
      // Nothing inserted: the index was not the log's length (or the match does not exist).
      const q = await c.query<{ exists: boolean; length: number }>(
        `SELECT EXISTS (SELECT 1 FROM ${t.matches} WHERE id = $1) AS exists,
                (SELECT COALESCE(MAX(idx) + 1, 0) FROM ${t.entries} WHERE match_id = $1) AS length`,
        [w.matchId],
      );
      const row = q.rows[0];
      if (!row?.exists) throw new Error(`append: no match ${w.matchId}`);
      throw new StoreConflict(`append to ${w.matchId} at ${w.index}: the log has ${row.length} entries`);
    }
    case 'saveTurn':
      await c.query(
        `INSERT INTO ${t.turns} (match_id, turn, entries, json) VALUES ($1, $2, $3, $4)
         ON CONFLICT (match_id, turn) DO UPDATE SET entries = EXCLUDED.entries, json = EXCLUDED.json`,
        [w.matchId, w.turn, w.entries, w.json],
      );
      return;
    case 'summary': {
      const { phase, turn, seatsFilled, updatedAt } = w.summary;
      const r = await c.query(`UPDATE ${t.matches} SET phase = $1, turn = $2, seats_filled = $3, updated_at = $4 WHERE id = $5`, [
        phase, turn, seatsFilled, updatedAt, w.matchId,
      ]);
      if (r.rowCount === 0) throw new Error(`updateSummary: no match ${w.matchId}`);
      return;
    }
  }
}

function writeError(w: StoreWrite, e: unknown): Error {
  const code = pgCode(e);
  if (w.kind === 'append' && code === UNIQUE_VIOLATION) return new StoreConflict(`append to ${w.matchId} at ${w.index}: another writer took that index`);
  if (code === FOREIGN_KEY_VIOLATION) return new Error(`${w.kind === 'summary' ? 'updateSummary' : w.kind}: no match ${w.matchId}`);
  return e instanceof Error ? e : new Error(String(e));
}

/** Runs `fn` on one client of `pool` between BEGIN and COMMIT, rolling back on any throw. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  let broken: unknown;
  try {
    await c.query('BEGIN');
    const value = await fn(c);
    await c.query('COMMIT');
    return value;
  } catch (e) {
    try {
      await c.query('ROLLBACK');
    } catch (rollbackError) {
      broken = rollbackError; // the connection is unusable: drop it rather than return it to the pool
    }
    throw e;
  } finally {
    c.release(broken instanceof Error ? broken : undefined);
  }
}
