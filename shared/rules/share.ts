import { ok, reject, type Result } from '../engine/result.ts';
import { adjustTrust, copyExpired, copyOf, isAlly, nationOf, networkOf, nextId, resolveCopy } from './access.ts';
import type { EventSink } from './events.ts';
import type { ShareTermsInput } from './orders.ts';
import type { Copy, CyberState, NationId, ShareTerms } from './types.ts';

/** Turns order terms into state terms, checking end-use targets exist. */
export function toTerms(s: CyberState, t: ShareTermsInput): Result<ShareTerms> {
  if (t.endUse) {
    for (const id of t.endUse) {
      const n = networkOf(s, id);
      if (!n) return reject('unknown-network', `End-use names a network that does not exist: "${id}".`);
      if (isAlly(s, n.owner)) return reject('allied-end-use', `End-use may only list adversary networks; ${n.name} belongs to an ally.`);
    }
  }
  return ok({ compiledOnly: t.compiledOnly, dualKey: t.dualKey, watermark: t.watermark, expiresAfter: t.expiresAfter, endUse: t.endUse ? [...new Set(t.endUse)].sort() as ShareTerms['endUse'] : null });
}

/**
 * Share (docs/design.md §4.2): only to an ally; a compiled-only copy cannot be re-shared; an
 * expired or burned copy is worth nothing. Whether the ally already holds a copy is not
 * checked: that would tell the exporter who else holds it (docs/design.md §6). A second copy
 * under other terms is simply a second copy.
 */
export function validateShare(s: CyberState, seat: NationId, copyId: string, to: string, terms: ShareTermsInput): Result<{ copy: Copy; terms: ShareTerms }> {
  const copy = copyOf(s, copyId);
  if (!copy || copy.holder !== seat) return reject('capability-not-held', 'You do not hold that capability.');
  if (!isAlly(s, seat)) return reject('adversary-cannot-share', 'The adversary does not share with the coalition.');
  if (to === seat) return reject('share-with-self', 'You cannot share a capability with yourself.');
  const importer = nationOf(s, to);
  if (!importer) return reject('unknown-nation', `There is no nation "${to}".`);
  if (importer.side !== 'ally') return reject('not-an-ally', 'You can only share with an ally.');
  if (copy.terms?.compiledOnly) return reject('compiled-only', 'This copy was shared with you compiled-only: you cannot re-share it.');
  if (copyExpired(copy, s.turn)) return reject('copy-expired', `Your copy expired after turn ${copy.expiresTurn}.`);
  const { capability, exploit } = resolveCopy(s, copy);
  if (exploit.patched || exploit.freshness <= 0) return reject('exploit-burned', `${capability.name} is burned; sharing it would give nothing.`);
  const t = toTerms(s, terms);
  if (!t.ok) return t;
  return ok({ copy, terms: t.value });
}

/** The transfer itself, at the start of resolution: the importer gets a copy of the same exploit. */
export function transferCopy(s: CyberState, ev: EventSink, from: NationId, to: NationId, source: Copy, terms: ShareTerms): void {
  const { capability } = resolveCopy(s, source);
  const copy: Copy = {
    id: nextId(s, 'k'),
    capability: capability.id,
    holder: to,
    from,
    terms,
    receivedTurn: s.turn,
    // It arrives during this resolution, so its N turns of use are the N turns that follow.
    expiresTurn: terms.expiresAfter === null ? null : s.turn + terms.expiresAfter,
    leaked: false,
  };
  s.copies.push(copy);
  const exporter = nationOf(s, from);
  const importer = nationOf(s, to);
  if (exporter) exporter.influence += 2;
  adjustTrust(s, from, to, 5);
  ev.to([from, to], 'CapabilityShared', `${exporter?.name} shared ${capability.name} with ${importer?.name}.`, { capability: capability.id, from, to, terms });
}

/** Intel sharing about one network: deconflicts two allies' implants there, and the recipient piggybacks (+1 intel). */
export function validateShareIntel(s: CyberState, seat: NationId, to: string, networkId: string): Result<void> {
  if (!isAlly(s, seat)) return reject('adversary-cannot-share', 'The adversary does not share with the coalition.');
  if (to === seat || !nationOf(s, to) || !isAlly(s, to)) return reject('not-an-ally', 'Share intel with another ally.');
  if (!s.implants.some((i) => i.owner === seat && i.network === networkId && !i.discovered)) return reject('no-implant', 'You have no access on that network to share intel about.');
  return ok(undefined);
}

export function resolveShareIntel(s: CyberState, ev: EventSink, seat: NationId, to: NationId, network: string): void {
  if (!validateShareIntel(s, seat, to, network).ok) return;
  const [a, b] = seat < to ? [seat, to] : [to, seat];
  if (!s.deconflicted.some((d) => d.a === a && d.b === b && d.network === network)) s.deconflicted.push({ a, b, network: network as never });
  const recipient = nationOf(s, to);
  if (recipient) recipient.intel += 1;
  adjustTrust(s, seat, to, 3);
  const name = networkOf(s, network)?.name ?? network;
  ev.to([seat, to], 'IntelShared', `${nationOf(s, seat)?.name} shared intelligence about ${name} with ${recipient?.name}.`, { network, from: seat, to });
}
