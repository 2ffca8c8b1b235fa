import { autoplay } from '../engine/autoplay.ts';
import type { Match } from '../engine/match.ts';
import { cyocFacilitatorInputs } from '../rules/bot.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../rules/index.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { armBot, type Arm, type ShareDecision } from './arms.ts';
import { extractMetrics, type FinishedMatch, type MatchMetrics } from './metrics.ts';

/** Measures one match of an arm (see `playFinished`). */
export function playMatch(scenario: Scenario, arm: Arm, seed: number): MatchMetrics {
  return extractMetrics(playFinished(scenario, arm, seed));
}

/**
 * Plays one match of an arm with bots on every seat (and the bot CyOC when the facilitator
 * is the CyOC), keeping what the metrics are measured from. Pure and deterministic in
 * (scenario, arm, seed).
 */
export function playFinished(scenario: Scenario, arm: Arm, seed: number): FinishedMatch {
  const decisions: ShareDecision[] = [];
  const ruleset = { ...cyberAlliance, botInputs: armBot(arm, scenario, decisions) };
  const snapshots: { id: string; freshness: number }[][] = [];
  const { match, record, rejected } = autoplay(ruleset, scenario, seed, {
    onTurn: (m) => {
      snapshots.push((m.state as CyberState).exploits.map((e) => ({ id: e.id, freshness: e.freshness })));
    },
    ...(scenario.cyoc === 'facilitator' ? { facilitatorInputs: (m: Match<CyberState, CyberDrafts>, rng) => cyocFacilitatorInputs(m.state, m.drafts, rng) } : {}),
  });
  return {
    arm: arm.id,
    seed,
    initial: cyberAlliance.setup(scenario, seed),
    state: match.state,
    events: match.events,
    record,
    snapshots,
    rejected: rejected.length,
    decisions,
  };
}
