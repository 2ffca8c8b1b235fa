import type { Rng } from '../../engine/rng.ts';
import type { Objective, Tunables } from '../../scenarios/schema.ts';
import type { CyberDrafts } from '../drafts.ts';
import { viewOf, type PublicView, type SeatView } from '../fog.ts';
import { successChance } from '../operate.ts';
import type { CyberState, NationId } from '../types.ts';
import type { BotParams, Temperament } from './temperaments.ts';

export type Me = NonNullable<SeatView>;
export type Tool = Me['arsenal'][number];
export type PublicNetwork = PublicView['networks'][number];

/** An effect the seat wants on an adversary network before a deadline (coalition or private objective). */
export interface Target {
  readonly objective: string;
  readonly network: PublicNetwork;
  readonly effects: readonly string[];
  readonly byTurn: number;
  readonly coalition: boolean;
}

/**
 * Everything a bot decides from: the seat's own projection (fog.ts `viewOf`) plus the
 * scenario's public data (objectives, tunables, who is CyOC) and the bot's own settings.
 * Nothing here comes from another seat's private state; the full state stays behind the
 * planner, which only says whether an input would be accepted.
 */
export interface Knowledge {
  readonly seat: NationId;
  readonly turn: number;
  readonly turns: number;
  readonly tunables: Tunables;
  readonly cyoc: string;
  readonly pub: PublicView;
  readonly me: Me;
  readonly isAlly: boolean;
  readonly enemy: NationId | null;
  /** Other allies, in seat order. */
  readonly partners: readonly PublicView['nations'][number][];
  /** Open effect objectives (unmet, deadline not passed), earliest deadline first. */
  readonly targets: readonly Target[];
  /** Unmet keepFresh objectives of this seat. */
  readonly keepFresh: readonly { capability: string; above: number; untilTurn: number }[];
  readonly deniable: boolean;
  readonly wantsIntel: boolean;
  readonly wantsInfluence: boolean;
  readonly wantsUptime: boolean;
  /** The adversary's own tally of retaliation owed (it knows whom it resents). */
  readonly grievances: readonly { nation: string; value: number }[];
  /** This seat already acted this planning window: a follow-up call only answers and tops up. */
  readonly followUp: boolean;
  readonly temperament: Temperament;
  readonly params: BotParams;
  readonly rng: Rng;
}

export function know(s: CyberState, drafts: CyberDrafts, seat: NationId, temperament: Temperament, params: BotParams, rng: Rng): Knowledge | null {
  const view = viewOf(s, drafts, seat);
  const me = view.me;
  if (!me) return null;
  const turn = view.turn;
  const isAlly = me.nation.side === 'ally';
  const metCoalition = new Set(view.coalition.objectives.filter((o) => o.met).map((o) => o.id));
  const network = (id: string) => view.networks.find((n) => n.id === id);
  const targets: Target[] = [];
  const addTarget = (o: Objective, coalition: boolean, met: boolean) => {
    if (o.type !== 'effectOnNetwork' || met) return;
    const n = network(o.network);
    if (n && o.byTurn >= turn) targets.push({ objective: o.id, network: n, effects: o.effects, byTurn: o.byTurn, coalition });
  };
  if (isAlly) {
    for (const o of s.rules.coalitionObjectives) addTarget(o, true, metCoalition.has(o.id));
    for (const o of me.objectives) addTarget(o, false, o.met);
  }
  targets.sort((a, b) => a.byTurn - b.byTurn);
  const open = me.objectives.filter((o) => !o.met);
  return {
    seat,
    turn,
    turns: view.scenario.turns,
    tunables: s.rules.tunables,
    cyoc: view.scenario.cyoc,
    pub: view,
    me,
    isAlly,
    enemy: (view.nations.find((n) => n.side !== me.nation.side)?.id ?? null) as NationId | null,
    partners: isAlly ? view.nations.filter((n) => n.side === 'ally' && n.id !== seat) : [],
    targets,
    keepFresh: open.flatMap((o) => (o.type === 'keepFresh' && o.untilTurn >= turn ? [{ capability: o.capability, above: o.above, untilTurn: o.untilTurn }] : [])),
    deniable: open.some((o) => o.type === 'noAttribution'),
    wantsIntel: open.some((o) => o.type === 'intelAtLeast'),
    wantsInfluence: open.some((o) => o.type === 'influenceAtLeast'),
    wantsUptime: open.some((o) => o.type === 'availabilityAbove'),
    grievances: isAlly ? [] : s.grievances.map((g) => ({ nation: g.nation, value: g.value })),
    followUp: me.orders.length > 0 || me.inbox.some((r) => r.answer !== null) || me.cyocRequests.length > 0,
    temperament,
    params,
    rng,
  };
}

