import { describe, it, expect } from 'vitest';
import { allReady, createMatch, humanSeats, matchView, type Match } from '../../shared/engine/match.ts';
import { countingGame, countScenario, seat, type CountDrafts, type CountState } from './counting-game.ts';
import { apply, control, input, ready, refused } from './helpers.ts';

const game = countingGame();
const ann = seat('ann');
const bob = seat('bob');
const cy = seat('cy');

const lobby = () => createMatch(game, countScenario, 1);
const briefing = () => apply(game, lobby(), control({ type: 'start' }));
const planning = (at = 0) => apply(game, briefing(), control({ type: 'openPlanning' }, at));
const debrief = () => apply(game, planning(), control({ type: 'closePlanning', reason: 'all-ready' }));

describe('the phase machine', () => {
  it('a new match waits in the lobby at turn 0 with the ruleset’s bots', () => {
    const m = lobby();
    expect(m.phase).toBe('lobby');
    expect(m.turn).toBe(0);
    expect(m.bots).toEqual(['cy']);
    expect(m.ready).toEqual([]);
    expect(m.events).toEqual([]);
    expect(m.applied).toBe(0);
  });

  it('goes lobby → briefing → planning → debrief → briefing … → ended, one turn per cycle', () => {
    let m: Match<CountState, CountDrafts> = lobby();
    const seen: string[] = [`${m.phase}:${m.turn}`];
    const step = (type: 'start' | 'openPlanning' | 'closePlanning' | 'nextTurn') => {
      m = apply(game, m, control(type === 'closePlanning' ? { type, reason: 'timer' } : { type }));
      seen.push(`${m.phase}:${m.turn}`);
    };
    step('start');
    for (let t = 1; t <= countScenario.turns; t++) {
      step('openPlanning');
      step('closePlanning');
      step('nextTurn');
    }
    expect(seen).toEqual([
      'lobby:0',
      'briefing:1', 'planning:1', 'debrief:1',
      'briefing:2', 'planning:2', 'debrief:2',
      'briefing:3', 'planning:3', 'debrief:3',
      'ended:3',
    ]);
    expect(m.applied).toBe(1 + 3 * countScenario.turns);
    expect(m.events.filter((e) => e.type === 'TurnBegan').map((e) => e.turn)).toEqual([1, 2, 3]);
  });

  it('refuses a step taken in the wrong phase, with a sentence naming the phase', () => {
    const cases = [
      { m: lobby(), action: { type: 'openPlanning' } as const, phase: 'lobby', verb: 'open planning' },
      { m: lobby(), action: { type: 'nextTurn' } as const, phase: 'lobby', verb: 'move to the next turn' },
      { m: briefing(), action: { type: 'start' } as const, phase: 'briefing', verb: 'start the match' },
      { m: briefing(), action: { type: 'closePlanning', reason: 'facilitator' } as const, phase: 'briefing', verb: 'close planning' },
      { m: planning(), action: { type: 'nextTurn' } as const, phase: 'planning', verb: 'move to the next turn' },
      { m: planning(), action: { type: 'openPlanning' } as const, phase: 'planning', verb: 'open planning' },
      { m: debrief(), action: { type: 'closePlanning', reason: 'timer' } as const, phase: 'debrief', verb: 'close planning' },
      { m: debrief(), action: { type: 'pause' } as const, phase: 'debrief', verb: 'pause the timer' },
      { m: briefing(), action: { type: 'resume' } as const, phase: 'briefing', verb: 'resume the timer' },
      { m: lobby(), action: { type: 'extend', seconds: 30 } as const, phase: 'lobby', verb: 'extend the timer' },
    ];
    for (const c of cases) {
      const e = refused(game, c.m, control(c.action));
      expect(e.code).toBe('wrong-phase');
      expect(e.message).toBe(`You cannot ${c.verb} now: the match is in ${c.phase}.`);
    }
  });

  it('nothing is accepted once the match has ended', () => {
    const m = apply(game, planning(), control({ type: 'end', reason: 'time is up' }));
    expect(m.phase).toBe('ended');
    for (const entry of [control({ type: 'start' }), control({ type: 'end', reason: 'again' }), control({ type: 'setBot', seat: ann, bot: true }), input('facilitator', { type: 'bonus', n: 1 }), ready(ann)]) {
      const e = refused(game, m, entry);
      expect(e).toEqual({ code: 'match-ended', message: 'The match has ended.' });
    }
  });

  it('the facilitator may end the match from any phase before the end', () => {
    for (const m of [lobby(), briefing(), planning(), debrief()]) {
      const ended = apply(game, m, control({ type: 'end', reason: 'called off' }));
      expect(ended.phase).toBe('ended');
      expect(ended.turn).toBe(m.turn);
      expect(ended.state).toBe(m.state);
    }
  });

  it('every entry applied counts in `applied`, and a refused one does not', () => {
    const m = planning();
    expect(m.applied).toBe(2);
    refused(game, m, control({ type: 'start' }));
    expect(apply(game, m, input(ann, { type: 'add', n: 2 })).applied).toBe(3);
  });
});

