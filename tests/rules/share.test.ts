import { describe, it, expect } from 'vitest';
import { trustBetween } from '../../shared/rules/access.ts';
import { requestsOf } from '../../shared/rules/requests.ts';
import { Table, ofType } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

describe('share', () => {
  it('a capability changes hands only when the importer accepts', () => {
    for (const answer of [true, false, null] as const) {
      const t = new Table();
      const id = t.order('alpha', { type: 'share', copy: 'k-a-strike', to: 'bravo' });
      if (answer !== null) t.answer('bravo', id, answer);
      const events = t.resolve();
      expect(t.copyOf('bravo', 'a-strike') !== undefined, `answer ${answer}`).toBe(answer === true);
      expect(ofType(events, 'CapabilityShared')).toHaveLength(answer === true ? 1 : 0);
      expect(ofType(events, 'OfferDeclined').map((e) => e.audience)).toEqual(answer === true ? [] : [{ kind: 'seats', seats: ['alpha'] }]);
    }
  });

  it('the offer reaches the importer as a request showing the capability and terms', () => {
    const t = new Table();
    t.order('alpha', { type: 'share', copy: 'k-a-strike', to: 'bravo', terms: { dualKey: true, endUse: ['r-hq'] } });
    const [request] = requestsOf(t.state, t.drafts);
    expect(request).toMatchObject({
      kind: 'shareOffer',
      from: 'alpha',
      to: 'bravo',
      details: { capabilityName: 'STRIKE', kind: 'effect', effect: 'degrade', power: 3, freshness: 100, terms: { compiledOnly: true, dualKey: true, watermark: false, expiresAfter: null, endUse: ['r-hq'] } },
    });
  });

  it("the importer's copy points at the same capability, carries the terms and records the exporter", () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo', { watermark: true });
    expect(copy).toMatchObject({ capability: 'a-strike', holder: 'bravo', from: 'alpha', receivedTurn: 1, expiresTurn: null, leaked: false });
    expect(copy.terms).toEqual({ compiledOnly: true, dualKey: false, watermark: true, expiresAfter: null, endUse: null });
    expect(t.copyOf('alpha', 'a-strike')?.id).toBe('k-a-strike');
  });

  it('the exporter gains influence and trust with the importer', () => {
    const t = new Table();
    t.give('alpha', 'k-a-strike', 'bravo');
    expect(t.nation('alpha').influence).toBe(2);
    expect(t.nation('bravo').influence).toBe(0);
    expect(trustBetween(t.state, 'alpha', 'bravo')).toBe(75);
  });

  it('compiled-only copies cannot be re-shared; source copies can', () => {
    const t = new Table();
    const compiled = t.give('alpha', 'k-a-strike', 'bravo');
    const r = t.submit('bravo', { type: 'order', order: { type: 'share', copy: compiled.id, to: 'charlie' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'compiled-only' } });

    const source = t.give('alpha', 'k-a-wiper', 'bravo', { compiledOnly: false });
    const again = t.give('bravo', source.id, 'charlie');
    expect(again).toMatchObject({ capability: 'a-wiper', holder: 'charlie', from: 'bravo' });
  });

  it('sharing with a nation that already holds the capability is not refused (that would reveal who holds it): it gets a second copy', () => {
    const t = new Table();
    t.give('alpha', 'k-a-strike', 'bravo');
    const again = t.give('alpha', 'k-a-strike', 'bravo', { dualKey: true });
    expect(again).toMatchObject({ capability: 'a-strike', holder: 'bravo', from: 'alpha', terms: { dualKey: true } });
    expect(t.state.copies.filter((c) => c.holder === 'bravo' && c.capability === 'a-strike')).toHaveLength(2);
  });

  it('end-use is enforced for compiled-only copies: a use outside the list is refused', () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo', { endUse: ['r-hq'] });
    const r = t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-net' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'outside-end-use' } });
    expect(r.ok ? '' : r.error.message).toContain('r-hq');
    expect(t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-hq' } })).toMatchObject({ ok: true });
  });

  it('end-use may only list adversary networks that exist', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'share', copy: 'k-a-strike', to: 'bravo', terms: { endUse: ['c-net'] } } })).toMatchObject({ ok: false, error: { code: 'allied-end-use' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'share', copy: 'k-a-strike', to: 'bravo', terms: { endUse: ['nowhere'] } } })).toMatchObject({ ok: false, error: { code: 'unknown-network' } });
  });

  it('a source copy used outside its end-use is a violation the exporter learns of', () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo', { compiledOnly: false, endUse: ['r-hq'] });
    const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
    const events = t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] });
    const violated = ofType(events, 'EndUseViolated');
    expect(violated).toHaveLength(1);
    expect(violated[0]?.audience).toEqual({ kind: 'seats', seats: ['alpha'] });
    expect(violated[0]?.data).toMatchObject({ user: 'bravo', target: 'r-net' });
    const bravo = t.nation('bravo');
    expect(bravo.tally.endUseViolations).toBe(1);
    expect(bravo.reputation).toBe(50 - 6);
    expect(trustBetween(t.state, 'alpha', 'bravo')).toBe(75 - 20);
  });

  it('a use inside the end-use list is no violation', () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo', { compiledOnly: false, endUse: ['r-net'] });
    const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
    expect(ofType(t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] }), 'EndUseViolated')).toEqual([]);
    expect(t.nation('bravo').tally.endUseViolations).toBe(0);
  });

  it('a copy shared to expire after N turns works in each of the N turns after it arrives, then stops', () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo', { expiresAfter: 2 }); // arrives in the resolution of turn 1
    for (const turn of [2, 3]) {
      expect(t.state.turn).toBe(turn);
      const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-hq' });
      const events = t.resolve({ [`op:${id}`]: [MISS, MISS, MISS] });
      expect(ofType(events, 'OperationResolved'), `turn ${turn}`).toHaveLength(1);
      expect(ofType(events, 'CopyExpired').map((e) => e.audience), `turn ${turn}`).toEqual(turn === 3 ? [{ kind: 'seats', seats: ['bravo'] }] : []);
    }
    const r = t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-hq' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'copy-expired' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'operate', copy: 'k-a-strike', target: 'r-hq' } })).toMatchObject({ ok: true });
  });

  it('a copy that expires with one turn of use can still be used once', () => {
    const t = new Table();
    const copy = t.give('alpha', 'k-a-strike', 'bravo', { expiresAfter: 1 });
    expect(t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-hq' } })).toMatchObject({ ok: true });
  });

  describe('dual-key', () => {
    /** Bravo holds a dual-key STRIKE and orders its use in turn 2. */
    function dualKeyUse() {
      const t = new Table();
      const copy = t.give('alpha', 'k-a-strike', 'bravo', { dualKey: true });
      const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
      return { t, id, before: t.freshness('a-strike') };
    }

    it("each use asks the exporter's consent in the same window", () => {
      const { t, id } = dualKeyUse();
      const [request] = requestsOf(t.state, t.drafts);
      expect(request).toMatchObject({ id: `rq-${id}`, kind: 'dualKey', from: 'bravo', to: 'alpha', details: { importer: 'bravo', target: 'r-net' } });
    });

    it('with consent the use waits for the next resolution: nothing happens or burns in the turn of the consent', () => {
      const { t, id, before } = dualKeyUse();
      t.answer('alpha', id, true);
      const events = t.resolve({ [`op:${id}`]: [HIT, HIT, HIT] });
      expect(ofType(events, 'OperationResolved')).toEqual([]);
      expect(ofType(events, 'OperationDeferred').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['bravo'] }, { kind: 'seats', seats: ['alpha'] }]);
      expect(t.freshness('a-strike')).toBe(before - 2);
      expect(t.network('r-net').effects).toEqual([]);
      expect(t.state.consented).toMatchObject([{ id, user: 'bravo', target: 'r-net' }]);
    });

    it('a consented use goes ahead and burns at the next resolution, with no new order or consent', () => {
      const { t, id, before } = dualKeyUse();
      t.answer('alpha', id, true);
      t.resolve();
      const events = t.resolve({ [`consented:${id}`]: [HIT, MISS, MISS] });
      expect(ofType(events, 'OperationResolved')).toHaveLength(1);
      expect(t.freshness('a-strike')).toBe(before - 2 - 24 - 2);
      expect(t.network('r-net').effects).toMatchObject([{ by: 'bravo', turn: t.state.turn - 1 }]);
      expect(t.state.consented).toEqual([]);
    });

    it('a consented use lapses at the next resolution when the copy has expired in between', () => {
      const t = new Table();
      const copy = t.give('alpha', 'k-a-strike', 'bravo', { dualKey: true, expiresAfter: 1 });
      const id = t.order('bravo', { type: 'operate', copy: copy.id, target: 'r-net' });
      t.answer('alpha', id, true);
      t.resolve();
      const events = t.resolve({ [`consented:${id}`]: [HIT, HIT, HIT] });
      expect(ofType(events, 'OrderLapsed')).toMatchObject([{ audience: { kind: 'seats', seats: ['bravo'] }, data: { order: id } }]);
      expect(ofType(events, 'OperationResolved')).toEqual([]);
      expect(t.network('r-net').effects).toEqual([]);
    });

    it.each([
      ['refused', false],
      ['unanswered', null],
    ] as const)('%s, the use does not happen and nothing burns', (_name, answer) => {
      const { t, id, before } = dualKeyUse();
      if (answer !== null) t.answer('alpha', id, answer);
      const events = t.resolve({ [`op:${id}`]: [HIT, HIT, HIT] });
      expect(ofType(events, 'OperationRefused').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['bravo'] }]);
      expect(ofType(events, 'OperationResolved')).toEqual([]);
      expect(t.freshness('a-strike')).toBe(before - 2);
      expect(t.state.incidents).toEqual([]);
      expect(t.network('r-net').effects).toEqual([]);
    });

    it("the exporter's own copy needs no consent", () => {
      const t = new Table();
      t.give('alpha', 'k-a-strike', 'bravo', { dualKey: true });
      const id = t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
      expect(requestsOf(t.state, t.drafts)).toEqual([]);
      expect(ofType(t.resolve({ [`op:${id}`]: [HIT, MISS, MISS] }), 'OperationResolved')).toHaveLength(1);
    });

    it('an imported copy, dual-key or not, cannot back a sovereign offer: it would burn its author\'s exploit (and skip the consent)', () => {
      const t = new Table();
      const dual = t.give('alpha', 'k-a-strike', 'bravo', { dualKey: true });
      expect(t.submit('bravo', { type: 'order', order: { type: 'sovereignOffer', copy: dual.id, target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'not-your-own' } });
      const free = t.give('alpha', 'k-a-wiper', 'charlie', { compiledOnly: false });
      const target = t.state.networks.find((n) => n.owner === 'red' && n.software.includes(t.state.exploits.find((e) => e.id === 'x-a-wiper')!.vuln))!;
      expect(t.submit('charlie', { type: 'order', order: { type: 'sovereignOffer', copy: free.id, target: target.id } })).toMatchObject({ ok: false, error: { code: 'not-your-own' } });
      expect(t.submit('alpha', { type: 'order', order: { type: 'sovereignOffer', copy: 'k-a-wiper', target: target.id } })).toMatchObject({ ok: true });
    });
  });
});

describe('intel sharing', () => {
  it('needs access on the network and another ally to share with', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'shareIntel', to: 'bravo', network: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'no-implant' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'shareIntel', to: 'red', network: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'not-an-ally' } });
  });
});
