import { ok, reject, type Result } from '../engine/result.ts';
import type { Rng } from '../engine/rng.ts';
import { adjustTrust, allies, copyOf, nationOf, networkOf, nextId, resolveCopy } from './access.ts';
import type { EventSink } from './events.ts';
import { executeOperation, validateOperate } from './operate.ts';
import type { CyberState, NationId, SovereignOffer } from './types.ts';

/**
 * Sovereign effects (docs/design.md §4.5): a nation announces an effect on a target without
 * revealing how. The offer must be something it could execute now, under its own command:
 * not a dual-key copy, whose every use needs the exporter's consent. Others see the
 * effect and the target, never the capability behind it.
 */
export function validateSovereignOffer(s: CyberState, seat: NationId, copyId: string, target: string): Result<void> {
  const v = validateOperate(s, seat, copyId, target);
  if (!v.ok) return v;
  const { capability } = resolveCopy(s, v.value.copy);
  if (capability.kind !== 'effect') return reject('not-an-effect', 'A sovereign offer needs an effect capability, not an espionage one.');
  // Sovereign means under the nation's own command with its own means: a copy it imported
  // would burn its author's exploit, which is exactly what sovereign effects avoid.
  if (capability.origin !== seat) return reject('not-your-own', `${capability.name} was written by another nation; a sovereign offer must rest on a capability you wrote.`);
  if (s.offers.some((o) => o.copy === copyId && o.target === target && (o.status === 'open' || o.status === 'accepted'))) {
    return reject('already-offered', 'You already have an open offer of that effect on that target.');
  }
  return ok(undefined);
}

export function publishOffer(s: CyberState, ev: EventSink, seat: NationId, copyId: string, target: string, window: number): void {
  const copy = copyOf(s, copyId);
  const network = networkOf(s, target);
  if (!copy || !network) return;
  const { capability } = resolveCopy(s, copy);
  if (!capability.effect) return;
  const offer: SovereignOffer = { id: nextId(s, 'so'), nation: seat, effect: capability.effect, target: network.id, copy: copy.id, until: s.turn + window, status: 'open', executeTurn: null };
  s.offers.push(offer);
  ev.public('SovereignOfferMade', `${nationOf(s, seat)?.name} offers a sovereign ${offer.effect} effect on ${network.name} until turn ${offer.until}.`, {
    offer: offer.id,
    nation: seat,
    effect: offer.effect,
    target: network.id,
  });
}

/** Who may request a sovereign effect: the CyOC (the facilitator or a designated nation). */
export function validateSovereignRequest(s: CyberState, by: NationId | 'facilitator', offerId: string): Result<SovereignOffer> {
  if (s.rules.cyoc !== by) return reject('not-cyoc', s.rules.cyoc === 'facilitator' ? 'Only the facilitator, as CyOC, requests sovereign effects.' : `Only the CyOC (${s.rules.cyoc}) requests sovereign effects.`);
  const offer = s.offers.find((o) => o.id === offerId);
  if (!offer) return reject('unknown-offer', `There is no sovereign offer "${offerId}".`);
  if (offer.status !== 'open') return reject('offer-not-open', `That offer is ${offer.status}.`);
  if (offer.until < s.turn) return reject('offer-expired', 'That offer has expired.');
  return ok(offer);
}

/**
 * CyOC answers, at the start of resolution: accepted ⇒ executed after the coordination
 * delay; declined or unanswered ⇒ a trust cost with every ally.
 */
export function settleSovereignRequests(s: CyberState, ev: EventSink, requested: readonly { offer: SovereignOffer; accept: boolean | null }[]): void {
  for (const { offer, accept } of requested) {
    const nation = nationOf(s, offer.nation);
    if (!nation) continue;
    if (accept) {
      offer.status = 'accepted';
      offer.executeTurn = s.turn + s.rules.tunables.coordinationDelay;
      ev.public('SovereignRequestAccepted', `${nation.name} accepted the CyOC request and will deliver the ${offer.effect} effect${offer.executeTurn > s.turn ? ' next turn' : ' this turn'}.`, { offer: offer.id });
    } else {
      offer.status = 'declined';
      nation.tally.sovereignDeclined += 1;
      nation.reputation += s.rules.tunables.reputation.declined;
      for (const a of allies(s)) if (a.id !== nation.id) adjustTrust(s, a.id, nation.id, -5);
      ev.public('SovereignRequestDeclined', `${nation.name} declined the CyOC request for its ${offer.effect} effect${accept === null ? ' (no answer in time)' : ''}.`, { offer: offer.id });
    }
  }
}

/** Executes accepted offers due this turn under the owner's command: an Operate with its hidden capability. */
export function executeSovereignEffects(s: CyberState, ev: EventSink, rng: (offer: string) => Rng): void {
  for (const offer of s.offers) {
    if (offer.status !== 'accepted' || offer.executeTurn !== s.turn) continue;
    const nation = nationOf(s, offer.nation);
    const network = networkOf(s, offer.target);
    const v = validateOperate(s, offer.nation, offer.copy, offer.target);
    if (!v.ok || !nation || !network) {
      offer.status = 'failed';
      ev.public('SovereignEffectFailed', `${nation?.name ?? offer.nation} could not deliver the ${offer.effect} effect on ${network?.name ?? offer.target}.`, { offer: offer.id });
      continue;
    }
    const incident = executeOperation(s, ev, rng(offer.id), { user: offer.nation, copy: v.value.copy, target: v.value.target, consent: true, sovereign: true });
    offer.status = incident?.success ? 'executed' : 'failed';
    if (incident?.success) {
      nation.tally.sovereignHonoured += 1;
      for (const a of allies(s)) if (a.id !== nation.id) adjustTrust(s, a.id, nation.id, 3);
    }
    ev.public(incident?.success ? 'SovereignEffectDelivered' : 'SovereignEffectFailed', `${nation.name} ${incident?.success ? 'delivered' : 'failed to deliver'} the sovereign ${offer.effect} effect on ${network.name}.`, {
      offer: offer.id,
    });
  }
}

/** Open offers past their window expire. */
export function expireOffers(s: CyberState): void {
  for (const o of s.offers) if (o.status === 'open' && o.until <= s.turn) o.status = 'expired';
}
