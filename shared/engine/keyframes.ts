import { applyEntry, type LogEntry, type Match, type MatchRecord, type Phase } from './match.ts';
import { replay, type ReplayError } from './replay.ts';
import { ok, reject, type Result } from './result.ts';
import type { Ruleset } from './ruleset.ts';

/**
 * Keyframed replay (issue 5): an index over a match record so that seeking to any point
 * replays at most one turn's entries instead of the whole log.
 *
 * API (small on purpose):
 * - `buildIndex(ruleset, scenario, record, options?)` folds the record once and returns a
 *   `ReplayIndex`: `steps` (one per position in the log) and `keyframes`.
 * - `seek(index, step, from?)` → the Match after `step` entries (step 0: right after setup).
 *   `from` (a Match you already have, e.g. the previous frame while playing) is used when it
 *   is nearer than the keyframe, so stepping forward costs one entry.
 * - `stepAtTurn(index, turn)` → the first step of a turn (its briefing), for turn navigation.
 * - `keyframeBytes(index)` → an estimate of what the keyframes hold (JSON bytes of their states
 *   and drafts).
 *
 * Memory. A keyframe is the Match the fold produced at that step, kept by reference: the
 * engine never mutates a Match it has returned (applyEntry is pure, and the rulesets copy
 * their state before changing it), so a reference is as good as a deep copy and costs
 * nothing extra at build time. What a keyframe keeps alive is one state (e.g. 221 KiB of
 * JSON for grey-meridian after 100 turns; see `npm run bench:replay` for heap figures) plus
 * its events array (references to events shared by all keyframes). Treat every Match this
 * module returns as read-only: mutating one would corrupt the index.
 *
 * Keyframes are taken at step 0 and at every turn boundary (the step whose entry starts a
 * new turn: `start` or `nextTurn`), and also every `every` entries within a turn when that
 * option is given (for rulesets with very long turns). Seeking therefore replays at most
 * the entries of one turn (or `every` − 1 entries).
 */

export interface ReplayStep {
  /** Position: how many log entries have been applied (0 = the match right after setup). */
  readonly step: number;
  /** Index in `record.entries` of the entry that produced this step (-1 for step 0). */
  readonly entry: number;
  readonly turn: number;
  readonly phase: Phase;
  /** The entry's timestamp (ms), or null for step 0. */
  readonly at: number | null;
  /** What the entry was, in a word: `input`, `ready`, `audit` or the control's type. */
  readonly label: string;
  /** Who gave it: a seat, 'facilitator', or null (controls and step 0). */
  readonly actor: string | null;
  /** How many events the match had after this step (events of the step are `events[prev..this)`). */
  readonly events: number;
}

export interface Keyframe<S, D> {
  readonly step: number;
  readonly match: Match<S, D>;
}

export interface ReplayIndex<Sc, S, D, I, P> {
  readonly ruleset: Ruleset<Sc, S, D, I, P>;
  readonly record: MatchRecord<I>;
  readonly steps: readonly ReplayStep[];
  readonly keyframes: readonly Keyframe<S, D>[];
  /** The first entry that could not be applied: the index stops before it (null: whole record). */
  readonly error: ReplayError | null;
}

export interface IndexOptions {
  /** Also take a keyframe every this many entries inside a turn (default: turn boundaries only). */
  readonly every?: number;
}

function labelOf(entry: LogEntry<unknown>): { label: string; actor: string | null } {
  switch (entry.kind) {
    case 'input':
      return { label: 'input', actor: entry.seat };
    case 'ready':
      return { label: entry.ready ? 'ready' : 'not ready', actor: entry.seat };
    case 'control':
      return { label: entry.action.type, actor: null };
    case 'audit':
      return { label: `audit: ${entry.action}`, actor: null };
    case 'chat':
      return { label: `chat in ${entry.channel}`, actor: entry.seat };
    case 'moderate':
      return { label: `moderate: ${entry.action.type}`, actor: 'facilitator' };
  }
}

/**
 * Folds the record once, noting every step and keeping keyframes. A record for another
 * ruleset or scenario is refused (typed error); a record with a bad entry is indexed up to
 * that entry and the error is kept in `error`, as `replay` does.
 */
