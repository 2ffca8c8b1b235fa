import { describe, it, expect } from 'vitest';
import { eventsFor } from '../../shared/engine/ruleset.ts';
import { leakChance } from '../../shared/rules/leaks.ts';
import { score } from '../../shared/rules/scoring.ts';
import { Table, ofType, seat } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

/** Turn 1: Alpha shares STRIKE compiled-only and WORM as source with Bravo (hygiene 0.5). Returns the table in turn 2. */
function bravoHoldsTwoImports() {
  const t = new Table();
  t.answer('bravo', t.order('alpha', { type: 'share', copy: 'k-a-strike', to: 'bravo' }), true);
  t.answer('bravo', t.order('alpha', { type: 'share', copy: 'k-a-worm', to: 'bravo', terms: { compiledOnly: false } }), true);
  t.resolve();
  return { t, strike: t.copyOf('bravo', 'a-strike')!, worm: t.copyOf('bravo', 'a-worm')! };
}

describe('leaks', () => {
  it('leak chance per extra holder is (1 − hygiene) × 0.02, doubled without compiled-only', () => {
    const t = new Table();
    expect(leakChance(t.state, 0.5, true)).toBeCloseTo(0.01, 10);
    expect(leakChance(t.state, 0.5, false)).toBeCloseTo(0.02, 10);
    expect(leakChance(t.state, 0.9, true)).toBeCloseTo(0.002, 10);
    expect(leakChance(t.state, 1, false)).toBe(0);
  });

  it('the same roll leaks a source copy but not a compiled-only one', () => {
    const { t, strike, worm } = bravoHoldsTwoImports();
    t.resolve({ [`leak:${strike.id}`]: [0.015], [`leak:${worm.id}`]: [0.015] });
    const red = t.state.copies.filter((c) => c.holder === 'red' && c.leaked);
    expect(red.map((c) => c.capability)).toEqual(['a-worm']);
  });

  it("the author's own copies never leak: only extra holders add risk", () => {
    const t = new Table();
    const events = t.resolve({}, 0); // every roll would succeed
    expect(ofType(events, 'CapabilityLeaked')).toEqual([]);
    expect(t.state.copies.every((c) => c.holder !== 'red' || !c.leaked)).toBe(true);
  });

  it('a leaked capability goes to the adversary; only the facilitator learns of the leak, and the exporter is penalised', () => {
    const { t, worm } = bravoHoldsTwoImports();
    const before = score(t.state).nations.find((n) => n.nation === 'alpha')!;
    const events = t.resolve({ [`leak:${worm.id}`]: [0] });
    const leaked = t.copyOf('red', 'a-worm');
    expect(leaked).toMatchObject({ holder: 'red', from: null, terms: null, leaked: true, receivedTurn: 2 });
    expect(t.nation('red').knownVulns).toContain('common-os');
    expect(t.nation('alpha').tally.leaksOfSharedTools).toBe(1);
    expect(t.nation('bravo').tally.leaksOfSharedTools).toBe(0);
    expect(ofType(events, 'CapabilityLeaked').map((e) => e.audience)).toEqual([{ kind: 'facilitator' }]);
    expect(ofType(events, 'CapabilityAcquired').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['red'] }]);
    for (const ally of ['alpha', 'bravo', 'charlie']) expect(eventsFor(events, seat(ally)).filter((e) => e.type.includes('Leak') || e.type.includes('Acquired'))).toEqual([]);
    const after = score(t.state).nations.find((n) => n.nation === 'alpha')!;
    expect(after.parts.leaks).toBe(-6);
    expect(before.parts.leaks).toBeCloseTo(0, 10); // score parts may be -0 (weight × 0)
  });

  it('a capability the adversary already holds does not leak twice', () => {
    const { t, worm } = bravoHoldsTwoImports();
    t.resolve({ [`leak:${worm.id}`]: [0] });
    const events = t.resolve({ [`leak:${worm.id}`]: [0] });
    expect(ofType(events, 'CapabilityLeaked')).toEqual([]);
    expect(t.state.copies.filter((c) => c.holder === 'red' && c.capability === 'a-worm')).toHaveLength(1);
    expect(t.nation('alpha').tally.leaksOfSharedTools).toBe(1);
  });

  it('a patched capability does not leak', () => {
    const { t, worm } = bravoHoldsTwoImports();
    t.tweak((s) => Object.assign(s.exploits.find((e) => e.id === 'x-a-worm')!, { patched: true, freshness: 0 }));
    t.resolve({ [`leak:${worm.id}`]: [0] });
    expect(t.copyOf('red', 'a-worm')).toBeUndefined();
  });

  it('the adversary uses a leaked capability against an ally and the blame falls on its fingerprint (NotPetya)', () => {
    const { t, worm } = bravoHoldsTwoImports();
    t.resolve({ [`leak:${worm.id}`]: [0] });
    const leaked = t.copyOf('red', 'a-worm')!;
    // turn 3: WORM hits Charlie's grid (it runs common-os); success, no discovery, attributed
    const id = t.order('red', { type: 'operate', copy: leaked.id, target: 'c-net' });
    const events = t.resolve({ [`op:${id}`]: [HIT, MISS, HIT] });
    expect(t.state.incidents.at(-1)).toMatchObject({ user: 'red', victim: 'charlie', network: 'c-net', blamed: 'alpha', success: true });
    expect(t.network('c-net').effects).toEqual([{ effect: 'disrupt', turn: 3, by: 'red' }]);
    // a misattribution suffered by the origin
    const alpha = t.nation('alpha');
    expect(alpha.tally.misattributionsSuffered).toBe(1);
    expect(alpha.reputation).toBe(50 - 5 - 3);
    expect(t.nation('red').tally.misattributionsSuffered).toBe(0);
    expect(ofType(events, 'EffectAttributed')[0]).toMatchObject({ audience: { kind: 'public' }, data: { blamed: 'alpha' } });
    expect(ofType(events, 'Misattributed')).toMatchObject([{ audience: { kind: 'facilitator' }, data: { blamed: 'alpha', user: 'red' } }]);
    expect(ofType(events, 'IncidentDetected').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['charlie'] }]);
  });
});
