import { ok, reject, type Result } from '../../shared/engine/result.ts';
import type { RngSource } from '../../shared/engine/rng.ts';
import type { GameEvent, Ruleset, SeatId, Viewer } from '../../shared/engine/ruleset.ts';

/**
 * A tiny counting game, used by the engine tests to show the engine is generic: it
 * knows seats, phases, timers, readiness, records and replay, and nothing of cyber.
 * Each planning window every seat may add 1, 2 or 3 to its total (secretly); at
 * resolution a seeded "noise" roll adds 0..2 to a shared pot. The facilitator may
 * give a bonus to the pot at any time after the start.
 */
export interface CountScenario {
  readonly id: string;
  readonly version: string;
  readonly turns: number;
  readonly seats: readonly string[];
  /** Seats the bot plays by default. */
  readonly bots: readonly string[];
}

export interface CountState {
  readonly turns: number;
  readonly turn: number;
  readonly seats: readonly { readonly id: SeatId; readonly bot: boolean }[];
  readonly totals: readonly { readonly seat: SeatId; readonly total: number }[];
  readonly pot: number;
  /** How many rolls the resolution made from a stream other than "noise" (see `extraRolls`). */
  readonly extra: number;
}

export interface CountDrafts {
  readonly adds: readonly { readonly seat: SeatId; readonly n: number }[];
}

export type CountInput = { readonly type: 'add'; readonly n: number } | { readonly type: 'bonus'; readonly n: number };

export type CountView = ReturnType<typeof view>;

export const countScenario: CountScenario = { id: 'counting', version: '1.0', turns: 3, seats: ['ann', 'bob', 'cy'], bots: ['cy'] };

export const seat = (id: string) => id as SeatId;

function view(s: CountState, d: CountDrafts, viewer: Viewer) {
  const mine = viewer === 'facilitator' ? d.adds : d.adds.filter((a) => a.seat === viewer);
  return { turn: s.turn, totals: s.totals, pot: s.pot, pending: mine };
}

function applyInput(s: CountState, d: CountDrafts, who: SeatId | 'facilitator', input: CountInput): Result<{ state: CountState; drafts: CountDrafts; events: GameEvent[] }> {
  if (typeof input !== 'object' || input === null || !Number.isInteger(input.n)) return reject('bad-input', 'That input is malformed.');
  if (input.type === 'bonus') {
    if (who !== 'facilitator') return reject('not-facilitator', 'Only the facilitator can give a bonus.');
    const event: GameEvent = { type: 'BonusGiven', turn: s.turn, audience: { kind: 'public' }, text: `The facilitator added ${input.n} to the pot.` };
    return ok({ state: { ...s, pot: s.pot + input.n }, drafts: d, events: [event] });
  }
  if (who === 'facilitator') return reject('not-a-seat', 'The facilitator does not count for a seat.');
  if (input.n < 1 || input.n > 3) return reject('bad-add', 'You may add 1, 2 or 3.');
  if (d.adds.some((a) => a.seat === who)) return reject('already-added', 'You already added this turn.');
  return ok({ state: s, drafts: { adds: [...d.adds, { seat: who, n: input.n }] }, events: [] });
}

/**
 * Builds the game. `extraRolls` makes resolution draw that many rolls from another
 * stream before the noise roll: the noise (and so the pot) must not change.
 */
export function countingGame(options: { extraRolls?: number } = {}): Ruleset<CountScenario, CountState, CountDrafts, CountInput, CountView> {
  const extraRolls = options.extraRolls ?? 0;
  return {
    id: 'counting',
    parseScenario: (data) => ok(data as CountScenario),
    scenarioKey: (sc) => ({ id: sc.id, version: sc.version }),
    setup: (sc) => ({
      turns: sc.turns,
      turn: 0,
      seats: sc.seats.map((id) => ({ id: seat(id), bot: sc.bots.includes(id) })),
      totals: sc.seats.map((id) => ({ seat: seat(id), total: 0 })),
      pot: 0,
      extra: 0,
    }),
    seats: (s) => s.seats.map((x) => ({ id: x.id, name: x.id.toUpperCase(), botByDefault: x.bot })),
    turnLimit: (s) => s.turns,
    planningSeconds: () => 60,
    emptyDrafts: () => ({ adds: [] }),
    applyInput,
    brief: (s, turn) => ({ state: { ...s, turn }, events: [{ type: 'TurnBegan', turn, audience: { kind: 'public' }, text: `Turn ${turn} begins.` }] }),
    resolve(s, d, rng: RngSource) {
      const other = rng.stream('weather');
      let extra = s.extra;
      for (let i = 0; i < extraRolls; i++) extra += other.int(0, 9);
      const noise = rng.stream('noise').int(0, 2);
      const totals = s.totals.map((t) => ({ seat: t.seat, total: t.total + (d.adds.find((a) => a.seat === t.seat)?.n ?? 0) }));
      const events: GameEvent[] = [
        ...d.adds.map((a): GameEvent => ({ type: 'Counted', turn: s.turn, audience: { kind: 'seats', seats: [a.seat] }, text: `You added ${a.n}.` })),
        { type: 'PotGrew', turn: s.turn, audience: { kind: 'public' }, text: `The pot grew by ${noise}.`, data: { noise } },
        { type: 'NoiseRolled', turn: s.turn, audience: { kind: 'facilitator' }, text: `Noise roll: ${noise}.` },
      ];
      return { state: { ...s, totals, pot: s.pot + noise, extra }, events };
    },
    view,
    score: (s) => s.totals,
    botInputs(s, d, who, rng) {
      if (d.adds.some((a) => a.seat === who)) return [];
      return [{ type: 'add', n: rng.stream('add').int(1, 3) }];
    },
  };
}
