import type { RngSource } from '../engine/rng.ts';
import type { SeatId } from '../engine/ruleset.ts';
import type { AllianceInput } from './rules.ts';
import type { AllianceDrafts, AllianceState } from './state.ts';

/**
 * The bot: one of its own capabilities at random against another seat at random.
 * It gives nothing when it has already ordered this turn (autoplay asks twice per window)
 * and nothing for a seat that is not in the match.
 */
export function botInputs(s: AllianceState, drafts: AllianceDrafts, seat: SeatId, rng: RngSource): AllianceInput[] {
  if (drafts.orders.some((o) => o.seat === seat)) return [];
  const mine = s.capabilities.filter((c) => c.owner === seat);
  const others = s.seats.filter((x) => x.id !== seat);
  if (mine.length === 0 || others.length === 0 || others.length === s.seats.length) return [];
  const r = rng.stream('order');
  return [{ capabilityId: r.pick(mine).id, targetSeat: r.pick(others).id }];
}
