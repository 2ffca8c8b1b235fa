/**
 * Plays a whole match with the built-in bot on every seat and prints what happened:
 *
 *     npm run sim -- --scenario baltic-shield --seed 7 --out record.json
 *
 * Every bot decision goes into the match record, so `npm run replay -- record.json …`
 * shows any turn as any seat saw it. When the scenario's CyOC is the facilitator, the bot
 * CyOC (shared/rules/bot/cyoc.ts) plays it, so that sovereign offers get requested.
 */
import { writeFileSync } from 'node:fs';
import { autoplay } from '../shared/engine/autoplay.ts';
import type { Match } from '../shared/engine/match.ts';
import { botInputsWith, cyocFacilitatorInputs, TEMPERAMENTS, type Temperament } from '../shared/rules/bot.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../shared/rules/index.ts';
import type { CyberScore } from '../shared/rules/scoring.ts';
import { findScenario, scenarios } from '../shared/scenarios/index.ts';
import { CliError, intFlag, parseCli, runCli, UsageError } from './lib/cli.ts';
import { scoreTable, turnSummary } from './lib/summary.ts';

const NAME = 'sim';
const HINT = 'npm run sim -- --help';

function usage(): string {
  return [
    'Usage: npm run sim -- [--scenario <id>] [--seed <n>] [--turns <n>] [--out <record.json>] [--temperament <t>]',
    '',
    'Plays a whole match with the built-in bot on every seat, prints a summary of each turn',
    'and the final scores, and writes the match record when --out is given.',
    '',
    'Options:',
    '  --scenario <id>      scenario to play (default: baltic-shield)',
    '  --seed <n>           match seed, a whole number 0..4294967295 (default: 1)',
    '  --turns <n>          stop after this turn (default: the scenario\'s last turn)',
    '  --out <file>         write the match record (JSON) to this file',
    `  --temperament <t>    every seat plays this temperament: ${TEMPERAMENTS.join(', ')}`,
    '                       (default: each seat\'s temperament from the scenario)',
    '  -h, --help           show this help',
    '',
    'Scenarios:',
    ...scenarios.map((s) => `  ${s.id.padEnd(18)} ${s.title} (${s.turns} turns, ${s.allies.length} allies)`),
  ].join('\n');
}

const options = {
  scenario: { type: 'string' },
  seed: { type: 'string' },
  turns: { type: 'string' },
  out: { type: 'string' },
  temperament: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function main(): void {
  const { values } = parseCli(process.argv.slice(2), options, false);
  if (values.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const id = values.scenario ?? 'baltic-shield';
  const scenario = findScenario(id);
  if (!scenario) throw new UsageError(`unknown scenario "${id}". Scenarios: ${scenarios.map((s) => s.id).join(', ')}.`);
  const seed = intFlag('seed', values.seed, 1, 0, 0xffffffff);
  const turns = intFlag('turns', values.turns, scenario.turns, 1, scenario.turns);
  const temperament = values.temperament;
  if (temperament !== undefined && !TEMPERAMENTS.includes(temperament as Temperament)) {
    throw new UsageError(`unknown temperament "${temperament}". Temperaments: ${TEMPERAMENTS.join(', ')}.`);
  }
  const ruleset = temperament ? { ...cyberAlliance, botInputs: botInputsWith(temperament as Temperament) } : cyberAlliance;

  const out = process.stdout;
  out.write(`${scenario.title} (${scenario.id} v${scenario.version}) — seed ${seed}, ${turns} of ${scenario.turns} turns\n\n`);
  const { match, record, rejected } = autoplay(ruleset, scenario, seed, {
    turns,
    onTurn: (m, turn) => out.write(`${turnSummary(m as Match<CyberState, CyberDrafts>, turn)}\n`),
    // When the facilitator is the CyOC, the bot CyOC requests sovereign offers, as a White Cell would.
    ...(scenario.cyoc === 'facilitator' ? { facilitatorInputs: (m: Match<CyberState, CyberDrafts>, rng) => cyocFacilitatorInputs(m.state, m.drafts, rng) } : {}),
  });
  const state = match.state;
  const sc = cyberAlliance.score(state) as CyberScore;
  const met = state.rules.coalitionObjectives.map((o) => `${sc.coalition.met.includes(o.id) ? '✔' : '✘'} ${o.id}`);
  out.write(`\nCoalition: ${sc.coalition.total} points — objectives ${met.join(', ')}; legitimacy ${sc.coalition.legitimacy}\n\n`);
  out.write(`Final scores after turn ${match.turn}\n${scoreTable(state, sc, temperament)}\n\n`);
  out.write(`Bot inputs rejected: ${rejected.length}\n`);
  if (values.out) {
    try {
      writeFileSync(values.out, `${JSON.stringify(record)}\n`);
    } catch (e) {
      throw new CliError(`cannot write the record to ${values.out}: ${e instanceof Error ? e.message : String(e)}`);
    }
    out.write(`Record written to ${values.out} (${record.entries.length} entries).\n`);
  }
}

runCli(NAME, HINT, main);
