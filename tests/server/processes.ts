import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionStatus, MatchSession } from '../../client/net/session.ts';
import { TEST_ORGANIZER_KEY } from './harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Variables the server reads; a child gets only the ones a test gives it. */
const SERVER_ENV = ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'PUBLIC_ADDRESS', 'ADMIN_TOKEN', 'ORGANIZER_KEY', 'TRUST_PROXY', 'CORS_ORIGINS'];

/** A real server process (`node server/main.ts`) on 127.0.0.1. */
export interface ServerProcess {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

const running = new Set<ServerProcess>();

/** A port that was free a moment ago (the OS picks it; the caller binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `node server/main.ts` (this Node, 24) with PORT, HOST=127.0.0.1 and `env`; resolves once GET /health answers. */
export async function startServerProcess(port: number, env: Readonly<Record<string, string>>, timeoutMs = 20_000): Promise<ServerProcess> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SERVER_ENV.includes(k)));
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: { ...base, ORGANIZER_KEY: TEST_ORGANIZER_KEY, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    port,
    url,
    child,
    output: () => out,
    async kill() {
      running.delete(proc);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  running.add(proc);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server on port ${port} exited (${child.exitCode ?? child.signalCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return proc;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await proc.kill();
  throw new Error(`server on port ${port} did not answer /health within ${timeoutMs} ms:\n${out}`);
}

/** SIGKILLs every process started here and not killed yet (for afterAll). */
export async function killAllServerProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `check()` holds (a throwing check counts as "not yet"), polling every 50 ms. */
export async function until(check: () => unknown, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Records a session's status changes. */
export function statusLog(session: MatchSession): SessionStatus[] {
  const seen: SessionStatus[] = [];
  session.onStatus((s) => seen.push(s));
  return seen;
}

/** JSON from a GET. */
export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
