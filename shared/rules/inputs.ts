import { cloneData } from '../engine/clone.ts';
import { ok, reject, type Result } from '../engine/result.ts';
import { hash32 } from '../engine/rng.ts';
import type { GameEvent } from '../engine/ruleset.ts';
import { activeMissions, clamp, isAlly, nationOf, networkOf } from './access.ts';
import { validateAttribute } from './attribution.ts';
import { validateDevelop, validateTailor } from './develop.ts';
import { validateDefend } from './defend.ts';
import type { CyberDrafts } from './drafts.ts';
import { EventSink } from './events.ts';
import { validateHunt } from './hunt-forward.ts';
import { validateOperate } from './operate.ts';
import { InputSchema, type FacilitatorInput, type Input, type Order } from './orders.ts';
import { requestsOf } from './requests.ts';
import { validateShare, validateShareIntel } from './share.ts';
import { validateSovereignOffer, validateSovereignRequest } from './sovereign.ts';
import { validateTrain } from './train.ts';
import type { CyberState, NationId, OrderId, RequestId } from './types.ts';

type Applied = Result<{ state: CyberState; drafts: CyberDrafts; events: GameEvent[] }>;

/** An invitation costs the host nothing: the hunter pays when it accepts. */
export function orderCost(s: CyberState, o: Order): number {
  return o.type === 'inviteHunt' ? 0 : s.rules.tunables.costs[o.type];
}

/** Capacity this turn: the nation's capacity less the teams away on hunt-forward missions. */
export function capacityThisTurn(s: CyberState, seat: string): number {
  const nation = nationOf(s, seat);
  if (!nation) return 0;
  const away = activeMissions(s, s.turn).filter((m) => m.hunter === seat && m.started < s.turn).length;
  return Math.max(0, nation.capacity - away * s.rules.tunables.costs.huntForward);
}

/** Capacity already committed by the seat's drafts (orders, and hunt invitations it accepted). */
export function capacityCommitted(s: CyberState, drafts: CyberDrafts, seat: string): number {
  const orders = drafts.orders.filter((o) => o.seat === seat).reduce((sum, o) => sum + orderCost(s, o.order), 0);
  const accepted = requestsOf(s, drafts).filter((r) => r.kind === 'huntInvitation' && r.to === seat && drafts.answers.some((a) => a.request === r.id && a.accept)).length;
  return orders + accepted * s.rules.tunables.costs.huntForward;
}

export function capacityLeft(s: CyberState, drafts: CyberDrafts, seat: string): number {
  return capacityThisTurn(s, seat) - capacityCommitted(s, drafts, seat);
}

const ADVERSARY_ORDERS: readonly Order['type'][] = ['operate', 'develop', 'defend'];

/** Has `seat` already given this window an order of `type` that `same` matches? (Resolution would drop the copy silently.) */
function alreadyOrdered<T extends Order['type']>(drafts: CyberDrafts, seat: string, type: T, same: (o: Extract<Order, { type: T }>) => boolean): boolean {
  return drafts.orders.some((d) => d.seat === seat && d.order.type === type && same(d.order as Extract<Order, { type: T }>));
}

/**
 * `validate(state, seat, order)`: every rule an order must meet when it is given
 * (docs/design.md §4), with a reason a student can read. Resolution re-checks what may
 * have changed since (a patch, an expiry) and lets the order lapse with an event.
 */
