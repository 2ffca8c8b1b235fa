import type { Result } from './result.ts';
import type { RngSource } from './rng.ts';

/** A seat at the table: a nation, the adversary, or any seat a ruleset defines. */
export type SeatId = string & { readonly __brand: 'SeatId' };
/** Who is looking: a seat, the facilitator (sees everything) or the observer (public only). */
export type Viewer = SeatId | 'facilitator' | 'observer';

/** Who may know of an event (docs/design.md §6). */
export type Audience =
  | { readonly kind: 'public' }
  | { readonly kind: 'seats'; readonly seats: readonly SeatId[] }
  | { readonly kind: 'facilitator' };

export interface GameEvent {
  /** Past tense, PascalCase: `ExploitPatched`, `EffectAttributed`. */
  readonly type: string;
  readonly turn: number;
  readonly audience: Audience;
  /** One sentence a student can read. */
  readonly text: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export function canSee(audience: Audience, viewer: Viewer): boolean {
  if (viewer === 'facilitator') return true;
  if (audience.kind === 'public') return true;
  if (audience.kind === 'facilitator' || viewer === 'observer') return false;
  return audience.seats.includes(viewer);
}

export function eventsFor<E extends GameEvent>(events: readonly E[], viewer: Viewer): E[] {
  return events.filter((e) => canSee(e.audience, viewer));
}

export interface SeatInfo {
  readonly id: SeatId;
  readonly name: string;
  /** The seat's side ('ally', 'adversary'…); absent means ally. Channels use it (channels.ts). */
  readonly side?: string;
  /** Played by the built-in bot unless a human claims it. */
  readonly botByDefault: boolean;
}

/**
 * Which projections an accepted input may have changed: 'all', or the public board, some
 * seats' own views and the facilitator's (see Ruleset.touches).
 */
export type InputTouch = 'all' | { readonly board: boolean; readonly seats: readonly SeatId[]; readonly facilitator: boolean };

/**
 * A ruleset is pure functions (docs/design.md §7). The engine owns seats, phases, timers,
 * readiness, the record and replay; the ruleset owns everything the game means.
 *
 * `Drafts` is what seats have submitted during the current planning window (orders,
 * answers to requests…): the engine keeps it, the ruleset decides what it contains.
 * Inputs from seats go through `applyInput`, which either accepts and returns the new
 * drafts or rejects with a reason and changes nothing.
 */
export interface Ruleset<Scenario, State, Drafts, Input, Projection> {
  readonly id: string;
  /** Parses untrusted scenario data; the error names the bad field. */
  parseScenario(data: unknown): Result<Scenario>;
  scenarioKey(scenario: Scenario): { id: string; version: string };
  setup(scenario: Scenario, seed: number): State;
  seats(state: State): readonly SeatInfo[];
  turnLimit(state: State): number;
  planningSeconds(state: State): number;
  emptyDrafts(state: State): Drafts;
  /** `seat` is a seat id or 'facilitator'. Never throws; never mutates its arguments. */
  applyInput(state: State, drafts: Drafts, seat: SeatId | 'facilitator', input: Input): Result<{ state: State; drafts: Drafts; events: GameEvent[] }>;
  /** Briefing: reveals this turn's injects. */
  brief(state: State, turn: number): { state: State; events: GameEvent[] };
  /** Resolves every draft at once; deterministic in (state, drafts, rng). */
  resolve(state: State, drafts: Drafts, rng: RngSource): { state: State; events: GameEvent[] };
  view(state: State, drafts: Drafts, viewer: Viewer): Projection;
  score(state: State): unknown;
  /** Inputs the bot would give for `seat` this planning window. */
  botInputs(state: State, drafts: Drafts, seat: SeatId, rng: RngSource): Input[];
  /**
   * Optional: whose `view` an accepted input by `actor` may have changed — every viewer left
   * out must see exactly the same projection before and after (a property test holds each
   * ruleset to it). The server then recomputes only those views. Absent: every view.
   */
  touches?(before: { readonly state: State; readonly drafts: Drafts }, after: { readonly state: State; readonly drafts: Drafts }, actor: SeatId | 'facilitator'): InputTouch;
}
