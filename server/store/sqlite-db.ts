import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Annotation } from '../../shared/aar/types.ts';
import { checkIndex, checkSeed } from './checks.ts';
import { immediateTransaction, migrateOrganizers, plainSummary, SqliteOrganizers, type SummaryRow } from './sqlite-organizers.ts';
import { StoreConflict, type MatchCursor, type MatchMeta, type MatchSummary, type OrganizerRecord, type StoreWrite, type TurnSnapshot, type WriteOutcome } from './store.ts';

/**
 * The embedded archive's database (docs/design.md §8.2): one SQLite file through Node's
 * built-in `node:sqlite`, synchronous. It runs inside the archive's worker thread
 * (sqlite-worker.ts), never on the server's event loop; SqliteStore (sqlite.ts) is the
 * asynchronous face the server uses.
 *
 * - WAL journal with `synchronous=FULL`: a commit is fsynced before it returns, so an
 *   acknowledged entry survives a crash of the process and of the machine.
 * - `writeBatch` is a group commit: every write of one batch (the appends of many matches,
 *   turn snapshots, summaries) in one `BEGIN IMMEDIATE … COMMIT`, so one fsync. Each write has
 *   a savepoint of its own: one that conflicts (its index is not the log's length) is rolled
 *   back alone and reported, the others commit. A failed COMMIT (disk full, I/O error) throws,
 *   and then nothing of the batch is written.
 * - An append checks the log length inside the write lock (taken by BEGIN IMMEDIATE), so two
 *   processes sharing the file cannot both win an index.
 * - Rows come back as null-prototype objects; everything returned is rebuilt as plain objects.
 */
/** A write of a batch refused for its own sake (see writeBatch); `cause` is the error it is answered with. */
class WriteRefused extends Error {}
const refused = (cause: Error): WriteRefused => new WriteRefused(cause.message, { cause });

export interface SqliteOptions {
  /** How long a writer waits for another process's lock (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** The archive refuses to grow past this size (SQLite's max_page_count): writes past it fail as on a full disk. */
  readonly maxBytes?: number;
  /** Fault injection for tests: every batch holds its transaction open this long before writing, so a kill lands inside one. */
  readonly commitDelayMs?: number;
}

export class SqliteDb {
  readonly path: string;
  readonly #db: DatabaseSync;
  #statements: Statements | null = null;
  #organizers: SqliteOrganizers | null = null;

  readonly #commitDelayMs: number;

  /** `path` is the database file (created if missing; its folder must exist) or `:memory:`. */
  constructor(path: string, options: SqliteOptions = {}) {
    this.path = path;
    // `timeout` is SQLite's busy timeout: how long a writer waits for another process's lock.
    this.#db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 5000, enableForeignKeyConstraints: true });
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = FULL');
    if (options.maxBytes !== undefined) {
      const { page_size: page } = this.#db.prepare('PRAGMA page_size').get() as { page_size: number };
      this.#db.exec(`PRAGMA max_page_count = ${Math.max(1, Math.floor(options.maxBytes / page))}`);
    }
    this.#commitDelayMs = options.commitDelayMs ?? 0;
  }

  /** The connection's journal mode and synchronous level (FULL = 2), for tests and diagnostics. */
  durability(): { journalMode: string; synchronous: number } {
    const j = this.#db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    const s = this.#db.prepare('PRAGMA synchronous').get() as { synchronous: number };
    return { journalMode: j.journal_mode, synchronous: s.synchronous };
  }

  init(): void {
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

  createMatch(meta: MatchMeta, summary: Omit<MatchSummary, 'id' | 'scenarioId' | 'scenarioVersion' | 'createdAt'>): void {
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

  replaceCode(matchId: string, seat: string | null, code: string): void {
    const s = this.#s;
    this.#transaction(() => {
      if (s.findCode.get(code)) throw new StoreConflict(`join code ${code} is already in use`);
      const r = seat === null ? s.replaceObserverCode.run(code, matchId) : s.replaceSeatCode.run(code, matchId, seat);
      if (Number(r.changes) !== 1) throw new Error(`match ${matchId} has no seat ${seat ?? '(observer)'}`);
    });
  }

  getMatch(id: string): MatchMeta | null {
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

  findCode(code: string): { matchId: string; seat: string | null } | null {
    const row = this.#s.findCode.get(code) as { match_id: string; seat: string | null } | undefined;
    return row ? { matchId: row.match_id, seat: row.seat } : null;
  }

  /**
   * One group commit: every write in one transaction, each under its own savepoint. Returns
   * one outcome per write, in order; throws (and writes nothing) if the transaction fails.
   */
  writeBatch(writes: readonly StoreWrite[]): WriteOutcome[] {
    const db = this.#db;
    const outcomes: WriteOutcome[] = [];
    this.#transaction(() => {
      if (this.#commitDelayMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, this.#commitDelayMs);
      for (const w of writes) {
        db.exec('SAVEPOINT w');
        try {
          this.#write(w);
          db.exec('RELEASE w');
          outcomes.push({ ok: true });
        } catch (e) {
          // A write refused for its own sake (a conflicting index, an unknown match) is
          // refused alone; anything else (a full disk, an I/O error) fails the whole batch.
          if (!(e instanceof WriteRefused)) throw e;
          db.exec('ROLLBACK TO w');
          db.exec('RELEASE w');
          outcomes.push({ ok: false, error: { name: e.cause instanceof Error ? e.cause.name : 'Error', message: e.message } });
        }
      }
    });
    return outcomes;
  }

