import { canRead, mayPost, type ChannelId, type SeatSide } from './channels.ts';
import { ok, reject, type Result } from './result.ts';
import type { SeatId, Viewer } from './ruleset.ts';

/**
 * The talk of a match as part of its record (issue 7): every message with its channel (its
 * audience), the facilitator's moderation, and who is muted. Pure; applied by match.ts for
 * the log kinds `chat` and `moderate`, so a replay rebuilds exactly the talk players had, in
 * place on the timeline, and `chatFor` gives exactly what one seat could read.
 */

/** Longest message text, after trimming. */
export const MAX_CHAT_TEXT = 500;
/** Longest author display name (the join screen's limit). */
export const MAX_AUTHOR = 40;

/**
 * What a message may be linked to: an order or request it opened or answers. `ref` is the
 * id the rules gave it (an order id from the seat's drafts, a request id, an offer id). The
 * link goes from the talk to the deal, so no rule input changes: the AAR finds a share's
 * order id in the record and quotes the exchange that led to it (`exchangeBefore`).
 */
export const LINK_KINDS = ['share', 'huntForward', 'inviteHunt', 'sovereignOffer'] as const;
export type ChatLinkKind = (typeof LINK_KINDS)[number];
export interface ChatLink {
  readonly kind: ChatLinkKind;
  readonly ref: string;
}

export interface ChatMessage {
  /** Sequence number in the match's talk: 0, 1, 2 … (stable: hidden messages keep theirs). */
  readonly id: number;
  readonly at: number;
  /** The turn and phase it was posted in, to place it on the replay timeline. */
  readonly turn: number;
  readonly phase: string;
  readonly seat: SeatId | 'facilitator';
  /** The person's display name. */
  readonly author: string;
  readonly channel: ChannelId;
  readonly text: string;
  readonly link?: ChatLink;
  /** Hidden by the facilitator: kept for review, shown to players without its text. */
  readonly hidden: boolean;
}

/** A person muted by the facilitator: a display name on a seat. */
export interface MutedPerson {
  readonly seat: SeatId;
  readonly name: string;
}

export interface ChatLog {
  readonly messages: readonly ChatMessage[];
  /** Sorted by seat, then name. */
  readonly muted: readonly MutedPerson[];
}

export type ModerationAction =
  | { readonly type: 'hide'; readonly id: number; readonly hidden: boolean }
  | { readonly type: 'mute'; readonly seat: SeatId; readonly name: string; readonly muted: boolean };

export const EMPTY_CHAT: ChatLog = { messages: [], muted: [] };

export interface ChatPost {
  readonly at: number;
  readonly seat: SeatId | 'facilitator';
  readonly author: string;
  readonly channel: ChannelId;
  readonly text: string;
  readonly link?: ChatLink;
}

/** Letters a message may not carry: control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Checks a message text the way the record keeps it: trimmed, 1..MAX_CHAT_TEXT characters, no control characters. */
export function checkText(text: string): Result<string> {
  if (text !== text.trim() || text.length === 0) return reject('bad-message', 'A message needs some text (without leading or trailing spaces).');
  if (text.length > MAX_CHAT_TEXT) return reject('bad-message', `A message is at most ${MAX_CHAT_TEXT} characters; this one has ${text.length}.`);
  if (CONTROL.test(text)) return reject('bad-message', 'A message is plain text: no control characters.');
  return ok(text);
}

const isMuted = (log: ChatLog, seat: string, name: string) => log.muted.some((p) => p.seat === seat && p.name === name);

/**
 * Adds one message (log kind `chat`). Refusals, in this order: `unknown-channel`,
 * `not-in-channel`, `bad-message` (text, author or link), `muted`.
 */
