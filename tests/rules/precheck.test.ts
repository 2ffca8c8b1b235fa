import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { viewOf } from '../../shared/rules/fog.ts';
import { capacityPicture } from '../../shared/rules/precheck.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { createMatch } from '../../shared/engine/match.ts';
import { planArb } from '../properties/commands.ts';
import { drive, type DriveStats } from '../properties/driver.ts';
import { holdsAlong, scenarios, shipped, TIMEOUT } from '../properties/runs.ts';

/**
 * The browser greys out an illegal order with the rules' own `validateOrder`, run on the
 * state as the seat pictures it (shared/rules/precheck.ts). These tests hold that verdict
 * equal to the server's, code for code, along random streams of orders.
 */
describe.each(scenarios)('$id: the seat-side precheck', ({ scenario, perPlanning }) => {
  it('gives the server’s verdict for every order, legal or not', () => {
    holdsAlong(scenario, perPlanning, ['precheck'], 25);
  }, TIMEOUT);

  it('is not vacuous: it compares many legal orders and many refusals of several kinds', () => {
    const plans = fc.sample(fc.tuple(fc.nat(), planArb(scenario.turns, perPlanning)), { seed: 7, numRuns: 4 });
    const total: DriveStats = { accepted: 0, rejected: 0, codes: {}, events: {}, prechecked: {}, touched: {} };
    for (const [seed, plan] of plans) {
      const s = drive(scenario, seed, plan, new Set(['precheck']));
      for (const [k, v] of Object.entries(s.prechecked)) total.prechecked[k] = (total.prechecked[k] ?? 0) + v;
    }
    expect(total.prechecked['ok'] ?? 0).toBeGreaterThan(50);
    const refusals = Object.keys(total.prechecked).filter((k) => k !== 'ok');
    expect(refusals.length).toBeGreaterThanOrEqual(6);
  });
});

describe('capacityPicture', () => {
  it('matches the seat view’s capacity and prices an order by the scenario’s costs', () => {
    const s = shipped('baltic-shield');
    const m = createMatch(cyberAlliance, s, 3);
    const seat = m.state.nations.find((x) => x.side === 'ally')!.id;
    const v = viewOf(m.state, m.drafts, seat);
    const c = capacityPicture({ pub: v, me: v.me! }, { type: 'report', text: 'x' });
    expect(c.total).toBe(v.me!.capacity.total);
    expect(c.committed).toBe(0);
    expect(c.cost).toBe(s.tunables.costs.report);
  });
});
