import { Client, type Room } from '@colyseus/sdk';
import { Connection } from '@colyseus/sdk/Connection';

/** Colyseus' ROOM_STATE message code (@colyseus/shared-types Protocol): the first byte of a full-state frame. */
const ROOM_STATE = 14;

/**
 * Bytes each SDK connection has received, counted on the raw WebSocket frames (as
 * tests/server/frames.ts records them), and the count when its first full state had arrived.
 */
const received = new WeakMap<Connection, { bytes: number; firstState: number }>();
let installed = false;

/**
 * Wraps `Connection.prototype.connect` once, for the whole bench process: a 'message' listener
 * is added to each new socket synchronously after it is created, before any frame can arrive,
 * and adds the frame's byte length to that connection's counter.
 */
export function countFrames(): void {
  if (installed) return;
  installed = true;
  const original = Connection.prototype.connect;
  Connection.prototype.connect = function (this: Connection, ...args: Parameters<Connection['connect']>) {
    original.apply(this, args);
    const counter = { bytes: 0, firstState: -1 };
    received.set(this, counter);
    const ws = (this.transport as unknown as { ws: WebSocket }).ws;
    ws.addEventListener('message', (ev: MessageEvent) => {
      const d: unknown = ev.data;
      counter.bytes += typeof d === 'string' ? Buffer.byteLength(d) : d instanceof ArrayBuffer ? d.byteLength : (d as ArrayBufferView).byteLength;
      if (counter.firstState < 0 && typeof d !== 'string') {
        const first = d instanceof ArrayBuffer ? new Uint8Array(d)[0] : new Uint8Array((d as ArrayBufferView).buffer, (d as ArrayBufferView).byteOffset, 1)[0];
        if (first === ROOM_STATE) counter.firstState = counter.bytes;
      }
    });
  };
}

interface Reply {
  readonly ref: string;
  readonly ok: boolean;
  readonly code?: string;
}

/**
 * One bot's connection: an SDK room, the bytes it has received, and the replies the server
 * refused (bots do not wait for replies, they only count refusals).
 */
export class BenchClient {
  readonly room: Room;
  readonly refused: string[] = [];
  #n = 0;
  #leaving: Promise<void> | null = null;

  private constructor(room: Room) {
    this.room = room;
    room.onMessage('reply', (r: Reply) => {
      if (!r.ok) this.refused.push(r.code ?? 'unknown');
    });
    room.onMessage('kicked', () => undefined);
  }

  /** Joins (or creates) room `roomName` — `match` on the real server, `floor` on the floor. */
  static async join(url: string, options: Record<string, unknown>, roomName = 'match'): Promise<BenchClient> {
    countFrames();
    return new BenchClient(await new Client(url).joinOrCreate(roomName, options));
  }

  get bytes(): number {
    return received.get(this.room.connection)?.bytes ?? 0;
  }

  /** Bytes received up to and including the first full state (NaN before it has arrived). */
  get firstStateBytes(): number {
    const c = received.get(this.room.connection);
    return c && c.firstState >= 0 ? c.firstState : Number.NaN;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get state(): any {
    return this.room.state;
  }

  send(type: string, body: Record<string, unknown> = {}): void {
    this.room.send(type, { ref: `b${++this.#n}`, ...body });
  }

  /** Resolves on the first state (change) for which `check` holds; rejects after `timeoutMs`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  until(check: (state: any) => boolean, timeoutMs: number): Promise<void> {
    const holds = () => {
      try {
        return !!this.room.state && check(this.room.state);
      } catch {
        return false;
      }
    };
    if (holds()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!holds()) return;
        clearTimeout(timer);
        this.room.onStateChange.remove(listener);
        resolve();
      };
      const timer = setTimeout(() => {
        this.room.onStateChange.remove(listener);
        reject(new Error(`state condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      this.room.onStateChange(listener);
    });
  }

  /** Leaves once; later calls get the same promise (the SDK's second `leave` never settles). Bounded by `timeoutMs`. */
  leave(timeoutMs = 5000): Promise<void> {
    this.#leaving ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.room.leave(true).then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.#leaving;
  }
}