describe('inputs', () => {
  it('seats give inputs only during planning', () => {
    for (const m of [briefing(), debrief()]) {
      const e = refused(game, m, input(ann, { type: 'add', n: 1 }));
      expect(e.code).toBe('wrong-phase');
      expect(e.message).toBe(`You cannot give orders now: the match is in ${m.phase}.`);
    }
    expect(refused(game, lobby(), input(ann, { type: 'add', n: 1 })).code).toBe('wrong-phase');
    const m = apply(game, planning(), input(ann, { type: 'add', n: 2 }));
    expect(m.drafts.adds).toEqual([{ seat: 'ann', n: 2 }]);
  });

  it('an unknown seat is refused before anything else, in any phase', () => {
    for (const m of [briefing(), planning()]) {
      const e = refused(game, m, input(seat('zed'), { type: 'add', n: 1 }));
      expect(e).toEqual({ code: 'unknown-seat', message: 'There is no seat "zed" in this match.' });
    }
  });

  it('the ruleset’s own rejections pass through unchanged', () => {
    const m = apply(game, planning(), input(ann, { type: 'add', n: 1 }));
    expect(refused(game, m, input(ann, { type: 'add', n: 1 }))).toEqual({ code: 'already-added', message: 'You already added this turn.' });
    expect(refused(game, m, input(bob, { type: 'add', n: 7 }))).toEqual({ code: 'bad-add', message: 'You may add 1, 2 or 3.' });
    expect(refused(game, m, input(bob, { type: 'bonus', n: 7 })).code).toBe('not-facilitator');
  });

  it('the facilitator acts in every phase but the lobby', () => {
    const e = refused(game, lobby(), input('facilitator', { type: 'bonus', n: 5 }));
    expect(e).toEqual({ code: 'wrong-phase', message: 'You cannot act on the game now: the match is in lobby.' });
    for (const m of [briefing(), planning(), debrief()]) {
      const after = apply(game, m, input('facilitator', { type: 'bonus', n: 5 }));
      expect(after.state.pot).toBe(m.state.pot + 5);
      expect(after.phase).toBe(m.phase);
      const last = after.events.at(-1);
      expect(last?.type).toBe('BonusGiven');
      expect(last?.turn).toBe(m.turn);
    }
  });

  it('drafts are resolved at the close of planning and then cleared', () => {
    let m = apply(game, planning(), input(ann, { type: 'add', n: 3 }), input(bob, { type: 'add', n: 1 }));
    m = apply(game, m, control({ type: 'closePlanning', reason: 'all-ready' }));
    expect(m.state.totals).toEqual([
      { seat: 'ann', total: 3 },
      { seat: 'bob', total: 1 },
      { seat: 'cy', total: 0 },
    ]);
    expect(m.drafts).toEqual({ adds: [] });
  });
});

