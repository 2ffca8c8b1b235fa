import { describe, it, expect } from 'vitest';
import { projectTurns } from '../../shared/rules/develop.ts';
import { viewOf } from '../../shared/rules/fog.ts';
import { Table, ofType, seat } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

describe('develop', () => {
  it('a project takes max(1, power + 2 − skill) turns; tailoring one more', () => {
    const t = new Table();
    expect(projectTurns(t.state, 3, 3, false)).toBe(2);
    expect(projectTurns(t.state, 5, 1, false)).toBe(1);
    expect(projectTurns(t.state, 1, 5, false)).toBe(6);
    expect(projectTurns(t.state, 3, 3, true)).toBe(3);
  });

  it('a developed capability is ready after its turns, fresh, held by its author with no terms', () => {
    const t = new Table();
    // Bravo, skill 3, power 3: started in the resolution of turn 1, 2 turns of work → ready at the end of turn 3
    t.order('bravo', { type: 'develop', vuln: 'red-db', kind: 'effect', effect: 'deny', power: 3, name: 'GATE' });
    const started = t.resolve();
    expect(ofType(started, 'ProjectStarted')).toMatchObject([{ audience: { kind: 'seats', seats: ['bravo'] }, data: { due: 3 } }]);
    t.resolve();
    expect(t.state.capabilities.some((c) => c.name === 'GATE')).toBe(false);
    const done = t.resolve();
    const cap = t.state.capabilities.find((c) => c.name === 'GATE');
    expect(cap).toMatchObject({ origin: 'bravo', kind: 'effect', effect: 'deny', power: 3, tailoredFor: null });
    expect(t.state.exploits.find((e) => e.id === cap!.exploit)).toMatchObject({ vuln: 'red-db', author: 'bravo', freshness: 100, patched: false });
    expect(t.state.copies.find((c) => c.capability === cap!.id)).toMatchObject({ holder: 'bravo', from: null, terms: null, expiresTurn: null });
    expect(ofType(done, 'CapabilityDeveloped').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['bravo'] }]);
    expect(t.state.projects).toEqual([]);
    // and it can be used at once
    const copy = t.state.copies.find((c) => c.capability === cap!.id)!;
    expect(t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-net' } })).toMatchObject({ ok: true });
  });

  it('a nation can only develop against a vulnerability it has intel on — and espionage reveals vulnerabilities', () => {
    const t = new Table();
    expect(t.submit('bravo', { type: 'order', order: { type: 'develop', vuln: 'red-os', kind: 'espionage', power: 1 } })).toMatchObject({ ok: false, error: { code: 'vuln-unknown' } });
    const id = t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
    t.resolve({ [`op:${id}`]: [HIT, 0, MISS] }); // success; picks red-os
    expect(t.submit('bravo', { type: 'order', order: { type: 'develop', vuln: 'red-os', kind: 'espionage', power: 1 } })).toMatchObject({ ok: true });
  });

  it('skill limits power to skill + 1', () => {
    const t = new Table();
    expect(t.submit('bravo', { type: 'order', order: { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 5 } })).toMatchObject({ ok: false, error: { code: 'beyond-skill' } });
    expect(t.submit('bravo', { type: 'order', order: { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 4 } })).toMatchObject({ ok: true });
  });

  it('an effect tool needs an effect type and an espionage tool has none', () => {
    const t = new Table();
    expect(t.submit('bravo', { type: 'order', order: { type: 'develop', vuln: 'red-db', kind: 'effect', power: 2 } })).toMatchObject({ ok: false, error: { code: 'bad-effect' } });
    expect(t.submit('bravo', { type: 'order', order: { type: 'develop', vuln: 'red-db', kind: 'espionage', effect: 'deny', power: 2 } })).toMatchObject({ ok: false, error: { code: 'bad-effect' } });
  });

  it('no development against a patched vulnerability, and a project overtaken by the patch is abandoned', () => {
    const t = new Table();
    t.order('bravo', { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 3, name: 'LATE' });
    t.resolve();
    t.tweak((s) => Object.assign(s.exploits.find((e) => e.id === 'x-a-wiper')!, { patched: true, freshness: 0 }));
    expect(t.submit('bravo', { type: 'order', order: { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 1 } })).toMatchObject({ ok: false, error: { code: 'vuln-patched' } });
    t.resolve();
    expect(t.state.projects).toHaveLength(1);
    const events = t.resolve();
    expect(ofType(events, 'ProjectFailed').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['bravo'] }]);
    expect(t.state.capabilities.some((c) => c.name === 'LATE')).toBe(false);
    expect(t.state.projects).toEqual([]);
  });
});

