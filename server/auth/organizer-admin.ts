import { randomBytes } from 'node:crypto';
import { ok, reject, type Result } from '../../shared/engine/result.ts';
import { hashToken } from '../store/index.ts';
import { StoreConflict, type MatchStore, type OrganizerRecord } from '../store/store.ts';
import { newOrganizerKey, newSessionSecret } from './organizers.ts';

/** An organizer's display name: what `npm run organizer -- add <name>` takes. */
export const ORGANIZER_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,39}$/u;

/**
 * Adds an organizer with a fresh key (README "Security": "own matches" means one organizer per
 * teacher). The key is returned once and only its hash is stored. Refusals: `bad-name`,
 * `name-taken`.
 */
export async function addOrganizer(store: MatchStore, name: string, now: number): Promise<Result<{ organizer: OrganizerRecord; key: string }>> {
  const clean = name.trim();
  if (!ORGANIZER_NAME.test(clean)) return reject('bad-name', 'An organizer name is 1 to 40 letters, digits, spaces, dots, dashes or apostrophes, starting with a letter or digit.');
  const key = newOrganizerKey();
  const organizer: OrganizerRecord = { id: `org-${randomBytes(6).toString('base64url')}`, name: clean, keyHash: hashToken(key), sessionSecret: newSessionSecret(), createdAt: now };
  try {
    await store.addOrganizer(organizer);
  } catch (e) {
    if (e instanceof StoreConflict) return reject('name-taken', `There is already an organizer called "${clean}".`);
    throw e;
  }
  return ok({ organizer, key });
}

/** The organizer with this id or name, or null. */
export async function findOrganizer(store: MatchStore, idOrName: string): Promise<OrganizerRecord | null> {
  return (await store.organizerById(idOrName)) ?? (await store.listOrganizers()).find((o) => o.name === idOrName) ?? null;
}

/** Gives an organizer a new key (the old one stops working, and every session of theirs ends); the key is returned once. */
export async function newKeyFor(store: MatchStore, idOrName: string): Promise<Result<{ organizer: OrganizerRecord; key: string }>> {
  const organizer = await findOrganizer(store, idOrName);
  if (!organizer) return reject('unknown-organizer', `There is no organizer "${idOrName}".`);
  const key = newOrganizerKey();
  await store.setOrganizerKey(organizer.id, hashToken(key), newSessionSecret());
  return ok({ organizer, key });
}
