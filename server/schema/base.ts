import { t } from '@colyseus/schema';
import { schema } from '@colyseus/schema';

/**
 * Schema fields every match room has, whatever its ruleset (docs/design.md §3 turn cycle, §6 who
 * sees what, §8 "room mirrors the new state into Colyseus schema"). Fields only: the mapping
 * from the engine match lives in mirror.ts, one direction.
 *
 * Conventions for values the engine keeps as null: '' for an absent string or id, 0 for an
 * absent number (turn numbers start at 1; a deadline of 0 means "no running clock").
 */

/** One event as a viewer may see it. `data` is the event's data as JSON ('' when none). */
export const EventItem = schema(
  {
    seq: t.uint32().default(0),
    type: t.string().default(''),
    turn: t.uint16().default(0),
    /** 'public' | 'seats' | 'facilitator' — never the list of other recipients. */
    audience: t.string().default('public'),
    text: t.string().default(''),
    data: t.string().default(''),
  },
  'EventItem',
);

/** A seat at the table, as everyone sees it. */
export const SeatPublic = schema(
  {
    id: t.string().default(''),
    name: t.string().default(''),
    /** The ruleset's word for the seat's side ('ally', 'adversary'…), '' if it has none. */
    side: t.string().default(''),
    bot: t.boolean().default(false),
    ready: t.boolean().default(false),
    /** Connections in this seat now (several people may share a seat). */
    connected: t.uint16().default(0),
    /** Display names of the people in it, in join order. */
    players: t.array('string'),
  },
  'SeatPublic',
);

/** The root fields of every match state; a ruleset's root adds `board`, `privates` and `god`. */
export function matchFields() {
  return {
    matchId: t.string().default(''),
    ruleset: t.string().default(''),
    scenarioId: t.string().default(''),
    scenarioVersion: t.string().default(''),
    /** lobby | briefing | planning | debrief | ended */
    phase: t.string().default('lobby'),
    turn: t.uint16().default(0),
    turnLimit: t.uint16().default(0),
    planningSeconds: t.uint32().default(0),
    /** Epoch ms when planning closes; 0 when no clock runs. */
    deadline: t.float64().default(0),
    paused: t.boolean().default(false),
    /** What was left when paused (ms); 0 otherwise. */
    remainingMs: t.float64().default(0),
    seats: t.map(SeatPublic),
    /** Public events, in order. */
    events: t.array(EventItem),
  };
}

export type EventItemT = InstanceType<typeof EventItem>;
export type SeatPublicT = InstanceType<typeof SeatPublic>;
