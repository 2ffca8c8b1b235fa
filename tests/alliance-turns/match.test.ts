import { describe, it, expect, vi, afterEach } from 'vitest';
import { allianceTurns, allianceTurnsScenario } from '../../shared/alliance-turns/index.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { createMatch, humanSeats } from '../../shared/engine/match.ts';
import { replay } from '../../shared/engine/replay.ts';
import { findRuleset, rulesetIds, rulesets } from '../../shared/rulesets.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { scenarios } from '../../shared/scenarios/index.ts';
import { apply, control, input } from '../engine/helpers.ts';
import { SEATS, seat } from './helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const bytes = (run: ReturnType<typeof autoplay>) => JSON.stringify({ state: run.match.state, events: run.match.events, record: run.record });

describe('alliance-turns matches', () => {
  it('autoplay plays 100 turns, every seat ordering every turn, with no input refused', () => {
    const run = autoplay(allianceTurns, allianceTurnsScenario, 2024);
    expect(run.match.phase).toBe('ended');
    expect(run.match.turn).toBe(100);
    expect(run.rejected).toEqual([]);
    expect(run.match.bots).toEqual([...SEATS]);
    expect(run.record.entries.filter((e) => e.kind === 'input')).toHaveLength(600);
    expect(run.match.events.filter((e) => e.type === 'FreshnessChanged')).toHaveLength(600);
    expect(run.match.events.filter((e) => e.type === 'SeatPassed')).toHaveLength(0);
    expect(run.match.state.capabilities.reduce((n, c) => n + c.uses, 0)).toBe(600);
    expect(run.match.state.pressure.flat().reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(600);
  });

  it('the replay of the record equals the live run', () => {
    const run = autoplay(allianceTurns, allianceTurnsScenario, 77);
    const r = replay(allianceTurns, allianceTurnsScenario, JSON.parse(JSON.stringify(run.record)));
    expect(r.ok).toBe(true);
    expect(r.ok && JSON.stringify(r.match)).toBe(JSON.stringify(run.match));
  });

  it('two autoplays with the same seed are byte-identical; another seed gives another match', () => {
    const a = autoplay(allianceTurns, allianceTurnsScenario, 5, { turns: 20 });
    expect(bytes(autoplay(allianceTurns, allianceTurnsScenario, 5, { turns: 20 }))).toBe(bytes(a));
    const b = autoplay(allianceTurns, allianceTurnsScenario, 6, { turns: 20 });
    expect(JSON.stringify(b.match.state.pressure)).not.toBe(JSON.stringify(a.match.state.pressure));
  });

  it('nothing in a match reads Math.random or the clock', () => {
    const trap = (name: string) => () => {
      throw new Error(`${name} was called during a match`);
    };
    vi.spyOn(Math, 'random').mockImplementation(trap('Math.random'));
    vi.spyOn(Date, 'now').mockImplementation(trap('Date.now'));
    vi.spyOn(performance, 'now').mockImplementation(trap('performance.now'));
    const { match, record } = autoplay(allianceTurns, allianceTurnsScenario, 99, { turns: 10 });
    const r = replay(allianceTurns, allianceTurnsScenario, record);
    expect(r.ok && JSON.stringify(r.match)).toBe(JSON.stringify(match));
  });

  it('through the engine: all six seats are human, and a seat that did not order passes at close', () => {
    let m = createMatch(allianceTurns, allianceTurnsScenario, 3);
    expect(humanSeats(allianceTurns, m)).toEqual([...SEATS]);
    m = apply(allianceTurns, m, control({ type: 'start' }), control({ type: 'openPlanning' }, 10));
    for (const who of SEATS.slice(0, 4)) m = apply(allianceTurns, m, input(seat(who), { capabilityId: `${who}-05`, targetSeat: who === 'alpha' ? 'bravo' : 'alpha' }));
    m = apply(allianceTurns, m, control({ type: 'closePlanning', reason: 'timer' }, 20));
    expect(m.phase).toBe('debrief');
    expect(m.events.filter((e) => e.type === 'SeatPassed').map((e) => e.data?.['seat'])).toEqual(['echo', 'foxtrot']);
    expect(m.events.filter((e) => e.type === 'FreshnessChanged')).toHaveLength(4);
    expect(m.drafts).toEqual({ orders: [] });
  });
});

describe('ruleset registry', () => {
  it('finds each ruleset and its scenarios by id', () => {
    const at = findRuleset('alliance-turns');
    expect(at?.ruleset).toBe(allianceTurns);
    expect(at?.findScenario('alliance-turns')).toBe(allianceTurnsScenario);
    const ca = findRuleset('cyber-alliance');
    expect(ca?.ruleset).toBe(cyberAlliance);
    expect(ca?.scenarios).toBe(scenarios);
    expect(ca?.findScenario('baltic-shield')?.id).toBe('baltic-shield');
    expect(ca?.findScenario('alliance-turns')).toBeUndefined();
  });

  it('every key is its ruleset id, and the listing order names every key once', () => {
    expect([...rulesetIds].sort()).toEqual(Object.keys(rulesets).sort());
    for (const id of rulesetIds) expect(rulesets[id].ruleset.id).toBe(id);
  });

  it.each(['nope', 'toString', '__proto__', 'constructor', ''])('an unknown id (%j) finds nothing', (id) => {
    expect(findRuleset(id)).toBeUndefined();
  });

  it('every shipped scenario parses with its own ruleset and plays a turn', () => {
    for (const id of rulesetIds) {
      const entry = findRuleset(id);
      if (!entry) throw new Error(`no entry for ${id}`);
      for (const sc of entry.scenarios) {
        expect(entry.ruleset.parseScenario(JSON.parse(JSON.stringify(sc))).ok).toBe(true);
        const run = autoplay(entry.ruleset, sc, 1, { turns: 1 });
        expect(run.match.turn).toBe(1);
      }
    }
  });
});
