import { ok, reject, type Result } from '../../shared/engine/result.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { JoinOptionsSchema } from '../../shared/protocol/common.ts';
import { tokenMatches } from '../store/index.ts';
import type { MatchStore } from '../store/store.ts';
import { seatOfCode } from './codes.ts';

/** Who a connection is: a seat (several people may share one), the observer, or the facilitator. */
export type Identity =
  | { readonly matchId: string; readonly role: 'seat'; readonly seat: SeatId; readonly name: string }
  | { readonly matchId: string; readonly role: 'observer'; readonly seat: null; readonly name: string }
  | { readonly matchId: string; readonly role: 'facilitator'; readonly seat: null; readonly name: string };

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
  const { matchId, code, facilitatorToken, name } = parsed.data;
  const meta = await store.getMatch(matchId);
  if (!meta) return reject('unknown-match', `There is no match "${matchId}".`);
  if (facilitatorToken !== undefined) {
    if (!tokenMatches(facilitatorToken, meta.facilitatorTokenHash)) return reject('wrong-token', 'That facilitator token does not open this match.');
    return ok({ matchId, role: 'facilitator', seat: null, name });
  }
  const seat = seatOfCode(meta, code ?? '');
  if (seat === undefined) return reject('wrong-code', 'That join code does not open a seat in this match (check it with your facilitator; it may have been replaced).');
  return seat === null ? ok({ matchId, role: 'observer', seat: null, name }) : ok({ matchId, role: 'seat', seat: seat as SeatId, name });
}
