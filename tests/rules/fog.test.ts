import { describe, it, expect } from 'vitest';
import { eventsFor, type Viewer } from '../../shared/engine/ruleset.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { applyEntry, createMatch } from '../../shared/engine/match.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { viewOf, viewParts } from '../../shared/rules/fog.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { CyberState } from '../../shared/rules/types.ts';
import type { CyberDrafts } from '../../shared/rules/drafts.ts';
import { Table, ofType, seat } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;

/**
 * A state with something private everywhere. Turn 1: Alpha shares STRIKE with Bravo and
 * Charlie and WORM (source) with Charlie, plants an implant with LOOKOUT and offers WIPER
 * to the CyOC; Red plants NEEDLE in Bravo's port; Bravo starts a project. Turn 2 is in
 * planning with orders pending from every seat.
 */
function busyTable() {
  const t = new Table();
  t.answer('bravo', t.order('alpha', { type: 'share', copy: 'k-a-strike', to: 'bravo' }), true);
  t.answer('charlie', t.order('alpha', { type: 'share', copy: 'k-a-strike', to: 'charlie' }), true);
  t.answer('charlie', t.order('alpha', { type: 'share', copy: 'k-a-worm', to: 'charlie', terms: { compiledOnly: false } }), true);
  const spy = t.order('alpha', { type: 'operate', copy: 'k-a-spy', target: 'r-net' });
  t.order('alpha', { type: 'sovereignOffer', copy: 'k-a-wiper', target: 'r-net' });
  const needle = t.order('red', { type: 'operate', copy: 'k-r-spy', target: 'b-net' });
  t.order('bravo', { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 3, name: 'SIEVE' });
  t.resolve({ [`op:${spy}`]: [HIT, MISS], [`op:${needle}`]: [HIT, MISS] });
  expect(t.state.implants.map((i) => i.owner).sort()).toEqual(['alpha', 'red']);
  expect(t.state.offers).toHaveLength(1);
  expect(t.state.projects).toHaveLength(1);
  // turn 2: pending orders
  t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-hq' });
  t.order('bravo', { type: 'operate', copy: t.copyOf('bravo', 'a-strike')!.id, target: 'r-net' });
  t.order('charlie', { type: 'huntForward', host: 'bravo' });
  t.order('red', { type: 'operate', copy: 'k-r-hit', target: 'c-net' });
  return t;
}

/** Ids and names a viewer must never see: what belongs to other nations. */
function secretsFor(s: CyberState, drafts: CyberDrafts, viewer: Viewer): string[] {
  const me = viewer === 'observer' || viewer === 'facilitator' ? null : viewer;
  const heldCaps = new Set(s.copies.filter((c) => c.holder === me).map((c) => c.capability));
  const secrets: string[] = [];
  for (const c of s.copies) if (c.holder !== me && c.from !== me) secrets.push(`"${c.id}"`);
  for (const c of s.capabilities) {
    if (heldCaps.has(c.id)) continue;
    secrets.push(`"${c.id}"`, `"${c.exploit}"`, c.name);
  }
  for (const i of s.implants) if (i.owner !== me) secrets.push(`"${i.id}"`);
  for (const o of drafts.orders) if (o.seat !== me) secrets.push(`"${o.id}"`);
  return secrets;
}

const seats = ['alpha', 'bravo', 'charlie', 'red'] as const;

