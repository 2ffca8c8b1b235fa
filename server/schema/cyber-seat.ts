import { schema, t } from '@colyseus/schema';
import { EventItem } from './base.ts';

/**
 * One nation's private part (docs/design.md §6: "a seat sees its own nation entirely"), built from
 * `viewOf(state, drafts, seat).me` and reached only through that seat's StateView (and the
 * facilitator's). Fields only; '' and 0 stand for null (see base.ts). Rarely changing nested
 * details (share terms, request details, tallies) are JSON strings.
 */
const s = () => t.string().default('');
const n = () => t.number().default(0);
const b = () => t.boolean().default(false);

export const NationSheet = schema(
  {
    id: s(), name: s(), side: s(), tier: s(), capacity: n(), skill: n(), hygiene: n(), intel: n(), reputation: n(), influence: n(),
    knownVulns: t.array('string'),
    /** Scoring tallies (JSON). */
    tally: s(),
  },
  'NationSheet',
);

export const OwnNetwork = schema(
  {
    id: s(), name: s(), sophistication: n(), hardening: n(), availability: n(),
    software: t.array('string'), tags: t.array('string'), patchesApplied: t.array('string'),
    /** Effects landed on it (JSON). */
    effects: s(),
  },
  'OwnNetwork',
);

/** A copy the nation holds, with the shared exploit's freshness. */
export const ArsenalCard = schema(
  {
    copy: s(), capability: s(), name: s(), kind: s(), effect: s(), power: n(), origin: s(), vuln: s(), freshness: n(), patched: b(),
    from: s(), terms: s(), expiresTurn: n(), leaked: b(), tailoredFor: s(),
  },
  'ArsenalCard',
);

/** A copy it gave away: the exporter knows whom it shared with. */
export const SharedCopy = schema({ copy: s(), capability: s(), name: s(), to: s(), terms: s(), expiresTurn: n() }, 'SharedCopy');

export const ImplantCard = schema({ id: s(), owner: s(), network: s(), exploit: s(), planted: n(), discovered: b() }, 'ImplantCard');

export const ProjectCard = schema(
  { id: s(), kind: s(), nation: s(), for: s(), vuln: s(), capKind: s(), effect: s(), power: n(), name: s(), due: n(), terms: s() },
  'ProjectCard',
);

export const TrainingCard = schema({ trainer: s(), trainee: s(), due: n() }, 'TrainingCard');

export const Finding = schema({ turn: n(), implant: s(), network: s(), exploit: s() }, 'Finding');

export const MissionSheet = schema({ id: s(), hunter: s(), host: s(), started: n(), until: n(), findings: t.array(Finding) }, 'MissionSheet');

/** Its own sovereign offers, with the copy behind each. */
export const OfferSheet = schema(
  { id: s(), nation: s(), effect: s(), target: s(), copy: s(), until: n(), status: s(), executeTurn: n() },
  'OfferSheet',
);

/** An incident it knows of; `user` and `capability` only when it was the user. */
export const IncidentSheet = schema(
  {
    id: s(), turn: n(), network: s(), victim: s(), kind: s(), effect: s(), success: b(), blamed: s(), publiclyAttributed: b(),
    user: s(), capability: s(), noticed: b(),
  },
  'IncidentSheet',
);

export const ReportCard = schema({ id: s(), nation: s(), turn: n(), text: s(), points: n(), scored: b(), released: b() }, 'ReportCard');

export const TrustCard = schema({ with: s(), value: n() }, 'TrustCard');

/** A private objective; `detail` is the objective as the scenario states it (JSON). */
export const ObjectiveCard = schema({ id: s(), type: s(), text: s(), points: n(), met: b(), detail: s() }, 'ObjectiveCard');

/** A pending order; `order` is the order as submitted (JSON, shared/rules/orders.ts `Order`). */
export const OrderCard = schema({ id: s(), seat: s(), type: s(), order: s() }, 'OrderCard');

/** A request to answer; `answer` is '', 'accepted' or 'declined'; `details` is JSON. */
export const RequestCard = schema({ id: s(), kind: s(), from: s(), to: s(), text: s(), details: s(), answer: s() }, 'RequestCard');

export const OutboxCard = schema({ id: s(), kind: s(), to: s(), answer: s() }, 'OutboxCard');

export const CyocRequestCard = schema({ offer: s(), by: s() }, 'CyocRequestCard');

export const ScoreSheet = schema({ shown: b(), national: n(), coalition: n(), total: n(), parts: s() }, 'ScoreSheet');

export const CyberSeat = schema(
  {
    seat: s(),
    /** Events addressed to this seat (public ones are on the root). */
    events: t.array(EventItem),
    nation: t.ref(NationSheet),
    capacityTotal: n(),
    capacityCommitted: n(),
    networks: t.map(OwnNetwork),
    arsenal: t.map(ArsenalCard),
    sharedOut: t.map(SharedCopy),
    implants: t.map(ImplantCard),
    projects: t.map(ProjectCard),
    trainings: t.map(TrainingCard),
    missions: t.map(MissionSheet),
    offers: t.map(OfferSheet),
    incidents: t.map(IncidentSheet),
    reports: t.map(ReportCard),
    trust: t.map(TrustCard),
    objectives: t.map(ObjectiveCard),
    orders: t.map(OrderCard),
    inbox: t.map(RequestCard),
    outbox: t.map(OutboxCard),
    cyocRequests: t.map(CyocRequestCard),
    score: t.ref(ScoreSheet),
  },
  'CyberSeat',
);
