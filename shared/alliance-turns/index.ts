import defaultFile from '../../scenarios/alliance-turns/alliance-turns.json' with { type: 'json' };
import type { Ruleset } from '../engine/ruleset.ts';
import { botInputs } from './bot.ts';
import { applyInput, briefTurn, resolveTurn, type AllianceInput } from './rules.ts';
import { parseAllianceTurnsScenario, type AllianceTurnsScenario } from './schema.ts';
import { emptyDrafts, setup, type AllianceDrafts, type AllianceState } from './state.ts';
import { score, touches, viewOf, type AllianceView } from './view.ts';

/**
 * alliance-turns: a tiny second ruleset and a benchmark workload (see schema.ts). Every
 * seat is a human seat, so that a server benchmark can drive all of them with its own
 * clients; autoplay hands them to the bot anyway.
 */
export const allianceTurns: Ruleset<AllianceTurnsScenario, AllianceState, AllianceDrafts, AllianceInput, AllianceView> = {
  id: 'alliance-turns',
  parseScenario: parseAllianceTurnsScenario,
  scenarioKey: (sc) => ({ id: sc.id, version: sc.version }),
  setup,
  seats: (s) => s.seats.map((x) => ({ id: x.id, name: x.name, botByDefault: false })),
  turnLimit: (s) => s.rules.turns,
  planningSeconds: (s) => s.rules.planningSeconds,
  emptyDrafts: () => emptyDrafts(),
  applyInput,
  brief: briefTurn,
  resolve: resolveTurn,
  view: viewOf,
  score,
  botInputs,
  touches,
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function load(file: string, data: unknown): AllianceTurnsScenario {
  const r = parseAllianceTurnsScenario(data);
  if (!r.ok) throw new Error(`shipped scenario file ${file} is invalid: ${r.error.message}`);
  return deepFreeze(r.value);
}

/**
 * The default scenario, `scenarios/alliance-turns/alliance-turns.json` (imported as a JSON
 * module, like the cyber-alliance files): 6 seats of 30 capabilities, 100 turns. Parsed and
 * frozen at load.
 */
export const allianceTurnsScenario: AllianceTurnsScenario = load('scenarios/alliance-turns/alliance-turns.json', defaultFile);

/** Every shipped scenario of this ruleset, in listing order. */
export const allianceTurnsScenarios: readonly AllianceTurnsScenario[] = Object.freeze([allianceTurnsScenario]);

export function findAllianceTurnsScenario(id: string): AllianceTurnsScenario | undefined {
  return allianceTurnsScenarios.find((s) => s.id === id);
}

export { AllianceTurnsScenario, parseAllianceTurnsScenario } from './schema.ts';
export { AllianceInputSchema, validateOrder, type AllianceInput } from './rules.ts';
export type { AllianceDrafts, AllianceOrder, AllianceState, Capability, CapabilityId } from './state.ts';
export type { AllianceScore, AllianceView } from './view.ts';