export function validateOrder(s: CyberState, drafts: CyberDrafts, seat: NationId, o: Order): Result<void> {
  const nation = nationOf(s, seat);
  if (!nation) return reject('unknown-seat', `There is no nation "${seat}".`);
  if (nation.side === 'adversary' && !ADVERSARY_ORDERS.includes(o.type)) return reject('not-for-adversary', 'The adversary can only operate, develop and defend.');
  const cost = orderCost(s, o);
  const left = capacityLeft(s, drafts, seat);
  if (cost > left) return reject('not-enough-capacity', `Not enough capacity: this order costs ${cost} and you have ${left} left this turn.`);
  switch (o.type) {
    case 'operate': {
      const v = validateOperate(s, seat, o.copy, o.target);
      if (!v.ok) return v;
      if (drafts.orders.some((d) => d.seat === seat && d.order.type === 'operate' && d.order.copy === o.copy && d.order.target === o.target)) {
        return reject('duplicate-order', 'You already ordered that operation this turn.');
      }
      return ok(undefined);
    }
    case 'share': {
      const v = validateShare(s, seat, o.copy, o.to, o.terms);
      if (!v.ok) return v;
      if (drafts.orders.some((d) => d.seat === seat && d.order.type === 'share' && d.order.copy === o.copy && d.order.to === o.to)) return reject('duplicate-order', 'You already offered that share this turn.');
      return ok(undefined);
    }
    case 'tailor': {
      const v = validateTailor(s, seat, o);
      return v.ok ? ok(undefined) : v;
    }
    case 'develop':
      return validateDevelop(s, seat, o);
    case 'sovereignOffer': {
      const v = validateSovereignOffer(s, seat, o.copy, o.target);
      if (!v.ok) return v;
      if (alreadyOrdered(drafts, seat, 'sovereignOffer', (x) => x.copy === o.copy && x.target === o.target)) return reject('duplicate-order', 'You already offered that effect this turn.');
      return ok(undefined);
    }
    case 'huntForward': {
      const v = validateHunt(s, seat, o.host);
      if (!v.ok) return v;
      if (alreadyOrdered(drafts, seat, 'huntForward', (x) => x.host === o.host)) return reject('duplicate-order', 'You already offered that hunt-forward team this turn.');
      if (alreadyOrdered(drafts, o.host, 'inviteHunt', (x) => x.hunter === seat)) return reject('crossing-hunt', 'That partner has already invited your team: accept its invitation in your inbox instead.');
      return ok(undefined);
    }
    case 'inviteHunt': {
      const v = validateHunt(s, o.hunter, seat);
      if (!v.ok) return v;
      if (alreadyOrdered(drafts, seat, 'inviteHunt', (x) => x.hunter === o.hunter)) return reject('duplicate-order', 'You already invited that hunt-forward team this turn.');
      if (alreadyOrdered(drafts, o.hunter, 'huntForward', (x) => x.host === seat)) return reject('crossing-hunt', 'That partner has already offered its team: accept its offer in your inbox instead.');
      return ok(undefined);
    }
    case 'defend': {
      const v = validateDefend(s, seat, o.network, o.action);
      if (!v.ok) return v;
      if (o.action === 'patch' && alreadyOrdered(drafts, seat, 'defend', (x) => x.network === o.network && x.action === 'patch')) {
        return reject('duplicate-order', 'You already ordered patches for that network this turn.');
      }
      if (o.action === 'harden') {
        const n = networkOf(s, o.network);
        const pending = drafts.orders.filter((d) => d.seat === seat && d.order.type === 'defend' && d.order.network === o.network && d.order.action === 'harden').length;
        if (n && n.hardening + pending >= 3) return reject('fully-hardened', `${n.name} would be over the maximum hardening of 3.`);
      }
      return ok(undefined);
    }
    case 'train': {
      const v = validateTrain(s, seat, o.trainee);
      if (!v.ok) return v;
      if (alreadyOrdered(drafts, seat, 'train', (x) => x.trainee === o.trainee)) return reject('duplicate-order', 'You already offered that training this turn.');
      return ok(undefined);
    }
    case 'attribute':
      return validateAttribute(s, seat, o.incident, o.accused);
    case 'shareIntel':
      return validateShareIntel(s, seat, o.to, o.network);
    case 'report':
      return isAlly(s, seat) ? ok(undefined) : reject('not-for-adversary', 'The adversary files no reports.');
  }
}