/** Freshness one use burns (operate.ts `burnPerUse`, from the public tunables). */
export function burnOf(k: Knowledge, tool: Tool, sophistication: number): number {
  const t = k.tunables;
  const base = tool.kind === 'espionage' ? t.burnBase.espionage : tool.effect === 'destroy' ? t.burnBase.destroy : t.burnBase.effect;
  return base * (t.burnSophBase + t.burnSophPer * sophistication);
}

/** Success estimate; another nation's hardening is not public, so it is taken as 0. */
export function successOf(tool: Tool, network: PublicNetwork): number {
  return successChance(tool.freshness, tool.power, network.sophistication, 0, false);
}

/** Can this tool be pointed at this network now, as far as the seat itself can tell? */
export function toolFits(k: Knowledge, tool: Tool, network: PublicNetwork): boolean {
  if (tool.patched || tool.freshness <= 0) return false;
  if (tool.expiresTurn !== null && k.turn > tool.expiresTurn) return false;
  if (!network.software.includes(tool.vuln)) return false;
  return !tool.terms?.endUse || tool.terms.endUse.includes(network.id as never);
}

/**
 * The keepFresh objective naming this tool, and whether one use on a network of this
 * sophistication would still leave it above the threshold at the objective's turn.
 */
export function keepFreshGuard(k: Knowledge, tool: Tool, sophistication: number): { guarded: boolean; affordable: boolean } {
  const o = k.keepFresh.find((x) => x.capability === tool.capability);
  if (!o) return { guarded: false, affordable: true };
  const projected = tool.freshness - burnOf(k, tool, sophistication) - k.tunables.decay * (o.untilTurn - k.turn + 1);
  return { guarded: true, affordable: projected > o.above + 3 };
}

/** Precious: named by its keepFresh objective, or strong and fresh. */
export function precious(k: Knowledge, tool: Tool): boolean {
  return k.keepFresh.some((o) => o.capability === tool.capability) || (tool.power >= 4 && tool.freshness >= k.params.hoardFreshness);
}

/** Turns a Develop takes (develop.ts `projectTurns`, from the public tunables). */
export function buildTurns(k: Knowledge, power: number, tailor: boolean): number {
  return Math.max(1, power + k.tunables.developBase - k.me.nation.skill) + (tailor ? k.tunables.tailorExtra : 0);
}

/** The strongest power whose tool is ready to use by `byTurn` (ready the turn after it completes), or null. */
export function powerInTime(k: Knowledge, byTurn: number, tailor: boolean, maxTurns = 2): number | null {
  for (let p = Math.min(5, k.me.nation.skill + 1); p >= 1; p--) {
    const turns = buildTurns(k, p, tailor);
    if (turns <= maxTurns && k.turn + turns + 1 <= byTurn) return p;
  }
  return null;
}

/** One element picked with probability proportional to its weight (weights ≤ 0 never), or undefined. */
export function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T | undefined {
  const ws = items.map((i) => Math.max(0, weight(i)));
  const total = ws.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  let x = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    x -= ws[i] as number;
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

/** Recently hit: an incident the seat knows of in the last two turns, or availability visibly down. */
export function recentlyHit(k: Knowledge, nation: string): boolean {
  const since = k.turn - 2;
  const known = nation === k.seat ? k.me.incidents.filter((i) => i.victim === k.seat) : k.pub.publicIncidents.filter((i) => i.victim === nation);
  if (known.some((i) => i.turn >= since)) return true;
  return k.pub.networks.some((n) => n.owner === nation && n.availability < 85);
}

/**
 * May the seat spend this tool on this network now? A tool its keepFresh objective names
 * is spent only on an objective target close to the deadline (temperament `spendKeepFreshWithin`).
 */
export function maySpend(k: Knowledge, tool: Tool, network: PublicNetwork): boolean {
  const g = keepFreshGuard(k, tool, network.sophistication);
  if (!g.guarded) return true;
  const target = k.targets.find((t) => t.network.id === network.id);
  if (!target || k.params.spendKeepFreshWithin < 0) return false;
  return target.byTurn - k.turn <= k.params.spendKeepFreshWithin + (g.affordable ? 1 : 0);
}

/** Trust between the seat and another ally (its own trust entries are in its view). */
export function trustWith(k: Knowledge, other: string): number {
  return k.me.trust.find((t) => (t.a === k.seat && t.b === other) || (t.b === k.seat && t.a === other))?.value ?? 0;
}

/** Capacity of a tier (public: the tier is public, capacities are scenario data). */
export function tierCapacity(k: Knowledge, tier: 'major' | 'middle' | 'small'): number {
  return k.tunables.capacityByTier[tier];
}

/** Does this network run that software (public reconnaissance)? */
export function runs(network: PublicNetwork, vuln: string): boolean {
  return (network.software as readonly string[]).includes(vuln);
}
