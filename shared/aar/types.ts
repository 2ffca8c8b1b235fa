import type { TurnSeries } from './series.ts';

/**
 * The after-action report (docs/design.md §1 "a facilitator reviewing a finished match", the hot
 * wash) as plain data: built from a match record by `buildAar` (build.ts), rendered by
 * html.ts, md.ts and csv.ts, or written as JSON. Every sentence in it is derived from the
 * record by a stated rule; nothing is invented.
 */

/** A facilitator's note pinned to a turn, saved with the match. */
export interface Annotation {
  readonly id: string;
  /** 0: before the first turn (setup); otherwise the turn it is about. */
  readonly turn: number;
  /** At most 1000 characters. */
  readonly text: string;
  /** When it was written (ms since the epoch), given by whoever stored it. */
  readonly at: number;
  readonly author?: string | null;
}

export const ANNOTATION_MAX_CHARS = 1000;

export interface SeatLine {
  readonly seat: string;
  readonly name: string;
  readonly side: 'ally' | 'adversary';
  /** Who played it at the end of the record: the built-in bot or people. */
  readonly playedBy: 'bot' | 'people';
  /**
   * Who sat there, as far as the record knows: the display names that joined the seat (join
   * records, shared/engine/joins.ts) or posted messages from it, sorted.
   */
  readonly people: readonly string[];
  /** The first join of each display name on this seat, with the turn it happened in, in log order. */
  readonly joined: readonly { readonly name: string; readonly turn: number }[];
  /** Turns in which it was handed to or taken from the bot (setBot entries). */
  readonly botChanges: readonly { readonly turn: number; readonly bot: boolean }[];
}

export interface ScoreLine {
  readonly nation: string;
  readonly name: string;
  readonly national: number;
  readonly coalition: number;
  readonly total: number;
  readonly parts: Readonly<Record<string, number>>;
}

export interface Overview {
  readonly ruleset: string;
  readonly scenario: { readonly id: string; readonly version: string; readonly title: string; readonly summary: string };
  readonly seed: number;
  /** Turns whose resolution is in the record. */
  readonly turnsPlayed: number;
  readonly turnLimit: number;
  /** The phase the record ends in ('ended' for a finished match). */
  readonly phase: string;
  /** The facilitator ended the match before its last turn (`end` control). */
  readonly endedEarly: string | null;
  readonly seats: readonly SeatLine[];
  readonly finalScores: readonly ScoreLine[];
  readonly coalition: { readonly total: number; readonly legitimacy: number; readonly objectivesMet: number; readonly objectivesTotal: number };
  /** A record that could not be replayed to its end: where it stopped and why. */
  readonly replayError: string | null;
}

export interface ObjectiveLine {
  readonly scope: 'coalition' | 'private';
  /** The nation a private objective belongs to (null: the coalition's). */
  readonly nation: string | null;
  readonly id: string;
  readonly text: string;
  readonly points: number;
  readonly met: boolean;
  /** Not met, but the record stops before the turn that decides it (a match still running). */
  readonly pending: boolean;
  /** Turn it was met, if it was. */
  readonly turn: number | null;
  /** How it was met, or why not — from the record. */
  readonly how: string;
  /** The incident that met it (effect objectives). */
  readonly incident: string | null;
}

export interface ShareTermsLine {
  readonly compiledOnly: boolean;
  readonly dualKey: boolean;
  readonly watermark: boolean;
  readonly expiresAfter: number | null;
  readonly endUse: readonly string[] | null;
}

/** One message of a channel, as the AAR quotes it (see exchanges.ts). */
export interface ChatLine {
  readonly turn: number;
  readonly at: number;
  readonly from: string;
  readonly channel: string;
  readonly text: string;
}

