import { ok, reject, type Result } from '../../shared/engine/result.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { CLASS_SEAT } from '../../shared/protocol/classroom.ts';
import { JoinOptionsSchema } from '../../shared/protocol/common.ts';
import { tokenMatches } from '../store/index.ts';
import type { MatchStore } from '../store/store.ts';
import { lookupCode, seatOfCode } from './codes.ts';
import { owns, type CredentialHeaders, type Organizers } from './organizers.ts';
import type { AttemptThrottle } from './throttle.ts';

/** What checking a join needs: the archive, the attempt throttle, the organizers. */
export interface AuthDeps {
  readonly store: MatchStore;
  readonly throttle: AttemptThrottle;
  readonly organizers: Organizers;
}

/**
 * Who a connection is: a seat (several people may share one), the observer, the facilitator
 * (by the match's token, or as the organizer who created it), or a student in the lobby of the
 * class link, choosing a seat. `address` is where the join came from (for the per-address
 * caps; never sent to anyone); `tab` the browser tab's id, if it sent one (a reload's
 * connection replaces the old one: server/rooms/people.ts).
 */
export type Identity = (
  | { readonly matchId: string; readonly role: 'seat'; readonly seat: SeatId; readonly name: string }
  | { readonly matchId: string; readonly role: 'observer'; readonly seat: null; readonly name: string }
  | { readonly matchId: string; readonly role: 'lobby'; readonly seat: null; readonly name: string }
  | { readonly matchId: string; readonly role: 'facilitator'; readonly seat: null; readonly name: string; readonly via?: 'token' | 'organizer' }
) & { readonly address?: string; readonly tab?: string };

/**
 * Checks join options against the archive (docs/design.md §1 roles): a current seat code opens
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
  const { code, facilitatorToken, organizer, name, tab } = parsed.data;
  const address = request.address;
  const extra = { address, ...(tab ? { tab } : {}) };
  let matchId = parsed.data.matchId;
  if (matchId === undefined) {
    // A join link carries the code alone: it names its match (through the throttle too).
    const found = await lookupCode(deps.store, deps.throttle, address, code ?? '');
    if (!found.ok) return found.error.code === 'unknown-code' ? reject('wrong-code', found.error.message) : found;
    matchId = found.value.matchId;
  }
  const id = matchId;
  if (organizer) {
    const o = await deps.organizers.fromHeaders(request);
    if (o === null) return reject('not-signed-in', 'Sign in as an organizer (on the new-match page) to open this match’s console without its token.');
    if (!o.ok) return o;
    const meta = await deps.store.getMatch(id);
    if (!meta) return reject('unknown-match', `There is no match "${id}".`);
    if (!owns(o.value, meta)) return reject('not-your-match', 'This match belongs to another organizer: open its console with its facilitator token.');
    return ok({ matchId: id, role: 'facilitator', seat: null, name, via: 'organizer', ...extra });
  }
  return deps.throttle.attempt({ address, matchId: id }, async (): Promise<Result<Identity>> => {
    const meta = await deps.store.getMatch(id);
    if (!meta) return reject('unknown-match', `There is no match "${id}".`);
    if (facilitatorToken !== undefined) {
      if (!tokenMatches(facilitatorToken, meta.facilitatorTokenHash)) return reject('wrong-token', 'That facilitator token does not open this match.');
      return ok({ matchId: id, role: 'facilitator', seat: null, name, via: 'token', ...extra });
    }
    const seat = seatOfCode(meta, code ?? '');
    if (seat === undefined) return reject('wrong-code', 'That join code does not open a seat in this match (check it with your facilitator; it may have been replaced).');
    if (seat === null) return ok({ matchId: id, role: 'observer', seat: null, name, ...extra });
    if (seat === CLASS_SEAT) return ok({ matchId: id, role: 'lobby', seat: null, name, ...extra });
    return ok({ matchId: id, role: 'seat', seat: seat as SeatId, name, ...extra });
  });
}
