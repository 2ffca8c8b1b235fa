import fc from 'fast-check';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { planArb } from './commands.ts';
import { drive, type Check } from './driver.ts';

/**
 * Runs per property are kept moderate so the suite stays fast; PROPERTY_SCALE=20 (say)
 * multiplies them for a long local hunt. A failure prints fast-check's seed and path:
 * pass them back through `fc.assert`'s `seed`/`path` options to replay it.
 */
const asked = Number(process.env['PROPERTY_SCALE'] ?? '1');
const scale = Number.isFinite(asked) && asked > 0 ? asked : 1;
export const runs = (n: number) => Math.max(1, Math.round(n * scale));
/**
 * Shrinking a long stream of commands can take minutes; past this limit fast-check
 * stops and reports the smallest counterexample it has so far.
 */
const shrinkBudgetMs = 20_000 * scale;
/** Per-test timeout for the property tests: room for the runs plus the shrink budget. */
export const TIMEOUT = 60_000 * scale;

export function shipped(id: string): Scenario {
  const s = findScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

/** Both shipped scenarios, every turn of each, with up to this many commands per planning window. */
export const scenarios = [
  { id: 'baltic-shield', scenario: shipped('baltic-shield'), perPlanning: 30 },
  { id: 'grey-meridian', scenario: shipped('grey-meridian'), perPlanning: 40 },
] as const;

/** Asserts that the checks hold along random streams of inputs through a whole match. */
export function holdsAlong(scenario: Scenario, perPlanning: number, checks: readonly Check[], numRuns: number): void {
  fc.assert(
    fc.property(fc.nat(), planArb(scenario.turns, perPlanning), (seed, plan) => {
      drive(scenario, seed, plan, new Set(checks));
    }),
    { numRuns: runs(numRuns), interruptAfterTimeLimit: shrinkBudgetMs },
  );
}
