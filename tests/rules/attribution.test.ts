import { describe, it, expect } from 'vitest';
import { attributionChance } from '../../shared/rules/attribution.ts';
import { Table, ofType } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

/** Bravo receives STRIKE from Alpha in turn 1 and uses it on r-net in turn 2: success, no discovery, attribution roll `attribution`. */
function bravoStrikesWithAlphasTool(terms: Record<string, unknown>, attribution: number) {
  const t = new Table();
  const copy = t.give('alpha', 'k-a-strike', 'bravo', terms);
  const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
  const events = t.resolve({ [`op:${id}`]: [HIT, MISS, attribution] });
  return { t, events, incident: t.state.incidents[0]! };
}

describe('attribution', () => {
  it('attribution chance = base(kind) × (1 + 0.2 × sophistication) × (1 + 0.1 × (holders − 1))', () => {
    const t = new Table();
    expect(attributionChance(t.state, 'effect', 3, 1)).toBeCloseTo(0.25 * 1.6, 10);
    expect(attributionChance(t.state, 'effect', 3, 3)).toBeCloseTo(0.25 * 1.6 * 1.2, 10);
    expect(attributionChance(t.state, 'espionage', 5, 1)).toBeCloseTo(0.05 * 2, 10);
    expect(attributionChance(t.state, 'effect', 5, 100)).toBe(1);
  });

  it('each extra holder makes an attribution likelier', () => {
    // 0.42 lies between 0.40 (STRIKE held by Alpha alone) and 0.44 (held by Alpha and Bravo)
    const alone = new Table();
    const a = alone.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    alone.resolve({ [`op:${a}`]: [HIT, MISS, 0.42] });
    expect(alone.state.incidents[0]?.blamed).toBeNull();

    const shared = new Table();
    shared.give('alpha', 'k-a-strike', 'bravo');
    const b = shared.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    shared.resolve({ [`op:${b}`]: [HIT, MISS, 0.42] });
    expect(shared.state.incidents[0]?.blamed).toBe('alpha');
  });

  it("blame falls on the capability's fingerprint, its origin, not on the importer who used it", () => {
    const { t, events, incident } = bravoStrikesWithAlphasTool({}, HIT);
    expect(incident).toMatchObject({ user: 'bravo', blamed: 'alpha' });
    const attributed = ofType(events, 'EffectAttributed');
    expect(attributed).toHaveLength(1);
    expect(attributed[0]?.audience).toEqual({ kind: 'public' });
    expect(attributed[0]?.data).toMatchObject({ blamed: 'alpha' });
    expect(attributed[0]?.text).toContain('Alpha');
    // Nobody ordered it: the event says it is the rules' automatic attribution, by the victim's defenders.
    expect(attributed[0]?.text).toMatch(/^Automatic attribution by .+'s network defenders: /);
    expect(t.nation('bravo').reputation).toBe(50);
  });

  it('blamed ≠ user is a misattribution counted against the blamed nation and told to the facilitator only', () => {
    const { t, events } = bravoStrikesWithAlphasTool({}, HIT);
    const alpha = t.nation('alpha');
    expect(alpha.tally.misattributionsSuffered).toBe(1);
    expect(alpha.tally.attributedEffects).toBe(1);
    expect(alpha.reputation).toBe(50 - 5 - 3);
    expect(t.nation('bravo').tally.misattributionsSuffered).toBe(0);
    const mis = ofType(events, 'Misattributed');
    expect(mis).toHaveLength(1);
    expect(mis[0]?.audience).toEqual({ kind: 'facilitator' });
    expect(mis[0]?.data).toMatchObject({ blamed: 'alpha', user: 'bravo' });
  });

  it("a watermark moves the blame to the importer: no misattribution, and the coalition gains legitimacy", () => {
    const { t, events, incident } = bravoStrikesWithAlphasTool({ watermark: true }, HIT);
    expect(incident.blamed).toBe('bravo');
    expect(t.nation('bravo').reputation).toBe(50 - 5);
    expect(t.nation('alpha').reputation).toBe(50);
    expect(t.nation('alpha').tally.misattributionsSuffered).toBe(0);
    expect(ofType(events, 'Misattributed')).toEqual([]);
    expect(t.state.coalition.legitimacy).toBe(1);
  });

  it('an unattributed use of a plain import earns no legitimacy', () => {
    const { t, incident } = bravoStrikesWithAlphasTool({}, MISS);
    expect(incident.blamed).toBeNull();
    expect(t.state.coalition.legitimacy).toBe(0);
  });

  it('an ally blamed for an attack on the adversary draws retaliation', () => {
    const t = new Table();
    const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [HIT, MISS, HIT] });
    expect(t.state.grievances).toEqual([{ nation: 'alpha', value: 2 }]);
  });

  describe('the covert bonus goes only to unattributed, non-watermarked, successful effects', () => {
    it('own effect, unattributed: bonus', () => {
      const t = new Table();
      const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
      t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] });
      expect(t.nation('alpha').tally.covertBonus).toBe(1);
    });
    it('own effect, attributed: no bonus', () => {
      const t = new Table();
      const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
      t.resolve({ [`op:${id}`]: [HIT, MISS, HIT] });
      expect(t.nation('alpha').tally.covertBonus).toBe(0);
    });
    it('watermarked import, unattributed: no bonus', () => {
      const { t, incident } = bravoStrikesWithAlphasTool({ watermark: true }, MISS);
      expect(incident.blamed).toBeNull();
      expect(t.nation('bravo').tally.covertBonus).toBe(0);
    });
    it('plain import, unattributed: bonus to the user', () => {
      const { t } = bravoStrikesWithAlphasTool({}, MISS);
      expect(t.nation('bravo').tally.covertBonus).toBe(1);
      expect(t.nation('alpha').tally.covertBonus).toBe(0);
    });
    it('failed effect: no bonus', () => {
      const t = new Table();
      const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
      t.resolve({ [`op:${id}`]: [MISS, MISS, MISS] });
      expect(t.nation('alpha').tally.covertBonus).toBe(0);
    });
    it('espionage: no bonus', () => {
      const t = new Table();
      const id = t.order('alpha', { type: 'operate', copy: 'k-a-spy', target: 'r-net' });
      t.resolve({ [`op:${id}`]: [HIT, MISS] });
      expect(t.state.implants).toHaveLength(1);
      expect(t.nation('alpha').tally.covertBonus).toBe(0);
    });
  });
});

