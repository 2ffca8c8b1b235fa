import type { ArraySchema, MapSchema, Schema } from '@colyseus/schema';
import { StateView } from '@colyseus/schema';
import type { AnyRuleset, Match } from '../../shared/engine/match.ts';
import { canSee, type GameEvent, type SeatId, type Viewer } from '../../shared/engine/ruleset.ts';
import type { Touched } from '../../shared/engine/touched.ts';
import { EventItem, SeatPublic, type EventItemT, type SeatPublicT } from './base.ts';
import { ChatMirror, type ChatRoot } from './chat-mirror.ts';
import { json, syncMap, syncStrings } from './sync.ts';

type PrivatePart = Schema & { events: ArraySchema<EventItemT> };

/** The root a ruleset's mirror builds: base.ts's fields plus per-seat and facilitator parts, and the talk (chat.ts). */
export interface MirrorRoot extends ChatRoot {
  matchId: string;
  ruleset: string;
  scenarioId: string;
  scenarioVersion: string;
  phase: string;
  turn: number;
  turnLimit: number;
  planningSeconds: number;
  deadline: number;
  paused: boolean;
  remainingMs: number;
  seats: MapSchema<SeatPublicT>;
  events: ArraySchema<EventItemT>;
  /** Read-only access is all the generic mirror needs (and keeps MapSchema's variance out). */
  privates: { get(seat: string): PrivatePart | undefined; values(): Iterable<PrivatePart> };
  /** The facilitator's part; `applied` (the log length) lives here, not in a public field. */
  god: Schema & { events: ArraySchema<EventItemT>; applied: number };
}

/**
 * What a ruleset adds to the mirror: its root class, and the refresh of its public board,
 * of each seat's private part (creating missing ones, keyed by seat id) and of the
 * facilitator's part, from the ruleset's own `view` projections — only the parts `touched`
 * names (all of them for 'all'; the first refresh is always 'all'). It may also fill `side`
 * in the public seat list.
 */
export interface MirrorAdapter<Root extends MirrorRoot = MirrorRoot> {
  createRoot(): Root;
  /**
   * Whether the match's events travel in the room state (default true). A ruleset whose events
   * only restate what its state already shows may leave them to the record and replay.
   */
  readonly mirrorsEvents?: boolean;
  refresh(root: Root, match: Match<unknown, unknown>, touched: Touched): void;
}

/** Whether `touched` covers the board / a seat / the facilitator's part. */
export const touchesBoard = (t: Touched): boolean => t === 'all' || t.board;
export const touchesSeat = (t: Touched, seat: string): boolean => t === 'all' || t.seats.has(seat as SeatId);
export const touchesGod = (t: Touched): boolean => t === 'all' || t.facilitator;

/** Who is connected to each seat, for the public seat list. */
export interface SeatOccupancy {
  count(seat: string): number;
  names(seat: string): string[];
}

/**
 * The schema mirror of one match (docs/design.md §6, §8): maps the engine match into the room
 * state, one direction, in place; distributes events by audience (public on the root, seat
 * events into each addressed seat's private part, facilitator-only into the god part); and
 * keeps one StateView per viewer, shared by every client of that viewer and encoded once.
 */
export class Mirror<Root extends MirrorRoot = MirrorRoot> {
  readonly state: Root;
  readonly #ruleset: AnyRuleset;
  readonly #adapter: MirrorAdapter<Root>;
  readonly #views = new Map<Viewer, { view: StateView; clients: number }>();
  readonly #chat = new ChatMirror();
  #events = 0;

  constructor(ruleset: AnyRuleset, adapter: MirrorAdapter<Root>, ids: { matchId: string; scenarioId: string; scenarioVersion: string }) {
    this.#ruleset = ruleset;
    this.#adapter = adapter;
    this.state = adapter.createRoot();
    Object.assign(this.state, { matchId: ids.matchId, ruleset: ruleset.id, scenarioId: ids.scenarioId, scenarioVersion: ids.scenarioVersion });
  }

