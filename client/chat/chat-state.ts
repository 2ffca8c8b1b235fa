import { audienceOf, channelsFor, isAdversary, parseChannel, type SeatSide } from '../../shared/engine/channels.ts';
import type { SeatId, Viewer } from '../../shared/engine/ruleset.ts';

/**
 * A read-only, plain snapshot of the talk one client holds (server/schema/chat.ts as the SDK
 * decodes it): a seat reads the public broadcast list plus its own chat box; the facilitator
 * reads its own box, which holds every channel. The panel reads this, never schema objects.
 */
export interface ChatItemSnap {
  readonly id: number;
  readonly at: number;
  readonly turn: number;
  readonly seat: string;
  readonly author: string;
  readonly channel: string;
  readonly text: string;
  readonly linkKind: string;
  readonly linkRef: string;
  readonly hidden: boolean;
}

export interface SeatSnap {
  readonly id: string;
  readonly name: string;
  readonly side: string;
  readonly players: readonly string[];
}

export interface ChatSnap {
  readonly seats: readonly SeatSnap[];
  /** Channels this client reads, in display order. */
  readonly channels: readonly string[];
  /** Every message it holds, by id. */
  readonly messages: readonly ChatItemSnap[];
  /** Muted people, `seat/name` (the facilitator's box only). */
  readonly muted: readonly string[];
}

type Rec = Record<string, unknown>;
type Each = { forEach(cb: (value: unknown, key?: unknown) => void): void };

const str = (o: Rec | undefined, k: string): string => (typeof o?.[k] === 'string' ? (o[k] as string) : '');
const num = (o: Rec | undefined, k: string): number => (typeof o?.[k] === 'number' ? (o[k] as number) : 0);

function list<T>(collection: unknown, map: (o: Rec) => T): T[] {
  const out: T[] = [];
  if (collection && typeof (collection as Each).forEach === 'function') (collection as Each).forEach((v) => out.push(map(v as Rec)));
  return out;
}

function item(o: Rec): ChatItemSnap {
  return {
    id: num(o, 'id'),
    at: num(o, 'at'),
    turn: num(o, 'turn'),
    seat: str(o, 'seat'),
    author: str(o, 'author'),
    channel: str(o, 'channel'),
    text: str(o, 'text'),
    linkKind: str(o, 'linkKind'),
    linkRef: str(o, 'linkRef'),
    hidden: o.hidden === true,
  };
}

function boxOf(state: Rec, seat: string): Rec | undefined {
  const boxes = state.chatBoxes as { get?(k: string): unknown } | undefined;
  return typeof boxes?.get === 'function' ? (boxes.get(seat) as Rec | undefined) : undefined;
}

/** Reads the room state into a ChatSnap for `me` (null until the first state arrives). */
export function readChat(state: unknown, me: string): ChatSnap | null {
  if (!state || typeof state !== 'object') return null;
  const s = state as Rec;
  const seats = list(s.seats, (o) => ({ id: str(o, 'id'), name: str(o, 'name'), side: str(o, 'side'), players: list(o.players, (p) => String(p)) })).sort((a, b) => (a.id < b.id ? -1 : 1));
  const sides: SeatSide[] = seats.map((x) => ({ id: x.id as SeatId, side: x.side }));
  const viewer: Viewer = me === 'facilitator' ? 'facilitator' : (me as SeatId);
  const god = me === 'facilitator' ? (s.chatGod as Rec | undefined) : undefined;
  const raw = me === 'facilitator' ? list(god?.messages, item) : [...list(s.chat, item), ...list(boxOf(s, me)?.messages, item)];
  const byId = new Map(raw.map((m) => [m.id, m]));
  // The White Cell reads every bilateral, but lists only those where someone has spoken
  // (a 13-seat scenario has 78 of them).
  const spoken = new Set(raw.map((m) => m.channel));
  const channels = channelsFor(sides, viewer).filter((c) => me !== 'facilitator' || !c.startsWith('pair:') || spoken.has(c));
  return {
    seats,
    channels,
    messages: [...byId.values()].sort((a, b) => a.id - b.id),
    muted: list(god?.muted, (o) => `${str(o, 'seat')}/${str(o, 'name')}`),
  };
}

/** A channel's name as people read it, from `me`'s side of the table. */
export function channelLabel(id: string, seats: readonly SeatSnap[], me: string): string {
  const sides: SeatSide[] = seats.map((x) => ({ id: x.id as SeatId, side: x.side }));
  const name = (seat: string) => seats.find((x) => x.id === seat)?.name || seat;
  const c = parseChannel(id, sides);
  if (!c.ok) return id;
  switch (c.value.kind) {
    case 'broadcast':
      return 'Broadcast (White Cell)';
    case 'coalition':
      return 'Coalition';
    case 'red':
      return 'Red team';
    case 'direct':
      return me === 'facilitator' ? `Direct: ${name(c.value.seat)}` : 'White Cell (direct)';
    case 'pair': {
      const [a, b] = c.value.seats;
      if (me === a) return name(b);
      if (me === b) return name(a);
      return `${name(a)} ↔ ${name(b)}`;
    }
  }
}

/** Whether `me` may post in channel `id` (mirrors the server's channels.ts `mayPost`). */
export function canPost(id: string, seats: readonly SeatSnap[], me: string): boolean {
  const sides: SeatSide[] = seats.map((x) => ({ id: x.id as SeatId, side: x.side }));
  const c = parseChannel(id, sides);
  if (!c.ok) return false;
  if (me === 'facilitator') return c.value.kind === 'broadcast' || c.value.kind === 'direct';
  return c.value.kind !== 'broadcast';
}

export const isRedSeat = (seat: SeatSnap): boolean => isAdversary({ id: seat.id as SeatId, side: seat.side });

/** Who is in channel `id` right now: each audience seat with the people connected to it. */
export function presenceIn(id: string, seats: readonly SeatSnap[]): { seat: SeatSnap; players: readonly string[] }[] {
  const sides: SeatSide[] = seats.map((x) => ({ id: x.id as SeatId, side: x.side }));
  const c = parseChannel(id, sides);
  if (!c.ok) return [];
  const ids = new Set<string>(audienceOf(c.value, sides));
  return seats.filter((x) => ids.has(x.id)).map((seat) => ({ seat, players: seat.players }));
}
