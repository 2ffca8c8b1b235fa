import { describe, it, expect } from 'vitest';
import { score } from '../../shared/rules/scoring.ts';
import { Table, ofType, tinyScenario } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

const national = (t: Table, nation: string) => score(t.state).nations.find((n) => n.nation === nation)!;

/** Alpha uses `copy` on `target` this turn: success, no discovery, no attribution. */
function strike(t: Table, copy = 'k-a-strike', target = 'r-net') {
  const id = t.order('alpha', { type: 'operate', copy, target });
  return t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] });
}

describe('coalition objectives', () => {
  it('an allied effect of the right kind on the network before the deadline meets the coalition objective for every ally', () => {
    const t = new Table();
    const events = strike(t);
    expect(t.state.coalition.objectivesMet).toEqual(['hit-air-defence']);
    expect(ofType(events, 'CoalitionObjectiveMet')).toMatchObject([{ audience: { kind: 'public' }, data: { objective: 'hit-air-defence' } }]);
    const s = score(t.state);
    expect(s.coalition).toMatchObject({ objectives: 20, total: 20, met: ['hit-air-defence'] });
    for (const n of s.nations) expect(n.coalition).toBe(20);
  });

  it('the deadline turn still counts', () => {
    const t = new Table();
    t.resolve();
    t.resolve();
    strike(t);
    expect(t.state.coalition.objectivesMet).toEqual(['hit-air-defence']);
  });

  it('an effect after the deadline does not meet it', () => {
    const t = new Table();
    t.resolve();
    t.resolve();
    t.resolve();
    expect(t.state.turn).toBe(4);
    strike(t);
    expect(t.network('r-net').effects).toHaveLength(1);
    expect(t.state.coalition.objectivesMet).toEqual([]);
    expect(score(t.state).coalition.total).toBe(0);
  });

  it('an effect of another kind, or a failed one, does not meet it', () => {
    const t = new Table();
    strike(t, 'k-a-worm'); // disrupt: not in [degrade, destroy]
    expect(t.state.coalition.objectivesMet).toEqual([]);
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-wiper', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [MISS, MISS, MISS] });
    expect(t.state.coalition.objectivesMet).toEqual([]);
  });

  it('legitimacy adds to the coalition score with its weight', () => {
    const t = new Table().tweak((s) => { s.coalition.legitimacy = 4; });
    expect(score(t.state).coalition.total).toBe(4 * 0.5);
  });
});

