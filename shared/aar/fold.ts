import type { Match, MatchRecord } from '../engine/match.ts';
import { replay } from '../engine/replay.ts';
import type { CyberDrafts, CyberState, Input } from '../rules/index.ts';
import { cyberAlliance } from '../rules/index.ts';
import type { Scenario } from '../scenarios/schema.ts';

/** What one pass over a record gives the AAR: the final match, the state after each resolution, each entry's turn. */
export interface Folded {
  readonly match: Match<CyberState, CyberDrafts>;
  /** `states[t]`: the state right after turn t's resolution (t = 0: after setup). */
  readonly states: readonly CyberState[];
  /** `entryTurn[i]`: the match's turn when entry i was applied (for entries that carry no turn, e.g. messages). */
  readonly entryTurn: readonly number[];
  /** `drafts[t]`: what was submitted in turn t's planning window as it closed (order ids, for linked messages). */
  readonly drafts: readonly (CyberDrafts | undefined)[];
  /** Entries applied (the whole record unless replay stopped). */
  readonly applied: number;
  /** Replay stopped early: the entry and the reason. */
  readonly error: string | null;
}

/**
 * Replays a record once (docs/design.md §7), keeping the state after every resolution: the fold
 * the per-turn series, objectives and decisions read. Never throws on a bad record: it
 * returns what it could replay and says where it stopped. A record for another scenario
 * (or ruleset) cannot be replayed at all and gives null with the reason.
 */
export function foldRecord(scenario: Scenario, record: MatchRecord<unknown>): Folded | { readonly error: string } {
  const states: CyberState[] = [];
  const entryTurn: number[] = [];
  const drafts: (CyberDrafts | undefined)[] = [];
  const r = replay(cyberAlliance, scenario, record as MatchRecord<Input>, (m) => {
    if (states.length === 0) states.push(m.state);
    if (m.applied > 0) entryTurn[m.applied - 1] = m.turn;
    if (m.phase === 'planning') drafts[m.turn] = m.drafts;
    if (m.phase === 'debrief' && states[m.turn] === undefined) states[m.turn] = m.state;
    return false;
  });
  if (!r.match) return { error: `${r.ok ? '' : r.error.message}` };
  const filled = fillGaps(states);
  const error = r.ok ? null : `entry ${r.error.index} does not replay (${r.error.code}): ${r.error.message}`;
  return { match: r.match, states: filled, entryTurn, drafts, applied: r.match.applied, error };
}

/** A turn with no resolution between two that have one cannot happen; guard anyway so every index holds a state. */
function fillGaps(states: CyberState[]): CyberState[] {
  const out: CyberState[] = [];
  for (let t = 0; t < states.length; t++) out.push(states[t] ?? (out[t - 1] as CyberState));
  return out;
}
