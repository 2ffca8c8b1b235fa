import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { allianceTurnsScenario } from '../../shared/alliance-turns/index.ts';
import { scenarios, shippedFiles } from '../../shared/scenarios/index.ts';
import { schemaFiles } from '../../shared/scenarios/json-schema.ts';
import { checkScenarioText, describeErrors, validateScenario } from '../../shared/scenarios/validate.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('scenario files', () => {
  it('the registry loads every scenario file of the scenarios/ folder, and nothing else', () => {
    const files = readdirSync(new URL('scenarios/', root))
      .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
      .map((f) => `scenarios/${f}`)
      .sort();
    expect([...shippedFiles].sort()).toEqual(files);
    expect(scenarios.map((s) => `scenarios/${s.id}.json`)).toEqual(shippedFiles);
  });

  it('each shipped file is valid and names the JSON Schema for editors', () => {
    for (const f of shippedFiles) {
      const text = read(f);
      expect(JSON.parse(text).$schema).toBe('./scenario.schema.json');
      const r = checkScenarioText(text);
      expect(r.ok, r.ok ? '' : describeErrors(f, r.errors)).toBe(true);
    }
    expect(JSON.parse(read('scenarios/alliance-turns/alliance-turns.json')).id).toBe(allianceTurnsScenario.id);
  });

  it('the JSON Schemas in scenarios/ are the ones generated from the zod schemas (npm run scenario:schema)', () => {
    for (const f of schemaFiles()) expect(read(f.path), `${f.path} is stale: run npm run scenario:schema`).toBe(f.text);
  });

  it('the JSON Schema describes every top-level field, lets defaulted ones out and accepts the $schema pointer', () => {
    const schema = JSON.parse(read('scenarios/scenario.schema.json'));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['$schema', 'id', 'allies', 'adversary', 'coalitionObjectives', 'msel', 'tunables', 'weights', 'trust']));
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'allies', 'adversary', 'coalitionObjectives']));
    expect(schema.required).not.toContain('tunables');
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('a scenario file with mistakes', () => {
  const text = read('tests/fixtures/scenarios/twenty-mistakes.json');

  it('gets one field-level error per mistake: 20 mistakes, 20 errors', () => {
    const r = checkScenarioText(text);
    if (r.ok) throw new Error('a broken file was accepted');
    expect(r.errors.map((e) => e.path)).toEqual([
      'version',
      'minutes',
      'tunables.decay',
      'tunables.colour',
      'allies[0].tier',
      'allies[0].hygiene',
      'allies[0].networks[0].sophistication',
      'allies[0].capabilities[0].power',
      'allies[1].networks[1].id',
      'allies[1].capabilities[1].effect',
      'allies[2].objectives[0].type',
      'allies[3].networks[1].software',
      'cyoc',
      'allies[3].capabilities[0].vuln',
      'coalitionObjectives[0].network',
      'allies[0].objectives[0].capability',
      'trust.pairs[0].b',
      'msel[0].turn',
      'msel[2].intelGrant.nation',
      'msel[3].availabilityHit.network',
    ]);
  });

  it('says what is expected for each field, and names the file when described', () => {
    const r = checkScenarioText(text);
    if (r.ok) throw new Error('a broken file was accepted');
    const by = new Map(r.errors.map((e) => [e.path, e.message]));
    expect(by.get('minutes')).toMatch(/expected number to be >=5/);
    expect(by.get('allies[0].tier')).toMatch(/"major"\|"middle"\|"small"/);
    expect(by.get('allies[3].capabilities[0].vuln')).toMatch(/no network runs/);
    expect(by.get('trust.pairs[0].b')).toMatch(/no ally "atlantis"/);
    expect(by.get('msel[0].turn')).toMatch(/at most 8/);
    expect(describeErrors('my-file.json', r.errors).split('\n')[0]).toBe(`my-file.json: version: ${by.get('version')}`);
  });

  it('checks cross-references that the types cannot: a known vulnerability, a duplicate trust pair, trust with itself, an inject vulnerability, a duplicate objective id', () => {
    const s = JSON.parse(read('scenarios/baltic-shield.json'));
    s.allies[2].knownVulns.push('nowhere-sqli');
    s.trust.pairs.push({ a: 'brennmark', b: 'aldoria', value: 10 });
    s.trust.pairs.push({ a: 'duvessa', b: 'duvessa', value: 10 });
    s.msel[2].intelGrant.vuln = 'no-such-os';
    s.allies[1].objectives[0].id = s.allies[0].objectives[0].id;
    s.msel[1].id = s.msel[0].id;
    const r = validateScenario(s);
    if (r.ok) throw new Error('a broken file was accepted');
    expect(r.errors.map((e) => e.path)).toEqual(['allies[2].knownVulns[2]', 'allies[1].objectives[0].id', 'trust.pairs[4]', 'trust.pairs[5].b', 'msel[1].id', 'msel[2].intelGrant.vuln']);
  });

  it('reports a file that is not JSON as one error at the root', () => {
    const r = checkScenarioText('{ "id": "x", ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: '(root)', message: expect.stringMatching(/not valid JSON/) }]);
  });
});
