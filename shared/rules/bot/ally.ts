import type { EffectType } from '../types.ts';
import { answerRequests } from './answers.ts';
import { maySpend, powerInTime, precious, successOf, toolFits, trustWith, type Knowledge, type Target, type Tool } from './knowledge.ts';
import type { Planner } from './planner.ts';
import { attribute, defend, develop, espionage, hunts, raids, report, shares, train } from './support.ts';

/**
 * An allied nation's planning window. The first call gives the orders that need another
 * seat's answer (shares, hunts, training, dual-key uses, CyOC requests), so that everyone
 * can answer them in the second; a follow-up call only answers and tops up with orders
 * nobody has to answer.
 */
export function allyInputs(k: Knowledge, p: Planner): void {
  answerRequests(k, p);
  if (!k.followUp) {
    cyocRequests(k, p);
    objectives(k, p);
    hunts(k, p);
  }
  defend(k, p);
  if (!k.followUp) {
    shares(k, p);
    train(k, p);
  }
  espionage(k, p);
  raids(k, p);
  develop(k, p);
  attribute(k, p);
  report(k, p);
}

const LIVE = ['open', 'accepted'];
const EFFECT_PREFERENCE: readonly EffectType[] = ['degrade', 'disrupt', 'deny', 'destroy'];

/** The CyOC seat asks for open sovereign offers on objective targets it can still get in time. */
function cyocRequests(k: Knowledge, p: Planner): void {
  if (k.cyoc !== k.seat) return;
  const delay = k.tunables.coordinationDelay;
  for (const target of k.targets) {
    if (!target.coalition || k.turn + delay > target.byTurn) continue;
    const turnsLeft = target.byTurn - k.turn;
    const offers = k.pub.offers.filter((o) => o.target === target.network.id && target.effects.includes(o.effect));
    if (turnsLeft > 1 && offers.some((o) => o.status === 'accepted')) continue;
    const open = offers.filter((o) => o.status === 'open' && o.until >= k.turn);
    let want = turnsLeft <= 1 ? 2 : 1;
    while (want > 0 && open.length > 0) {
      const [offer] = open.splice(k.rng.int(0, open.length - 1), 1);
      if (offer && p.requestSovereign(offer.id)) want -= 1;
    }
  }
}

/**
 * Effects on objective networks before their deadline (docs/design.md §5). Per target: spend a
 * tool it may spend (directly, as a sovereign offer, or — if it must stay deniable — by
 * handing it over watermarked); with none, build one that is ready in time.
 */
function objectives(k: Knowledge, p: Planner): void {
  for (const target of k.targets) {
    const net = target.network;
    const turnsLeft = target.byTurn - k.turn;
    const lastChance = turnsLeft === 0;
    const offers = k.pub.offers.filter((o) => o.target === net.id && LIVE.includes(o.status));
    // Someone's accepted sovereign effect is on its way: leave the target to it.
    if (!lastChance && offers.some((o) => o.status === 'accepted')) continue;
    if (p.mine().some((o) => o.type === 'operate' && o.target === net.id)) continue;
    // A copy promised to the CyOC elsewhere stays in reserve for that offer.
    const promised = new Set(k.me.offers.filter((o) => o.target !== net.id && (o.status === 'open' || o.status === 'accepted')).map((o) => o.copy as string));
    const fitting = k.me.arsenal.filter((t) => t.kind === 'effect' && t.effect !== null && target.effects.includes(t.effect) && toolFits(k, t, net) && (lastChance || !promised.has(t.copy)));
    // A partner's tool without its watermark is blamed on its author (its fingerprint), not on the user.
    const blamesAuthor = (t: Tool) => (k.deniable && t.from !== null && !t.terms?.watermark ? 1 : 0);
    const free = fitting.filter((t) => maySpend(k, t, net)).sort((a, b) => blamesAuthor(b) - blamesAuthor(a) || successOf(b, net) - successOf(a, net));
    const best = free[0];
    if (!best) {
      buildFor(k, p, target, fitting.length > 0);
      continue;
    }
    // Deniable: strike only with a tool that blames its author, else hand its own over (watermarked) — until the last chance.
    if (k.deniable && !lastChance) {
      if (!(blamesAuthor(best) && operate(p, best, net.id))) handOver(k, p, best, target);
      continue;
    }
    if (!lastChance && sovereignRoute(k, p, best, target, offers)) continue;
    let strikes = lastChance ? 2 : 1;
    for (const t of free) if (strikes > 0 && operate(p, t, net.id)) strikes -= 1;
  }
}

function operate(p: Planner, tool: Tool, target: string): boolean {
  return p.order({ type: 'operate', copy: tool.copy, target });
}

