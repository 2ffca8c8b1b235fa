import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { MatchStore } from './store.ts';

export { PostgresStore } from './postgres.ts';
export { SqliteStore } from './sqlite.ts';
export { StoreConflict, type MatchMeta, type MatchStore, type MatchSummary, type TurnSnapshot } from './store.ts';

export interface StoreEnv {
  /** Set → PostgreSQL (several server processes share one archive). */
  readonly DATABASE_URL?: string | undefined;
  /** PostgreSQL schema to use (default `public`). */
  readonly DATABASE_SCHEMA?: string | undefined;
  /** Folder of the SQLite file when DATABASE_URL is not set (default `./data`). */
  readonly DATA_DIR?: string | undefined;
  /** Fault injection for the restart tests only: SQLite batches hold their transaction this long (see SqliteOptions). */
  readonly SE_TEST_COMMIT_DELAY_MS?: string | undefined;
}

/**
 * The archive the server should use (docs/design.md §8), initialised and ready:
 * PostgreSQL when DATABASE_URL is set, else `${DATA_DIR ?? './data'}/matches.sqlite`.
 */
export async function openStore(env: StoreEnv = process.env): Promise<MatchStore> {
  let store: MatchStore;
  if (env.DATABASE_URL) {
    store = new PostgresStore(env.DATABASE_URL, env.DATABASE_SCHEMA || 'public');
  } else {
    const dir = env.DATA_DIR || './data';
    // A new data folder is the owner's alone: it holds the archive (codes, session secrets) and the organizer key.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const delay = Number(env.SE_TEST_COMMIT_DELAY_MS ?? 0);
    store = new SqliteStore(path.join(dir, 'matches.sqlite'), delay > 0 ? { commitDelayMs: delay } : {});
  }
  try {
    await store.init();
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
  return store;
}

/** sha256 of a token, lower-case hex: what MatchMeta.facilitatorTokenHash holds. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` hashes to `hash`, compared in constant time. */
export function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(hashToken(token), 'utf8');
  const b = Buffer.from(hash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Join-code alphabet: capitals and digits without the look-alikes 0/O, 1/I/L. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/**
 * Twelve characters: 31^12 ≈ 7.9e17 codes (59 bits), so that guessing any live code at the
 * throttled rate takes far more than ten years (README "Security" has the arithmetic).
 */
export const CODE_LENGTH = 12;
/** Shown and printed in groups of this many characters ("K7QM-2XPA-9DF4"). */
export const CODE_GROUP = 4;

/** A crypto-random join code in its stored form, e.g. "K7QM2XPA9DF4". */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A code as a person types it ("k7qm 2xpa-9df4") → the stored form ("K7QM2XPA9DF4"). */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A stored code as people read it: groups of CODE_GROUP joined by dashes ("K7QM-2XPA-9DF4"). */
export function formatJoinCode(code: string): string {
  const plain = normalizeJoinCode(code);
  return (plain.match(new RegExp(`.{1,${CODE_GROUP}}`, 'g')) ?? []).join('-');
}

/** A crypto-random facilitator token: 24 bytes, base64url (32 characters). Store only hashToken(token). */
export function newFacilitatorToken(): string {
  return randomBytes(24).toString('base64url');
}
