/**
 * Writes the JSON Schemas of the scenario files, generated from the zod schemas, so that
 * editors autocomplete scenario files:
 *
 *     npm run scenario:schema            # writes scenarios/scenario.schema.json and alliance-turns'
 *     npm run scenario:schema -- --check # exit 1 if a written file is not current
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { schemaFiles } from '../shared/scenarios/json-schema.ts';
import { CliError, parseCli, runCli } from './lib/cli.ts';

const NAME = 'scenario:schema';
const root = new URL('../', import.meta.url);

function usage(): string {
  return [
    'Usage: npm run scenario:schema -- [--check]',
    '',
    'Writes the JSON Schemas of scenario files (generated from shared/scenarios/schema.ts)',
    'into the scenarios/ folder. With --check, writes nothing and fails if one is not current.',
  ].join('\n');
}

function main(): void {
  const { values } = parseCli(process.argv.slice(2), { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const, false);
  if (values.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const stale: string[] = [];
  for (const f of schemaFiles()) {
    const url = new URL(f.path, root);
    if (values.check) {
      let now = '';
      try {
        now = readFileSync(url, 'utf8');
      } catch {
        // a missing file is stale
      }
      if (now !== f.text) stale.push(f.path);
    } else {
      writeFileSync(url, f.text);
      process.stderr.write(`${NAME}: wrote ${f.path}\n`);
    }
  }
  if (stale.length > 0) throw new CliError(`not current: ${stale.join(', ')}. Run "npm run scenario:schema".`);
}

runCli(NAME, 'npm run scenario:schema -- --help', main);
