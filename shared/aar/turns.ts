import type { GameEvent } from '../engine/ruleset.ts';
import { capacityThisTurn } from '../rules/inputs.ts';
import { score } from '../rules/scoring.ts';
import type { CyberState } from '../rules/types.ts';
import type { NationTurn } from './types.ts';

const round1 = (v: number): number => Math.round(v * 10) / 10 + 0;

/**
 * One row per turn and nation (the CSV) from the state after each resolution: standing,
 * score, availability, and what happened to and by the nation that turn. Turn 0 is the
 * state after setup. Incidents are the facilitator's truth (unnoticed ones count too).
 */
export function nationRows(states: readonly CyberState[], events: readonly GameEvent[]): NationTurn[] {
  const nations: NationTurn[] = [];
  states.forEach((s, t) => {
    const sc = score(s);
    const shared = events.filter((e) => e.type === 'CapabilityShared' && e.turn === t && t > 0);
    for (const n of s.nations) {
      const mine = s.networks.filter((x) => x.owner === n.id);
      const now = s.incidents.filter((i) => i.turn === t && t > 0);
      const attributed = now.filter((i) => i.victim === n.id && i.blamed !== null);
      nations.push({
        turn: t,
        nation: n.id,
        capacity: capacityThisTurn(s, n.id),
        reputation: round1(n.reputation),
        intel: round1(n.intel),
        influence: round1(n.influence),
        score: sc.nations.find((x) => x.nation === n.id)?.total ?? null,
        availabilityMean: mine.length === 0 ? 0 : round1(mine.reduce((a, x) => a + x.availability, 0) / mine.length),
        incidentsSuffered: now.filter((i) => i.victim === n.id).length,
        attributionsRight: attributed.filter((i) => i.blamed === i.user).length,
        attributionsWrong: attributed.filter((i) => i.blamed !== i.user).length,
        blamedWrongly: now.filter((i) => i.blamed === n.id && i.user !== n.id).length,
        sharesOut: shared.filter((e) => e.data?.from === n.id).length,
        sharesIn: shared.filter((e) => e.data?.to === n.id).length,
        uses: now.filter((i) => i.user === n.id).length,
        leaksOfSharedTools: n.tally.leaksOfSharedTools,
      });
    }
  });
  return nations;
}
