import { hashToken, normalizeJoinCode, tokenMatches } from '../store/index.ts';
import type { MatchMeta } from '../store/store.ts';

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
