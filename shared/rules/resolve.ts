import type { GameEvent } from '../engine/ruleset.ts';
import type { RngSource } from '../engine/rng.ts';
import { clamp, isAlly, nationOf, nextId, round1 } from './access.ts';
import { resolvePublicAttribution } from './attribution.ts';
import { completeProjects, startProject, validateTailor } from './develop.ts';
import { resolveDefend } from './defend.ts';
import { answerTo, type CyberDrafts, type DraftOrder } from './drafts.ts';
import { EventSink } from './events.ts';
import { decayFreshness, deconflictionRisk, publishPatches } from './freshness.ts';
import { deployMission, runHunts } from './hunt-forward.ts';
import { fireInject } from './inputs.ts';
import { resolveLeaks } from './leaks.ts';
import { executeOperation, validateOperate } from './operate.ts';
import { requestIdOfOrder } from './requests.ts';
import { checkObjectives } from './scoring.ts';
import { resolveShareIntel, transferCopy, validateShare } from './share.ts';
import { executeSovereignEffects, expireOffers, publishOffer, settleSovereignRequests, validateSovereignOffer } from './sovereign.ts';
import { completeTrainings, startTraining } from './train.ts';
import type { Copy, CyberState, NationId, Network, ReportId } from './types.ts';
import { cloneData } from '../engine/clone.ts';

/**
 * `resolve(state, orders, rng) → { state, events }` (docs/design.md §3): every draft at once,
 * in the fixed order transfers → hunt-forward → defence → operations (last turn's consented
 * dual-key uses first; consented uses of this turn wait for the next; sovereign executions) → discovery and patching → attribution → leaks → adversary moves →
 * availability and scoring → time decay and expiries. Pure: the input state is not touched.
 */
export function resolveTurn(input: CyberState, drafts: CyberDrafts, rng: RngSource): { state: CyberState; events: GameEvent[] } {
  const s = cloneData(input);
  const ev = new EventSink(s.turn);
  const orders = drafts.orders;
  const accepted = (o: DraftOrder) => answerTo(drafts, requestIdOfOrder(o.id)) === true;
  const lapse = (o: DraftOrder, why: string) => ev.to([o.seat], 'OrderLapsed', `Your ${o.order.type} order lapsed: ${why}`, { order: o.id });
  const declined = (o: DraftOrder, who: string) => ev.to([o.seat], 'OfferDeclined', `${nationOf(s, who)?.name ?? who} did not accept your ${o.order.type} offer.`, { order: o.id });

  // 1. Transfers and other agreements that need no roll.
  for (const o of orders) {
    const x = o.order;
    switch (x.type) {
      case 'share': {
        if (!accepted(o)) declined(o, x.to);
        else {
          const v = validateShare(s, o.seat, x.copy, x.to, x.terms);
          if (v.ok) transferCopy(s, ev, o.seat, x.to as NationId, v.value.copy, v.value.terms);
          else lapse(o, v.error.message);
        }
        break;
      }
      case 'tailor': {
        if (!accepted(o)) declined(o, x.for);
        else {
          const v = validateTailor(s, o.seat, x);
          if (v.ok) startProject(s, ev, o.seat, x, v.value);
          else lapse(o, v.error.message);
        }
        break;
      }
      case 'develop':
        startProject(s, ev, o.seat, x, null);
        break;
      case 'train':
        if (accepted(o)) startTraining(s, ev, o.seat, x.trainee as NationId);
        else declined(o, x.trainee);
        break;
      case 'shareIntel':
        resolveShareIntel(s, ev, o.seat, x.to as NationId, x.network);
        break;
      case 'sovereignOffer': {
        const v = validateSovereignOffer(s, o.seat, x.copy, x.target);
        if (v.ok) publishOffer(s, ev, o.seat, x.copy, x.target, x.window);
        else lapse(o, v.error.message);
        break;
      }
      case 'report': {
        const id = nextId<ReportId>(s, 'r');
        s.reports.push({ id, nation: o.seat, turn: s.turn, text: x.text, points: null, released: false });
        ev.to([o.seat], 'ReportFiled', 'Your situation report reached the White Cell.', { report: id });
        break;
      }
      default:
        break;
    }
  }
  settleSovereignRequests(
    s,
    ev,
    drafts.sovereignRequests.flatMap((r) => {
      const offer = s.offers.find((o) => o.id === r.offer && o.status === 'open');
      return offer ? [{ offer, accept: answerTo(drafts, `rq-${offer.id}` as never) }] : [];
    }),
  );

  // 2. Hunt-forward deployments, then every deployed team hunts.
  for (const o of orders) {
    const x = o.order;
    if (x.type !== 'huntForward' && x.type !== 'inviteHunt') continue;
    const [hunter, host] = x.type === 'huntForward' ? [o.seat, x.host as NationId] : [x.hunter as NationId, o.seat];
    if (accepted(o)) deployMission(s, ev, hunter, host, x.turns ?? s.rules.tunables.huntTurns);
    else declined(o, x.type === 'huntForward' ? host : hunter);
  }
  runHunts(s, ev, rng);

  // 3. Defence.
  for (const o of orders) if (o.order.type === 'defend') resolveDefend(s, ev, o.seat, o.order.network, o.order.action);

  // 4. Dual-key uses consented to last turn, operations by allies, then sovereign executions.
  executeConsented(s, ev, rng);
  operations(s, ev, rng, orders.filter((o) => isAlly(s, o.seat)), drafts);
  executeSovereignEffects(s, ev, (id) => rng.stream(`sovereign:${id}`));

  // 5. Discovery and patching.
  deconflictionRisk(s, ev, rng);
  publishPatches(s, ev);

  // 6. Public attributions.
  for (const o of orders) if (o.order.type === 'attribute') resolvePublicAttribution(s, ev, o.seat, o.order.incident, o.order.accused as NationId);

  // 7. Leaks.
  resolveLeaks(s, ev, rng);

  // 8. Adversary moves.
  operations(s, ev, rng, orders.filter((o) => !isAlly(s, o.seat)), drafts);

  // 9. Availability and scoring.
  availability(s);

  // 10. Time decay and expiries.
  decayFreshness(s);
  completeProjects(s, ev);
  completeTrainings(s, ev);
  expireOffers(s);
  for (const c of s.copies) {
    if (c.expiresTurn === s.turn) ev.to([c.holder], 'CopyExpired', `Your copy of ${s.capabilities.find((k) => k.id === c.capability)?.name} expires at the end of this turn.`, { copy: c.id });
  }
  checkObjectives(s, ev);
  return { state: s, events: ev.events };
}

