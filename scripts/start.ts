/**
 * `npm start`: builds the browser client, then runs the server in THIS process.
 *
 * package.json runs it as `exec node scripts/start.ts`: npm starts scripts through `sh -c`,
 * and Debian's sh (dash) does not exec the last command itself, so without `exec` a SIGTERM
 * to npm (which npm forwards to its child) would stop the shell and leave the server running
 * on its port. With `exec` the server is npm's own child: npm's forwarded SIGTERM, or Ctrl-C's
 * SIGINT, reaches it, and server/main.ts shuts down cleanly. While the build runs, a signal
 * stops the build as well.
 *
 * `npm start -- --help` prints the server's help without building.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const args = process.argv.slice(2);

/** `vite build` in a child process (its memory goes with it), stopped with us. */
function buildClient(): Promise<void> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const stop = (signal: NodeJS.Signals) => {
    child.kill(signal);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

if (!args.includes('--help') && !args.includes('-h')) {
  try {
    await buildClient();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
await import('../server/main.ts');
