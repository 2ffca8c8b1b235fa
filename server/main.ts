import { Redis } from 'ioredis';
import path from 'node:path';
import { startServer } from './app.ts';
import { bootstrapOwner, type KeySource } from './auth/bootstrap.ts';
import { OWNER_ID, SIGN_IN_SECONDS } from './auth/organizers.ts';
import { AttemptThrottle } from './auth/throttle.ts';
import { trustedHops } from './http/address.ts';
import { corsOriginsFromEnv } from './http/security.ts';
import { limitsFromEnv } from './rooms/limits.ts';
import { redact, scaleOutFromEnv } from './scale-out.ts';
import { openStore } from './store/index.ts';

const HELP = `Sovereign Effects multiplayer server

Usage: npm start                (builds the client, then runs this server in the
                                same process: Ctrl-C or SIGTERM stops it)
       node server/main.ts --help
       npm run organizer -- --help   (add organizers, give one a new key)

Environment:
  PORT            port for HTTP and WebSocket (default 2567)
  HOST            interface to bind (default 0.0.0.0)
  DATA_DIR        folder of the SQLite archive matches.sqlite and of the owner's
                  key file organizer.key (default ./data)
  DATABASE_URL    PostgreSQL archive instead of SQLite (several processes share it)
  DATABASE_SCHEMA PostgreSQL schema to use (default public; created if missing)
  REDIS_URL       Redis: several processes share matchmaking, rooms and the
                  wrong-code throttle
  PUBLIC_ADDRESS  with REDIS_URL: this process's address as clients reach it
                  (host:port[/path]; default HOST:PORT, 127.0.0.1:PORT
                  when HOST is unset or 0.0.0.0)
  ORGANIZER_KEY   the owner organizer's key (seo_…, at least 16 characters);
                  unset: made at first start (SQLite: kept in DATA_DIR/organizer.key,
                  mode 0600; PostgreSQL: shown once on the console)
  TRUST_PROXY     reverse proxies in front of the server to believe for the
                  client's address and https (X-Forwarded-For/-Proto): 0 (default),
                  1 or true for one proxy such as nginx
  CORS_ORIGINS    comma-separated origins whose pages may call the API
                  (e.g. https://slides.example.org); default none
  MAX_CONNECTIONS_PER_SEAT     default 12
  MAX_CONNECTIONS_PER_ADDRESS  default 120
  MAX_MATCHES_PER_ORGANIZER    default 500
  MAX_ARCHIVE_MB               default 2048: no new match past this size

Routes: GET /health, GET /api/scenarios, POST/GET/DELETE /api/session (organizer
        sign-in), GET /signin?once=… (one-time link), POST /api/matches and
        GET /api/matches (organizer: Bearer key or session), GET /api/matches/:id/
        record|codes|aar|annotations, POST …/annotations|branch (facilitator token
        or the match's organizer), /monitor (the owner organizer),
        POST /api/scenarios[/matches|/dry-run] (organizer: a scenario file),
        POST /api/join/check { code } (what a join link opens), /j/<code> (join link),
        WebSocket room "match" (join with { matchId?, code | facilitatorToken |
        organizer: true, name }).
`;

function describeKey(source: KeySource): string {
  switch (source.kind) {
    case 'env':
      return 'Organizer key for API clients: ORGANIZER_KEY (send it as "Authorization: Bearer <key>")';
    case 'file':
      return `Organizer key for API clients: in ${source.file}${source.created ? ' (made now, mode 0600)' : ''} — send it as "Authorization: Bearer <key>"`;
    case 'created':
      return `Organizer key (shown once, keep it; there is no data folder to keep it in with PostgreSQL): ${source.key}`;
    case 'archive':
      return 'Organizer key: in the archive since the first start; `npm run organizer -- key owner` gives a new one';
  }
}

/** Reads the environment, opens the archive and starts the server (docs/design.md §8). */
async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const env = process.env;
  const port = env.PORT ? Number(env.PORT) : 2567;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const trustProxy = trustedHops(env.TRUST_PROXY);
  const corsOrigins = corsOriginsFromEnv(env.CORS_ORIGINS);
  const limits = limitsFromEnv(env);
  if (env.ADMIN_TOKEN) console.warn('ADMIN_TOKEN is no longer used: /monitor opens for the owner organizer (sign in on /new, or send its key).');
  if (env.DATA_DIR === undefined && !env.DATABASE_URL) env.DATA_DIR = path.resolve('data');
  const store = await openStore(env);
  const keySource = await bootstrapOwner(store, env, Date.now()).catch(async (e: unknown) => {
    await store.close().catch(() => {});
    throw e;
  });
  const scale = await scaleOutFromEnv(env, port).catch(async (e: unknown) => {
    await store.close().catch(() => {});
    throw e;
  });
  // The throttle's counters live in Redis when processes share it, so a guesser cannot spread over them.
  const redis = env.REDIS_URL ? new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false }) : null;
  redis?.on('error', (e: Error) => console.warn(`throttle Redis (${redact(env.REDIS_URL as string)}): ${e.message}`));
  const throttle = new AttemptThrottle(redis ? { redis } : {});
  const clientDir = path.join(import.meta.dirname, '..', 'dist', 'client');
  const running = await startServer({ store, port, clientDir, trustProxy, corsOrigins, limits, throttle, ...(env.HOST ? { host: env.HOST } : {}), ...scale });
  console.log(`Sovereign Effects server listening on ${running.url} (store: ${store.kind})`);
  if (scale.publicAddress) console.log(`Scale-out: Redis presence and driver; clients of rooms here connect to ${scale.publicAddress}`);
  const once = await running.organizers.newSignIn(OWNER_ID);
  console.log(`Organizer sign-in (one use, ${SIGN_IN_SECONDS / 3600} h; use this server's public address if you are not on this machine): ${running.url}/signin?once=${once}`);
  console.log(describeKey(keySource));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await running.close().catch((e: unknown) => console.error(e));
    await store.close().catch((e: unknown) => console.error(e));
    redis?.disconnect();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
