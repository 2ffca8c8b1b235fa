import { EMPTY_CHAT, moderateChat, postChat, type ChatLink, type ChatLog, type ModerationAction } from './chat.ts';
import { ok, reject, type Result } from './result.ts';
import { turnRng } from './rng.ts';
import type { GameEvent, Ruleset, SeatId } from './ruleset.ts';
import { eventsFor, type Viewer } from './ruleset.ts';

/**
 * docs/design.md §3: lobby → briefing → planning (timed) → resolution → debrief → briefing … → ended.
 * From the lobby the facilitator may first run a practice turn (turn 0): briefing → planning →
 * debrief like any turn, then `start` (or `nextTurn`) throws its results away and turn 1 begins
 * from the state the lobby had.
 */
export type Phase = 'lobby' | 'briefing' | 'planning' | 'resolution' | 'debrief' | 'ended';

/** Engine actions: the facilitator's controls and the phase clock. */
export type ControlAction =
  | { readonly type: 'start' }
  /** From the lobby: a practice turn (turn 0) whose results are discarded when the match starts. */
  | { readonly type: 'practice' }
  | { readonly type: 'openPlanning' }
  | { readonly type: 'closePlanning'; readonly reason: 'all-ready' | 'timer' | 'facilitator' }
  | { readonly type: 'nextTurn' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'extend'; readonly seconds: number }
  | { readonly type: 'end'; readonly reason: string }
  | { readonly type: 'setBot'; readonly seat: SeatId; readonly bot: boolean };

/** One line of the match log; `at` is a timestamp in ms given by whoever runs the engine. */
export type LogEntry<Input> =
  /**
   * `ready: true`: the input is the seat's whole turn (RulesetProtocol.marksReady), so it also
   * marks the seat ready — one entry, so that an order and the readiness it implies are
   * written, replayed and refused together.
   */
  | { readonly at: number; readonly kind: 'input'; readonly seat: SeatId | 'facilitator'; readonly input: Input; readonly ready?: true }
  | { readonly at: number; readonly kind: 'ready'; readonly seat: SeatId; readonly ready: boolean }
  | { readonly at: number; readonly kind: 'control'; readonly action: ControlAction }
  /**
   * A facilitator action that changes who sits where, not the game (kick, new join code…):
   * kept in the log for the audit trail a hot wash needs; replay passes over it.
   */
  | { readonly at: number; readonly kind: 'audit'; readonly action: string; readonly detail: Readonly<Record<string, string | number | boolean | null>> }
  /** A message in a negotiation channel (chat.ts, channels.ts): `author` is the person's display name. */
  | {
      readonly at: number;
      readonly kind: 'chat';
      readonly seat: SeatId | 'facilitator';
      readonly author: string;
      readonly channel: string;
      readonly text: string;
      readonly link?: ChatLink;
    }
  /** The facilitator hides a message or mutes a person (chat.ts). */
  | { readonly at: number; readonly kind: 'moderate'; readonly action: ModerationAction };

/**
 * Which scenario a record plays: a shipped one by id and version, or — for a match created
 * from an uploaded file — the scenario data itself in `data`, so that the record replays
 * anywhere without the file.
 */
export interface ScenarioKey {
  readonly id: string;
  readonly version: string;
  readonly data?: unknown;
}

/** A match record (docs/design.md §7): enough to replay every turn exactly. */
export interface MatchRecord<Input> {
  readonly format: 1;
  readonly ruleset: string;
  readonly scenario: ScenarioKey;
  readonly seed: number;
  readonly entries: readonly LogEntry<Input>[];
}

export interface Timer {
  readonly seconds: number;
  /** When planning closes, while running. */
  readonly deadline: number | null;
  /** What was left when paused. */
  readonly remainingMs: number | null;
  readonly paused: boolean;
}

export interface Match<State, Drafts> {
  readonly ruleset: string;
  readonly scenario: { readonly id: string; readonly version: string };
  readonly seed: number;
  readonly phase: Phase;
  readonly turn: number;
  readonly state: State;
  readonly drafts: Drafts;
  /** Seats that marked ready this planning window, sorted. */
  readonly ready: readonly SeatId[];
  /** Seats the bot plays, sorted. */
  readonly bots: readonly SeatId[];
  readonly timer: Timer;
  /** Every event so far, in order; each carries its turn and audience. */
  readonly events: readonly GameEvent[];
  /** How many log entries have been applied. */
  readonly applied: number;
  /** The talk (chat.ts); absent until the first message or moderation. */
  readonly chat?: ChatLog;
  /**
   * During a practice turn: the state the lobby had and how many events there were, put back
   * when the match starts. The practice's orders and talk stay in the record (the log is
   * append-only and replays them); its results never reach turn 1, nor any score.
   */
  readonly practice?: { readonly state: State; readonly events: number };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRuleset = Ruleset<any, any, any, any, any>;

export function createMatch<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, scenario: Sc, seed: number): Match<S, D> {
  const state = ruleset.setup(scenario, seed);
  const bots = ruleset.seats(state).filter((s) => s.botByDefault).map((s) => s.id).sort();
  return {
    ruleset: ruleset.id,
    scenario: ruleset.scenarioKey(scenario),
    seed,
    phase: 'lobby',
    turn: 0,
    state,
    drafts: ruleset.emptyDrafts(state),
    ready: [],
    bots,
    timer: { seconds: ruleset.planningSeconds(state), deadline: null, remainingMs: null, paused: false },
    events: [],
    applied: 0,
  };
}

