import type { CyberState, Copy, Exploit, Capability, Nation, NationId, Network, CopyId, NetworkId, Trust } from './types.ts';

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
/** One decimal; never -0. */
export const round1 = (v: number): number => Math.round(v * 10) / 10 + 0;

export function nationOf(s: CyberState, id: string): Nation | undefined {
  return s.nations.find((n) => n.id === id);
}
export function networkOf(s: CyberState, id: string): Network | undefined {
  return s.networks.find((n) => n.id === id);
}
export function copyOf(s: CyberState, id: string): Copy | undefined {
  return s.copies.find((c) => c.id === id);
}
export function capabilityOf(s: CyberState, id: string): Capability | undefined {
  return s.capabilities.find((c) => c.id === id);
}
export function exploitOf(s: CyberState, id: string): Exploit | undefined {
  return s.exploits.find((e) => e.id === id);
}

/** The capability and exploit behind a copy (a copy always has both). */
export function resolveCopy(s: CyberState, copy: Copy): { capability: Capability; exploit: Exploit } {
  const capability = capabilityOf(s, copy.capability);
  const exploit = capability && exploitOf(s, capability.exploit);
  if (!capability || !exploit) throw new Error(`corrupt state: copy ${copy.id} has no capability or exploit`);
  return { capability, exploit };
}

export function allies(s: CyberState): Nation[] {
  return s.nations.filter((n) => n.side === 'ally');
}
export function adversary(s: CyberState): Nation {
  const a = s.nations.find((n) => n.side === 'adversary');
  if (!a) throw new Error('corrupt state: no adversary');
  return a;
}
export function isAlly(s: CyberState, id: string): boolean {
  return nationOf(s, id)?.side === 'ally';
}

/** Every nation holding a copy of any capability built on this exploit, sorted. */
export function holdersOf(s: CyberState, exploit: string): NationId[] {
  const caps = new Set(s.capabilities.filter((c) => c.exploit === exploit).map((c) => c.id));
  return [...new Set(s.copies.filter((c) => caps.has(c.capability)).map((c) => c.holder))].sort();
}

export function copiesHeldBy(s: CyberState, nation: string): Copy[] {
  return s.copies.filter((c) => c.holder === nation);
}

/** Is this copy still usable in `turn` (not expired)? */
export function copyExpired(copy: Copy, turn: number): boolean {
  return copy.expiresTurn !== null && turn > copy.expiresTurn;
}

export function trustEntry(s: CyberState, a: string, b: string): Trust | undefined {
  const [x, y] = a < b ? [a, b] : [b, a];
  return s.trust.find((t) => t.a === x && t.b === y);
}
export function trustBetween(s: CyberState, a: string, b: string): number {
  return trustEntry(s, a, b)?.value ?? 0;
}
export function adjustTrust(s: CyberState, a: string, b: string, delta: number): void {
  const t = trustEntry(s, a, b);
  if (t) t.value = clamp(t.value + delta, 0, 100);
}

/** A fresh id, deterministic from the state's serial counter. */
export function nextId<T extends string>(s: CyberState, prefix: string): T {
  s.serial += 1;
  return `${prefix}-${s.serial}` as T;
}

/** Vulnerabilities with a published patch. */
export function patchedVulns(s: CyberState): Set<string> {
  return new Set(s.exploits.filter((e) => e.patched).map((e) => e.vuln));
}

/** Hunt-forward missions running in `turn`. */
export function activeMissions(s: CyberState, turn: number) {
  return s.missions.filter((m) => m.started <= turn && turn <= m.until);
}

/** The hunter's team is away: its home networks detect less. */
export function effectiveSophistication(s: CyberState, network: Network, turn: number): number {
  const away = activeMissions(s, turn).some((m) => m.hunter === network.owner);
  return clamp(network.sophistication - (away ? 1 : 0), 1, 5);
}

export function grievance(s: CyberState, nation: NationId, delta: number): void {
  const g = s.grievances.find((x) => x.nation === nation);
  if (g) g.value += delta;
  else {
    s.grievances.push({ nation, value: delta });
    s.grievances.sort((a, b) => (a.nation < b.nation ? -1 : a.nation > b.nation ? 1 : 0));
  }
}

export const byId = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
export type { CopyId, NetworkId };
