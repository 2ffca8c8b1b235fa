import { describe, it, expect } from 'vitest';
import { effectiveSophistication, trustBetween } from '../../shared/rules/access.ts';
import { viewOf } from '../../shared/rules/fog.ts';
import { capacityLeft, capacityThisTurn } from '../../shared/rules/inputs.ts';
import { requestsOf } from '../../shared/rules/requests.ts';
import { Table, ofType, seat, tinyScenario } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

/** Turn 1: Alpha's team deploys to Bravo for 2 turns, and Red plants NEEDLE on Bravo's port (after the hunt). */
function alphaHuntsInBravo(t = new Table()) {
  const hunt = t.order('alpha', { type: 'huntForward', host: 'bravo' });
  t.answer('bravo', hunt, true);
  const op = t.order('red', { type: 'operate', copy: 'k-r-spy', target: 'b-net' });
  const events = t.resolve({ [`op:${op}`]: [HIT, MISS] });
  const mission = t.state.missions[0]!;
  const implant = t.state.implants.find((i) => i.owner === 'red')!;
  expect(implant).toMatchObject({ network: 'b-net', discovered: false });
  return { t, mission: mission.id, implant: implant.id, events };
}

describe('hunt-forward', () => {
  it("a team deploys only when the host accepts", () => {
    for (const answer of [true, false, null] as const) {
      const t = new Table();
      const id = t.order('alpha', { type: 'huntForward', host: 'bravo' });
      expect(requestsOf(t.state, t.drafts)).toMatchObject([{ kind: 'huntForward', from: 'alpha', to: 'bravo', details: { hunter: 'alpha', turns: 2 } }]);
      if (answer !== null) t.answer('bravo', id, answer);
      const events = t.resolve();
      expect(t.state.missions.length, `answer ${answer}`).toBe(answer === true ? 1 : 0);
      expect(ofType(events, 'HuntForwardDeployed').map((e) => e.audience)).toEqual(answer === true ? [{ kind: 'public' }] : []);
      expect(ofType(events, 'OfferDeclined').map((e) => e.audience)).toEqual(answer === true ? [] : [{ kind: 'seats', seats: ['alpha'] }]);
    }
  });

  it('a deployed mission records hunter, host and the turns away, and raises their trust', () => {
    const t = new Table();
    t.answer('bravo', t.order('alpha', { type: 'huntForward', host: 'bravo', turns: 3 }), true);
    t.resolve();
    expect(t.state.missions).toEqual([{ id: expect.any(String), hunter: 'alpha', host: 'bravo', started: 1, until: 3, findings: [] }]);
    expect(trustBetween(t.state, 'alpha', 'bravo')).toBe(75);
  });

  it("an invitation deploys the invited hunter's team when the hunter accepts, and the hunter pays", () => {
    for (const answer of [true, false, null] as const) {
      const t = new Table();
      const id = t.order('bravo', { type: 'inviteHunt', hunter: 'alpha' });
      expect(capacityLeft(t.state, t.drafts, 'bravo')).toBe(4); // the invitation is free
      expect(requestsOf(t.state, t.drafts)).toMatchObject([{ kind: 'huntInvitation', from: 'bravo', to: 'alpha', details: { host: 'bravo' } }]);
      if (answer !== null) t.answer('alpha', id, answer);
      expect(capacityLeft(t.state, t.drafts, 'alpha')).toBe(answer === true ? 6 - 2 : 6);
      t.resolve();
      expect(t.state.missions.map((m) => [m.hunter, m.host]), `answer ${answer}`).toEqual(answer === true ? [['alpha', 'bravo']] : []);
    }
  });

  it('a hunter without the capacity for the team cannot accept an invitation', () => {
    const t = new Table();
    const id = t.order('bravo', { type: 'inviteHunt', hunter: 'charlie' });
    t.order('charlie', { type: 'defend', network: 'c-net', action: 'harden' });
    t.order('charlie', { type: 'defend', network: 'c-net', action: 'harden' });
    const before = structuredClone({ state: t.state, drafts: t.drafts });
    expect(t.submit('charlie', { type: 'answer', request: `rq-${id}`, accept: true })).toMatchObject({ ok: false, error: { code: 'not-enough-capacity' } });
    expect({ state: t.state, drafts: t.drafts }).toEqual(before);
  });

  it('hunt-forward is between two allies, never at home, one team per pair at a time', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'huntForward', host: 'red' } })).toMatchObject({ ok: false, error: { code: 'not-an-ally' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'huntForward', host: 'alpha' } })).toMatchObject({ ok: false, error: { code: 'hunt-at-home' } });
    expect(t.submit('red', { type: 'order', order: { type: 'huntForward', host: 'bravo' } })).toMatchObject({ ok: false, error: { code: 'not-for-adversary' } });
    alphaHuntsInBravo(t);
    expect(t.submit('alpha', { type: 'order', order: { type: 'huntForward', host: 'bravo' } })).toMatchObject({ ok: false, error: { code: 'already-hunting' } });
    expect(t.submit('bravo', { type: 'order', order: { type: 'inviteHunt', hunter: 'alpha' } })).toMatchObject({ ok: false, error: { code: 'already-hunting' } });
  });

  it('crossing offers are refused: a seat invited by a partner accepts the invitation instead of offering a team back', () => {
    const t = new Table();
    t.order('bravo', { type: 'inviteHunt', hunter: 'alpha' });
    expect(t.submit('alpha', { type: 'order', order: { type: 'huntForward', host: 'bravo' } })).toMatchObject({ ok: false, error: { code: 'crossing-hunt' } });
    const u = new Table();
    u.order('alpha', { type: 'huntForward', host: 'bravo' });
    expect(u.submit('bravo', { type: 'order', order: { type: 'inviteHunt', hunter: 'alpha' } })).toMatchObject({ ok: false, error: { code: 'crossing-hunt' } });
  });

  it('a deployed team finds and removes adversary implants and exposes the exploit behind them; both nations gain intel', () => {
    const { t, mission, implant } = alphaHuntsInBravo();
    const freshness = t.freshness('r-spy');
    const events = t.resolve({ [`hunt:${mission}`]: [HIT] });
    expect(t.state.implants.find((i) => i.id === implant)?.discovered).toBe(true);
    expect(t.state.missions[0]?.findings).toEqual([{ turn: 2, implant, network: 'b-net', exploit: 'x-r-spy' }]);
    expect(t.freshness('r-spy')).toBe(freshness - 50 - 2);
    expect(t.nation('alpha').intel).toBe(4 + 2);
    expect(t.nation('bravo').intel).toBe(2 + 2);
    expect(t.nation('alpha').knownVulns).toContain('ally-os');
    const report = ofType(events, 'HuntReported');
    expect(report.map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha', 'bravo'] }]);
    expect(report[0]?.data).toMatchObject({ found: 1 });
    // both see the findings; a third ally does not
    expect(viewOf(t.state, t.drafts, seat('bravo')).me?.missions[0]?.findings).toHaveLength(1);
    expect(viewOf(t.state, t.drafts, seat('alpha')).me?.missions[0]?.findings).toHaveLength(1);
    expect(JSON.stringify(viewOf(t.state, t.drafts, seat('charlie')))).not.toContain(`"${implant}"`);
  });

  it('a removed implant no longer drains its network', () => {
    const halfDown = (s: Table['state']) => { s.networks.find((n) => n.id === 'b-net')!.availability = 50; };
    const found = alphaHuntsInBravo();
    found.t.tweak(halfDown).resolve({ [`hunt:${found.mission}`]: [HIT] });
    const missed = alphaHuntsInBravo();
    missed.t.tweak(halfDown).resolve({ [`hunt:${missed.mission}`]: [MISS] });
    expect(missed.t.state.implants.find((i) => i.owner === 'red')?.discovered).toBe(false);
    expect(found.t.network('b-net').availability - missed.t.network('b-net').availability).toBe(3);
  });

  it("the find chance is huntBase + huntSkillPer × the hunter's skill", () => {
    // Alpha has skill 4: 0.3 + 0.4 = 0.7
    const near = alphaHuntsInBravo();
    near.t.resolve({ [`hunt:${near.mission}`]: [0.69] });
    expect(near.t.state.missions[0]?.findings).toHaveLength(1);
    const far = alphaHuntsInBravo();
    far.t.resolve({ [`hunt:${far.mission}`]: [0.71] });
    expect(far.t.state.missions[0]?.findings).toEqual([]);
  });

  it('with full exposure a found exploit is discovered and then patched', () => {
    const { t, mission } = alphaHuntsInBravo(new Table(tinyScenario((s) => { s.tunables = { huntExposure: 100 }; })));
    const events = t.resolve({ [`hunt:${mission}`]: [HIT] });
    expect(t.exploitOf('r-spy')).toMatchObject({ discovered: true, patchDue: 3 });
    expect(ofType(events, 'ExploitDiscovered').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['bravo'] }]);
    t.resolve();
    expect(t.exploitOf('r-spy').patched).toBe(true);
  });

  it("the hunter's capacity is reduced while its team is away, and restored when it returns", () => {
    const { t } = alphaHuntsInBravo();
    expect(t.state.turn).toBe(2);
    expect(capacityThisTurn(t.state, 'alpha')).toBe(6 - 2);
    expect(capacityThisTurn(t.state, 'bravo')).toBe(4);
    t.order('alpha', { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 1 });
    t.order('alpha', { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 1 });
    expect(t.submit('alpha', { type: 'order', order: { type: 'operate', copy: 'k-a-strike', target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'not-enough-capacity' } });
    t.resolve();
    expect(capacityThisTurn(t.state, 'alpha')).toBe(6);
  });

  it("the hunter's home networks detect less while its team is away", () => {
    const { t } = alphaHuntsInBravo();
    const home = t.network('a-net');
    expect(effectiveSophistication(t.state, home, 2)).toBe(home.sophistication - 1);
    expect(effectiveSophistication(t.state, home, 3)).toBe(home.sophistication);
    expect(effectiveSophistication(t.state, t.network('b-net'), 2)).toBe(2);
    // NEEDLE on a-net is discovered with chance 0.1 × soph / 5: 0.06 at home, 0.04 while away; roll 0.05
    const discovered = (table: Table) => {
      const id = table.order('red', { type: 'operate', copy: 'k-r-spy', target: 'a-net' });
      table.resolve({ [`op:${id}`]: [HIT, 0.05, MISS] });
      return table.state.incidents.at(-1)?.noticed;
    };
    expect(discovered(new Table())).toBe(true);
    expect(discovered(t)).toBe(false);
  });

  it("the host's networks are harder to hit while a team hunts there", () => {
    // HAMMER (power 3, fresh) on b-net (soph 2): 0.78 alone, 0.63 with hunt cover; roll 0.7
    const hits = (table: Table) => {
      const id = table.order('red', { type: 'operate', copy: 'k-r-hit', target: 'b-net' });
      table.resolve({ [`op:${id}`]: [0.7, MISS, MISS] });
      return table.state.incidents.at(-1)?.success;
    };
    expect(hits(new Table())).toBe(true);
    const covered = alphaHuntsInBravo().t;
    covered.tweak((s) => { s.exploits.find((e) => e.id === 'x-r-hit')!.freshness = 100; });
    expect(hits(covered)).toBe(false);
  });
});
