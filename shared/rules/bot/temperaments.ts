import type { Scenario } from '../../scenarios/schema.ts';

/** How a bot plays a seat: the scenario's `temperament` field, or an override for a study. */
export type Temperament = Scenario['allies'][number]['temperament'];

export const TEMPERAMENTS: readonly Temperament[] = ['balanced', 'sharer', 'hoarder', 'sovereign-first', 'hunter', 'reckless'];

/**
 * The knobs behind a temperament. Chances are per planning window; counts are per turn.
 * Every decision the bot makes reads one of these, so a temperament is nothing but a row
 * of this table and a study can vary one knob at a time.
 */
export interface BotParams {
  /** Chance of offering one of its tools to an ally this turn. */
  readonly share: number;
  /** At most this many share offers a turn. */
  readonly maxShares: number;
  /** A tool of power ≥ 4 with at least this freshness is precious: shared dual-key only. */
  readonly hoardFreshness: number;
  /** Precious tools (and the one its keepFresh objective names) are never shared at all. */
  readonly hoardStrict: boolean;
  /**
   * When the tool a keepFresh objective names may be spent on a coalition objective:
   * within this many turns of the deadline (−1: never; one more turn if the use still
   * leaves it above the objective's threshold).
   */
  readonly spendKeepFreshWithin: number;
  /** Chance of sending a hunt-forward team to a partner that was hit. */
  readonly hunt: number;
  /** Trust a partner needs before it sends a team there unasked. */
  readonly huntTrust: number;
  /** Chance of accepting an invitation to hunt forward (capacity permitting). */
  readonly huntAccept: number;
  /** Chance of inviting a partner's hunt-forward team when its own networks were hit. */
  readonly invite: number;
  /** Chance of offering a sovereign effect to the CyOC instead of operating directly, when there is time. */
  readonly sovereign: number;
  /** Espionage uses a turn (intelligence gathering). */
  readonly espionage: number;
  /** Effect uses a turn against adversary networks that are no objective (covert bonus, risk). */
  readonly raids: number;
  /** Chance of a spare-capacity Develop. */
  readonly develop: number;
  /** Chance of a Train offer to a high-trust ally. */
  readonly train: number;
  /** Chance of hardening a network that was hit or is degraded. */
  readonly harden: number;
  /** Chance of publicly attributing an incident on its own networks. */
  readonly attribute: number;
  /** Chance of filing a situation report. */
  readonly report: number;
  /** Capacity left free in its first orders, for hunt invitations it may receive. */
  readonly reserve: number;
  /** Chance of consenting to a dual-key use of a precious tool away from any objective target. */
  readonly dualKeyConsent: number;
  /** Chance of honouring a CyOC request that spends a precious tool. */
  readonly cyocAccept: number;
  /** Share terms without compiled-only (source given away: double leak risk). */
  readonly giveSource: boolean;
  /** Adversary: share of its capacity spent on operations. */
  readonly opsFraction: number;
  /** Adversary: uses of one copy per turn. */
  readonly usesPerCopy: number;
}

const balanced: BotParams = {
  share: 0.35,
  maxShares: 1,
  hoardFreshness: 80,
  hoardStrict: false,
  spendKeepFreshWithin: 1,
  hunt: 0.5,
  huntTrust: 60,
  huntAccept: 0.75,
  invite: 0.7,
  sovereign: 0.6,
  espionage: 1,
  raids: 0,
  develop: 0.5,
  train: 0.3,
  harden: 0.6,
  attribute: 0.4,
  report: 0.15,
  reserve: 0,
  dualKeyConsent: 0.5,
  cyocAccept: 0.9,
  giveSource: false,
  opsFraction: 0.7,
  usesPerCopy: 2,
};

/** The parameter table: one row per temperament, each a few deliberate differences from balanced. */
export const PARAMS: Readonly<Record<Temperament, BotParams>> = {
  balanced,
  sharer: { ...balanced, share: 0.9, maxShares: 2, hoardFreshness: 95, spendKeepFreshWithin: 2, train: 0.6, dualKeyConsent: 0.8, cyocAccept: 1 },
  hoarder: { ...balanced, share: 0.05, hoardFreshness: 50, hoardStrict: true, spendKeepFreshWithin: -1, hunt: 0.3, huntAccept: 0.4, sovereign: 0.3, train: 0.1, dualKeyConsent: 0.1, cyocAccept: 0.5 },
  'sovereign-first': { ...balanced, share: 0.15, sovereign: 1, cyocAccept: 1 },
  hunter: { ...balanced, hunt: 0.95, huntTrust: 45, huntAccept: 1, invite: 0.9, reserve: 2, harden: 0.8 },
  reckless: { ...balanced, share: 0.5, hoardFreshness: 101, spendKeepFreshWithin: 99, hunt: 0.25, huntAccept: 0.5, sovereign: 0.2, espionage: 2, raids: 1, harden: 0.3, dualKeyConsent: 1, cyocAccept: 1, giveSource: true, opsFraction: 1, usesPerCopy: 3 },
};

/** Options for `botInputsWith`: a temperament for every seat, per-seat overrides, or tuned knobs. */
export interface BotOptions {
  /** Used for every seat, instead of the scenario's temperaments. */
  readonly temperament?: Temperament;
  /** Per seat (wins over `temperament`). Looked up by seat id, never iterated. */
  readonly perSeat?: Readonly<Partial<Record<string, Temperament>>>;
  /** Knobs changed on top of the chosen temperament's row. */
  readonly params?: Partial<BotParams>;
}

/** The temperament a seat plays with: override, else the scenario's, else balanced. */
export function temperamentOf(scenarioTemperaments: readonly { nation: string; temperament: Temperament }[], seat: string, options: BotOptions): Temperament {
  return options.perSeat?.[seat] ?? options.temperament ?? scenarioTemperaments.find((t) => t.nation === seat)?.temperament ?? 'balanced';
}

export function paramsFor(temperament: Temperament, options: BotOptions): BotParams {
  return { ...PARAMS[temperament], ...options.params };
}
