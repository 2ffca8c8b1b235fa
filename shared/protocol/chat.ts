import { z } from 'zod';
import { MAX_CHANNEL_LENGTH } from '../engine/channels.ts';
import { LINK_KINDS, MAX_AUTHOR, MAX_CHAT_TEXT } from '../engine/chat.ts';
import { message, SeatRef } from './common.ts';

/**
 * Negotiation channels (issue 7; channels in shared/engine/channels.ts), valid for every
 * ruleset. Client → server, each answered by one `reply` like every message:
 *
 * - `postMessage { channel, text, link? }` — any seat, or the facilitator (broadcast and
 *   direct lines). `text` is trimmed, 1..500 characters of plain text. `link` ties the
 *   message to the order, request or offer it opened or answers: `{ kind: 'share' |
 *   'huntForward' | 'inviteHunt' | 'sovereignOffer', ref: <its id> }`. Recorded in the match
 *   log (kind `chat`) before the reply; its id (sequence number) is in the reply's `data.id`.
 *   Refusals: `unknown-channel`, `not-in-channel`, `muted`, `chat-rate-limited` (at most
 *   CHAT_RATE_LIMIT.burst in a row, refilled at `perSecond`, per seat: all its connections
 *   together), `bad-message`.
 * - `typing { channel }` — "someone is typing": not logged; relayed (at most once per
 *   TYPING_RELAY_MS per connection and channel) as the server message `typing` to the other
 *   connections that read that channel, and to nobody else.
 * - `hideMessage { id, hidden? }` (facilitator) — hides a message (or shows it again):
 *   players keep it in place without its text, the facilitator still reads it, marked.
 * - `muteMember { seat, name, muted }` (facilitator) — mutes one person (a display name on a
 *   seat); their posts are refused with `muted`. Both are logged (kind `moderate`).
 *
 * Server → client: the messages themselves arrive in the room state (each seat's own chat
 * box, the facilitator's box holding all of them, the broadcast on the root), never as
 * messages; only `typing` travels as a message.
 */
export const ChatLinkSchema = z.object({ kind: z.enum(LINK_KINDS), ref: z.string().min(1).max(80) }).strict();

const channel = z.string().min(1).max(MAX_CHANNEL_LENGTH);

export const ChatMessages = {
  postMessage: message({ channel, text: z.string().trim().min(1).max(MAX_CHAT_TEXT), link: ChatLinkSchema.optional() }),
  typing: message({ channel }),
  hideMessage: message({ id: z.int().min(0).max(4_000_000_000), hidden: z.boolean().default(true) }),
  muteMember: message({ seat: SeatRef, name: z.string().trim().min(1).max(MAX_AUTHOR), muted: z.boolean() }),
} as const;

export type ChatMessageType = keyof typeof ChatMessages;
export type ChatClientMessage<K extends ChatMessageType> = z.infer<(typeof ChatMessages)[K]>;

export const FACILITATOR_CHAT_MESSAGES: ReadonlySet<string> = new Set<ChatMessageType>(['hideMessage', 'muteMember']);

/** Per-connection flood control for `postMessage`: 5 in a row, then one every 2 s (5 per 10 s). */
export const CHAT_RATE_LIMIT = { perSecond: 0.5, burst: 5 } as const;

/** A connection's typing notices in one channel are relayed at most this often. */
export const TYPING_RELAY_MS = 2000;

/** Server → client: someone on `seat` ('facilitator' for the White Cell) is typing in `channel`. */
export interface TypingNotice {
  readonly channel: string;
  readonly seat: string;
  readonly name: string;
}

export const CHAT_TYPING_MESSAGE = 'typing';

/** Refusals particular to chat (besides the protocol's own, see common.ts). */
export type ChatErrorCode = 'not-in-channel' | 'unknown-channel' | 'muted' | 'chat-rate-limited' | 'bad-message' | 'unknown-message';
