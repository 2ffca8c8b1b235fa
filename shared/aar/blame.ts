import type { GameEvent } from '../engine/ruleset.ts';
import type { Copy, CyberState, Incident } from '../rules/types.ts';
import type { Namer } from './decisions.ts';
import type { LeakLine, MisattributionLine } from './types.ts';

const data = (e: GameEvent, key: string): unknown => e.data?.[key];

/** The copy an incident was made with: the `OperationResolved` event of the incident names it. */
function copyOfIncident(s: CyberState, events: readonly GameEvent[], incident: Incident): Copy | undefined {
  const ev = events.find((e) => e.type === 'OperationResolved' && data(e, 'incident') === incident.id);
  const id = ev ? data(ev, 'copy') : undefined;
  return s.copies.find((c) => c.id === id) ?? s.copies.find((c) => c.holder === incident.user && c.capability === incident.capability && c.receivedTurn <= incident.turn);
}

/** Allies other than `user` and the author who held a copy of the same capability at `turn`. */
function otherHolders(s: CyberState, capability: string, user: string, author: string, turn: number): string[] {
  const holders = s.copies.filter((c) => c.capability === capability && c.receivedTurn <= turn && !c.leaked && c.holder !== user && c.holder !== author).map((c) => c.holder as string);
  return [...new Set(holders)].sort();
}

/**
 * Every misattribution of a match with its true cause (docs/design.md §4.1: blame falls on the
 * capability's fingerprint — its origin — unless the copy carries the user's watermark;
 * blamed ≠ user is a misattribution; §4.2 the NotPetya pattern; §4.9 public accusations):
 *
 * - `leaked-copy`: the adversary used a copy that leaked from an ally, and the fingerprint
 *   named the author;
 * - `shared-copy`: an ally used a copy another ally shared without watermark;
 * - `tailored-copy`: a tool tailored for the user without watermark carries its maker's fingerprint;
 * - `own-fingerprint`: any other use blamed on the fingerprint (kept so nothing is dropped);
 * - `public-accusation`: a nation publicly accused the wrong nation (AttributionTruth).
 */
export function misattributions(s: CyberState, events: readonly GameEvent[], name: Namer): MisattributionLine[] {
  const out: MisattributionLine[] = [];
  for (const i of s.incidents) {
    if (i.blamed === null || i.blamed === i.user) continue;
    const capability = s.capabilities.find((c) => c.id === i.capability);
    const exploit = capability?.exploit ?? '';
    const capName = capability?.name ?? i.capability;
    const copy = copyOfIncident(s, events, i);
    const origin = capability?.origin ?? i.blamed;
    const what = `${i.kind === 'effect' ? `the ${i.effect} attack` : 'the intrusion'} on ${name(i.network)}`;
    const base = `${name(i.victim)} blamed ${name(i.blamed)} for ${what} (turn ${i.turn}); the true user was ${name(i.user)}, with ${capName}.`;
    let cause: MisattributionLine['cause'];
    let why: string;
    if (copy?.leaked) {
      const leak = events.find((e) => e.type === 'CapabilityLeaked' && data(e, 'capability') === i.capability);
      const holder = leak ? String(data(leak, 'holder') ?? '') : '';
      const exporter = leak ? data(leak, 'exporter') : null;
      cause = 'leaked-copy';
      why = `${capName} had leaked to ${name(i.user)}${leak ? ` on turn ${leak.turn} from ${name(holder)}'s copy${typeof exporter === 'string' ? ` (shared by ${name(exporter)})` : ''}` : ''}; its fingerprint is ${name(origin)}'s, so ${name(origin)} took the blame.`;
    } else if (capability?.tailoredFor && copy?.from) {
      cause = 'tailored-copy';
      why = `${name(origin)} tailored ${capName} for ${name(i.user)} without the importer's watermark, so the fingerprint pointed at its maker.`;
    } else if (copy?.from) {
      const others = otherHolders(s, i.capability, i.user, origin, i.turn);
      cause = 'shared-copy';
      why = `${name(i.user)} used a copy ${name(copy.from)} shared on turn ${copy.receivedTurn} without the importer's watermark; the fingerprint is ${name(origin)}'s, so ${name(origin)} took the blame${others.length > 0 ? `. Other holders of a copy then: ${others.map(name).join(', ')}` : ''}.`;
    } else {
      cause = 'own-fingerprint';
      why = `The fingerprint of ${capName} is ${name(origin)}'s.`;
    }
    out.push({ turn: i.turn, incident: i.id, network: i.network, victim: i.victim, blamed: i.blamed, user: i.user, capability: i.capability, capabilityName: capName, exploit, cause, explanation: `${base} ${why}` });
  }
  for (const e of events) {
    if (e.type !== 'PubliclyAttributed') continue;
    const incident = s.incidents.find((i) => i.id === data(e, 'incident'));
    const accuser = String(data(e, 'accuser') ?? '');
    const accused = String(data(e, 'accused') ?? '');
    if (!incident || accused === incident.user) continue;
    const capability = s.capabilities.find((c) => c.id === incident.capability);
    out.push({
      turn: e.turn,
      incident: incident.id,
      network: incident.network,
      victim: incident.victim,
      blamed: accused,
      user: incident.user,
      capability: incident.capability,
      capabilityName: capability?.name ?? incident.capability,
      exploit: capability?.exploit ?? '',
      cause: 'public-accusation',
      explanation: `${name(accuser)} publicly accused ${name(accused)} of incident ${incident.id} on ${name(incident.network)} (turn ${incident.turn}); the true user was ${name(incident.user)}.${incident.blamed === accused ? ` The victim's own attribution had already named ${name(accused)} by the fingerprint.` : ''}`,
    });
  }
  return out.sort((a, b) => a.turn - b.turn);
}

