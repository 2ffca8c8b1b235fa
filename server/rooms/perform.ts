import { ok, reject, type Result } from '../../shared/engine/result.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { CLASS_SEAT } from '../../shared/protocol/classroom.ts';
import { OBSERVER_SEAT } from '../../shared/protocol/match.ts';
import { NEW_CODE_ACTION } from '../auth/codes.ts';
import type { MatchHost } from '../match-host.ts';
import { formatJoinCode, newJoinCode, StoreConflict } from '../store/index.ts';
import type { Action } from './dispatch.ts';
import type { Presence } from './presence.ts';

export interface PerformContext {
  readonly host: MatchHost;
  readonly presence: Presence;
  /** Disconnects everyone in `seat`; returns how many. */
  readonly kick: (seat: string) => number;
  /** The archive's `replaceCode` for this match (seat null: the observer). */
  readonly replaceCode: (seat: string | null, code: string) => Promise<void>;
  /** Takes a token from the sender's chat bucket (CHAT_RATE_LIMIT); false: refuse `chat-rate-limited`. */
  readonly chatAllowed: () => boolean;
  /** Relays the sender's "typing…" to the channel's other readers (server/rooms/chat.ts). */
  readonly typing: (channel: string) => Result<ReplyData | undefined>;
}

export type ReplyData = Record<string, string | number | boolean | null>;

/**
 * Carries out one checked action on the match (docs/design.md §1 facilitator powers, §3 turn
 * cycle, §4 orders): the rules decide through the host; what changes who sits where (kick,
 * new join code, bot seats) is logged too. Returns the data for the reply, if any.
 */
export async function perform(action: Action, ctx: PerformContext): Promise<Result<ReplyData | undefined>> {
  const { host } = ctx;
  const done = (r: Result<unknown>): Result<ReplyData | undefined> => (r.ok ? ok(undefined) : reject(r.error.code, r.error.message));
  const seats = host.ruleset.seats(host.match.state).map((s) => s.id as string);
  const unknownSeat = (seat: string) => reject('unknown-seat', `There is no seat "${seat}" in this match.`);
  switch (action.kind) {
    case 'input':
      return done(await host.input(action.actor, action.input, action.markReady));
    case 'ready':
      return done(await host.ready(action.seat, action.ready));
    case 'control':
      return done(await host.control(action.action));
    case 'advance': {
      const r = await host.advance();
      return r.ok ? ok({ phase: host.match.phase }) : done(r);
    }
    case 'setBot': {
      if (action.bot && ctx.presence.count(action.seat) > 0) {
        return reject('seat-occupied', `Someone is playing ${action.seat}: only an empty seat can be handed to the bot.`);
      }
      return done(await host.control({ type: 'setBot', seat: action.seat as SeatId, bot: action.bot }));
    }
    case 'kick': {
      if (!seats.includes(action.seat)) return unknownSeat(action.seat);
      const r = await host.audit('kickSeat', { seat: action.seat });
      return r.ok ? ok({ seat: action.seat, kicked: ctx.kick(action.seat) }) : done(r);
    }
    case 'chat': {
      if (!ctx.chatAllowed()) return reject('chat-rate-limited', 'You are sending messages too fast: wait a few seconds and send again.');
      const { seat, author, channel, text, link } = action;
      const r = await host.chat({ seat, author, channel, text, ...(link ? { link } : {}) });
      return r.ok ? ok({ id: (r.value.chat?.messages.length ?? 1) - 1 }) : done(r);
    }
    case 'moderate':
      return done(await host.moderate(action.action));
    case 'typing':
      return ctx.typing(action.channel);
    case 'newCode': {
      const seat = action.seat === OBSERVER_SEAT ? null : action.seat;
      if (seat !== null && seat !== CLASS_SEAT && !seats.includes(seat)) return unknownSeat(seat);
      if (host.match.phase === 'ended') return reject('match-ended', 'The match has ended.');
      const code = await replaceCode(ctx, seat);
      if (code === null) return reject('storage-failed', 'The match archive could not save the new code, so the old one still works. Try again.');
      const r = await host.audit(NEW_CODE_ACTION, { seat });
      return r.ok ? ok({ seat: action.seat, code: formatJoinCode(code) }) : done(r);
    }
  }
}

/** A fresh code stored for `seat`, drawing again if it clashes with another match's; null if the archive fails. */
async function replaceCode(ctx: PerformContext, seat: string | null): Promise<string | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newJoinCode();
    try {
      await ctx.replaceCode(seat, code);
      return code;
    } catch (e) {
      if (!(e instanceof StoreConflict)) return null;
    }
  }
  return null;
}
