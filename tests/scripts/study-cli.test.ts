import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run study` the way npm does, under the Node that runs the tests (24: it strips types). */
function study(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/study.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'se-study-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run study', () => {
  it('--help prints the usage, every flag and every scenario id', () => {
    const r = study('--help');
    expect(r.status).toBe(0);
    for (const flag of ['--matches', '--scenario', '--out', '--workers', '--timing']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('baltic-shield');
    expect(r.stdout).toContain('grey-meridian');
  });

  it('gives the same report byte for byte whatever the number of worker threads', () => {
    const one = study('--matches', '12', '--workers', '1');
    const two = study('--matches', '12', '--workers', '2');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('# Does playing teach the essays? A seeded study of 12 matches');
    expect(one.stdout).toContain('<svg');
    expect(two.stderr).toContain('12 matches of baltic-shield on 2 worker(s)');
  });

  it('--out writes the report, --timing quotes a wall time in its header, --scenario picks the scenario', () => {
    const file = join(dir, 'report.md');
    const r = study('--matches', '10', '--scenario', 'grey-meridian', '--out', file, '--timing', '3.2 s on 2 cores');
    expect(r.status, r.stderr).toBe(0);
    const report = readFileSync(file, 'utf8');
    expect(report).toContain('`grey-meridian` v');
    expect(report).toContain('- Wall time: 3.2 s on 2 cores.');
    expect(report).toContain('`npm run study -- --matches 10 --scenario grey-meridian`');
    expect(r.stdout).toBe('');
  });

  it.each([
    [['--matches', 'abc'], '--matches must be a whole number'],
    [['--matches', '0'], '--matches must be between 1 and'],
    [['--workers', '99'], '--workers must be between 1 and 16'],
    [['--scenario', 'atlantis'], 'unknown scenario "atlantis"'],
    [['--timing', ' '], '--timing needs a text'],
    [['--colour'], "Unknown option '--colour'"],
    [['extra'], 'extra'],
  ])('%j is refused with exit status 2 and a readable message', (args, message) => {
    const r = study(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('npm run study -- --help');
    expect(r.stdout).toBe('');
  });

  it('a report that cannot be written exits 1 and says why', () => {
    const r = study('--matches', '2', '--out', join(dir, 'no', 'such', 'dir', 'r.md'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot write the report');
  });
});