describe('tailor', () => {
  const order = { type: 'tailor', for: 'bravo', vuln: 'red-db', kind: 'effect', effect: 'degrade', power: 2, name: 'GIFT' } as const;

  it("tailoring starts only when the importer accepts", () => {
    for (const answer of [false, null] as const) {
      const t = new Table();
      const id = t.order('alpha', order);
      if (answer !== null) t.answer('bravo', id, answer);
      const events = t.resolve();
      expect(t.state.projects).toEqual([]);
      expect(ofType(events, 'OfferDeclined').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['alpha'] }]);
    }
  });

  it("a tailored tool costs 3, takes a turn longer, carries the exporter's fingerprint and a watermark by default, and earns influence", () => {
    const t = new Table();
    const id = t.order('alpha', order);
    expect(viewOf(t.state, t.drafts, seat('alpha')).me?.capacity.committed).toBe(3);
    t.answer('bravo', id, true);
    const started = t.resolve();
    // Alpha, skill 4, power 2: max(1, 0) + 1 = 2 turns → ready at the end of turn 3 (a develop would be ready after turn 2)
    expect(ofType(started, 'ProjectStarted')).toMatchObject([{ audience: { kind: 'seats', seats: ['alpha', 'bravo'] }, data: { due: 3 } }]);
    expect(viewOf(t.state, t.drafts, seat('bravo')).me?.projects).toHaveLength(1);
    t.resolve();
    expect(t.state.capabilities.some((c) => c.name === 'GIFT')).toBe(false);
    t.resolve();
    const cap = t.state.capabilities.find((c) => c.name === 'GIFT')!;
    expect(cap).toMatchObject({ origin: 'alpha', tailoredFor: 'bravo', kind: 'effect', effect: 'degrade', power: 2 });
    const copies = t.state.copies.filter((c) => c.capability === cap.id);
    expect(copies).toMatchObject([{ holder: 'bravo', from: 'alpha', terms: { compiledOnly: true, watermark: true, dualKey: false } }]);
    expect(t.nation('alpha').influence).toBe(3);
  });

  it('a tailored copy with an expiry works for that many turns after it is ready', () => {
    const t = new Table();
    t.answer('bravo', t.order('alpha', { ...order, terms: { expiresAfter: 1 } }), true);
    t.resolve();
    t.resolve();
    t.resolve();
    const copy = t.state.copies.find((c) => c.holder === 'bravo' && c.from === 'alpha')!;
    expect(t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-net' } })).toMatchObject({ ok: true });
    t.resolve();
    expect(t.submit('bravo', { type: 'order', order: { type: 'operate', copy: copy.id, target: 'r-net' } })).toMatchObject({ ok: false, error: { code: 'copy-expired' } });
  });

  it('tailoring is for another ally, by an ally', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { ...order, for: 'alpha' } })).toMatchObject({ ok: false, error: { code: 'tailor-for-self' } });
    expect(t.submit('alpha', { type: 'order', order: { ...order, for: 'red' } })).toMatchObject({ ok: false, error: { code: 'not-an-ally' } });
    expect(t.submit('red', { type: 'order', order: { ...order, vuln: 'ally-os' } })).toMatchObject({ ok: false, error: { code: 'not-for-adversary' } });
  });
});
