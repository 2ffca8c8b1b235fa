import type { Client, Room } from '@colyseus/core';
import { MALFORMED_CLOSE_CODE } from '../../shared/protocol/common.ts';
import { malformation } from './frames.ts';

/** Malformed frames one connection may send in a minute before it is disconnected (a real client sends none). */
export const MALFORMED_LIMIT = 20;
const MINUTE = 60_000;

interface AddressCount {
  since: number;
  frames: number;
  ejected: number;
}

/**
 * Malformed WebSocket frames, handled before Colyseus decodes them (issue 13: "abuse without
 * log floods"). Each is dropped and counted — it changes nothing and gets no answer; a
 * connection that sends more than MALFORMED_LIMIT in a minute is closed with
 * MALFORMED_CLOSE_CODE, which the web client explains. The log gets at most two lines per
 * address per minute: the first malformed frame, then a count.
 *
 * Colyseus 0.18 gives no hook before decoding: the room's `_onMessage` (bound per client when it
 * joins) is wrapped on the room instance. `install` fails loudly if that method ever goes away.
 */
export class FrameGuard {
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  readonly #limit: number;
  readonly #strikes = new WeakMap<Client, { since: number; count: number }>();
  readonly #addresses = new Map<string, AddressCount>();
  /** Malformed frames seen, and connections closed for them, since the start. */
  readonly totals = { frames: 0, ejected: 0 };

  constructor(o: { log: (line: string) => void; now: () => number; limit?: number }) {
    this.#log = o.log;
    this.#now = o.now;
    this.#limit = o.limit ?? MALFORMED_LIMIT;
  }

  /** Wraps `room`'s frame handler; `eject` is told (once) before a client is closed for malformed frames. */
  install(room: Room, eject: (client: Client) => void): void {
    const target = room as unknown as { _onMessage?: (client: Client, buffer: unknown) => void };
    const original = target._onMessage;
    if (typeof original !== 'function') throw new Error('FrameGuard: this Colyseus Room has no _onMessage to guard; check the Colyseus version.');
    const guard = this;
    target._onMessage = function (this: unknown, client: Client, buffer: unknown): void {
      const why = malformation(buffer);
      if (why === null) return original.call(this, client, buffer);
      guard.#malformed(client, why, eject);
    };
  }

  /** Writes the minute's counts for addresses whose minute is over; call it now and then. */
  tick(): void {
    const t = this.#now();
    for (const [address, c] of this.#addresses) {
      if (t - c.since < MINUTE) continue;
      this.#summary(address, c);
      this.#addresses.delete(address);
    }
  }

  /** Addresses with a minute of counts open (for tests and the probe: it must fall back to 0). */
  get tracked(): number {
    return this.#addresses.size;
  }

  #malformed(client: Client, why: string, eject: (client: Client) => void): void {
    const t = this.#now();
    this.totals.frames++;
    const address = (client.auth as { address?: string } | undefined)?.address ?? 'unknown';
    let c = this.#addresses.get(address);
    if (c && t - c.since >= MINUTE) {
      this.#summary(address, c);
      c = undefined;
    }
    if (!c) {
      c = { since: t, frames: 0, ejected: 0 };
      this.#addresses.set(address, c);
      this.#log(`[frames] malformed frame from ${address} (session ${client.sessionId}): ${why}; more from this address are counted for a minute`);
    }
    c.frames++;
    const s = this.#strikes.get(client);
    const strikes = s && t - s.since < MINUTE ? s : { since: t, count: 0 };
    strikes.count++;
    this.#strikes.set(client, strikes);
    if (strikes.count <= this.#limit) return;
    if (strikes.count === this.#limit + 1) {
      c.ejected++;
      this.totals.ejected++;
      eject(client);
      try {
        client.leave(MALFORMED_CLOSE_CODE, 'malformed frames');
      } catch {
        // Already closing.
      }
    }
  }

  #summary(address: string, c: AddressCount): void {
    if (c.frames <= 1 && c.ejected === 0) return;
    const closed = c.ejected > 0 ? `; ${c.ejected} connection${c.ejected === 1 ? '' : 's'} closed for it` : '';
    this.#log(`[frames] ${c.frames} malformed frames from ${address} in the last minute${closed}`);
  }
}
