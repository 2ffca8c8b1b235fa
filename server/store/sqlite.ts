import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Annotation } from '../../shared/aar/types.ts';
import type { LogEntry } from '../../shared/engine/match.ts';
import { checkIndex, checkSeed } from './checks.ts';
import { migrateOrganizers, SqliteOrganizers } from './sqlite-organizers.ts';
import { StoreConflict, type MatchCursor, type MatchMeta, type MatchStore, type MatchSummary, type OrganizerRecord, type TurnSnapshot } from './store.ts';

/**
 * The embedded archive (DESIGN.md §8): one SQLite file through Node's built-in `node:sqlite`.
 *
 * - WAL journal with `synchronous=FULL`: a commit is fsynced before `append` resolves, so an
 *   acknowledged entry survives a crash of the process and of the machine.
 * - `append` checks the log length and inserts in one `BEGIN IMMEDIATE` transaction: the
 *   write lock is taken before the check, so two processes sharing the file cannot both win.
 * - `DatabaseSync` is synchronous: every method runs to completion before its promise
 *   settles; the promises exist for the interface shared with PostgreSQL.
 * - Rows come back as null-prototype objects; everything returned is rebuilt as plain objects.
 */
export class SqliteStore implements MatchStore {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  readonly #db: DatabaseSync;
  #statements: Statements | null = null;
  #organizers: SqliteOrganizers | null = null;

  /** `path` is the database file (created if missing; its folder must exist) or `:memory:`. */
  constructor(path: string, options: { busyTimeoutMs?: number } = {}) {
    this.path = path;
    // `timeout` is SQLite's busy timeout: how long a writer waits for another process's lock.
    this.#db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5000, enableForeignKeyConstraints: true });
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = FULL');
  }

  /** The connection's journal mode and synchronous level (FULL = 2), for tests and diagnostics. */
  durability(): { journalMode: string; synchronous: number } {
    const j = this.#db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    const s = this.#db.prepare('PRAGMA synchronous').get() as { synchronous: number };
    return { journalMode: j.journal_mode, synchronous: s.synchronous };
  }

  async init(): Promise<void> {
    if (this.#statements) return;
    this.#db.exec(SCHEMA);
    migrateOrganizers(this.#db);
    this.#statements = prepare(this.#db);
    this.#organizers = new SqliteOrganizers(this.#db);
  }

  get #s(): Statements {
    if (!this.#statements) throw new Error('SqliteStore: call init() first');
    return this.#statements;
  }

  async createMatch(meta: MatchMeta, summary: Omit<MatchSummary, 'id' | 'scenarioId' | 'scenarioVersion' | 'createdAt'>): Promise<void> {
    checkSeed(meta.seed);
    const s = this.#s;
    this.#transaction(() => {
      if (s.matchExists.get(meta.id)) throw new StoreConflict(`match ${meta.id} already exists`);
      s.insertMatch.run(
        meta.id, meta.ruleset, meta.scenarioId, meta.scenarioVersion, meta.seed, meta.createdAt, meta.facilitatorTokenHash,
        summary.updatedAt, summary.phase, summary.turn, summary.seatsFilled, summary.seatsTotal, meta.organizerId,
      );
      meta.codes.forEach((c, ord) => {
        if (s.findCode.get(c.code)) throw new StoreConflict(`join code ${c.code} is already in use`);
        s.insertCode.run(c.code, meta.id, c.seat, ord);
      });
    });
  }

