import { schema, t } from '@colyseus/schema';
import { EventItem } from './base.ts';
import { CyocRequestCard, ImplantCard, IncidentSheet, OrderCard, ReportCard, RequestCard } from './cyber-seat.ts';

/**
 * What only the facilitator sees (docs/design.md §6 "the facilitator sees all"), beside every
 * seat's private part: facilitator-only events, every draft and request, and the hidden
 * machinery — exploits, capabilities, copies, implants, true incident users, held report
 * points. Fields only; '' and 0 stand for null (see base.ts).
 */
const s = () => t.string().default('');
const n = () => t.number().default(0);
const b = () => t.boolean().default(false);

export const ExploitCard = schema(
  { id: s(), vuln: s(), author: s(), freshness: n(), discovered: b(), patchDue: n(), patched: b(), uses: n() },
  'ExploitCard',
);

export const CapabilityCard = schema(
  { id: s(), name: s(), exploit: s(), origin: s(), kind: s(), effect: s(), power: n(), tailoredFor: s() },
  'CapabilityCard',
);

export const CopyCard = schema(
  { id: s(), capability: s(), holder: s(), from: s(), terms: s(), receivedTurn: n(), expiresTurn: n(), leaked: b() },
  'CopyCard',
);

export const CyberGod = schema(
  {
    events: t.array(EventItem),
    /** Log entries applied (kept from seats: its growth would count other seats' secret actions). */
    applied: t.uint32().default(0),
    orders: t.map(OrderCard),
    requests: t.map(RequestCard),
    sovereignRequests: t.map(CyocRequestCard),
    exploits: t.map(ExploitCard),
    capabilities: t.map(CapabilityCard),
    copies: t.map(CopyCard),
    implants: t.map(ImplantCard),
    incidents: t.map(IncidentSheet),
    reports: t.map(ReportCard),
    /** The scenario's MSEL, each with whether it has been fired (JSON). */
    msel: s(),
  },
  'CyberGod',
);
