import { describe, it, expect } from 'vitest';
import { burnPerUse, successChance } from '../../shared/rules/operate.ts';
import { Table, ofType, tinyScenario } from '../fixtures/tiny-scenario.ts';

/** Rolls of an `op:<order>` stream, in the order executeOperation consumes them. */
const HIT = 0; // success (or discovery, or attribution) roll that always passes
const MISS = 0.99; // … that always fails

describe('operate: burn', () => {
  it.each([
    // capability, target (sophistication), base × (0.6 + 0.2 × soph)
    ['a-spy', 'r-net', 5 * (0.6 + 0.2 * 3)], // espionage
    ['a-strike', 'r-net', 20 * (0.6 + 0.2 * 3)], // effect
    ['a-wiper', 'r-net', 30 * (0.6 + 0.2 * 3)], // destroy
    ['a-strike', 'r-hq', 20 * (0.6 + 0.2 * 5)], // effect on a sophistication-5 target
  ])('a use of %s against %s burns base(kind) × (0.6 + 0.2 × sophistication) of freshness', (cap, target, burn) => {
    const t = new Table();
    const id = t.order('alpha', { type: 'operate', copy: `k-${cap}`, target });
    const events = t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] });
    const resolved = ofType(events, 'OperationResolved')[0];
    expect(resolved?.data?.freshness).toBeCloseTo(100 - burn, 5);
    // then the passive decay of 2 at the end of the turn
    expect(t.freshness(cap)).toBeCloseTo(100 - burn - 2, 5);
    expect(t.exploitOf(cap).uses).toBe(1);
  });

  it('burnPerUse reads its bases and factors from the scenario tunables', () => {
    const t = new Table(tinyScenario((s) => { s.tunables = { burnBase: { espionage: 1, effect: 10, destroy: 100 }, burnSophBase: 1, burnSophPer: 0.5 }; }));
    expect(burnPerUse(t.state, 'espionage', null, 2)).toBe(2);
    expect(burnPerUse(t.state, 'effect', 'degrade', 2)).toBe(20);
    expect(burnPerUse(t.state, 'effect', 'destroy', 2)).toBe(200);
  });

  it('a failed use burns as much as a successful one', () => {
    const ok = new Table();
    ok.resolve({ [`op:${ok.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' })}`]: [HIT, MISS, MISS] });
    const failed = new Table();
    const events = failed.resolve({ [`op:${failed.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' })}`]: [MISS, MISS, MISS] });
    expect(ofType(events, 'OperationResolved')[0]?.data?.success).toBe(false);
    expect(failed.freshness('a-strike')).toBe(ok.freshness('a-strike'));
    expect(failed.freshness('a-strike')).toBe(100 - 24 - 2);
  });

  it('several targets in one turn burn once per use', () => {
    const t = new Table();
    t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-hq' });
    t.resolve();
    expect(t.freshness('a-strike')).toBeCloseTo(100 - 24 - 32 - 2, 5);
    expect(t.exploitOf('a-strike').uses).toBe(2);
  });
});

