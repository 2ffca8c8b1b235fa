import { ok, reject, type Result } from '../../shared/engine/result.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { JoinOptionsSchema } from '../../shared/protocol/common.ts';
import { tokenMatches } from '../store/index.ts';
import type { MatchStore } from '../store/store.ts';
import { seatOfCode } from './codes.ts';
import { owns, type CredentialHeaders, type Organizers } from './organizers.ts';
import type { AttemptThrottle } from './throttle.ts';

/**
 * Who a connection is: a seat (several people may share one), the observer, or the facilitator
 * (by the match's token, or as the organizer who created it). `address` is where the join came
 * from (for the per-address caps); it is never sent to anyone.
 */
export type Identity = (
  | { readonly matchId: string; readonly role: 'seat'; readonly seat: SeatId; readonly name: string }
  | { readonly matchId: string; readonly role: 'observer'; readonly seat: null; readonly name: string }
  | { readonly matchId: string; readonly role: 'facilitator'; readonly seat: null; readonly name: string; readonly via?: 'token' | 'organizer' }
) & { readonly address?: string };

/** What checking a join needs: the archive, the attempt throttle, the organizers. */
export interface AuthDeps {
  readonly store: MatchStore;
  readonly throttle: AttemptThrottle;
  readonly organizers: Organizers;
}

/**
 * Checks join options against the archive (DESIGN.md §1 roles): a current seat code opens
 * that seat, the observer code the observer, the facilitator token (compared as sha256
 * hashes) the White Cell, and `organizer: true` the White Cell for the organizer who created
 * the match (its key or session cookie in `request`). Codes and tokens go through the attempt
 * throttle (per address and per match): a wrong one counts, and too many are refused with
 * `too-many-attempts` and the wait. Anything else is refused with a code and a readable sentence.
 */
export async function authenticate(deps: AuthDeps, options: unknown, request: CredentialHeaders): Promise<Result<Identity>> {
  const parsed = JoinOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject('bad-join', `Cannot join: ${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}.`);
  }
  const { matchId, code, facilitatorToken, organizer, name } = parsed.data;
  const address = request.address;
  if (organizer) {
    const o = await deps.organizers.fromHeaders(request);
    if (o === null) return reject('not-signed-in', 'Sign in as an organizer (on the new-match page) to open this match’s console without its token.');
    if (!o.ok) return o;
    const meta = await deps.store.getMatch(matchId);
    if (!meta) return reject('unknown-match', `There is no match "${matchId}".`);
    if (!owns(o.value, meta)) return reject('not-your-match', 'This match belongs to another organizer: open its console with its facilitator token.');
    return ok({ matchId, role: 'facilitator', seat: null, name, via: 'organizer', address });
  }
  return deps.throttle.attempt({ address, matchId }, async (): Promise<Result<Identity>> => {
    const meta = await deps.store.getMatch(matchId);
    if (!meta) return reject('unknown-match', `There is no match "${matchId}".`);
    if (facilitatorToken !== undefined) {
      if (!tokenMatches(facilitatorToken, meta.facilitatorTokenHash)) return reject('wrong-token', 'That facilitator token does not open this match.');
      return ok({ matchId, role: 'facilitator', seat: null, name, via: 'token', address });
    }
    const seat = seatOfCode(meta, code ?? '');
    if (seat === undefined) return reject('wrong-code', 'That join code does not open a seat in this match (check it with your facilitator; it may have been replaced).');
    return seat === null ? ok({ matchId, role: 'observer', seat: null, name, address }) : ok({ matchId, role: 'seat', seat: seat as SeatId, name, address });
  });
}