function nextOrderId(drafts: CyberDrafts, s: CyberState, seat: NationId): { id: OrderId; issued: CyberDrafts['issued'] } {
  let n = (drafts.issued.find((i) => i.seat === seat)?.n ?? 0) + 1;
  // A 32-bit hash can collide: skip any count whose id is already taken this window.
  while (drafts.orders.some((o) => o.id === opaqueOrderId(s, seat, n))) n += 1;
  const issued = [...drafts.issued.filter((i) => i.seat !== seat), { seat, n }].sort((a, b) => (a.seat < b.seat ? -1 : 1));
  return { id: opaqueOrderId(s, seat, n), issued };
}

/** Opaque: the id reaches other seats inside request ids, and must not tell them how many orders this seat gave. */
function opaqueOrderId(s: CyberState, seat: NationId, n: number): OrderId {
  return `o-${hash32(`${s.seed}|${s.turn}|${seat}|${n}`).toString(36)}` as OrderId;
}

/**
 * The ruleset's `applyInput`: parses the input (it may come straight off the wire),
 * then validates it for this seat and returns the new drafts — or a rejection and no change.
 */
export function applyInput(s: CyberState, drafts: CyberDrafts, seat: NationId | 'facilitator', raw: unknown): Applied {
  const parsed = InputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return reject('bad-input', 'That input is malformed.');
    const where = issue.path.join('.') || '(root)';
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return reject('bad-input', missing ? `That input is missing the field ${where}.` : `That input is malformed at ${where}: ${issue.message}.`);
  }
  const input: Input = parsed.data;
  const same = (d: CyberDrafts): Applied => ok({ state: s, drafts: d, events: [] });
  if (input.type === 'facilitator') {
    if (seat !== 'facilitator') return reject('not-facilitator', 'Only the facilitator can do that.');
    return applyFacilitator(s, drafts, input.action);
  }
  if (input.type === 'requestSovereign') {
    const v = validateSovereignRequest(s, seat, input.offer);
    if (!v.ok) return v;
    if (drafts.sovereignRequests.some((r) => r.offer === input.offer)) return reject('already-requested', 'The CyOC already requested that effect this turn.');
    return same({ ...drafts, sovereignRequests: [...drafts.sovereignRequests, { offer: v.value.id, by: seat }] });
  }
  if (seat === 'facilitator') return reject('not-a-seat', 'The facilitator does not give orders for a nation.');
  switch (input.type) {
    case 'order': {
      const v = validateOrder(s, drafts, seat, input.order);
      if (!v.ok) return v;
      const { id, issued } = nextOrderId(drafts, s, seat);
      return same({ ...drafts, issued, orders: [...drafts.orders, { id, seat, order: input.order }] });
    }
    case 'withdraw': {
      const order = drafts.orders.find((o) => o.id === input.order && o.seat === seat);
      if (!order) return reject('unknown-order', 'You have no pending order with that id.');
      const request = `rq-${order.id}`;
      return same({ ...drafts, orders: drafts.orders.filter((o) => o !== order), answers: drafts.answers.filter((a) => a.request !== request) });
    }
    case 'answer': {
      const request = requestsOf(s, drafts).find((r) => r.id === input.request);
      if (!request || request.to !== seat) return reject('unknown-request', 'There is no such request addressed to you.');
      const answers = drafts.answers.filter((a) => a.request !== request.id);
      const next = { ...drafts, answers: [...answers, { seat, request: request.id as RequestId, accept: input.accept }] };
      if (request.kind === 'huntInvitation' && input.accept) {
        const v = validateHunt(s, seat, request.details.host);
        if (!v.ok) return v;
        if (capacityLeft(s, next, seat) < 0) return reject('not-enough-capacity', `Not enough capacity: a hunt-forward team costs ${s.rules.tunables.costs.huntForward}.`);
      }
      return same(next);
    }
  }
}