describe('operate: success', () => {
  it('success chance rises with freshness and power and falls with sophistication and hardening', () => {
    const base = successChance(80, 3, 3, 0, false);
    expect(successChance(100, 3, 3, 0, false)).toBeGreaterThan(base);
    expect(successChance(80, 4, 3, 0, false)).toBeGreaterThan(base);
    expect(successChance(80, 3, 4, 0, false)).toBeLessThan(base);
    expect(successChance(80, 3, 3, 1, false)).toBeLessThan(base);
    expect(successChance(80, 3, 3, 0, true)).toBeLessThan(base);
    // never certain, never hopeless
    expect(successChance(100, 5, 1, 0, false)).toBe(0.95);
    expect(successChance(0, 1, 5, 3, true)).toBe(0.05);
  });

  it('a hardened target turns a roll that would have succeeded into a failure', () => {
    // STRIKE (power 3, fresh) on r-net (soph 3): 0.7 unhardened, 0.5 at hardening 2.
    const run = (hardening: number) => {
      const t = new Table().tweak((s) => { s.networks.find((n) => n.id === 'r-net')!.hardening = hardening; });
      const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
      return ofType(t.resolve({ [`op:${id}`]: [0.6, MISS, MISS] }), 'OperationResolved')[0]?.data?.success;
    };
    expect(run(0)).toBe(true);
    expect(run(2)).toBe(false);
  });

  it('a successful effect takes availability off the target: effectDamage × power / 3', () => {
    const t = new Table(tinyScenario((s) => { s.tunables = { recovery: 0 }; }));
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] });
    expect(t.network('r-net').availability).toBe(100 - (20 * 3) / 3);
    expect(t.network('r-net').effects).toEqual([{ effect: 'degrade', turn: 1, by: 'alpha' }]);
  });

  it('a failed effect does no damage', () => {
    const t = new Table(tinyScenario((s) => { s.tunables = { recovery: 0 }; }));
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-wiper', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [MISS, MISS, MISS] });
    expect(t.network('r-net').availability).toBe(100);
    expect(t.network('r-net').effects).toEqual([]);
  });

  it('successful espionage plants a hidden implant, grants intel equal to its power and reveals a vulnerability of the target', () => {
    const t = new Table();
    const id = t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
    // success, pick the first unknown software of r-net (bravo knows only red-db), no discovery
    t.resolve({ [`op:${id}`]: [HIT, 0, MISS] });
    expect(t.nation('bravo').intel).toBe(2 + 2);
    expect(t.nation('bravo').knownVulns).toEqual(['red-db', 'red-os']);
    expect(t.state.implants).toEqual([{ id: expect.any(String), owner: 'bravo', network: 'r-net', exploit: 'x-b-probe', planted: 1, discovered: false }]);
  });

  it('failed espionage plants nothing and grants no intel', () => {
    const t = new Table();
    const id = t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [MISS, MISS] });
    expect(t.nation('bravo').intel).toBe(2);
    expect(t.state.implants).toEqual([]);
  });

  it('an undiscovered intrusion goes unnoticed: no alert to the victim and no attribution roll', () => {
    const t = new Table();
    const id = t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
    // success, pick, no discovery; an attribution roll, if one were made, would succeed
    const events = t.resolve({ [`op:${id}`]: [HIT, 0, MISS, HIT] });
    expect(ofType(events, 'IncidentDetected')).toEqual([]);
    expect(t.state.incidents[0]).toMatchObject({ user: 'bravo', victim: 'red', noticed: false, blamed: null, success: true });
  });

  it('an effect is always noticed by its victim, even when it fails', () => {
    const t = new Table();
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    const events = t.resolve({ [`op:${id}`]: [MISS, MISS, MISS] });
    const detected = ofType(events, 'IncidentDetected');
    expect(detected).toHaveLength(1);
    expect(detected[0]?.audience).toEqual({ kind: 'seats', seats: ['red'] });
    expect(detected[0]?.data).toMatchObject({ network: 'r-net', success: false });
  });

  it('the target must run the software the capability exploits', () => {
    const t = new Table();
    const r = t.submit('alpha', { type: 'order', order: { type: 'operate', copy: 'k-a-wiper', target: 'r-hq' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-vulnerable' } });
    expect(r.ok ? '' : r.error.message).toContain('WIPER');
  });

  it('allies target the adversary only, and the adversary targets allies only', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'operate', copy: 'k-a-strike', target: 'b-net' } })).toMatchObject({ ok: false, error: { code: 'allied-target' } });
    expect(t.submit('red', { type: 'order', order: { type: 'operate', copy: 'k-r-hit', target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'own-network' } });
    expect(t.submit('red', { type: 'order', order: { type: 'operate', copy: 'k-r-hit', target: 'b-net' } })).toMatchObject({ ok: true });
  });

  it('an adversary effect on an ally lowers its availability and alerts only the victim', () => {
    const t = new Table(tinyScenario((s) => { s.tunables = { recovery: 0 }; }));
    const id = t.order('red', { type: 'operate', copy: 'k-r-hit', target: 'b-net' });
    const events = t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] });
    expect(t.network('b-net').availability).toBe(100 - 10);
    expect(ofType(events, 'IncidentDetected').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['bravo'] }]);
  });

  it('an operation whose copy burned before resolution lapses without a roll', () => {
    const t = new Table();
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.tweak((s) => { s.exploits.find((e) => e.id === 'x-a-strike')!.freshness = 0; });
    const events = t.resolve({ [`op:${id}`]: [HIT, HIT, HIT] });
    expect(ofType(events, 'OrderLapsed').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha'] }]);
    expect(t.state.incidents).toEqual([]);
    expect(t.exploitOf('a-strike').uses).toBe(0);
  });
});
