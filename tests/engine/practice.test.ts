import { describe, expect, it } from 'vitest';
import { applyEntry, createMatch, type LogEntry, type Match, type MatchRecord } from '../../shared/engine/match.ts';
import { replay } from '../../shared/engine/replay.ts';
import { eventsOf, loadRecord } from '../../client/replay/model.ts';
import { turnRng } from '../../shared/engine/rng.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { cyberAlliance, type CyberDrafts, type CyberState, type Input } from '../../shared/rules/index.ts';
import { score } from '../../shared/rules/scoring.ts';
import { findScenario } from '../../shared/scenarios/index.ts';

type M = Match<CyberState, CyberDrafts>;
type E = LogEntry<Input>;
const scenario = findScenario('baltic-shield')!;
const SEED = 11;

/** Plays `entries` from a fresh lobby, keeping the log of what was accepted. */
function play(build: (m: () => M, push: (e: E) => void) => void): { match: M; record: MatchRecord<Input> } {
  let m: M = createMatch(cyberAlliance, scenario, SEED);
  const entries: E[] = [];
  build(() => m, (e) => {
    const r = applyEntry(cyberAlliance, m, e);
    if (!r.ok) throw new Error(`${JSON.stringify(e)}: ${r.error.message}`);
    m = r.value;
    entries.push(e);
  });
  return { match: m, record: { format: 1, ruleset: cyberAlliance.id, scenario: cyberAlliance.scenarioKey(scenario), seed: SEED, entries } };
}

let at = 0;
const control = (action: Extract<E, { kind: 'control' }>['action']): E => ({ at: ++at, kind: 'control', action });

/** Every seat gives what the bot would give: a busy turn (operations, shares, offers). */
function everyoneActs(m: () => M, push: (e: E) => void): void {
  for (const seat of cyberAlliance.seats(m().state).map((s) => s.id)) {
    const rng = turnRng(m().seed, m().turn);
    for (const input of cyberAlliance.botInputs(m().state, m().drafts, seat, { stream: (n: string) => rng.stream(`bot:${seat}:0:${n}`) })) {
      const r = applyEntry(cyberAlliance, m(), { at: ++at, kind: 'input', seat: seat as SeatId, input });
      if (r.ok) push({ at, kind: 'input', seat: seat as SeatId, input });
    }
  }
}

/**
 * The practice turn (issue 14; shared/engine/match.ts `practice`): the facilitator runs turn 0
 * before the match, everyone plays it like a real turn, and `start` throws its results away.
 */
describe('a practice turn', () => {
  const practised = play((m, push) => {
    push(control({ type: 'practice' }));
    push(control({ type: 'openPlanning' }));
    everyoneActs(m, push);
    push(control({ type: 'closePlanning', reason: 'facilitator' }));
  });

  it('is played like a turn (turn 0: briefing, planning, a resolution with results) and can only start from the lobby', () => {
    const m = practised.match;
    expect(m.phase).toBe('debrief');
    expect(m.turn).toBe(0);
    expect(m.practice).toBeDefined();
    expect(m.events.filter((e) => e.turn === 0).length).toBeGreaterThan(5);
    expect(JSON.stringify(m.state)).not.toBe(JSON.stringify(createMatch(cyberAlliance, scenario, SEED).state));
    const again = applyEntry(cyberAlliance, m, control({ type: 'practice' }));
    expect(again.ok ? null : again.error.code).toBe('wrong-phase');
  });

  it('leaves nothing behind once the match starts: the state, events and scores of turn 1 are those of a match started straight from the lobby', () => {
    const direct = play((_m, push) => push(control({ type: 'start' }))).match;
    for (const end of [{ type: 'start' } as const, { type: 'nextTurn' } as const]) {
      const r = applyEntry(cyberAlliance, practised.match, control(end));
      if (!r.ok) throw new Error(r.error.message);
      const started = r.value;
      expect(started.phase).toBe('briefing');
      expect(started.turn).toBe(1);
      expect(started.practice).toBeUndefined();
      expect(started.ready).toEqual([]);
      expect(JSON.stringify(started.state)).toBe(JSON.stringify(direct.state));
      expect(started.events).toEqual(direct.events);
      expect(started.drafts).toEqual(direct.drafts);
      expect(score(started.state)).toEqual(score(direct.state));
    }
  });

  it('can be abandoned mid-planning by starting the match: its orders are dropped', () => {
    const mid = play((m, push) => {
      push(control({ type: 'practice' }));
      push(control({ type: 'openPlanning' }));
      everyoneActs(m, push);
      push(control({ type: 'start' }));
    }).match;
    const direct = play((_m, push) => push(control({ type: 'start' }))).match;
    expect(JSON.stringify(mid.state)).toBe(JSON.stringify(direct.state));
    expect(mid.drafts).toEqual(direct.drafts);
  });

  it('is in the record, and the record replays deterministically through it to the same match', () => {
    const full = play((m, push) => {
      push(control({ type: 'practice' }));
      push(control({ type: 'openPlanning' }));
      everyoneActs(m, push);
      push(control({ type: 'closePlanning', reason: 'all-ready' }));
      push(control({ type: 'start' }));
      push(control({ type: 'openPlanning' }));
      everyoneActs(m, push);
      push(control({ type: 'closePlanning', reason: 'all-ready' }));
    });
    expect(full.record.entries.some((e) => e.kind === 'control' && e.action.type === 'practice')).toBe(true);
    const r = replay(cyberAlliance, scenario, JSON.parse(JSON.stringify(full.record)) as MatchRecord<Input>);
    if (!r.ok) throw new Error(r.error.message);
    expect(JSON.stringify(r.match.state)).toBe(JSON.stringify(full.match.state));
    expect(r.match.events).toEqual(full.match.events);
    expect(r.match.events.every((e) => e.turn >= 1)).toBe(true);
  });

  it('replays in the viewer with each event at the step it appeared, the discarded practice events gone', () => {
    const full = play((m, push) => {
      push(control({ type: 'practice' }));
      push(control({ type: 'openPlanning' }));
      everyoneActs(m, push);
      push(control({ type: 'closePlanning', reason: 'all-ready' }));
      push(control({ type: 'start' }));
    });
    const loaded = loadRecord(JSON.parse(JSON.stringify(full.record)));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const startStep = full.record.entries.length; // the step of the last entry, `start`
    const events = eventsOf(loaded.value, 'facilitator');
    expect(events.length).toBe(full.match.events.length);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.step).toBe(startStep);
  });
});