/** Seats that must be ready before planning closes early: every seat a person plays. */
export function humanSeats<S, D>(ruleset: Ruleset<unknown, S, D, unknown, unknown>, match: Match<S, D>): SeatId[] {
  return ruleset.seats(match.state).map((s) => s.id).filter((id) => !match.bots.includes(id));
}

export function allReady<S, D>(ruleset: Ruleset<unknown, S, D, unknown, unknown>, match: Match<S, D>): boolean {
  return match.phase === 'planning' && humanSeats(ruleset, match).every((id) => match.ready.includes(id));
}

/** Milliseconds of planning left at `now`, or null outside planning. */
export function timeLeft(match: Match<unknown, unknown>, now: number): number | null {
  if (match.phase !== 'planning') return null;
  if (match.timer.paused) return match.timer.remainingMs;
  return match.timer.deadline === null ? null : Math.max(0, match.timer.deadline - now);
}

function wrongPhase<T>(action: string, phase: Phase): Result<T> {
  return reject('wrong-phase', `You cannot ${action} now: the match is in ${phase}.`);
}

/**
 * Applies one log entry. Pure: returns a new match or a rejection, never mutates.
 * The same fold rebuilds a match from its record (see replay.ts).
 */
export function applyEntry<Sc, S, D, I, P>(
  ruleset: Ruleset<Sc, S, D, I, P>,
  match: Match<S, D>,
  entry: LogEntry<I>,
): Result<Match<S, D>> {
  const r = applyInner(ruleset, match, entry);
  return r.ok ? ok({ ...r.value, applied: match.applied + 1 }) : r;
}

function applyInner<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, m: Match<S, D>, entry: LogEntry<I>): Result<Match<S, D>> {
  if (m.phase === 'ended') return reject('match-ended', 'The match has ended.');
  const isSeat = (seat: string) => ruleset.seats(m.state).some((s) => s.id === seat);
  switch (entry.kind) {
    case 'input': {
      if (entry.seat !== 'facilitator') {
        if (!isSeat(entry.seat)) return reject('unknown-seat', `There is no seat "${entry.seat}" in this match.`);
        if (m.phase !== 'planning') return wrongPhase('give orders', m.phase);
      } else if (m.phase === 'lobby') {
        return wrongPhase('act on the game', m.phase);
      }
      if (entry.ready && entry.seat === 'facilitator') return reject('not-a-seat', 'Only a seat can mark itself ready.');
      const r = ruleset.applyInput(m.state, m.drafts, entry.seat, entry.input);
      if (!r.ok) return r;
      const ready = entry.ready ? [...new Set([...m.ready, entry.seat as SeatId])].sort() : m.ready;
      return ok({ ...m, state: r.value.state, drafts: r.value.drafts, ready, events: stamp(m.events, r.value.events) });
    }
    case 'ready': {
      if (!isSeat(entry.seat)) return reject('unknown-seat', `There is no seat "${entry.seat}" in this match.`);
      if (m.phase !== 'planning') return wrongPhase('mark ready', m.phase);
      const ready = entry.ready ? [...new Set([...m.ready, entry.seat])].sort() : m.ready.filter((s) => s !== entry.seat);
      return ok({ ...m, ready });
    }
    case 'control':
      return control(ruleset, m, entry.action, entry.at, isSeat);
    case 'audit':
      return ok(m);
    case 'chat': {
      const { at, seat, author, channel, text, link } = entry;
      const r = postChat(m.chat ?? EMPTY_CHAT, ruleset.seats(m.state), { at, seat, author, channel, text, ...(link ? { link } : {}) }, m);
      return r.ok ? ok({ ...m, chat: r.value }) : r;
    }
    case 'moderate': {
      const r = moderateChat(m.chat ?? EMPTY_CHAT, ruleset.seats(m.state), entry.action);
      return r.ok ? ok({ ...m, chat: r.value }) : r;
    }
  }
}

function stamp(events: readonly GameEvent[], added: readonly GameEvent[]): GameEvent[] {
  return added.length === 0 ? (events as GameEvent[]) : [...events, ...added];
}

