import type { Match } from '../../shared/engine/match.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { viewParts, type PublicView, type SeatView } from '../../shared/rules/fog.ts';
import type { CyberRequest } from '../../shared/rules/requests.ts';
import type { CyberDrafts } from '../../shared/rules/drafts.ts';
import type { CyberState, Implant, Incident, Report } from '../../shared/rules/types.ts';
import { CoalitionObjectiveCard, IncidentCard, InjectCard, MissionCard, NationCard, NetworkCard, OfferCard, ScoreLine } from './cyber-board.ts';
import { CapabilityCard, CopyCard, ExploitCard } from './cyber-god.ts';
import {
  ArsenalCard, CyberSeat, CyocRequestCard, Finding, ImplantCard, IncidentSheet, MissionSheet, ObjectiveCard, OfferSheet, OrderCard, OutboxCard,
  OwnNetwork, ProjectCard, ReportCard, RequestCard, SharedCopy, TrainingCard, TrustCard,
} from './cyber-seat.ts';
import { CyberMatchState, type CyberMatchStateT } from './cyber-state.ts';
import { touchesBoard, touchesGod, touchesSeat, type MirrorAdapter } from './mirror.ts';
import { json, num, str, syncMap, syncStrings } from './sync.ts';

type Root = CyberMatchStateT;
type Board = Root['board'];
type Seat = InstanceType<typeof CyberSeat>;
type God = Root['god'];
type Me = NonNullable<SeatView>;
type DraftOrder = CyberDrafts['orders'][number];

/**
 * The one file that maps a cyber-alliance match into its schema (docs/design.md §6, §8), one
 * direction: the board from `viewOf(…, 'observer')`, each seat's private part from
 * `viewOf(…, seat).me`, the facilitator's part from `viewOf(…, 'facilitator').god` — taken
 * through fog.ts's `viewParts`, which computes each once. Never reads the state around
 * fog.ts, so a public field can only hold what fog.ts makes public.
 */
export const cyberMirror: MirrorAdapter<Root> = {
  createRoot: () => new CyberMatchState(),
  refresh(root, match, touched) {
    const m = match as Match<CyberState, CyberDrafts>;
    const views = viewParts(m.state, m.drafts);
    if (touchesBoard(touched)) refreshBoard(root.board, views.board());
    for (const nation of m.state.nations) {
      const seat = root.seats.get(nation.id);
      if (seat) seat.side = nation.side;
      let part = root.privates.get(nation.id);
      if (!part) {
        part = Object.assign(new CyberSeat(), { seat: nation.id });
        root.privates.set(nation.id, part);
      } else if (!touchesSeat(touched, nation.id)) {
        continue;
      }
      const me = views.seat(nation.id);
      if (me) refreshSeat(part, me);
    }
    const god = touchesGod(touched) ? views.god() : null;
    if (!god) return;
    refreshGodDrafts(root.god, god.drafts, god.requests);
    // The state's part of the god view changes only with the state (the rules share an unchanged one).
    if (godStateOf.get(root.god) === god.state) return;
    godStateOf.set(root.god, god.state);
    refreshGodState(root.god, god.state);
    root.god.msel = json(god.state.rules.msel.map((x) => ({ id: x.id, turn: x.turn, title: x.title, text: x.text, fired: god.state.injects.some((i) => i.id === x.id) })));
  },
};

/** Each facilitator part with the state it was last mirrored from. */
const godStateOf = new WeakMap<object, CyberState>();

