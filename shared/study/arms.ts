import { seededStream, type RngSource } from '../engine/rng.ts';
import type { SeatId } from '../engine/ruleset.ts';
import { botInputsWith, type BotFn, type BotOptions, type BotParams, type Temperament } from '../rules/bot.ts';
import type { Input, Order } from '../rules/orders.ts';
import type { Scenario } from '../scenarios/schema.ts';

/**
 * An arm of the study: how the bots play every allied seat in its matches. The adversary
 * always keeps the scenario's temperament, so that arms differ only in what the allies do.
 * `terms` forces share and tailor terms (a controlled experiment on the terms of docs/design.md
 * §4.2): whatever terms the bot chose, the order goes out with these.
 */
export interface Arm {
  readonly id: string;
  readonly label: string;
  /** What the arm is for, in the report. */
  readonly purpose: string;
  /** Temperament of every ally, or per ally (the scenario's when absent). */
  readonly allies?: Temperament | Readonly<Record<string, Temperament>>;
  readonly params?: Partial<BotParams>;
  readonly terms?: ForcedTerms;
  /**
   * Randomize sharing itself: each capability a bot offers to share is, once per match and
   * with probability ½, either shared whenever the bot wants or never shared (its share
   * orders are withheld) — the controlled experiment of claim 1.
   */
  readonly withholdShares?: boolean;
  /** Share of the study's matches this arm gets (relative). */
  readonly weight: number;
}

/**
 * Forced terms. `'random'` for watermark or controls: each share or tailor order draws it
 * (probability ½, from a seeded stream), so that terms are randomized within matches.
 */
export interface ForcedTerms {
  readonly watermark?: boolean | 'random';
  /** Dual-key and an end-use list of the coalition-objective networks, together. */
  readonly controls?: boolean | 'random';
  readonly compiledOnly?: boolean | 'random';
}

/** The bot options of an arm for a scenario: the allies' temperaments as per-seat overrides. */
export function botOptionsOf(arm: Arm, scenario: Scenario): BotOptions {
  const perSeat: Record<string, Temperament> = {};
  for (const a of scenario.allies) {
    const t = typeof arm.allies === 'string' ? arm.allies : (arm.allies?.[a.id] ?? a.temperament);
    perSeat[a.id] = t;
  }
  return { perSeat, ...(arm.params ? { params: arm.params } : {}) };
}

/** The temperament each ally plays in an arm, in scenario order. */
export function temperamentsOf(arm: Arm, scenario: Scenario): { nation: string; temperament: Temperament }[] {
  const perSeat = botOptionsOf(arm, scenario).perSeat ?? {};
  return scenario.allies.map((a) => ({ nation: a.id, temperament: perSeat[a.id] ?? a.temperament }));
}

function forceTerms(order: Order, forced: ForcedTerms, objectiveNets: readonly string[], roll: () => boolean): Order {
  if (order.type !== 'share' && order.type !== 'tailor') return order;
  const pick = (v: boolean | 'random' | undefined) => (v === 'random' ? roll() : v);
  const watermark = pick(forced.watermark);
  const controls = pick(forced.controls);
  const compiledOnly = pick(forced.compiledOnly);
  const terms = {
    ...order.terms,
    ...(watermark === undefined ? {} : { watermark }),
    ...(controls === undefined ? {} : { dualKey: controls, endUse: controls ? [...objectiveNets] : null }),
    ...(compiledOnly === undefined ? {} : { compiledOnly }),
  };
  return { ...order, terms };
}

/** A share the bot offered in a withholding arm, and whether the experiment let it through. */
export interface ShareDecision {
  readonly turn: number;
  readonly seat: string;
  readonly capability: string;
  readonly withheld: boolean;
}

/** Is this capability one the withholding arm never lets its author share in this match? */
export function withheldIn(seed: number, capability: string): boolean {
  return seededStream(seed, 0, `study-withhold:${capability}`).chance(0.5);
}

/**
 * The bot of an arm: the shared heuristic bot with the arm's temperaments, its share and
 * tailor terms forced, its shares withheld at random. `decisions` collects the shares a
 * withholding arm decided on (for the metrics), in the order they were offered.
 */