function control<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, m: Match<S, D>, a: ControlAction, at: number, isSeat: (seat: string) => boolean): Result<Match<S, D>> {
  switch (a.type) {
    case 'start': {
      if (m.practice) return ok(afterPractice(ruleset, m));
      if (m.phase !== 'lobby') return wrongPhase('start the match', m.phase);
      const b = ruleset.brief(m.state, 1);
      return ok({ ...m, phase: 'briefing', turn: 1, state: b.state, events: stamp(m.events, b.events) });
    }
    case 'practice': {
      if (m.phase !== 'lobby') return wrongPhase('run a practice turn', m.phase);
      const b = ruleset.brief(m.state, 0);
      return ok({ ...m, phase: 'briefing', turn: 0, state: b.state, events: stamp(m.events, b.events), practice: { state: m.state, events: m.events.length } });
    }
    case 'openPlanning': {
      if (m.phase !== 'briefing') return wrongPhase('open planning', m.phase);
      const seconds = ruleset.planningSeconds(m.state);
      return ok({ ...m, phase: 'planning', ready: [], timer: { seconds, deadline: at + seconds * 1000, remainingMs: null, paused: false } });
    }
    case 'closePlanning': {
      if (m.phase !== 'planning') return wrongPhase('close planning', m.phase);
      const r = ruleset.resolve(m.state, m.drafts, turnRng(m.seed, m.turn));
      return ok({
        ...m,
        phase: 'debrief',
        state: r.state,
        drafts: ruleset.emptyDrafts(r.state),
        ready: [],
        timer: { ...m.timer, deadline: null, remainingMs: null, paused: false },
        events: stamp(m.events, r.events),
      });
    }
    case 'nextTurn': {
      if (m.phase !== 'debrief') return wrongPhase('move to the next turn', m.phase);
      if (m.practice) return ok(afterPractice(ruleset, m));
      if (m.turn >= ruleset.turnLimit(m.state)) return ok({ ...m, phase: 'ended' });
      const b = ruleset.brief(m.state, m.turn + 1);
      return ok({ ...m, phase: 'briefing', turn: m.turn + 1, state: b.state, events: stamp(m.events, b.events) });
    }
    case 'pause': {
      if (m.phase !== 'planning') return wrongPhase('pause the timer', m.phase);
      if (m.timer.paused) return reject('already-paused', 'The timer is already paused.');
      return ok({ ...m, timer: { ...m.timer, paused: true, remainingMs: Math.max(0, (m.timer.deadline ?? at) - at), deadline: null } });
    }
    case 'resume': {
      if (m.phase !== 'planning') return wrongPhase('resume the timer', m.phase);
      if (!m.timer.paused) return reject('not-paused', 'The timer is not paused.');
      return ok({ ...m, timer: { ...m.timer, paused: false, deadline: at + (m.timer.remainingMs ?? 0), remainingMs: null } });
    }
    case 'extend': {
      if (m.phase !== 'planning') return wrongPhase('extend the timer', m.phase);
      if (!(a.seconds >= 1 && a.seconds <= 3600)) return reject('bad-extension', 'An extension must be between 1 second and 1 hour.');
      const ms = a.seconds * 1000;
      const t = m.timer;
      return ok({ ...m, timer: t.paused ? { ...t, remainingMs: (t.remainingMs ?? 0) + ms } : { ...t, deadline: (t.deadline ?? at) + ms } });
    }
    case 'end':
      return ok({ ...m, phase: 'ended' });
    case 'setBot': {
      if (!isSeat(a.seat)) return reject('unknown-seat', `There is no seat "${a.seat}" in this match.`);
      const bots = a.bot ? [...new Set([...m.bots, a.seat])].sort() : m.bots.filter((s) => s !== a.seat);
      return ok({ ...m, bots });
    }
  }
}

/**
 * The end of a practice turn: the lobby's state and events come back (so nothing practised
 * counts: no capacity spent, no exploit burned, no score), the drafts and readiness are
 * cleared, and turn 1 is briefed as `start` would brief it. Deterministic: replaying the
 * record goes through the same practice and drops the same results.
 */
function afterPractice<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, m: Match<S, D>): Match<S, D> {
  const saved = m.practice!;
  const b = ruleset.brief(saved.state, 1);
  const { practice: _dropped, ...rest } = m;
  return {
    ...rest,
    phase: 'briefing',
    turn: 1,
    state: b.state,
    drafts: ruleset.emptyDrafts(saved.state),
    ready: [],
    timer: { ...m.timer, deadline: null, remainingMs: null, paused: false },
    events: stamp(m.events.slice(0, saved.events), b.events),
  };
}

/** What one viewer may know of a match: phase, clock, its projection and its events. */
export function matchView<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, m: Match<S, D>, viewer: Viewer) {
  return {
    phase: m.phase,
    turn: m.turn,
    turnLimit: ruleset.turnLimit(m.state),
    ready: m.ready,
    bots: m.bots,
    timer: m.timer,
    view: ruleset.view(m.state, m.drafts, viewer),
    events: eventsFor(m.events, viewer),
  };
}
