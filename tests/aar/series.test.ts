import { describe, expect, it } from 'vitest';
import { seriesCharts } from '../../shared/aar/charts.ts';
import { seriesOf, seriesOfIndex, turnStates } from '../../shared/aar/series.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { buildIndex } from '../../shared/engine/keyframes.ts';
import { afterTurn, replay } from '../../shared/engine/replay.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { score } from '../../shared/rules/scoring.ts';
import type { CyberState } from '../../shared/rules/types.ts';
import { findScenario } from '../../shared/scenarios/index.ts';

const grey = findScenario('grey-meridian');
if (!grey) throw new Error('grey-meridian is not shipped');
const live = autoplay(cyberAlliance, grey, 3);
const built = buildIndex(cyberAlliance, grey, live.record);
if (!built.ok) throw new Error(built.error.message);
const index = built.value as never;

/** The state after turn t by a straight replay, independent of the keyframes. */
function stateAfter(t: number): CyberState {
  const r = replay(cyberAlliance, grey as never, live.record, afterTurn(t));
  if (!r.ok) throw new Error(r.error.message);
  return r.match.state;
}

describe('per-turn series', () => {
  const states = turnStates(index);
  if (!states.ok) throw new Error(states.error.message);
  const s = seriesOf(states.value);

  it('has one state per turn, each equal to a straight replay to the end of that turn', () => {
    expect(states.value.length).toBe(grey.turns + 1);
    for (const t of [0, 1, 5, grey.turns]) expect(JSON.stringify(states.value[t])).toBe(JSON.stringify(stateAfter(t)));
    expect(s.turns).toEqual([...Array(grey.turns + 1).keys()]);
  });

  it('freshness of every exploit per turn, with a marker for each use, discovery and patch', () => {
    const final = live.match.state;
    expect(s.exploits.map((e) => e.exploit)).toEqual(final.exploits.map((e) => e.id));
    for (const e of s.exploits) {
      expect(e.freshness.length).toBe(grey.turns + 1);
      const truth = final.exploits.find((x) => x.id === e.exploit);
      if (!truth) throw new Error('exploit missing');
      expect(e.freshness.at(-1)).toBe(truth.freshness);
      expect(e.markers.filter((m) => m.kind === 'used').reduce((n, m) => n + m.count, 0)).toBe(truth.uses);
      expect(e.markers.filter((m) => m.kind === 'patched').length).toBe(truth.patched ? 1 : 0);
      expect(e.markers.filter((m) => m.kind === 'discovered').length).toBe(truth.discovered ? 1 : 0);
      const patched = e.markers.find((m) => m.kind === 'patched');
      if (patched) expect(e.freshness[patched.turn]).toBe(0);
    }
    const t5 = stateAfter(5);
    for (const x of t5.exploits) expect(s.exploits.find((e) => e.exploit === x.id)?.freshness[5]).toBe(x.freshness);
    // Exploits written during the match have no value before they exist.
    const written = s.exploits.filter((e) => !states.value[0]?.exploits.some((x) => x.id === e.exploit));
    for (const e of written) expect(e.freshness[0]).toBeNull();
    expect(s.exploits.some((e) => e.markers.some((m) => m.kind === 'used'))).toBe(true);
  });

  it('scores per nation and the coalition per turn, from the scoring rules', () => {
    for (const t of [1, 7, grey.turns]) {
      const sc = score(stateAfter(t));
      expect(s.scores.coalition[t]).toBe(sc.coalition.total);
      for (const n of sc.nations) expect(s.scores.nations.find((x) => x.nation === n.nation)?.total[t]).toBe(n.total);
    }
    expect(s.scores.nations.length).toBe(12);
  });

  it('attributions right and wrong, cumulative, with who was blamed and who really did it', () => {
    const blamed = live.match.state.incidents.filter((i) => i.blamed !== null);
    expect((s.attributions.right.at(-1) ?? 0) + (s.attributions.wrong.at(-1) ?? 0)).toBe(blamed.length);
    expect(s.attributions.wrong.at(-1)).toBe(blamed.filter((i) => i.blamed !== i.user).length);
    for (const b of s.attributions.blames) {
      const i = blamed.find((x) => x.id === b.incident);
      expect(i && [i.blamed, i.user]).toEqual([b.blamed, b.user]);
      expect(stateAfter(b.turn).incidents.find((x) => x.id === b.incident)?.blamed).toBe(b.blamed);
      if (b.turn > 0) expect(stateAfter(b.turn - 1).incidents.find((x) => x.id === b.incident)?.blamed ?? null).toBeNull();
    }
    for (let t = 1; t < s.turns.length; t++) expect((s.attributions.right[t] ?? 0) >= (s.attributions.right[t - 1] ?? 0)).toBe(true);
  });

  it('availability of every network per turn', () => {
    const t3 = stateAfter(3);
    expect(s.availability.length).toBe(t3.networks.length);
    for (const w of t3.networks) expect(s.availability.find((a) => a.network === w.id)?.values[3]).toBe(w.availability);
  });

  it('a running match gives the turns resolved so far; an empty list gives empty series', () => {
    const cut = buildIndex(cyberAlliance, grey, { ...live.record, entries: live.record.entries.slice(0, 100) });
    if (!cut.ok) throw new Error(cut.error.message);
    const partial = seriesOfIndex(cut.value as never);
    if (!partial.ok) throw new Error(partial.error.message);
    expect(partial.value.turns.length).toBeLessThan(grey.turns + 1);
    expect(partial.value.turns.length).toBeGreaterThan(1);
    expect(seriesOf([]).turns).toEqual([]);
  });

  it('the standard charts are deterministic SVG, one per series kind', () => {
    const a = seriesCharts(s, { width: 640, height: 280, cursorTurn: 4 });
    const b = seriesCharts(seriesOf(states.value), { width: 640, height: 280, cursorTurn: 4 });
    expect(a).toEqual(b);
    for (const svg of Object.values(a)) {
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg.endsWith('</svg>')).toBe(true);
      expect(svg).toContain('width="640"');
    }
    expect(a.freshness).toContain('LANCE');
    expect(a.freshness).toContain('stroke-dasharray="3 3"');
  });
});
