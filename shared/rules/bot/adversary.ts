import type { EffectType } from '../types.ts';
import { pickWeighted, powerInTime, runs, successOf, toolFits, type Knowledge, type PublicNetwork, type Tool } from './knowledge.ts';
import type { Planner } from './planner.ts';

/**
 * The adversary's planning window (docs/design.md §1, §3 "adversary moves"): operations against
 * allied networks whose software its tools exploit — espionage early to plant implants,
 * effects later — aimed preferably at nations that owe it retaliation (its grievances)
 * and using leaked allied tools when they reach. With what is left: build a new tool when
 * its own are burning out, harden its networks that were attacked, apply patches.
 */
export function adversaryInputs(k: Knowledge, p: Planner): void {
  if (k.followUp) return;
  operations(k, p);
  build(k, p);
  defend(k, p);
}

function usable(k: Knowledge, t: Tool): boolean {
  return !t.patched && t.freshness > 0 && (t.expiresTurn === null || k.turn <= t.expiresTurn);
}

function operations(k: Knowledge, p: Planner): void {
  const budget = Math.max(p.left() > 0 ? 1 : 0, Math.floor(p.left() * k.params.opsFraction));
  const early = k.turn <= Math.max(1, Math.round(k.turns * 0.35));
  const allies = new Set(k.pub.nations.filter((n) => n.side === 'ally').map((n) => n.id as string));
  const networks = k.pub.networks.filter((n) => allies.has(n.owner));
  const implanted = new Set(k.me.implants.filter((i) => i.owner === k.seat && !i.discovered).map((i) => i.network as string));
  const hunted = new Set(k.pub.missions.filter((m) => m.started <= k.turn && k.turn <= m.until).map((m) => m.host as string));
  const grudge = (owner: string) => k.grievances.find((g) => g.nation === owner)?.value ?? 0;
  const weight = (t: Tool, n: PublicNetwork): number => {
    const kind = t.kind === 'espionage' ? (early ? 1 : 0.4) * (implanted.has(n.id) ? 0.2 : 1) : early ? 0.25 : 1;
    return successOf(t, n) * kind * (1 + 0.5 * grudge(n.owner)) * (t.leaked ? 1.3 : 1) * (hunted.has(n.owner) ? 0.7 : 1);
  };
  const pairs = k.me.arsenal.filter((t) => usable(k, t)).flatMap((t) => networks.filter((n) => toolFits(k, t, n)).map((n) => ({ t, n })));
  const perCopy = new Map<string, number>();
  const hitNets = new Set<string>();
  let done = 0;
  while (done < budget && pairs.length > 0) {
    const open = pairs.filter((x) => (perCopy.get(x.t.copy) ?? 0) < k.params.usesPerCopy && !hitNets.has(x.n.id));
    const pick = pickWeighted(k.rng, open, (x) => weight(x.t, x.n));
    if (!pick) return;
    pairs.splice(pairs.indexOf(pick), 1);
    if (!p.order({ type: 'operate', copy: pick.t.copy, target: pick.n.id })) continue;
    perCopy.set(pick.t.copy, (perCopy.get(pick.t.copy) ?? 0) + 1);
    hitNets.add(pick.n.id);
    done += 1;
  }
}

const EFFECTS: readonly EffectType[] = ['deny', 'disrupt', 'degrade'];

/** A new tool when fewer than two fresh effect tools (or no espionage tool) are left. */
function build(k: Knowledge, p: Planner): void {
  if (p.left() < k.tunables.costs.develop || k.me.projects.filter((pr) => pr.nation === k.seat).length >= 1) return;
  const tools = k.me.arsenal.filter((t) => usable(k, t));
  const need = tools.filter((t) => t.kind === 'effect' && t.freshness >= 30).length < 2 ? 'effect' : tools.some((t) => t.kind === 'espionage' && t.freshness >= 20) ? null : 'espionage';
  const power = powerInTime(k, k.turns, false);
  if (!need || power === null) return;
  const covered = new Set(tools.filter((t) => t.kind === need && t.freshness >= 30).map((t) => t.vuln as string));
  const allied = k.pub.networks.filter((n) => n.owner !== k.seat);
  const reach = (v: string) => allied.filter((n) => runs(n, v)).length;
  const vulns = k.me.nation.knownVulns.filter((v) => !covered.has(v) && !k.pub.patchedVulns.includes(v as string) && reach(v) > 0).sort((a, b) => reach(b) - reach(a));
  const vuln = vulns[0];
  if (!vuln) return;
  if (need === 'espionage') p.order({ type: 'develop', vuln, kind: 'espionage', effect: null, power });
  else p.order({ type: 'develop', vuln, kind: 'effect', effect: k.temperament === 'reckless' ? 'destroy' : k.rng.pick(EFFECTS), power });
}

/** Harden a network it saw attacked (at most one a turn); apply published patches to degraded ones. */
function defend(k: Knowledge, p: Planner): void {
  for (const n of k.me.networks) {
    if (n.availability < 90 && n.software.some((v) => k.pub.patchedVulns.includes(v))) p.order({ type: 'defend', network: n.id, action: 'patch' });
  }
  const attacked = k.me.networks.filter((n) => n.hardening < 3 && k.me.incidents.some((i) => i.network === n.id && i.victim === k.seat && i.turn >= k.turn - 1));
  const n = attacked[0];
  if (n && k.rng.chance(k.params.harden)) p.order({ type: 'defend', network: n.id, action: 'harden' });
}
