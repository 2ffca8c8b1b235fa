import fc from 'fast-check';
import type { OrderType } from '../../shared/rules/orders.ts';
import { ORDER_TYPES, type Picks } from './cyber-moves.ts';

/**
 * Abstract commands for property tests: indices, flags and junk that fast-check can
 * generate and shrink without knowing the state. driver.ts turns each into a concrete
 * log entry against the match as it is at that moment.
 */
export type Cmd =
  | { k: 'order'; who: 'seat' | 'facilitator' | 'stranger'; seat: number; type: OrderType; p: Picks; smart: boolean; mutate: 'none' | 'bogusId' | 'extraKey' | 'longId'; junk: string }
  | { k: 'answer'; pick: number; accept: boolean; wrongSeat: number | null; bogus: string | null }
  | { k: 'answerAll'; accept: number }
  | { k: 'withdraw'; seat: number; pick: number; bogus: boolean }
  | { k: 'requestSovereign'; pick: number; by: number | null; bogus: boolean }
  | { k: 'facilitator'; action: 'fireInject' | 'typedInject' | 'awardReport' | 'releaseReports' | 'adjust'; pick: number; n: number; flag: boolean; text: string; bySeat: number | null; bogus: string | null }
  | { k: 'ready'; seat: number; ready: boolean }
  | { k: 'control'; action: 'pause' | 'resume' | 'extend' | 'setBot' | 'start' | 'openPlanning' | 'nextTurn'; seconds: number; seat: number; bot: boolean }
  | { k: 'malformed'; seat: number; asFacilitator: boolean; value: unknown }
  | { k: 'look'; viewer: number };

export interface TurnPlan {
  readonly briefing: readonly Cmd[];
  readonly planning: readonly Cmd[];
  readonly debrief: readonly Cmd[];
}

const idx = fc.nat(10_000);
/** `null` mostly; a value one time in `oneIn`. */
const rarely = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> => fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
const text = fc.lorem({ maxCount: 6 });

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      k: fc.constant('order' as const),
      who: fc.constantFrom('seat', 'seat', 'seat', 'seat', 'seat', 'seat', 'seat', 'seat', 'facilitator', 'stranger'),
      seat: idx,
      type: fc.oneof({ weight: 4, arbitrary: fc.constant('operate' as const) }, { weight: 2, arbitrary: fc.constant('share' as const) }, { weight: ORDER_TYPES.length, arbitrary: fc.constantFrom(...ORDER_TYPES) }),
      p: fc.record({ a: idx, b: idx, c: idx, flags: fc.nat(255) }),
      smart: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      mutate: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'bogusId', 'extraKey', 'longId'),
      junk: fc.string({ minLength: 1, maxLength: 12 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('answer' as const),
      pick: idx,
      accept: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      wrongSeat: rarely(idx, 6),
      bogus: rarely(fc.string({ minLength: 1, maxLength: 12 }), 8),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('answerAll' as const), accept: fc.nat(255) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('withdraw' as const), seat: idx, pick: idx, bogus: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('requestSovereign' as const), pick: idx, by: rarely(idx, 4), bogus: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('facilitator' as const),
      action: fc.constantFrom('fireInject', 'typedInject', 'awardReport', 'releaseReports', 'adjust'),
      pick: idx,
      // Out-of-range, fractional and non-finite numbers must be refused, not stored.
      n: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -60, max: 60 }) }, { weight: 1, arbitrary: fc.double() }),
      flag: fc.boolean(),
      text,
      bySeat: rarely(idx, 6),
      bogus: rarely(fc.string({ minLength: 1, maxLength: 12 }), 6),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('ready' as const), seat: idx, ready: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('control' as const),
      action: fc.constantFrom('pause', 'resume', 'extend', 'setBot', 'start', 'openPlanning', 'nextTurn'),
      seconds: fc.integer({ min: -5, max: 4000 }),
      seat: idx,
      bot: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('malformed' as const),
      seat: idx,
      asFacilitator: fc.boolean(),
      value: fc.oneof(
        fc.anything(),
        fc.record(
          { type: fc.constantFrom('order', 'withdraw', 'answer', 'requestSovereign', 'facilitator', 'nope'), order: fc.anything(), request: fc.anything(), accept: fc.anything(), action: fc.anything() },
          { requiredKeys: ['type'] },
        ),
        fc.record({ type: fc.constant('order'), order: fc.record({ type: fc.constantFrom(...ORDER_TYPES), copy: fc.anything(), target: fc.anything(), to: fc.anything(), network: fc.anything() }, { requiredKeys: ['type'] }) }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('look' as const), viewer: idx }) },
);

/** A plan of `turns` turns, each with a few commands in briefing and debrief and more in planning. */
export function planArb(turns: number, maxPlanning: number): fc.Arbitrary<TurnPlan[]> {
  const turn = fc.record({
    briefing: fc.array(cmd, { maxLength: 2 }),
    planning: fc.array(cmd, { minLength: Math.floor(maxPlanning / 2), maxLength: maxPlanning }),
    debrief: fc.array(cmd, { maxLength: 2 }),
  });
  return fc.array(turn, { minLength: turns, maxLength: turns });
}