export function buildIndex<Sc, S, D, I, P>(
  ruleset: Ruleset<Sc, S, D, I, P>,
  scenario: Sc,
  record: MatchRecord<I>,
  options: IndexOptions = {},
): Result<ReplayIndex<Sc, S, D, I, P>> {
  const every = options.every;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1)) return reject('bad-option', 'Keyframes every N entries needs a whole number N of at least 1.');
  const start = replay(ruleset, scenario, record, () => true);
  if (!start.ok && start.error.index === -1) return reject(start.error.code, start.error.message);
  if (!start.ok || start.match === null) return reject('bad-record', 'The record could not be opened.');
  let match: Match<S, D> = start.match;
  const steps: ReplayStep[] = [{ step: 0, entry: -1, turn: match.turn, phase: match.phase, at: null, label: 'setup', actor: null, events: 0 }];
  const keyframes: Keyframe<S, D>[] = [{ step: 0, match }];
  let error: ReplayError | null = null;
  let sinceKeyframe = 0;
  for (let i = 0; i < record.entries.length; i++) {
    const entry = record.entries[i] as LogEntry<I>;
    const r = applyEntry(ruleset, match, entry);
    if (!r.ok) {
      error = { index: i, ...r.error };
      break;
    }
    const turnChanged = r.value.turn !== match.turn;
    match = r.value;
    sinceKeyframe += 1;
    const { label, actor } = labelOf(entry as LogEntry<unknown>);
    steps.push({ step: i + 1, entry: i, turn: match.turn, phase: match.phase, at: entry.at, label, actor, events: match.events.length });
    if (turnChanged || (every !== undefined && sinceKeyframe >= every)) {
      keyframes.push({ step: i + 1, match });
      sinceKeyframe = 0;
    }
  }
  return ok({ ruleset, record, steps, keyframes, error });
}

/** The last step of the index (the furthest the record replays). */
export function lastStep(index: { readonly steps: readonly ReplayStep[] }): number {
  return index.steps.length - 1;
}

/** The keyframe at or before `step` (binary search). */
export function keyframeBefore<S, D>(keyframes: readonly Keyframe<S, D>[], step: number): Keyframe<S, D> {
  let lo = 0;
  let hi = keyframes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((keyframes[mid] as Keyframe<S, D>).step <= step) lo = mid;
    else hi = mid - 1;
  }
  return keyframes[lo] as Keyframe<S, D>;
}

/**
 * The match after `step` entries, replayed from the nearest keyframe (or from `from`, a
 * match of this record you already hold, when it lies between that keyframe and `step`).
 * A step outside 0..lastStep is refused.
 */
export function seek<Sc, S, D, I, P>(index: ReplayIndex<Sc, S, D, I, P>, step: number, from?: Match<S, D>): Result<Match<S, D>> {
  if (!Number.isInteger(step) || step < 0 || step > lastStep(index)) {
    return reject('bad-step', `There is no step ${String(step)} in this replay (0 to ${lastStep(index)}).`);
  }
  const kf = keyframeBefore(index.keyframes, step);
  let match = from !== undefined && from.applied >= kf.step && from.applied <= step ? from : kf.match;
  for (let i = match.applied; i < step; i++) {
    const r = applyEntry(index.ruleset, match, index.record.entries[i] as LogEntry<I>);
    // The index was built by this same fold, so an entry before lastStep cannot fail.
    if (!r.ok) return reject(r.error.code, r.error.message);
    match = r.value;
  }
  return ok(match);
}

/** The first step of `turn` (the step whose entry opened it), or null if the record never reaches it. */
export function stepAtTurn(index: { readonly steps: readonly ReplayStep[] }, turn: number): number | null {
  const s = index.steps.find((x) => x.turn === turn);
  return s === undefined ? null : s.step;
}

/** The steps at which each turn was resolved (phase debrief reached), in turn order. */
export function resolvedSteps(index: { readonly steps: readonly ReplayStep[] }): { turn: number; step: number }[] {
  return index.steps.filter((s) => s.label === 'closePlanning').map((s) => ({ turn: s.turn, step: s.step }));
}

/** Bytes of JSON the keyframes' states and drafts would take: an estimate of what the index keeps alive. */
export function keyframeBytes<S, D>(index: { readonly keyframes: readonly Keyframe<S, D>[] }): number {
  let total = 0;
  for (const k of index.keyframes) total += JSON.stringify(k.match.state).length + JSON.stringify(k.match.drafts).length;
  return total;
}
