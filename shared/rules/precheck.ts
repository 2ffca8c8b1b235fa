import type { Result } from '../engine/result.ts';
import type { CyberDrafts, DraftOrder } from './drafts.ts';
import type { PublicView, SeatView } from './fog.ts';
import { capacityCommitted, capacityThisTurn, orderCost, validateOrder } from './inputs.ts';
import type { Order } from './orders.ts';
import type {
  Capability, CapabilityId, CopyId, CyberState, Exploit, ExploitId, HuntMission, Incident, Nation, NationId, Network, OfferId, OrderId, RequestId, SovereignOffer, Tally,
} from './types.ts';

/**
 * What one seat knows (docs/design.md §6): the public view plus its own part, exactly as
 * `viewOf(state, drafts, seat)` gives them and the client receives them.
 */
export interface SeatPicture {
  readonly pub: PublicView;
  readonly me: NonNullable<SeatView>;
}

const noTally = (): Tally => ({
  covertBonus: 0, misattributionsSuffered: 0, leaksOfSharedTools: 0, endUseViolations: 0, attributedEffects: 0, availabilityPoints: 0, reportPoints: 0,
  reportPointsHeld: 0, sovereignHonoured: 0, sovereignDeclined: 0, publicAttributionsRight: 0, publicAttributionsWrong: 0,
});

/**
 * The state as one seat can picture it: everything it sees, and neutral placeholders for
 * what it does not (other nations' arsenals, skills, drafts). Built so that the rules'
 * own `validateOrder` gives, on this picture, the verdict it gives on the real state: every
 * check an order of this seat meets reads only what the seat sees (its own copies, its own
 * networks, public networks and missions, published patches, requests addressed to it).
 * tests/rules/precheck.test.ts holds the two verdicts equal over many played positions.
 */
export function pictureState(k: SeatPicture): { state: CyberState; drafts: CyberDrafts } {
  const { pub, me } = k;
  const seat = me.nation.id;
  const nations: Nation[] = pub.nations.map((n) =>
    n.id === seat ? me.nation : { ...n, capacity: 0, skill: 1, hygiene: 0, intel: 0, knownVulns: [], tally: noTally() },
  );
  const own = new Map(me.networks.map((n) => [n.id, n]));
  const networks: Network[] = pub.networks.map((n) => own.get(n.id) ?? { ...n, hardening: 0, patchesApplied: [], effects: [] } as Network);
  // One exploit per capability the seat holds (copies of one capability burn together);
  // published patches as patched exploits nobody holds.
  const exploits: Exploit[] = [];
  const capabilities: Capability[] = [];
  for (const a of me.arsenal) {
    if (capabilities.some((c) => c.id === a.capability)) continue;
    const exploit = `seen-${a.capability}` as ExploitId;
    exploits.push({ id: exploit, vuln: a.vuln as Exploit['vuln'], author: a.origin, freshness: a.freshness, discovered: false, patchDue: null, patched: a.patched, uses: 0 });
    capabilities.push({ id: a.capability as CapabilityId, name: a.name, exploit, origin: a.origin, kind: a.kind, effect: a.effect, power: a.power, tailoredFor: a.tailoredFor });
  }
  for (const v of pub.patchedVulns) {
    exploits.push({ id: `patched-${v}` as ExploitId, vuln: v as Exploit['vuln'], author: '' as NationId, freshness: 0, discovered: true, patchDue: null, patched: true, uses: 0 });
  }
  const copies = me.arsenal.map((a) => ({
    id: a.copy as CopyId, capability: a.capability as CapabilityId, holder: seat, from: a.from, terms: a.terms, receivedTurn: 0, expiresTurn: a.expiresTurn, leaked: a.leaked,
  }));
  const myOffers = new Map(me.offers.map((o) => [o.id, o]));
  const offers: SovereignOffer[] = pub.offers.map((o) => myOffers.get(o.id) ?? { ...o, id: o.id as OfferId, copy: '' as CopyId, executeTurn: null } as SovereignOffer);
  const myMissions = new Map(me.missions.map((m) => [m.id, m]));
  const missions: HuntMission[] = pub.missions.map((m) => myMissions.get(m.id) ?? { ...m, findings: [] } as HuntMission);
  // Incidents it knows of; a user it was not told of is nobody, and it noticed what it knows.
  const incidents: Incident[] = me.incidents.map((i) => ({ user: '' as NationId, capability: '' as CapabilityId, noticed: true, ...i }));
  const state: CyberState = {
    rules: {
      id: pub.scenario.id, version: pub.scenario.version, turns: pub.scenario.turns, planningSeconds: 0, cyoc: pub.scenario.cyoc, showScores: pub.scenario.showScores,
      tunables: pub.scenario.tunables, weights: {} as CyberState['rules']['weights'], coalitionObjectives: [], msel: [], privateObjectives: [], temperaments: [],
    },
    scenarioId: pub.scenario.id,
    scenarioVersion: pub.scenario.version,
    seed: 0,
    turn: pub.turn,
    nations, networks, exploits, capabilities, copies, offers, missions, incidents,
    implants: me.implants,
    projects: me.projects,
    trainings: me.trainings,
    reports: me.reports.map((r) => ({ ...r, points: r.points ?? null })),
    trust: me.trust,
    injects: pub.injects,
    deconflicted: [],
    coalition: { legitimacy: pub.coalition.legitimacy, objectivesMet: pub.coalition.objectives.filter((o) => o.met).map((o) => o.id) },
    objectivesMet: [],
    grievances: [],
    consented: [],
    serial: 0,
  };
  // Its own drafts, and the hunt offers and invitations addressed to it (they are the only
  // other drafts an order of this seat is checked against).
  const fromInbox: DraftOrder[] = [];
  for (const r of me.inbox) {
    const id = r.id.replace(/^rq-/, '') as OrderId;
    if (r.kind === 'huntInvitation') fromInbox.push({ id, seat: r.from as NationId, order: { type: 'inviteHunt', hunter: seat, turns: r.details.turns } });
    if (r.kind === 'huntForward') fromInbox.push({ id, seat: r.from as NationId, order: { type: 'huntForward', host: seat, turns: r.details.turns } });
  }
  const drafts: CyberDrafts = {
    orders: [...me.orders, ...fromInbox],
    answers: me.inbox.filter((r) => r.answer !== null).map((r) => ({ seat, request: r.id as RequestId, accept: r.answer === true })),
    sovereignRequests: me.cyocRequests,
    issued: [],
  };
  return { state, drafts };
}

/** The rules' verdict on an order of this seat, from what the seat knows; the server still decides. */
export function precheckOrder(k: SeatPicture, order: Order): Result<void> {
  return orderChecker(k)(order);
}

/**
 * `precheckOrder` for many orders on one picture: the picture is built once, so the composer
 * can ask about every combination of its choices (which capability, which target…) and offer
 * only those the rules accept now.
 */
export function orderChecker(k: SeatPicture): (order: Order) => Result<void> {
  const { state, drafts } = pictureState(k);
  const seat = k.me.nation.id;
  return (order) => validateOrder(state, drafts, seat, order);
}

/** Capacity of the seat this turn, committed so far, and what `order` would cost. */
export function capacityPicture(k: SeatPicture, order: Order | null): { total: number; committed: number; cost: number } {
  const { state, drafts } = pictureState(k);
  const seat = k.me.nation.id;
  return { total: capacityThisTurn(state, seat), committed: capacityCommitted(state, drafts, seat), cost: order ? orderCost(state, order) : 0 };
}

