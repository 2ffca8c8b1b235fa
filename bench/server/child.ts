/**
 * The server under test, in its own process so that its CPU and memory can be read from
 * /proc (bench/server.bench.ts starts it). The same `startServer` as `npm run serve`, with a
 * SQLite archive in the folder given as the first argument (or, with `--memory`, an in-memory
 * SQLite database: no fsync, for comparison only), on 127.0.0.1 and a free port.
 * Prints one JSON line `{"port":…}` on stdout when it listens; refused and failed messages go
 * to stderr. It stops when its stdin closes (the bench exited, however it exited) or on SIGTERM,
 * and removes the folder.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../server/app.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { BENCH_ORGANIZER_KEY } from './organizer.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/server/child.ts <data folder> [--memory]');

const store = new SqliteStore(process.argv.includes('--memory') ? ':memory:' : path.join(dir, 'matches.sqlite'));
await store.init();
const running = await startServer({ store, port: 0, host: '127.0.0.1', organizerKey: BENCH_ORGANIZER_KEY, limits: { connectionsPerAddress: 100_000 }, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(0), 3000);
  force.unref();
  await running.close().catch(() => undefined);
  await store.close().catch(() => undefined);
  // The bench removes the folder too; this covers a bench that was killed outright.
  rmSync(dir as string, { recursive: true, force: true });
  process.exit(0);
}
process.stdin.on('end', () => void stop());
process.stdin.on('error', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
