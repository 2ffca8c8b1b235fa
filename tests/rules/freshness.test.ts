import { describe, it, expect } from 'vitest';
import { viewOf } from '../../shared/rules/fog.ts';
import { Table, ofType, seat, tinyScenario } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

const arsenalFreshness = (t: Table, viewer: string, capability: string) =>
  viewOf(t.state, t.drafts, seat(viewer)).me?.arsenal.find((a) => a.capability === capability)?.freshness;

describe('freshness', () => {
  it("one holder's use burns every copy of the exploit", () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo');
    expect(t.freshness('a-strike')).toBe(98);
    const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
    t.resolve({ [`op:${id}`]: [MISS, MISS, MISS] });
    expect(t.freshness('a-strike')).toBe(98 - 24 - 2);
    expect(arsenalFreshness(t, 'alpha', 'a-strike')).toBe(72);
    expect(arsenalFreshness(t, 'bravo', 'a-strike')).toBe(72);
  });

  it('a discovered exploit is patched for every holder after the lag', () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo');
    // turn 2: Alpha's use is discovered (0.2 < 0.35 × 3 / 5 = 0.21)
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    const t2 = t.resolve({ [`op:${id}`]: [MISS, 0.2, MISS] });
    expect(t.exploitOf('a-strike')).toMatchObject({ discovered: true, patched: false, patchDue: 3 });
    expect(t.freshness('a-strike')).toBe(72);
    expect(ofType(t2, 'ExploitDiscovered').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['red'] }]);
    expect(ofType(t2, 'ExploitDiscoveredTruth').map((e) => e.audience)).toEqual([{ kind: 'facilitator' }]);
    expect(ofType(t2, 'VulnerabilityPatched')).toEqual([]);
    // bravo can still order a use during the lag
    expect(t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-hq' } })).toMatchObject({ ok: true });
    // turn 3: the patch is published
    const t3 = t.resolve({ '*': [MISS] });
    expect(t.exploitOf('a-strike')).toMatchObject({ patched: true, freshness: 0 });
    expect(ofType(t3, 'VulnerabilityPatched').map((e) => e.audience)).toEqual([{ kind: 'public' }]);
    expect(ofType(t3, 'ExploitPatched').map((e) => e.audience)).toEqual([
      { kind: 'seats', seats: ['alpha'] },
      { kind: 'seats', seats: ['bravo'] },
    ]);
    // turn 4: nobody can use it any more
    for (const [who, c] of [['alpha', 'k-a-strike'], ['bravo', copy.id]] as const) {
      expect(t.submit(who, { type: 'order', order: { type: 'operate', copy: c, target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'exploit-burned' } });
    }
  });

  it('the patch lag is a tunable: with lag 0 the patch comes in the same resolution', () => {
    const t = new Table(tinyScenario((s) => { s.tunables = { patchLag: 0 }; }));
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [MISS, HIT, MISS] });
    expect(t.exploitOf('a-strike')).toMatchObject({ patched: true, freshness: 0 });
  });

  it('a patch fixes the vulnerability: every exploit of it is burned, not only the one discovered', () => {
    const t = new Table();
    // STRIKE and LOOKOUT are two exploits of the same vulnerability, red-os
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [MISS, HIT, MISS] });
    const events = t.resolve();
    expect(t.exploitOf('a-spy')).toMatchObject({ patched: true, freshness: 0 });
    expect(t.exploitOf('a-wiper').patched).toBe(false);
    expect(t.submit('alpha', { type: 'order', order: { type: 'operate', copy: 'k-a-spy', target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'exploit-burned' } });
    expect(ofType(events, 'VulnerabilityPatched')).toHaveLength(1);
    const patched = ofType(events, 'ExploitPatched').flatMap((e) => (e.data?.capabilities as string[]) ?? []);
    expect(patched.sort()).toEqual(['a-spy', 'a-strike']);
  });

  it("a tailored capability shares no freshness with the exporter's arsenal", () => {
    const t = new Table();
    const tailor = t.order('alpha', { type: 'tailor', for: 'bravo', vuln: 'red-db', kind: 'effect', effect: 'degrade', power: 2 });
    t.answer('bravo', tailor, true);
    t.resolve();
    t.resolve();
    t.resolve(); // due after turn 3: max(1, 2 + 2 − 4) + 1 = 2 turns
    const copy = t.state.copies.find((c) => c.holder === 'bravo' && c.from === 'alpha');
    expect(copy).toBeDefined();
    const cap = t.state.capabilities.find((c) => c.id === copy!.capability)!;
    expect(cap.exploit).not.toBe(t.exploitOf('a-wiper').id);
    const wiperBefore = t.freshness('a-wiper');
    const id = t.order('bravo', { type: 'operate', copy: copy!.id, target: 'r-net' });
    t.resolve({ [`op:${id}`]: [MISS, MISS, MISS] });
    expect(t.state.exploits.find((e) => e.id === cap.exploit)?.freshness).toBe(100 - 24 - 2);
    expect(t.freshness('a-wiper')).toBe(wiperBefore - 2);
  });

  it('every exploit decays each turn, down to 0 and no further', () => {
    const t = new Table();
    t.tweak((s) => { s.exploits.find((e) => e.id === 'x-a-worm')!.freshness = 3; });
    t.resolve();
    expect(t.state.exploits.map((e) => [e.id, e.freshness])).toEqual([
      ['x-a-strike', 98],
      ['x-a-spy', 98],
      ['x-a-wiper', 98],
      ['x-a-worm', 1],
      ['x-b-probe', 98],
      ['x-r-spy', 98],
      ['x-r-hit', 98],
    ]);
    t.resolve();
    expect(t.freshness('a-worm')).toBe(0);
    expect(t.freshness('a-strike')).toBe(96);
  });

  it('the decay is a tunable', () => {
    const t = new Table(tinyScenario((s) => { s.tunables = { decay: 7 }; }));
    t.resolve();
    expect(t.freshness('a-strike')).toBe(93);
  });
});

