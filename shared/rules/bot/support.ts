import type { Order } from '../orders.ts';
import { maySpend, pickWeighted, runs, powerInTime, precious, recentlyHit, successOf, tierCapacity, toolFits, trustWith, type Knowledge, type PublicNetwork, type Tool } from './knowledge.ts';
import type { Planner } from './planner.ts';

/** The allied bot's secondary decisions: hunts, defence, sharing, training, intelligence, building, attribution, reports. */

/** Capacity it may still spend on an order of this type (a first call keeps the temperament's reserve). */
function room(k: Knowledge, p: Planner, type: Exclude<Order['type'], 'inviteHunt'>): boolean {
  return p.left() - (k.followUp ? 0 : k.params.reserve) >= k.tunables.costs[type];
}

const byTrust = (k: Knowledge) => (a: { id: string; tier: 'major' | 'middle' | 'small' }, b: { id: string; tier: 'major' | 'middle' | 'small' }) =>
  trustWith(k, b.id) + 3 * tierCapacity(k, b.tier) - (trustWith(k, a.id) + 3 * tierCapacity(k, a.tier));

/**
 * Hunt forward (docs/design.md §4.6): invite a partner's team when its own networks were hit;
 * send its own team to a partner that was visibly hit (a public attribution or its uptime
 * down). One team away at a time.
 */
export function hunts(k: Knowledge, p: Planner): void {
  const active = k.pub.missions.filter((m) => m.until >= k.turn);
  const acceptedHunt = k.me.inbox.some((r) => r.kind === 'huntForward' && r.answer === true);
  const hosting = active.some((m) => m.host === k.seat) || acceptedHunt || p.mine().some((o) => o.type === 'inviteHunt');
  if (!hosting && recentlyHit(k, k.seat) && k.rng.chance(Math.min(1, k.params.invite + (k.wantsUptime ? 0.2 : 0)))) {
    const away = new Set(active.map((m) => m.hunter as string));
    // One of its three closest partners: always asking the same big ally would find it busy.
    const hunters = [...k.partners].filter((n) => !away.has(n.id)).sort(byTrust(k)).slice(0, 3);
    const hunter = hunters[k.rng.int(0, Math.max(0, hunters.length - 1))];
    if (hunter) p.order({ type: 'inviteHunt', hunter: hunter.id });
  }
  // Help yourself first: a nation under attack keeps its team at home (away, its networks detect less).
  if (recentlyHit(k, k.seat) || active.some((m) => m.hunter === k.seat) || p.mine().some((o) => o.type === 'huntForward')) return;
  // Leave some capacity at home; only close partners (trust), so a hit ally gets a team, not every team.
  if (p.left() - 1 < k.tunables.costs.huntForward) return;
  const hosts = k.partners.filter((n) => trustWith(k, n.id) >= k.params.huntTrust && recentlyHit(k, n.id) && !active.some((m) => m.host === n.id)).sort(byTrust(k));
  const host = hosts[0];
  if (host && k.rng.chance(k.params.hunt)) p.order({ type: 'huntForward', host: host.id });
}

/** Defend (docs/design.md §4.7): apply published patches to degraded networks; harden networks that were hit. */
export function defend(k: Knowledge, p: Planner): void {
  const planned = (network: string, action: 'harden' | 'patch') => p.mine().some((o) => o.type === 'defend' && o.network === network && o.action === action);
  const networks = [...k.me.networks].sort((a, b) => a.availability - b.availability);
  for (const n of networks) {
    if (n.availability < 95 && n.software.some((v) => k.pub.patchedVulns.includes(v)) && !planned(n.id, 'patch') && room(k, p, 'defend')) {
      p.order({ type: 'defend', network: n.id, action: 'patch' });
    }
  }
  const since = k.turn - 2;
  const hit = networks.filter((n) => n.hardening < 3 && (n.availability < 85 || k.me.incidents.some((i) => i.network === n.id && i.victim === k.seat && i.turn >= since)));
  let budget = k.wantsUptime ? 2 : 1;
  for (const n of hit) {
    if (budget <= 0 || planned(n.id, 'harden') || !room(k, p, 'defend')) break;
    if (k.rng.chance(k.params.harden) && p.order({ type: 'defend', network: n.id, action: 'harden' })) budget -= 1;
  }
}

/**
 * Share (docs/design.md §4.2) one of its own tools with a trusted ally, preferring tools that can
 * reach an objective target. Terms from the essays: compiled-only; an end-use list of the
 * objective targets it can reach; dual-key and a short expiry for precious tools;
 * watermarked when it must stay deniable or the tool is precious.
 */