describe('fog of war', () => {
  it.each([...seats, 'observer'] as const)("%s's view and events never contain another nation's private ids", (who) => {
    const t = busyTable();
    const viewer: Viewer = who === 'observer' ? 'observer' : seat(who);
    const json = JSON.stringify(viewOf(t.state, t.drafts, viewer));
    const events = JSON.stringify(eventsFor(t.events, viewer));
    const secrets = secretsFor(t.state, t.drafts, viewer);
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(json, `view of ${who} contains ${secret}`).not.toContain(secret);
      expect(events, `events of ${who} contain ${secret}`).not.toContain(secret);
    }
  });

  it('a seat sees its own arsenal, what it shared out, its implants and its pending orders', () => {
    const t = busyTable();
    const alpha = viewOf(t.state, t.drafts, seat('alpha')).me!;
    expect(alpha.arsenal.map((a) => a.copy)).toEqual(['k-a-strike', 'k-a-spy', 'k-a-wiper', 'k-a-worm']);
    expect(alpha.sharedOut.map((c) => [c.name, c.to]).sort()).toEqual([['STRIKE', 'bravo'], ['STRIKE', 'charlie'], ['WORM', 'charlie']]);
    expect(alpha.implants.map((i) => i.owner)).toEqual(['alpha']);
    expect(alpha.orders).toHaveLength(1);
    expect(alpha.offers.map((o) => o.copy)).toEqual(['k-a-wiper']);
    const bravo = viewOf(t.state, t.drafts, seat('bravo')).me!;
    expect(bravo.arsenal.map((a) => [a.name, a.origin, a.from])).toEqual([['PROBE', 'bravo', null], ['STRIKE', 'alpha', 'alpha']]);
    expect(bravo.projects.map((p) => p.name)).toEqual(['SIEVE']);
    // the hunt offer reaches its host, the adversary's implant in its port stays hidden
    expect(bravo.inbox.map((r) => r.kind)).toEqual(['huntForward']);
    expect(bravo.implants).toEqual([]);
  });

  it('the facilitator sees everything', () => {
    const t = busyTable();
    const v = viewOf(t.state, t.drafts, 'facilitator');
    expect(v.god?.state).toEqual(t.state);
    expect(v.god?.drafts).toEqual(t.drafts);
    expect(v.god?.requests.map((r) => r.kind)).toEqual(['huntForward']);
    const json = JSON.stringify(v);
    for (const secret of secretsFor(t.state, t.drafts, 'observer')) expect(json).toContain(secret);
  });

  it('the observer gets the public view only', () => {
    const t = busyTable();
    const v = viewOf(t.state, t.drafts, 'observer');
    expect(v.me).toBeNull();
    expect(v.god).toBeNull();
    expect(v.offers).toEqual([{ id: t.state.offers[0]!.id, nation: 'alpha', effect: 'destroy', target: 'r-net', until: 3, status: 'open' }]);
    expect(eventsFor(t.events, 'observer').every((e) => e.audience.kind === 'public')).toBe(true);
  });

  it("a victim's view of an incident never names the true user or the capability", () => {
    const t = busyTable();
    const hit = t.drafts.orders.find((o) => o.seat === 'red')!.id;
    t.resolve({ [`op:${hit}`]: [HIT, MISS, MISS] });
    const incident = t.state.incidents.find((i) => i.victim === 'charlie')!;
    expect(incident).toMatchObject({ user: 'red', capability: 'r-hit', noticed: true });
    const seen = viewOf(t.state, t.drafts, seat('charlie')).me!.incidents.find((i) => i.id === incident.id)!;
    expect(seen).toBeDefined();
    expect(seen).not.toHaveProperty('user');
    expect(seen).not.toHaveProperty('capability');
    expect(JSON.stringify(eventsFor(t.events, seat('charlie')))).not.toContain('HAMMER');
  });

  it('leaks, misattributions and the truth behind discoveries and accusations are for the facilitator only', () => {
    const t = busyTable();
    t.drafts = { ...t.drafts, orders: t.drafts.orders.filter((o) => o.seat !== 'red') };
    const worm = t.copyOf('charlie', 'a-worm')!;
    t.resolve({ [`leak:${worm.id}`]: [0] });
    const id = t.order('red', { type: 'operate', copy: t.copyOf('red', 'a-worm')!.id, target: 'c-net' });
    const events = t.resolve({ [`op:${id}`]: [HIT, 0, HIT] }); // success, discovered, attributed
    const all = t.events;
    for (const type of ['CapabilityLeaked', 'Misattributed', 'ExploitDiscoveredTruth']) {
      const found = ofType(all, type);
      expect(found.length, type).toBeGreaterThan(0);
      for (const e of found) expect(e.audience, type).toEqual({ kind: 'facilitator' });
    }
    expect(ofType(events, 'IncidentDetected').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['charlie'] }]);
    expect(ofType(events, 'ExploitDiscovered').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['charlie'] }]);
    expect(ofType(events, 'OperationResolved').map((e) => e.audience)).toEqual([{ kind: 'seats', seats: ['red'] }]);
    for (const ally of ['alpha', 'bravo', 'charlie']) {
      const seen = eventsFor(all, seat(ally));
      expect(seen.filter((e) => e.audience.kind === 'facilitator')).toEqual([]);
      expect(seen.some((e) => e.type === 'CapabilityLeaked' || e.type === 'Misattributed')).toBe(false);
    }
  });

  it('every event a seat may see is public or names that seat', () => {
    const t = busyTable();
    t.resolve({}, 0);
    t.resolve({}, 0);
    for (const who of seats) {
      for (const e of eventsFor(t.events, seat(who))) {
        expect(e.audience.kind === 'public' || (e.audience.kind === 'seats' && e.audience.seats.includes(seat(who))), `${who}: ${e.type}`).toBe(true);
      }
    }
  });
});

describe('viewParts (every part of one moment computed once)', () => {
  it('gives each seat, the board and the facilitator exactly what viewOf gives them, at every fifth step of played matches', () => {
    const sc = findScenario('baltic-shield');
    if (!sc) throw new Error('no scenario');
    for (const seed of [1, 2]) {
      const { record } = autoplay(cyberAlliance, sc, seed, { turns: 3 });
      let m = createMatch(cyberAlliance, sc, seed);
      for (const [i, entry] of record.entries.entries()) {
        const r = applyEntry(cyberAlliance, m, entry as never);
        if (!r.ok) throw new Error(r.error.message);
        m = r.value;
        if (i % 5 !== 0) continue;
        const parts = viewParts(m.state, m.drafts);
        const { viewer: _v, god: _g, me: _m, ...board } = viewOf(m.state, m.drafts, 'observer');
        expect(parts.board()).toEqual(board);
        expect(parts.god()).toEqual(viewOf(m.state, m.drafts, 'facilitator').god);
        for (const n of m.state.nations) expect(parts.seat(n.id)).toEqual(viewOf(m.state, m.drafts, n.id as never).me);
      }
    }
  });
});