export function armBot(arm: Arm, scenario: Scenario, decisions: ShareDecision[] = []): BotFn {
  const bot = botInputsWith(botOptionsOf(arm, scenario));
  const forced = arm.terms;
  if (!forced && !arm.withholdShares) return bot;
  const objectiveNets = [...new Set(scenario.coalitionObjectives.flatMap((o) => (o.type === 'effectOnNetwork' ? [o.network] : [])))].sort();
  return (s, drafts, seat: SeatId, rng: RngSource): Input[] => {
    const roll = rng.stream('study-terms');
    const out: Input[] = [];
    for (const input of bot(s, drafts, seat, rng)) {
      if (input.type !== 'order') {
        out.push(input);
        continue;
      }
      const order = input.order;
      if (arm.withholdShares && order.type === 'share') {
        const capability = s.copies.find((c) => c.id === order.copy)?.capability ?? order.copy;
        const withheld = withheldIn(s.seed, capability);
        decisions.push({ turn: s.turn, seat, capability, withheld });
        if (withheld) continue;
      }
      out.push(forced ? { ...input, order: forceTerms(order, forced, objectiveNets, () => roll.chance(0.5)) } : input);
    }
    return out;
  };
}

/** The arm every ally plays sovereign-first in: the coalition-minded mix of claim 9. */
export const COALITION_MIX = 'sovereign-first';
/** The arm whose keepers hoard while the others share: the nation-minded mix of claim 9. */
export const NATION_MIX = 'keepers-hoard';
/** The randomized-terms arm (claims 4, 5, 10). */
export const TERMS_ARM = 'terms';
/** The randomized-sharing arm (claim 1). */
export const RIVALRY_ARM = 'share-or-keep';

/**
 * Keepers: allies privately told to keep fresh a tool that reaches a coalition-objective
 * network — the nations for which the coalition's need and their own brief collide.
 */
export function keepersOf(scenario: Scenario): string[] {
  const targets = new Set(scenario.coalitionObjectives.flatMap((o) => (o.type === 'effectOnNetwork' ? [o.network] : [])));
  const software = new Set(scenario.adversary.networks.filter((n) => targets.has(n.id)).flatMap((n) => n.software));
  return scenario.allies
    .filter((a) => a.objectives.some((o) => o.type === 'keepFresh' && a.capabilities.some((c) => c.id === o.capability && software.has(c.vuln))))
    .map((a) => a.id);
}

const UNIFORM: readonly Temperament[] = ['sharer', 'hoarder', 'sovereign-first', 'hunter', 'reckless'];

/**
 * The study's arms and their weights. Temperament mixes: the scenario's own, every ally
 * playing one temperament, and the keepers hoarding while the others share; the two mixes
 * claim 9 contrasts (and sovereign-first, which claim 6 needs) weigh three times as much.
 * The share-or-keep arm randomizes sharing itself (claim 1). The terms arm is a randomized
 * experiment on sharing bots that also raid: every share or
 * tailor draws its watermark, its controls (dual-key + end-use limited to the
 * coalition-objective networks) and compiled-only against source, each with probability ½.
 */
export function studyArms(scenario: Scenario): Arm[] {
  const arms: Arm[] = [{ id: 'scenario', label: 'scenario mix', purpose: 'each ally plays the temperament the scenario gives it', weight: 2 }];
  for (const t of UNIFORM) arms.push({ id: t, label: `all ${t}`, purpose: `every ally plays ${t}`, allies: t, weight: 2 });
  const keepers = new Set(keepersOf(scenario));
  const mix = Object.fromEntries(scenario.allies.map((a) => [a.id, keepers.has(a.id) ? 'hoarder' : 'sharer'] as const));
  arms.push({ id: NATION_MIX, label: 'keepers hoard', purpose: `the keepers (${[...keepers].join(', ') || 'none'}) hoard, every other ally shares`, allies: mix, weight: 2 });
  arms.push({
    id: TERMS_ARM,
    label: 'random terms',
    purpose: 'sharing bots that also raid; each share or tailor draws watermark, controls (dual-key + end-use) and compiled-only at random',
    allies: 'sharer',
    params: { raids: 1 },
    terms: { watermark: 'random', controls: 'random', compiledOnly: 'random' },
    weight: 3,
  });
  arms.push({
    id: RIVALRY_ARM,
    label: 'share or keep',
    purpose: 'sharing bots that also raid; each capability a bot offers to share is, at random (½), shared as the bot wishes or never shared in that match',
    allies: 'sharer',
    params: { raids: 2, espionage: 2 },
    terms: { controls: false },
    withholdShares: true,
    weight: 3,
  });
  return arms;
}
