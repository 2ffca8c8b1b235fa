import { applyEntry, createMatch, type LogEntry, type Match, type MatchRecord } from './match.ts';
import { ok, reject, type Rejection, type Result } from './result.ts';
import type { Ruleset } from './ruleset.ts';

export interface ReplayError extends Rejection {
  /** Index of the first entry that could not be applied (-1: the record itself is wrong). */
  readonly index: number;
}

export type ReplayResult<S, D> = { ok: true; match: Match<S, D> } | { ok: false; error: ReplayError; match: Match<S, D> | null };

/**
 * Replay is a fold over the record that stops at the first bad entry and says which
 * (docs/design.md §7). `until` stops early, after the entry that makes it true; the match
 * is then exactly what players had at that moment.
 */
export function replay<Sc, S, D, I, P>(
  ruleset: Ruleset<Sc, S, D, I, P>,
  scenario: Sc,
  record: MatchRecord<I>,
  until?: (m: Match<S, D>) => boolean,
): ReplayResult<S, D> {
  const key = ruleset.scenarioKey(scenario);
  if (record.format !== 1) {
    return { ok: false, match: null, error: { index: -1, code: 'wrong-format', message: `This record has format ${String(record.format)}; this version reads format 1.` } };
  }
  if (record.ruleset !== ruleset.id) {
    return { ok: false, match: null, error: { index: -1, code: 'wrong-ruleset', message: `This record is for ruleset "${record.ruleset}", not "${ruleset.id}".` } };
  }
  if (record.scenario.id !== key.id || record.scenario.version !== key.version) {
    return {
      ok: false,
      match: null,
      error: { index: -1, code: 'wrong-scenario', message: `This record needs scenario ${record.scenario.id} v${record.scenario.version}; got ${key.id} v${key.version}.` },
    };
  }
  let match = createMatch(ruleset, scenario, record.seed);
  if (until?.(match)) return { ok: true, match };
  for (let i = 0; i < record.entries.length; i++) {
    const r = applyEntry(ruleset, match, record.entries[i] as LogEntry<I>);
    if (!r.ok) return { ok: false, match, error: { index: i, ...r.error } };
    match = r.value;
    if (until?.(match)) break;
  }
  return { ok: true, match };
}

/** Stop when turn `t` has been resolved (t = 0: the state right after setup). */
export function afterTurn(t: number) {
  return (m: Match<unknown, unknown>) => (t === 0 ? true : m.turn > t || (m.turn === t && (m.phase === 'debrief' || m.phase === 'ended')));
}

/** Appends an entry to a live match and its log at once, so nothing accepted is off the record. */
export function step<Sc, S, D, I, P>(
  ruleset: Ruleset<Sc, S, D, I, P>,
  match: Match<S, D>,
  log: LogEntry<I>[],
  entry: LogEntry<I>,
): Result<Match<S, D>> {
  const r = applyEntry(ruleset, match, entry);
  if (r.ok) log.push(entry);
  return r.ok ? ok(r.value) : reject(r.error.code, r.error.message);
}
