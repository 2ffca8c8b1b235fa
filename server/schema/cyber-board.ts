import { schema, t } from '@colyseus/schema';

/**
 * The public part of a cyber-alliance match (docs/design.md §6: sovereign offers show effect and
 * target only; public events and facts; scores if the scenario shows them). Built from
 * `viewOf(state, drafts, 'observer')`, so nothing here is more than fog.ts makes public.
 * Fields only; '' and 0 stand for null (see base.ts).
 */
const s = () => t.string().default('');
const n = () => t.number().default(0);
const b = () => t.boolean().default(false);

export const NationCard = schema({ id: s(), name: s(), side: s(), tier: s(), reputation: n(), influence: n() }, 'NationCard');

export const NetworkCard = schema(
  { id: s(), name: s(), owner: s(), sophistication: n(), availability: n(), software: t.array('string'), tags: t.array('string') },
  'NetworkCard',
);

/** A sovereign offer as others see it: never the capability behind it. */
export const OfferCard = schema({ id: s(), nation: s(), effect: s(), target: s(), until: n(), status: s() }, 'OfferCard');

export const MissionCard = schema({ id: s(), hunter: s(), host: s(), started: n(), until: n() }, 'MissionCard');

export const InjectCard = schema({ id: s(), turn: n(), title: s(), text: s(), fromMsel: b() }, 'InjectCard');

/** An incident someone was blamed for, or publicly attributed. */
export const IncidentCard = schema(
  { id: s(), turn: n(), network: s(), victim: s(), blamed: s(), kind: s(), effect: s(), success: b() },
  'IncidentCard',
);

export const CoalitionObjectiveCard = schema({ id: s(), text: s(), points: n(), met: b() }, 'CoalitionObjectiveCard');

export const ScoreLine = schema({ nation: s(), name: s(), total: n() }, 'ScoreLine');

export const CyberBoard = schema(
  {
    /** 'facilitator' or the nation that plays the CyOC. */
    cyoc: s(),
    /** The scenario's tunables (costs, delays…: public rules of the game), JSON. */
    tunables: s(),
    showScores: b(),
    nations: t.map(NationCard),
    networks: t.map(NetworkCard),
    offers: t.map(OfferCard),
    missions: t.map(MissionCard),
    injects: t.map(InjectCard),
    patchedVulns: t.array('string'),
    incidents: t.map(IncidentCard),
    objectives: t.map(CoalitionObjectiveCard),
    legitimacy: n(),
    /** Empty and 0 when the scenario hides scores. */
    coalitionScore: n(),
    scores: t.map(ScoreLine),
  },
  'CyberBoard',
);
