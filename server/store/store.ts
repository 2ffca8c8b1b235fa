import type { Annotation } from '../../shared/aar/types.ts';
import type { LogEntry } from '../../shared/engine/match.ts';

/** What the archive knows of a match besides its log. Tokens and codes are stored hashed or as issued codes. */
export interface MatchMeta {
  readonly id: string;
  readonly ruleset: string;
  readonly scenarioId: string;
  readonly scenarioVersion: string;
  readonly seed: number;
  readonly createdAt: number;
  /** sha256 (hex) of the facilitator token; the token itself is never stored. */
  readonly facilitatorTokenHash: string;
  /** Join codes: one per seat, plus the observer's (seat = null). */
  readonly codes: readonly { readonly code: string; readonly seat: string | null }[];
  /** The organizer who created it (server/auth/organizers.ts); null for matches made before organizers existed. */
  readonly organizerId: string | null;
}

/**
 * Someone allowed to create matches on this server (README "Security"). The key is never
 * stored, only its sha256; `sessionSecret` signs the organizer's session cookies, so giving
 * the organizer a new key (and secret) signs every session out.
 */
export interface OrganizerRecord {
  readonly id: string;
  readonly name: string;
  readonly keyHash: string;
  readonly sessionSecret: string;
  readonly createdAt: number;
}

/** Where the next page of a match list starts: after the last row of the previous page. */
export interface MatchCursor {
  readonly createdAt: number;
  readonly id: string;
}

/** A row of the match list. */
export interface MatchSummary {
  readonly id: string;
  readonly scenarioId: string;
  readonly scenarioVersion: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly phase: string;
  readonly turn: number;
  readonly seatsFilled: number;
  readonly seatsTotal: number;
}

/** A saved resolved turn: the state after resolution, for fast loading and the after-action review. */
export interface TurnSnapshot {
  readonly turn: number;
  /** Number of log entries applied when the snapshot was taken. */
  readonly entries: number;
  readonly state: unknown;
}

/** The match list's row fields a live match keeps up to date. */
export interface SummaryUpdate {
  readonly phase: string;
  readonly turn: number;
  readonly seatsFilled: number;
  readonly updatedAt: number;
}

/**
 * One write of a group commit (group-commit.ts). Appends carry their entries as JSON text,
 * serialised by the caller, so the archive's thread writes exactly those bytes.
 */
export type StoreWrite =
  | { readonly kind: 'append'; readonly matchId: string; readonly index: number; readonly json: readonly string[] }
  | { readonly kind: 'saveTurn'; readonly matchId: string; readonly turn: number; readonly entries: number; readonly json: string }
  | { readonly kind: 'summary'; readonly matchId: string; readonly summary: SummaryUpdate };

