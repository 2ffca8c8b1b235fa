import { describe, it, expect } from 'vitest';
import { allianceTurns, allianceTurnsScenario } from '../../shared/alliance-turns/index.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { viewOf } from '../../shared/alliance-turns/view.ts';
import { applyEntry, createMatch, matchView } from '../../shared/engine/match.ts';
import { turnRng } from '../../shared/engine/rng.ts';
import { eventsFor, type SeatId, type Viewer } from '../../shared/engine/ruleset.ts';
import { touchedBy } from '../../shared/engine/touched.ts';
import { everyoneOrders, SEATS, seat, turnOne } from './helpers.ts';

/** Capability ids appear in JSON as quoted strings: `"bravo-07"`. */
const mentions = (json: string, id: string) => json.includes(`"${id}"`) || json.includes(` ${id} `) || json.includes(` ${id}:`);

describe('alliance-turns views', () => {
  it("a seat's view and events never contain another seat's capability ids", () => {
    const { match } = autoplay(allianceTurns, allianceTurnsScenario, 4, { turns: 10 });
    expect(match.events.some((e) => e.type === 'UseAttributed')).toBe(true);
    for (const who of SEATS) {
      const json = JSON.stringify(matchView(allianceTurns, match, seat(who)));
      const others = match.state.capabilities.filter((c) => c.owner !== who);
      expect(others).toHaveLength(150);
      for (const c of others) expect(mentions(json, c.id), `${who} sees ${c.id}`).toBe(false);
      // the check can fail: a seat's own ids do appear
      expect(mentions(json, `${who}-01`)).toBe(true);
    }
  });

  it('a seat sees the public table, the turn, its own 30 capabilities and its own pending order only', () => {
    const s = turnOne();
    const d = everyoneOrders(s);
    const v = allianceTurns.view(s, d, seat('charlie'));
    expect(v.turn).toBe(1);
    expect(v.pressure).toEqual(s.pressure);
    expect(v.me?.capabilities).toHaveLength(30);
    expect(v.me?.capabilities.every((c) => c.owner === 'charlie')).toBe(true);
    expect(v.me?.order).toEqual({ capabilityId: 'charlie-01', targetSeat: 'delta' });
    expect(v.god).toBeNull();
    expect(JSON.stringify(v)).not.toContain('"delta-01"');
  });

  it('a seat without an order sees null as its pending order', () => {
    expect(allianceTurns.view(turnOne(), { orders: [] }, seat('alpha')).me?.order).toBeNull();
  });

  it('the facilitator sees every capability and every pending order', () => {
    const s = turnOne();
    const v = allianceTurns.view(s, everyoneOrders(s), 'facilitator');
    expect(v.god?.capabilities).toHaveLength(180);
    expect(v.god?.orders).toHaveLength(6);
  });

  it('the observer sees only the public part', () => {
    const s = turnOne();
    const r = allianceTurns.resolve(s, everyoneOrders(s), turnRng(1, 1));
    const v = allianceTurns.view(r.state, everyoneOrders(r.state), 'observer');
    expect(v.me).toBeNull();
    expect(v.god).toBeNull();
    expect(JSON.stringify(v)).not.toMatch(/"[a-z]+-\d\d"/);
    expect(v.pressure.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(eventsFor(r.events, 'observer').every((e) => e.audience.kind === 'public')).toBe(true);
  });
});

describe('alliance-turns touches (incremental views)', () => {
  it('an order changes no view but its seat’s and the facilitator’s, along a played match', () => {
    const { record } = autoplay(allianceTurns, allianceTurnsScenario, 3, { turns: 5 });
    let m = createMatch(allianceTurns, allianceTurnsScenario, 3);
    let checked = 0;
    for (const entry of record.entries) {
      const r = applyEntry(allianceTurns, m, entry as never);
      if (!r.ok) throw new Error(r.error.message);
      const t = touchedBy(allianceTurns, [{ entry, before: m, after: r.value }]);
      if (t !== 'all') {
        for (const v of ['observer', 'facilitator', ...allianceTurns.seats(m.state).map((s) => s.id)] as Viewer[]) {
          const covered = v === 'observer' ? t.board : v === 'facilitator' ? t.facilitator : t.seats.has(v as SeatId);
          if (covered) continue;
          const part = (x: typeof m) => JSON.stringify(v === 'observer' ? viewOf(x.state, x.drafts, v) : viewOf(x.state, x.drafts, v).me);
          expect(part(r.value), `${JSON.stringify(entry)} changed the view of ${v}`).toBe(part(m));
          checked += 1;
        }
      }
      m = r.value;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
