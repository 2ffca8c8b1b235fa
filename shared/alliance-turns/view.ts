import type { InputTouch, SeatId, Viewer } from '../engine/ruleset.ts';
import { capabilitiesOf, type AllianceDrafts, type AllianceState } from './state.ts';

/**
 * `view(state, drafts, viewer)` — who sees what. Everyone sees the public part: the seats,
 * the turn, the pressure table and the attribution counts. A seat also sees its own
 * capabilities and its own pending order, nothing of another seat's. The facilitator sees
 * every capability and every pending order; the observer only the public part.
 */
export function viewOf(s: AllianceState, drafts: AllianceDrafts, viewer: Viewer) {
  const pub = publicView(s);
  if (viewer === 'facilitator') return { ...pub, viewer, me: null, god: { capabilities: s.capabilities, orders: drafts.orders } };
  if (viewer === 'observer') return { ...pub, viewer, me: null, god: null };
  return { ...pub, viewer, me: seatView(s, drafts, viewer), god: null };
}
export type AllianceView = ReturnType<typeof viewOf>;

function publicView(s: AllianceState) {
  return {
    scenario: s.scenario,
    turn: s.turn,
    turns: s.rules.turns,
    seats: s.seats,
    /** `pressure[i][j]`: pressure `seats[i]` has put on `seats[j]`. */
    pressure: s.pressure,
    attributions: s.attributions,
  };
}

function seatView(s: AllianceState, drafts: AllianceDrafts, seat: SeatId) {
  if (!s.seats.some((x) => x.id === seat)) return null;
  return {
    seat,
    capabilities: capabilitiesOf(s, seat),
    order: drafts.orders.find((o) => o.seat === seat)?.order ?? null,
  };
}

export interface AllianceScore {
  /** Per seat in seat order: pressure it put on others, pressure it suffered, its attributed uses. */
  readonly seats: readonly { readonly seat: SeatId; readonly applied: number; readonly suffered: number; readonly attributed: number }[];
}

/** Totals of the public table; this benchmark game has no winner. */
export function score(s: AllianceState): AllianceScore {
  return {
    seats: s.seats.map((x, i) => ({
      seat: x.id,
      applied: (s.pressure[i] ?? []).reduce((a, b) => a + b, 0),
      suffered: s.pressure.reduce((a, row) => a + (row[i] ?? 0), 0),
      attributed: s.attributions[i] ?? 0,
    })),
  };
}

/**
 * `touches`: an order changes only the drafts, which only its seat (its pending order) and
 * the facilitator (every pending order) see; anything that changes the state touches every view.
 */
export function touches(before: { state: AllianceState }, after: { state: AllianceState }, actor: SeatId | 'facilitator'): InputTouch {
  if (before.state !== after.state) return 'all';
  return { board: false, seats: actor === 'facilitator' ? [] : [actor], facilitator: true };
}
