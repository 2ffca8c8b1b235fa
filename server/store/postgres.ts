import pg from 'pg';
import type { Annotation } from '../../shared/aar/types.ts';
import type { LogEntry } from '../../shared/engine/match.ts';
import { checkIndex, checkSeed } from './checks.ts';
import { GroupCommit, moveTheTurn, type CommitStats } from './group-commit.ts';
import { FOREIGN_KEY_VIOLATION, inTransaction, pgCode, UNIQUE_VIOLATION, writeBatch, type Tables } from './postgres-batch.ts';
import { PostgresOrganizers } from './postgres-organizers.ts';
import { StoreConflict, type MatchCursor, type MatchMeta, type MatchStore, type MatchSummary, type OrganizerRecord, type SummaryUpdate, type TurnSnapshot } from './store.ts';

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
 * - Appends, turn snapshots and summaries are group-committed (group-commit.ts, postgres-batch.ts): the writes
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
  readonly #t: Tables;
  readonly #organizers: PostgresOrganizers;
  #closed = false;
  readonly #group = new GroupCommit((writes) => writeBatch(this.#pool, this.#t, writes));

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
    await inTransaction(this.#pool, async (c) => {
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
      await inTransaction(this.#pool, async (c) => {
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
}
