import { allianceTurns, allianceTurnsScenarios, findAllianceTurnsScenario } from './alliance-turns/index.ts';
import type { ScenarioKey } from './engine/match.ts';
import { ok, reject, type Result } from './engine/result.ts';
import type { Ruleset } from './engine/ruleset.ts';
import { cyberAlliance } from './rules/index.ts';
import { findScenario, scenarios } from './scenarios/index.ts';

/** A ruleset with its shipped scenarios, typed together so a scenario always fits its ruleset. */
export interface RulesetEntry<Sc, S, D, I, P> {
  readonly ruleset: Ruleset<Sc, S, D, I, P>;
  /** Shipped scenarios, parsed, in listing order. */
  readonly scenarios: readonly Sc[];
  findScenario(id: string): Sc | undefined;
}

/** An entry whose types are known only to itself, for code that looks a ruleset up by id. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRulesetEntry = RulesetEntry<any, any, any, any, any>;

function entry<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, list: readonly Sc[], find: (id: string) => Sc | undefined): RulesetEntry<Sc, S, D, I, P> {
  return Object.freeze({ ruleset, scenarios: list, findScenario: find });
}

/**
 * Every ruleset this build can host, by id, so that the server and the CLIs can look a
 * ruleset and its scenarios up from a match record or a request. Each key is its ruleset's `id`.
 */
export const rulesets = Object.freeze({
  'cyber-alliance': entry(cyberAlliance, scenarios, findScenario),
  'alliance-turns': entry(allianceTurns, allianceTurnsScenarios, findAllianceTurnsScenario),
});

export type RulesetId = keyof typeof rulesets;

/** Ruleset ids in listing order (never iterate the object's keys: their order is not a rule). */
export const rulesetIds: readonly RulesetId[] = Object.freeze(['cyber-alliance', 'alliance-turns'] as const);

export function isRulesetId(id: string): id is RulesetId {
  return (rulesetIds as readonly string[]).includes(id);
}

/** The entry for `id`, or undefined for an unknown id (including inherited names such as "toString"). */
export function findRuleset(id: string): AnyRulesetEntry | undefined {
  return isRulesetId(id) ? rulesets[id] : undefined;
}

/**
 * The scenario a record or a stored match plays: the data it carries (an uploaded
 * scenario, parsed by the ruleset and held to the id and version the record names), or
 * else the shipped scenario of that id and version. Every consumer of records — replay
 * CLI and viewer, branch, AAR, the server's loader — goes through here.
 */
export function scenarioForKey(entry: AnyRulesetEntry, key: ScenarioKey): Result<unknown> {
  if (key.data !== undefined) {
    const r = entry.ruleset.parseScenario(key.data);
    if (!r.ok) return reject('bad-scenario', `The scenario stored with this match is not valid: ${r.error.message}`);
    const own = entry.ruleset.scenarioKey(r.value);
    if (own.id !== key.id || own.version !== key.version) return reject('scenario-mismatch', `The scenario stored with this match is ${own.id} v${own.version}, not ${key.id} v${key.version}.`);
    return ok(r.value);
  }
  const scenario = entry.findScenario(key.id);
  if (!scenario) return reject('unknown-scenario', `This build does not ship the scenario "${key.id}".`);
  const version = entry.ruleset.scenarioKey(scenario).version;
  if (version !== key.version) return reject('scenario-version', `The match needs ${key.id} v${key.version}; this build ships v${version}.`);
  return ok(scenario);
}
