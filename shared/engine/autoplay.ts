import { applyEntry, createMatch, type LogEntry, type Match, type MatchRecord } from './match.ts';
import { turnRng, type RngSource } from './rng.ts';
import type { Ruleset, SeatId } from './ruleset.ts';

export interface AutoplayOptions<S = unknown, D = unknown, I = unknown> {
  /** Stop after this turn (default: the scenario's last turn). */
  readonly turns?: number;
  /** Called after each resolved turn, e.g. to print a summary. */
  readonly onTurn?: (match: Match<unknown, unknown>, turn: number) => void;
  /**
   * Inputs the facilitator gives at the opening of each planning window, before any seat
   * plays (e.g. a bot CyOC when the facilitator is the CyOC). Each goes into the log as a
   * facilitator input; a refused one is listed in `rejected`. Without it the record is
   * exactly what it was before this option existed.
   */
  readonly facilitatorInputs?: (match: Match<S, D>, rng: RngSource) => readonly I[];
}

/**
 * Plays a whole match with the bot on every seat, exactly as a server would drive it:
 * every bot decision goes into the log as an input entry, so the record replays without
 * the bot. Timestamps are synthetic (turn × 1000 + step) so the record is deterministic.
 */
export function autoplay<Sc, S, D, I, P>(ruleset: Ruleset<Sc, S, D, I, P>, scenario: Sc, seed: number, options: AutoplayOptions<S, D, I> = {}) {
  let match = createMatch(ruleset, scenario, seed);
  const entries: LogEntry<I>[] = [];
  const rejected: { seat: SeatId | 'facilitator'; input: I; code: string }[] = [];
  let step = 0;
  const at = () => match.turn * 1000 + step++;
  const apply = (entry: LogEntry<I>): string | null => {
    const r = applyEntry(ruleset, match, entry);
    if (!r.ok) return r.error.code;
    match = r.value;
    entries.push(entry);
    return null;
  };
  const last = Math.min(options.turns ?? Infinity, ruleset.turnLimit(match.state));
  const seats = ruleset.seats(match.state).map((s) => s.id);
  for (const seat of seats) if (!match.bots.includes(seat)) apply({ at: at(), kind: 'control', action: { type: 'setBot', seat, bot: true } });
  apply({ at: at(), kind: 'control', action: { type: 'start' } });
  while (match.phase !== 'ended') {
    step = 0;
    apply({ at: at(), kind: 'control', action: { type: 'openPlanning' } });
    if (options.facilitatorInputs) {
      // Its own named stream: the seats' rolls are the same with or without it.
      const rng = turnRng(seed, match.turn);
      for (const input of options.facilitatorInputs(match, { stream: (name) => rng.stream(`facilitator:${name}`) })) {
        const code = apply({ at: at(), kind: 'input', seat: 'facilitator', input });
        if (code !== null) rejected.push({ seat: 'facilitator', input, code });
      }
    }
    // Two passes: the first gives orders, the second answers the requests they opened.
    for (let pass = 0; pass < 2; pass++) {
      for (const seat of seats) {
        const rng = turnRng(seed, match.turn);
        const inputs = ruleset.botInputs(match.state, match.drafts, seat, { stream: (name) => rng.stream(`bot:${seat}:${pass}:${name}`) });
        for (const input of inputs) {
          const code = apply({ at: at(), kind: 'input', seat, input });
          if (code !== null) rejected.push({ seat, input, code });
        }
      }
    }
    apply({ at: at(), kind: 'control', action: { type: 'closePlanning', reason: 'all-ready' } });
    options.onTurn?.(match as Match<unknown, unknown>, match.turn);
    if (match.turn >= last && match.turn < ruleset.turnLimit(match.state)) {
      apply({ at: at(), kind: 'control', action: { type: 'end', reason: 'autoplay stopped early' } });
      break;
    }
    apply({ at: at(), kind: 'control', action: { type: 'nextTurn' } });
  }
  const record: MatchRecord<I> = { format: 1, ruleset: ruleset.id, scenario: ruleset.scenarioKey(scenario), seed, entries };
  return { match, record, rejected };
}