  async replaceCode(matchId: string, seat: string | null, code: string): Promise<void> {
    const s = this.#s;
    this.#transaction(() => {
      if (s.findCode.get(code)) throw new StoreConflict(`join code ${code} is already in use`);
      const r = seat === null ? s.replaceObserverCode.run(code, matchId) : s.replaceSeatCode.run(code, matchId, seat);
      if (Number(r.changes) !== 1) throw new Error(`match ${matchId} has no seat ${seat ?? '(observer)'}`);
    });
  }

  async getMatch(id: string): Promise<MatchMeta | null> {
    const row = this.#s.getMatch.get(id) as MatchRow | undefined;
    if (!row) return null;
    const codes = (this.#s.codesOf.all(id) as unknown as CodeRow[]).map((c) => ({ code: c.code, seat: c.seat }));
    return {
      id: row.id,
      ruleset: row.ruleset,
      scenarioId: row.scenario_id,
      scenarioVersion: row.scenario_version,
      seed: row.seed,
      createdAt: row.created_at,
      facilitatorTokenHash: row.facilitator_token_hash,
      codes,
      organizerId: row.organizer_id,
    };
  }

  async findCode(code: string): Promise<{ matchId: string; seat: string | null } | null> {
    const row = this.#s.findCode.get(code) as { match_id: string; seat: string | null } | undefined;
    return row ? { matchId: row.match_id, seat: row.seat } : null;
  }

  async append(matchId: string, index: number, entry: LogEntry<unknown>): Promise<void> {
    checkIndex(index);
    const json = JSON.stringify(entry);
    const s = this.#s;
    this.#transaction(() => {
      if (!s.matchExists.get(matchId)) throw new Error(`append: no match ${matchId}`);
      const { length } = s.logLength.get(matchId) as { length: number };
      if (length !== index) throw new StoreConflict(`append to ${matchId} at ${index}: the log has ${length} entries`);
      s.insertEntry.run(matchId, index, json);
    });
  }

  async entries(matchId: string): Promise<LogEntry<unknown>[]> {
    return (this.#s.entries.all(matchId) as unknown as { json: string }[]).map((r) => JSON.parse(r.json) as LogEntry<unknown>);
  }

  async saveTurn(matchId: string, snapshot: TurnSnapshot): Promise<void> {
    if (!this.#s.matchExists.get(matchId)) throw new Error(`saveTurn: no match ${matchId}`);
    this.#s.upsertTurn.run(matchId, snapshot.turn, snapshot.entries, JSON.stringify(snapshot.state) ?? 'null');
  }

  async turns(matchId: string): Promise<TurnSnapshot[]> {
    return (this.#s.turns.all(matchId) as unknown as { turn: number; entries: number; json: string }[]).map((r) => ({
      turn: r.turn,
      entries: r.entries,
      state: JSON.parse(r.json) as unknown,
    }));
  }

  async updateSummary(matchId: string, summary: { phase: string; turn: number; seatsFilled: number; updatedAt: number }): Promise<void> {
    const r = this.#s.updateSummary.run(summary.phase, summary.turn, summary.seatsFilled, summary.updatedAt, matchId);
    if (Number(r.changes) === 0) throw new Error(`updateSummary: no match ${matchId}`);
  }

  async listMatches(): Promise<MatchSummary[]> {
    return (this.#s.listMatches.all() as unknown as SummaryRow[]).map((r) => ({
      id: r.id,
      scenarioId: r.scenario_id,
      scenarioVersion: r.scenario_version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      phase: r.phase,
      turn: r.turn,
      seatsFilled: r.seats_filled,
      seatsTotal: r.seats_total,
    }));
  }

  async addAnnotation(matchId: string, a: Annotation): Promise<void> {
    const s = this.#s;
    this.#transaction(() => {
      if (!s.matchExists.get(matchId)) throw new Error(`addAnnotation: no match ${matchId}`);
      if (s.annotationExists.get(matchId, a.id)) throw new StoreConflict(`match ${matchId} already has an annotation ${a.id}`);
      s.insertAnnotation.run(matchId, a.id, a.turn, a.text, a.at, a.author ?? null);
    });
  }

  async annotations(matchId: string): Promise<Annotation[]> {
    return (this.#s.annotations.all(matchId) as unknown as AnnotationRow[]).map((r) => ({ id: r.id, turn: r.turn, text: r.text, at: r.at, author: r.author }));
  }

  async deleteAnnotation(matchId: string, id: string): Promise<boolean> {
    return Number(this.#s.deleteAnnotation.run(matchId, id).changes) === 1;
  }

  get #o(): SqliteOrganizers {
    if (!this.#organizers) throw new Error('SqliteStore: call init() first');
    return this.#organizers;
  }

  async addOrganizer(o: OrganizerRecord): Promise<void> {
    this.#o.add(o);
  }

  async organizerById(id: string): Promise<OrganizerRecord | null> {
    return this.#o.byId(id);
  }

  async organizerByKeyHash(keyHash: string): Promise<OrganizerRecord | null> {
    return this.#o.byKeyHash(keyHash);
  }

  async listOrganizers(): Promise<OrganizerRecord[]> {
    return this.#o.list();
  }

  async setOrganizerKey(id: string, keyHash: string, sessionSecret: string): Promise<boolean> {
    return this.#o.setKey(id, keyHash, sessionSecret);
  }

  async addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number): Promise<void> {
    this.#o.addSignIn(tokenHash, organizerId, expiresAt, now);
  }

  async takeSignIn(tokenHash: string, now: number): Promise<string | null> {
    return this.#o.takeSignIn(tokenHash, now);
  }

  async listMatchesOf(organizerId: string, page: { readonly limit: number; readonly after?: MatchCursor | undefined }): Promise<MatchSummary[]> {
    return this.#o.listOf(organizerId, page.limit, page.after);
  }

  async countMatchesOf(organizerId: string): Promise<number> {
    return this.#o.countOf(organizerId);
  }

  async adoptUnowned(organizerId: string): Promise<number> {
    return this.#o.adoptUnowned(organizerId);
  }

  async archiveBytes(): Promise<number> {
    return this.#o.bytes();
  }

  async close(): Promise<void> {
    if (!this.#db.isOpen) return;
    this.#statements = null;
    this.#organizers = null;
    this.#db.close();
  }

  /** Runs `fn` inside BEGIN IMMEDIATE … COMMIT (write lock first, then reads), rolling back on any throw. */
  #transaction(fn: () => void): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      fn();
      this.#db.exec('COMMIT');
    } catch (e) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw e;
    }
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS matches (
  id                     TEXT PRIMARY KEY,
  ruleset                TEXT NOT NULL,
  scenario_id            TEXT NOT NULL,
  scenario_version       TEXT NOT NULL,
  seed                   INTEGER NOT NULL,
  created_at             INTEGER NOT NULL,
  facilitator_token_hash TEXT NOT NULL,
  updated_at             INTEGER NOT NULL,
  phase                  TEXT NOT NULL,
  turn                   INTEGER NOT NULL,
  seats_filled           INTEGER NOT NULL,
  seats_total            INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS matches_by_created ON matches (created_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS codes (
  code     TEXT PRIMARY KEY,
  match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  seat     TEXT,
  ord      INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS codes_by_match ON codes (match_id, ord);
CREATE TABLE IF NOT EXISTS entries (
  match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  idx      INTEGER NOT NULL,
  json     TEXT NOT NULL,
  PRIMARY KEY (match_id, idx)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS turns (
  match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  turn     INTEGER NOT NULL,
  entries  INTEGER NOT NULL,
  json     TEXT NOT NULL,
  PRIMARY KEY (match_id, turn)
) STRICT;
CREATE TABLE IF NOT EXISTS annotations (
  match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  id       TEXT NOT NULL,
  turn     INTEGER NOT NULL,
  text     TEXT NOT NULL,
  at       INTEGER NOT NULL,
  author   TEXT,
  PRIMARY KEY (match_id, id)
) STRICT;
`;

interface Statements {
  matchExists: StatementSync;
  insertMatch: StatementSync;
  insertCode: StatementSync;
  getMatch: StatementSync;
  codesOf: StatementSync;
  replaceSeatCode: StatementSync;
  replaceObserverCode: StatementSync;
  findCode: StatementSync;
  logLength: StatementSync;
  insertEntry: StatementSync;
  entries: StatementSync;
  upsertTurn: StatementSync;
  turns: StatementSync;
  updateSummary: StatementSync;
  listMatches: StatementSync;
  annotationExists: StatementSync;
  insertAnnotation: StatementSync;
  annotations: StatementSync;
  deleteAnnotation: StatementSync;
}

function prepare(db: DatabaseSync): Statements {
  return {
    matchExists: db.prepare('SELECT 1 AS one FROM matches WHERE id = ?'),
    insertMatch: db.prepare(
      `INSERT INTO matches (id, ruleset, scenario_id, scenario_version, seed, created_at, facilitator_token_hash,
                            updated_at, phase, turn, seats_filled, seats_total, organizer_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertCode: db.prepare('INSERT INTO codes (code, match_id, seat, ord) VALUES (?, ?, ?, ?)'),
    getMatch: db.prepare('SELECT id, ruleset, scenario_id, scenario_version, seed, created_at, facilitator_token_hash, organizer_id FROM matches WHERE id = ?'),
    codesOf: db.prepare('SELECT code, seat FROM codes WHERE match_id = ? ORDER BY ord'),
    findCode: db.prepare('SELECT match_id, seat FROM codes WHERE code = ?'),
    replaceSeatCode: db.prepare('UPDATE codes SET code = ? WHERE match_id = ? AND seat = ?'),
    replaceObserverCode: db.prepare('UPDATE codes SET code = ? WHERE match_id = ? AND seat IS NULL'),
    // The log is gap-free (every insert is at the current length), so MAX(idx) + 1 is its
    // length, read from the primary key in O(log n) rather than counted.
    logLength: db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) AS length FROM entries WHERE match_id = ?'),
    insertEntry: db.prepare('INSERT INTO entries (match_id, idx, json) VALUES (?, ?, ?)'),
    entries: db.prepare('SELECT json FROM entries WHERE match_id = ? ORDER BY idx'),
    upsertTurn: db.prepare(
      `INSERT INTO turns (match_id, turn, entries, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (match_id, turn) DO UPDATE SET entries = excluded.entries, json = excluded.json`,
    ),
    turns: db.prepare('SELECT turn, entries, json FROM turns WHERE match_id = ? ORDER BY turn'),
    updateSummary: db.prepare('UPDATE matches SET phase = ?, turn = ?, seats_filled = ?, updated_at = ? WHERE id = ?'),
    listMatches: db.prepare(
      `SELECT id, scenario_id, scenario_version, created_at, updated_at, phase, turn, seats_filled, seats_total
       FROM matches ORDER BY created_at DESC, id DESC`,
    ),
    annotationExists: db.prepare('SELECT 1 AS one FROM annotations WHERE match_id = ? AND id = ?'),
    insertAnnotation: db.prepare('INSERT INTO annotations (match_id, id, turn, text, at, author) VALUES (?, ?, ?, ?, ?, ?)'),
    annotations: db.prepare('SELECT id, turn, text, at, author FROM annotations WHERE match_id = ? ORDER BY turn, at, id'),
    deleteAnnotation: db.prepare('DELETE FROM annotations WHERE match_id = ? AND id = ?'),
  };
}

interface MatchRow {
  id: string;
  ruleset: string;
  scenario_id: string;
  scenario_version: string;
  seed: number;
  created_at: number;
  facilitator_token_hash: string;
  organizer_id: string | null;
}
interface AnnotationRow {
  id: string;
  turn: number;
  text: string;
  at: number;
  author: string | null;
}
interface CodeRow {
  code: string;
  seat: string | null;
}
interface SummaryRow {
  id: string;
  scenario_id: string;
  scenario_version: string;
  created_at: number;
  updated_at: number;
  phase: string;
  turn: number;
  seats_filled: number;
  seats_total: number;
}
