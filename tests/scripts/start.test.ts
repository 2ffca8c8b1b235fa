import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, sleep, until } from '../server/processes.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');

/** Every process whose parent chain leads to `pid` (read from /proc). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces, so read after its ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(after[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, ppid] of parent) if (ppid === p) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * `npm start` run the way a facilitator runs it (npm itself, then a signal to npm: what a
 * terminal's Ctrl-C, a process manager or a CI job sends): the server it started must stop
 * with it — port free, no process left behind.
 */
describe('npm start stops its server on a signal', () => {
  const started: ChildProcess[] = [];
  /** Every process seen under a started npm: killed after each test even if the server outlived npm. */
  const seen = new Set<number>();
  const track = (pids: number[]) => {
    for (const pid of pids) seen.add(pid);
    return pids;
  };
  const dirs: string[] = [];
  afterEach(() => {
    for (const c of started) track([c.pid ?? 0, ...descendants(c.pid ?? 0)]);
    for (const pid of seen) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    seen.clear();
    started.length = 0;
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function npmStart(): Promise<{ npm: ChildProcess; port: number; output: () => string }> {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'se-start-'));
    dirs.push(dataDir);
    const npm = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: 'start-test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(npm);
    let out = '';
    npm.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    return { npm, port, output: () => out };
  }

  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to npm once the server listens frees the port and leaves no process`, async () => {
      const { npm, port, output } = await npmStart();
      await until(() => output().includes('listening on'), 90_000, `npm start listening (output: ${output()})`);
      expect(await listening(port)).toBe(true);
      const tree = track(descendants(npm.pid ?? 0));
      expect(tree.length).toBeGreaterThan(0);
      npm.kill(signal);
      await exited(npm);
      await until(() => tree.every((pid) => !alive(pid)), 10_000, 'every process of npm start gone');
      expect(await listening(port)).toBe(false);
      expect(output()).toMatch(new RegExp(`${signal}: shutting down`));
    }, 120_000);
  }

  it('SIGTERM while the client is still building stops the build too', async () => {
    const { npm, output } = await npmStart();
    // Wait for the build child (node …/vite.js build) to exist, then stop npm.
    let tree: number[] = [];
    await until(() => {
      tree = track(descendants(npm.pid ?? 0));
      return tree.some((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('vite.js');
        } catch {
          return false;
        }
      });
    }, 30_000, 'the build started');
    npm.kill('SIGTERM');
    await exited(npm);
    await until(() => tree.every((pid) => !alive(pid)), 10_000, `every process of npm start gone (output: ${output()})`);
    await sleep(200);
    expect(output()).not.toMatch(/listening on/);
  }, 60_000);
});
