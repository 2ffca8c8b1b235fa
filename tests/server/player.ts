import { Client, type Room } from '@colyseus/sdk';
import type { Reply } from '../../shared/protocol/common.ts';

/**
 * A real @colyseus/sdk client in a match room, with the reply protocol: `ask` sends a
 * message with a fresh `ref` and resolves with the one reply carrying it.
 */
export class Player {
  readonly room: Room;
  readonly replies: Reply[] = [];
  readonly kicked: string[] = [];
  left: number | null = null;
  #n = 0;
  #waiting = new Map<string, (r: Reply) => void>();

  constructor(room: Room) {
    this.room = room;
    room.onMessage('reply', (r: Reply) => {
      this.replies.push(r);
      const w = this.#waiting.get(r.ref);
      if (w) {
        this.#waiting.delete(r.ref);
        w(r);
      }
    });
    room.onMessage('kicked', (m: { reason: string }) => this.kicked.push(m.reason));
    room.onLeave((code: number) => {
      this.left = code;
    });
  }

  static async join(url: string, options: Record<string, unknown>): Promise<Player> {
    const client = new Client(url);
    return new Player(await client.joinOrCreate('match', options));
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get state(): any {
    return this.room.state;
  }

  /** Sends `type` with a fresh ref and waits for its reply. */
  ask(type: string, body: Record<string, unknown> = {}, timeoutMs = 5000): Promise<Reply> {
    const ref = `r${++this.#n}`;
    return this.#await(ref, timeoutMs, () => this.room.send(type, { ref, ...body }));
  }

  /** Sends any payload; waits for the reply with `ref` ('' for a payload without a usable ref). */
  raw(type: string | number, payload: unknown, ref = '', timeoutMs = 5000): Promise<Reply> {
    return this.#await(ref, timeoutMs, () => this.room.send(type as string, payload));
  }

  /**
   * Waits until this client's state includes every change accepted before now: a refused
   * no-op is answered after the next patch, and one socket delivers in order.
   */
  async sync(): Promise<void> {
    await this.ask('withdrawOrder', { order: 'o-sync' });
  }

  /** Like `ask`, but throws unless the reply is ok. */
  async must(type: string, body: Record<string, unknown> = {}): Promise<Reply> {
    const r = await this.ask(type, body);
    if (!r.ok) throw new Error(`${type} refused: ${r.code}: ${r.message}`);
    return r;
  }

  #await(ref: string, timeoutMs: number, send: () => void): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(ref);
        reject(new Error(`no reply for ref "${ref}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(ref, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      send();
    });
  }

  /** Resolves once `check(state)` holds (checked now, on every state change, and every 50 ms). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  until(check: (state: any) => boolean, timeoutMs = 5000): Promise<void> {
    // A state not decoded yet (right after joining) makes `check` throw: that counts as "not yet".
    const holds = (state: unknown) => {
      try {
        return !!state && check(state);
      } catch {
        return false;
      }
    };
    return new Promise((resolve, reject) => {
      if (holds(this.room.state)) return resolve();
      const stop = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.room.onStateChange.remove(listener);
      };
      const listener = (state: unknown) => {
        if (!holds(state)) return;
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`state condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      // Conditions on more than the state (a reply, the connection closing) are polled too.
      const poll = setInterval(() => listener(this.room.state), 50);
      this.room.onStateChange(listener);
    });
  }

  async leave(): Promise<void> {
    if (this.left === null) await this.room.leave(true).catch(() => undefined);
  }
}

/**
 * Joins people to one match on whichever server `url` names (a seat id, or null for the
 * facilitator), keeping every Player in `players` so the test can make them all leave.
 */
export function joinerFor(match: { matchId: string; facilitatorToken: string; seats: readonly { seat: string; code: string }[] }, players: Player[]) {
  return async (url: string, seat: string | null, name: string): Promise<Player> => {
    const code = match.seats.find((s) => s.seat === seat)?.code ?? '';
    const p = await Player.join(url, seat === null ? { matchId: match.matchId, facilitatorToken: match.facilitatorToken, name } : { matchId: match.matchId, code, name });
    players.push(p);
    return p;
  };
}
