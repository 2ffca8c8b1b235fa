import { describe, expect, it } from 'vitest';
import { buildAar } from '../../shared/aar/build.ts';
import { renderAar } from '../../shared/aar/render.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { replay } from '../../shared/engine/replay.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';

const SEEDS = Number(process.env.AAR_SEEDS ?? 8);

/**
 * Over many seeded bot matches, the report agrees with the ground truth of the final state:
 * every incident blamed on someone other than its true user is listed once with that true
 * user; every leak the facilitator was told of is listed; shares match the transfers; the CSV
 * has one row per turn × nation; the page stays free of URLs.
 */
describe.each(['baltic-shield', 'grey-meridian'])('after-action report over %s bot matches', (id) => {
  const scenario = findScenario(id)!;
  it(`agrees with the final state for ${SEEDS} seeds`, () => {
    let misattributed = 0;
    let leaked = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { record, match } = autoplay(cyberAlliance, scenario, seed);
      const r = buildAar(cyberAlliance, scenario, record);
      if (!r.ok) throw new Error(r.error.message);
      const a = r.value;
      const s = match.state;
      expect(a.overview.replayError).toBeNull();
      expect(a.overview.turnsPlayed).toBe(scenario.turns);

      const wrong = s.incidents.filter((i) => i.blamed !== null && i.blamed !== i.user);
      const listed = a.misattributions.filter((m) => m.cause !== 'public-accusation');
      expect(listed.map((m) => [m.incident, m.blamed, m.user]).sort()).toEqual(wrong.map((i) => [i.id, i.blamed, i.user]).sort());
      for (const m of listed) expect(m.explanation).toContain(`the true user was ${a.names[m.user]}`);
      misattributed += listed.length;

      const leakEvents = match.events.filter((e) => e.type === 'CapabilityLeaked');
      expect(a.leaks.map((l) => [l.turn, l.capability, l.holder])).toEqual(leakEvents.map((e) => [e.turn, e.data?.capability, e.data?.holder]));
      leaked += a.leaks.length;

      const shares = a.decisions.filter((d) => d.kind === 'share');
      expect(shares.length).toBe(s.copies.filter((c) => c.from !== null && !c.leaked && !s.capabilities.find((k) => k.id === c.capability)?.tailoredFor).length);
      expect(a.decisions.filter((d) => d.kind === 'offer').length).toBe(s.offers.length);
      expect(a.decisions.filter((d) => d.kind === 'hunt').length).toBe(s.missions.length);

      expect(a.rows.length).toBe(s.nations.length * (scenario.turns + 1));
      const last = replay(cyberAlliance, scenario, record).match!;
      expect(a.rows.filter((x) => x.turn === scenario.turns).map((x) => x.intel)).toEqual(last.state.nations.map((n) => n.intel));
      expect(renderAar(a, 'html').body).not.toMatch(/https?:\/\//);
    }
    // The sample must exercise what it checks (bots and tunings change: widen AAR_SEEDS if this fails).
    if (id === 'grey-meridian') expect(misattributed + leaked).toBeGreaterThan(0);
  }, 120_000);
});
