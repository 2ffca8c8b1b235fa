import { ok, reject, type Result } from '../../shared/engine/result.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { CLASS_SEAT } from '../../shared/protocol/classroom.ts';
import { JoinOptionsSchema } from '../../shared/protocol/common.ts';
import { tokenMatches } from '../store/index.ts';
import type { MatchStore } from '../store/store.ts';
import { matchOfCode, seatOfCode } from './codes.ts';

/**
 * Who a connection is: a seat (several people may share one), the observer, the facilitator,
 * or a student in the lobby of the class link, choosing a seat. `tab`: the browser tab's id,
 * if it sent one (a reload's connection replaces the old one: server/rooms/people.ts).
 */
export type Identity = (
  | { readonly matchId: string; readonly role: 'seat'; readonly seat: SeatId; readonly name: string }
  | { readonly matchId: string; readonly role: 'observer'; readonly seat: null; readonly name: string }
  | { readonly matchId: string; readonly role: 'lobby'; readonly seat: null; readonly name: string }
  | { readonly matchId: string; readonly role: 'facilitator'; readonly seat: null; readonly name: string }
) & { readonly tab?: string };

/**
 * Checks join options against the archive (docs/design.md §1 roles): a current seat code opens
 * that seat, the observer code the observer, the facilitator token (compared as sha256
 * hashes) the White Cell. Anything else is refused with a code and a readable sentence.
 */
export async function authenticate(store: MatchStore, options: unknown): Promise<Result<Identity>> {
  const parsed = JoinOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject('bad-join', `Cannot join: ${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}.`);
  }
  const { code, facilitatorToken, name, tab } = parsed.data;
  // A join link carries the code alone: it names its match.
  const matchId = parsed.data.matchId ?? (code !== undefined ? await matchOfCode(store, code) : null);
  if (matchId === null || matchId === undefined) return reject('wrong-code', 'That join code does not open any match (check it with your facilitator; it may have been replaced).');
  const extra = tab ? { tab } : {};
  const meta = await store.getMatch(matchId);
  if (!meta) return reject('unknown-match', `There is no match "${matchId}".`);
  if (facilitatorToken !== undefined) {
    if (!tokenMatches(facilitatorToken, meta.facilitatorTokenHash)) return reject('wrong-token', 'That facilitator token does not open this match.');
    return ok({ matchId, role: 'facilitator', seat: null, name, ...extra });
  }
  const seat = seatOfCode(meta, code ?? '');
  if (seat === undefined) return reject('wrong-code', 'That join code does not open a seat in this match (check it with your facilitator; it may have been replaced).');
  if (seat === null) return ok({ matchId, role: 'observer', seat: null, name, ...extra });
  if (seat === CLASS_SEAT) return ok({ matchId, role: 'lobby', seat: null, name, ...extra });
  return ok({ matchId, role: 'seat', seat: seat as SeatId, name, ...extra });
}
