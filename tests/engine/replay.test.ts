import { describe, it, expect } from 'vitest';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { createMatch, type LogEntry, type Match, type MatchRecord } from '../../shared/engine/match.ts';
import { afterTurn, replay, step } from '../../shared/engine/replay.ts';
import type { Ruleset } from '../../shared/engine/ruleset.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { withRandomBot } from '../properties/cyber-moves.ts';
import { countingGame, countScenario, seat } from './counting-game.ts';
import { control, input } from './helpers.ts';

const game = countingGame();
const baltic = findScenario('baltic-shield');
const grey = findScenario('grey-meridian');
if (!baltic || !grey) throw new Error('shipped scenarios missing');

/** What a live run looked like after each resolved turn: state, drafts and events, as JSON. */
function liveRun<Sc, S, D, I, P>(live: Ruleset<Sc, S, D, I, P>, scenario: Sc, seed: number, turns?: number) {
  const perTurn: string[] = [];
  const { match, record } = autoplay(live, scenario, seed, {
    ...(turns === undefined ? {} : { turns }),
    onTurn: (m) => perTurn.push(JSON.stringify({ state: m.state, drafts: m.drafts, events: m.events })),
  });
  return { match, record, perTurn };
}

function replayed<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, scenario: Sc, record: MatchRecord<I>, until?: (m: Match<S, D>) => boolean): Match<S, D> {
  const r = replay(ruleset, scenario, record, until);
  if (!r.ok) throw new Error(`replay failed at entry ${r.error.index}: ${r.error.code}: ${r.error.message}`);
  return r.match;
}

/** A live ruleset (with whatever bot) and the plain ruleset its record must replay against. */
const cases = [
  { name: 'the counting game', live: game, plain: game, scenario: countScenario, seed: 11 },
  { name: 'baltic-shield with the built-in bot', live: cyberAlliance, plain: cyberAlliance, scenario: baltic, seed: 7 },
  { name: 'grey-meridian with the built-in bot', live: cyberAlliance, plain: cyberAlliance, scenario: grey, seed: 3 },
  { name: 'baltic-shield with random orders', live: withRandomBot, plain: cyberAlliance, scenario: baltic, seed: 21 },
  { name: 'grey-meridian with random orders', live: withRandomBot, plain: cyberAlliance, scenario: grey, seed: 22 },
] as const;

describe('replay', () => {
  it.each(cases)('$name: the record replays to the live state at every turn', ({ live, plain, scenario, seed }) => {
    // Each case pairs a ruleset with its own scenario type; the union is too wide for one generic call.
    const L = live as Ruleset<unknown, unknown, unknown, unknown, unknown>;
    const P = plain as Ruleset<unknown, unknown, unknown, unknown, unknown>;
    const { match, record, perTurn } = liveRun(L, scenario, seed);
    expect(perTurn.length).toBe(P.turnLimit(match.state));
    perTurn.forEach((expected, i) => {
      const m = replayed(P, scenario, record, afterTurn(i + 1));
      expect(m.turn).toBe(i + 1);
      expect(m.phase).toBe('debrief');
      expect(JSON.stringify({ state: m.state, drafts: m.drafts, events: m.events })).toBe(expected);
    });
    const whole = replayed(P, scenario, record);
    expect(JSON.stringify(whole)).toBe(JSON.stringify(match));
    expect(whole.applied).toBe(record.entries.length);
  });

  it('a record survives JSON: written, read back, it replays to the same match', () => {
    const { match, record } = liveRun(withRandomBot, baltic, 5);
    const copy = JSON.parse(JSON.stringify(record)) as typeof record;
    expect(JSON.stringify(replayed(cyberAlliance, baltic, copy))).toBe(JSON.stringify(match));
  });

  it('afterTurn(0) stops right after setup, before any entry', () => {
    const { record } = liveRun(game, countScenario, 1);
    const m = replayed(game, countScenario, record, afterTurn(0));
    expect(m).toEqual(createMatch(game, countScenario, 1));
  });

  it('seeking past the last turn replays the whole record', () => {
    const { match, record } = liveRun(game, countScenario, 1);
    expect(replayed(game, countScenario, record, afterTurn(99))).toEqual(match);
    expect(match.phase).toBe('ended');
  });

  it('an autoplay stopped early ends at that turn and replays to it', () => {
    const { match, record, perTurn } = liveRun(cyberAlliance, grey, 3, 2);
    expect(perTurn.length).toBe(2);
    expect(match.phase).toBe('ended');
    expect(match.turn).toBe(2);
    expect(JSON.stringify(replayed(cyberAlliance, grey, record))).toBe(JSON.stringify(match));
  });
});

