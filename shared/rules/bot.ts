import type { RngSource } from '../engine/rng.ts';
import type { SeatId } from '../engine/ruleset.ts';
import { adversaryInputs } from './bot/adversary.ts';
import { allyInputs } from './bot/ally.ts';
import { know } from './bot/knowledge.ts';
import { planner } from './bot/planner.ts';
import { paramsFor, temperamentOf, type BotOptions, type Temperament } from './bot/temperaments.ts';
import type { CyberDrafts } from './drafts.ts';
import type { Input } from './orders.ts';
import type { CyberState } from './types.ts';

export type BotFn = (s: CyberState, drafts: CyberDrafts, seat: SeatId, rng: RngSource) => Input[];

/**
 * A heuristic bot for any seat, ally or adversary, playing the temperament the scenario
 * gives the seat — or the one `options` imposes (a temperament for every seat, per-seat
 * temperaments, tuned knobs), so that a study can run mixes:
 * `{ ...cyberAlliance, botInputs: botInputsWith('hoarder') }`.
 *
 * It decides from the seat's own view only (fog.ts `viewOf`, plus the scenario's public
 * data) and folds every input through the shared validation, so it never submits an
 * illegal order. Randomness only through the given rng. Called twice per planning window:
 * the first call gives orders that need answers, a later call answers and tops up.
 */
export function botInputsWith(options: Temperament | BotOptions = {}): BotFn {
  const opts: BotOptions = typeof options === 'string' ? { temperament: options } : options;
  return (s, drafts, seat, rng) => {
    const temperament = temperamentOf(s.rules.temperaments, seat, opts);
    const k = know(s, drafts, seat, temperament, paramsFor(temperament, opts), rng.stream('decide'));
    if (!k) return [];
    const p = planner(s, drafts, seat);
    if (k.isAlly) allyInputs(k, p);
    else adversaryInputs(k, p);
    return p.inputs;
  };
}

/** Heuristic bot for any seat, with the scenario's temperaments. */
export const botInputs: BotFn = botInputsWith();

export { PARAMS, TEMPERAMENTS, type BotOptions, type BotParams, type Temperament } from './bot/temperaments.ts';
export { cyocFacilitatorInputs } from './bot/cyoc.ts';
