import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashToken } from '../store/index.ts';
import type { MatchStore } from '../store/store.ts';
import { newOrganizerKey, newSessionSecret, ORGANIZER_KEY_PREFIX, OWNER_ID } from './organizers.ts';

/** The file in the data folder that holds the owner's key (mode 0600). */
export const KEY_FILE = 'organizer.key';

export interface OrganizerEnv {
  readonly ORGANIZER_KEY?: string | undefined;
  readonly DATA_DIR?: string | undefined;
  readonly DATABASE_URL?: string | undefined;
}

/** Where the owner's key came from, for the start-up message. */
export type KeySource =
  | { readonly kind: 'env' }
  | { readonly kind: 'file'; readonly file: string; readonly created: boolean }
  /** PostgreSQL, first start: made now, to be shown once (there is no local folder to keep it in). */
  | { readonly kind: 'created'; readonly key: string }
  /** PostgreSQL, later starts: the archive has it; the key itself is not known here. */
  | { readonly kind: 'archive' };

/**
 * Makes sure the owner organizer exists with a key (the "two-line start" of README:
 * `npm start` needs no setup):
 *
 * - `ORGANIZER_KEY` set: that is the owner's key (the archive is brought in line with it);
 * - SQLite (no DATABASE_URL): the key lives in `<DATA_DIR>/organizer.key`, mode 0600, beside
 *   the archive; made on first start, read on later ones (a lost file means a new key);
 * - PostgreSQL without ORGANIZER_KEY: made on first start and shown once on the console; later
 *   starts and other processes check keys against the archive. `npm run organizer -- key
 *   owner` gives a new one.
 *
 * Matches made before organizers existed become the owner's.
 */
export async function bootstrapOwner(store: MatchStore, env: OrganizerEnv, now: number): Promise<KeySource> {
  const owner = await store.organizerById(OWNER_ID);
  const setKey = async (key: string) => {
    const hash = hashToken(key);
    if (!owner) await store.addOrganizer({ id: OWNER_ID, name: OWNER_ID, keyHash: hash, sessionSecret: newSessionSecret(), createdAt: now });
    else if (owner.keyHash !== hash) await store.setOrganizerKey(OWNER_ID, hash, newSessionSecret());
  };
  let source: KeySource;
  if (env.ORGANIZER_KEY) {
    await setKey(checkKey(env.ORGANIZER_KEY.trim(), 'ORGANIZER_KEY'));
    source = { kind: 'env' };
  } else if (!env.DATABASE_URL) {
    const file = path.join(env.DATA_DIR || './data', KEY_FILE);
    const created = !existsSync(file);
    if (created) writeFileSync(file, `${newOrganizerKey()}\n`, { mode: 0o600, flag: 'wx' });
    // A key file others can read is tightened rather than trusted as it is.
    else if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    await setKey(checkKey(readFileSync(file, 'utf8').trim(), file));
    source = { kind: 'file', file, created };
  } else if (!owner) {
    const key = newOrganizerKey();
    await setKey(key);
    source = { kind: 'created', key };
  } else {
    source = { kind: 'archive' };
  }
  await store.adoptUnowned(OWNER_ID);
  return source;
}

/** Sets the owner's key to `key` (tests and embedded servers): adds the owner if missing. */
export async function ensureOwnerKey(store: MatchStore, key: string, now: number): Promise<void> {
  await bootstrapOwner(store, { ORGANIZER_KEY: key }, now);
}

function checkKey(key: string, where: string): string {
  if (key.length < 16 || key.length > 200 || /\s/.test(key)) throw new Error(`${where}: an organizer key is 16 to 200 characters without spaces (e.g. ${ORGANIZER_KEY_PREFIX}… as npm run organizer -- key owner prints)`);
  if (!key.startsWith(ORGANIZER_KEY_PREFIX)) throw new Error(`${where}: an organizer key starts with "${ORGANIZER_KEY_PREFIX}" (so it cannot be mistaken for a facilitator token)`);
  return key;
}