describe('deconfliction', () => {
  /** Turn 1: Alpha and Bravo each plant an implant on r-net. Returns the table in turn 2 and the implant ids. */
  function twoImplants() {
    const t = new Table();
    const a = t.order('alpha', { type: 'operate', copy: 'k-a-spy', target: 'r-net' });
    const b = t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
    t.resolve({ [`op:${a}`]: [HIT, MISS], [`op:${b}`]: [HIT, 0, MISS] });
    const alpha = t.state.implants.find((i) => i.owner === 'alpha')!;
    const bravo = t.state.implants.find((i) => i.owner === 'bravo')!;
    expect([alpha.discovered, bravo.discovered]).toEqual([false, false]);
    return { t, alpha: alpha.id, bravo: bravo.id };
  }

  it("two allies' implants on one target raise its chance of being found", () => {
    const { t, alpha, bravo } = twoImplants();
    const events = t.resolve({ [`deconfliction:${alpha}`]: [0.1], [`deconfliction:${bravo}`]: [0.2] });
    // risk 0.15: the first roll finds Alpha's implant, the second misses Bravo's
    expect(t.state.implants.find((i) => i.id === alpha)?.discovered).toBe(true);
    expect(t.state.implants.find((i) => i.id === bravo)?.discovered).toBe(false);
    expect(t.exploitOf('a-spy').discovered).toBe(true);
    expect(ofType(events, 'ImplantLost').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha'] }]);
  });

  it('one ally alone on a target runs no deconfliction risk', () => {
    const t = new Table();
    const a = t.order('alpha', { type: 'operate', copy: 'k-a-spy', target: 'r-net' });
    t.resolve({ [`op:${a}`]: [HIT, MISS] });
    t.resolve({}, 0);
    expect(t.state.implants[0]?.discovered).toBe(false);
  });

  it('two allies who shared intel about the network are deconflicted', () => {
    const { t, alpha, bravo } = twoImplants();
    t.order('alpha', { type: 'shareIntel', to: 'bravo', network: 'r-net' });
    const events = t.resolve({ [`deconfliction:${alpha}`]: [0], [`deconfliction:${bravo}`]: [0] });
    expect(t.state.implants.map((i) => i.discovered)).toEqual([false, false]);
    expect(t.state.deconflicted).toEqual([{ a: 'alpha', b: 'bravo', network: 'r-net' }]);
    expect(ofType(events, 'IntelShared').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha', 'bravo'] }]);
    expect(t.nation('bravo').intel).toBe(2 + 2 + 1);
  });
});
