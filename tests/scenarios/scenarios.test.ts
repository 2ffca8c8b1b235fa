import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario, type ScenarioInput } from '../../shared/scenarios/schema.ts';
import { scenarios, findScenario, scenarioSummaries } from '../../shared/scenarios/index.ts';

const file = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8')) as ScenarioInput;
const classroom = file('baltic-shield');
const coalitionLarge = file('grey-meridian');
const shipped: readonly ScenarioInput[] = [classroom, coalitionLarge];

/** A deep copy of the classroom scenario, broken in one place (untyped on purpose). */
function broken(edit: (s: any) => void): unknown {
  const s: unknown = structuredClone(classroom);
  edit(s);
  return s;
}

function refusal(data: unknown): string {
  const r = parseScenario(data);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error.message;
}

describe('shipped scenarios', () => {
  it.each(shipped.map((s) => [s.id, s] as const))('%s parses', (_id, s) => {
    const r = parseScenario(s);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.id).toBe(s.id);
  });

  it('the registry holds every shipped scenario, parsed, with unique ids', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(shipped.map((s) => s.id));
    for (const s of scenarios) expect(findScenario(s.id)).toBe(s);
    expect(findScenario('no-such-scenario')).toBeUndefined();
    // defaults filled in by the parse
    expect(scenarios[0]?.tunables.decay).toBe(2);
  });

  it('lists summaries', () => {
    expect(scenarioSummaries()).toEqual(
      scenarios.map((s) => ({ id: s.id, version: s.version, title: s.title, summary: s.summary, minutes: s.minutes, turns: s.turns, allies: s.allies.length })),
    );
  });

  it('ids are unique across every scenario’s nations, networks and capabilities', () => {
    for (const s of scenarios) {
      const nations = [...s.allies, s.adversary];
      const ids = nations.flatMap((n) => [n.id, ...n.networks.map((w) => w.id), ...n.capabilities.map((c) => c.id)]);
      expect(new Set(ids).size).toBe(ids.length);
      const objectiveIds = [...s.coalitionObjectives, ...nations.flatMap((n) => n.objectives)].map((o) => o.id);
      expect(new Set(objectiveIds).size).toBe(objectiveIds.length);
      const injectIds = s.msel.map((m) => m.id);
      expect(new Set(injectIds).size).toBe(injectIds.length);
    }
  });

  it('every capability targets software some enemy network runs', () => {
    for (const s of scenarios) {
      const enemySoftware = new Set(s.adversary.networks.flatMap((w) => w.software));
      const allySoftware = new Set(s.allies.flatMap((a) => a.networks.flatMap((w) => w.software)));
      for (const a of s.allies) for (const c of a.capabilities) expect(enemySoftware.has(c.vuln), `${s.id}: ${c.id}`).toBe(true);
      for (const c of s.adversary.capabilities) expect(allySoftware.has(c.vuln), `${s.id}: ${c.id}`).toBe(true);
      expect(s.adversary.capabilities.some((c) => c.kind === 'espionage')).toBe(true);
      expect(s.adversary.capabilities.some((c) => c.kind === 'effect')).toBe(true);
    }
  });
});

describe('the classroom scenario', () => {
  const s = findScenario(classroom.id)!;

  it('has 4 allies (one major, two middle, one small), 8 turns and a bot adversary', () => {
    expect(s).toBeDefined();
    expect(s.allies).toHaveLength(4);
    expect(s.allies.map((a) => a.tier).sort()).toEqual(['major', 'middle', 'middle', 'small']);
    expect(s.turns).toBe(8);
    expect(s.cyoc).toBe('facilitator');
    // The rules seat the adversary as a bot by default; the scenario sets its temperament.
    expect(classroom.adversary.temperament).toBeDefined();
    expect(new Set(s.allies.map((a) => `${a.skill}/${a.hygiene}`)).size).toBe(4);
  });

  it('has an effectOnNetwork coalition objective on an air-defence network some ally can hit', () => {
    const networks = [...s.allies, s.adversary].flatMap((n) => n.networks);
    const objective = s.coalitionObjectives.find((o) => o.type === 'effectOnNetwork');
    expect(objective).toBeDefined();
    if (objective?.type !== 'effectOnNetwork') return;
    const target = networks.find((w) => w.id === objective.network);
    expect(target?.tags).toContain('air-defence');
    expect(s.adversary.networks).toContain(target);
    expect(objective.byTurn).toBeLessThanOrEqual(6);
    const openers = s.allies.flatMap((a) => a.capabilities.filter((c) => target!.software.includes(c.vuln)).map((c) => ({ nation: a.id, cap: c })));
    expect(openers.length).toBeGreaterThan(0);
    // The dilemma: the one effect that opens the node is the one a private objective wants kept fresh.
    const effectOpeners = openers.filter((o) => o.cap.kind === 'effect');
    expect(effectOpeners).toHaveLength(1);
    const keepers = s.allies.flatMap((a) => a.objectives).filter((o) => o.type === 'keepFresh');
    expect(keepers.map((o) => (o.type === 'keepFresh' ? o.capability : ''))).toContain(effectOpeners[0]!.cap.id);
  });

  it('gives the private objectives the design asks for', () => {
    const types = s.allies.flatMap((a) => a.objectives.map((o) => o.type));
    expect(types).toEqual(expect.arrayContaining(['keepFresh', 'influenceAtLeast', 'noAttribution']));
    const small = s.allies.find((a) => a.tier === 'small')!;
    expect(small.objectives.some((o) => o.type === 'intelAtLeast' || o.type === 'availabilityAbove')).toBe(true);
    expect(small.capabilities.filter((c) => c.kind === 'effect')).toHaveLength(0);
  });

  it('has an MSEL of 3–5 injects with an availability hit and an intel grant, and trust above the training threshold', () => {
    expect(s.msel.length).toBeGreaterThanOrEqual(3);
    expect(s.msel.length).toBeLessThanOrEqual(5);
    expect(s.msel.some((m) => m.availabilityHit)).toBe(true);
    expect(s.msel.some((m) => m.intelGrant)).toBe(true);
    expect(s.trust.pairs.some((p) => p.value >= s.tunables.trainTrust)).toBe(true);
  });
});

