import { describe, it, expect } from 'vitest';
import { burnPerUse } from '../../shared/rules/operate.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { studyArms } from '../../shared/study/arms.ts';
import { extractMetrics } from '../../shared/study/metrics.ts';
import { playFinished } from '../../shared/study/run.ts';

const baltic = findScenario('baltic-shield') as Scenario;
const grey = findScenario('grey-meridian') as Scenario;

/** One match of each arm of a scenario, with what was measured from it. */
function sample(scenario: Scenario, seed: number) {
  return studyArms(scenario).map((arm) => {
    const f = playFinished(scenario, arm, seed);
    return { f, m: extractMetrics(f) };
  });
}

describe('the per-match metrics agree with the ground truth they are read from', () => {
  const runs = [...sample(baltic, 3), ...sample(grey, 2).slice(0, 3)];

  it('every use is one incident, and its burn is what the rules take from the freshness it had', () => {
    for (const { f, m } of runs) {
      expect(m.uses.length).toBe(f.state.incidents.length);
      for (const u of m.uses) {
        const expected = Math.min(u.before, burnPerUse(f.state, u.kind, u.effect, u.soph));
        expect(u.burn, `${m.arm} ${u.capability} turn ${u.turn}`).toBeCloseTo(expected, 6);
      }
    }
  });

  it('misattributions, discoveries and leaks are counted once each, as the facilitator-only events tell them', () => {
    for (const { f, m } of runs) {
      const count = (type: string) => f.events.filter((e) => e.type === type).length;
      expect(m.uses.filter((u) => u.misattributed).length).toBe(count('Misattributed'));
      const byUse = f.events.filter((e, i) => e.type === 'ExploitDiscoveredTruth' && f.events[i + 1]?.type === 'OperationResolved').length;
      expect(m.uses.filter((u) => u.discovered).length).toBe(byUse);
      expect(m.uses.filter((u) => u.discovered && !u.discoverable)).toEqual([]);
      expect(m.leakExposures.filter((x) => x.leaked).length).toBe(count('CapabilityLeaked'));
      expect(m.leakedTools.length).toBe(f.state.copies.filter((c) => c.leaked).length);
    }
  });

  it('the covert bonuses rebuilt from the uses are each nation’s tally', () => {
    for (const { f, m } of runs) {
      for (const n of f.state.nations) expect(m.uses.filter((u) => u.user === n.id && u.covert).length, `${m.arm} ${n.id}`).toBe(n.tally.covertBonus);
    }
  });

  it('scores are the ruleset’s, and objectives met carry the turn they were met', () => {
    for (const { f, m } of runs) {
      expect(m.objectives.map((o) => o.id).sort()).toEqual([...f.state.coalition.objectivesMet].sort());
      for (const o of m.objectives) expect(f.events.some((e) => e.type === 'CoalitionObjectiveMet' && e.turn === o.turn && e.data?.['objective'] === o.id)).toBe(true);
    }
  });

  it('a sovereign execution is a use flagged sovereign; a tailored tool never burns its exporter’s arsenal', () => {
    const all = runs.flatMap(({ m }) => m.uses);
    for (const u of all.filter((x) => x.tailored && x.from !== null)) expect(u.exporterBurn).toBe(0);
    for (const u of all.filter((x) => x.from !== null && !x.tailored && x.burn > 0)) expect(u.exporterBurn).toBe(u.burn);
    const offers = runs.flatMap(({ f }) => f.state.offers.filter((o) => o.status === 'executed'));
    expect(all.filter((u) => u.sovereign && u.success).length).toBeGreaterThanOrEqual(offers.length);
  });

  it('the share-or-keep arm withholds every share of the capabilities it keeps, and shares the others', () => {
    for (const { f, m } of runs.filter(({ m }) => m.arm === 'share-or-keep')) {
      expect(m.sharingTrials.length).toBeGreaterThan(0);
      for (const t of m.sharingTrials) {
        const shared = f.state.copies.some((c) => c.capability === t.capability && c.from !== null && !c.leaked);
        if (t.withheld) expect(shared, t.capability).toBe(false);
        expect(t.track[0]).toBe(t.start);
      }
    }
  });
});