describe('public attribution', () => {
  /** Red hits Alpha's network in turn 1 (noticed, not attributed); returns the table in turn 2 and the incident id. */
  function alphaWasHit() {
    const t = new Table();
    const id = t.order('red', { type: 'operate', copy: 'k-r-hit', target: 'a-net' });
    t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] });
    const incident = t.state.incidents[0]!;
    expect(incident).toMatchObject({ victim: 'alpha', user: 'red', noticed: true, blamed: null });
    return { t, incident: incident.id };
  }

  it('a right public attribution raises the accuser\'s reputation, pressures the culprit and costs intel', () => {
    const { t, incident } = alphaWasHit();
    t.order('alpha', { type: 'attribute', incident, accused: 'red' });
    const events = t.resolve();
    const alpha = t.nation('alpha');
    expect(alpha.intel).toBe(4 - 2);
    expect(alpha.reputation).toBe(50 + 5);
    expect(alpha.tally.publicAttributionsRight).toBe(1);
    expect(t.nation('red').reputation).toBe(50 - 5);
    expect(t.state.incidents[0]?.publiclyAttributed).toBe(true);
    expect(ofType(events, 'PubliclyAttributed')[0]?.audience).toEqual({ kind: 'public' });
    expect(ofType(events, 'AttributionJudged')[0]).toMatchObject({ audience: { kind: 'seats', seats: ['alpha'] }, data: { right: true } });
    expect(ofType(events, 'AttributionTruth')[0]?.audience).toEqual({ kind: 'facilitator' });
  });

  it('a wrong public attribution lowers the accuser\'s reputation and still costs intel', () => {
    const { t, incident } = alphaWasHit();
    t.order('alpha', { type: 'attribute', incident, accused: 'bravo' });
    const events = t.resolve();
    const alpha = t.nation('alpha');
    expect(alpha.intel).toBe(4 - 2);
    expect(alpha.reputation).toBe(50 - 8);
    expect(alpha.tally.publicAttributionsWrong).toBe(1);
    expect(alpha.tally.publicAttributionsRight).toBe(0);
    expect(t.nation('bravo').reputation).toBe(50);
    expect(ofType(events, 'AttributionJudged')[0]?.data).toMatchObject({ right: false });
  });

  it('an incident can be attributed publicly only once', () => {
    const { t, incident } = alphaWasHit();
    t.order('alpha', { type: 'attribute', incident, accused: 'red' });
    t.resolve();
    expect(t.submit('alpha', { type: 'order', order: { type: 'attribute', incident, accused: 'red' } })).toMatchObject({ ok: false, error: { code: 'already-attributed' } });
  });

  it('a seat can only attribute incidents it knows of, needs the intel, and cannot accuse itself', () => {
    const { t, incident } = alphaWasHit();
    expect(t.submit('charlie', { type: 'order', order: { type: 'attribute', incident, accused: 'red' } })).toMatchObject({ ok: false, error: { code: 'unknown-incident' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'attribute', incident, accused: 'alpha' } })).toMatchObject({ ok: false, error: { code: 'self-accusation' } });
    t.tweak((s) => { s.nations.find((n) => n.id === 'alpha')!.intel = 1; });
    expect(t.submit('alpha', { type: 'order', order: { type: 'attribute', incident, accused: 'red' } })).toMatchObject({ ok: false, error: { code: 'not-enough-intel' } });
  });
});
