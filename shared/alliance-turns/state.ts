import { seededStream } from '../engine/rng.ts';
import type { SeatId } from '../engine/ruleset.ts';
import { CAPABILITY_KINDS, type AllianceTurnsScenario } from './schema.ts';

export type CapabilityId = string & { readonly __brand: 'AllianceCapabilityId' };
export type CapabilityKind = (typeof CAPABILITY_KINDS)[number];

/** One private capability: only its owner (and the facilitator) ever sees it. */
export interface Capability {
  readonly id: CapabilityId;
  readonly owner: SeatId;
  readonly kind: CapabilityKind;
  /** 1..100: a use never leaves it at 0 (it is recharged to 100 instead). */
  readonly freshness: number;
  readonly uses: number;
}

/** The numbers of the game, copied from the scenario at setup. */
export interface AllianceRules {
  readonly turns: number;
  readonly planningSeconds: number;
  readonly burn: { readonly min: number; readonly max: number };
  readonly attributionChance: number;
  readonly pressure: { readonly espionage: number; readonly effect: number };
}

/** Plain JSON data: no classes, Maps or Dates (STYLE.md). */
export interface AllianceState {
  readonly scenario: { readonly id: string; readonly version: string };
  readonly rules: AllianceRules;
  readonly turn: number;
  /** In seat order; every table below is indexed in this order. */
  readonly seats: readonly { readonly id: SeatId; readonly name: string }[];
  /** Every seat's capabilities, grouped by owner in seat order. Private. */
  readonly capabilities: readonly Capability[];
  /** Public. `pressure[i][j]`: pressure seat i has put on seat j (the diagonal stays 0). */
  readonly pressure: readonly (readonly number[])[];
  /** Public. Attributed uses per seat, in seat order. */
  readonly attributions: readonly number[];
}

/** The order a seat gives each turn: one of its capabilities against another seat. */
export interface AllianceOrder {
  readonly capabilityId: CapabilityId;
  readonly targetSeat: SeatId;
}

/** Orders submitted this planning window, at most one per seat, kept in seat order. */
export interface AllianceDrafts {
  readonly orders: readonly { readonly seat: SeatId; readonly order: AllianceOrder }[];
}

export const emptyDrafts = (): AllianceDrafts => ({ orders: [] });

export function seatIndex(s: AllianceState, seat: string): number {
  return s.seats.findIndex((x) => x.id === seat);
}

/**
 * A seat's capabilities: they are grouped by owner in seat order, the same number each (setup),
 * so the seat's block is found by position — checked, with a scan as the fallback for a state
 * built otherwise.
 */
export function capabilitiesOf(s: AllianceState, seat: string): readonly Capability[] {
  const i = seatIndex(s, seat);
  const per = s.seats.length > 0 ? s.capabilities.length / s.seats.length : 0;
  if (i >= 0 && Number.isInteger(per)) {
    const block = s.capabilities.slice(i * per, (i + 1) * per);
    if (block.every((c) => c.owner === seat)) return block;
  }
  return s.capabilities.filter((c) => c.owner === seat);
}

/** A capability by id, looked up in its owner's block when the id names one (ids are `<seat>-<n>`). */
export function capabilityById(s: AllianceState, id: string): Capability | undefined {
  const dash = id.lastIndexOf('-');
  const owner = dash > 0 ? id.slice(0, dash) : '';
  return capabilitiesOf(s, owner).find((c) => c.id === id) ?? s.capabilities.find((c) => c.id === id);
}

export function capabilityId(seat: string, n: number, count: number): CapabilityId {
  return `${seat}-${String(n).padStart(String(count).length, '0')}` as CapabilityId;
}

/**
 * `setup(scenario, seed) → state`. Each seat is dealt its capabilities from its own stream
 * of turn 0 (the engine's turns start at 1), so that adding a seat does not change the
 * others' hands. Ids are `<seat>-<n>`: readable, and never shown to another seat.
 */
export function setup(scenario: AllianceTurnsScenario, seed: number): AllianceState {
  const n = scenario.seats.length;
  const capabilities: Capability[] = [];
  for (const seat of scenario.seats) {
    const rng = seededStream(seed, 0, `capabilities:${seat.id}`);
    for (let i = 1; i <= scenario.capabilitiesPerSeat; i++) {
      capabilities.push({
        id: capabilityId(seat.id, i, scenario.capabilitiesPerSeat),
        owner: seat.id as SeatId,
        kind: rng.pick(CAPABILITY_KINDS),
        freshness: rng.int(50, 100),
        uses: 0,
      });
    }
  }
  return {
    scenario: { id: scenario.id, version: scenario.version },
    rules: {
      turns: scenario.turns,
      planningSeconds: scenario.planningSeconds,
      burn: { min: scenario.burn.min, max: scenario.burn.max },
      attributionChance: scenario.attributionChance,
      pressure: { espionage: scenario.pressure.espionage, effect: scenario.pressure.effect },
    },
    turn: 0,
    seats: scenario.seats.map((x) => ({ id: x.id as SeatId, name: x.name })),
    capabilities,
    pressure: Array.from({ length: n }, () => Array.from({ length: n }, () => 0)),
    attributions: Array.from({ length: n }, () => 0),
  };
}
