import pg from 'pg';
import type { Annotation } from '../../shared/aar/types.ts';
import type { LogEntry } from '../../shared/engine/match.ts';
import { checkIndex, checkSeed } from './checks.ts';
import { GroupCommit, moveTheTurn, type CommitStats } from './group-commit.ts';
import { PostgresOrganizers } from './postgres-organizers.ts';
import { StoreConflict, type MatchCursor, type MatchMeta, type MatchStore, type MatchSummary, type OrganizerRecord, type StoreWrite, type SummaryUpdate, type TurnSnapshot, type WriteOutcome } from './store.ts';

/**
 * The shared archive (docs/design.md §8): PostgreSQL through a `pg` Pool, used when DATABASE_URL is
 * set so that several server processes see one archive.
 *
 * - Every table name is qualified with the schema (`"schema".matches`), so nothing depends on a
 *   connection's search_path (and a pooler that drops startup options changes nothing).
 * - Entries and turn states are `text`, not `jsonb`: text gives back the exact bytes that were
 *   stored (jsonb reorders object keys, drops duplicate keys and rewrites whitespace), so a record
 *   read from PostgreSQL is the same string as one read from SQLite, and nothing ever queries
 *   inside an entry.
 * - Appends, turn snapshots and summaries are group-committed (group-commit.ts): the writes
 *   of one event-loop turn, from every match, in one transaction on one connection, each under
 *   a savepoint. An append is one `INSERT … SELECT … WHERE <log length> = $index`; the length
 *   check sees the committed log, and a concurrent writer that passed the same check loses on
 *   the (match_id, idx) primary key (23505) once the winner commits. Both outcomes refuse that
 *   append alone with StoreConflict, and the log can never get a gap or a duplicate.
 * - Each write resolves after COMMIT, i.e. after PostgreSQL has flushed its WAL (with the
 *   server's default `synchronous_commit = on`).
 */
export class PostgresStore implements MatchStore {
  readonly kind = 'postgres' as const;
  readonly schema: string;
  readonly #pool: pg.Pool;
  readonly #t: { matches: string; codes: string; entries: string; turns: string; annotations: string; scenarios: string };
  readonly #organizers: PostgresOrganizers;
  #closed = false;
  readonly #group = new GroupCommit((writes) => this.#writeBatch(writes));