function operations(s: CyberState, ev: EventSink, rng: RngSource, orders: readonly DraftOrder[], drafts: CyberDrafts): void {
  for (const o of orders) {
    if (o.order.type !== 'operate') continue;
    const v = validateOperate(s, o.seat, o.order.copy, o.order.target);
    if (!v.ok) {
      ev.to([o.seat], 'OrderLapsed', `Your operation lapsed: ${v.error.message}`, { order: o.id });
      continue;
    }
    const consent = v.value.copy.terms?.dualKey ? answerTo(drafts, requestIdOfOrder(o.id)) : null;
    if (consent === true) {
      deferConsented(s, ev, o.id, o.seat, v.value.copy, v.value.target);
      continue;
    }
    executeOperation(s, ev, rng.stream(`op:${o.id}`), { user: o.seat, copy: v.value.copy, target: v.value.target, consent, sovereign: false });
  }
}

/**
 * Dual-key costs tempo (docs/design.md §4.2): a use the exporter consented to in this
 * planning window does not go ahead now but at the next resolution, before that turn's
 * other operations. Nothing burns and nothing rolls until then.
 */
function deferConsented(s: CyberState, ev: EventSink, id: string, user: NationId, copy: Copy, target: Network): void {
  s.consented.push({ id, user, copy: copy.id, target: target.id, consentTurn: s.turn });
  const capability = s.capabilities.find((c) => c.id === copy.capability);
  const exporter = copy.from ? nationOf(s, copy.from) : undefined;
  const text = `${exporter?.name ?? 'The exporter'} consented: ${nationOf(s, user)?.name ?? user} uses ${capability?.name ?? 'the tool'} against ${target.name} at the next resolution (dual-key costs a turn).`;
  ev.to([user], 'OperationDeferred', text, { copy: copy.id, target: target.id, order: id });
  // The exporter learns the same, without the importer's private copy and order ids.
  if (exporter) ev.to([exporter.id], 'OperationDeferred', text, { target: target.id });
}

/** Executes last turn's consented dual-key uses, each checked again against today's state. */
function executeConsented(s: CyberState, ev: EventSink, rng: RngSource): void {
  const due = s.consented.filter((c) => c.consentTurn < s.turn);
  s.consented = s.consented.filter((c) => c.consentTurn >= s.turn);
  for (const c of due) {
    const v = validateOperate(s, c.user, c.copy, c.target);
    if (!v.ok) {
      ev.to([c.user], 'OrderLapsed', `Your consented operation lapsed: ${v.error.message}`, { order: c.id });
      continue;
    }
    executeOperation(s, ev, rng.stream(`consented:${c.id}`), { user: c.user, copy: v.value.copy, target: v.value.target, consent: true, sovereign: false });
  }
}

/** Undiscovered adversary implants drain their networks; every network recovers a little; uptime is scored. */
function availability(s: CyberState): void {
  const t = s.rules.tunables;
  for (const n of s.networks) {
    const drains = s.implants.filter((i) => i.network === n.id && !i.discovered && !isAlly(s, i.owner) && isAlly(s, n.owner)).length;
    n.availability = round1(clamp(n.availability - drains * t.implantDrain + t.recovery, 0, 100));
  }
  for (const nation of s.nations) {
    const mine = s.networks.filter((n) => n.owner === nation.id);
    if (mine.length === 0) continue;
    nation.tally.availabilityPoints = round1(nation.tally.availabilityPoints + mine.reduce((sum, n) => sum + n.availability, 0) / mine.length / 100);
  }
  const adv = s.nations.find((n) => !isAlly(s, n.id));
  if (adv) adv.intel += s.implants.filter((i) => i.owner === adv.id && !i.discovered).length;
}

/** Briefing (docs/design.md §3): the turn starts and this turn's MSEL injects are revealed. */
export function briefTurn(input: CyberState, turn: number): { state: CyberState; events: GameEvent[] } {
  // Most turns reveal no inject: then only the turn changes, and the rest is shared.
  if (!input.rules.msel.some((m) => m.turn === turn && !input.injects.some((i) => i.id === m.id))) return { state: { ...input, turn }, events: [] };
  const s = cloneData(input);
  s.turn = turn;
  const ev = new EventSink(turn);
  for (const m of s.rules.msel) {
    if (m.turn !== turn || s.injects.some((i) => i.id === m.id)) continue;
    fireInject(s, ev, { id: m.id, title: m.title, text: m.text, availabilityHit: m.availabilityHit, intelGrant: m.intelGrant }, true);
  }
  return { state: s, events: ev.events };
}
