import type { RngSource } from '../../engine/rng.ts';
import type { CyberDrafts } from '../drafts.ts';
import { applyInput } from '../inputs.ts';
import type { Input } from '../orders.ts';
import type { CyberState } from '../types.ts';

/**
 * The CyOC played by a bot when the facilitator is the CyOC (docs/design.md §1, §4.5): at the
 * opening of each planning window it requests open sovereign offers on coalition-objective
 * targets it can still get in time — one per target, two at the last chance, none while an
 * accepted effect is already on its way (unless it is the last chance). It decides only
 * from what every seat sees (open offers, coalition objectives, the public tunables), never
 * from the arsenal behind an offer, and folds each request through the shared validation,
 * so it never gives a refused input. For `autoplay`'s `facilitatorInputs`.
 */
export function cyocFacilitatorInputs(s: CyberState, drafts: CyberDrafts, rng: RngSource): Input[] {
  if (s.rules.cyoc !== 'facilitator') return [];
  const roll = rng.stream('cyoc');
  const delay = s.rules.tunables.coordinationDelay;
  const inputs: Input[] = [];
  let current = drafts;
  const request = (offer: string): boolean => {
    const input: Input = { type: 'requestSovereign', offer };
    const r = applyInput(s, current, 'facilitator', input);
    if (!r.ok) return false;
    current = r.value.drafts;
    inputs.push(input);
    return true;
  };
  for (const o of s.rules.coalitionObjectives) {
    if (o.type !== 'effectOnNetwork' || s.coalition.objectivesMet.includes(o.id)) continue;
    if (s.turn + delay > o.byTurn) continue;
    const turnsLeft = o.byTurn - s.turn;
    const offers = s.offers.filter((x) => x.target === o.network && (o.effects as readonly string[]).includes(x.effect));
    if (turnsLeft > 1 && offers.some((x) => x.status === 'accepted')) continue;
    const open = offers.filter((x) => x.status === 'open' && x.until >= s.turn);
    let want = turnsLeft <= 1 ? 2 : 1;
    while (want > 0 && open.length > 0) {
      const [offer] = open.splice(roll.int(0, open.length - 1), 1);
      if (offer && request(offer.id)) want -= 1;
    }
  }
  return inputs;
}