export type Decision =
  | {
      readonly kind: 'share';
      readonly turn: number;
      readonly exporter: string;
      readonly importer: string;
      readonly capability: string;
      readonly capabilityName: string;
      readonly terms: ShareTermsLine;
      /** The exchange that led to it, when the record holds messages (exchanges.ts). */
      readonly exchange: readonly ChatLine[];
      readonly text: string;
    }
  | {
      readonly kind: 'tailor';
      readonly turn: number;
      readonly exporter: string;
      readonly importer: string;
      readonly name: string;
      readonly due: number;
      readonly outcome: 'delivered' | 'abandoned' | 'in progress';
      readonly watermark: boolean;
      readonly text: string;
    }
  | {
      readonly kind: 'offer';
      readonly turn: number;
      readonly nation: string;
      readonly offer: string;
      readonly effect: string;
      readonly target: string;
      readonly until: number;
      readonly requested: boolean;
      readonly requestedTurn: number | null;
      /** executed (honoured), failed, declined, expired, or still open/accepted at the end of the record. */
      readonly status: string;
      readonly text: string;
    }
  | {
      readonly kind: 'hunt';
      readonly turn: number;
      readonly hunter: string;
      readonly host: string;
      readonly mission: string;
      readonly until: number;
      readonly findings: readonly { readonly turn: number; readonly network: string; readonly exploit: string; readonly author: string }[];
      readonly text: string;
    };

export type MisattributionCause = 'shared-copy' | 'tailored-copy' | 'leaked-copy' | 'own-fingerprint' | 'public-accusation';

export interface MisattributionLine {
  readonly turn: number;
  readonly incident: string;
  readonly network: string;
  readonly victim: string;
  /** Whom the victim (or an accuser) blamed. */
  readonly blamed: string;
  /** The true user. */
  readonly user: string;
  readonly capability: string;
  readonly capabilityName: string;
  readonly exploit: string;
  readonly cause: MisattributionCause;
  /** How the wrong blame happened, in one or two sentences. */
  readonly explanation: string;
}

/** What the White Cell did to the game: an inject (from the MSEL or typed on the day) or a ruling. */
export interface WhiteCellLine {
  readonly turn: number;
  readonly kind: 'inject' | 'ruling';
  /** From the scenario's MSEL (injects only). */
  readonly fromMsel: boolean;
  readonly text: string;
}

/** A situation report a nation sent the White Cell (docs/design.md §4.10), with the points awarded. */
export interface ReportLine {
  readonly turn: number;
  readonly nation: string;
  readonly text: string;
  /** Points the facilitator awarded (null: not scored). */
  readonly points: number | null;
  readonly released: boolean;
}

export interface LeakLine {
  readonly turn: number;
  readonly capability: string;
  readonly capabilityName: string;
  readonly holder: string;
  readonly exporter: string | null;
  readonly sharedTurn: number | null;
  readonly compiledOnly: boolean | null;
  readonly hygiene: number | null;
  /** Uses of the leaked copy by the adversary afterwards. */
  readonly laterUses: readonly string[];
  readonly explanation: string;
}

/** One turn × nation row of the per-turn series (also the CSV's rows). */
export interface NationTurn {
  readonly turn: number;
  readonly nation: string;
  readonly capacity: number;
  readonly reputation: number;
  readonly intel: number;
  readonly influence: number;
  readonly score: number | null;
  readonly availabilityMean: number;
  readonly incidentsSuffered: number;
  readonly attributionsRight: number;
  readonly attributionsWrong: number;
  readonly blamedWrongly: number;
  readonly sharesOut: number;
  readonly sharesIn: number;
  readonly uses: number;
  readonly leaksOfSharedTools: number;
}

export interface Finding {
  /** The rule, stated: what was counted. */
  readonly rule: string;
  readonly value: number;
  readonly detail: string;
}

export interface PlanRow {
  readonly issue: string;
  readonly recommendation: string;
  readonly owner: string;
  readonly priority: 'high' | 'medium' | 'low';
}

export interface Aar {
  readonly format: 1;
  readonly overview: Overview;
  readonly objectives: readonly ObjectiveLine[];
  readonly decisions: readonly Decision[];
  readonly misattributions: readonly MisattributionLine[];
  readonly leaks: readonly LeakLine[];
  /** Injects and rulings, in order: the context of the decisions. */
  readonly whiteCell: readonly WhiteCellLine[];
  /** Situation reports, in the order they were filed. */
  readonly reports: readonly ReportLine[];
  /** Per-turn series (shared/aar/series.ts): freshness with marks, scores, attributions, availability. */
  readonly series: TurnSeries;
  /** One row per turn × nation: the CSV. */
  readonly rows: readonly NationTurn[];
  readonly strengths: readonly Finding[];
  readonly improvements: readonly Finding[];
  readonly plan: readonly PlanRow[];
  readonly annotations: readonly Annotation[];
  /** Display names of nations and networks, by id, for renderers. */
  readonly names: Readonly<Record<string, string>>;
}
