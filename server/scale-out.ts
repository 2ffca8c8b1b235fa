import type { matchMaker, Presence } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';

export interface ScaleOut {
  readonly presence?: Presence;
  readonly driver?: matchMaker.MatchMakerDriver;
  readonly publicAddress?: string;
}

export interface ScaleOutEnv {
  readonly REDIS_URL?: string | undefined;
  readonly PUBLIC_ADDRESS?: string | undefined;
  readonly HOST?: string | undefined;
}

/** The hash in which @colyseus/redis-driver 0.18 keeps every room listing (its ROOMCACHES_KEY). */
const ROOM_LISTINGS_KEY = 'roomcaches';
const REDIS_ANSWER_MS = 5000;

/**
 * @colyseus/redis-driver 0.18.3 has no `insert`, so matchmaking records a new room with
 * `persist` (HSET: the second of two concurrent creations silently wins, and both rooms stay
 * live). A match's room id is its match id, so two processes answering a first join at the
 * same moment would each host the match. `insert` with HSETNX settles it: the process that
 * records the listing first owns the room; matchmaking discards the other room and seats the
 * client in the owner's (MatchMaker.recordRoom).
 */
export class MatchRoomDriver extends RedisDriver {
  constructor(url: string, log: (line: string) => void = (line) => console.warn(line)) {
    super(url);
    // Without a listener ioredis prints every failed reconnection as an "Unhandled error event".
    let last = '';
    this.#redis.on('error', (e: Error) => {
      if (e.message !== last) log(`RedisDriver: ${e.message}`);
      last = e.message;
    });
  }

  /** The driver's own ioredis connection (private in its typings; there is no public way to reach it). */
  get #redis(): DriverConnection {
    return (this as unknown as { _client: DriverConnection })._client;
  }

  async insert(room: Parameters<RedisDriver['persist']>[0]): Promise<boolean> {
    return (await this.#redis.hsetnx(ROOM_LISTINGS_KEY, room.roomId, JSON.stringify(room))) === 1;
  }

  /** Drops the connection at once (`shutdown` sends QUIT, which waits for a Redis that may never answer). */
  disconnect(): void {
    this.#redis.disconnect();
  }
}

interface DriverConnection {
  hsetnx(key: string, field: string, value: string): Promise<number>;
  on(event: 'error', listener: (e: Error) => void): unknown;
  disconnect(): void;
}

/**
 * Several server processes behind one address (docs/design.md §8 "Scale-out: Colyseus' Redis
 * presence and driver when REDIS_URL is set"). Without REDIS_URL: one process, local presence
 * and driver. With it: RedisPresence (matchmaking between processes over pub/sub), the Redis
 * room listing (MatchRoomDriver: a match's room exists once across processes), and this
 * process's reachable address — a seat reserved through another process is taken by
 * connecting here, so it must be an address clients can reach: PUBLIC_ADDRESS
 * (`host:port`, optionally with a path prefix a proxy routes to this process), else
 * `HOST:PORT` — `127.0.0.1:PORT` when HOST is unset or every interface, which only suits
 * clients on this machine.
 *
 * Fails fast if Redis does not answer, rather than starting a process that cannot matchmake.
 */
export async function scaleOutFromEnv(env: ScaleOutEnv, port: number): Promise<ScaleOut> {
  if (!env.REDIS_URL) return {};
  const publicAddress = env.PUBLIC_ADDRESS?.trim() || defaultPublicAddress(env.HOST, port);
  const presence = new RedisPresence(env.REDIS_URL);
  const driver = new MatchRoomDriver(env.REDIS_URL);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      Promise.all([presence.exists('sovereign-effects:ping'), driver.has('sovereign-effects:ping')]),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`REDIS_URL is set, but Redis at ${redact(env.REDIS_URL as string)} did not answer within ${REDIS_ANSWER_MS / 1000} s.`)), REDIS_ANSWER_MS);
      }),
    ]);
  } catch (e) {
    presence.shutdown();
    driver.disconnect();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return { presence, driver, publicAddress };
}

function defaultPublicAddress(host: string | undefined, port: number): string {
  if (port === 0) throw new Error('With REDIS_URL, set PORT to a fixed port (or PUBLIC_ADDRESS): other processes send clients to this address.');
  const h = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `${h}:${port}`;
}

/** A connection URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
