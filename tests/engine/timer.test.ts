import { describe, it, expect } from 'vitest';
import { createMatch, timeLeft } from '../../shared/engine/match.ts';
import { countingGame, countScenario } from './counting-game.ts';
import { apply, control, refused } from './helpers.ts';

/** Every timestamp below is given explicitly, as a server's clock would give it: the engine reads no clock. */
const game = countingGame();
const T0 = 1_000_000;
/** Planning opened at T0; the counting game plans for 60 s. */
const opened = () => apply(game, createMatch(game, countScenario, 1), control({ type: 'start' }, 0), control({ type: 'openPlanning' }, T0));

describe('the planning timer', () => {
  it('opening planning sets the deadline at the given time plus the ruleset’s seconds', () => {
    const m = opened();
    expect(m.timer).toEqual({ seconds: 60, deadline: T0 + 60_000, remainingMs: null, paused: false });
    expect(timeLeft(m, T0)).toBe(60_000);
    expect(timeLeft(m, T0 + 45_500)).toBe(14_500);
    expect(timeLeft(m, T0 + 60_000)).toBe(0);
    expect(timeLeft(m, T0 + 99_000)).toBe(0);
  });

  it('there is no time left outside planning', () => {
    const lobby = createMatch(game, countScenario, 1);
    expect(timeLeft(lobby, T0)).toBeNull();
    const briefing = apply(game, lobby, control({ type: 'start' }));
    expect(timeLeft(briefing, T0)).toBeNull();
    const debrief = apply(game, opened(), control({ type: 'closePlanning', reason: 'timer' }, T0 + 60_000));
    expect(timeLeft(debrief, T0)).toBeNull();
    expect(debrief.timer).toEqual({ seconds: 60, deadline: null, remainingMs: null, paused: false });
  });

  it('pause freezes what is left; resume restarts the count from the resume time', () => {
    const paused = apply(game, opened(), control({ type: 'pause' }, T0 + 20_000));
    expect(paused.timer).toEqual({ seconds: 60, deadline: null, remainingMs: 40_000, paused: true });
    expect(timeLeft(paused, T0 + 20_000)).toBe(40_000);
    expect(timeLeft(paused, T0 + 500_000)).toBe(40_000);
    const resumed = apply(game, paused, control({ type: 'resume' }, T0 + 300_000));
    expect(resumed.timer).toEqual({ seconds: 60, deadline: T0 + 340_000, remainingMs: null, paused: false });
    expect(timeLeft(resumed, T0 + 310_000)).toBe(30_000);
  });

  it('pausing after the deadline leaves nothing, not a negative time', () => {
    const paused = apply(game, opened(), control({ type: 'pause' }, T0 + 75_000));
    expect(paused.timer.remainingMs).toBe(0);
    expect(timeLeft(paused, T0 + 80_000)).toBe(0);
  });

  it('extend moves a running deadline, or adds to what is left while paused', () => {
    const running = apply(game, opened(), control({ type: 'extend', seconds: 30 }, T0 + 10_000));
    expect(running.timer.deadline).toBe(T0 + 90_000);
    expect(timeLeft(running, T0 + 10_000)).toBe(80_000);

    const paused = apply(game, opened(), control({ type: 'pause' }, T0 + 50_000), control({ type: 'extend', seconds: 120 }, T0 + 55_000));
    expect(paused.timer).toEqual({ seconds: 60, deadline: null, remainingMs: 130_000, paused: true });
    const resumed = apply(game, paused, control({ type: 'resume' }, T0 + 70_000));
    expect(resumed.timer.deadline).toBe(T0 + 200_000);
  });

  it('pause, resume and extend add up over several rounds', () => {
    const m = apply(
      game,
      opened(),
      control({ type: 'pause' }, T0 + 5_000), // 55 s left
      control({ type: 'resume' }, T0 + 65_000), // deadline T0 + 120 s
      control({ type: 'extend', seconds: 10 }, T0 + 70_000), // deadline T0 + 130 s
      control({ type: 'pause' }, T0 + 100_000), // 30 s left
      control({ type: 'extend', seconds: 15 }, T0 + 101_000), // 45 s left
      control({ type: 'resume' }, T0 + 200_000), // deadline T0 + 245 s
    );
    expect(m.timer).toEqual({ seconds: 60, deadline: T0 + 245_000, remainingMs: null, paused: false });
    expect(timeLeft(m, T0 + 240_000)).toBe(5_000);
  });

  it('refuses to pause twice or resume a running timer', () => {
    expect(refused(game, opened(), control({ type: 'resume' }, T0))).toEqual({ code: 'not-paused', message: 'The timer is not paused.' });
    const paused = apply(game, opened(), control({ type: 'pause' }, T0 + 1));
    expect(refused(game, paused, control({ type: 'pause' }, T0 + 2))).toEqual({ code: 'already-paused', message: 'The timer is already paused.' });
  });

  it('an extension is between 1 second and 1 hour', () => {
    for (const seconds of [0, -5, 0.5, 3601, Number.NaN, Number.POSITIVE_INFINITY]) {
      const e = refused(game, opened(), control({ type: 'extend', seconds }, T0));
      expect(e).toEqual({ code: 'bad-extension', message: 'An extension must be between 1 second and 1 hour.' });
    }
    expect(apply(game, opened(), control({ type: 'extend', seconds: 1 }, T0)).timer.deadline).toBe(T0 + 61_000);
    expect(apply(game, opened(), control({ type: 'extend', seconds: 3600 }, T0)).timer.deadline).toBe(T0 + 3_660_000);
  });

  it('each planning window starts a fresh timer', () => {
    const m = apply(
      game,
      opened(),
      control({ type: 'pause' }, T0 + 1_000),
      control({ type: 'closePlanning', reason: 'facilitator' }, T0 + 2_000),
      control({ type: 'nextTurn' }, T0 + 3_000),
      control({ type: 'openPlanning' }, T0 + 4_000),
    );
    expect(m.timer).toEqual({ seconds: 60, deadline: T0 + 64_000, remainingMs: null, paused: false });
  });
});