describe('the large coalition scenario', () => {
  const s = findScenario(coalitionLarge.id)!;

  it('has 12 allies (2 major, 4 middle, 6 small), 12 turns and a major ally as CyOC', () => {
    expect(s.allies).toHaveLength(12);
    const count = (t: string) => s.allies.filter((a) => a.tier === t).length;
    expect([count('major'), count('middle'), count('small')]).toEqual([2, 4, 6]);
    expect(s.turns).toBe(12);
    expect(s.allies.find((a) => a.id === s.cyoc)?.tier).toBe('major');
    expect(s.coalitionObjectives.length).toBeGreaterThanOrEqual(2);
    expect(s.coalitionObjectives.length).toBeLessThanOrEqual(3);
    expect(s.msel.length).toBeGreaterThanOrEqual(6);
    expect(s.allies.filter((a) => a.objectives.length > 0).length).toBeGreaterThan(s.allies.length / 2);
  });
});

describe('a broken scenario is refused with the bad field named', () => {
  it('network sophistication out of range', () => {
    const msg = refusal(broken((s) => { s.allies[0].networks[0].sophistication = 9; }));
    expect(msg).toContain('allies.0.networks.0.sophistication');
  });

  it('an objective on an unknown network', () => {
    const msg = refusal(broken((s) => { s.coalitionObjectives[0].network = 'kr-nowhere'; }));
    expect(msg).toContain('coalitionObjectives.0.network');
    expect(msg).toContain('kr-nowhere');
  });

  it('a duplicated nation id', () => {
    const msg = refusal(broken((s) => { s.allies[1].id = s.allies[0].id; }));
    expect(msg).toContain('allies.1.id');
  });

  it('a capability id used by two nations', () => {
    const msg = refusal(broken((s) => { s.adversary.capabilities[0].id = s.allies[0].capabilities[0].id; }));
    expect(msg).toContain('adversary.capabilities.0.id');
  });

  it('a keepFresh objective on an unknown capability', () => {
    const msg = refusal(broken((s) => { s.allies[0].objectives[0].capability = 'ald-nothing'; }));
    expect(msg).toContain('allies.0.objectives.0.capability');
  });

  it('an inject after the last turn', () => {
    const msg = refusal(broken((s) => { s.msel[0].turn = 99; }));
    expect(msg).toContain('msel.0.turn');
  });

  it('an effect capability without an effect type', () => {
    const msg = refusal(broken((s) => { delete s.allies[0].capabilities[0].effect; }));
    expect(msg).toContain('allies.0.capabilities.0.effect');
  });

  it('a CyOC that is not an ally', () => {
    const msg = refusal(broken((s) => { s.cyoc = 'kragan'; }));
    expect(msg).toContain('cyoc');
  });
});

describe('docs/scenarios.md', () => {
  const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');

  it('documents every shipped scenario, its seats, objectives and injects', () => {
    for (const s of scenarios) {
      expect(doc).toContain(`\`${s.id}\` v${s.version}`);
      expect(doc).toContain(s.summary);
      for (const n of [...s.allies, s.adversary]) expect(doc).toContain(`${n.name} (\`${n.id}\`)`);
      for (const o of [...s.coalitionObjectives, ...s.allies.flatMap((a) => a.objectives)]) expect(doc).toContain(o.text);
      for (const m of s.msel) expect(doc).toContain(`**${m.title}** (\`${m.id}\`)`);
    }
  });
});
