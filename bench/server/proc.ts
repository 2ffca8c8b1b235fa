import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux almost always). */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime is field 14, stime 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
}

/**
 * CPU seconds used so far by each kind of thread of a process, from /proc/<pid>/task/*:
 * `main` (the event loop), `archive` (worker threads: the SQLite archive's), `v8` (V8's helper
 * threads: garbage collection, compilation) and `other` (libuv's pool and the rest).
 */
export function cpuByThread(pid: number): Record<'main' | 'archive' | 'v8' | 'other', number> {
  const out = { main: 0, archive: 0, v8: 0, other: 0 };
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
      const kind = String(pid) === tid ? 'main' : name === 'WorkerThread' ? 'archive' : name.startsWith('V8') ? 'v8' : 'other';
      out[kind] += seconds;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/** Resident set size of a process now, in bytes, from /proc/<pid>/status (VmRSS). */
export function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** Samples a process's RSS every `ms` until stopped; returns the largest seen. */
export function rssSampler(pid: number, ms = 100): { stop(): number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // The process is gone: keep the last peak.
    }
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** What the server under test reports of itself (child.ts, `stats`). */
export interface ServerStats {
  /** After a full GC. */
  readonly heapUsed: number;
  /** What V8 holds for its heap (used or not). */
  readonly heapTotal: number;
  readonly rss: number;
  readonly external: number;
  /** The SQLite archive thread's V8 heap: used, and held from the system (null for other kinds). */
  readonly archiveHeap: { readonly used: number; readonly held: number } | null;
  /** The server's memory reducer: collections run and the last one's pause (ms); null for the floor. */
  readonly reducer: { readonly runs: number; readonly lastMs: number } | null;
  /** Live rooms. */
  readonly rooms: number;
  /** The archive's group-commit counters (null for the floor). */
  readonly commit: { readonly batches: number; readonly writes: number; readonly largest: number; readonly commitMs: number; readonly longestMs: number } | null;
}

/** Which server child.ts runs. */
export type ServerKind = 'sqlite' | 'memory' | 'postgres' | 'floor';

export interface ServerProcess {
  readonly pid: number;
  readonly kind: ServerKind;
  readonly url: string;
  stats(): Promise<ServerStats>;
  /** CPU time (µs, every thread) the server has used so far, as the process itself counts it. */
  cpuMicros(): Promise<number>;
  /** How long the server's event loop was held up since the last call (ms): p99 and max. */
  loopDelay(): Promise<{ p99: number; max: number }>;
  /** Writes a heap snapshot of the server's main thread (after a full GC) to `file`. */
  heapSnapshot(file: string): Promise<void>;
  /** Starts a CPU profile of the server's main thread; `stop` writes it to `file`. */
  profile(): Promise<{ stop(file: string): Promise<void> }>;
  /** Lines the server wrote to stderr (refused messages, failures), at most 1000 kept. */
  readonly logs: string[];
  stop(): Promise<void>;
}

const live = new Set<ServerProcess>();

/** Stops every server this module started (on exit, on a signal, on a crash). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

/**
 * Starts bench/server/child.ts under the same Node binary (with --expose-gc, for `stats`):
 * the real server with a SQLite archive in a fresh temp folder (or in memory, or PostgreSQL),
 * or the floor; waits until it listens (at most `timeoutMs`). `stop` ends it (SIGTERM, then
 * SIGKILL after 3 s) and removes the folder.
 */
export async function startServerProcess(options: { kind: ServerKind; pgUrl?: string; timeoutMs?: number }): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'se-bench-server-'));
  const flag = { sqlite: [], memory: ['--memory'], postgres: ['--postgres', options.pgUrl ?? ''], floor: ['--floor'] }[options.kind];
  const args = ['--expose-gc', path.join(import.meta.dirname, 'child.ts'), dir, ...flag];
  // BENCH_CPU_PROF=<folder>: the server writes a V8 CPU profile there when it stops (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (logs.length < 1000) logs.push(line);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      live.delete(server);
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(kill);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  const lines: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => lines.push(resolve));
  const stats = async (): Promise<ServerStats> => {
    const answer = nextLine();
    child.stdin?.write('stats\n');
    return JSON.parse(await answer) as ServerStats;
  };
  const cpuMicros = async (): Promise<number> => {
    const answer = nextLine();
    child.stdin?.write('cpu\n');
    return (JSON.parse(await answer) as { cpuMicros: number }).cpuMicros;
  };
  const command = async (line: string): Promise<void> => {
    const answer = nextLine();
    child.stdin?.write(`${line}\n`);
    await answer;
  };
  const profile = async () => {
    await command('profile-start');
    return { stop: (file: string) => command(`profile-stop ${file}`) };
  };
  const loopDelay = async (): Promise<{ p99: number; max: number }> => {
    const answer = nextLine();
    child.stdin?.write('loop\n');
    return JSON.parse(await answer) as { p99: number; max: number };
  };
  const heapSnapshot = async (file: string): Promise<void> => {
    await command(`heap-snapshot ${file}`);
  };
  const server: ServerProcess = { pid: child.pid ?? -1, kind: options.kind, url: '', logs, stop, stats, cpuMicros, loopDelay, heapSnapshot, profile };
  live.add(server);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${timeoutMs} ms: ${logs.slice(-5).join(' | ')}`)), timeoutMs);
    void exited.then(() => reject(new Error(`the server exited before listening: ${logs.slice(-5).join(' | ')}`)));
    void nextLine().then((line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`unexpected first line from the server: ${line}`));
      }
    });
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  return Object.assign(server, { url: `http://127.0.0.1:${port}` });
}