describe('replay stops at the first bad entry', () => {
  const { record } = liveRun(withRandomBot, baltic, 9);
  const bad: LogEntry<unknown> = { at: 0, kind: 'input', seat: 'nobody' as never, input: { type: 'order', order: { type: 'report', text: 'hi' } } };
  const tampered = (at: number, ...entries: LogEntry<unknown>[]): MatchRecord<never> => ({
    ...record,
    entries: [...record.entries.slice(0, at), ...entries, ...record.entries.slice(at)] as never[],
  });

  it('reports the index and reason of an entry for an unknown seat, and the match just before it', () => {
    const middle = Math.floor(record.entries.length / 2);
    const r = replay(cyberAlliance, baltic, tampered(middle, bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({ index: middle, code: 'unknown-seat', message: 'There is no seat "nobody" in this match.' });
    expect(r.match?.applied).toBe(middle);
    const prefix = replayed(cyberAlliance, baltic, { ...record, entries: record.entries.slice(0, middle) });
    expect(JSON.stringify(r.match)).toBe(JSON.stringify(prefix));
  });

  it('keeps order: with two bad entries, the first is the one reported', () => {
    const late = tampered(40, bad);
    const both = { ...late, entries: [...late.entries.slice(0, 10), { at: 0, kind: 'control', action: { type: 'start' } }, ...late.entries.slice(10)] } as MatchRecord<never>;
    const r = replay(cyberAlliance, baltic, both);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.index, r.error.code]).toEqual([10, 'wrong-phase']);
  });

  it('an entry the rules refuse stops the replay with the rules’ reason', () => {
    const firstInput = record.entries.findIndex((e) => e.kind === 'input');
    expect(firstInput).toBeGreaterThan(0);
    const junk: LogEntry<unknown> = { at: 0, kind: 'input', seat: 'aldoria' as never, input: { type: 'order', order: { type: 'operate', copy: 'no-such-copy', target: 'kr-adn' } } };
    const r = replay(cyberAlliance, baltic, tampered(firstInput, junk));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ index: firstInput, code: 'capability-not-held', message: 'You do not hold that capability.' });
  });

  it('refuses a record made for another scenario version or another ruleset, before any entry', () => {
    const wrongVersion = replay(cyberAlliance, { ...baltic, version: '9.9' }, record);
    expect(wrongVersion).toEqual({
      ok: false,
      match: null,
      error: { index: -1, code: 'wrong-scenario', message: `This record needs scenario baltic-shield v${baltic.version}; got baltic-shield v9.9.` },
    });
    const wrongId = replay(cyberAlliance, grey, record);
    expect(wrongId.ok).toBe(false);
    if (!wrongId.ok) expect(wrongId.error.code).toBe('wrong-scenario');
    const wrongRuleset = replay(game, countScenario, record as never);
    expect(wrongRuleset.ok).toBe(false);
    if (!wrongRuleset.ok) expect(wrongRuleset.error).toEqual({ index: -1, code: 'wrong-ruleset', message: 'This record is for ruleset "cyber-alliance", not "counting".' });
  });
});

describe('step', () => {
  it('appends what is accepted to the log, and nothing else', () => {
    const log: LogEntry<Parameters<typeof game.applyInput>[3]>[] = [];
    let m = createMatch(game, countScenario, 2);
    for (const entry of [control({ type: 'start' }, 1), control({ type: 'start' }, 2), control({ type: 'openPlanning' }, 3), input(seat('ann'), { type: 'add', n: 9 }, 4), input(seat('ann'), { type: 'add', n: 2 }, 5)]) {
      const r = step(game, m, log, entry);
      if (r.ok) m = r.value;
    }
    expect(log.map((e) => e.at)).toEqual([1, 3, 5]);
    const record = { format: 1 as const, ruleset: game.id, scenario: game.scenarioKey(countScenario), seed: 2, entries: log };
    expect(replayed(game, countScenario, record)).toEqual(m);
  });
});
