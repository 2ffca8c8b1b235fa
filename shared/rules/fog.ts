import type { InputTouch, SeatId, Viewer } from '../engine/ruleset.ts';
import { capacityCommitted, capacityThisTurn } from './inputs.ts';
import { knownIncidents } from './attribution.ts';
import type { CyberDrafts } from './drafts.ts';
import { patchedVulns, resolveCopy } from './access.ts';
import { requestsOf, type CyberRequest } from './requests.ts';
import { score, type CyberScore } from './scoring.ts';
import type { CyberState, NationId } from './types.ts';

/**
 * `view(state, viewer)` — who sees what (docs/design.md §6). A seat sees its own nation
 * entirely, requests addressed to it, sovereign offers (effect and target only),
 * public events and facts, and the findings of hunts it hosted or ran. Nothing else:
 * not another nation's arsenal, not who else holds a copy it received, not the
 * adversary's implants until found. The facilitator sees all; the observer only public.
 */
export function viewOf(s: CyberState, drafts: CyberDrafts, viewer: Viewer) {
  const pub = publicView(s);
  if (viewer === 'facilitator') {
    return { ...pub, viewer, god: { state: s, drafts, requests: requestsOf(s, drafts) }, me: null };
  }
  if (viewer === 'observer') return { ...pub, viewer, god: null, me: null };
  return { ...pub, viewer, god: null, me: seatView(s, drafts, viewer) };
}
export type CyberView = ReturnType<typeof viewOf>;

/**
 * Every part of the views of one moment, each computed at most once: the public board (what
 * `viewOf(…, 'observer')` gives), a seat's own part (`viewOf(…, seat).me`) and the
 * facilitator's (`viewOf(…, 'facilitator').god`). The server's mirror refreshes several at a
 * time; the requests and the score are shared among them. Equal to viewOf's (tested).
 */
export function viewParts(s: CyberState, drafts: CyberDrafts) {
  let pub: PublicView | undefined;
  let requests: CyberRequest[] | undefined;
  let sc: CyberScore | undefined;
  const shared: Shared = { requests: () => (requests ??= requestsOf(s, drafts)), score: () => (sc ??= score(s)) };
  return {
    board: (): PublicView => (pub ??= publicView(s, shared)),
    seat: (seat: NationId) => seatView(s, drafts, seat, shared),
    god: () => ({ state: s, drafts, requests: shared.requests() }),
  };
}

/** What several views of one moment share, computed once. */
interface Shared {
  readonly requests: () => CyberRequest[];
  readonly score: () => CyberScore;
}
export type PublicView = ReturnType<typeof publicView>;
export type SeatView = ReturnType<typeof seatView>;

function publicView(s: CyberState, shared?: Shared) {
  const showScores = s.rules.showScores;
  const sc: CyberScore | null = showScores ? (shared?.score() ?? score(s)) : null;
  return {
    scenario: { id: s.scenarioId, version: s.scenarioVersion, turns: s.rules.turns, cyoc: s.rules.cyoc, showScores, tunables: s.rules.tunables },
    turn: s.turn,
    nations: s.nations.map((n) => ({ id: n.id, name: n.name, side: n.side, tier: n.tier, reputation: n.reputation, influence: n.influence })),
    networks: s.networks.map((w) => ({ id: w.id, name: w.name, owner: w.owner, sophistication: w.sophistication, availability: w.availability, software: w.software, tags: w.tags })),
    offers: s.offers.map((o) => ({ id: o.id, nation: o.nation, effect: o.effect, target: o.target, until: o.until, status: o.status })),
    missions: s.missions.map((m) => ({ id: m.id, hunter: m.hunter, host: m.host, started: m.started, until: m.until })),
    injects: s.injects,
    patchedVulns: [...patchedVulns(s)].sort(),
    publicIncidents: s.incidents
      .filter((i) => i.blamed !== null || i.publiclyAttributed)
      .map((i) => ({ id: i.id, turn: i.turn, network: i.network, victim: i.victim, blamed: i.blamed, kind: i.kind, effect: i.effect, success: i.success })),
    coalition: {
      objectives: s.rules.coalitionObjectives.map((o) => ({ id: o.id, text: o.text, points: o.points, met: s.coalition.objectivesMet.includes(o.id) })),
      legitimacy: s.coalition.legitimacy,
    },
    scores: sc ? { coalition: sc.coalition.total, nations: sc.nations.map((n) => ({ nation: n.nation, name: n.name, total: n.total })) } : null,
  };
}

