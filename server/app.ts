import { defineRoom, defineServer, type matchMaker, type Presence, type Server } from '@colyseus/core';
import { Encoder } from '@colyseus/schema';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mountHttp } from './http/index.ts';
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
  /** Password of the monitor (user `admin`); generated when absent (see `adminToken` in the result). */
  readonly adminToken?: string;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** Per-client flood control (default 10 messages/s, burst 30). */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  /** Save a match's state every this many resolved turns besides its last (default 0: only the final state). */
  readonly snapshotEvery?: number;
  /** The built browser client (dist/client) to serve at `/`; without it `/` shows a page about the API. */
  readonly clientDir?: string;
  /** The organizer check for scenario uploads (server/http/scenarios.ts); default: Bearer ADMIN_TOKEN. */
  readonly authorizeOrganizer?: import('express').RequestHandler;
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  readonly adminToken: string;
  readonly adminTokenGenerated: boolean;
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
 * and the express routes — on an explicit port, so tests can run one per file.
 */
export async function startServer(o: AppOptions): Promise<RunningServer> {
  const now = o.now ?? Date.now;
  const log = o.log ?? ((line: string) => console.warn(line));
  const adminToken = o.adminToken ?? randomBytes(18).toString('base64url');
  const startedAt = now();
  const server = defineServer({
    rooms: { match: defineRoom(defineMatchRoom({ store: o.store, now, log, ...(o.rateLimit ? { rateLimit: o.rateLimit } : {}), ...(o.snapshotEvery ? { snapshotEvery: o.snapshotEvery } : {}) })).filterBy(['matchId']) },
    transport: new WebSocketTransport({ maxPayload: MAX_FRAME_BYTES }),
    ...(o.presence ? { presence: o.presence } : {}),
    ...(o.driver ? { driver: o.driver } : {}),
    ...(o.publicAddress ? { publicAddress: o.publicAddress } : {}),
    greet: false,
    gracefullyShutdown: false,
    express: (app) => mountHttp(app, { store: o.store, adminToken, startedAt, now, log, clientDir: o.clientDir, authorizeOrganizer: o.authorizeOrganizer }),
  });
  const host = o.host ?? '0.0.0.0';
  await server.listen(o.port, host);
  const address = server.transport.server?.address() as AddressInfo | null | undefined;
  const port = address?.port ?? o.port;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  let closed = false;
  return {
    server,
    port,
    url: `http://${shown}:${port}`,
    adminToken,
    adminTokenGenerated: o.adminToken === undefined,
    async close() {
      if (closed) return;
      closed = true;
      await server.gracefullyShutdown(false);
    },
  };
}
