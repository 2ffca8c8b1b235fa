import type { Scenario } from '../scenarios/schema.ts';
import type { MatchMetrics } from './metrics.ts';
import { analyse, type StudyPlan } from './study.ts';

/**
 * The dry run of a draft scenario, before class: what N seeded bot matches say about it.
 * Pure: the metrics come from the study's own matches (planStudy / playJobs), the wall
 * times are measured by whoever ran them and passed in.
 */
export interface DryRunReport {
  readonly scenario: { readonly id: string; readonly version: string; readonly title: string };
  readonly matches: number;
  /** How often each ally had the best national score of its match (ties shared). */
  readonly wins: readonly { readonly nation: string; readonly name: string; readonly share: number }[];
  readonly meanCoalitionScore: number;
  readonly coalitionObjectives: readonly { readonly id: string; readonly text: string; readonly reached: number; readonly meanTurn: number | null }[];
  readonly privateObjectives: readonly { readonly nation: string; readonly name: string; readonly id: string; readonly text: string; readonly reached: number }[];
  /** Wall time of one turn of bot play (ms), over every match: mean and the slowest match's. */
  readonly turnMs: { readonly mean: number; readonly max: number };
  readonly claims: readonly { readonly id: number; readonly title: string; readonly holds: boolean }[];
  readonly warnings: readonly string[];
}

const share = (k: number, n: number) => (n === 0 ? 0 : k / n);

/** `metrics` and `ms` in plan order, one per job. */
export function dryRunReport(plan: StudyPlan, metrics: readonly MatchMetrics[], ms: readonly number[]): DryRunReport {
  const s: Scenario = plan.scenario;
  const n = metrics.length;
  const names = new Map([...s.allies, s.adversary].map((x) => [x.id, x.name]));
  const allyIds = new Set(s.allies.map((a) => a.id));
  const wins = new Map(s.allies.map((a) => [a.id, 0]));
  for (const m of metrics) {
    const allies = m.national.filter((x) => allyIds.has(x.nation));
    const best = Math.max(...allies.map((x) => x.score));
    const top = allies.filter((x) => x.score === best);
    for (const t of top) wins.set(t.nation, (wins.get(t.nation) ?? 0) + 1 / top.length);
  }
  const coalitionObjectives = s.coalitionObjectives.map((o) => {
    const turns = metrics.flatMap((m) => m.objectives.filter((x) => x.id === o.id).map((x) => x.turn));
    return { id: o.id, text: o.text, reached: share(turns.length, n), meanTurn: turns.length ? turns.reduce((a, b) => a + b, 0) / turns.length : null };
  });
  const privateObjectives = s.allies.flatMap((a) =>
    a.objectives.map((o) => ({ nation: a.id, name: a.name, id: o.id, text: o.text, reached: share(metrics.filter((m) => (m.privateMet ?? []).some((x) => x.nation === a.id && x.objective === o.id)).length, n) })),
  );
  const perTurn = metrics.map((m, i) => (ms[i] ?? 0) / Math.max(1, m.turns));
  const warnings: string[] = [];
  for (const a of s.allies) {
    const mine = privateObjectives.filter((o) => o.nation === a.id);
    if (mine.length === 0) warnings.push(`${a.name} has no private objective: its players have nothing of their own to score.`);
    else if (mine.every((o) => o.reached === 0)) warnings.push(`${a.name} never met a private objective in ${n} matches: its seat can never score its own brief.`);
  }
  for (const o of coalitionObjectives) if (o.reached === 0) warnings.push(`The coalition objective “${o.text}” (${o.id}) was never reached in ${n} matches.`);
  const claims = analyse(plan, metrics).claims.map((c) => ({ id: c.id, title: c.title, holds: c.holds }));
  return {
    scenario: { id: s.id, version: s.version, title: s.title },
    matches: n,
    wins: s.allies.map((a) => ({ nation: a.id, name: names.get(a.id) ?? a.id, share: share(wins.get(a.id) ?? 0, n) })),
    meanCoalitionScore: n === 0 ? 0 : metrics.reduce((t, m) => t + m.coalition, 0) / n,
    coalitionObjectives,
    privateObjectives,
    turnMs: { mean: perTurn.length ? perTurn.reduce((a, b) => a + b, 0) / perTurn.length : 0, max: perTurn.length ? Math.max(...perTurn) : 0 },
    claims,
    warnings,
  };
}
