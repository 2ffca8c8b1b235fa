import { copyOf, nationOf, networkOf, resolveCopy } from './access.ts';
import type { CyberDrafts } from './drafts.ts';
import type { CyberState, NationId, RequestId, ShareTerms } from './types.ts';

/** What a seat is asked to answer this planning window. */
export type CyberRequest =
  | Base<'shareOffer', { capabilityName: string; kind: string; effect: string | null; power: number; freshness: number; terms: ShareTerms }>
  | Base<'tailorOffer', { kind: string; effect: string | null; power: number; vuln: string; terms: ShareTerms }>
  | Base<'dualKey', { importer: NationId; capabilityName: string; target: string; targetName: string }>
  | Base<'huntForward', { hunter: NationId; turns: number }>
  | Base<'huntInvitation', { host: NationId; turns: number }>
  | Base<'trainingOffer', { trainer: NationId }>
  | Base<'cyocRequest', { offer: string; effect: string; target: string }>;

interface Base<K extends string, D> {
  readonly id: RequestId;
  readonly kind: K;
  readonly from: NationId | 'facilitator';
  readonly to: NationId;
  readonly text: string;
  readonly details: D;
}

const rq = (id: string) => `rq-${id}` as RequestId;

/**
 * Requests are derived from the drafts, never stored: an order that needs another
 * seat's consent (share, tailor, dual-key use, hunt-forward, training) or a CyOC
 * request yields one request to that seat. Order of the list = order of submission.
 */
export function requestsOf(s: CyberState, drafts: CyberDrafts): CyberRequest[] {
  const out: CyberRequest[] = [];
  const name = (id: string) => nationOf(s, id)?.name ?? id;
  const huntTurns = s.rules.tunables.huntTurns;
  for (const { id, seat, order: o } of drafts.orders) {
    switch (o.type) {
      case 'share': {
        const copy = copyOf(s, o.copy);
        if (!copy) break;
        const { capability, exploit } = resolveCopy(s, copy);
        const terms = { ...o.terms, endUse: o.terms.endUse as ShareTerms['endUse'] };
        out.push({ id: rq(id), kind: 'shareOffer', from: seat, to: o.to as NationId, text: `${name(seat)} offers to share ${capability.name} with you.`, details: { capabilityName: capability.name, kind: capability.kind, effect: capability.effect, power: capability.power, freshness: exploit.freshness, terms } });
        break;
      }
      case 'tailor':
        out.push({ id: rq(id), kind: 'tailorOffer', from: seat, to: o.for as NationId, text: `${name(seat)} offers to build a ${o.kind} tool tailored for you.`, details: { kind: o.kind, effect: o.effect, power: o.power, vuln: o.vuln, terms: { ...o.terms, endUse: o.terms.endUse as ShareTerms['endUse'] } } });
        break;
      case 'operate': {
        const copy = copyOf(s, o.copy);
        if (!copy?.terms?.dualKey || !copy.from) break;
        const { capability } = resolveCopy(s, copy);
        const target = networkOf(s, o.target);
        out.push({ id: rq(id), kind: 'dualKey', from: seat, to: copy.from, text: `${name(seat)} asks your consent to use ${capability.name} against ${target?.name ?? o.target} (with your consent it goes ahead at the next resolution).`, details: { importer: seat, capabilityName: capability.name, target: o.target, targetName: target?.name ?? o.target } });
        break;
      }
      case 'huntForward':
        out.push({ id: rq(id), kind: 'huntForward', from: seat, to: o.host as NationId, text: `${name(seat)} offers to send a hunt-forward team into your networks.`, details: { hunter: seat, turns: o.turns ?? huntTurns } });
        break;
      case 'inviteHunt':
        out.push({ id: rq(id), kind: 'huntInvitation', from: seat, to: o.hunter as NationId, text: `${name(seat)} invites your hunt-forward team into its networks.`, details: { host: seat, turns: o.turns ?? huntTurns } });
        break;
      case 'train':
        out.push({ id: rq(id), kind: 'trainingOffer', from: seat, to: o.trainee as NationId, text: `${name(seat)} offers to train your team on its cyber range.`, details: { trainer: seat } });
        break;
      default:
        break;
    }
  }
  for (const r of drafts.sovereignRequests) {
    const offer = s.offers.find((o) => o.id === r.offer);
    if (!offer) continue;
    out.push({ id: rq(offer.id), kind: 'cyocRequest', from: r.by, to: offer.nation, text: `The CyOC requests your sovereign ${offer.effect} effect on ${networkOf(s, offer.target)?.name ?? offer.target}.`, details: { offer: offer.id, effect: offer.effect, target: offer.target } });
  }
  return out;
}

export const requestIdOfOrder = (orderId: string): RequestId => rq(orderId);
