import type pg from 'pg';
import { pgCode, UNIQUE_VIOLATION } from './postgres-batch.ts';
import { StoreConflict, type MatchCursor, type MatchSummary, type OrganizerRecord } from './store.ts';

/**
 * The organizer part of the PostgreSQL archive (issue 13), kept apart from postgres.ts: the
 * tables, the migration that gives `matches` its `organizer_id`, and the queries. PostgresStore
 * runs `migrate` inside its init transaction and forwards its organizer methods here.
 */
export class PostgresOrganizers {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  readonly #t: { matches: string; organizers: string; signIns: string };

  constructor(pool: pg.Pool, schema: string) {
    this.#pool = pool;
    this.#schema = schema;
    const q = `"${schema}"`;
    this.#t = { matches: `${q}.matches`, organizers: `${q}.organizers`, signIns: `${q}.sign_ins` };
  }

  /** Creates the tables and the `matches.organizer_id` column (idempotent), on the init transaction's client. */
  async migrate(c: pg.PoolClient): Promise<void> {
    const t = this.#t;
    await c.query(`
      CREATE TABLE IF NOT EXISTS ${t.organizers} (
        id             text PRIMARY KEY,
        name           text NOT NULL UNIQUE,
        key_hash       text NOT NULL UNIQUE,
        session_secret text NOT NULL,
        created_at     bigint NOT NULL
      )`);
    await c.query(`
      CREATE TABLE IF NOT EXISTS ${t.signIns} (
        token_hash   text PRIMARY KEY,
        organizer_id text NOT NULL REFERENCES ${t.organizers} (id) ON DELETE CASCADE,
        expires_at   bigint NOT NULL
      )`);
    await c.query(`ALTER TABLE ${t.matches} ADD COLUMN IF NOT EXISTS organizer_id text`);
    await c.query(`CREATE INDEX IF NOT EXISTS matches_by_organizer ON ${t.matches} (organizer_id, created_at DESC, id DESC)`);
  }

  async add(o: OrganizerRecord): Promise<void> {
    try {
      await this.#pool.query(`INSERT INTO ${this.#t.organizers} (id, name, key_hash, session_secret, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        o.id, o.name, o.keyHash, o.sessionSecret, o.createdAt,
      ]);
    } catch (e) {
      if (pgCode(e) === UNIQUE_VIOLATION) throw new StoreConflict(`organizer ${o.id} (${o.name}) or its key is already there`);
      throw e;
    }
  }

  async byId(id: string): Promise<OrganizerRecord | null> {
    const r = await this.#pool.query<OrganizerRow>(`SELECT * FROM ${this.#t.organizers} WHERE id = $1`, [id]);
    return r.rows[0] ? plainOrganizer(r.rows[0]) : null;
  }

  async byKeyHash(hash: string): Promise<OrganizerRecord | null> {
    const r = await this.#pool.query<OrganizerRow>(`SELECT * FROM ${this.#t.organizers} WHERE key_hash = $1`, [hash]);
    return r.rows[0] ? plainOrganizer(r.rows[0]) : null;
  }

  async list(): Promise<OrganizerRecord[]> {
    const r = await this.#pool.query<OrganizerRow>(`SELECT * FROM ${this.#t.organizers} ORDER BY created_at, id COLLATE "C"`);
    return r.rows.map(plainOrganizer);
  }

  async setKey(id: string, keyHash: string, secret: string): Promise<boolean> {
    try {
      const r = await this.#pool.query(`UPDATE ${this.#t.organizers} SET key_hash = $1, session_secret = $2 WHERE id = $3`, [keyHash, secret, id]);
      return r.rowCount === 1;
    } catch (e) {
      if (pgCode(e) === UNIQUE_VIOLATION) throw new StoreConflict('that key belongs to another organizer');
      throw e;
    }
  }

  async addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#t.signIns} WHERE expires_at <= $1`, [now]);
    await this.#pool.query(`INSERT INTO ${this.#t.signIns} (token_hash, organizer_id, expires_at) VALUES ($1, $2, $3)`, [tokenHash, organizerId, expiresAt]);
  }

  async takeSignIn(tokenHash: string, now: number): Promise<string | null> {
    // DELETE … RETURNING: of two processes taking the same token, only one gets the row.
    const r = await this.#pool.query<{ organizer_id: string; expires_at: string }>(
      `DELETE FROM ${this.#t.signIns} WHERE token_hash = $1 RETURNING organizer_id, expires_at`, [tokenHash]);
    const row = r.rows[0];
    return row && Number(row.expires_at) > now ? row.organizer_id : null;
  }

  async listOf(organizerId: string, limit: number, after: MatchCursor | undefined): Promise<MatchSummary[]> {
    const cols = 'id, scenario_id, scenario_version, created_at, updated_at, phase, turn, seats_filled, seats_total';
    // COLLATE "C" on id: the same order as SQLite and JavaScript, so a cursor means the same in both.
    const r = after
      ? await this.#pool.query<SummaryRow>(
          `SELECT ${cols} FROM ${this.#t.matches} WHERE organizer_id = $1 AND (created_at < $2 OR (created_at = $2 AND id COLLATE "C" < $3))
           ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $4`,
          [organizerId, after.createdAt, after.id, limit],
        )
      : await this.#pool.query<SummaryRow>(
          `SELECT ${cols} FROM ${this.#t.matches} WHERE organizer_id = $1 ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT $2`,
          [organizerId, limit],
        );
    return r.rows.map(plainSummary);
  }

  async countOf(organizerId: string): Promise<number> {
    const r = await this.#pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${this.#t.matches} WHERE organizer_id = $1`, [organizerId]);
    return Number(r.rows[0]?.n ?? 0);
  }

  async adoptUnowned(organizerId: string): Promise<number> {
    const r = await this.#pool.query(`UPDATE ${this.#t.matches} SET organizer_id = $1 WHERE organizer_id IS NULL`, [organizerId]);
    return r.rowCount ?? 0;
  }

  async bytes(): Promise<number> {
    const r = await this.#pool.query<{ bytes: string | null }>(
      `SELECT SUM(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [this.#schema],
    );
    return Number(r.rows[0]?.bytes ?? 0);
  }
}

interface OrganizerRow {
  id: string;
  name: string;
  key_hash: string;
  session_secret: string;
  created_at: string;
}

const plainOrganizer = (r: OrganizerRow): OrganizerRecord => ({ id: r.id, name: r.name, keyHash: r.key_hash, sessionSecret: r.session_secret, createdAt: Number(r.created_at) });

interface SummaryRow {
  id: string;
  scenario_id: string;
  scenario_version: string;
  created_at: string;
  updated_at: string;
  phase: string;
  turn: number;
  seats_filled: number;
  seats_total: number;
}

const plainSummary = (r: SummaryRow): MatchSummary => ({
  id: r.id,
  scenarioId: r.scenario_id,
  scenarioVersion: r.scenario_version,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  phase: r.phase,
  turn: r.turn,
  seatsFilled: r.seats_filled,
  seatsTotal: r.seats_total,
});
