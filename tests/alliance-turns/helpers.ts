import { allianceTurns, allianceTurnsScenario, type AllianceDrafts, type AllianceInput, type AllianceState, type AllianceTurnsScenario } from '../../shared/alliance-turns/index.ts';
import { emptyDrafts, type Capability } from '../../shared/alliance-turns/state.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';

export const seat = (id: string) => id as SeatId;
export const SEATS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'] as const;

/** The default scenario's state at the start of turn 1. */
export function turnOne(scenario: AllianceTurnsScenario = allianceTurnsScenario, seed = 1): AllianceState {
  return allianceTurns.brief(allianceTurns.setup(scenario, seed), 1).state;
}

export function capabilitiesOf(s: AllianceState, owner: string): Capability[] {
  return s.capabilities.filter((c) => c.owner === owner);
}

export function firstCapability(s: AllianceState, owner: string): Capability {
  const c = capabilitiesOf(s, owner)[0];
  if (!c) throw new Error(`${owner} has no capability`);
  return c;
}

export function capability(s: AllianceState, id: string): Capability {
  const c = s.capabilities.find((x) => x.id === id);
  if (!c) throw new Error(`no capability ${id}`);
  return c;
}

/** A copy of the state with one capability changed (for setting up a situation). */
export function withCapability(s: AllianceState, id: string, change: Partial<Capability>): AllianceState {
  return { ...s, capabilities: s.capabilities.map((c) => (c.id === id ? { ...c, ...change } : c)) };
}

/** Gives orders that must all be accepted. */
export function ordered(s: AllianceState, orders: readonly (readonly [string, AllianceInput])[], drafts: AllianceDrafts = emptyDrafts()): AllianceDrafts {
  let d = drafts;
  for (const [who, input] of orders) {
    const r = allianceTurns.applyInput(s, d, seat(who), input);
    if (!r.ok) throw new Error(`order by ${who} refused: ${r.error.code}: ${r.error.message}`);
    d = r.value.drafts;
  }
  return d;
}

/** Every seat uses its first capability against the next seat round the table. */
export function everyoneOrders(s: AllianceState): AllianceDrafts {
  return ordered(
    s,
    s.seats.map((x, i) => [x.id, { capabilityId: firstCapability(s, x.id).id, targetSeat: (s.seats[(i + 1) % s.seats.length] as { id: string }).id }] as const),
  );
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
