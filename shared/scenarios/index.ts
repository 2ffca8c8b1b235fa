import balticShield from '../../scenarios/baltic-shield.json' with { type: 'json' };
import greyMeridian from '../../scenarios/grey-meridian.json' with { type: 'json' };
import type { Scenario } from './schema.ts';
import { describeErrors, validateScenario } from './validate.ts';

/**
 * The shipped scenarios: the JSON files of the top-level `scenarios/` folder, in listing
 * order. They are imported as JSON modules (Node and Vite both read them), so that `shared/`
 * stays free of file I/O and the browser's replay viewer has them too; a test checks that
 * this list and the folder hold the same files. To ship a new scenario, add its file to the
 * folder and one line here.
 */
const shipped: readonly { readonly file: string; readonly data: unknown }[] = [
  { file: 'scenarios/baltic-shield.json', data: balticShield },
  { file: 'scenarios/grey-meridian.json', data: greyMeridian },
];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function load({ file, data }: { file: string; data: unknown }): Scenario {
  const r = validateScenario(data);
  if (!r.ok) throw new Error(`shipped scenario file ${file} is invalid:\n${describeErrors(file, r.errors)}`);
  return deepFreeze(r.value);
}

function loadAll(files: typeof shipped): readonly Scenario[] {
  const parsed = files.map(load);
  const seen = new Set<string>();
  for (const s of parsed) {
    if (seen.has(s.id)) throw new Error(`two shipped scenarios have the id "${s.id}"`);
    seen.add(s.id);
  }
  return Object.freeze(parsed);
}

/** A shipped scenario's file content as written (no defaults filled in), e.g. for the editor to start from. */
export function shippedFileData(id: string): unknown {
  const i = scenarios.findIndex((s) => s.id === id);
  return i < 0 ? undefined : structuredClone(shipped[i]?.data);
}

/** The files behind `scenarios`, by id, for tests and tools that want the path. */
export const shippedFiles: readonly string[] = Object.freeze(shipped.map((s) => s.file));

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

/** One line for a scenario, for lobby and match-creation listings. */
export function summaryOf(s: Scenario): ScenarioSummary {
  return { id: s.id, version: s.version, title: s.title, summary: s.summary, minutes: s.minutes, turns: s.turns, allies: s.allies.length };
}

/** One line per shipped scenario, for lobby and match-creation listings. */
export function scenarioSummaries(): ScenarioSummary[] {
  return scenarios.map(summaryOf);
}
