import { ok, reject, type Result } from '../engine/result.ts';
import { clamp, networkOf, patchedVulns } from './access.ts';
import type { EventSink } from './events.ts';
import type { CyberState, NationId, Network, VulnId } from './types.ts';

/**
 * Defend (docs/design.md §4.7): harden a network (at most 3 levels; each cuts attack success),
 * or apply published patches (cleans implants riding on patched exploits, restores 10 availability).
 */
export function validateDefend(s: CyberState, seat: NationId, networkId: string, action: 'harden' | 'patch'): Result<void> {
  const n = networkOf(s, networkId);
  if (!n || n.owner !== seat) return reject('not-your-network', 'You can only defend your own networks.');
  if (action === 'harden' && n.hardening >= 3) return reject('fully-hardened', `${n.name} is already fully hardened.`);
  if (action === 'patch') {
    if (pendingPatches(s, n).length === 0) return reject('nothing-to-patch', `No published patch that ${n.name} has not yet applied fits its software.`);
  }
  return ok(undefined);
}

/** Published patches for this network's software that it has not applied yet. */
export function pendingPatches(s: CyberState, n: Network): VulnId[] {
  const patched = patchedVulns(s);
  return n.software.filter((v) => patched.has(v) && !n.patchesApplied.includes(v));
}

export function resolveDefend(s: CyberState, ev: EventSink, seat: NationId, networkId: string, action: 'harden' | 'patch'): void {
  const n = networkOf(s, networkId);
  if (!n || !validateDefend(s, seat, networkId, action).ok) return;
  if (action === 'harden') {
    n.hardening += 1;
    ev.to([seat], 'NetworkHardened', `${n.name} is hardened to level ${n.hardening}.`, { network: n.id, hardening: n.hardening });
    return;
  }
  n.patchesApplied = [...n.patchesApplied, ...pendingPatches(s, n)].sort();
  const patchedExploits = new Set(s.exploits.filter((e) => e.patched && n.software.includes(e.vuln)).map((e) => e.id));
  let cleaned = 0;
  for (const i of s.implants) {
    if (i.network === n.id && !i.discovered && patchedExploits.has(i.exploit)) {
      i.discovered = true;
      cleaned += 1;
    }
  }
  n.availability = clamp(n.availability + 10, 0, 100);
  ev.to([seat], 'PatchesApplied', `Patches applied on ${n.name}${cleaned > 0 ? `: ${cleaned} hidden implant(s) cleaned out` : ''}.`, { network: n.id, cleaned });
}