/**
 * Sovereign offer instead of a direct use, when the CyOC can still request it in time.
 * Returns true when the seat should wait for the CyOC this turn.
 */
function sovereignRoute(k: Knowledge, p: Planner, tool: Tool, target: Target, offers: Knowledge['pub']['offers']): boolean {
  if (k.cyoc === k.seat) return false;
  const delay = k.tunables.coordinationDelay;
  const turnsLeft = target.byTurn - k.turn;
  const mine = offers.filter((o) => o.nation === k.seat);
  const cyocIsSeat = k.cyoc !== 'facilitator';
  if (mine.length > 0) return cyocIsSeat ? turnsLeft >= delay : turnsLeft > 1;
  const inTime = k.turn + 1 + delay <= target.byTurn;
  const willing = cyocIsSeat ? k.rng.chance(k.params.sovereign) : k.params.sovereign >= 1 && k.rng.chance(0.5);
  if (!inTime || !willing) return false;
  const window = Math.max(1, Math.min(6, target.byTurn - delay - k.turn));
  const offered = p.order({ type: 'sovereignOffer', copy: tool.copy, target: target.network.id, window });
  return offered && (cyocIsSeat || turnsLeft > 1);
}

/**
 * A nation that must stay deniable gives its own tool, watermarked, to a partner to use
 * (once per tool; a hoarding temperament never hands over a precious tool).
 * Returns true when the tool is (being) handed over, so it does not strike itself.
 */
function handOver(k: Knowledge, p: Planner, tool: Tool, target: Target): boolean {
  if (tool.from !== null || tool.leaked || k.keepFresh.some((o) => o.capability === tool.capability)) return false;
  if (k.params.hoardStrict && precious(k, tool)) return false;
  if (k.me.sharedOut.some((c) => c.capability === tool.capability)) return true;
  if (p.mine().some((o) => o.type === 'share' && o.copy === tool.copy)) return true;
  const reach = k.targets.filter((x) => tool.effect !== null && x.effects.includes(tool.effect) && toolFits(k, tool, x.network)).map((x) => x.network.id);
  const terms = { compiledOnly: true, dualKey: precious(k, tool), watermark: true, expiresAfter: null, endUse: reach.length > 0 ? reach : [target.network.id] };
  const partners = [...k.partners].sort((a, b) => trustWith(k, b.id) - trustWith(k, a.id));
  return partners.some((partner) => p.order({ type: 'share', copy: tool.copy, to: partner.id, terms }));
}

/**
 * Develop an effect against a vulnerability of the target that it knows, ready before the
 * deadline — or, for a sharing temperament, tailor one for a trusted partner. Skipped when
 * a project already under way will be ready in time.
 */
function buildFor(k: Knowledge, p: Planner, target: Target, hasGuardedTool: boolean): void {
  const net = target.network;
  const pending = k.me.projects.some((pr) => pr.for === k.seat && pr.capKind === 'effect' && net.software.includes(pr.vuln) && pr.due + 1 <= target.byTurn);
  const planned = p.mine().some((o) => (o.type === 'develop' || o.type === 'tailor') && net.software.includes(o.vuln as never));
  if (pending || planned) return;
  const guardedVulns = new Set(k.me.arsenal.filter((t) => !maySpend(k, t, net)).map((t) => t.vuln as string));
  const vulns = net.software
    .filter((v) => k.me.nation.knownVulns.includes(v as never) && !k.pub.patchedVulns.includes(v))
    .sort((a, b) => Number(guardedVulns.has(a)) - Number(guardedVulns.has(b)));
  const vuln = vulns[0];
  if (!vuln) return;
  const effect = (k.temperament === 'reckless' && target.effects.includes('destroy') ? 'destroy' : EFFECT_PREFERENCE.find((e) => target.effects.includes(e))) ?? null;
  if (!effect) return;
  const tailorPower = powerInTime(k, target.byTurn, true, 3);
  if (k.params.share >= 0.8 && !hasGuardedTool && tailorPower !== null && k.rng.chance(0.5)) {
    const partner = [...k.partners].sort((a, b) => trustWith(k, b.id) - trustWith(k, a.id))[0];
    const terms = { compiledOnly: true, dualKey: false, watermark: true, expiresAfter: null, endUse: [net.id] };
    if (partner && p.order({ type: 'tailor', for: partner.id, vuln, kind: 'effect', effect, power: tailorPower, terms })) return;
  }
  // A quick build that leaves two tries before the deadline beats a stronger, slower one.
  const power = powerInTime(k, target.byTurn - 1, false, 1) ?? powerInTime(k, target.byTurn, false);
  if (power !== null) p.order({ type: 'develop', vuln, kind: 'effect', effect, power });
}
