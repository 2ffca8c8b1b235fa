import { applyEntry, type ControlAction, type LogEntry, type Match } from '../../shared/engine/match.ts';
import type { Rejection } from '../../shared/engine/result.ts';
import type { Ruleset, SeatId } from '../../shared/engine/ruleset.ts';

export const control = (action: ControlAction, at = 0): LogEntry<never> => ({ at, kind: 'control', action });
export const input = <I>(seat: SeatId | 'facilitator', value: I, at = 0): LogEntry<I> => ({ at, kind: 'input', seat, input: value });
export const ready = (seat: SeatId, value = true, at = 0): LogEntry<never> => ({ at, kind: 'ready', seat, ready: value });

/** Applies entries that must all be accepted; a rejection fails the test with its message. */
export function apply<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, match: Match<S, D>, ...entries: LogEntry<I>[]): Match<S, D> {
  let m = match;
  for (const entry of entries) {
    const r = applyEntry(ruleset, m, entry);
    if (!r.ok) throw new Error(`entry ${JSON.stringify(entry)} was rejected: ${r.error.code}: ${r.error.message}`);
    m = r.value;
  }
  return m;
}

/** Applies an entry that must be refused, checks the match is untouched, and returns the rejection. */
export function refused<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, match: Match<S, D>, entry: LogEntry<I>): Rejection {
  const before = JSON.stringify(match);
  const r = applyEntry(ruleset, match, entry);
  if (r.ok) throw new Error(`entry ${JSON.stringify(entry)} was accepted but should have been refused`);
  if (JSON.stringify(match) !== before) throw new Error('a refused entry changed the match');
  return r.error;
}
