/**
 * Writes the after-action report of a recorded match:
 *
 *     npm run aar -- record.json --format html --out report.html
 *
 * The record is replayed from its seed (docs/design.md §7) and the report built from the
 * facilitator's truth (shared/aar/). Same record and annotations ⇒ same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { MatchRecord } from '../shared/engine/match.ts';
import { parseRecord } from '../shared/engine/record-schema.ts';
import { buildAar } from '../shared/aar/build.ts';
import { AAR_FORMATS, isAarFormat, parseAnnotations, renderAar } from '../shared/aar/render.ts';
import type { Annotation } from '../shared/aar/types.ts';
import { findRuleset, scenarioForKey } from '../shared/rulesets.ts';
import type { Scenario } from '../shared/scenarios/schema.ts';
import { CliError, parseCli, runCli, UsageError } from './lib/cli.ts';

const NAME = 'aar';
const HINT = 'npm run aar -- --help';

const USAGE = [
  'Usage: npm run aar -- <record.json> [--format html|md|csv|json] [--out FILE] [--annotations FILE]',
  '',
  'Writes the after-action report of a recorded match: overview and final scores, objectives',
  'and how each was met, the key decisions turn by turn (shares and their terms, tailored tools,',
  'sovereign offers and whether they were honoured, hunt-forward missions and their findings),',
  'every misattribution and leak with its true cause, charts, strengths, areas for improvement,',
  "an improvement plan, and the facilitator's annotations.",
  '',
  'Options:',
  '  --format <f>         html (default: one self-contained page, inline SVG, no network),',
  '                       md (Markdown), csv (one row per turn and nation), json (the data)',
  '  --out <file>         write to this file (default: standard output)',
  '  --annotations <file> JSON: a list of {id, turn, text, at, author?} or {"annotations": [...]},',
  '                       as GET /api/matches/<id>/annotations returns it',
  '  -h, --help           show this help',
  '',
  'Records come from `npm run sim -- --out record.json` or GET /api/matches/<id>/record.',
].join('\n');

const options = {
  format: { type: 'string' },
  out: { type: 'string' },
  annotations: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function main(): void {
  const { values, positionals } = parseCli(process.argv.slice(2), options, true);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) throw new UsageError('give the record file, e.g. npm run aar -- record.json --format html --out report.html');
  if (positionals.length > 1) throw new UsageError(`one record file at a time (got ${positionals.join(', ')}).`);
  const format = values.format ?? 'html';
  if (!isAarFormat(format)) throw new UsageError(`--format must be one of ${AAR_FORMATS.join(', ')}, not "${format}".`);
  const file = positionals[0] as string;

  const parsed = parseRecord(readJson(file, 'the record'));
  if (!parsed.ok) throw new CliError(`${file}: ${parsed.error.message}`);
  const record: MatchRecord<unknown> = parsed.value;
  const entry = findRuleset(record.ruleset);
  if (!entry) throw new CliError(`${file} is a record of ruleset "${record.ruleset}", which this build does not know.`);
  const found = scenarioForKey(entry, record.scenario);
  if (!found.ok) throw new CliError(`${file}: ${found.error.message}`);
  const scenario = found.value as Scenario;

  let annotations: Annotation[] = [];
  if (values.annotations !== undefined) {
    const a = parseAnnotations(readJson(values.annotations, 'the annotations'));
    if (!a.ok) throw new CliError(`${values.annotations}: ${a.message}`);
    annotations = a.value;
  }

  const aar = buildAar(entry.ruleset, scenario, record, annotations);
  if (!aar.ok) throw new CliError(`${file}: ${aar.error.message} [${aar.error.code}]`);
  if (aar.value.overview.replayError) process.stderr.write(`${NAME}: warning: ${file} stops replaying part-way (${aar.value.overview.replayError}); the report covers what replayed.\n`);
  const { body } = renderAar(aar.value, format);
  if (values.out === undefined) {
    process.stdout.write(body);
    return;
  }
  try {
    writeFileSync(values.out, body);
  } catch (e) {
    throw new CliError(`cannot write ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  process.stdout.write(`After-action report (${format}) written to ${values.out}\n`);
}

runCli(NAME, HINT, main);