  /** `schema` must be a plain lower-case identifier; it is created by init() if missing. */
  constructor(connectionString: string, schema = 'public', options: { max?: number } = {}) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`PostgresStore: schema must be a lower-case identifier, got "${schema}"`);
    this.schema = schema;
    const q = `"${schema}"`;
    this.#t = { matches: `${q}.matches`, codes: `${q}.codes`, entries: `${q}.entries`, turns: `${q}.turns`, annotations: `${q}.annotations`, scenarios: `${q}.scenarios` };
    this.#pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client can lose its connection (server restart, network); without a listener the
    // pool's 'error' event would crash the process. The next query gets a fresh connection.
    this.#pool.on('error', (err) => {
      console.warn(`PostgresStore: idle connection error: ${err.message}`);
    });
    this.#organizers = new PostgresOrganizers(this.#pool, schema);
  }

  async init(): Promise<void> {
    const t = this.#t;
    // Concurrent CREATE … IF NOT EXISTS from two processes can still collide in the catalogs;
    // a transaction-scoped advisory lock makes the first process create and the others wait.
    await this.#transaction(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('sovereign-effects store init'))`);
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await c.query(`
        CREATE TABLE IF NOT EXISTS ${t.matches} (
          id                     text PRIMARY KEY,
          ruleset                text NOT NULL,
          scenario_id            text NOT NULL,
          scenario_version       text NOT NULL,
          seed                   bigint NOT NULL,
          created_at             bigint NOT NULL,
          facilitator_token_hash text NOT NULL,
          updated_at             bigint NOT NULL,
          phase                  text NOT NULL,
          turn                   integer NOT NULL,
          seats_filled           integer NOT NULL,
          seats_total            integer NOT NULL
        )`);
      await c.query(`CREATE INDEX IF NOT EXISTS matches_by_created ON ${t.matches} (created_at DESC, id DESC)`);
      await c.query(`
        CREATE TABLE IF NOT EXISTS ${t.codes} (
          code     text PRIMARY KEY,
          match_id text NOT NULL REFERENCES ${t.matches} (id) ON DELETE CASCADE,
          seat     text,
          ord      integer NOT NULL
        )`);
      await c.query(`CREATE INDEX IF NOT EXISTS codes_by_match ON ${t.codes} (match_id, ord)`);
      await c.query(`
        CREATE TABLE IF NOT EXISTS ${t.entries} (
          match_id text NOT NULL REFERENCES ${t.matches} (id) ON DELETE CASCADE,
          idx      integer NOT NULL CHECK (idx >= 0),
          json     text NOT NULL,
          PRIMARY KEY (match_id, idx)
        )`);
      await c.query(`
        CREATE TABLE IF NOT EXISTS ${t.turns} (
          match_id text NOT NULL REFERENCES ${t.matches} (id) ON DELETE CASCADE,
          turn     integer NOT NULL,
          entries  integer NOT NULL,
          json     text NOT NULL,
          PRIMARY KEY (match_id, turn)
        )`);
      await c.query(`
        CREATE TABLE IF NOT EXISTS ${t.annotations} (
          match_id text NOT NULL REFERENCES ${t.matches} (id) ON DELETE CASCADE,
          id       text NOT NULL,
          turn     integer NOT NULL,
          text     text NOT NULL,
          at       bigint NOT NULL,
          author   text,
          PRIMARY KEY (match_id, id)
        )`);
      // Text, not jsonb: the scenario comes back byte for byte as uploaded.
      await c.query(`
        CREATE TABLE IF NOT EXISTS ${t.scenarios} (
          match_id text PRIMARY KEY REFERENCES ${t.matches} (id) ON DELETE CASCADE,
          content  text NOT NULL
        )`);
      await this.#organizers.migrate(c);
    });
  }

  async createMatch(meta: MatchMeta, summary: Omit<MatchSummary, 'id' | 'scenarioId' | 'scenarioVersion' | 'createdAt'>): Promise<void> {
    checkSeed(meta.seed);
    const t = this.#t;
    try {
      await this.#transaction(async (c) => {
        await c.query(
          `INSERT INTO ${t.matches} (id, ruleset, scenario_id, scenario_version, seed, created_at, facilitator_token_hash,
                                     updated_at, phase, turn, seats_filled, seats_total, organizer_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [meta.id, meta.ruleset, meta.scenarioId, meta.scenarioVersion, meta.seed, meta.createdAt, meta.facilitatorTokenHash,
            summary.updatedAt, summary.phase, summary.turn, summary.seatsFilled, summary.seatsTotal, meta.organizerId],
        );
        if (meta.codes.length > 0) {
          await c.query(
            `INSERT INTO ${t.codes} (code, match_id, seat, ord)
             SELECT code, $1, seat, ord - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS c (code, seat, ord)`,
            [meta.id, meta.codes.map((x) => x.code), meta.codes.map((x) => x.seat)],
          );
        }
      });
    } catch (e) {
      if (pgCode(e) === UNIQUE_VIOLATION) throw new StoreConflict(`createMatch ${meta.id}: ${(e as Error).message}`);
      throw e;
    }
  }

  async replaceCode(matchId: string, seat: string | null, code: string): Promise<void> {
    const t = this.#t;
    try {
      const r = await this.#pool.query(
        `UPDATE ${t.codes} SET code = $1 WHERE match_id = $2 AND seat IS NOT DISTINCT FROM $3`,
        [code, matchId, seat],
      );
      if (r.rowCount !== 1) throw new Error(`match ${matchId} has no seat ${seat ?? '(observer)'}`);
    } catch (e) {
      if (pgCode(e) === UNIQUE_VIOLATION) throw new StoreConflict(`join code ${code} is already in use`);
      throw e;
    }
  }

  async getMatch(id: string): Promise<MatchMeta | null> {
    const t = this.#t;
    const m = await this.#pool.query<{
      id: string; ruleset: string; scenario_id: string; scenario_version: string; seed: string; created_at: string; facilitator_token_hash: string;
      organizer_id: string | null;
    }>(`SELECT id, ruleset, scenario_id, scenario_version, seed, created_at, facilitator_token_hash, organizer_id FROM ${t.matches} WHERE id = $1`, [id]);
    const row = m.rows[0];
    if (!row) return null;
    const codes = await this.#pool.query<{ code: string; seat: string | null }>(
      `SELECT code, seat FROM ${t.codes} WHERE match_id = $1 ORDER BY ord`, [id]);
    return {
      id: row.id,
      ruleset: row.ruleset,
      scenarioId: row.scenario_id,
      scenarioVersion: row.scenario_version,
      seed: Number(row.seed), // bigint arrives as a string
      createdAt: Number(row.created_at),
      facilitatorTokenHash: row.facilitator_token_hash,
      codes: codes.rows.map((c) => ({ code: c.code, seat: c.seat })),
      organizerId: row.organizer_id,
    };
  }

  async findCode(code: string): Promise<{ matchId: string; seat: string | null } | null> {
    const r = await this.#pool.query<{ match_id: string; seat: string | null }>(`SELECT match_id, seat FROM ${this.#t.codes} WHERE code = $1`, [code]);
    const row = r.rows[0];
    return row ? { matchId: row.match_id, seat: row.seat } : null;
  }

  /** Group-commit counters: how many transactions carried how many writes. */
  get commitStats(): CommitStats {
    return this.#group.stats;
  }

  append(matchId: string, index: number, entry: LogEntry<unknown>): Promise<void> {
    return this.appendAll(matchId, index, [entry]);
  }

  async appendAll(matchId: string, index: number, entries: readonly LogEntry<unknown>[]): Promise<void> {
    checkIndex(index);
    return this.#group.submit({ kind: 'append', matchId, index, json: entries.map((e) => JSON.stringify(e)) }, moveTheTurn(entries));
  }

  /**
   * One group commit. First the fast path (#writeFast: a few round trips for the whole batch):
   * an append at the wrong index inserts nothing and is answered alone. Only if a statement
   * fails inside PostgreSQL (another process took an index in between, an unknown match), which
   * aborts the transaction, is the batch written again with a savepoint per write, so that that
   * write is refused alone. Anything else fails the whole batch.
   */
  async #writeBatch(writes: readonly StoreWrite[]): Promise<WriteOutcome[]> {
    try {
      return await this.#transaction((c) => this.#writeFast(c, writes));
    } catch (e) {
      if (!(e instanceof NeedsSavepoints)) throw e;
      return this.#transaction((c) => this.#writeAll(c, writes, true));
    }
  }

  /**
   * The batch in a few round trips: the logs' lengths of every match it appends to in one
   * query, the appends that continue them (in batch order) in one INSERT, then the other writes.
   * A statement failing inside PostgreSQL (another process took an index in between) sends the
   * batch to the savepoint path.
   */
  async #writeFast(c: pg.PoolClient, writes: readonly StoreWrite[]): Promise<WriteOutcome[]> {
    const t = this.#t;
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
    const rest = await this.#writeAll(c, writes.filter((w) => w.kind !== 'append'), false);
    let k = 0;
    return writes.map((w) => (w.kind === 'append' ? (outcomes.get(w) as WriteOutcome) : (rest[k++] as WriteOutcome)));
  }

  async #writeAll(c: pg.PoolClient, writes: readonly StoreWrite[], savepoints: boolean): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (const w of writes) {
      if (savepoints) await c.query('SAVEPOINT w');
      try {
        await this.#write(c, w);
        if (savepoints) await c.query('RELEASE SAVEPOINT w');
        outcomes.push({ ok: true });
      } catch (e) {
        // A write refused for its own sake (a conflicting index, an unknown match) is
        // refused alone; anything else (a full disk, a lost connection) fails the whole batch.
        const error = this.#writeError(w, e);
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

  async #write(c: pg.PoolClient, w: StoreWrite): Promise<void> {
    const t = this.#t;
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

  #writeError(w: StoreWrite, e: unknown): Error {
    const code = pgCode(e);
    if (w.kind === 'append' && code === UNIQUE_VIOLATION) return new StoreConflict(`append to ${w.matchId} at ${w.index}: another writer took that index`);
    if (code === FOREIGN_KEY_VIOLATION) return new Error(`${w.kind === 'summary' ? 'updateSummary' : w.kind}: no match ${w.matchId}`);
    return e instanceof Error ? e : new Error(String(e));
  }

  async entries(matchId: string): Promise<LogEntry<unknown>[]> {
    const r = await this.#pool.query<{ json: string }>(`SELECT json FROM ${this.#t.entries} WHERE match_id = $1 ORDER BY idx`, [matchId]);
    return r.rows.map((row) => JSON.parse(row.json) as LogEntry<unknown>);
  }

  saveTurn(matchId: string, snapshot: TurnSnapshot): Promise<void> {
    return this.#group.submit({ kind: 'saveTurn', matchId, turn: snapshot.turn, entries: snapshot.entries, json: JSON.stringify(snapshot.state) ?? 'null' });
  }

  async turns(matchId: string): Promise<TurnSnapshot[]> {
    const r = await this.#pool.query<{ turn: number; entries: number; json: string }>(
      `SELECT turn, entries, json FROM ${this.#t.turns} WHERE match_id = $1 ORDER BY turn`, [matchId]);
    return r.rows.map((row) => ({ turn: row.turn, entries: row.entries, state: JSON.parse(row.json) as unknown }));
  }

  updateSummary(matchId: string, summary: SummaryUpdate): Promise<void> {
    const { phase, turn, seatsFilled, updatedAt } = summary;
    return this.#group.submit({ kind: 'summary', matchId, summary: { phase, turn, seatsFilled, updatedAt } });
  }

  async listMatches(): Promise<MatchSummary[]> {
    const r = await this.#pool.query<{
      id: string; scenario_id: string; scenario_version: string; created_at: string; updated_at: string;
      phase: string; turn: number; seats_filled: number; seats_total: number;
    }>(
      `SELECT id, scenario_id, scenario_version, created_at, updated_at, phase, turn, seats_filled, seats_total
       FROM ${this.#t.matches} ORDER BY created_at DESC, id DESC`,
    );
    return r.rows.map((row) => ({
      id: row.id,
      scenarioId: row.scenario_id,
      scenarioVersion: row.scenario_version,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      phase: row.phase,
      turn: row.turn,
      seatsFilled: row.seats_filled,
      seatsTotal: row.seats_total,
    }));
  }

  async addAnnotation(matchId: string, a: Annotation): Promise<void> {
    try {
      await this.#pool.query(`INSERT INTO ${this.#t.annotations} (match_id, id, turn, text, at, author) VALUES ($1, $2, $3, $4, $5, $6)`, [
        matchId, a.id, a.turn, a.text, a.at, a.author ?? null,
      ]);
    } catch (e) {
      const code = pgCode(e);
      if (code === UNIQUE_VIOLATION) throw new StoreConflict(`match ${matchId} already has an annotation ${a.id}`);
      if (code === FOREIGN_KEY_VIOLATION) throw new Error(`addAnnotation: no match ${matchId}`);
      throw e;
    }
  }

  async annotations(matchId: string): Promise<Annotation[]> {
    // COLLATE "C": ids ordered by code point, as SQLite and JavaScript order them.
    const r = await this.#pool.query<{ id: string; turn: number; text: string; at: string; author: string | null }>(
      `SELECT id, turn, text, at, author FROM ${this.#t.annotations} WHERE match_id = $1 ORDER BY turn, at, id COLLATE "C"`, [matchId]);
    return r.rows.map((row) => ({ id: row.id, turn: row.turn, text: row.text, at: Number(row.at), author: row.author }));
  }

  async deleteAnnotation(matchId: string, id: string): Promise<boolean> {
    const r = await this.#pool.query(`DELETE FROM ${this.#t.annotations} WHERE match_id = $1 AND id = $2`, [matchId, id]);
    return r.rowCount === 1;
  }

  async saveScenario(matchId: string, content: string): Promise<void> {
    try {
      await this.#pool.query(`INSERT INTO ${this.#t.scenarios} (match_id, content) VALUES ($1, $2)`, [matchId, content]);
    } catch (e) {
      const code = pgCode(e);
      if (code === UNIQUE_VIOLATION) throw new StoreConflict(`match ${matchId} already has a scenario`);
      if (code === FOREIGN_KEY_VIOLATION) throw new Error(`saveScenario: no match ${matchId}`);
      throw e;
    }
  }

  async scenarioContent(matchId: string): Promise<string | null> {
    const r = await this.#pool.query<{ content: string }>(`SELECT content FROM ${this.#t.scenarios} WHERE match_id = $1`, [matchId]);
    return r.rows[0]?.content ?? null;
  }

  addOrganizer(o: OrganizerRecord): Promise<void> {
    return this.#organizers.add(o);
  }

  organizerById(id: string): Promise<OrganizerRecord | null> {
    return this.#organizers.byId(id);
  }

  organizerByKeyHash(keyHash: string): Promise<OrganizerRecord | null> {
    return this.#organizers.byKeyHash(keyHash);
  }

  listOrganizers(): Promise<OrganizerRecord[]> {
    return this.#organizers.list();
  }

  setOrganizerKey(id: string, keyHash: string, sessionSecret: string): Promise<boolean> {
    return this.#organizers.setKey(id, keyHash, sessionSecret);
  }

  addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number): Promise<void> {
    return this.#organizers.addSignIn(tokenHash, organizerId, expiresAt, now);
  }

  takeSignIn(tokenHash: string, now: number): Promise<string | null> {
    return this.#organizers.takeSignIn(tokenHash, now);
  }

  listMatchesOf(organizerId: string, page: { readonly limit: number; readonly after?: MatchCursor | undefined }): Promise<MatchSummary[]> {
    return this.#organizers.listOf(organizerId, page.limit, page.after);
  }

  countMatchesOf(organizerId: string): Promise<number> {
    return this.#organizers.countOf(organizerId);
  }

  adoptUnowned(organizerId: string): Promise<number> {
    return this.#organizers.adoptUnowned(organizerId);
  }

  archiveBytes(): Promise<number> {
    return this.#organizers.bytes();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#group.drained();
    this.#closed = true;
    await this.#pool.end();
  }

  async #transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.#pool.connect();
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
}

/** A write failed inside PostgreSQL in a batch written without savepoints: write it again with them. */
class NeedsSavepoints extends Error {}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

function pgCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
