import { applyEntry, createMatch, type AnyRuleset, type LogEntry, type Match } from '../shared/engine/match.ts';
import { ok, reject, type Result } from '../shared/engine/result.ts';
import { matchScenario } from './match-scenario.ts';
import type { MatchMeta, MatchStore } from './store/store.ts';

type Entry = LogEntry<unknown>;

/** The audit action that records how a match was configured at creation (entry 0). */
export const CONFIGURE_ACTION = 'configure';

/** The entry that records a planning time chosen at creation instead of the scenario's (docs/design.md §3 "tunable, e.g. 300 s"). */
export function configureEntry(at: number, planningSeconds: number): Entry {
  return { at, kind: 'audit', action: CONFIGURE_ACTION, detail: { planningSeconds } };
}

/** The planning time the match's `configure` entries chose, if any (the last one wins). */
export function planningOverride(entries: readonly Entry[]): number | null {
  let seconds: number | null = null;
  for (const e of entries) {
    if (e.kind === 'audit' && e.action === CONFIGURE_ACTION && typeof e.detail.planningSeconds === 'number') seconds = e.detail.planningSeconds;
  }
  return seconds;
}

/**
 * The ruleset as one match plays it: the same rules, with the match's planning time if it
 * chose one. Only the clock differs, so the record still replays with the plain ruleset
 * (docs/design.md §7): no rule reads the planning time.
 */
export function rulesetFor(ruleset: AnyRuleset, planningSeconds: number | null): AnyRuleset {
  return planningSeconds === null ? ruleset : { ...ruleset, planningSeconds: () => planningSeconds };
}

export interface LoadedMatch {
  readonly meta: MatchMeta;
  readonly ruleset: AnyRuleset;
  readonly scenario: unknown;
  readonly match: Match<unknown, unknown>;
  readonly entries: readonly Entry[];
}

/**
 * Rebuilds a live match from the archive (docs/design.md §7 "replay is a fold over the record"):
 * meta + log from the store, the ruleset and the scenario (uploaded with the match, or shipped
 * by id: match-scenario.ts), then `applyEntry` over every entry. This is how a room starts, and
 * so the recovery path after a full restart. Refuses a record whose scenario version this
 * build does not ship, or whose log does not replay.
 */
export async function loadMatch(store: MatchStore, matchId: string): Promise<Result<LoadedMatch>> {
  const meta = await store.getMatch(matchId);
  if (!meta) return reject('unknown-match', `There is no match "${matchId}".`);
  const found = await matchScenario(store, meta);
  if (!found.ok) return found;
  const { entry, scenario } = found.value;
  const entries = await store.entries(matchId);
  const ruleset = rulesetFor(entry.ruleset, planningOverride(entries));
  let match = createMatch(ruleset, scenario, meta.seed) as Match<unknown, unknown>;
  for (let i = 0; i < entries.length; i++) {
    const r = applyEntry(ruleset, match, entries[i] as Entry);
    if (!r.ok) return reject('corrupt-log', `Entry ${i} of match ${matchId} does not replay: ${r.error.message}`);
    match = r.value;
  }
  return ok({ meta, ruleset, scenario, match, entries });
}
