import type { Scenario } from '../scenarios/schema.ts';
import type { Capability, Copy, CyberState, Exploit, Nation, NationId, Network, Rules, Tally, Trust } from './types.ts';

export function emptyTally(): Tally {
  return {
    covertBonus: 0,
    misattributionsSuffered: 0,
    leaksOfSharedTools: 0,
    endUseViolations: 0,
    attributedEffects: 0,
    availabilityPoints: 0,
    reportPoints: 0,
    reportPointsHeld: 0,
    sovereignHonoured: 0,
    sovereignDeclined: 0,
    publicAttributionsRight: 0,
    publicAttributionsWrong: 0,
  };
}

/**
 * `setup(scenario, seed) → state` (docs/design.md §7). Each scenario capability becomes one
 * exploit (its freshness), one capability and the author's own copy. Ids keep the
 * scenario's names with a kind prefix so that they never collide across kinds.
 */
export function setup(scenario: Scenario, seed: number): CyberState {
  const all = [...scenario.allies.map((n) => ({ n, side: 'ally' as const })), { n: scenario.adversary, side: 'adversary' as const }];
  const nations: Nation[] = [];
  const networks: Network[] = [];
  const exploits: Exploit[] = [];
  const capabilities: Capability[] = [];
  const copies: Copy[] = [];
  for (const { n, side } of all) {
    const id = n.id as NationId;
    nations.push({
      id,
      name: n.name,
      side,
      tier: n.tier,
      capacity: scenario.tunables.capacityByTier[n.tier],
      skill: n.skill,
      hygiene: n.hygiene,
      intel: n.intel,
      reputation: n.reputation,
      influence: n.influence,
      knownVulns: [...new Set([...n.knownVulns, ...n.capabilities.map((c) => c.vuln)])].sort() as Nation['knownVulns'],
      tally: emptyTally(),
    });
    for (const w of n.networks) {
      networks.push({
        id: w.id as Network['id'],
        name: w.name,
        owner: id,
        sophistication: w.sophistication,
        hardening: w.hardening,
        availability: w.availability,
        software: [...w.software] as Network['software'],
        tags: [...w.tags],
        patchesApplied: [],
        effects: [],
      });
    }
    for (const c of n.capabilities) {
      const exploit = `x-${c.id}` as Exploit['id'];
      exploits.push({ id: exploit, vuln: c.vuln as Exploit['vuln'], author: id, freshness: c.freshness, discovered: false, patchDue: null, patched: false, uses: 0 });
      capabilities.push({ id: c.id as Capability['id'], name: c.name, exploit, origin: id, kind: c.kind, effect: c.effect, power: c.power, tailoredFor: null });
      copies.push({ id: `k-${c.id}` as Copy['id'], capability: c.id as Capability['id'], holder: id, from: null, terms: null, receivedTurn: 0, expiresTurn: null, leaked: false });
    }
  }
  const trust: Trust[] = [];
  const allyIds = scenario.allies.map((a) => a.id).sort();
  for (let i = 0; i < allyIds.length; i++) {
    for (let j = i + 1; j < allyIds.length; j++) {
      const a = allyIds[i] as NationId;
      const b = allyIds[j] as NationId;
      const pair = scenario.trust.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
      trust.push({ a, b, value: pair?.value ?? scenario.trust.default });
    }
  }
  const rules: Rules = {
    id: scenario.id,
    version: scenario.version,
    turns: scenario.turns,
    planningSeconds: scenario.planningSeconds,
    cyoc: scenario.cyoc,
    showScores: scenario.showScores,
    tunables: scenario.tunables,
    weights: scenario.weights,
    coalitionObjectives: scenario.coalitionObjectives,
    msel: scenario.msel,
    privateObjectives: all.map(({ n }) => ({ nation: n.id as NationId, objectives: n.objectives })),
    temperaments: all.map(({ n }) => ({ nation: n.id as NationId, temperament: n.temperament })),
  };
  return {
    rules,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed,
    turn: 0,
    nations,
    networks,
    exploits,
    capabilities,
    copies,
    implants: [],
    offers: [],
    missions: [],
    projects: [],
    trainings: [],
    incidents: [],
    reports: [],
    trust,
    injects: [],
    deconflicted: [],
    coalition: { legitimacy: 0, objectivesMet: [] },
    objectivesMet: [],
    grievances: [],
    consented: [],
    serial: 0,
  };
}