function refreshBoard(b: Board, v: PublicView): void {
  Object.assign(b, { cyoc: v.scenario.cyoc, tunables: json(v.scenario.tunables), showScores: v.scenario.showScores, legitimacy: v.coalition.legitimacy, coalitionScore: v.scores?.coalition ?? 0 });
  syncMap(b.nations, v.nations, (x) => x.id, () => new NationCard(), (t, x) => Object.assign(t, x));
  syncMap(b.networks, v.networks, (x) => x.id, () => new NetworkCard(), (t, x) => {
    Object.assign(t, { id: x.id, name: x.name, owner: x.owner, sophistication: x.sophistication, availability: x.availability });
    syncStrings(t.software, x.software);
    syncStrings(t.tags, x.tags);
  });
  syncMap(b.offers, v.offers, (x) => x.id, () => new OfferCard(), (t, x) => Object.assign(t, x));
  syncMap(b.missions, v.missions, (x) => x.id, () => new MissionCard(), (t, x) => Object.assign(t, x));
  syncMap(b.injects, v.injects, (x) => x.id, () => new InjectCard(), (t, x) => Object.assign(t, x));
  syncStrings(b.patchedVulns, v.patchedVulns);
  syncMap(b.incidents, v.publicIncidents, (x) => x.id, () => new IncidentCard(), (t, x) => Object.assign(t, { ...x, blamed: str(x.blamed), effect: str(x.effect) }));
  syncMap(b.objectives, v.coalition.objectives, (x) => x.id, () => new CoalitionObjectiveCard(), (t, x) => Object.assign(t, x));
  syncMap(b.scores, v.scores?.nations ?? [], (x) => x.nation, () => new ScoreLine(), (t, x) => Object.assign(t, x));
}

function refreshSeat(p: Seat, me: Me): void {
  const n = me.nation;
  Object.assign(p.nation, {
    id: n.id, name: n.name, side: n.side, tier: n.tier, capacity: n.capacity, skill: n.skill, hygiene: n.hygiene, intel: n.intel,
    reputation: n.reputation, influence: n.influence, tally: json(n.tally),
  });
  syncStrings(p.nation.knownVulns, n.knownVulns);
  Object.assign(p, { capacityTotal: me.capacity.total, capacityCommitted: me.capacity.committed });
  syncMap(p.networks, me.networks, (x) => x.id, () => new OwnNetwork(), (t, x) => {
    Object.assign(t, { id: x.id, name: x.name, sophistication: x.sophistication, hardening: x.hardening, availability: x.availability, effects: json(x.effects) });
    syncStrings(t.software, x.software);
    syncStrings(t.tags, x.tags);
    syncStrings(t.patchesApplied, x.patchesApplied);
  });
  syncMap(p.arsenal, me.arsenal, (x) => x.copy, () => new ArsenalCard(), (t, x) =>
    Object.assign(t, { ...x, effect: str(x.effect), from: str(x.from), terms: json(x.terms), expiresTurn: num(x.expiresTurn), tailoredFor: str(x.tailoredFor) }),
  );
  syncMap(p.sharedOut, me.sharedOut, (x) => x.copy, () => new SharedCopy(), (t, x) => Object.assign(t, { ...x, terms: json(x.terms), expiresTurn: num(x.expiresTurn) }));
  syncMap(p.implants, me.implants, (x) => x.id, () => new ImplantCard(), assignImplant);
  syncMap(p.projects, me.projects, (x) => x.id, () => new ProjectCard(), (t, x) => Object.assign(t, { ...x, effect: str(x.effect), terms: json(x.terms) }));
  syncMap(p.trainings, me.trainings, (x) => `${x.trainer}>${x.trainee}@${x.due}`, () => new TrainingCard(), (t, x) => Object.assign(t, x));
  syncMap(p.missions, me.missions, (x) => x.id, () => new MissionSheet(), (t, x) => {
    Object.assign(t, { id: x.id, hunter: x.hunter, host: x.host, started: x.started, until: x.until });
    for (let i = t.findings.length; i < x.findings.length; i++) t.findings.push(Object.assign(new Finding(), x.findings[i]));
  });
  syncMap(p.offers, me.offers, (x) => x.id, () => new OfferSheet(), (t, x) => Object.assign(t, { ...x, executeTurn: num(x.executeTurn) }));
  syncMap(p.incidents, me.incidents, (x) => x.id, () => new IncidentSheet(), (t, x) => assignIncident(t, x));
  syncMap(p.reports, me.reports, (x) => x.id, () => new ReportCard(), assignReport);
  syncMap(p.trust, me.trust, (x) => (x.a === n.id ? x.b : x.a), () => new TrustCard(), (t, x) => Object.assign(t, { with: x.a === n.id ? x.b : x.a, value: x.value }));
  syncMap(p.objectives, me.objectives, (x) => x.id, () => new ObjectiveCard(), (t, x) =>
    Object.assign(t, { id: x.id, type: x.type, text: x.text, points: x.points, met: x.met, detail: json(x) }),
  );
  syncMap(p.orders, me.orders, (x) => x.id, () => new OrderCard(), assignOrder);
  syncMap(p.inbox, me.inbox, (x) => x.id, () => new RequestCard(), (t, x) => assignRequest(t, x, x.answer));
  syncMap(p.outbox, me.outbox, (x) => x.id, () => new OutboxCard(), (t, x) => Object.assign(t, { ...x, answer: answerText(x.answer) }));
  syncMap(p.cyocRequests, me.cyocRequests, (x) => x.offer, () => new CyocRequestCard(), (t, x) => Object.assign(t, x));
  const sc = me.score;
  Object.assign(p.score, sc ? { shown: true, national: sc.national, coalition: sc.coalition, total: sc.total, parts: json(sc.parts) } : { shown: false, national: 0, coalition: 0, total: 0, parts: '' });
}

