import { readFileSync } from 'node:fs';
import { findScenario, scenarios } from '../../shared/scenarios/index.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { checkScenarioText, describeErrors } from '../../shared/scenarios/validate.ts';
import { CliError, UsageError } from './cli.ts';

/** Largest scenario file a command reads (the server takes the same: server/http/scenarios.ts). */
export const MAX_SCENARIO_FILE_BYTES = 512 * 1024;

/**
 * A `--scenario` argument: a shipped scenario's id, or the path of a scenario file (it
 * ends in `.json`), read and validated here — the reading stays outside `shared/`. A bad
 * file fails with every error, each naming the file and the field.
 */
export function loadScenarioArg(arg: string): { scenario: Scenario; file: string | null } {
  if (!arg.endsWith('.json')) {
    const scenario = findScenario(arg);
    if (!scenario) throw new UsageError(`unknown scenario "${arg}". Scenarios: ${scenarios.map((s) => s.id).join(', ')}, or the path of a scenario file (.json).`);
    return { scenario, file: null };
  }
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the scenario file ${arg}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (Buffer.byteLength(text) > MAX_SCENARIO_FILE_BYTES) throw new CliError(`${arg} is larger than ${MAX_SCENARIO_FILE_BYTES / 1024} KiB: that is not a scenario file.`);
  const r = checkScenarioText(text);
  if (!r.ok) throw new CliError(`${arg} is not a valid scenario (${r.errors.length} error${r.errors.length === 1 ? '' : 's'}):\n${describeErrors(arg, r.errors)}`);
  return { scenario: r.value, file: arg };
}
