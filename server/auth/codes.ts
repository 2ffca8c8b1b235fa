import { ok, reject, type Result } from '../../shared/engine/result.ts';
import { hashToken, normalizeJoinCode, tokenMatches } from '../store/index.ts';
import type { MatchMeta, MatchStore } from '../store/store.ts';
import type { AttemptThrottle } from './throttle.ts';

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
 * The match and seat a join code alone opens (codes are unique across the archive), for routes
 * that take only a code — a join link `/j/<code>`, a lookup. Goes through the attempt throttle
 * like every other code check: a wrong code counts against `address` (`unknown-code`), and too
 * many are refused with `too-many-attempts` and the wait.
 */
export function lookupCode(store: MatchStore, throttle: AttemptThrottle, address: string, typed: string): Promise<Result<{ matchId: string; seat: string | null }>> {
  return throttle.attempt({ address }, async () => {
    const code = normalizeJoinCode(typed);
    const found = code.length > 0 && code.length <= 32 ? await store.findCode(code) : null;
    return found ? ok(found) : reject('unknown-code', 'That join code does not open any match (check it with your facilitator; it may have been replaced).');
  });
}