function refreshGodDrafts(g: God, drafts: CyberDrafts, requests: readonly CyberRequest[]): void {
  const answer = (id: string) => drafts.answers.find((a) => a.request === id)?.accept ?? null;
  syncMap(g.orders, drafts.orders, (x) => x.id, () => new OrderCard(), assignOrder);
  syncMap(g.requests, requests, (x) => x.id, () => new RequestCard(), (t, x) => assignRequest(t, x, answer(x.id)));
  syncMap(g.sovereignRequests, drafts.sovereignRequests, (x) => x.offer, () => new CyocRequestCard(), (t, x) => Object.assign(t, x));
}

function refreshGodState(g: God, s: CyberState): void {
  syncMap(g.exploits, s.exploits, (x) => x.id, () => new ExploitCard(), (t, x) => Object.assign(t, { ...x, patchDue: num(x.patchDue) }));
  syncMap(g.capabilities, s.capabilities, (x) => x.id, () => new CapabilityCard(), (t, x) => Object.assign(t, { ...x, effect: str(x.effect), tailoredFor: str(x.tailoredFor) }));
  syncMap(g.copies, s.copies, (x) => x.id, () => new CopyCard(), (t, x) => Object.assign(t, { ...x, from: str(x.from), terms: json(x.terms), expiresTurn: num(x.expiresTurn) }));
  syncMap(g.implants, s.implants, (x) => x.id, () => new ImplantCard(), assignImplant);
  syncMap(g.incidents, s.incidents, (x) => x.id, () => new IncidentSheet(), (t, x) => assignIncident(t, x));
  syncMap(g.reports, s.reports, (x) => x.id, () => new ReportCard(), assignReport);
}

type IncidentSheetT = InstanceType<typeof IncidentSheet>;
type KnownIncident = Omit<Incident, 'user' | 'capability' | 'noticed'> & Partial<Pick<Incident, 'user' | 'capability' | 'noticed'>>;

function assignIncident(t: IncidentSheetT, x: KnownIncident): void {
  Object.assign(t, {
    id: x.id, turn: x.turn, network: x.network, victim: x.victim, kind: x.kind, effect: str(x.effect), success: x.success, blamed: str(x.blamed),
    publiclyAttributed: x.publiclyAttributed, user: str(x.user), capability: str(x.capability), noticed: x.noticed ?? false,
  });
}

function assignImplant(t: InstanceType<typeof ImplantCard>, x: Implant): void {
  Object.assign(t, x);
}

function assignReport(t: InstanceType<typeof ReportCard>, x: Report | (Omit<Report, 'points'> & { points: null })): void {
  Object.assign(t, { id: x.id, nation: x.nation, turn: x.turn, text: x.text, points: num(x.points), scored: x.points !== null, released: x.released });
}

function assignOrder(t: InstanceType<typeof OrderCard>, x: DraftOrder): void {
  Object.assign(t, { id: x.id, seat: x.seat, type: x.order.type, order: json(x.order) });
}

function assignRequest(t: InstanceType<typeof RequestCard>, x: CyberRequest, accept: boolean | null): void {
  Object.assign(t, { id: x.id, kind: x.kind, from: x.from, to: x.to, text: x.text, details: json(x.details), answer: answerText(accept) });
}

const answerText = (accept: boolean | null): string => (accept === null ? '' : accept ? 'accepted' : 'declined');
