import { Client, CloseCode, ErrorCode, MatchMakeError, type Room } from '@colyseus/sdk';
import { REPLACED_CLOSE_CODE } from '../../shared/protocol/classroom.ts';
import { KICKED_CLOSE_CODE, MALFORMED_CLOSE_CODE, RECONNECT_SECONDS, ServerMessageType, type JoinOptions, type Kicked, type Reply } from '../../shared/protocol/common.ts';
import { sentence } from './sentence.ts';

/**
 * - `connecting`: the first join is under way.
 * - `connected`: in the match room; `send` works.
 * - `reconnecting`: the connection dropped; the SDK is bringing back the same session
 *   (the room keeps the place for RECONNECT_SECONDS: `allowReconnection` in
 *   server/rooms/match-room.ts).
 * - `rejoining`: that session is gone (the SDK was refused or did not make it in time; the
 *   server restarted, or the process hosting the room died): joining the match afresh with
 *   the same credentials, with backoff.
 * - `closed`: left on purpose, removed by the facilitator, refused (a replaced code…),
 *   replaced by a newer connection of the same person, or the server stayed unreachable too
 *   long. `closedReason` says which.
 */
export type SessionStatus = 'connecting' | 'connected' | 'reconnecting' | 'rejoining' | 'closed';

export interface SessionOptions {
  /** The server's HTTP address, e.g. `http://localhost:2567` (any process, with several). */
  readonly endpoint: string;
  /** `{ matchId, code | facilitatorToken, name }`, as the room's `joinOrCreate` takes them. */
  readonly join: JoinOptions;
  /** How long the SDK may try to bring back a dropped session before joining afresh (default RECONNECT_SECONDS). */
  readonly reconnectForMs?: number;
  /** How long to keep trying to (re)join before giving up (default 2 minutes). */
  readonly rejoinForMs?: number;
  /** First and largest wait between join attempts (default 250 ms doubling up to 5 s). */
  readonly backoff?: { readonly firstMs: number; readonly maxMs: number };
  /** How long one join attempt may take (default 15 s). */
  readonly joinTimeoutMs?: number;
  /** How long `send` waits for the reply (default 10 s). */
  readonly replyTimeoutMs?: number;
}

