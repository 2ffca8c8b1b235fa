import { describe, it, expect } from 'vitest';
import { Table, ofType } from '../fixtures/tiny-scenario.ts';

const MISS = 0.99;

describe('defend', () => {
  it('hardening lands before operations and makes attacks less likely to succeed', () => {
    // HAMMER (power 3, fresh) on a-net (soph 3): 0.70 unhardened, 0.60 at hardening 1; roll 0.65
    const hits = (harden: boolean) => {
      const t = new Table();
      if (harden) t.order('alpha', { type: 'defend', network: 'a-net', action: 'harden' });
      const id = t.order('red', { type: 'operate', copy: 'k-r-hit', target: 'a-net' });
      const events = t.resolve({ [`op:${id}`]: [0.65, MISS, MISS] });
      if (harden) expect(ofType(events, 'NetworkHardened')).toMatchObject([{ audience: { kind: 'seats', seats: ['alpha'] }, data: { hardening: 1 } }]);
      return t.state.incidents[0]?.success;
    };
    expect(hits(false)).toBe(true);
    expect(hits(true)).toBe(false);
  });

  it('hardening stops at level 3, counting orders already given this turn', () => {
    const t = new Table().tweak((s) => { s.networks.find((n) => n.id === 'a-net')!.hardening = 2; });
    t.order('alpha', { type: 'defend', network: 'a-net', action: 'harden' });
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'a-net', action: 'harden' } })).toMatchObject({ ok: false, error: { code: 'fully-hardened' } });
    t.resolve();
    expect(t.network('a-net').hardening).toBe(3);
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'a-net', action: 'harden' } })).toMatchObject({ ok: false, error: { code: 'fully-hardened' } });
  });

  it('a nation defends only its own networks', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'b-net', action: 'harden' } })).toMatchObject({ ok: false, error: { code: 'not-your-network' } });
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'r-net', action: 'harden' } })).toMatchObject({ ok: false, error: { code: 'not-your-network' } });
  });

  it('patching needs a published patch for the software the network runs', () => {
    const t = new Table();
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'a-net', action: 'patch' } })).toMatchObject({ ok: false, error: { code: 'nothing-to-patch' } });
    t.tweak((s) => Object.assign(s.exploits.find((e) => e.id === 'x-a-strike')!, { patched: true, freshness: 0 })); // red-os: not on a-net
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'a-net', action: 'patch' } })).toMatchObject({ ok: false, error: { code: 'nothing-to-patch' } });
    t.tweak((s) => Object.assign(s.exploits.find((e) => e.id === 'x-r-spy')!, { patched: true, freshness: 0 })); // ally-os
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'a-net', action: 'patch' } })).toMatchObject({ ok: true });
  });

  it('a published patch is applied once per network: a second patch order is refused, this turn and later', () => {
    const t = new Table();
    t.tweak((s) => Object.assign(s.exploits.find((e) => e.id === 'x-r-spy')!, { patched: true, freshness: 0 })); // ally-os
    t.order('alpha', { type: 'defend', network: 'a-net', action: 'patch' });
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'a-net', action: 'patch' } })).toMatchObject({ ok: false, error: { code: 'duplicate-order' } });
    t.resolve();
    expect(t.network('a-net').patchesApplied).toContain('ally-os');
    expect(t.submit('alpha', { type: 'order', order: { type: 'defend', network: 'a-net', action: 'patch' } })).toMatchObject({ ok: false, error: { code: 'nothing-to-patch' } });
  });

  it('applying patches cleans out implants riding a patched exploit and restores availability', () => {
    const t = new Table();
    const id = t.order('red', { type: 'operate', copy: 'k-r-spy', target: 'a-net' });
    t.resolve({ [`op:${id}`]: [0, MISS] });
    const implant = t.state.implants[0]!;
    expect(implant).toMatchObject({ owner: 'red', network: 'a-net', discovered: false });
    t.tweak((s) => {
      Object.assign(s.exploits.find((e) => e.id === 'x-r-spy')!, { patched: true, freshness: 0 });
      s.networks.find((n) => n.id === 'a-net')!.availability = 60;
    });
    t.order('alpha', { type: 'defend', network: 'a-net', action: 'patch' });
    const events = t.resolve();
    expect(t.state.implants[0]?.discovered).toBe(true);
    // +10 from the patch, +5 recovery, and no more drain from the implant
    expect(t.network('a-net').availability).toBe(60 + 10 + 5);
    expect(ofType(events, 'PatchesApplied')).toMatchObject([{ audience: { kind: 'seats', seats: ['alpha'] }, data: { cleaned: 1 } }]);
  });

  it('an undiscovered adversary implant drains its network each turn', () => {
    const t = new Table();
    const id = t.order('red', { type: 'operate', copy: 'k-r-spy', target: 'a-net' });
    t.resolve({ [`op:${id}`]: [0, MISS] });
    t.tweak((s) => { s.networks.find((n) => n.id === 'a-net')!.availability = 60; });
    t.resolve();
    expect(t.network('a-net').availability).toBe(60 - 3 + 5);
  });
});
