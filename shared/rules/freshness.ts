import type { RngSource } from '../engine/rng.ts';
import { clamp, holdersOf, isAlly, round1 } from './access.ts';
import type { EventSink } from './events.ts';
import type { CyberState, Exploit, NationId } from './types.ts';

/**
 * A discovered exploit gets a patch after the lag (docs/design.md §4.1). The discoverer
 * learns of it now; everyone learns when the patch is published.
 */
export function markDiscovered(s: CyberState, ev: EventSink, exploit: Exploit, discoverer: NationId): void {
  if (exploit.discovered) return;
  exploit.discovered = true;
  exploit.patchDue = s.turn + s.rules.tunables.patchLag;
  ev.to([discoverer], 'ExploitDiscovered', `Your defenders captured an exploit against ${exploit.vuln}; a patch follows in ${s.rules.tunables.patchLag} turn(s).`, { vuln: exploit.vuln });
  ev.facilitator('ExploitDiscoveredTruth', `Exploit ${exploit.id} (author ${exploit.author}) was discovered by ${discoverer}.`, { exploit: exploit.id });
}

/**
 * Publishes due patches: the patch fixes the vulnerability, so every exploit of it (not
 * only the one discovered) drops to freshness 0 for every holder of every capability on it.
 */
export function publishPatches(s: CyberState, ev: EventSink): void {
  for (const due of s.exploits) {
    if (due.patched || due.patchDue === null || due.patchDue > s.turn) continue;
    ev.public('VulnerabilityPatched', `A patch for ${due.vuln} is published: every exploit of it is now worthless.`, { vuln: due.vuln });
    const burned = s.exploits.filter((e) => e.vuln === due.vuln && !e.patched);
    for (const exploit of burned) {
      exploit.patched = true;
      exploit.freshness = 0;
    }
    const caps = s.capabilities.filter((c) => burned.some((e) => e.id === c.exploit));
    const holders = [...new Set(burned.flatMap((e) => holdersOf(s, e.id)))].sort();
    for (const h of holders) {
      const held = caps.filter((c) => s.copies.some((k) => k.holder === h && k.capability === c.id));
      ev.to([h], 'ExploitPatched', `${held.map((c) => c.name).join(', ')} burned: its vulnerability ${due.vuln} was patched.`, { vuln: due.vuln, capabilities: held.map((c) => c.id) });
    }
  }
}

/**
 * Deconfliction (docs/design.md §4.1): two allies' implants on one target raise its chance of
 * being found, unless the two shared intel about that network.
 */
export function deconflictionRisk(s: CyberState, ev: EventSink, rng: RngSource): void {
  const risk = s.rules.tunables.deconflictionRisk;
  for (const network of s.networks) {
    const implants = s.implants.filter((i) => i.network === network.id && !i.discovered && isAlly(s, i.owner));
    const owners = [...new Set(implants.map((i) => i.owner))].sort();
    if (owners.length < 2) continue;
    for (const implant of implants) {
      const crowded = owners.some(
        (o) => o !== implant.owner && !s.deconflicted.some((d) => d.network === network.id && ((d.a === o && d.b === implant.owner) || (d.b === o && d.a === implant.owner))),
      );
      if (!crowded || !rng.stream(`deconfliction:${implant.id}`).chance(risk)) continue;
      implant.discovered = true;
      const exploit = s.exploits.find((e) => e.id === implant.exploit);
      if (exploit) markDiscovered(s, ev, exploit, network.owner);
      ev.to([implant.owner], 'ImplantLost', `Your implant on ${network.name} was found: too many tools on one target.`, { network: network.id });
    }
  }
}

/** Passive decay: every unpatched exploit loses freshness each turn (patch cycles, rediscovery). */
export function decayFreshness(s: CyberState): void {
  const d = s.rules.tunables.decay;
  for (const e of s.exploits) if (!e.patched) e.freshness = round1(clamp(e.freshness - d, 0, 100));
}
