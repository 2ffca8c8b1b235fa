import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { StoreConflict, type MatchCursor, type MatchSummary, type OrganizerRecord } from './store.ts';

/**
 * The organizer part of the SQLite archive (issue 13), kept apart from sqlite.ts: the tables,
 * the migration that gives `matches` its `organizer_id`, and the statements. SqliteStore calls
 * `migrateOrganizers` in init() and forwards its organizer methods to SqliteOrganizers.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS organizers (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  key_hash       TEXT NOT NULL UNIQUE,
  session_secret TEXT NOT NULL,
  created_at     INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS sign_ins (
  token_hash   TEXT PRIMARY KEY,
  organizer_id TEXT NOT NULL REFERENCES organizers (id) ON DELETE CASCADE,
  expires_at   INTEGER NOT NULL
) STRICT;
`;

/** Creates the organizer tables and adds `matches.organizer_id` to an archive made before it existed. */
export function migrateOrganizers(db: DatabaseSync): void {
  db.exec(SCHEMA);
  const columns = db.prepare('PRAGMA table_info(matches)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'organizer_id')) db.exec('ALTER TABLE matches ADD COLUMN organizer_id TEXT');
  db.exec('CREATE INDEX IF NOT EXISTS matches_by_organizer ON matches (organizer_id, created_at DESC, id DESC)');
}

interface OrganizerRow {
  id: string;
  name: string;
  key_hash: string;
  session_secret: string;
  created_at: number;
}

const plainOrganizer = (r: OrganizerRow): OrganizerRecord => ({ id: r.id, name: r.name, keyHash: r.key_hash, sessionSecret: r.session_secret, createdAt: r.created_at });

const SUMMARY_COLUMNS = 'id, scenario_id, scenario_version, created_at, updated_at, phase, turn, seats_filled, seats_total';

/** The organizer statements of one SQLite connection. */
export class SqliteOrganizers {
  readonly #db: DatabaseSync;
  readonly #s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#s = {
      insert: db.prepare('INSERT INTO organizers (id, name, key_hash, session_secret, created_at) VALUES (?, ?, ?, ?, ?)'),
      taken: db.prepare('SELECT 1 AS one FROM organizers WHERE id = ? OR name = ? OR key_hash = ?'),
      byId: db.prepare('SELECT * FROM organizers WHERE id = ?'),
      byKey: db.prepare('SELECT * FROM organizers WHERE key_hash = ?'),
      all: db.prepare('SELECT * FROM organizers ORDER BY created_at, id'),
      setKey: db.prepare('UPDATE organizers SET key_hash = ?, session_secret = ? WHERE id = ?'),
      keyTaken: db.prepare('SELECT 1 AS one FROM organizers WHERE key_hash = ? AND id <> ?'),
      purgeSignIns: db.prepare('DELETE FROM sign_ins WHERE expires_at <= ?'),
      addSignIn: db.prepare('INSERT INTO sign_ins (token_hash, organizer_id, expires_at) VALUES (?, ?, ?)'),
      takeSignIn: db.prepare('DELETE FROM sign_ins WHERE token_hash = ? RETURNING organizer_id, expires_at'),
      firstPage: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM matches WHERE organizer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`),
      nextPage: db.prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM matches WHERE organizer_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
      ),
      count: db.prepare('SELECT COUNT(*) AS n FROM matches WHERE organizer_id = ?'),
      adopt: db.prepare('UPDATE matches SET organizer_id = ? WHERE organizer_id IS NULL'),
      pages: db.prepare('SELECT (page_count - freelist_count) * page_size AS bytes FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()'),
    };
  }

  add(o: OrganizerRecord): void {
    this.#transaction(() => {
      if (this.#s.taken!.get(o.id, o.name, o.keyHash)) throw new StoreConflict(`organizer ${o.id} (${o.name}) or its key is already there`);
      this.#s.insert!.run(o.id, o.name, o.keyHash, o.sessionSecret, o.createdAt);
    });
  }

  byId(id: string): OrganizerRecord | null {
    const r = this.#s.byId!.get(id) as OrganizerRow | undefined;
    return r ? plainOrganizer(r) : null;
  }

  byKeyHash(hash: string): OrganizerRecord | null {
    const r = this.#s.byKey!.get(hash) as OrganizerRow | undefined;
    return r ? plainOrganizer(r) : null;
  }

  list(): OrganizerRecord[] {
    return (this.#s.all!.all() as unknown as OrganizerRow[]).map(plainOrganizer);
  }

  setKey(id: string, keyHash: string, secret: string): boolean {
    let changed = false;
    this.#transaction(() => {
      if (this.#s.keyTaken!.get(keyHash, id)) throw new StoreConflict('that key belongs to another organizer');
      changed = Number(this.#s.setKey!.run(keyHash, secret, id).changes) === 1;
    });
    return changed;
  }

  addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number): void {
    this.#transaction(() => {
      this.#s.purgeSignIns!.run(now);
      this.#s.addSignIn!.run(tokenHash, organizerId, expiresAt);
    });
  }

  takeSignIn(tokenHash: string, now: number): string | null {
    const r = this.#s.takeSignIn!.get(tokenHash) as { organizer_id: string; expires_at: number } | undefined;
    return r && r.expires_at > now ? r.organizer_id : null;
  }

  listOf(organizerId: string, limit: number, after: MatchCursor | undefined): MatchSummary[] {
    const rows = after ? this.#s.nextPage!.all(organizerId, after.createdAt, after.id, limit) : this.#s.firstPage!.all(organizerId, limit);
    return (rows as unknown as SummaryRow[]).map(plainSummary);
  }

  countOf(organizerId: string): number {
    return Number((this.#s.count!.get(organizerId) as { n: number }).n);
  }

  adoptUnowned(organizerId: string): number {
    return Number(this.#s.adopt!.run(organizerId).changes);
  }

  bytes(): number {
    return Number((this.#s.pages!.get() as { bytes: number }).bytes);
  }

  #transaction(fn: () => void): void {
    immediateTransaction(this.#db, fn);
  }
}

/** Runs `fn` inside BEGIN IMMEDIATE … COMMIT (write lock first, then reads), rolling back on any throw. */
export function immediateTransaction(db: DatabaseSync, fn: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    fn();
    db.exec('COMMIT');
  } catch (e) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** A row of `matches` as the match lists select it. */
export interface SummaryRow {
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

export const plainSummary = (r: SummaryRow): MatchSummary => ({
  id: r.id,
  scenarioId: r.scenario_id,
  scenarioVersion: r.scenario_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  phase: r.phase,
  turn: r.turn,
  seatsFilled: r.seats_filled,
  seatsTotal: r.seats_total,
});