function seatView(s: CyberState, drafts: CyberDrafts, seat: NationId, shared?: Shared) {
  const nation = s.nations.find((n) => n.id === seat);
  if (!nation) return null;
  const myNetworks = new Set(s.networks.filter((n) => n.owner === seat).map((n) => n.id));
  const requests = shared?.requests() ?? requestsOf(s, drafts);
  const answerOf = (r: CyberRequest) => drafts.answers.find((a) => a.request === r.id)?.accept ?? null;
  const myOrders = new Set(drafts.orders.filter((o) => o.seat === seat).map((o) => `rq-${o.id}`));
  const objectives = s.rules.privateObjectives.find((p) => p.nation === seat)?.objectives ?? [];
  return {
    nation,
    capacity: { total: capacityThisTurn(s, seat), committed: capacityCommitted(s, drafts, seat) },
    networks: s.networks.filter((n) => n.owner === seat),
    arsenal: s.copies
      .filter((c) => c.holder === seat)
      .map((c) => {
        const { capability, exploit } = resolveCopy(s, c);
        return {
          copy: c.id,
          capability: capability.id,
          name: capability.name,
          kind: capability.kind,
          effect: capability.effect,
          power: capability.power,
          origin: capability.origin,
          vuln: exploit.vuln,
          freshness: exploit.freshness,
          patched: exploit.patched,
          from: c.from,
          terms: c.terms,
          expiresTurn: c.expiresTurn,
          leaked: c.leaked,
          tailoredFor: capability.tailoredFor,
        };
      }),
    /** Copies it gave away: the exporter knows whom it shared with. */
    sharedOut: s.copies
      .filter((c) => c.from === seat)
      .map((c) => ({ copy: c.id, capability: c.capability, name: s.capabilities.find((k) => k.id === c.capability)?.name ?? '', to: c.holder, terms: c.terms, expiresTurn: c.expiresTurn })),
    implants: s.implants.filter((i) => i.owner === seat || (myNetworks.has(i.network) && i.discovered)),
    projects: s.projects.filter((p) => p.nation === seat || p.for === seat),
    trainings: s.trainings.filter((t) => t.trainer === seat || t.trainee === seat),
    missions: s.missions.filter((m) => m.hunter === seat || m.host === seat),
    offers: s.offers.filter((o) => o.nation === seat),
    incidents: knownIncidents(s, seat).map((i) =>
      i.user === seat ? i : { id: i.id, turn: i.turn, network: i.network, victim: i.victim, kind: i.kind, effect: i.effect, success: i.success, blamed: i.blamed, publiclyAttributed: i.publiclyAttributed },
    ),
    reports: s.reports.filter((r) => r.nation === seat).map((r) => (r.released ? r : { ...r, points: null })),
    trust: s.trust.filter((t) => t.a === seat || t.b === seat),
    objectives: objectives.map((o) => ({ ...o, met: s.objectivesMet.some((m) => m.nation === seat && m.objective === o.id) })),
    orders: drafts.orders.filter((o) => o.seat === seat),
    inbox: requests.filter((r) => r.to === seat).map((r) => ({ ...r, answer: answerOf(r) })),
    outbox: requests.filter((r) => myOrders.has(r.id)).map((r) => ({ id: r.id, kind: r.kind, to: r.to, answer: answerOf(r) })),
    cyocRequests: s.rules.cyoc === seat ? drafts.sovereignRequests : [],
    score: s.rules.showScores ? ((shared?.score() ?? score(s)).nations.find((n) => n.nation === seat) ?? null) : null,
  };
}

/**
 * `touches` (the engine's incremental views): an input that changes the state (the
 * facilitator's injects, rulings…) may change any view. One that changes only the drafts is
 * seen by its seat (its orders and capacity), the facilitator, and the two ends of every
 * request it adds, removes or answers (inbox, outbox, a host's committed capacity); a CyOC
 * request also by the CyOC seat. The public board reads no drafts.
 */
export function touches(before: { state: CyberState; drafts: CyberDrafts }, after: { state: CyberState; drafts: CyberDrafts }, actor: SeatId | 'facilitator'): InputTouch {
  if (before.state !== after.state) return 'all';
  const seats = new Set<string>(actor === 'facilitator' ? [] : [actor]);
  const keyed = (s: CyberState, d: CyberDrafts) => {
    const answers = new Map(d.answers.map((a) => [a.request as string, a.accept]));
    return new Map(requestsOf(s, d).map((r) => [r.id as string, { r, key: `${JSON.stringify(r)}|${String(answers.get(r.id) ?? null)}` }]));
  };
  const was = keyed(before.state, before.drafts);
  const now = keyed(after.state, after.drafts);
  for (const [id, x] of [...was, ...now]) {
    if (was.get(id)?.key === now.get(id)?.key) continue;
    seats.add(x.r.to);
    if (x.r.from !== 'facilitator') seats.add(x.r.from);
  }
  if (before.drafts.sovereignRequests !== after.drafts.sovereignRequests && after.state.rules.cyoc !== 'facilitator') seats.add(after.state.rules.cyoc);
  return { board: false, seats: [...seats] as SeatId[], facilitator: true };
}
