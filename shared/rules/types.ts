import type { SeatId } from '../engine/ruleset.ts';
import type { Scenario } from '../scenarios/schema.ts';

/**
 * The cyber-alliance ruleset's state: plain JSON data (no classes, Maps or Dates),
 * every collection an array kept in a stable order, so that the same inputs give
 * byte-identical states. Ids are branded strings.
 */
export type NationId = SeatId;
export type NetworkId = string & { readonly __brand: 'NetworkId' };
export type VulnId = string & { readonly __brand: 'VulnId' };
export type ExploitId = string & { readonly __brand: 'ExploitId' };
export type CapabilityId = string & { readonly __brand: 'CapabilityId' };
export type CopyId = string & { readonly __brand: 'CopyId' };
export type ImplantId = string & { readonly __brand: 'ImplantId' };
export type OrderId = string & { readonly __brand: 'OrderId' };
export type RequestId = string & { readonly __brand: 'RequestId' };
export type OfferId = string & { readonly __brand: 'OfferId' };
export type MissionId = string & { readonly __brand: 'MissionId' };
export type IncidentId = string & { readonly __brand: 'IncidentId' };
export type ProjectId = string & { readonly __brand: 'ProjectId' };
export type ReportId = string & { readonly __brand: 'ReportId' };

export type Tier = 'major' | 'middle' | 'small';
export type Side = 'ally' | 'adversary';
export type CapabilityKind = 'espionage' | 'effect';
export type EffectType = 'disrupt' | 'deny' | 'degrade' | 'destroy';

export interface Network {
  readonly id: NetworkId;
  readonly name: string;
  readonly owner: NationId;
  /** 1..5: how well it detects intrusions. */
  readonly sophistication: number;
  /** 0..3: defensive hardening bought with Defend orders. */
  hardening: number;
  /** 0..100: uptime, as Locked Shields scores it. */
  availability: number;
  /** Vulnerable software it runs (public reconnaissance). */
  readonly software: VulnId[];
  /** Critical for coalition objectives (e.g. an air-defence node). */
  readonly tags: string[];
  /** Published patches its owner has applied (each can be applied once). */
  patchesApplied: VulnId[];
  /** Effects landed on it: kind and turn (for objectives). */
  effects: { effect: EffectType; turn: number; by: NationId }[];
}

export interface Nation {
  readonly id: NationId;
  readonly name: string;
  readonly side: Side;
  readonly tier: Tier;
  /** Capacity points per turn before hunt-forward teams away. */
  readonly capacity: number;
  /** 1..5: development speed and hunting skill. */
  skill: number;
  /** 0..1: leak resistance. */
  readonly hygiene: number;
  intel: number;
  reputation: number;
  /** The dependence others have on it (shares, training). */
  influence: number;
  /** Vulnerabilities this nation has intel on (can develop against). */
  knownVulns: VulnId[];
  /** Scoring tallies, kept as they happen. */
  tally: Tally;
}

export interface Tally {
  covertBonus: number;
  misattributionsSuffered: number;
  leaksOfSharedTools: number;
  endUseViolations: number;
  attributedEffects: number;
  availabilityPoints: number;
  reportPoints: number;
  /** Report points awarded but held back by the facilitator. */
  reportPointsHeld: number;
  sovereignHonoured: number;
  sovereignDeclined: number;
  publicAttributionsRight: number;
  publicAttributionsWrong: number;
}

/** Freshness belongs to the exploit, not to a copy (docs/design.md §2). */
export interface Exploit {
  readonly id: ExploitId;
  readonly vuln: VulnId;
  /** Who wrote it. */
  readonly author: NationId;
  freshness: number;
  discovered: boolean;
  /** Turn at whose resolution the patch is published. */
  patchDue: number | null;
  patched: boolean;
  /** Uses, for the record and the study. */
  uses: number;
}

export interface Capability {
  readonly id: CapabilityId;
  readonly name: string;
  readonly exploit: ExploitId;
  /** Its fingerprint: who wrote it. */
  readonly origin: NationId;
  readonly kind: CapabilityKind;
  readonly effect: EffectType | null;
  /** 1..5 */
  readonly power: number;
  /** Made by Tailor for another nation. */
  readonly tailoredFor: NationId | null;
}

export interface ShareTerms {
  /** Importer cannot adapt or re-share; halves leak risk; end-use is enforced. */
  readonly compiledOnly: boolean;
  /**
   * Each use needs the exporter's consent in the same planning window, and a consented use
   * goes ahead one resolution later (`ConsentedUse`): dual-key costs a turn of tempo.
   */
  readonly dualKey: boolean;
  /** Importer's signature: blame goes to the importer, no covert bonus. */
  readonly watermark: boolean;
  /** Copy stops working after this many turns (null: never). */
  readonly expiresAfter: number | null;
  /** Allowed targets (null: any). */
  readonly endUse: NetworkId[] | null;
}

/** One holder's copy of a capability. The author's own copy has `from: null`, `terms: null`. */
export interface Copy {
  readonly id: CopyId;
  readonly capability: CapabilityId;
  readonly holder: NationId;
  readonly from: NationId | null;
  readonly terms: ShareTerms | null;
  readonly receivedTurn: number;
  /** Last turn it works (null: no expiry). */
  readonly expiresTurn: number | null;
  /** Came to the adversary through a leak. */
  readonly leaked: boolean;
}