/** What became of one write of a committed batch. */
export type WriteOutcome = { readonly ok: true } | { readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

/**
 * The match archive (docs/design.md §8.2): one interface, two implementations — embedded
 * SQLite (node:sqlite in a worker thread, the default) and PostgreSQL (when DATABASE_URL is
 * set). The same contract tests run against both.
 *
 * Durability and group commit: `appendAll`, `saveTurn` and `updateSummary` calls made in the
 * same event-loop turn — from every match of the process — are written in one transaction
 * with one fsync, and each call resolves only once that transaction is committed. While one
 * transaction is on its way to disk the next one gathers. An append whose index is not the
 * log's length is refused alone (StoreConflict), so two processes can never interleave one
 * match's log; a transaction that fails (disk full, I/O error) rejects every call in it and
 * writes nothing.
 */
export interface MatchStore {
  readonly kind: 'sqlite' | 'postgres';
  init(): Promise<void>;
  createMatch(meta: MatchMeta, summary: Omit<MatchSummary, 'id' | 'scenarioId' | 'scenarioVersion' | 'createdAt'>): Promise<void>;
  getMatch(id: string): Promise<MatchMeta | null>;
  /** The match and seat a join code opens, or null. */
  findCode(code: string): Promise<{ matchId: string; seat: string | null } | null>;
  /**
   * Replaces the join code of one seat (`seat` null: the observer's): the old code stops
   * working. Rejects with StoreConflict if the new code is taken, with an Error if the
   * match has no such seat.
   */
  replaceCode(matchId: string, seat: string | null, code: string): Promise<void>;
  /** Appends the entry at `index` (0-based); rejects with a StoreConflict if the log is not exactly `index` long. */
  append(matchId: string, index: number, entry: LogEntry<unknown>): Promise<void>;
  /** Appends `entries` at `index`, `index + 1`… all or none (see `append`). */
  appendAll(matchId: string, index: number, entries: readonly LogEntry<unknown>[]): Promise<void>;
  entries(matchId: string): Promise<LogEntry<unknown>[]>;
  saveTurn(matchId: string, snapshot: TurnSnapshot): Promise<void>;
  turns(matchId: string): Promise<TurnSnapshot[]>;
  updateSummary(matchId: string, summary: SummaryUpdate): Promise<void>;
  listMatches(): Promise<MatchSummary[]>;
  /**
   * Saves a facilitator's annotation with the match (the after-action review): durable before
   * it resolves. Rejects with StoreConflict if the match already has one with that id, with an
   * Error if there is no such match. `author` absent is stored as null.
   */
  addAnnotation(matchId: string, annotation: Annotation): Promise<void>;
  /** The match's annotations by turn, then time written, then id (empty for an unknown match). */
  annotations(matchId: string): Promise<Annotation[]>;
  /** Deletes one annotation; false if the match has none with that id. */
  deleteAnnotation(matchId: string, id: string): Promise<boolean>;
  /**
   * Keeps the exact text of the scenario file a match was created from (an uploaded
   * scenario), so that the match replays, branches and reports without the file; durable
   * before it resolves. Once per match: rejects with StoreConflict if the match already has
   * one, with an Error if there is no such match.
   */
  saveScenario(matchId: string, content: string): Promise<void>;
  /** The scenario text stored with the match, or null (a shipped scenario, or no such match). */
  scenarioContent(matchId: string): Promise<string | null>;

  // ── Organizers (issue 13) ──
  /** Adds an organizer; rejects with StoreConflict if its id, name or key hash is taken. */
  addOrganizer(organizer: OrganizerRecord): Promise<void>;
  organizerById(id: string): Promise<OrganizerRecord | null>;
  organizerByKeyHash(keyHash: string): Promise<OrganizerRecord | null>;
  /** Every organizer, oldest first. */
  listOrganizers(): Promise<OrganizerRecord[]>;
  /** Gives an organizer a new key hash and session secret; false if there is no such organizer. */
  setOrganizerKey(id: string, keyHash: string, sessionSecret: string): Promise<boolean>;
  /** Stores a one-time sign-in token (its hash) for an organizer, valid until `expiresAt`; drops the ones expired at `now`. */
  addSignIn(tokenHash: string, organizerId: string, expiresAt: number, now: number): Promise<void>;
  /** Uses up a one-time sign-in token: the organizer id if it existed and had not expired at `now`, else null. Never twice. */
  takeSignIn(tokenHash: string, now: number): Promise<string | null>;
  /** An organizer's matches, newest first, at most `limit`, starting after `after`. */
  listMatchesOf(organizerId: string, page: { readonly limit: number; readonly after?: MatchCursor | undefined }): Promise<MatchSummary[]>;
  /** How many matches the organizer has in the archive. */
  countMatchesOf(organizerId: string): Promise<number>;
  /** Gives every match without an organizer (made before organizers existed) to this one; returns how many. */
  adoptUnowned(organizerId: string): Promise<number>;
  /** Bytes the archive takes up, for the size cap (SQLite: the file's pages in use; PostgreSQL: the schema's tables and indexes). */
  archiveBytes(): Promise<number>;
  close(): Promise<void>;
}

export class StoreConflict extends Error {
  override readonly name = 'StoreConflict';
}