/**
 * Every leak (docs/design.md §4.2: each extra holder's copy may leak to the adversary each turn,
 * (1 − hygiene) × base, doubled without compiled-only) with its true cause: whose copy, shared
 * by whom and when, under which terms — and what the adversary did with it afterwards.
 */
export function leaks(s: CyberState, events: readonly GameEvent[], name: Namer): LeakLine[] {
  return events
    .filter((e) => e.type === 'CapabilityLeaked')
    .map((e): LeakLine => {
      const capability = String(data(e, 'capability') ?? '');
      const holder = String(data(e, 'holder') ?? '');
      const exporterRaw = data(e, 'exporter');
      const exporter = typeof exporterRaw === 'string' ? exporterRaw : null;
      const cap = s.capabilities.find((c) => c.id === capability);
      const source = s.copies.find((c) => c.holder === holder && c.capability === capability && c.from === exporter && c.receivedTurn <= e.turn);
      const hygiene = s.nations.find((n) => n.id === holder)?.hygiene ?? null;
      const adversaryUses = s.incidents.filter((i) => i.capability === capability && i.turn >= e.turn && s.nations.find((n) => n.id === i.user)?.side === 'adversary');
      const compiledOnly = source ? (source.terms?.compiledOnly ?? true) : null;
      const capName = cap?.name ?? capability;
      const uses = adversaryUses.map((i) => `${i.id} on ${name(i.network)} (turn ${i.turn}${i.blamed ? `, blamed on ${name(i.blamed)}` : ''})`);
      const explanation =
        `${capName} leaked to the adversary from ${name(holder)}'s copy` +
        (exporter ? `, shared by ${name(exporter)}${source ? ` on turn ${source.receivedTurn}` : ''}` : '') +
        (compiledOnly === false ? ' as source, not compiled-only (double leak risk)' : compiledOnly ? ' compiled-only' : '') +
        (hygiene !== null ? `; ${name(holder)}'s hygiene is ${hygiene}` : '') +
        `. ${uses.length > 0 ? `The adversary then used it: ${uses.join('; ')}.` : 'The adversary did not use it in the record.'}`;
      return { turn: e.turn, capability, capabilityName: capName, holder, exporter, sharedTurn: source?.receivedTurn ?? null, compiledOnly, hygiene, laterUses: adversaryUses.map((i) => i.id), explanation };
    });
}