  /**
   * Brings the mirror up to date with `match` (after each commit): the engine's fields, seats,
   * new events and talk always (each cheap, and diffed), the ruleset's projections only where
   * `touched` says they may have changed.
   */
  refresh(match: Match<unknown, unknown>, occupancy: SeatOccupancy, touched: Touched = 'all'): void {
    const root = this.state;
    Object.assign(root, {
      phase: match.phase,
      turn: match.turn,
      turnLimit: this.#ruleset.turnLimit(match.state),
      planningSeconds: match.timer.seconds,
      deadline: match.timer.deadline ?? 0,
      paused: match.timer.paused,
      remainingMs: match.timer.remainingMs ?? 0,
    });
    root.god.applied = match.applied;
    this.refreshSeats(match, occupancy);
    this.#adapter.refresh(root, match, touched);
    if (this.#adapter.mirrorsEvents !== false) this.#refreshEvents(match.events);
    this.#chat.refresh(root, this.#ruleset.seats(match.state), match.chat);
  }

  /** The public seat list only (someone joined or left). */
  refreshSeats(match: Match<unknown, unknown>, occupancy: SeatOccupancy): void {
    syncMap(this.state.seats, this.#ruleset.seats(match.state), (s) => s.id, () => new SeatPublic(), (target, s) => {
      Object.assign(target, { id: s.id, name: s.name, side: s.side ?? '', bot: match.bots.includes(s.id), ready: match.ready.includes(s.id), connected: occupancy.count(s.id) });
      syncStrings(target.players, occupancy.names(s.id));
    });
  }

  /** Events by audience (engine `canSee`): public on the root, else each seat that may see it, else the facilitator's part. */
  #refreshEvents(events: readonly GameEvent[]): void {
    const root = this.state;
    const parts = [...root.seats.keys()].flatMap((seat) => {
      const part = root.privates.get(seat);
      return part ? [[seat as SeatId, part] as const] : [];
    });
    if (events.length < this.#events) {
      // The match was rebuilt from the store with fewer events: start the lists over.
      root.events.clear();
      root.god.events.clear();
      for (const [, p] of parts) p.events.clear();
      this.#events = 0;
    }
    for (let seq = this.#events; seq < events.length; seq++) {
      const e = events[seq] as GameEvent;
      const item = () => Object.assign(new EventItem(), { seq, type: e.type, turn: e.turn, audience: e.audience.kind, text: e.text, data: json(e.data) });
      if (canSee(e.audience, 'observer')) {
        root.events.push(item());
        continue;
      }
      const seats = parts.filter(([seat]) => canSee(e.audience, seat));
      for (const [, p] of seats) p.events.push(item());
      if (seats.length === 0) root.god.events.push(item());
    }
    this.#events = events.length;
  }

  /**
   * The StateView of `viewer`, created on its first client: a seat's view holds its private
   * part and its chat box; the facilitator's holds every private part, the god part and the
   * facilitator's chat box (every channel); the observer has none
   * (it gets the shared, public encoding). Call `release` when each client leaves.
   */
  viewFor(viewer: Viewer): StateView | undefined {
    if (viewer === 'observer') return undefined;
    const known = this.#views.get(viewer);
    if (known) {
      known.clients += 1;
      return known.view;
    }
    const view = new StateView();
    if (viewer === 'facilitator') {
      for (const p of this.state.privates.values()) view.add(p);
      view.add(this.state.god);
      view.add(this.state.chatGod);
    } else {
      const mine = this.state.privates.get(viewer);
      if (mine) view.add(mine);
      const box = this.state.chatBoxes.get(viewer);
      if (box) view.add(box);
    }
    this.#views.set(viewer, { view, clients: 1 });
    return view;
  }

  /** One client of `viewer` left; the last one disposes the view. */
  release(viewer: Viewer): void {
    const known = this.#views.get(viewer);
    if (!known) return;
    known.clients -= 1;
    if (known.clients > 0) return;
    this.#views.delete(viewer);
    known.view.dispose();
  }
}
