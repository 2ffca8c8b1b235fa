import type { ArraySchema, MapSchema } from '@colyseus/schema';
import { audienceOf, parseChannel, type SeatSide } from '../../shared/engine/channels.ts';
import { EMPTY_CHAT, type ChatLog, type ChatMessage } from '../../shared/engine/chat.ts';
import { ChatBox, ChatItem, ChatMute, type ChatBoxT, type ChatItemT } from './chat.ts';

/** The chat part of a mirror root (server/schema/chat.ts). */
export interface ChatRoot {
  chat: ArraySchema<ChatItemT>;
  chatBoxes: MapSchema<ChatBoxT>;
  chatGod: ChatBoxT;
}

/**
 * Maps the match's talk into the room state, one direction and in place (issue 7): each new
 * message goes to the facilitator's box and to the box of every seat in its channel's
 * audience (the broadcast to the public root list instead), so the per-seat StateViews decide
 * who receives it. Hiding and showing again update the message where it already is.
 */
export class ChatMirror {
  #count = 0;
  /** Hidden flag of each message as last mirrored, by id. */
  #hidden: boolean[] = [];

  /** Creates the boxes (before any view is made), then brings them up to date with `log`. */
  refresh(root: ChatRoot, seats: readonly SeatSide[], log: ChatLog | undefined): void {
    if (!root.chatGod) root.chatGod = Object.assign(new ChatBox(), { seat: 'facilitator' });
    for (const s of seats) if (!root.chatBoxes.get(s.id)) root.chatBoxes.set(s.id, Object.assign(new ChatBox(), { seat: s.id }));
    const { messages, muted } = log ?? EMPTY_CHAT;
    if (messages.length < this.#count) {
      // The match was rebuilt from the store with fewer messages: start the lists over.
      root.chat.clear();
      root.chatGod.messages.clear();
      for (const box of root.chatBoxes.values()) box.messages.clear();
      this.#count = 0;
      this.#hidden = [];
    }
    for (let i = 0; i < this.#count; i++) {
      const m = messages[i] as ChatMessage;
      if (m.hidden !== this.#hidden[i]) this.#rehide(root, seats, m);
    }
    for (let i = this.#count; i < messages.length; i++) {
      const m = messages[i] as ChatMessage;
      root.chatGod.messages.push(item(m, true));
      for (const list of playerLists(root, seats, m)) list.push(item(m, false));
      this.#hidden[i] = m.hidden;
    }
    this.#count = messages.length;
    const god = root.chatGod.muted;
    if (god.length !== muted.length || muted.some((p, i) => god.at(i)?.seat !== p.seat || god.at(i)?.name !== p.name)) {
      god.clear();
      for (const p of muted) god.push(Object.assign(new ChatMute(), { seat: p.seat, name: p.name }));
    }
  }

  #rehide(root: ChatRoot, seats: readonly SeatSide[], m: ChatMessage): void {
    const full = root.chatGod.messages.at(m.id);
    if (full) full.hidden = m.hidden;
    for (const list of playerLists(root, seats, m)) {
      const target = list.find((x) => x.id === m.id);
      if (target) Object.assign(target, fields(m, false));
    }
    this.#hidden[m.id] = m.hidden;
  }
}

/** The players' lists a message belongs in: the root list for the broadcast, else each audience seat's box. */
function playerLists(root: ChatRoot, seats: readonly SeatSide[], m: ChatMessage): ArraySchema<ChatItemT>[] {
  const c = parseChannel(m.channel, seats);
  if (!c.ok) return [];
  if (c.value.kind === 'broadcast') return [root.chat];
  return audienceOf(c.value, seats).flatMap((seat) => {
    const box = root.chatBoxes.get(seat);
    return box ? [box.messages] : [];
  });
}

/** A message's fields; for players a hidden one has no text and no link. */
function fields(m: ChatMessage, facilitator: boolean) {
  const blank = m.hidden && !facilitator;
  return {
    id: m.id,
    at: m.at,
    turn: m.turn,
    phase: m.phase,
    seat: m.seat,
    author: m.author,
    channel: m.channel,
    text: blank ? '' : m.text,
    linkKind: blank ? '' : (m.link?.kind ?? ''),
    linkRef: blank ? '' : (m.link?.ref ?? ''),
    hidden: m.hidden,
  };
}

const item = (m: ChatMessage, facilitator: boolean): ChatItemT => Object.assign(new ChatItem(), fields(m, facilitator));
