import type { Tunables } from '../../shared/scenarios/schema.ts';

/** The words a student meets first, explained with the numbers this scenario's rules use. */
export const TERMS = ['freshness', 'attribution', 'sovereign effect', 'hunt forward', 'dual-key', 'watermark'] as const;
export type Term = (typeof TERMS)[number];

const pct = (p: number): string => `${Math.round(p * 1000) / 10}%`;
const signed = (x: number): string => (x > 0 ? `+${x}` : String(x));

/**
 * One or two sentences per term (docs/design.md §4), quoting the scenario's own tunables — the
 * numbers the rules compute with — so a tooltip never disagrees with the game being played.
 * Pure: no DOM (tests/client/glossary.test.ts reads it against the shipped scenarios).
 */
export function glossary(t: Tunables): Record<Term, string> {
  return {
    freshness:
      `How usable an exploit still is, 0–100. Each use burns ${t.burnBase.espionage} (espionage), ${t.burnBase.effect} (effect) or ${t.burnBase.destroy} (destroy) × (${t.burnSophBase} + ${t.burnSophPer} × the target’s sophistication) for every copy of it, ` +
      `and every exploit loses ${t.decay} a turn. Once its vulnerability is patched (${t.patchLag} turn(s) after a discovery) it is worthless.`,
    attribution:
      `After a noticed use the victim’s defenders may trace it automatically: chance ${pct(t.attributionBase.effect)} for an effect, ${pct(t.attributionBase.espionage)} for espionage, × (1 + ${t.attribSophPer} × the network’s sophistication) × (1 + ${t.attribHolderPer} × each other holder of the tool). ` +
      `Blame falls on the tool’s author unless a watermark says otherwise (reputation ${signed(t.reputation.attributed)}). A public attribution costs ${t.attributeIntelCost} intel: right ${signed(t.reputation.publicRight)}, wrong ${signed(t.reputation.publicWrong)} reputation.`,
    'sovereign effect':
      `Offer to deliver an effect on a target yourself, with your own capability, without revealing or sharing it (${t.costs.sovereignOffer} capacity). ` +
      `The CyOC may request it; declining a request changes your reputation by ${signed(t.reputation.declined)}.`,
    'hunt forward':
      `A team in an ally’s networks for ${t.huntTurns} turn(s) by default (${t.costs.huntForward} capacity): each turn it finds each adversary implant with chance ${pct(t.huntBase)} + ${pct(t.huntSkillPer)} × your skill, ` +
      `and an adversary exploit it exposes loses ${t.huntExposure} freshness. Your home networks detect less while it is away.`,
    'dual-key':
      `A term of a share: each use of the copy needs your consent in the same planning window, or the operation is refused; a consented use goes ahead one resolution later, a turn late (sharing costs ${t.costs.share} capacity).`,
    watermark:
      `A term of a share or tailored tool: blame for its use falls on the user, not on you (its author), and nobody gets a covert bonus from it.`,
  };
}
