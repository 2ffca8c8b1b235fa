import { z } from 'zod';
import { ok, reject, type Result } from '../engine/result.ts';
import type { RngSource } from '../engine/rng.ts';
import type { GameEvent, SeatId } from '../engine/ruleset.ts';
import type { AllianceDrafts, AllianceOrder, AllianceState, Capability } from './state.ts';
import { capabilityById, seatIndex } from './state.ts';

/** The one input of the game, as it arrives off the wire. Sizes are bounded. */
export const AllianceInputSchema = z.object({ capabilityId: z.string().min(1).max(80), targetSeat: z.string().min(1).max(80) }).strict();
export type AllianceInput = z.infer<typeof AllianceInputSchema>;

type Applied = Result<{ state: AllianceState; drafts: AllianceDrafts; events: GameEvent[] }>;

function seatName(s: AllianceState, seat: string): string {
  return s.seats.find((x) => x.id === seat)?.name ?? seat;
}

/**
 * Every rule an order must meet: the capability exists and is the seat's own, and the
 * target is another seat of this match. Returns the capability it would use.
 */
export function validateOrder(s: AllianceState, seat: SeatId, order: AllianceInput): Result<Capability> {
  if (seatIndex(s, seat) < 0) return reject('unknown-seat', `There is no seat "${seat}" in this match.`);
  const capability = capabilityById(s, order.capabilityId);
  // One answer for "no such capability" and "someone else's": anything else would tell a seat which other ids exist.
  if (!capability || capability.owner !== seat) return reject('not-yours', `You hold no capability "${order.capabilityId}": you can only use your own.`);
  if (order.targetSeat === seat) return reject('target-self', 'You cannot target your own seat: choose another seat.');
  if (seatIndex(s, order.targetSeat) < 0) return reject('unknown-target', `There is no seat "${order.targetSeat}" to target.`);
  return ok(capability);
}

/**
 * `applyInput`: a seat gives its order for this turn. A seat has at most one order per
 * turn; giving another replaces the first (a change of mind during planning is part of
 * planning, and a client that resends its order gets the same result). A refused input
 * changes nothing. The facilitator gives no orders in this game.
 */
export function applyInput(s: AllianceState, drafts: AllianceDrafts, seat: SeatId | 'facilitator', raw: unknown): Applied {
  const parsed = AllianceInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return reject('bad-input', `That order is malformed at ${where}: ${issue?.message ?? 'invalid'}. An order is { capabilityId, targetSeat }.`);
  }
  if (seat === 'facilitator') return reject('not-a-seat', 'The facilitator does not give orders in this game.');
  const v = validateOrder(s, seat, parsed.data);
  if (!v.ok) return v;
  const order: AllianceOrder = { capabilityId: v.value.id, targetSeat: parsed.data.targetSeat as SeatId };
  const orders = s.seats.flatMap((x) => {
    if (x.id === seat) return [{ seat, order }];
    const prev = drafts.orders.find((o) => o.seat === x.id);
    return prev ? [prev] : [];
  });
  return ok({ state: s, drafts: { orders }, events: [] });
}

/** Briefing only moves the turn counter: this game has no injects. */
export function briefTurn(s: AllianceState, turn: number): { state: AllianceState; events: GameEvent[] } {
  return { state: { ...s, turn }, events: [] };
}

/**
 * `resolve(state, drafts, rng)`: each seat's order, in seat order. A use takes a roll of
 * `burn.min..burn.max` freshness (stream `use:<seat>`); a capability that would reach 0 is
 * recharged to 100 instead. The target's pressure rises by the capability kind's amount,
 * and a roll on stream `attribution:<seat>` attributes the use publicly (`UseAttributed`,
 * which names the seats and the kind, never the capability id). The owner alone learns
 * the freshness change (`FreshnessChanged`).
 *
 * A seat without an order passes: nothing of its own changes and a public `SeatPassed`
 * says so. Resolution never waits for missing orders — closing planning early is the
 * engine's choice (all human seats ready, the timer, the facilitator).
 * Pure: the input state is not touched.
 */
export function resolveTurn(s: AllianceState, drafts: AllianceDrafts, rng: RngSource): { state: AllianceState; events: GameEvent[] } {
  const events: GameEvent[] = [];
  const capabilities = s.capabilities.slice();
  const pressure = s.pressure.map((row) => row.slice());
  const attributions = s.attributions.slice();
  const { burn, attributionChance } = s.rules;
  s.seats.forEach((seat, from) => {
    const draft = drafts.orders.find((o) => o.seat === seat.id);
    if (!draft) {
      events.push({ type: 'SeatPassed', turn: s.turn, audience: { kind: 'public' }, text: `${seat.name} gave no order this turn.`, data: { seat: seat.id } });
      return;
    }
    const v = validateOrder(s, seat.id, draft.order);
    if (!v.ok) {
      // Drafts are validated on entry and nothing can invalidate them since; kept for drafts built by hand.
      events.push({ type: 'OrderLapsed', turn: s.turn, audience: { kind: 'seats', seats: [seat.id] }, text: `Your order lapsed: ${v.error.message}`, data: { code: v.error.code } });
      return;
    }
    const c = v.value;
    const to = seatIndex(s, draft.order.targetSeat);
    const loss = rng.stream(`use:${seat.id}`).int(burn.min, burn.max);
    const attributed = rng.stream(`attribution:${seat.id}`).chance(attributionChance);
    const recharged = c.freshness - loss <= 0;
    const freshness = recharged ? 100 : c.freshness - loss;
    capabilities[capabilities.indexOf(c)] = { ...c, freshness, uses: c.uses + 1 };
    const row = pressure[from] as number[];
    row[to] = (row[to] ?? 0) + s.rules.pressure[c.kind];
    const target = seatName(s, draft.order.targetSeat);
    events.push({
      type: 'FreshnessChanged',
      turn: s.turn,
      audience: { kind: 'seats', seats: [seat.id] },
      text: recharged
        ? `You used ${c.id} against ${target}: losing ${loss} of its ${c.freshness} freshness would leave nothing, so it was recharged to 100.`
        : `You used ${c.id} against ${target}: freshness ${c.freshness} → ${freshness} (−${loss}).`,
      data: { capability: c.id, target: draft.order.targetSeat, from: c.freshness, to: freshness, loss, recharged },
    });
    if (attributed) {
      attributions[from] = (attributions[from] ?? 0) + 1;
      events.push({
        type: 'UseAttributed',
        turn: s.turn,
        audience: { kind: 'public' },
        text: `${seat.name} was seen using ${c.kind === 'effect' ? 'an effect' : 'an espionage'} capability against ${target}.`,
        data: { seat: seat.id, target: draft.order.targetSeat, kind: c.kind },
      });
    }
  });
  return { state: { ...s, capabilities, pressure, attributions }, events };
}
