import { allies, capabilityOf, exploitOf, isAlly, nationOf, networkOf, round1 } from './access.ts';
import type { EventSink } from './events.ts';
import type { Objective } from '../scenarios/schema.ts';
import type { CyberState, NationId } from './types.ts';

/** Whether an objective is met now; `final` is true at the end of the last turn. */
function objectiveMet(s: CyberState, o: Objective, nation: NationId | null, final: boolean): boolean {
  switch (o.type) {
    case 'effectOnNetwork': {
      const n = networkOf(s, o.network);
      return !!n && s.turn <= o.byTurn && n.effects.some((e) => o.effects.includes(e.effect) && e.turn <= o.byTurn && isAlly(s, e.by));
    }
    case 'keepFresh': {
      if (s.turn !== o.untilTurn) return false;
      const cap = capabilityOf(s, o.capability);
      const exploit = cap && exploitOf(s, cap.exploit);
      return !!exploit && exploit.freshness > o.above;
    }
    case 'noAttribution':
      return final && !!nation && !s.incidents.some((i) => i.kind === 'effect' && i.blamed === nation && i.user === nation);
    case 'intelAtLeast':
      return final && (nationOf(s, nation ?? '')?.intel ?? 0) >= o.amount;
    case 'influenceAtLeast':
      return final && (nationOf(s, nation ?? '')?.influence ?? 0) >= o.amount;
    case 'availabilityAbove': {
      if (!final || !nation) return false;
      const mine = s.networks.filter((n) => n.owner === nation);
      return mine.length > 0 && mine.every((n) => n.availability > o.above);
    }
  }
}

/**
 * Checks coalition and private objectives at the end of a resolution (docs/design.md §5).
 * Coalition objectives are announced to all; private ones only to their nation.
 */
export function checkObjectives(s: CyberState, ev: EventSink): void {
  const final = s.turn >= s.rules.turns;
  for (const o of s.rules.coalitionObjectives) {
    if (s.coalition.objectivesMet.includes(o.id)) continue;
    if (objectiveMet(s, o, null, final)) {
      s.coalition.objectivesMet = [...s.coalition.objectivesMet, o.id];
      ev.public('CoalitionObjectiveMet', `Coalition objective met: ${o.text}`, { objective: o.id });
    }
  }
  for (const { nation, objectives } of s.rules.privateObjectives) {
    for (const o of objectives) {
      if (s.objectivesMet.some((m) => m.nation === nation && m.objective === o.id)) continue;
      if (!objectiveMet(s, o, nation, final)) continue;
      s.objectivesMet.push({ nation, objective: o.id, turn: s.turn });
      ev.to([nation], 'ObjectiveMet', `Objective met: ${o.text}`, { objective: o.id });
    }
  }
}

export interface NationScore {
  readonly nation: NationId;
  readonly name: string;
  /** The nation's own score (private objectives, uptime, standing, penalties). */
  readonly national: number;
  /** The coalition's score, which every ally shares. */
  readonly coalition: number;
  readonly total: number;
  readonly parts: Readonly<Record<string, number>>;
}

export interface CyberScore {
  readonly coalition: { readonly total: number; readonly objectives: number; readonly legitimacy: number; readonly met: readonly string[] };
  readonly nations: readonly NationScore[];
}

/** `score(state)`: the weighted sum of docs/design.md §5, with weights from the scenario. */
export function score(s: CyberState): CyberScore {
  const w = s.rules.weights;
  const coalitionObjectives = s.rules.coalitionObjectives.filter((o) => s.coalition.objectivesMet.includes(o.id)).reduce((sum, o) => sum + o.points, 0);
  const coalition = round1(coalitionObjectives * w.coalitionObjective + s.coalition.legitimacy * w.legitimacy);
  const nations = allies(s).map((n): NationScore => {
    const objectives = s.rules.privateObjectives.find((p) => p.nation === n.id)?.objectives ?? [];
    const privatePoints = objectives.filter((o) => s.objectivesMet.some((m) => m.nation === n.id && m.objective === o.id)).reduce((sum, o) => sum + o.points, 0);
    const t = n.tally;
    const parts = {
      objectives: privatePoints * w.privateObjective,
      availability: t.availabilityPoints * w.availability,
      influence: n.influence * w.influence,
      reputation: (n.reputation - 50) * w.reputation,
      intel: n.intel * w.intel,
      reports: t.reportPoints * w.reports,
      covertBonus: t.covertBonus * w.covertBonus,
      misattributions: t.misattributionsSuffered * w.misattributionSuffered,
      leaks: t.leaksOfSharedTools * w.leakOfSharedTool,
      endUseViolations: t.endUseViolations * w.endUseViolation,
    };
    const national = round1(Object.values(parts).reduce((a, b) => a + b, 0));
    return { nation: n.id, name: n.name, national, coalition, total: round1(national + coalition), parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round1(v)])) };
  });
  return { coalition: { total: coalition, objectives: coalitionObjectives, legitimacy: s.coalition.legitimacy, met: s.coalition.objectivesMet }, nations };
}
