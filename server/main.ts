import path from 'node:path';
import { startServer } from './app.ts';
import { scaleOutFromEnv } from './scale-out.ts';
import { openStore } from './store/index.ts';

const HELP = `Sovereign Effects multiplayer server

Usage: npm start                (builds the client, then runs this server in the
                                same process: Ctrl-C or SIGTERM stops it)
       node server/main.ts --help

Environment:
  PORT            port for HTTP and WebSocket (default 2567)
  HOST            interface to bind (default 0.0.0.0)
  DATA_DIR        folder of the SQLite archive matches.sqlite (default ./data)
  DATABASE_URL    PostgreSQL archive instead of SQLite (several processes share it)
  DATABASE_SCHEMA PostgreSQL schema to use (default public; created if missing)
  REDIS_URL       Redis: several processes share matchmaking and rooms
  PUBLIC_ADDRESS  with REDIS_URL: this process's address as clients reach it
                  (host:port[/path]; default HOST:PORT, 127.0.0.1:PORT
                  when HOST is unset or 0.0.0.0)
  ADMIN_TOKEN     password of the monitor at /monitor (user "admin");
                  unset: one is generated and printed at start

Routes: GET /health, GET /api/scenarios, POST /api/matches, GET /api/matches,
        GET /api/matches/:id/record (Bearer facilitator token), /monitor (Basic auth),
        POST /api/join/check { code } (what a join link opens), /j/<code> (join link),
        WebSocket room "match" (join with { matchId?, code | facilitatorToken, name }).
`;

/** Reads the environment, opens the archive and starts the server (docs/design.md §8). */
async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  const env = process.env;
  const port = env.PORT ? Number(env.PORT) : 2567;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const store = await openStore(env);
  const scale = await scaleOutFromEnv(env, port).catch(async (e: unknown) => {
    await store.close().catch(() => {});
    throw e;
  });
  const clientDir = path.join(import.meta.dirname, '..', 'dist', 'client');
  const running = await startServer({ store, port, clientDir, ...(env.HOST ? { host: env.HOST } : {}), ...(env.ADMIN_TOKEN ? { adminToken: env.ADMIN_TOKEN } : {}), ...scale });
  console.log(`Sovereign Effects server listening on ${running.url} (store: ${store.kind})`);
  if (scale.publicAddress) console.log(`Scale-out: Redis presence and driver; clients of rooms here connect to ${scale.publicAddress}`);
  if (running.adminTokenGenerated) console.log(`Monitor: ${running.url}/monitor — user "admin", password ${running.adminToken} (set ADMIN_TOKEN to choose it)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await running.close().catch((e: unknown) => console.error(e));
    await store.close().catch((e: unknown) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
