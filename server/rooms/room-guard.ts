import { joinDetail, joinKey, joinsOf, JOIN_ACTION, type JoinDetail } from '../../shared/engine/joins.ts';
import type { Rejection } from '../../shared/engine/result.ts';
import type { Identity } from '../auth/authenticate.ts';
import type { MatchHost } from '../match-host.ts';
import { addressKey } from '../http/address.ts';
import type { RoomLimits } from './limits.ts';

/** Distinct display names recorded as joining one seat; past that, joins are not logged (a seat code in a script cannot grow the log without end). */
export const MAX_JOIN_RECORDS_PER_SEAT = 50;

/**
 * The budget and connection-count key of a seat of a match (`<match>\n<seat>`; the facilitator
 * and the observer count as seats). A student in the class lobby holds no seat yet: each person
 * there (by display name) counts as one, so a whole class can wait in the lobby at once.
 */
export function seatKeyOf(matchId: string, who: Identity): string {
  if (who.role === 'lobby') return `${matchId}\nlobby\n${who.name}`;
  return `${matchId}\n${who.role === 'seat' ? who.seat : who.role}`;
}

/**
 * One match room's side of the per-seat and per-address limits (issue 13), and its join records:
 *
 * - budgets are per seat (`<match>\n<seat>`, the facilitator and the observer count as seats),
 *   shared by all its connections and kept across reconnections and rejoins;
 * - connections are counted per seat and per address, process-wide, and refused past the caps;
 * - the first join of each display name on each seat is written to the match log as an
 *   `audit` entry (shared/engine/joins.ts), through the host like every other entry.
 */
export class RoomGuard {
  readonly #matchId: string;
  readonly #limits: RoomLimits;
  readonly #log: (line: string) => void;
  readonly #counted = new Map<string, { seatKey: string; address: string }>();
  #recorded: Set<string> | null = null;

  constructor(matchId: string, limits: RoomLimits, log: (line: string) => void) {
    this.#matchId = matchId;
    this.#limits = limits;
    this.#log = log;
  }

  /** The budget and connection-count key of a seat of this match. */
  seatKey(who: Identity): string {
    return seatKeyOf(this.#matchId, who);
  }

  /** Counts a new connection, or says why the caps refuse it (nothing is counted then). */
  admit(sessionId: string, who: Identity): Rejection | null {
    const seatKey = this.seatKey(who);
    const address = addressKey(who.address ?? 'unknown');
    const refusal = this.#limits.refusal(seatKey, address);
    if (refusal) return refusal;
    this.#limits.bySeat.add(seatKey);
    this.#limits.byAddress.add(address);
    this.#counted.set(sessionId, { seatKey, address });
    return null;
  }

  /** The connection is gone for good (after any reconnection window). */
  release(sessionId: string): void {
    const c = this.#counted.get(sessionId);
    if (!c) return;
    this.#counted.delete(sessionId);
    this.#limits.bySeat.remove(c.seatKey);
    this.#limits.byAddress.remove(c.address);
  }

  /** Takes one message from the seat's budget. */
  allowMessage(who: Identity): boolean {
    return this.#limits.messages.take(this.seatKey(who));
  }

  /** Takes one chat post from the seat's chat budget. */
  allowChat(who: Identity): boolean {
    return this.#limits.chat.take(this.seatKey(who));
  }

  /** Records that `who` joined, unless this name on this seat is already in the log (or the seat has MAX_JOIN_RECORDS_PER_SEAT names). */
  async recordJoin(host: MatchHost, who: Identity): Promise<void> {
    // A student in the class lobby has no seat yet: the join that counts is the seat's, after the pick.
    if (who.role === 'lobby') return;
    // An ended match takes no more entries: opening it for the review is not a join to record.
    if (host.match.phase === 'ended') return;
    const detail: JoinDetail = { role: who.role, seat: who.seat, name: who.name };
    const recorded = (this.#recorded ??= new Set(joinsOf(host.entries).map(joinKey)));
    const key = joinKey(detail);
    if (recorded.has(key)) return;
    const onSeat = [...recorded].filter((k) => k.startsWith(`${detail.role}\n${detail.seat ?? ''}\n`)).length;
    if (onSeat >= MAX_JOIN_RECORDS_PER_SEAT) return;
    recorded.add(key);
    const r = await host.audit(JOIN_ACTION, joinDetail(detail));
    if (!r.ok) {
      recorded.delete(key);
      this.#log(`[match ${this.#matchId}] the join of ${JSON.stringify(who.name)} (${who.role === 'seat' ? who.seat : who.role}) could not be recorded: ${r.error.code}`);
    }
  }
}
