import { describe, it, expect } from 'vitest';
import { eventsFor } from '../../shared/engine/ruleset.ts';
import { trustBetween } from '../../shared/rules/access.ts';
import { viewOf } from '../../shared/rules/fog.ts';
import { requestsOf } from '../../shared/rules/requests.ts';
import { Table, ofType, seat, tinyScenario } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

/** Turn 1: Alpha offers STRIKE's effect on r-net (window 2). Returns the table in turn 2 and the offer id. */
function alphaOffers(t = new Table(), window = 2) {
  t.order('alpha', { type: 'sovereignOffer', copy: 'k-a-strike', target: 'r-net', window });
  const events = t.resolve();
  const offer = t.state.offers[0]!;
  expect(offer).toMatchObject({ nation: 'alpha', effect: 'degrade', target: 'r-net', copy: 'k-a-strike', until: 1 + window, status: 'open' });
  return { t, offer: offer.id, events };
}

describe('sovereign effects', () => {
  it('an offer shows its effect and target to every seat but never the capability behind it', () => {
    const { t, offer, events } = alphaOffers();
    expect(ofType(events, 'SovereignOfferMade')).toMatchObject([{ audience: { kind: 'public' }, data: { offer, nation: 'alpha', effect: 'degrade', target: 'r-net' } }]);
    t.requestSovereign(offer);
    for (const viewer of ['bravo', 'charlie', 'red', 'observer'] as const) {
      const v = viewer === 'observer' ? 'observer' : seat(viewer);
      const json = JSON.stringify({ view: viewOf(t.state, t.drafts, v), events: eventsFor(t.events, v) });
      expect(json, viewer).toContain(`"${offer}"`);
      expect(viewOf(t.state, t.drafts, v).offers).toEqual([{ id: offer, nation: 'alpha', effect: 'degrade', target: 'r-net', until: 3, status: 'open' }]);
      for (const secret of ['"k-a-strike"', '"a-strike"', '"x-a-strike"', 'STRIKE']) expect(json, `${viewer} sees ${secret}`).not.toContain(secret);
    }
    // the owner sees its own offer in full, and so does the facilitator
    expect(viewOf(t.state, t.drafts, seat('alpha')).me?.offers[0]?.copy).toBe('k-a-strike');
    expect(JSON.stringify(viewOf(t.state, t.drafts, 'facilitator'))).toContain('"k-a-strike"');
  });

  it('a sovereign offer needs an effect capability the nation could use on that target now', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'sovereignOffer', copy: 'k-a-spy', target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'not-an-effect' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'sovereignOffer', copy: 'k-a-wiper', target: 'r-hq' } })).toMatchObject({ ok: false, error: { code: 'not-vulnerable' } });
    alphaOffers(t);
    expect(t.submit('alpha', { type: 'order', order: { type: 'sovereignOffer', copy: 'k-a-strike', target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'already-offered' } });
  });

  it('with the facilitator as CyOC, only the facilitator may request', () => {
    const { t, offer } = alphaOffers();
    for (const who of ['alpha', 'bravo', 'red']) expect(t.submit(who, { type: 'requestSovereign', offer })).toMatchObject({ ok: false, error: { code: 'not-cyoc' } });
    expect(t.submit('facilitator', { type: 'requestSovereign', offer })).toMatchObject({ ok: true });
    expect(t.submit('facilitator', { type: 'requestSovereign', offer })).toMatchObject({ ok: false, error: { code: 'already-requested' } });
  });

  it('with a designated nation as CyOC, only that nation may request, and the owner is asked', () => {
    const { t, offer } = alphaOffers(new Table(tinyScenario((s) => { s.cyoc = 'bravo'; })));
    expect(t.submit('facilitator', { type: 'requestSovereign', offer })).toMatchObject({ ok: false, error: { code: 'not-cyoc' } });
    expect(t.submit('charlie', { type: 'requestSovereign', offer })).toMatchObject({ ok: false, error: { code: 'not-cyoc' } });
    t.requestSovereign(offer, 'bravo');
    expect(viewOf(t.state, t.drafts, seat('bravo')).me?.cyocRequests).toEqual([{ offer, by: 'bravo' }]);
    expect(viewOf(t.state, t.drafts, seat('charlie')).me?.cyocRequests).toEqual([]);
    expect(requestsOf(t.state, t.drafts)).toMatchObject([{ id: `rq-${offer}`, kind: 'cyocRequest', from: 'bravo', to: 'alpha', details: { offer, effect: 'degrade', target: 'r-net' } }]);
  });

  it("an accepted request is executed as an Operate with the owner's copy, in the same resolution", () => {
    const { t, offer } = alphaOffers();
    t.requestSovereign(offer);
    t.answer('alpha', `rq-${offer}`, true);
    const before = t.freshness('a-strike');
    const events = t.resolve({ [`sovereign:${offer}`]: [HIT, MISS, MISS] });
    expect(t.state.offers[0]).toMatchObject({ status: 'executed', executeTurn: 2 });
    expect(t.freshness('a-strike')).toBe(before - 24 - 2);
    expect(t.network('r-net').effects).toEqual([{ effect: 'degrade', turn: 2, by: 'alpha' }]);
    expect(t.state.incidents[0]).toMatchObject({ user: 'alpha', capability: 'a-strike', network: 'r-net', success: true });
    expect(t.nation('alpha').tally.sovereignHonoured).toBe(1);
    expect(trustBetween(t.state, 'bravo', 'alpha')).toBe(73);
    expect(trustBetween(t.state, 'charlie', 'alpha')).toBe(53);
    expect(ofType(events, 'SovereignRequestAccepted').map((e) => e.audience)).toEqual([{ kind: 'public' }]);
    expect(ofType(events, 'SovereignEffectDelivered').map((e) => e.audience)).toEqual([{ kind: 'public' }]);
    const resolved = ofType(events, 'OperationResolved');
    expect(resolved.map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha'] }]);
    expect(resolved[0]?.text).toMatch(/^Sovereign effect: /);
    expect(JSON.stringify(ofType(events, 'SovereignEffectDelivered'))).not.toContain('STRIKE');
  });

  it('a sovereign execution that fails its roll still burns, and the offer is failed', () => {
    const { t, offer } = alphaOffers();
    t.requestSovereign(offer);
    t.answer('alpha', `rq-${offer}`, true);
    const before = t.freshness('a-strike');
    const events = t.resolve({ [`sovereign:${offer}`]: [MISS, MISS, MISS] });
    expect(t.state.offers[0]?.status).toBe('failed');
    expect(t.freshness('a-strike')).toBe(before - 24 - 2);
    expect(ofType(events, 'SovereignEffectFailed').map((e) => e.audience)).toEqual([{ kind: 'public' }]);
    expect(t.nation('alpha').tally.sovereignHonoured).toBe(0);
  });

  it('with a coordination delay of 1 the accepted effect lands in the next resolution', () => {
    const { t, offer } = alphaOffers(new Table(tinyScenario((s) => { s.tunables = { coordinationDelay: 1 }; })));
    t.requestSovereign(offer);
    t.answer('alpha', `rq-${offer}`, true);
    t.resolve({ [`sovereign:${offer}`]: [HIT, MISS, MISS] });
    expect(t.state.offers[0]).toMatchObject({ status: 'accepted', executeTurn: 3 });
    expect(t.network('r-net').effects).toEqual([]);
    t.resolve({ [`sovereign:${offer}`]: [HIT, MISS, MISS] });
    expect(t.state.offers[0]?.status).toBe('executed');
    expect(t.network('r-net').effects).toEqual([{ effect: 'degrade', turn: 3, by: 'alpha' }]);
  });

  it('an accepted offer whose capability was burned meanwhile fails without a use', () => {
    const { t, offer } = alphaOffers(new Table(tinyScenario((s) => { s.tunables = { coordinationDelay: 1 }; })));
    t.requestSovereign(offer);
    t.answer('alpha', `rq-${offer}`, true);
    t.resolve();
    t.tweak((s) => Object.assign(s.exploits.find((e) => e.id === 'x-a-strike')!, { patched: true, freshness: 0 }));
    const events = t.resolve({ [`sovereign:${offer}`]: [HIT, HIT, HIT] });
    expect(t.state.offers[0]?.status).toBe('failed');
    expect(ofType(events, 'SovereignEffectFailed')).toHaveLength(1);
    expect(t.state.incidents).toEqual([]);
  });

  it.each([
    ['declining', false],
    ['not answering', null],
  ] as const)('%s a CyOC request costs reputation and trust with every other ally, and nothing is used', (_name, answer) => {
    const { t, offer } = alphaOffers();
    t.requestSovereign(offer);
    if (answer !== null) t.answer('alpha', `rq-${offer}`, answer);
    const before = t.freshness('a-strike');
    const events = t.resolve({ [`sovereign:${offer}`]: [HIT, HIT, HIT] });
    expect(t.state.offers[0]?.status).toBe('declined');
    const alpha = t.nation('alpha');
    expect(alpha.reputation).toBe(50 - 2);
    expect(alpha.tally.sovereignDeclined).toBe(1);
    expect(trustBetween(t.state, 'alpha', 'bravo')).toBe(70 - 5);
    expect(trustBetween(t.state, 'alpha', 'charlie')).toBe(50 - 5);
    expect(t.freshness('a-strike')).toBe(before - 2);
    expect(t.network('r-net').effects).toEqual([]);
    const declined = ofType(events, 'SovereignRequestDeclined');
    expect(declined.map((e) => e.audience)).toEqual([{ kind: 'public' }]);
    expect(declined[0]?.text.includes('no answer')).toBe(answer === null);
  });

  it('an offer can be requested until the last turn of its window, then it expires', () => {
    const { t, offer } = alphaOffers(new Table(), 1); // until turn 2
    expect(t.state.turn).toBe(2);
    expect(t.submit('facilitator', { type: 'requestSovereign', offer })).toMatchObject({ ok: true });
    t.drafts = { ...t.drafts, sovereignRequests: [] };
    t.resolve();
    expect(t.state.offers[0]?.status).toBe('expired');
    expect(t.submit('facilitator', { type: 'requestSovereign', offer })).toMatchObject({ ok: false, error: { code: 'offer-not-open' } });
  });
});