export function shares(k: Knowledge, p: Planner): void {
  const chance = Math.min(1, k.params.share + (k.wantsInfluence ? 0.3 : 0));
  const enemyNets = k.pub.networks.filter((n) => n.owner === k.enemy);
  const offered = () => p.mine().flatMap((o) => (o.type === 'share' ? [`${o.copy}>${o.to}`] : []));
  for (let i = 0; i < k.params.maxShares; i++) {
    if (!room(k, p, 'share') || !k.rng.chance(chance)) return;
    const tools = k.me.arsenal.filter(
      (t) =>
        t.from === null &&
        !t.leaked &&
        !t.patched &&
        t.freshness >= 25 &&
        (!k.params.hoardStrict || !precious(k, t)) &&
        // The tool its keepFresh objective names is hoarded, unless it plays recklessly.
        (k.params.spendKeepFreshWithin >= 99 || !k.keepFresh.some((o) => o.capability === t.capability)),
    );
    const reach = (t: Tool) => k.targets.filter((x) => t.kind === 'effect' && t.effect !== null && x.effects.includes(t.effect) && toolFits(k, t, x.network));
    const tool = pickWeighted(k.rng, tools, (t) => (reach(t).length > 0 ? 3 : 1) * (t.freshness / 100));
    if (!tool) return;
    const holders = new Set(k.me.sharedOut.filter((c) => c.capability === tool.capability).map((c) => c.to as string));
    const taken = offered();
    const candidates = [...k.partners].filter((n) => !holders.has(n.id) && !taken.includes(`${tool.copy}>${n.id}`)).sort(byTrust(k));
    const partner = candidates[Math.min(candidates.length - 1, k.rng.int(0, 1))];
    if (!partner) continue;
    const dear = precious(k, tool);
    const objectiveNets = reach(tool).map((x) => x.network.id);
    const endUse = objectiveNets.length > 0 ? objectiveNets : enemyNets.filter((n) => n.software.includes(tool.vuln)).map((n) => n.id);
    const terms = {
      compiledOnly: !k.params.giveSource,
      dualKey: dear,
      watermark: k.deniable || dear || k.rng.chance(0.3),
      expiresAfter: dear ? 3 : null,
      endUse: endUse.length > 0 ? [...new Set(endUse)] : null,
    };
    p.order({ type: 'share', copy: tool.copy, to: partner.id, terms });
  }
}

/** Train (docs/design.md §4.8) the most trusted ally above the trust threshold. */
export function train(k: Knowledge, p: Planner): void {
  // Only a capable team runs a range worth training on (a partner's skill is not public).
  if (k.me.nation.skill < 3 || !room(k, p, 'train') || !k.rng.chance(Math.min(1, k.params.train + (k.wantsInfluence ? 0.3 : 0)))) return;
  const busy = new Set(k.me.trainings.filter((t) => t.trainer === k.seat).map((t) => t.trainee as string));
  const trainees = k.partners.filter((n) => !busy.has(n.id) && trustWith(k, n.id) >= k.tunables.trainTrust).sort(byTrust(k));
  for (const n of trainees) if (p.order({ type: 'train', trainee: n.id })) return;
}

/** Pairs of tool and adversary network it could use now, with a weight. */
function uses(k: Knowledge, tools: readonly Tool[], networks: readonly PublicNetwork[], weight: (t: Tool, n: PublicNetwork) => number) {
  return tools.flatMap((t) => networks.filter((n) => toolFits(k, t, n) && maySpend(k, t, n)).map((n) => ({ t, n, w: weight(t, n) })));
}

function useSome(k: Knowledge, p: Planner, pairs: { t: Tool; n: PublicNetwork; w: number }[], count: number): void {
  const left = [...pairs];
  let done = 0;
  while (done < count && left.length > 0 && room(k, p, 'operate')) {
    const pick = pickWeighted(k.rng, left, (x) => x.w);
    if (!pick) return;
    left.splice(left.indexOf(pick), 1);
    if (p.order({ type: 'operate', copy: pick.t.copy, target: pick.n.id })) done += 1;
  }
}

const isDualKey = (t: Tool) => t.terms?.dualKey === true;

/** Espionage (docs/design.md §4.1): intel, an implant, and a chance to learn the target's other vulnerabilities. */
export function espionage(k: Knowledge, p: Planner): void {
  const ordered = p.mine().filter((o) => o.type === 'operate' && k.me.arsenal.some((t) => t.copy === o.copy && t.kind === 'espionage')).length;
  const count = k.params.espionage + (k.wantsIntel ? 1 : 0) - ordered;
  if (count <= 0) return;
  const implanted = new Set(k.me.implants.filter((i) => i.owner === k.seat && !i.discovered).map((i) => i.network as string));
  const networks = k.pub.networks.filter((n) => n.owner === k.enemy && !implanted.has(n.id));
  const tools = k.me.arsenal.filter((t) => t.kind === 'espionage' && t.freshness >= 15 && !(k.followUp && isDualKey(t)));
  const unknown = (n: PublicNetwork) => n.software.some((v) => !k.me.nation.knownVulns.includes(v as never));
  const targets = new Set(k.targets.map((x) => x.network.id));
  useSome(k, p, uses(k, tools, networks, (t, n) => successOf(t, n) * (unknown(n) ? 1.5 : 1) * (targets.has(n.id) ? 1.3 : 1)), count);
}