function applyFacilitator(s0: CyberState, drafts: CyberDrafts, a: FacilitatorInput): Applied {
  const s = cloneData(s0);
  const ev = new EventSink(s.turn);
  switch (a.type) {
    case 'fireInject': {
      const m = s.rules.msel.find((x) => x.id === a.msel);
      if (!m) return reject('unknown-inject', `There is no MSEL inject "${a.msel}".`);
      if (s.injects.some((i) => i.id === m.id)) return reject('inject-fired', `Inject "${m.title}" has already been fired.`);
      fireInject(s, ev, { id: m.id, title: m.title, text: m.text, availabilityHit: m.availabilityHit, intelGrant: m.intelGrant }, true);
      break;
    }
    case 'typedInject': {
      if (a.availabilityHit && !networkOf(s, a.availabilityHit.network)) return reject('unknown-network', `There is no network "${a.availabilityHit.network}".`);
      fireInject(s, ev, { id: `adhoc-${s.injects.length + 1}`, title: a.title, text: a.text, availabilityHit: a.availabilityHit, intelGrant: undefined }, false);
      break;
    }
    case 'awardReport': {
      const r = s.reports.find((x) => x.id === a.report);
      const nation = r && nationOf(s, r.nation);
      if (!r || !nation) return reject('unknown-report', `There is no report "${a.report}".`);
      if (r.released) nation.tally.reportPoints -= r.points ?? 0;
      else nation.tally.reportPointsHeld -= r.points ?? 0;
      r.points = a.points;
      r.released = a.release || r.released;
      if (r.released) nation.tally.reportPoints += a.points;
      else nation.tally.reportPointsHeld += a.points;
      ev.to([r.nation], 'ReportScored', r.released ? `The White Cell awarded your report ${a.points} point(s).` : 'The White Cell has read your report.', r.released ? { report: r.id, points: a.points } : { report: r.id });
      break;
    }
    case 'releaseReports': {
      for (const r of s.reports) {
        const nation = nationOf(s, r.nation);
        if (r.released || r.points === null || !nation) continue;
        r.released = true;
        nation.tally.reportPointsHeld -= r.points;
        nation.tally.reportPoints += r.points;
        ev.to([r.nation], 'ReportScored', `The White Cell awarded your report ${r.points} point(s).`, { report: r.id, points: r.points });
      }
      break;
    }
    case 'adjust': {
      const nation = nationOf(s, a.nation);
      if (!nation) return reject('unknown-nation', `There is no nation "${a.nation}".`);
      nation[a.field] += a.delta;
      ev.public('Adjudicated', `White Cell ruling: ${nation.name} ${a.field} ${a.delta >= 0 ? '+' : ''}${a.delta} (${a.reason}).`, { nation: nation.id, field: a.field, delta: a.delta });
      break;
    }
  }
  return ok({ state: s, drafts, events: ev.events });
}

interface InjectSpec {
  id: string;
  title: string;
  text: string;
  availabilityHit: { network: string; amount: number } | undefined;
  intelGrant: { nation: string; amount: number; vuln?: string | undefined } | undefined;
}

/** Reveals an inject and applies its mechanical consequence (mutates a state being built). */
export function fireInject(s: CyberState, ev: EventSink, m: InjectSpec, fromMsel: boolean): void {
  s.injects.push({ id: m.id, turn: s.turn, title: m.title, text: m.text, fromMsel });
  ev.public('InjectFired', `${m.title}: ${m.text}`, { inject: m.id });
  if (m.availabilityHit) {
    const n = networkOf(s, m.availabilityHit.network);
    if (n) n.availability = clamp(n.availability - m.availabilityHit.amount, 0, 100);
  }
  if (m.intelGrant) {
    const n = nationOf(s, m.intelGrant.nation);
    if (n) {
      n.intel += m.intelGrant.amount;
      const v = m.intelGrant.vuln;
      if (v && !n.knownVulns.includes(v as never)) n.knownVulns = [...n.knownVulns, v as never].sort();
      ev.to([n.id], 'IntelReceived', `You received ${m.intelGrant.amount} intel${v ? ` and a lead on ${v}` : ''}.`, { amount: m.intelGrant.amount });
    }
  }
}
