import { Scenario, type ScenarioInput } from './schema.ts';
import { classroom } from './classroom.ts';
import { coalitionLarge } from './coalition-large.ts';

/** The shipped scenarios as written, in listing order. */
const shipped: readonly ScenarioInput[] = [classroom, coalitionLarge];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function load(input: ScenarioInput): Scenario {
  try {
    return deepFreeze(Scenario.parse(input));
  } catch (e) {
    throw new Error(`shipped scenario "${input.id}" is invalid: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

function loadAll(inputs: readonly ScenarioInput[]): readonly Scenario[] {
  const parsed = inputs.map(load);
  const seen = new Set<string>();
  for (const s of parsed) {
    if (seen.has(s.id)) throw new Error(`two shipped scenarios have the id "${s.id}"`);
    seen.add(s.id);
  }
  return Object.freeze(parsed);
}

/**
 * Every shipped scenario, parsed (defaults filled in) when this module loads, so that a
 * bad shipped scenario fails loudly at startup rather than at match creation. The
 * parsed data is deeply frozen: a ruleset's `setup` must copy what it wants to change.
 */
export const scenarios: readonly Scenario[] = loadAll(shipped);

export function findScenario(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}

export interface ScenarioSummary {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly summary: string;
  readonly minutes: number;
  readonly turns: number;
  /** Number of allied nations (seats besides the adversary). */
  readonly allies: number;
}

/** One line per shipped scenario, for lobby and match-creation listings. */
export function scenarioSummaries(): ScenarioSummary[] {
  return scenarios.map((s) => ({ id: s.id, version: s.version, title: s.title, summary: s.summary, minutes: s.minutes, turns: s.turns, allies: s.allies.length }));
}
