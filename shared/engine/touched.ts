import type { AnyRuleset, LogEntry, Match } from './match.ts';
import type { InputTouch, SeatId } from './ruleset.ts';

/**
 * Which projections of a match some accepted entries may have changed (docs/design.md
 * §8.3): 'all', or the public board, some seats' private parts and the
 * facilitator's part. The engine's own fields (phase, clock, ready flags, seats), events and
 * talk are not in it: the mirror keeps those incrementally by itself.
 */
export type Touched = 'all' | { readonly board: boolean; readonly seats: ReadonlySet<SeatId>; readonly facilitator: boolean };

const NOTHING: Touched = { board: false, seats: new Set(), facilitator: false };

interface Step {
  readonly entry: LogEntry<unknown>;
  readonly before: Match<unknown, unknown>;
  readonly after: Match<unknown, unknown>;
}

/**
 * What a run of accepted entries may have changed, from each entry and the match around it.
 * Controls that move the turn cycle and inputs whose ruleset gives no `touches` count as
 * 'all'; readiness, the clock's pause/extend, bot hand-overs, audit lines and talk touch no
 * projection.
 */
export function touchedBy(ruleset: AnyRuleset, steps: readonly Step[]): Touched {
  let board = false;
  let facilitator = false;
  const seats = new Set<SeatId>();
  for (const { entry, before, after } of steps) {
    const t = touchedByOne(ruleset, entry, before, after);
    if (t === 'all') return 'all';
    board ||= t.board;
    facilitator ||= t.facilitator;
    for (const s of t.seats) seats.add(s);
  }
  return { board, seats, facilitator };
}

function touchedByOne(ruleset: AnyRuleset, entry: LogEntry<unknown>, before: Match<unknown, unknown>, after: Match<unknown, unknown>): Touched {
  switch (entry.kind) {
    case 'input': {
      if (!ruleset.touches) return 'all';
      const t: InputTouch = ruleset.touches({ state: before.state, drafts: before.drafts }, { state: after.state, drafts: after.drafts }, entry.seat);
      return t === 'all' ? 'all' : { board: t.board, seats: new Set(t.seats), facilitator: t.facilitator };
    }
    case 'control':
      return ['pause', 'resume', 'extend', 'setBot'].includes(entry.action.type) ? NOTHING : 'all';
    case 'ready':
    case 'audit':
    case 'chat':
    case 'moderate':
      return NOTHING;
  }
}