export function postChat(log: ChatLog, seats: readonly SeatSide[], post: ChatPost, when: { turn: number; phase: string }): Result<ChatLog> {
  const c = mayPost(seats, post.seat, post.channel);
  if (!c.ok) return c;
  const t = checkText(post.text);
  if (!t.ok) return t;
  if (post.author.length === 0 || post.author.length > MAX_AUTHOR || post.author !== post.author.trim()) {
    return reject('bad-message', `An author name is 1 to ${MAX_AUTHOR} characters.`);
  }
  if (post.link !== undefined && (!LINK_KINDS.includes(post.link.kind) || post.link.ref.length === 0 || post.link.ref.length > 80)) {
    return reject('bad-message', `A link names one of ${LINK_KINDS.join(', ')} and its id.`);
  }
  if (post.seat !== 'facilitator' && isMuted(log, post.seat, post.author)) return reject('muted', 'The facilitator has muted you: your messages are not posted.');
  const message: ChatMessage = {
    id: log.messages.length,
    at: post.at,
    turn: when.turn,
    phase: when.phase,
    seat: post.seat,
    author: post.author,
    channel: post.channel,
    text: post.text,
    ...(post.link ? { link: { kind: post.link.kind, ref: post.link.ref } } : {}),
    hidden: false,
  };
  return ok({ ...log, messages: [...log.messages, message] });
}

/** The facilitator hides (or shows again) a message, or mutes (or unmutes) a person (log kind `moderate`). */
export function moderateChat(log: ChatLog, seats: readonly SeatSide[], action: ModerationAction): Result<ChatLog> {
  if (action.type === 'hide') {
    const m = log.messages[action.id];
    if (!Number.isInteger(action.id) || !m) return reject('unknown-message', `There is no message #${action.id}.`);
    if (m.hidden === action.hidden) return ok(log);
    const messages = log.messages.map((x) => (x.id === action.id ? { ...x, hidden: action.hidden } : x));
    return ok({ ...log, messages });
  }
  if (!seats.some((s) => s.id === action.seat)) return reject('unknown-seat', `There is no seat "${action.seat}" in this match.`);
  if (action.name.length === 0 || action.name.length > MAX_AUTHOR) return reject('bad-message', `A name is 1 to ${MAX_AUTHOR} characters.`);
  const rest = log.muted.filter((p) => !(p.seat === action.seat && p.name === action.name));
  const muted = action.muted ? [...rest, { seat: action.seat, name: action.name }] : rest;
  muted.sort((a, b) => (a.seat < b.seat ? -1 : a.seat > b.seat ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ok({ ...log, muted });
}

/**
 * The talk as `viewer` had it ("view as"): only the channels it reads; a hidden message
 * stays in place for players but without its text (and link), the facilitator keeps it all.
 */
export function chatFor(log: ChatLog | undefined, seats: readonly SeatSide[], viewer: Viewer): ChatMessage[] {
  const messages = (log ?? EMPTY_CHAT).messages.filter((m) => canRead(seats, viewer, m.channel));
  if (viewer === 'facilitator') return messages;
  return messages.map((m) => (m.hidden ? blank(m) : m));
}

/** A hidden message as players see it: who, where and when, no text. */
export function blank(m: ChatMessage): ChatMessage {
  const { link: _link, ...rest } = m;
  return { ...rest, text: '' };
}

/** Messages linked to a given order, request or offer (e.g. the share whose order id is `ref`). */
export function linkedMessages(log: ChatLog | undefined, kind: ChatLinkKind, ref: string): ChatMessage[] {
  return (log ?? EMPTY_CHAT).messages.filter((m) => m.link?.kind === kind && m.link.ref === ref);
}

/**
 * The exchange that led to message `id`, for the AAR: up to `count` messages of the same
 * channel, ending with it, oldest first (hidden ones included and marked: the AAR is the
 * facilitator's review).
 */
export function exchangeBefore(log: ChatLog | undefined, id: number, count = 6): ChatMessage[] {
  const messages = (log ?? EMPTY_CHAT).messages;
  const last = messages[id];
  if (!last) return [];
  return messages.filter((m) => m.channel === last.channel && m.id <= id).slice(-count);
}