describe('private objectives', () => {
  it('keepFresh is met if the exploit is still above the threshold on the turn named, and only its nation is told', () => {
    const t = new Table();
    for (let turn = 1; turn <= 3; turn++) t.resolve();
    expect(t.state.objectivesMet).toEqual([]);
    const events = t.resolve();
    expect(t.freshness('a-strike')).toBe(92);
    expect(t.state.objectivesMet).toEqual([{ nation: 'alpha', objective: 'keep-strike', turn: 4 }]);
    expect(ofType(events, 'ObjectiveMet').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha'] }]);
    expect(national(t, 'alpha').parts.objectives).toBe(10);
  });

  it('keepFresh fails if the exploit was burned below the threshold', () => {
    const t = new Table();
    t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-hq' });
    t.resolve();
    expect(t.freshness('a-strike')).toBe(100 - 24 - 32 - 2);
    for (let turn = 2; turn <= 4; turn++) t.resolve();
    expect(t.state.objectivesMet.filter((m) => m.nation === 'alpha')).toEqual([]);
  });

  it('noAttribution and intelAtLeast are judged at the end of the last turn', () => {
    const t = new Table().tweak((s) => { s.nations.find((n) => n.id === 'charlie')!.intel = 3; });
    for (let turn = 1; turn <= 4; turn++) t.resolve();
    expect(t.state.objectivesMet.filter((m) => m.nation !== 'alpha')).toEqual([]);
    t.resolve();
    expect(t.state.objectivesMet.filter((m) => m.nation !== 'alpha')).toEqual([
      { nation: 'bravo', objective: 'bravo-quiet', turn: 5 },
      { nation: 'charlie', objective: 'charlie-intel', turn: 5 },
    ]);
  });

  it("noAttribution fails once one of the nation's own effects was attributed to it", () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo', { watermark: true });
    const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
    t.resolve({ [`op:${id}`]: [HIT, MISS, HIT] });
    expect(t.state.incidents[0]).toMatchObject({ user: 'bravo', blamed: 'bravo', kind: 'effect' });
    for (let turn = 3; turn <= 5; turn++) t.resolve();
    expect(t.state.objectivesMet.some((m) => m.nation === 'bravo')).toBe(false);
  });

  it('an attributed espionage intrusion does not break noAttribution: it is about effects', () => {
    const t = new Table();
    const id = t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
    // success, pick, discovered (< 0.06), attributed (< 0.08)
    t.resolve({ [`op:${id}`]: [HIT, 0, 0.01, 0.01] });
    expect(t.state.incidents[0]).toMatchObject({ user: 'bravo', blamed: 'bravo', kind: 'espionage' });
    for (let turn = 2; turn <= 5; turn++) t.resolve();
    expect(t.state.objectivesMet.some((m) => m.nation === 'bravo' && m.objective === 'bravo-quiet')).toBe(true);
  });

  it("being blamed for someone else's effect does not break noAttribution", () => {
    const t = new Table();
    // Bravo's plain (unwatermarked) copy of WORM carries Alpha's fingerprint; give Alpha a noAttribution objective
    t.tweak((s) => { s.rules.privateObjectives.find((p) => p.nation === 'alpha')!.objectives.push({ type: 'noAttribution', id: 'alpha-quiet', text: 'Quiet.', points: 1 }); });
    const copy = t.give('alpha', 'k-a-worm', 'bravo');
    const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
    t.resolve({ [`op:${id}`]: [HIT, MISS, HIT] });
    expect(t.state.incidents[0]).toMatchObject({ user: 'bravo', blamed: 'alpha', kind: 'effect' });
    expect(t.nation('alpha').tally.misattributionsSuffered).toBe(1);
    for (let turn = 3; turn <= 5; turn++) t.resolve();
    expect(t.state.objectivesMet.some((m) => m.nation === 'alpha' && m.objective === 'alpha-quiet')).toBe(true);
  });
});

describe('score', () => {
  it('each misattribution suffered, leak of a shared tool and end-use violation costs its weight', () => {
    const t = new Table();
    const before = national(t, 'bravo').national;
    t.tweak((s) => { s.nations.find((n) => n.id === 'bravo')!.tally.misattributionsSuffered = 1; });
    expect(national(t, 'bravo').national).toBeCloseTo(before - 4, 5);
    t.tweak((s) => { s.nations.find((n) => n.id === 'bravo')!.tally.leaksOfSharedTools = 2; });
    expect(national(t, 'bravo').national).toBeCloseTo(before - 4 - 12, 5);
    t.tweak((s) => { s.nations.find((n) => n.id === 'bravo')!.tally.endUseViolations = 1; });
    expect(national(t, 'bravo').national).toBeCloseTo(before - 4 - 12 - 5, 5);
    expect(national(t, 'bravo').parts).toMatchObject({ misattributions: -4, leaks: -12, endUseViolations: -5 });
  });

  it('the national score is the weighted sum of its parts, and the total adds the coalition score', () => {
    const t = new Table(tinyScenario((s) => { s.weights = { reputation: 1, intel: 2, influence: 3, covertBonus: 5 }; }));
    t.tweak((s) => {
      const alpha = s.nations.find((n) => n.id === 'alpha')!;
      Object.assign(alpha, { reputation: 57, intel: 3, influence: 2 });
      alpha.tally.covertBonus = 2;
      s.coalition.legitimacy = 2;
    });
    const alpha = national(t, 'alpha');
    expect(alpha.parts).toMatchObject({ reputation: 7, intel: 6, influence: 6, covertBonus: 10 });
    expect(alpha.national).toBeCloseTo(Object.values(alpha.parts).reduce((a, b) => a + b, 0), 5);
    expect(alpha.coalition).toBe(1);
    expect(alpha.total).toBeCloseTo(alpha.national + 1, 5);
  });

  it('uptime earns availability points every turn', () => {
    const t = new Table();
    t.resolve();
    t.resolve();
    expect(t.nation('alpha').tally.availabilityPoints).toBe(2);
    expect(national(t, 'alpha').parts.availability).toBe(2);
  });

  it('only allies are scored', () => {
    const t = new Table();
    expect(score(t.state).nations.map((n) => n.nation)).toEqual(['alpha', 'bravo', 'charlie']);
  });
});