export interface Implant {
  readonly id: ImplantId;
  readonly owner: NationId;
  readonly network: NetworkId;
  readonly exploit: ExploitId;
  readonly planted: number;
  discovered: boolean;
}

export type SovereignStatus = 'open' | 'accepted' | 'executed' | 'failed' | 'declined' | 'expired';

export interface SovereignOffer {
  readonly id: OfferId;
  readonly nation: NationId;
  readonly effect: EffectType;
  readonly target: NetworkId;
  /** Hidden: never in a view of anyone but the owner and the facilitator. */
  readonly copy: CopyId;
  /** Last turn it can be requested. */
  readonly until: number;
  status: SovereignStatus;
  /** Turn whose resolution executes it, once accepted. */
  executeTurn: number | null;
}

export interface HuntMission {
  readonly id: MissionId;
  readonly hunter: NationId;
  readonly host: NationId;
  readonly started: number;
  /** Last turn the team is away. */
  readonly until: number;
  findings: { turn: number; implant: ImplantId; network: NetworkId; exploit: ExploitId }[];
}

export interface Project {
  readonly id: ProjectId;
  readonly kind: 'develop' | 'tailor';
  readonly nation: NationId;
  /** The nation that will hold it (itself for develop). */
  readonly for: NationId;
  readonly vuln: VulnId;
  readonly capKind: CapabilityKind;
  readonly effect: EffectType | null;
  readonly power: number;
  readonly name: string;
  readonly due: number;
  /** Tailor: the terms the importer gets. */
  readonly terms: ShareTerms | null;
}

export interface Training {
  readonly trainer: NationId;
  readonly trainee: NationId;
  readonly due: number;
}

/** An operation's outcome, kept for attribution, public accusations and the after-action review. */
export interface Incident {
  readonly id: IncidentId;
  readonly turn: number;
  readonly network: NetworkId;
  readonly victim: NationId;
  /** True user: known to the facilitator only. */
  readonly user: NationId;
  readonly capability: CapabilityId;
  readonly kind: CapabilityKind;
  readonly effect: EffectType | null;
  readonly success: boolean;
  /** Whom the victim blamed, if attribution happened. */
  blamed: NationId | null;
  /** Victim noticed it (effects are visible; espionage only if discovered). */
  readonly noticed: boolean;
  publiclyAttributed: boolean;
}

export interface Report {
  readonly id: ReportId;
  readonly nation: NationId;
  readonly turn: number;
  readonly text: string;
  points: number | null;
  released: boolean;
}

export interface Trust {
  readonly a: NationId;
  readonly b: NationId;
  value: number;
}

export interface Inject {
  readonly id: string;
  readonly turn: number;
  readonly title: string;
  readonly text: string;
  readonly fromMsel: boolean;
}

/** The parts of the scenario the rules consult while playing; fog.ts decides what a seat sees of them. */
export type Rules = Pick<Scenario, 'id' | 'version' | 'turns' | 'planningSeconds' | 'cyoc' | 'showScores' | 'tunables' | 'weights' | 'coalitionObjectives' | 'msel'> & {
  /** Private objectives per nation, in scenario order. */
  privateObjectives: { nation: NationId; objectives: Scenario['allies'][number]['objectives'] }[];
  temperaments: { nation: NationId; temperament: Scenario['allies'][number]['temperament'] }[];
};

/**
 * A dual-key use its exporter consented to, waiting for the next resolution (docs/design.md
 * §4.2): the use was ordered and consented to in one planning window, and executes at the
 * start of the operations step of the turn after — if the copy and target still allow it.
 */
export interface ConsentedUse {
  /** The operate order's id (the consent request was `rq-<id>`). */
  readonly id: string;
  readonly user: NationId;
  readonly copy: CopyId;
  readonly target: NetworkId;
  /** Turn in which the use was ordered and consented to. */
  readonly consentTurn: number;
}

export interface CyberState {
  readonly rules: Rules;
  readonly scenarioId: string;
  readonly scenarioVersion: string;
  readonly seed: number;
  turn: number;
  nations: Nation[];
  networks: Network[];
  exploits: Exploit[];
  capabilities: Capability[];
  copies: Copy[];
  implants: Implant[];
  offers: SovereignOffer[];
  missions: HuntMission[];
  projects: Project[];
  trainings: Training[];
  incidents: Incident[];
  reports: Report[];
  trust: Trust[];
  injects: Inject[];
  /** Intel sharing about a network between two allies (deconflicts their implants). */
  deconflicted: { a: NationId; b: NationId; network: NetworkId }[];
  coalition: { legitimacy: number; objectivesMet: string[] };
  /** Private objectives met, per nation. */
  objectivesMet: { nation: NationId; objective: string; turn: number }[];
  /** Adversary retaliation owed per nation (after attributions). */
  grievances: { nation: NationId; value: number }[];
  /** Consented dual-key uses waiting for the next resolution. */
  consented: ConsentedUse[];
  /** Counter for deterministic ids. */
  serial: number;
}
