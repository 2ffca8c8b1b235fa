import type { MatchRecord, ScenarioKey } from '../shared/engine/match.ts';
import { ok, reject, type Result } from '../shared/engine/result.ts';
import { findRuleset, scenarioForKey, type AnyRulesetEntry } from '../shared/rulesets.ts';
import type { MatchMeta, MatchStore } from './store/store.ts';

export interface MatchScenario {
  readonly entry: AnyRulesetEntry;
  readonly scenario: unknown;
  /** What the match's record says about its scenario (with `data` for an uploaded one). */
  readonly key: ScenarioKey;
  /** The exact text of the uploaded file, or null for a shipped scenario. */
  readonly text: string | null;
}

/**
 * The ruleset and scenario a stored match plays: the uploaded scenario stored with it
 * (store.scenarioContent), or the shipped one its meta names. Loading, branching, the AAR
 * and the record export all ask here, so an uploaded scenario works everywhere a shipped one does.
 */
export async function matchScenario(store: MatchStore, meta: MatchMeta): Promise<Result<MatchScenario>> {
  const entry = findRuleset(meta.ruleset);
  if (!entry) return reject('unknown-ruleset', `This server does not know the ruleset "${meta.ruleset}".`);
  const text = await store.scenarioContent(meta.id);
  let key: ScenarioKey = { id: meta.scenarioId, version: meta.scenarioVersion };
  if (text !== null) {
    try {
      key = { ...key, data: JSON.parse(text) as unknown };
    } catch {
      return reject('bad-scenario', `The scenario stored with match ${meta.id} is not JSON.`);
    }
  }
  const scenario = scenarioForKey(entry, key);
  if (!scenario.ok) return scenario;
  return ok({ entry, scenario: scenario.value, key, text });
}

/** The match's record as `npm run replay` and the replay viewer read it. */
export async function matchRecord(store: MatchStore, meta: MatchMeta, key: ScenarioKey): Promise<MatchRecord<unknown>> {
  return { format: 1, ruleset: meta.ruleset, scenario: key, seed: meta.seed, entries: await store.entries(meta.id) };
}
