import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagedRecord, stagedScenario } from './staged.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a script the way `npm run` does, under the Node that runs the tests (24: it strips types). */
function run(script: 'sim' | 'aar', ...args: string[]) {
  const r = spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let recordFile = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'se-aar-cli-'));
  recordFile = join(dir, 'record.json');
  const r = run('sim', '--scenario', 'grey-meridian', '--seed', '3', '--out', recordFile);
  if (r.status !== 0) throw new Error(`sim failed: ${r.stderr}`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run aar', () => {
  it('--help prints the usage and the formats', () => {
    const r = run('aar', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: npm run aar -- <record.json> [--format html|md|csv|json] [--out FILE] [--annotations FILE]');
  });

  it('writes a self-contained html report by default, with the annotations given', () => {
    const notes = join(dir, 'notes.json');
    writeFileSync(notes, JSON.stringify({ annotations: [{ id: 'a-1', turn: 11, text: 'Who leaked TIDE? <b>ask</b>', at: 1_763_790_000_000, author: 'White Cell' }] }));
    const out = join(dir, 'report.html');
    const r = run('aar', recordFile, '--out', out, '--annotations', notes);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`After-action report (html) written to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Grey Meridian');
    expect(html).toContain('Who leaked TIDE? &lt;b&gt;ask&lt;/b&gt;');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('prints md, csv and json to standard output; the same record gives the same bytes', () => {
    const md = run('aar', recordFile, '--format', 'md');
    expect(md.status, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# After-action report/);
    const csv = run('aar', recordFile, '--format', 'csv');
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(1 + 13 * 13);
    const json = run('aar', recordFile, '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ format: 1, overview: { seed: 3, turnsPlayed: 12 } });
    expect(run('aar', recordFile, '--format', 'json').stdout).toBe(json.stdout);
  });

  it('md names the true user of every misattribution the json lists', () => {
    const json = JSON.parse(run('aar', recordFile, '--format', 'json').stdout) as { misattributions: { user: string; explanation: string }[]; names: Record<string, string> };
    expect(json.misattributions.length, 'grey-meridian seed 3 has a leaked tool blamed on its author').toBeGreaterThan(0);
    const md = run('aar', recordFile, '--format', 'md').stdout;
    for (const m of json.misattributions) expect(md).toContain(`the true user was ${json.names[m.user]}`);
  });

  it('refuses a record of a scenario this build does not ship, by name', () => {
    const file = join(dir, 'staged.json');
    writeFileSync(file, JSON.stringify(stagedRecord(stagedScenario()).record));
    const r = run('aar', file, '--format', 'md');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('This build does not ship the scenario "tiny"');
  });

  it.each([
    [[], 2, 'give the record file'],
    [['a.json', 'b.json'], 2, 'one record file at a time'],
    [['RECORD', '--format', 'pdf'], 2, '--format must be one of html, md, csv, json, not "pdf"'],
    [['RECORD', '--colour'], 2, "Unknown option '--colour'"],
    [['/nonexistent/record.json'], 1, 'no such file: /nonexistent/record.json'],
    [['NOTJSON'], 1, 'is not valid JSON'],
    [['NOTRECORD'], 1, 'Not a match record: field seed'],
    [['RECORD', '--annotations', 'NOTRECORD'], 1, 'Not a list of annotations'],
    [['RECORD', '--out', '/nonexistent/dir/out.html'], 1, 'cannot write /nonexistent/dir/out.html'],
  ] as const)('refuses %j with exit %i and a clear message', (args, status, message) => {
    const notJson = join(dir, 'not.json');
    const notRecord = join(dir, 'not-record.json');
    writeFileSync(notJson, '{ nope');
    writeFileSync(notRecord, JSON.stringify({ format: 1, ruleset: 'cyber-alliance', scenario: { id: 'baltic-shield', version: '1.1' }, seed: 'x', entries: [] }));
    const real = args.map((a) => (a === 'RECORD' ? recordFile : a === 'NOTJSON' ? notJson : a === 'NOTRECORD' ? notRecord : a));
    const r = run('aar', ...real);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
