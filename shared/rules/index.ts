import type { Ruleset, SeatId, SeatInfo } from '../engine/ruleset.ts';
import { ok } from '../engine/result.ts';
import { parseScenario, type Scenario } from '../scenarios/schema.ts';
import { botInputs } from './bot.ts';
import { emptyDrafts, type CyberDrafts } from './drafts.ts';
import { touches, viewOf, type CyberView } from './fog.ts';
import { applyInput } from './inputs.ts';
import type { Input } from './orders.ts';
import { briefTurn, resolveTurn } from './resolve.ts';
import { score } from './scoring.ts';
import { setup } from './setup.ts';
import type { CyberState } from './types.ts';

/** The cyber-alliance ruleset: the engine's interface over the mechanics in this folder. */
export const cyberAlliance: Ruleset<Scenario, CyberState, CyberDrafts, Input, CyberView> = {
  id: 'cyber-alliance',
  parseScenario: (data) => {
    const r = parseScenario(data);
    return r.ok ? ok(r.value) : r;
  },
  scenarioKey: (s) => ({ id: s.id, version: s.version }),
  setup,
  seats: (state): SeatInfo[] => state.nations.map((n) => ({ id: n.id as SeatId, name: n.name, side: n.side, botByDefault: n.side === 'adversary' })),
  turnLimit: (state) => state.rules.turns,
  planningSeconds: (state) => state.rules.planningSeconds,
  emptyDrafts: () => emptyDrafts(),
  applyInput,
  brief: briefTurn,
  resolve: resolveTurn,
  view: viewOf,
  score,
  botInputs,
  touches,
};

export type { CyberState, CyberDrafts, CyberView, Input };
