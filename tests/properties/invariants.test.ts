import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { planArb } from './commands.ts';
import { drive, type DriveStats } from './driver.ts';
import { holdsAlong, scenarios, TIMEOUT } from './runs.ts';

describe.each(scenarios)('$id, along random streams of legal and illegal inputs', ({ scenario, perPlanning }) => {
  it('the streams reach deep into the rules: many inputs accepted and refused, every kind of outcome', () => {
    // A fixed sample, so that this guard against vacuous properties is itself stable.
    const plans = fc.sample(fc.tuple(fc.nat(), planArb(scenario.turns, perPlanning)), { seed: 42, numRuns: 6 });
    const total: DriveStats = { accepted: 0, rejected: 0, codes: {}, events: {}, prechecked: {}, touched: {} };
    for (const [seed, plan] of plans) {
      const s = drive(scenario, seed, plan, new Set());
      total.accepted += s.accepted;
      total.rejected += s.rejected;
      for (const [k, v] of Object.entries(s.codes)) total.codes[k] = (total.codes[k] ?? 0) + v;
      for (const [k, v] of Object.entries(s.events)) total.events[k] = (total.events[k] ?? 0) + v;
    }
    expect(total.accepted).toBeGreaterThan(300);
    expect(total.rejected).toBeGreaterThan(300);
    for (const code of ['bad-input', 'unknown-seat', 'wrong-phase', 'not-a-seat', 'capability-not-held', 'unknown-request', 'not-cyoc']) expect(total.codes).toHaveProperty(code);
    for (const type of ['OperationResolved', 'CapabilityShared', 'HuntForwardDeployed', 'ExploitDiscovered', 'VulnerabilityPatched', 'SovereignOfferMade', 'CapabilityDeveloped', 'Adjudicated']) {
      expect(total.events).toHaveProperty(type);
    }
  });

  it('every exploit’s freshness stays within 0..100', () => {
    holdsAlong(scenario, perPlanning, ['freshness'], 40);
  }, TIMEOUT);

  it('no seat ever commits more capacity than it has (capacityLeft ≥ 0 at all times)', () => {
    holdsAlong(scenario, perPlanning, ['capacity'], 40);
  }, TIMEOUT);

  it('a refused input leaves the match exactly as it was, and nothing mutates a match in place', () => {
    holdsAlong(scenario, perPlanning, ['unchanged'], 15);
  }, TIMEOUT);

  it('an accepted entry changes no projection its touch leaves out, so the server may recompute only the touched views', () => {
    holdsAlong(scenario, perPlanning, ['touched'], 10);
    // Not vacuous: most inputs touch a few views only, and the check compared them.
    const plans = fc.sample(fc.tuple(fc.nat(), planArb(scenario.turns, perPlanning)), { seed: 7, numRuns: 2 });
    const touched: Record<string, number> = {};
    for (const [seed, plan] of plans) for (const [k, v] of Object.entries(drive(scenario, seed, plan, new Set(['touched'])).touched)) touched[k] = (touched[k] ?? 0) + v;
    expect(touched.some ?? 0).toBeGreaterThan(touched.all ?? 0);
  }, TIMEOUT);

  it('the state and drafts are always plain JSON, and the whole match round-trips through JSON', () => {
    holdsAlong(scenario, perPlanning, ['json'], 15);
  }, TIMEOUT);
});
