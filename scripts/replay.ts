/**
 * Shows a recorded match as one viewer saw it at the end of a turn:
 *
 *     npm run replay -- record.json --turn 3 --as aldoria
 *
 * The record is replayed from its seed (docs/design.md §7); the page is the viewer's
 * projection, so a seat sees only what it was allowed to know.
 */
import { readFileSync } from 'node:fs';
import { matchView, type Match, type MatchRecord } from '../shared/engine/match.ts';
import { parseRecord } from '../shared/engine/record-schema.ts';
import { afterTurn, replay, type ReplayResult } from '../shared/engine/replay.ts';
import { eventsFor, type Viewer } from '../shared/engine/ruleset.ts';
import { cyberAlliance, type CyberDrafts, type CyberState, type Input } from '../shared/rules/index.ts';
import { findRuleset, scenarioForKey } from '../shared/rulesets.ts';
import type { Scenario } from '../shared/scenarios/schema.ts';
import { CliError, intFlag, parseCli, runCli, UsageError } from './lib/cli.ts';
import { renderPage } from './lib/view-text.ts';

const NAME = 'replay';
const HINT = 'npm run replay -- --help';

const USAGE = [
  'Usage: npm run replay -- <record.json> [--turn <t>] [--as <seat|facilitator|observer>] [--json]',
  '',
  'Replays a match record and prints what one viewer saw at the end of turn t:',
  'its nation, arsenal with freshness, networks, inbox, and the events of that turn it may see.',
  '',
  'Options:',
  '  --turn <t>     the turn (0: right after setup; default: the last turn in the record)',
  '  --as <viewer>  a seat id (e.g. aldoria), facilitator (everything) or observer (public only);',
  '                 default: observer',
  '  --json         print the raw projection (matchView) as JSON',
  '  -h, --help     show this help',
  '',
  'Records come from `npm run sim -- --out record.json` or a server export.',
].join('\n');

const options = {
  turn: { type: 'string' },
  as: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type CyberMatch = Match<CyberState, CyberDrafts>;

function load(file: string): MatchRecord<Input> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = parseRecord(data);
  if (!r.ok) throw new CliError(`${file}: ${r.error.message}`);
  // Inputs stay unknown until replay hands them to the ruleset's applyInput, which parses them.
  return r.value as MatchRecord<Input>;
}

function describeEntry(record: MatchRecord<Input>, index: number): string {
  const e = record.entries[index];
  if (!e) return `entry #${index}`;
  if (e.kind === 'control') return `entry #${index} (control ${e.action.type})`;
  if (e.kind === 'audit') return `entry #${index} (audit ${e.action})`;
  if (e.kind === 'moderate') return `entry #${index} (moderate ${e.action.type})`;
  return `entry #${index} (${e.kind} from ${e.seat})`;
}

function main(): void {
  const { values, positionals } = parseCli(process.argv.slice(2), options, true);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) throw new UsageError('give the record file to replay, e.g. npm run replay -- record.json --turn 3 --as aldoria');
  if (positionals.length > 1) throw new UsageError(`one record file at a time (got ${positionals.join(', ')}).`);
  const file = positionals[0] as string;
  const record = load(file);
  const entry = findRuleset(record.ruleset);
  const found = entry ? scenarioForKey(entry, record.scenario) : null;
  if (!found?.ok) throw new CliError(`${file}: ${found ? found.error.message : `a record of ruleset "${record.ruleset}", which this build does not know.`}`);
  const scenario = found.value as Scenario;

  const fail = (r: ReplayResult<CyberState, CyberDrafts>): CyberMatch => {
    if (r.ok) return r.match;
    const where = r.error.index < 0 ? 'the record itself' : describeEntry(record, r.error.index);
    throw new CliError(`${file} does not replay: ${where}: ${r.error.message} [${r.error.code}]`);
  };
  const whole = fail(replay(cyberAlliance, scenario, record));
  const resolved = whole.phase === 'debrief' || whole.phase === 'ended' ? whole.turn : whole.turn - 1;
  const turn = intFlag('turn', values.turn, Math.max(0, resolved), 0, scenario.turns);
  if (turn > resolved) throw new UsageError(`--turn ${turn}: the record only reaches the end of turn ${Math.max(0, resolved)}.`);

  const seats = cyberAlliance.seats(whole.state).map((s) => s.id as string);
  const viewer = values.as ?? 'observer';
  if (viewer !== 'facilitator' && viewer !== 'observer' && !seats.includes(viewer)) {
    throw new UsageError(`unknown seat "${viewer}". Seats: ${seats.join(', ')}, or facilitator, or observer.`);
  }

  const match = fail(replay(cyberAlliance, scenario, record, afterTurn(turn)));
  const mv = matchView(cyberAlliance, match, viewer as Viewer);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(mv, null, 2)}\n`);
    return;
  }
  // The planning window just before it closed: what the seat's inbox and orders were.
  const closing = record.entries[match.applied - 1];
  let planning: CyberMatch | null = null;
  if (turn > 0 && closing?.kind === 'control' && closing.action.type === 'closePlanning') {
    planning = fail(replay(cyberAlliance, scenario, record, (m) => m.applied === match.applied - 1));
  }
  const planned = planning ? cyberAlliance.view(planning.state, planning.drafts, viewer as Viewer).me : null;
  const who = viewer === 'facilitator' || viewer === 'observer' ? `the ${viewer}` : `${whole.state.nations.find((n) => n.id === viewer)?.name} (${viewer})`;
  const title = `${scenario.title} (${scenario.id} v${scenario.version}), seed ${record.seed} — end of turn ${turn} of ${scenario.turns} (${match.phase}) — as seen by ${who}`;
  const events = eventsFor(match.events, viewer as Viewer).filter((e) => e.turn === turn);
  process.stdout.write(`${renderPage({ title, view: mv.view, events, inbox: planned?.inbox ?? null, orders: planned?.orders ?? null })}\n`);
}

runCli(NAME, HINT, main);