describe('readiness', () => {
  it('only humans must be ready: bots never hold planning open', () => {
    let m = planning();
    expect(humanSeats(game, m)).toEqual(['ann', 'bob']);
    expect(allReady(game, m)).toBe(false);
    m = apply(game, m, ready(ann));
    expect(allReady(game, m)).toBe(false);
    m = apply(game, m, ready(bob));
    expect(m.ready).toEqual(['ann', 'bob']);
    expect(allReady(game, m)).toBe(true);
  });

  it('a seat can take its readiness back; marking twice is harmless; the list stays sorted', () => {
    let m = apply(game, planning(), ready(bob), ready(ann), ready(bob));
    expect(m.ready).toEqual(['ann', 'bob']);
    m = apply(game, m, ready(ann, false));
    expect(m.ready).toEqual(['bob']);
    expect(allReady(game, m)).toBe(false);
  });

  it('readiness is only marked during planning, by a known seat', () => {
    expect(refused(game, briefing(), ready(ann)).code).toBe('wrong-phase');
    expect(refused(game, debrief(), ready(ann)).message).toBe('You cannot mark ready now: the match is in debrief.');
    expect(refused(game, planning(), ready(seat('zed'))).code).toBe('unknown-seat');
  });

  it('is not “all ready” outside planning, and readiness resets each window', () => {
    const m = apply(game, planning(), ready(ann), ready(bob));
    const closed = apply(game, m, control({ type: 'closePlanning', reason: 'all-ready' }));
    expect(closed.ready).toEqual([]);
    expect(allReady(game, closed)).toBe(false);
    const next = apply(game, closed, control({ type: 'nextTurn' }), control({ type: 'openPlanning' }));
    expect(next.ready).toEqual([]);
    expect(allReady(game, next)).toBe(false);
  });

  it('a match played only by bots is all ready as soon as planning opens', () => {
    let m = lobby();
    m = apply(game, m, control({ type: 'setBot', seat: ann, bot: true }), control({ type: 'setBot', seat: bob, bot: true }));
    expect(allReady(game, m)).toBe(false);
    m = apply(game, m, control({ type: 'start' }), control({ type: 'openPlanning' }));
    expect(allReady(game, m)).toBe(true);
  });
});

describe('setBot', () => {
  it('hands a seat to the bot or back to a person, in any phase before the end', () => {
    for (const m0 of [lobby(), briefing(), planning(), debrief()]) {
      const m1 = apply(game, m0, control({ type: 'setBot', seat: ann, bot: true }));
      expect(m1.bots).toEqual(['ann', 'cy']);
      const m2 = apply(game, m1, control({ type: 'setBot', seat: cy, bot: false }), control({ type: 'setBot', seat: ann, bot: true }));
      expect(m2.bots).toEqual(['ann']);
      expect(m2.phase).toBe(m0.phase);
    }
  });

  it('a seat handed to the bot no longer needs to be ready', () => {
    let m = apply(game, planning(), ready(ann));
    expect(allReady(game, m)).toBe(false);
    m = apply(game, m, control({ type: 'setBot', seat: bob, bot: true }));
    expect(allReady(game, m)).toBe(true);
  });

  it('refuses an unknown seat', () => {
    expect(refused(game, lobby(), control({ type: 'setBot', seat: seat('zed'), bot: true }))).toEqual({ code: 'unknown-seat', message: 'There is no seat "zed" in this match.' });
  });
});

describe('matchView', () => {
  it('gives each viewer the clock, its projection and only the events it may know', () => {
    let m = apply(game, planning(1000), input(ann, { type: 'add', n: 2 }), input(bob, { type: 'add', n: 1 }));
    const annView = matchView(game, m, ann);
    expect(annView.view.pending).toEqual([{ seat: 'ann', n: 2 }]);
    expect(annView.timer.deadline).toBe(61_000);
    m = apply(game, m, control({ type: 'closePlanning', reason: 'all-ready' }));
    const types = (v: ReturnType<typeof matchView<never, CountState, CountDrafts, never, unknown>>) => v.events.map((e) => `${e.type}${e.text.includes('added') ? `(${e.text})` : ''}`);
    expect(types(matchView(game, m, ann))).toEqual(['TurnBegan', 'Counted(You added 2.)', 'PotGrew']);
    expect(types(matchView(game, m, bob))).toEqual(['TurnBegan', 'Counted(You added 1.)', 'PotGrew']);
    expect(types(matchView(game, m, 'observer'))).toEqual(['TurnBegan', 'PotGrew']);
    expect(types(matchView(game, m, 'facilitator'))).toEqual(['TurnBegan', 'Counted(You added 2.)', 'Counted(You added 1.)', 'PotGrew', 'NoiseRolled']);
    expect(matchView(game, m, ann).turnLimit).toBe(3);
  });
});
