import { hashToken, normalizeJoinCode, tokenMatches } from '../store/index.ts';
import type { MatchMeta, MatchStore } from '../store/store.ts';

/** The audit action logged when the facilitator replaces a seat's join code (detail: the seat, null for the observer; never the code). */
export const NEW_CODE_ACTION = 'newSeatCode';

/**
 * The seat (null for the observer) that a join code, as a person typed it, opens in this
 * match — or undefined (docs/design.md §1: the facilitator assigns seats). The archive holds the current codes (`replaceCode` swaps one);
 * comparison is on hashes, in constant time.
 */
export function seatOfCode(meta: MatchMeta, typed: string): string | null | undefined {
  const code = normalizeJoinCode(typed);
  for (const c of meta.codes) if (tokenMatches(code, hashToken(c.code))) return c.seat;
  return undefined;
}

/**
 * The match a join code, as a person typed it, belongs to (codes are unique across the
 * archive), or null: what lets a link `/j/<code>` carry the code alone. The seat it opens is
 * still decided by `seatOfCode` on that match's current codes.
 */
export async function matchOfCode(store: MatchStore, typed: string): Promise<string | null> {
  return (await store.findCode(normalizeJoinCode(typed)))?.matchId ?? null;
}
