import { describe, it, expect, vi, afterEach } from 'vitest';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { replay } from '../../shared/engine/replay.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { withRandomBot } from '../properties/cyber-moves.ts';

const scenarios = ['baltic-shield', 'grey-meridian'].map((id) => {
  const s = findScenario(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
});

const bytes = (run: ReturnType<typeof autoplay>) => ({
  state: JSON.stringify(run.match.state),
  events: JSON.stringify(run.match.events),
  record: JSON.stringify(run.record),
});

/** The state without its own copy of the seed, so that a difference must come from play. */
const played = (run: ReturnType<typeof autoplay>) => JSON.stringify({ ...(run.match.state as object), seed: null });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('determinism', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s: two autoplays with the same seed are byte-identical', (_id, scenario) => {
    for (const ruleset of [cyberAlliance, withRandomBot]) {
      const a = bytes(autoplay(ruleset, scenario, 1234));
      const b = bytes(autoplay(ruleset, scenario, 1234));
      expect(b.state).toBe(a.state);
      expect(b.events).toBe(a.events);
      expect(b.record).toBe(a.record);
    }
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: different seeds give different matches', (_id, scenario) => {
    const a = autoplay(cyberAlliance, scenario, 1);
    const b = autoplay(cyberAlliance, scenario, 2);
    expect(bytes(b).state).not.toBe(bytes(a).state);
    expect(bytes(b).record).not.toBe(bytes(a).record);
    // With orders on the table, the rolls (and so the play) differ too, not just the seed.
    const c = autoplay(withRandomBot, scenario, 1);
    const d = autoplay(withRandomBot, scenario, 2);
    expect(played(d)).not.toBe(played(c));
    expect(bytes(d).events).not.toBe(bytes(c).events);
  });

  it('nothing in a match reads Math.random or the clock', () => {
    const trap = (name: string) => () => {
      throw new Error(`${name} was called during a match`);
    };
    vi.spyOn(Math, 'random').mockImplementation(trap('Math.random'));
    vi.spyOn(Date, 'now').mockImplementation(trap('Date.now'));
    vi.spyOn(performance, 'now').mockImplementation(trap('performance.now'));
    for (const scenario of scenarios) {
      const { match, record } = autoplay(withRandomBot, scenario, 99);
      const r = replay(cyberAlliance, scenario, record);
      expect(r.ok && JSON.stringify(r.match)).toBe(JSON.stringify(match));
    }
    expect(Math.random).not.toHaveBeenCalled();
    expect(Date.now).not.toHaveBeenCalled();
  });
});
