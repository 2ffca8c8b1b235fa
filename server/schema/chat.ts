import { schema, t } from '@colyseus/schema';

/**
 * The talk of a match in the room state (issue 7; shared/engine/chat.ts, channels.ts).
 * Fields only; chat-mirror.ts fills them, one direction.
 *
 * - root `chat`: the `broadcast` channel, public (every seat and the observers read it).
 * - root `chatBoxes`: one box per seat, view-tagged: a seat's StateView holds only its own
 *   box, so a seat never receives a channel it is not part of. A box holds that seat's
 *   direct line, its coalition or red channel and its bilaterals.
 * - root `chatGod`: the facilitator's box (view-tagged): every message of every channel, the
 *   text of hidden ones included (marked), and who is muted.
 *
 * A hidden message stays in players' lists in place with `hidden` set and no text or link.
 */
const s = () => t.string().default('');

export const ChatItem = schema(
  {
    /** Sequence number in the match's talk (stable). */
    id: t.uint32().default(0),
    at: t.float64().default(0),
    turn: t.uint16().default(0),
    phase: s(),
    /** Seat id, or 'facilitator'. */
    seat: s(),
    author: s(),
    channel: s(),
    text: s(),
    /** What the message is linked to ('' when nothing): share | huntForward | inviteHunt | sovereignOffer. */
    linkKind: s(),
    linkRef: s(),
    hidden: t.boolean().default(false),
  },
  'ChatItem',
);

export const ChatMute = schema({ seat: s(), name: s() }, 'ChatMute');

export const ChatBox = schema(
  {
    seat: s(),
    messages: t.array(ChatItem),
    /** Only in the facilitator's box. */
    muted: t.array(ChatMute),
  },
  'ChatBox',
);

/** The chat fields a ruleset's root adds beside matchFields(). */
export function chatFields() {
  return {
    chat: t.array(ChatItem),
    chatBoxes: t.map(ChatBox).view(),
    chatGod: t.ref(ChatBox).view(),
  };
}

export type ChatItemT = InstanceType<typeof ChatItem>;
export type ChatBoxT = InstanceType<typeof ChatBox>;
