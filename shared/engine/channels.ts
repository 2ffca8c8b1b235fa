import { ok, reject, type Result } from './result.ts';
import type { SeatId, Viewer } from './ruleset.ts';

/**
 * Negotiation channels of a remote match (issue 7; docs/design.md §1 roles, §6 who sees what).
 * Generic over rulesets: a channel is defined by seat ids and their sides only.
 *
 * Channel ids (strings, so they travel and store as they are):
 * - `coalition`      every 'ally' seat (a seat without a side counts as an ally, as in
 *                    alliance-turns); exists while there is at least one ally seat.
 * - `red`            every 'adversary' seat (the red team); exists only if there is one.
 * - `broadcast`      the facilitator to everyone: every seat and the observers read it,
 *                    only the facilitator posts in it.
 * - `direct:<seat>`  the facilitator's line to one seat; both post in it.
 * - `pair:<a>|<b>`   a bilateral between two seats, ids sorted (`a` < `b`); any two seats,
 *                    allies or not: a deal with the adversary is part of the game too.
 *
 * The facilitator (White Cell) reads every channel and posts in `broadcast` and any
 * `direct:`; it does not speak in the players' own channels. Observers (a projector) read
 * `broadcast` only. Everyone on a seat shares that seat's channels.
 */
export type ChannelId = string;

export type Channel =
  | { readonly kind: 'coalition' }
  | { readonly kind: 'red' }
  | { readonly kind: 'broadcast' }
  | { readonly kind: 'direct'; readonly seat: SeatId }
  | { readonly kind: 'pair'; readonly seats: readonly [SeatId, SeatId] };

/** A seat and its ruleset side ('ally', 'adversary', …; absent or '' means ally). */
export interface SeatSide {
  readonly id: SeatId;
  readonly side?: string;
}

export const COALITION: ChannelId = 'coalition';
export const RED: ChannelId = 'red';
export const BROADCAST: ChannelId = 'broadcast';

/** Longest channel id accepted anywhere (two seat ids of 80 plus the prefix). */
export const MAX_CHANNEL_LENGTH = 170;

export const isAdversary = (s: SeatSide): boolean => s.side === 'adversary';

export const directChannel = (seat: string): ChannelId => `direct:${seat}`;

/** The bilateral channel of two seats, whatever order they are given in. */
export function pairChannel(a: string, b: string): ChannelId {
  return a < b ? `pair:${a}|${b}` : `pair:${b}|${a}`;
}

/** Reads a channel id against the match's seats; `unknown-channel` if it names no channel of this match. */
export function parseChannel(id: string, seats: readonly SeatSide[]): Result<Channel> {
  const unknown = () => reject<Channel>('unknown-channel', `There is no channel "${id.slice(0, 60)}" in this match.`);
  const seat = (s: string) => seats.find((x) => x.id === s);
  if (id === COALITION) return seats.some((s) => !isAdversary(s)) ? ok({ kind: 'coalition' }) : unknown();
  if (id === RED) return seats.some(isAdversary) ? ok({ kind: 'red' }) : unknown();
  if (id === BROADCAST) return ok({ kind: 'broadcast' });
  if (id.startsWith('direct:')) {
    const s = seat(id.slice('direct:'.length));
    return s ? ok({ kind: 'direct', seat: s.id }) : unknown();
  }
  if (id.startsWith('pair:')) {
    const parts = id.slice('pair:'.length).split('|');
    if (parts.length !== 2) return unknown();
    const [a, b] = parts as [string, string];
    const sa = seat(a);
    const sb = seat(b);
    if (!sa || !sb || a === b) return unknown();
    if (!(a < b)) return reject('unknown-channel', `A bilateral channel names its seats in order: "${pairChannel(a, b)}".`);
    return ok({ kind: 'pair', seats: [sa.id, sb.id] });
  }
  return unknown();
}

/** The seats that receive a channel (the facilitator always does; observers only `broadcast`). */
export function audienceOf(channel: Channel, seats: readonly SeatSide[]): SeatId[] {
  switch (channel.kind) {
    case 'coalition':
      return seats.filter((s) => !isAdversary(s)).map((s) => s.id);
    case 'red':
      return seats.filter(isAdversary).map((s) => s.id);
    case 'broadcast':
      return seats.map((s) => s.id);
    case 'direct':
      return [channel.seat];
    case 'pair':
      return [...channel.seats];
  }
}

/** May `viewer` read channel `id`? False for a channel this match does not have. */
export function canRead(seats: readonly SeatSide[], viewer: Viewer, id: ChannelId): boolean {
  const c = parseChannel(id, seats);
  if (!c.ok) return false;
  if (viewer === 'facilitator') return true;
  if (viewer === 'observer') return c.value.kind === 'broadcast';
  return audienceOf(c.value, seats).includes(viewer);
}

/**
 * Every channel `viewer` reads, in a stable order: broadcast, direct, coalition or red, then
 * its bilaterals (the facilitator: broadcast, coalition, red, every direct, every pair).
 */
export function channelsFor(seats: readonly SeatSide[], viewer: Viewer): ChannelId[] {
  const ids = seats.map((s) => s.id as string).sort();
  if (viewer === 'observer') return [BROADCAST];
  if (viewer === 'facilitator') {
    const sides = [...(seats.some((s) => !isAdversary(s)) ? [COALITION] : []), ...(seats.some(isAdversary) ? [RED] : [])];
    const pairs = ids.flatMap((a) => ids.filter((b) => a < b).map((b) => pairChannel(a, b)));
    return [BROADCAST, ...sides, ...ids.map(directChannel), ...pairs];
  }
  const me = seats.find((s) => s.id === viewer);
  if (!me) return [];
  const pairs = ids.filter((b) => b !== me.id).map((b) => pairChannel(me.id, b));
  return [BROADCAST, directChannel(me.id), isAdversary(me) ? RED : COALITION, ...pairs];
}

/**
 * Checks that `poster` may post in channel `id`: `unknown-channel` if there is no such
 * channel, `not-in-channel` if the poster is not one of its speakers. Returns the channel.
 */
export function mayPost(seats: readonly SeatSide[], poster: SeatId | 'facilitator', id: ChannelId): Result<Channel> {
  const c = parseChannel(id, seats);
  if (!c.ok) return c;
  const ch = c.value;
  if (poster === 'facilitator') {
    if (ch.kind === 'broadcast' || ch.kind === 'direct') return c;
    return reject('not-in-channel', 'The facilitator posts in the broadcast and in direct lines, not in the players’ own channels.');
  }
  if (ch.kind === 'broadcast') return reject('not-in-channel', 'Only the facilitator posts in the broadcast channel.');
  if (!audienceOf(ch, seats).includes(poster)) return reject('not-in-channel', `Your seat is not in the channel "${id.slice(0, 60)}".`);
  return c;
}
