/**
 * Plays many seeded bot matches and writes a report of measured comparisons — does playing
 * the game teach what the essays argue?
 *
 *     npm run study -- --matches 200 --out docs/study.md
 *
 * The matches are split across worker threads and put back in plan order, so the report is
 * the same byte for byte whatever the number of workers or the scheduling.
 */
import { writeFileSync } from 'node:fs';
import { scenarios } from '../shared/scenarios/index.ts';
import { renderReport } from '../shared/study/report.ts';
import { analyse, planStudy } from '../shared/study/study.ts';
import { CliError, intFlag, parseCli, runCli, UsageError } from './lib/cli.ts';
import { loadScenarioArg } from './lib/scenario-file.ts';
import { playInWorkers } from './lib/study-pool.ts';

const NAME = 'study';
const HINT = 'npm run study -- --help';

function usage(): string {
  return [
    'Usage: npm run study -- [--matches <n>] [--scenario <id | file.json>] [--out <report.md>] [--workers <n>] [--timing <text>]',
    '',
    'Plays seeded bot matches in several arms (temperament mixes and a randomized share-terms',
    'experiment), measures ten claims from the essays and writes a Markdown report with the',
    'comparisons, their confidence intervals and p-values, and inline SVG charts.',
    '',
    'Options:',
    '  --matches <n>     matches in all, split among the arms (default: 200)',
    '  --scenario <id>   scenario to study: a shipped id or a scenario file (path ending in',
    '                    .json; its errors are listed field by field) (default: baltic-shield)',
    '  --out <file>      write the report there (default: print it)',
    '  --workers <n>     worker threads, 1..16 (default: 2); the report does not depend on it',
    '  --timing <text>   a measured wall time to quote in the report header (the study itself',
    '                    never reads the clock, so that the same flags give the same report)',
    '  -h, --help        show this help',
    '',
    'Scenarios:',
    ...scenarios.map((s) => `  ${s.id.padEnd(18)} ${s.title}`),
  ].join('\n');
}

const options = {
  matches: { type: 'string' },
  scenario: { type: 'string' },
  out: { type: 'string' },
  workers: { type: 'string' },
  timing: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), options, false);
  if (values.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const { scenario, file } = loadScenarioArg(values.scenario ?? 'baltic-shield');
  const matches = intFlag('matches', values.matches, 200, 1, 100_000);
  const workers = intFlag('workers', values.workers, 2, 1, 16);
  const timing = values.timing?.trim();
  if (values.timing !== undefined && !timing) throw new UsageError('--timing needs a text, e.g. --timing "9.1 s on 2 cores".');
  const started = performance.now();
  const plan = planStudy(scenario, matches);
  const { metrics } = await playInWorkers(scenario, plan.jobs, workers);
  const result = analyse(plan, metrics);
  const command = `npm run study -- --matches ${matches} --scenario ${file ?? scenario.id}`;
  const report = renderReport(result, { command, timing });
  if (values.out) {
    try {
      writeFileSync(values.out, report);
    } catch (e) {
      throw new CliError(`cannot write the report to ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else process.stdout.write(report);
  const held = result.claims.filter((c) => c.holds).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`${NAME}: ${matches} matches of ${scenario.id} on ${Math.min(workers, plan.jobs.length)} worker(s) in ${seconds} s; ${held} of ${result.claims.length} claims hold${values.out ? `; report written to ${values.out}` : ''}.\n`);
}

runCli(NAME, HINT, main);
