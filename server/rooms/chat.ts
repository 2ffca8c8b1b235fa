import type { Client } from '@colyseus/core';
import { canRead, mayPost, type SeatSide } from '../../shared/engine/channels.ts';
import { ok, type Result } from '../../shared/engine/result.ts';
import type { Viewer } from '../../shared/engine/ruleset.ts';
import { CHAT_TYPING_MESSAGE, TYPING_RELAY_MS, type TypingNotice } from '../../shared/protocol/chat.ts';
import type { Identity } from '../auth/authenticate.ts';

/**
 * The room's side of the negotiation channels that is not in the match log (issue 7): the
 * "typing…" relay. A typing notice goes only to the connections that read that channel
 * (channels.ts `canRead`), never to the sender and never to anyone else; it is throttled per
 * connection and channel and never stored. The chat flood control is per seat, in limits.ts.
 */
export class ChatDesk {
  readonly #now: () => number;
  /** Last relay time per `sessionId\nchannel`. */
  readonly #typed = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Forgets a connection's typing throttle. */
  leave(sessionId: string): void {
    for (const key of [...this.#typed.keys()]) if (key.startsWith(`${sessionId}\n`)) this.#typed.delete(key);
  }

  /**
   * Relays that `sender` is typing in `channel` to the other readers among `clients`.
   * Refuses (typed) a channel the sender may not post in; a notice inside the throttle
   * window is answered ok with `relayed: false` and goes nowhere.
   */
  typing(
    seats: readonly SeatSide[],
    sender: { readonly sessionId: string; readonly who: Identity },
    channel: string,
    clients: Iterable<Client>,
    identityOf: (sessionId: string) => Identity | undefined,
  ): Result<{ relayed: boolean }> {
    const poster = sender.who.role === 'seat' ? sender.who.seat : 'facilitator';
    const allowed = mayPost(seats, poster, channel);
    if (!allowed.ok) return allowed;
    const key = `${sender.sessionId}\n${channel}`;
    const t = this.#now();
    if ((this.#typed.get(key) ?? -Infinity) > t - TYPING_RELAY_MS) return ok({ relayed: false });
    this.#typed.set(key, t);
    const notice: TypingNotice = { channel, seat: poster, name: sender.who.name };
    for (const c of clients) {
      if (c.sessionId === sender.sessionId) continue;
      const who = identityOf(c.sessionId);
      if (!who || !canRead(seats, viewerOf(who), channel)) continue;
      try {
        c.send(CHAT_TYPING_MESSAGE, notice);
      } catch {
        // That client is gone.
      }
    }
    return ok({ relayed: true });
  }
}

const viewerOf = (who: Identity): Viewer => (who.role === 'seat' ? who.seat : who.role === 'lobby' ? 'observer' : who.role);
