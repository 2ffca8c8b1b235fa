import type { z } from 'zod';
import type { ChatLink, ModerationAction } from '../../shared/engine/chat.ts';
import type { ControlAction } from '../../shared/engine/match.ts';
import { ok, reject, type Result } from '../../shared/engine/result.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { ChatMessages, FACILITATOR_CHAT_MESSAGES, type ChatClientMessage } from '../../shared/protocol/chat.ts';
import { FACILITATOR_MATCH_MESSAGES, MatchMessages, type MatchMessage } from '../../shared/protocol/match.ts';
import type { RulesetProtocol } from '../../shared/protocol/ruleset-protocol.ts';
import type { Identity } from '../auth/authenticate.ts';

/** What a valid message asks the match to do. */
export type Action =
  /** `markReady`: the message was a seat's whole turn (the protocol's `marksReady`): mark the seat ready once it is accepted. */
  | { readonly kind: 'input'; readonly actor: SeatId | 'facilitator'; readonly input: unknown; readonly markReady: boolean }
  | { readonly kind: 'ready'; readonly seat: SeatId; readonly ready: boolean }
  | { readonly kind: 'control'; readonly action: ControlAction }
  | { readonly kind: 'advance' }
  | { readonly kind: 'setBot'; readonly seat: string; readonly bot: boolean }
  | { readonly kind: 'kick'; readonly seat: string }
  | { readonly kind: 'newCode'; readonly seat: string }
  /** A message in a channel (shared/protocol/chat.ts); `author` is the sender's display name. */
  | { readonly kind: 'chat'; readonly seat: SeatId | 'facilitator'; readonly author: string; readonly channel: string; readonly text: string; readonly link?: ChatLink }
  /** "Typing…": not logged, relayed by the room to the channel's readers. */
  | { readonly kind: 'typing'; readonly channel: string }
  | { readonly kind: 'moderate'; readonly action: ModerationAction };

function schemaOf(protocol: RulesetProtocol<unknown>, type: string): z.ZodType | undefined {
  if (Object.hasOwn(MatchMessages, type)) return MatchMessages[type as keyof typeof MatchMessages];
  if (Object.hasOwn(ChatMessages, type)) return ChatMessages[type as keyof typeof ChatMessages];
  if (Object.hasOwn(protocol.messages, type)) return protocol.messages[type];
  return undefined;
}

/**
 * The message pipeline of docs/design.md §8 / STYLE.md "data flows one way", up to the rules:
 * known type → role (observers read only; facilitator messages only from the facilitator;
 * a seat acts only for itself, its seat taken from its credentials, never from the payload)
 * → zod parse → the action. Every refusal is a typed rejection; nothing has changed yet.
 */
export function toAction(protocol: RulesetProtocol<unknown>, type: string, payload: unknown, who: Identity): Result<Action> {
  const schema = schemaOf(protocol, type);
  if (!schema) return reject('unknown-type', `There is no message "${type.slice(0, 40)}".`);
  if (who.role === 'observer') return reject('read-only', 'Observers can watch the match but not act in it.');
  if (who.role === 'lobby') return reject('read-only', 'Pick a seat first: from the lobby you can only choose where to sit.');
  const facilitatorOnly = FACILITATOR_MATCH_MESSAGES.has(type) || FACILITATOR_CHAT_MESSAGES.has(type) || protocol.facilitatorOnly.has(type);
  if (facilitatorOnly && who.role !== 'facilitator') return reject('not-facilitator', 'Only the facilitator (White Cell) can do that.');
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(message)';
    return reject('bad-message', `That "${type}" message is malformed at ${where}: ${issue?.message ?? 'invalid'}.`);
  }
  const p = parsed.data as Record<string, unknown>;
  if (Object.hasOwn(MatchMessages, type)) return matchAction(type as keyof typeof MatchMessages, p, who);
  if (Object.hasOwn(ChatMessages, type)) return chatAction(type as keyof typeof ChatMessages, p, who);
  const actor = who.role === 'facilitator' ? 'facilitator' : who.seat;
  const markReady = actor !== 'facilitator' && (protocol.marksReady?.has(type) ?? false);
  return ok({ kind: 'input', actor, input: protocol.toInput(type, p), markReady });
}

function matchAction(type: keyof typeof MatchMessages, p: Record<string, unknown>, who: Identity): Result<Action> {
  const control = (action: ControlAction): Result<Action> => ok({ kind: 'control', action });
  switch (type) {
    case 'setReady':
      if (who.role !== 'seat') return reject('not-a-seat', 'Only a seat marks itself ready.');
      return ok({ kind: 'ready', seat: who.seat, ready: (p as MatchMessage<'setReady'>).ready });
    case 'startMatch':
      return control({ type: 'start' });
    case 'practiceTurn':
      return control({ type: 'practice' });
    case 'advancePhase':
      return ok({ kind: 'advance' });
    case 'closePlanning':
      return control({ type: 'closePlanning', reason: 'facilitator' });
    case 'pauseTimer':
      return control({ type: 'pause' });
    case 'resumeTimer':
      return control({ type: 'resume' });
    case 'extendTimer':
      return control({ type: 'extend', seconds: (p as MatchMessage<'extendTimer'>).seconds });
    case 'endMatch':
      return control({ type: 'end', reason: (p as MatchMessage<'endMatch'>).reason });
    case 'setBot': {
      const m = p as MatchMessage<'setBot'>;
      return ok({ kind: 'setBot', seat: m.seat, bot: m.bot });
    }
    case 'kickSeat':
      return ok({ kind: 'kick', seat: (p as MatchMessage<'kickSeat'>).seat });
    case 'newSeatCode':
      return ok({ kind: 'newCode', seat: (p as MatchMessage<'newSeatCode'>).seat });
  }
}

function chatAction(type: keyof typeof ChatMessages, p: Record<string, unknown>, who: Identity): Result<Action> {
  switch (type) {
    case 'postMessage': {
      const m = p as ChatClientMessage<'postMessage'>;
      const seat = who.role === 'seat' ? who.seat : 'facilitator';
      return ok({ kind: 'chat', seat, author: who.name, channel: m.channel, text: m.text, ...(m.link ? { link: m.link } : {}) });
    }
    case 'typing':
      return ok({ kind: 'typing', channel: (p as ChatClientMessage<'typing'>).channel });
    case 'hideMessage': {
      const m = p as ChatClientMessage<'hideMessage'>;
      return ok({ kind: 'moderate', action: { type: 'hide', id: m.id, hidden: m.hidden } });
    }
    case 'muteMember': {
      const m = p as ChatClientMessage<'muteMember'>;
      return ok({ kind: 'moderate', action: { type: 'mute', seat: m.seat as SeatId, name: m.name, muted: m.muted } });
    }
  }
}