/** Effects on adversary networks that are no objective: a reckless temperament's covert raids. */
export function raids(k: Knowledge, p: Planner): void {
  if (k.params.raids <= 0) return;
  const targets = new Set(k.targets.map((x) => x.network.id));
  const networks = k.pub.networks.filter((n) => n.owner === k.enemy && !targets.has(n.id));
  const tools = k.me.arsenal.filter((t) => t.kind === 'effect' && !(k.followUp && isDualKey(t)));
  useSome(k, p, uses(k, tools, networks, (t, n) => successOf(t, n)), k.params.raids);
}

/** Develop (docs/design.md §4.4) with spare capacity: a tool on a known vulnerability it has no fresh tool for. */
export function develop(k: Knowledge, p: Planner): void {
  if (!room(k, p, 'develop') || p.mine().some((o) => o.type === 'develop' || o.type === 'tailor') || !k.rng.chance(k.params.develop)) return;
  if (k.me.projects.filter((pr) => pr.nation === k.seat).length >= 2) return;
  const power = powerInTime(k, k.turns, false);
  if (power === null) return;
  const enemyNets = k.pub.networks.filter((n) => n.owner === k.enemy);
  const covered = new Set([...k.me.arsenal.filter((t) => !t.patched && t.freshness >= 30).map((t) => t.vuln as string), ...k.me.projects.map((pr) => pr.vuln as string)]);
  const onTarget = (v: string) => k.targets.find((x) => runs(x.network, v));
  const vulns = k.me.nation.knownVulns.filter((v) => !covered.has(v) && !k.pub.patchedVulns.includes(v as string) && enemyNets.some((n) => n.software.includes(v)));
  const vuln = [...vulns].sort((a, b) => Number(!onTarget(a)) - Number(!onTarget(b)))[0];
  if (!vuln) return;
  const target = onTarget(vuln);
  const hasEffect = k.me.arsenal.some((t) => t.kind === 'effect' && !t.patched && t.freshness >= 30);
  if (target || !hasEffect) {
    const effect = target ? (['degrade', 'disrupt', 'deny', 'destroy'] as const).find((e) => target.effects.includes(e)) : 'disrupt';
    if (effect) p.order({ type: 'develop', vuln, kind: 'effect', effect, power });
  } else {
    p.order({ type: 'develop', vuln, kind: 'espionage', effect: null, power });
  }
}

/** Attribute publicly (docs/design.md §4.9) a recent incident on its own networks: only the adversary attacks allies. */
export function attribute(k: Knowledge, p: Planner): void {
  if (!k.enemy || !room(k, p, 'attribute') || k.me.nation.intel < k.tunables.attributeIntelCost + 1 || p.mine().some((o) => o.type === 'attribute')) return;
  const incident = k.me.incidents.filter((i) => i.victim === k.seat && !i.publiclyAttributed && i.turn >= k.turn - 3).sort((a, b) => b.turn - a.turn)[0];
  if (incident && k.rng.chance(k.params.attribute)) p.order({ type: 'attribute', incident: incident.id, accused: k.enemy });
}

/**
 * An occasional situation report to the White Cell. A first call that found nothing else
 * to do still acts — hardening its least-hardened network, or else a short report — so that
 * its later call knows it is a follow-up and gives no order that could go unanswered.
 */
export function report(k: Knowledge, p: Planner): void {
  if (k.followUp) return;
  if (p.inputs.length === 0 && room(k, p, 'defend')) {
    const weakest = [...k.me.networks].filter((n) => n.hardening < 3).sort((a, b) => a.hardening - b.hardening || a.availability - b.availability)[0];
    if (weakest && p.order({ type: 'defend', network: weakest.id, action: 'harden' })) return;
  }
  if (!(p.inputs.length === 0 || k.rng.chance(k.params.report))) return;
  const counts = new Map<string, number>();
  for (const o of p.mine()) counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
  const orders = [...counts].map(([type, n]) => `${type} ×${n}`).join(', ') || 'no action';
  const open = k.targets.filter((t) => t.coalition).map((t) => `${t.network.name} by turn ${t.byTurn}`);
  const low = Math.min(...k.me.networks.map((n) => n.availability));
  const text = `${k.me.nation.name}, turn ${k.turn}: ${orders}. Open coalition objectives: ${open.join('; ') || 'none'}. Lowest availability of our networks: ${low}.`;
  p.order({ type: 'report', text });
}
