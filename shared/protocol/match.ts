import { z } from 'zod';
import { message, SeatRef } from './common.ts';

/**
 * Messages of the generic match engine (docs/design.md §1 roles, §3 turn cycle), valid for every
 * ruleset: a seat marks itself ready; the facilitator (White Cell) drives the phases and the
 * clock and decides who sits where.
 */
export const MatchMessages = {
  setReady: message({ ready: z.boolean() }),
  startMatch: message({}),
  /** From the lobby: a practice turn (turn 0) played like any turn; `startMatch` then discards its results. */
  practiceTurn: message({}),
  /** briefing → planning; planning → resolution (closes planning); debrief → next turn. */
  advancePhase: message({}),
  closePlanning: message({}),
  pauseTimer: message({}),
  resumeTimer: message({}),
  extendTimer: message({ seconds: z.int().min(1).max(3600) }),
  endMatch: message({ reason: z.string().trim().min(1).max(300) }),
  /** Hand a seat to the built-in bot (only while nobody sits in it) or take it back. */
  setBot: message({ seat: SeatRef, bot: z.boolean() }),
  /** Disconnect everyone in a seat (pair with newSeatCode to keep them out). */
  kickSeat: message({ seat: SeatRef }),
  /** Issue a new join code for a seat (or `observer`); the old one stops working. */
  newSeatCode: message({ seat: SeatRef }),
} as const;

export type MatchMessageType = keyof typeof MatchMessages;
export type MatchMessage<K extends MatchMessageType> = z.infer<(typeof MatchMessages)[K]>;

/** Every engine message but `setReady` is the facilitator's. */
export const FACILITATOR_MATCH_MESSAGES: ReadonlySet<string> = new Set<MatchMessageType>([
  'startMatch',
  'practiceTurn',
  'advancePhase',
  'closePlanning',
  'pauseTimer',
  'resumeTimer',
  'extendTimer',
  'endMatch',
  'setBot',
  'kickSeat',
  'newSeatCode',
]);

/** The seat name a `newSeatCode` message uses for the observer code. */
export const OBSERVER_SEAT = 'observer';
