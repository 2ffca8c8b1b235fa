import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type AppOptions, type RunningServer } from '../../server/app.ts';
import { AttemptThrottle, type BackoffPolicy } from '../../server/auth/throttle.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { MatchStore } from '../../server/store/store.ts';

/** A server on 127.0.0.1 and a free port chosen by the OS, over a SQLite file in a temp folder. */
export interface TestServer {
  readonly running: RunningServer;
  readonly store: MatchStore;
  readonly url: string;
  readonly dir: string;
  /** Lines the server logged (refused messages, failures). */
  readonly logs: string[];
  /** Stops the server only (the store and folder stay, e.g. to restart on them). */
  stop(): Promise<void>;
  /** Stops everything and removes the folder. */
  close(): Promise<void>;
}

/** The owner organizer's key on every test server (they listen on 127.0.0.1 only). */
export const TEST_ORGANIZER_KEY = 'seo_test-organizer-key-0123456789';

/**
 * Test servers throttle wrong codes this loosely, so that tests which try wrong codes and
 * tokens on purpose do not lock out 127.0.0.1; tests of the throttle pass `app.throttle`.
 */
export const LENIENT_POLICY: BackoffPolicy = { free: 100_000, windowSeconds: 60, firstLockSeconds: 1, maxLockSeconds: 1, memorySeconds: 1 };

/** Headers that speak for the test servers' owner organizer. */
export const organizerAuth = (key = TEST_ORGANIZER_KEY): Record<string, string> => ({ authorization: `Bearer ${key}` });

export async function startTestServer(
  options: { dir?: string; store?: MatchStore; rateLimit?: { perSecond: number; burst: number }; clientDir?: string; snapshotEvery?: number; app?: Partial<AppOptions> } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'se-server-'));
  const store = options.store ?? new SqliteStore(path.join(dir, 'matches.sqlite'));
  await store.init();
  const logs: string[] = [];
  const running = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    organizerKey: TEST_ORGANIZER_KEY,
    log: (line) => logs.push(line),
    throttle: new AttemptThrottle({ address: LENIENT_POLICY, match: LENIENT_POLICY }),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    ...(options.snapshotEvery ? { snapshotEvery: options.snapshotEvery } : {}),
    ...options.app,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await running.close();
  };
  return {
    running,
    store,
    url: running.url,
    dir,
    logs,
    stop,
    async close() {
      await stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POST /api/matches, as the owner organizer (or the organizer whose key is given). */
export async function createMatch(url: string, body: Record<string, unknown>, key = TEST_ORGANIZER_KEY): Promise<NewMatch> {
  const res = await fetch(`${url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', ...organizerAuth(key) }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`create match: ${res.status} ${await res.text()}`);
  return (await res.json()) as NewMatch;
}

/** The join code of a seat in a created match. */
export function codeOf(match: NewMatch, seat: string): string {
  const s = match.seats.find((x) => x.seat === seat);
  if (!s) throw new Error(`no seat ${seat}`);
  return s.code;
}
