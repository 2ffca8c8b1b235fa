import type { RngSource } from '../engine/rng.ts';
import { adversary, isAlly, nationOf, nextId, resolveCopy } from './access.ts';
import type { EventSink } from './events.ts';
import type { CyberState } from './types.ts';

/** Leak chance of one extra holder's copy per turn: (1 − hygiene) × base, doubled (tunable) without compiled-only. */
export function leakChance(s: CyberState, hygiene: number, compiledOnly: boolean): number {
  const t = s.rules.tunables;
  return (1 - hygiene) * t.leakPerHolder * (compiledOnly ? 1 : t.leakSourceFactor);
}

/**
 * Leaks (docs/design.md §4.2): each copy held by an ally other than the author may leak to the
 * adversary, who then uses it against allies — blamed on its fingerprint (NotPetya).
 * Only the facilitator learns of the leak itself; the exporter is penalised for it.
 */
export function resolveLeaks(s: CyberState, ev: EventSink, rng: RngSource): void {
  const adv = adversary(s);
  const candidates = s.copies.filter((c) => c.from !== null && isAlly(s, c.holder));
  for (const copy of candidates) {
    const holder = nationOf(s, copy.holder);
    if (!holder) continue;
    const { capability, exploit } = resolveCopy(s, copy);
    if (exploit.patched) continue;
    if (!rng.stream(`leak:${copy.id}`).chance(leakChance(s, holder.hygiene, copy.terms?.compiledOnly ?? true))) continue;
    if (s.copies.some((c) => c.holder === adv.id && c.capability === capability.id)) continue;
    s.copies.push({ id: nextId(s, 'k'), capability: capability.id, holder: adv.id, from: null, terms: null, receivedTurn: s.turn, expiresTurn: null, leaked: true });
    if (!adv.knownVulns.includes(exploit.vuln)) adv.knownVulns = [...adv.knownVulns, exploit.vuln].sort();
    const exporter = copy.from ? nationOf(s, copy.from) : undefined;
    if (exporter) exporter.tally.leaksOfSharedTools += 1;
    ev.facilitator('CapabilityLeaked', `${capability.name} leaked from ${holder.name} to ${adv.name} (shared by ${exporter?.name ?? 'unknown'}).`, {
      capability: capability.id,
      holder: holder.id,
      exporter: copy.from,
    });
    ev.to([adv.id], 'CapabilityAcquired', `Your operatives obtained a copy of ${capability.name}.`, { copy: s.copies[s.copies.length - 1]?.id });
  }
}
