import type { Scenario } from '../scenarios/schema.ts';
import { COALITION_MIX, keepersOf, NATION_MIX, RIVALRY_ARM, studyArms, TERMS_ARM, type Arm } from './arms.ts';
import { evaluateClaims, mixTable, type ClaimResult, type MixRow, type StudyContext } from './claims.ts';
import type { MatchMetrics } from './metrics.ts';
import { allocate, jobsOf, type Job } from './plan.ts';
import { playMatch } from './run.ts';

/**
 * The study as pure steps, so that a CLI can spread the matches over worker threads and
 * still get the same report: plan (which matches), play (any subset, in any order), then
 * analyse the metrics put back in plan order.
 */
export interface StudyPlan {
  readonly scenario: Scenario;
  readonly matches: number;
  readonly arms: readonly Arm[];
  readonly allocation: readonly { arm: string; count: number }[];
  readonly jobs: readonly Job[];
}

export function planStudy(scenario: Scenario, matches: number): StudyPlan {
  const arms = studyArms(scenario);
  return { scenario, matches, arms, allocation: allocate(arms, matches), jobs: jobsOf(arms, matches) };
}

/** Plays the given jobs (a slice of the plan), in order. */
export function playJobs(scenario: Scenario, jobs: readonly Job[]): MatchMetrics[] {
  const arms = new Map(studyArms(scenario).map((a) => [a.id, a]));
  return jobs.map((j) => {
    const arm = arms.get(j.arm);
    if (!arm) throw new Error(`no arm "${j.arm}"`);
    return playMatch(scenario, arm, j.seed);
  });
}

export interface StudyResult {
  readonly plan: StudyPlan;
  readonly context: StudyContext;
  readonly metrics: readonly MatchMetrics[];
  readonly claims: readonly ClaimResult[];
  readonly mixes: readonly MixRow[];
}

export function contextOf(plan: StudyPlan): StudyContext {
  return {
    mixArms: plan.arms.filter((a) => a.id !== TERMS_ARM && a.id !== RIVALRY_ARM).map((a) => a.id),
    coalitionMix: COALITION_MIX,
    nationMix: NATION_MIX,
    termsArm: TERMS_ARM,
    rivalryArm: RIVALRY_ARM,
    keepers: keepersOf(plan.scenario),
    names: Object.fromEntries([...plan.scenario.allies, plan.scenario.adversary].map((n) => [n.id, n.name])),
  };
}

/** `metrics` must be in plan order (one per job). */
export function analyse(plan: StudyPlan, metrics: readonly MatchMetrics[]): StudyResult {
  if (metrics.length !== plan.jobs.length) throw new Error(`expected ${plan.jobs.length} matches, got ${metrics.length}`);
  plan.jobs.forEach((j, i) => {
    const m = metrics[i];
    if (!m || m.arm !== j.arm || m.seed !== j.seed) throw new Error(`match ${i} is not ${j.arm} seed ${j.seed}`);
  });
  const context = contextOf(plan);
  return { plan, context, metrics, claims: evaluateClaims(metrics, context), mixes: mixTable(metrics, context.mixArms, plan.scenario.coalitionObjectives.map((o) => o.id)) };
}

/** The whole study in one thread. */
export function runStudy(scenario: Scenario, matches: number): StudyResult {
  const plan = planStudy(scenario, matches);
  return analyse(plan, playJobs(scenario, plan.jobs));
}