/** Why `send` got no reply: not connected, the connection was lost, or no answer in time. */
export class SessionError extends Error {
  override readonly name = 'SessionError';
  readonly code: 'not-connected' | 'connection-lost' | 'timeout' | 'closed';
  constructor(code: SessionError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

type Unsubscribe = () => void;
type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

/** Matchmaking refusals that another attempt cannot fix (wrong code or token, bad options). */
const PERMANENT: ReadonlySet<number> = new Set([ErrorCode.AUTH_FAILED, ErrorCode.MATCHMAKE_INVALID_CRITERIA, ErrorCode.MATCHMAKE_NO_HANDLER]);

/** What the session says when the server closed it for sending frames it cannot read (MALFORMED_CLOSE_CODE). */
export const MALFORMED_EXPLANATION =
  'the server closed this connection because this page kept sending data it could not read. Reload the page to join again; if it happens again, tell your facilitator.';

/**
 * A server refusal as a person should read it: the server sends `code: sentence`; the code is
 * for programs, the sentence for people.
 */
export function readableRefusal(message: string): string {
  return sentence(message);
}

/** The wait a `too-many-attempts` refusal asks for, in ms, or null for any other refusal. */
export function throttledFor(message: string): number | null {
  if (!message.startsWith('too-many-attempts:')) return null;
  const m = /Wait (\d+) seconds?/.exec(message);
  return m ? Number(m[1]) * 1000 : null;
}

/**
 * One person's connection to one match (docs/design.md §8), for the browser client and for tests:
 * no DOM. It joins the `match` room; a dropped connection is brought back by the SDK's own
 * reconnection (same session); when that fails — the server restarted, so the room is gone
 * and is rebuilt from the archive on the next join — it joins again with the same options
 * (`joinOrCreate` finds or recreates the room whose id is the match id), with bounded
 * exponential backoff, and moves its listeners to the new room.
 */
export class MatchSession {
  readonly #client: Client;
  readonly #join: JoinOptions;
  readonly #reconnectForMs: number;
  readonly #rejoinForMs: number;
  readonly #backoff: { readonly firstMs: number; readonly maxMs: number };
  readonly #joinTimeoutMs: number;
  readonly #replyTimeoutMs: number;
  #room: Room | null = null;
  #status: SessionStatus = 'connecting';
  #closedReason = '';
  #closing = false;
  #kicked: string | null = null;
  #wasConnected = false;
  #n = 0;
  #wake: (() => void) | null = null;
  #giveUp: ReturnType<typeof setTimeout> | undefined;
  readonly #pending = new Map<string, Pending>();
  readonly #statusListeners = new Set<(status: SessionStatus, previous: SessionStatus) => void>();
  readonly #roomListeners = new Set<(room: Room) => void>();
  readonly #stateListeners = new Set<(state: unknown) => void>();
  readonly #messageListeners = new Map<string, Set<(payload: unknown) => void>>();

  private constructor(o: SessionOptions) {
    this.#client = new Client(o.endpoint);
    this.#join = o.join;
    this.#reconnectForMs = o.reconnectForMs ?? RECONNECT_SECONDS * 1000;
    this.#rejoinForMs = o.rejoinForMs ?? 120_000;
    this.#backoff = o.backoff ?? { firstMs: 250, maxMs: 5000 };
    this.#joinTimeoutMs = o.joinTimeoutMs ?? 15_000;
    this.#replyTimeoutMs = o.replyTimeoutMs ?? 10_000;
  }

  /** Joins the match; resolves once connected, rejects if it is refused or unreachable for `rejoinForMs`. */
  static async open(options: SessionOptions): Promise<MatchSession> {
    const session = new MatchSession(options);
    if (!(await session.#joinLoop())) throw new Error(`Could not join match ${options.join.matchId}: ${session.#closedReason}`);
    return session;
  }

  get status(): SessionStatus {
    return this.#status;
  }

  /** The room now, or null while rejoining and once closed. Its listeners are the session's to manage. */
  get room(): Room | null {
    return this.#room;
  }

  /** The room's state now (undefined while there is no room). */
  get state(): unknown {
    return this.#room?.state;
  }

  /** Why the session closed ('' while it is open). */
  get closedReason(): string {
    return this.#closedReason;
  }

  onStatus(listener: (status: SessionStatus, previous: SessionStatus) => void): Unsubscribe {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Called with every new room (after a rejoin): attach schema callbacks here. Also called now if there is one. */
  onRoom(listener: (room: Room) => void): Unsubscribe {
    this.#roomListeners.add(listener);
    if (this.#room) listener(this.#room);
    return () => this.#roomListeners.delete(listener);
  }

  /** Every state change, from whichever room is current. */
  onStateChange(listener: (state: unknown) => void): Unsubscribe {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** A server message type other than `reply` (which `send` consumes), from whichever room is current. */
  onMessage(type: string, listener: (payload: unknown) => void): Unsubscribe {
    let set = this.#messageListeners.get(type);
    if (!set) this.#messageListeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Sends `type` with a fresh `ref` and resolves with the server's one reply to it — accepted
   * or refused (see Reply). Rejects with a SessionError if not connected, if the connection
   * is lost first, or after `timeoutMs` (then the message may or may not have been applied).
   */
  send(type: string, body: Readonly<Record<string, unknown>> = {}, timeoutMs = this.#replyTimeoutMs): Promise<Reply> {
    const room = this.#room;
    if (!room || this.#status !== 'connected') return Promise.reject(new SessionError('not-connected', `Not connected (${this.#status}).`));
    const ref = `s${(++this.#n).toString(36)}`;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(ref);
        reject(new SessionError('timeout', `No reply to ${type} within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.#pending.set(ref, { resolve, reject, timer });
      room.send(type, { ...body, ref });
    });
  }

  /** Leaves the match for good. */
  async close(): Promise<void> {
    if (this.#status === 'closed') return;
    this.#closing = true;
    this.#wake?.();
    const room = this.#room;
    if (room) {
      // Stop the SDK's own retries; an attempt already under way that succeeds is left at once (see #attach).
      room.reconnection.enabled = false;
      room.reconnection.maxRetries = 0;
      // Only a live socket can carry the leave message (and only then does the SDK confirm it).
      if (this.#status === 'connected') await Promise.race([room.leave(true).catch(() => undefined), delay(2000)]);
    }
    this.#finish('left');
  }

  #setStatus(status: SessionStatus): void {
    const previous = this.#status;
    if (previous === status || previous === 'closed') return;
    this.#status = status;
    for (const l of this.#statusListeners) l(status, previous);
  }

  #finish(reason: string): void {
    if (this.#status === 'closed') return;
    this.#closedReason ||= reason;
    this.#room = null;
    clearTimeout(this.#giveUp);
    this.#failPending(new SessionError('closed', `Session closed: ${reason}`));
    this.#setStatus('closed');
  }

  /** Joins until it works, is refused, or `rejoinForMs` runs out; true once connected. */
  async #joinLoop(): Promise<boolean> {
    const deadline = Date.now() + this.#rejoinForMs;
    for (let attempt = 0; ; attempt++) {
      if (this.#closing) return false;
      let error: unknown;
      try {
        const room = await this.#joinOnce();
        if (this.#closing) {
          void room.leave(true).catch(() => undefined);
          return false;
        }
        this.#attach(room);
        return true;
      } catch (e) {
        error = e;
      }
      // A rejoin held back by the wrong-code throttle (someone else guessing at this match) waits it out; a first join says so.
      const throttled = error instanceof MatchMakeError ? throttledFor(error.message) : null;
      if (error instanceof MatchMakeError && PERMANENT.has(error.code) && !(throttled !== null && this.#wasConnected)) {
        this.#finish(`refused: ${readableRefusal(error.message)}`);
        return false;
      }
      const wait = throttled ?? Math.min(this.#backoff.maxMs, this.#backoff.firstMs * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      if (Date.now() + wait > deadline) {
        this.#finish(`unreachable for ${Math.round(this.#rejoinForMs / 1000)} s (last error: ${readableRefusal(error instanceof Error ? error.message : String(error))}). Reload the page to try again.`);
        return false;
      }
      await delay(wait, (wake) => (this.#wake = wake));
      this.#wake = null;
    }
  }

  /** One `joinOrCreate`, bounded in time (a late room is left at once). */
  #joinOnce(): Promise<Room> {
    const joining = this.#client.joinOrCreate('match', { ...this.#join });
    return new Promise<Room>((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        reject(new Error(`join attempt took longer than ${this.#joinTimeoutMs} ms`));
      }, this.#joinTimeoutMs);
      joining.then(
        (room) => {
          clearTimeout(timer);
          if (late) void room.leave(true).catch(() => undefined);
          else resolve(room);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  #attach(room: Room): void {
    this.#room = room;
    this.#kicked = null;
    this.#wasConnected = true;
    room.onMessage('*', (type: string | number, payload: unknown) => this.#dispatch(String(type), payload));
    room.onStateChange((state: unknown) => {
      if (this.#room !== room) return;
      for (const l of this.#stateListeners) l(state);
    });
    room.onDrop(() => {
      if (this.#room !== room) return;
      this.#setStatus('reconnecting');
      // Past the room's reconnection window (or with the process that hosted it gone for good),
      // the SDK's retries cannot succeed: stop them and join afresh.
      clearTimeout(this.#giveUp);
      this.#giveUp = setTimeout(() => {
        room.reconnection.maxRetries = 0;
        void this.#left(room, CloseCode.FAILED_TO_RECONNECT, `not back within ${this.#reconnectForMs} ms`);
      }, this.#reconnectForMs);
    });
    room.onReconnect(() => {
      // A room given up on (or a session closed) that comes back after all is left at once.
      if (this.#closing || this.#room !== room) return void room.leave(true).catch(() => undefined);
      clearTimeout(this.#giveUp);
      this.#setStatus('connected');
    });
    room.onLeave((code: number, reason?: string) => void this.#left(room, code, reason));
    this.#setStatus('connected');
    for (const l of this.#roomListeners) l(room);
  }

  #dispatch(type: string, payload: unknown): void {
    if (type === ServerMessageType.reply) {
      const reply = payload as Reply;
      const p = this.#pending.get(reply?.ref);
      if (p) {
        this.#pending.delete(reply.ref);
        clearTimeout(p.timer);
        p.resolve(reply);
      }
    } else if (type === ServerMessageType.kicked) {
      this.#kicked = (payload as Kicked | undefined)?.reason ?? 'removed by the facilitator';
    }
    for (const l of this.#messageListeners.get(type) ?? []) l(payload);
  }

  async #left(room: Room, code: number, reason?: string): Promise<void> {
    if (this.#room !== room) return;
    this.#room = null;
    clearTimeout(this.#giveUp);
    this.#failPending(new SessionError('connection-lost', `Connection lost (${code}${reason ? `: ${reason}` : ''}) before the reply.`));
    if (this.#closing || code === CloseCode.CONSENTED) return this.#finish('left');
    if (code === KICKED_CLOSE_CODE || this.#kicked !== null) return this.#finish(`kicked: ${this.#kicked ?? reason ?? ''}`);
    // The same person opened this seat again (a reload, another tab or laptop): that one goes on.
    if (code === REPLACED_CLOSE_CODE) return this.#finish('replaced: you opened this seat again in another tab or on another device.');
    if (code === MALFORMED_CLOSE_CODE) return this.#finish(MALFORMED_EXPLANATION);
    this.#setStatus('rejoining');
    await this.#joinLoop();
  }

  #failPending(error: SessionError): void {
    for (const [ref, p] of this.#pending) {
      this.#pending.delete(ref);
      clearTimeout(p.timer);
      p.reject(error);
    }
  }
}

/** Resolves after `ms`, or sooner when the function handed to `onWake` is called. */
function delay(ms: number, onWake?: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    onWake?.(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
