import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecord } from '../../shared/engine/record-schema.ts';
import { replay } from '../../shared/engine/replay.ts';
import { cyberAlliance, type Input } from '../../shared/rules/index.ts';
import { findScenario, scenarios } from '../../shared/scenarios/index.ts';
import type { MatchRecord } from '../../shared/engine/match.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a script the way `npm run` does, under the Node that runs the tests (24: it strips types). */
function run(script: 'sim' | 'replay', ...args: string[]) {
  const r = spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let recordFile = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'se-cli-'));
  recordFile = join(dir, 'record.json');
  const r = run('sim', '--seed', '7', '--out', recordFile);
  if (r.status !== 0) throw new Error(`sim failed: ${r.stderr}`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run sim', () => {
  it('--help prints the usage and every scenario id', () => {
    const r = run('sim', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: npm run sim');
    for (const s of scenarios) expect(r.stdout).toContain(s.id);
  });

  it('plays baltic-shield seed 1 by default: a summary per turn, the final scores, no rejected input', () => {
    const r = run('sim');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('baltic-shield');
    expect(r.stdout).toContain('seed 1');
    for (let t = 1; t <= 8; t++) expect(r.stdout).toMatch(new RegExp(`^Turn ${t} `, 'm'));
    expect(r.stdout).toContain('Final scores after turn 8');
    for (const name of ['Aldoria', 'Brennmark', 'Corvania', 'Duvessa']) expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('Bot inputs rejected: 0');
  });

  it('writes a record that parses and replays to the end', () => {
    const file = join(dir, 'grey.json');
    const r = run('sim', '--scenario', 'grey-meridian', '--seed', '7', '--out', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Record written to ${file}`);
    const parsed = parseRecord(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.scenario).toEqual({ id: 'grey-meridian', version: '1.1' });
    expect(parsed.value.seed).toBe(7);
    expect(parsed.value.entries.some((e) => e.kind === 'input')).toBe(true);
    const again = replay(cyberAlliance, findScenario('grey-meridian')!, parsed.value as MatchRecord<Input>);
    expect(again.ok).toBe(true);
    expect(again.match?.phase).toBe('ended');
  });

  it('--turns stops early', () => {
    const r = run('sim', '--scenario', 'grey-meridian', '--seed', '2', '--turns', '2');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Turn 2 ');
    expect(r.stdout).not.toContain('Turn 3 ');
    expect(r.stdout).toContain('Final scores after turn 2');
  });

  it.each([
    [['--scenario', 'atlantis'], 'unknown scenario "atlantis"'],
    [['--seed', 'abc'], '--seed must be a whole number'],
    [['--seed=-3'], '--seed must be between'],
    [['--turns', '0'], '--turns must be between'],
    [['--temperament', 'grumpy'], 'unknown temperament "grumpy"'],
    [['--colour'], "Unknown option '--colour'"],
    [['stray'], 'stray'],
  ])('refuses %j with exit 2 and a readable message', (args, message) => {
    const r = run('sim', ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('--help');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('the unknown-scenario message lists the scenarios', () => {
    const r = run('sim', '--scenario', 'atlantis');
    for (const s of scenarios) expect(r.stderr).toContain(s.id);
  });
});

describe('npm run replay', () => {
  it('--help prints the usage', () => {
    const r = run('replay', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: npm run replay');
    expect(r.stdout).toContain('--as');
  });

  it("prints a seat's view at the end of a turn: nation, arsenal, networks, inbox, that turn's events", () => {
    const r = run('replay', recordFile, '--turn', '3', '--as', 'aldoria');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('end of turn 3');
    expect(r.stdout).toContain('Aldoria — major ally');
    expect(r.stdout).toContain('Arsenal');
    expect(r.stdout).toContain('SKYFALL');
    expect(r.stdout).toContain('Own networks');
    expect(r.stdout).toContain('Inbox at the close of planning');
    expect(r.stdout).toContain('Events of turn 3');
    // Never another nation's private things.
    expect(r.stdout).not.toContain('White Cell only');
    expect(r.stdout).not.toContain('Every copy');
    expect(r.stdout).not.toContain('INKWELL');
  });

  it('the observer sees the public page only; the facilitator sees everything', () => {
    const observer = run('replay', recordFile, '--turn', '3', '--as', 'observer');
    expect(observer.status, observer.stderr).toBe(0);
    expect(observer.stdout).not.toContain('Arsenal');
    expect(observer.stdout).not.toContain('SKYFALL');
    expect(observer.stdout).toContain('Coalition objectives');
    const white = run('replay', recordFile, '--turn', '3', '--as', 'facilitator');
    expect(white.status, white.stderr).toBe(0);
    expect(white.stdout).toContain('Every copy');
    expect(white.stdout).toContain('SKYFALL');
    expect(white.stdout).toContain('INKWELL');
  });

  it('--json prints the raw projection', () => {
    const r = run('replay', recordFile, '--turn', '2', '--as', 'duvessa', '--json');
    expect(r.status, r.stderr).toBe(0);
    const view = JSON.parse(r.stdout) as { turn: number; view: { me: { nation: { id: string } } | null; god: unknown } };
    expect(view.turn).toBe(2);
    expect(view.view.me?.nation.id).toBe('duvessa');
    expect(view.view.god).toBeNull();
  });

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('a missing file, bad JSON or a record failing the schema exit 1 with a readable message', () => {
    const missing = run('replay', join(dir, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const bad = run('replay', write('bad.json', '{ "format": 1, '));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not valid JSON');
    const wrong = run('replay', write('wrong.json', JSON.stringify({ format: 1, ruleset: 'cyber-alliance', scenario: { id: 'baltic-shield', version: '1.0' }, seed: 1, entries: [{ at: 0, kind: 'teleport' }] })));
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Not a match record: field entries.0.kind');
  });

  it('a record that does not replay names the entry and the reason', () => {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { entries: { kind: string; seat?: string; input?: unknown }[] };
    const index = record.entries.findIndex((e) => e.kind === 'input');
    record.entries[index] = { ...record.entries[index], kind: 'input', seat: 'aldoria', input: { type: 'order', order: { type: 'operate', copy: 'k-kr-inkwell', target: 'kr-adn' } } };
    const r = run('replay', write('tampered.json', JSON.stringify(record)));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`entry #${index}`);
    expect(r.stderr).toContain('You do not hold that capability');
  });

  it('an unknown seat, a turn beyond the record and a missing file argument exit 2', () => {
    const seat = run('replay', recordFile, '--as', 'atlantis');
    expect(seat.status).toBe(2);
    expect(seat.stderr).toContain('unknown seat "atlantis"');
    expect(seat.stderr).toContain('aldoria');
    const turn = run('replay', recordFile, '--turn', '9');
    expect(turn.status).toBe(2);
    expect(turn.stderr).toContain('--turn');
    const none = run('replay');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('record file');
  });
});
