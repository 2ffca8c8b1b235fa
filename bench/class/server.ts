/**
 * The server of `npm run bench:class`, in its own process (as a class would meet it): the same
 * `startServer` as `npm start`, serving the built client from the folder given as the first
 * argument, with a SQLite archive in the second, on 127.0.0.1 and a free port. Prints one JSON
 * line `{"port":…}` when it listens; stops when its stdin closes or on SIGTERM.
 */
import path from 'node:path';
import { startServer } from '../../server/app.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { BENCH_ORGANIZER_KEY } from '../server/organizer.ts';

const [clientDir, dataDir] = process.argv.slice(2);
if (!clientDir || !dataDir) throw new Error('usage: node bench/class/server.ts <client folder> <data folder>');
const store = new SqliteStore(path.join(dataDir, 'matches.sqlite'));
await store.init();
const running = await startServer({ store, port: 0, host: '127.0.0.1', organizerKey: BENCH_ORGANIZER_KEY, limits: { connectionsPerAddress: 100_000 }, clientDir, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 3000).unref();
  await running.close().catch(() => undefined);
  await store.close().catch(() => undefined);
  process.exit(0);
}
process.stdin.on('end', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