  #write(w: StoreWrite): void {
    const s = this.#s;
    switch (w.kind) {
      case 'append': {
        checkIndex(w.index);
        if (!s.matchExists.get(w.matchId)) throw refused(new Error(`append: no match ${w.matchId}`));
        const { length } = s.logLength.get(w.matchId) as { length: number };
        if (length !== w.index) throw refused(new StoreConflict(`append to ${w.matchId} at ${w.index}: the log has ${length} entries`));
        w.json.forEach((json, i) => s.insertEntry.run(w.matchId, w.index + i, json));
        return;
      }
      case 'saveTurn':
        if (!s.matchExists.get(w.matchId)) throw refused(new Error(`saveTurn: no match ${w.matchId}`));
        s.upsertTurn.run(w.matchId, w.turn, w.entries, w.json);
        return;
      case 'summary': {
        const { phase, turn, seatsFilled, updatedAt } = w.summary;
        const r = s.updateSummary.run(phase, turn, seatsFilled, updatedAt, w.matchId);
        if (Number(r.changes) === 0) throw refused(new Error(`updateSummary: no match ${w.matchId}`));
        return;
      }
    }
  }

  /** The log as stored: one JSON text per entry (parsed by the caller, off this thread). */
  entriesJson(matchId: string): string[] {
    return (this.#s.entries.all(matchId) as unknown as { json: string }[]).map((r) => r.json);
  }

  turns(matchId: string): TurnSnapshot[] {
    return (this.#s.turns.all(matchId) as unknown as { turn: number; entries: number; json: string }[]).map((r) => ({
      turn: r.turn,
      entries: r.entries,
      state: JSON.parse(r.json) as unknown,
    }));
  }

  listMatches(): MatchSummary[] {
    return (this.#s.listMatches.all() as unknown as SummaryRow[]).map(plainSummary);
  }

  saveScenario(matchId: string, content: string): void {
    const s = this.#s;
    this.#transaction(() => {
      if (!s.matchExists.get(matchId)) throw new Error(`saveScenario: no match ${matchId}`);
      if (s.scenarioOf.get(matchId)) throw new StoreConflict(`match ${matchId} already has a scenario`);
      s.insertScenario.run(matchId, content);
    });
  }

  scenarioContent(matchId: string): string | null {
    const row = this.#s.scenarioOf.get(matchId) as { content: string } | undefined;
    return row ? row.content : null;
  }

  addAnnotation(matchId: string, a: Annotation): void {
    const s = this.#s;
    this.#transaction(() => {
      if (!s.matchExists.get(matchId)) throw new Error(`addAnnotation: no match ${matchId}`);
      if (s.annotationExists.get(matchId, a.id)) throw new StoreConflict(`match ${matchId} already has an annotation ${a.id}`);
      s.insertAnnotation.run(matchId, a.id, a.turn, a.text, a.at, a.author ?? null);
    });
  }

  annotations(matchId: string): Annotation[] {
    return (this.#s.annotations.all(matchId) as unknown as AnnotationRow[]).map((r) => ({ id: r.id, turn: r.turn, text: r.text, at: r.at, author: r.author }));
  }

  deleteAnnotation(matchId: string, id: string): boolean {
    return Number(this.#s.deleteAnnotation.run(matchId, id).changes) === 1;
  }

  // ── Organizers (sqlite-organizers.ts) ──
  get #o(): SqliteOrganizers {
    if (!this.#organizers) throw new Error('SqliteStore: call init() first');
    return this.#organizers;
  }

  addOrganizer(o: OrganizerRecord): void {
    this.#o.add(o);
  }

  organizerById(id: string): OrganizerRecord | null {
    return this.#o.byId(id);
  }

  organizerByKeyHash(keyHash: string): OrganizerRecord | null {
    return this.#o.byKeyHash(keyHash);
  }

  listOrganizers(): OrganizerRecord[] {
    return this.#o.list();
  }

  setOrganizerKey(id: string, keyHash: string, sessionSecret: string): boolean {
    return this.#o.setKey(id, keyHash, sessionSecret);
  }

  addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number): void {
    this.#o.addSignIn(tokenHash, organizerId, expiresAt, now);
  }

  takeSignIn(tokenHash: string, now: number): string | null {
    return this.#o.takeSignIn(tokenHash, now);
  }

  listMatchesOf(organizerId: string, limit: number, after: MatchCursor | null): MatchSummary[] {
    return this.#o.listOf(organizerId, limit, after ?? undefined);
  }

  countMatchesOf(organizerId: string): number {
    return this.#o.countOf(organizerId);
  }

  adoptUnowned(organizerId: string): number {
    return this.#o.adoptUnowned(organizerId);
  }

  archiveBytes(): number {
    return this.#o.bytes();
  }

  close(): void {
    if (!this.#db.isOpen) return;
    this.#organizers = null;
    this.#statements = null;
    this.#db.close();
  }

  #transaction(fn: () => void): void {
    immediateTransaction(this.#db, fn);
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
CREATE TABLE IF NOT EXISTS scenarios (
  match_id TEXT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
  content  TEXT NOT NULL
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
  insertScenario: StatementSync;
  scenarioOf: StatementSync;
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
    insertScenario: db.prepare('INSERT INTO scenarios (match_id, content) VALUES (?, ?)'),
    scenarioOf: db.prepare('SELECT content FROM scenarios WHERE match_id = ?'),
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
