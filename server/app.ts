import { defineRoom, defineServer, type matchMaker, type Presence, type Server } from '@colyseus/core';
import { Encoder } from '@colyseus/schema';
import { WebSocketTransport } from '@colyseus/ws-transport';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureOwnerKey } from './auth/bootstrap.ts';
import { Organizers } from './auth/organizers.ts';
import { AttemptThrottle } from './auth/throttle.ts';
import { installClientAddress } from './http/address.ts';
import type { HttpContext } from './http/context.ts';
import { mountHttp } from './http/index.ts';
import { baselineHeaders, configureCors } from './http/security.ts';
import { gatedLogger, LogGate } from './log-gate.ts';
import { MemoryReducer } from './memory-reducer.ts';
import { FrameGuard } from './rooms/frame-guard.ts';
import { DEFAULT_LIMITS, RoomLimits, type Rate, type ServerLimits } from './rooms/limits.ts';
import { defineMatchRoom } from './rooms/match-room.ts';
import type { MatchStore } from './store/store.ts';

export interface AppOptions {
  readonly store: MatchStore;
  /** 0 picks a free port (read it back from the result). */
  readonly port: number;
  /** Interface to bind (default all; tests use 127.0.0.1). */
  readonly host?: string;
  /** Redis presence and driver when several processes share matchmaking (see scale-out.ts). */
  readonly presence?: Presence;
  readonly driver?: matchMaker.MatchMakerDriver;
  /** This process's reachable address (`host:port`), needed with Redis. */
  readonly publicAddress?: string;
  /**
   * The owner organizer's key, set in the archive at start (tests and embedded servers).
   * main.ts sets up the owner from the environment instead (server/auth/bootstrap.ts).
   */
  readonly organizerKey?: string;
  /** Reverse proxies to believe for client addresses and TLS (TRUST_PROXY; default 0: none). */
  readonly trustProxy?: number;
  /** Origins allowed to call the API from their pages (CORS_ORIGINS; default none). */
  readonly corsOrigins?: readonly string[];
  /** The attempt throttle (default: in memory; main.ts gives it Redis with REDIS_URL). */
  readonly throttle?: AttemptThrottle;
  /** Caps (server/rooms/limits.ts); unset ones keep their defaults. */
  readonly limits?: Partial<ServerLimits>;
  /** Per-seat flood control (default 10 messages/s, burst 30): the same as `limits.messages`. */
  readonly rateLimit?: Rate;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** Save a match's state every this many resolved turns besides its last (default 0: only the final state). */
  readonly snapshotEvery?: number;
  /**
   * Give V8's freed pages back to the system once no match has ended for this long (ms;
   * default 30 s; 0: never) — server/memory-reducer.ts.
   */
  readonly reduceMemoryAfterMs?: number;
  /** The built browser client (dist/client) to serve at `/`; without it `/` shows a page about the API. */
  readonly clientDir?: string;
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  readonly organizers: Organizers;
  readonly frames: FrameGuard;
  readonly limits: RoomLimits;
  readonly memory: MemoryReducer;
  close(): Promise<void>;
}

/**
 * A facilitator's full state (every seat's private part and the god part) outgrows the
 * schema encoder's default 8 KiB buffer within a few turns; start bigger than that.
 */
Encoder.BUFFER_SIZE = 128 * 1024;

/** Largest WebSocket frame accepted; larger ones close the socket. Messages above MAX_MESSAGE_BYTES but below this get a `too-large` reply. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Builds and starts the multiplayer server (docs/design.md §8) the Colyseus 0.18 way —
 * `defineServer` with the `match` room (`filterBy(['matchId'])`), the WebSocket transport,
 * and the express routes — on an explicit port, so tests can run one per file. Every request
 * first gets its client address settled and the baseline security headers (README "Security").
 */
export async function startServer(o: AppOptions): Promise<RunningServer> {
  const now = o.now ?? Date.now;
  const log = o.log ?? ((line: string) => console.warn(line));
  const startedAt = now();
  if (o.organizerKey !== undefined) await ensureOwnerKey(o.store, o.organizerKey, now());
  const throttle = o.throttle ?? new AttemptThrottle();
  const organizers = new Organizers(o.store, throttle, now);
  const limits = new RoomLimits({ ...DEFAULT_LIMITS, ...(o.rateLimit ? { messages: o.rateLimit } : {}), ...o.limits }, now);
  const frames = new FrameGuard({ log, now });
  const gate = new LogGate(log, now);
  const memory = new MemoryReducer({ quietMs: o.reduceMemoryAfterMs ?? 30_000, log });
  const ctx: HttpContext = { store: o.store, throttle, organizers, limits: limits.limits, now, log };
  configureCors(o.corsOrigins ?? []);
  const transport = new WebSocketTransport({ maxPayload: MAX_FRAME_BYTES });
  const http = transport.server as HttpServer;
  installClientAddress(http, o.trustProxy ?? 0, baselineHeaders());
  const server = defineServer({
    rooms: { match: defineRoom(defineMatchRoom({ store: o.store, auth: { store: o.store, throttle, organizers }, limits, frames, memory, now, log, ...(o.snapshotEvery ? { snapshotEvery: o.snapshotEvery } : {}) })).filterBy(['matchId']) },
    transport,
    ...(o.presence ? { presence: o.presence } : {}),
    ...(o.driver ? { driver: o.driver } : {}),
    ...(o.publicAddress ? { publicAddress: o.publicAddress } : {}),
    logger: gatedLogger(gate, (line) => log(line)),
    greet: false,
    gracefullyShutdown: false,
    express: (app) => mountHttp(app, { ctx, startedAt, clientDir: o.clientDir, publicAddress: o.publicAddress }),
  });
  const host = o.host ?? '0.0.0.0';
  await server.listen(o.port, host);
  const address = server.transport.server?.address() as AddressInfo | null | undefined;
  const port = address?.port ?? o.port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const ticker = setInterval(() => {
    frames.tick();
    gate.tick();
  }, 5_000);
  ticker.unref();
  let closed = false;
  return {
    server,
    port,
    url: `http://${shown}:${port}`,
    organizers,
    frames,
    limits,
    memory,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      memory.close();
      await server.gracefullyShutdown(false);
    },
  };
}
