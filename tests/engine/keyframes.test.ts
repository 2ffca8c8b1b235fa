import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { buildIndex, keyframeBytes, lastStep, resolvedSteps, seek, stepAtTurn, type ReplayIndex } from '../../shared/engine/keyframes.ts';
import type { Match, MatchRecord } from '../../shared/engine/match.ts';
import { replay } from '../../shared/engine/replay.ts';
import type { Ruleset } from '../../shared/engine/ruleset.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { runs } from '../properties/runs.ts';
import { countingGame, countScenario } from './counting-game.ts';

const baltic = findScenario('baltic-shield');
if (!baltic) throw new Error('baltic-shield is not shipped');

/** The straight fold: the record cut after `step` entries, replayed from scratch. */
function straight<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, scenario: Sc, record: MatchRecord<I>, step: number): Match<S, D> {
  const r = replay(ruleset, scenario, { ...record, entries: record.entries.slice(0, step) });
  if (!r.ok) throw new Error(`straight replay failed: ${r.error.message}`);
  return r.match;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const live = autoplay(cyberAlliance, baltic, 5);
const index = must(buildIndex(cyberAlliance, baltic, live.record));

describe('keyframed replay', () => {
  it('indexes every entry, with a keyframe at setup and at each turn boundary', () => {
    expect(index.error).toBeNull();
    expect(lastStep(index)).toBe(live.record.entries.length);
    expect(index.steps.map((s) => s.step)).toEqual([...Array(live.record.entries.length + 1).keys()]);
    expect(index.keyframes.map((k) => k.match.turn)).toEqual([...Array(baltic.turns + 1).keys()]);
    for (const k of index.keyframes) expect(k.match.applied).toBe(k.step);
    expect(index.steps.at(-1)?.phase).toBe('ended');
    expect(resolvedSteps(index).map((r) => r.turn)).toEqual([...Array(baltic.turns).keys()].map((t) => t + 1));
    expect(keyframeBytes(index)).toBeGreaterThan(JSON.stringify(live.match.state).length);
  });

  it('seeking to every step equals a straight replay to it (property, random steps)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lastStep(index) }), (step) => {
        const sought = must(seek(index, step));
        expect(sought.applied).toBe(step);
        expect(JSON.stringify(sought)).toBe(JSON.stringify(straight(cyberAlliance, baltic, live.record, step)));
      }),
      { numRuns: runs(60) },
    );
  });

  it('seeking from a match already held (stepping while playing) equals seeking from a keyframe', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lastStep(index) }), fc.integer({ min: 0, max: 30 }), (a, d) => {
        const b = Math.min(lastStep(index), a + d);
        const from = must(seek(index, a));
        expect(JSON.stringify(must(seek(index, b, from)))).toBe(JSON.stringify(must(seek(index, b))));
      }),
      { numRuns: runs(40) },
    );
  });

  it('the final step is the live final match; a seek never changes a keyframe', () => {
    const before = JSON.stringify(index.keyframes.map((k) => k.match));
    expect(JSON.stringify(must(seek(index, lastStep(index))))).toBe(JSON.stringify(live.match));
    for (let t = 1; t <= baltic.turns; t++) must(seek(index, (stepAtTurn(index, t) ?? 0) + 3));
    expect(JSON.stringify(index.keyframes.map((k) => k.match))).toBe(before);
  });

  it('a seek replays at most one turn of entries', () => {
    const longest = Math.max(...index.keyframes.map((k, i) => (index.keyframes[i + 1]?.step ?? lastStep(index) + 1) - k.step));
    const perTurn = live.record.entries.length / baltic.turns;
    expect(longest).toBeLessThan(perTurn * 2);
    const every = must(buildIndex(cyberAlliance, baltic, live.record, { every: 5 }));
    const gaps = every.keyframes.slice(1).map((k, i) => k.step - (every.keyframes[i] as { step: number }).step);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5);
    expect(JSON.stringify(must(seek(every, 123)))).toBe(JSON.stringify(must(seek(index, 123))));
  });

  it('is generic: the counting game indexes and seeks too', () => {
    const game = countingGame();
    const played = autoplay(game, countScenario, 3);
    const ix: ReplayIndex<unknown, unknown, unknown, unknown, unknown> = must(buildIndex(game, countScenario, played.record)) as never;
    for (let s = 0; s <= lastStep(ix); s++) expect(JSON.stringify(must(seek(ix, s)))).toBe(JSON.stringify(straight(game, countScenario, played.record, s)));
  });

  it('refuses a wrong record, a bad step and a bad option with typed errors; stops at a bad entry', () => {
    const wrong = buildIndex(cyberAlliance, baltic, { ...live.record, ruleset: 'chess' });
    expect(wrong.ok ? null : wrong.error.code).toBe('wrong-ruleset');
    for (const bad of [-1, 1.5, lastStep(index) + 1, Number.NaN]) {
      const r = seek(index, bad);
      expect(r.ok ? null : r.error.code).toBe('bad-step');
    }
    const opt = buildIndex(cyberAlliance, baltic, live.record, { every: 0 });
    expect(opt.ok ? null : opt.error.code).toBe('bad-option');
    const broken = { ...live.record, entries: [...live.record.entries.slice(0, 40), { at: 0, kind: 'ready' as const, seat: 'nobody' as never, ready: true }, ...live.record.entries.slice(40)] };
    const partial = must(buildIndex(cyberAlliance, baltic, broken));
    expect(partial.error?.index).toBe(40);
    expect(lastStep(partial)).toBe(40);
  });
});
