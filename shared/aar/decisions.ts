import type { GameEvent } from '../engine/ruleset.ts';
import type { CyberState, Project, ShareTerms } from '../rules/types.ts';
import type { ChatLine, Decision, ShareTermsLine } from './types.ts';

/** Looks up display names; unknown ids are shown as they are. */
export type Namer = (id: string) => string;

export function termsLine(t: ShareTerms | null | undefined): ShareTermsLine {
  return {
    compiledOnly: t?.compiledOnly ?? true,
    dualKey: t?.dualKey ?? false,
    watermark: t?.watermark ?? false,
    expiresAfter: t?.expiresAfter ?? null,
    endUse: t?.endUse ? [...t.endUse] : null,
  };
}

/** The terms as a reader says them: "compiled-only, dual-key, expires after 3 turns". */
export function describeTerms(t: ShareTermsLine, name: Namer): string {
  const parts: string[] = [];
  parts.push(t.compiledOnly ? 'compiled-only' : 'source (may be adapted and re-shared)');
  if (t.dualKey) parts.push('dual-key');
  if (t.watermark) parts.push("importer's watermark");
  if (t.expiresAfter !== null) parts.push(`expires after ${t.expiresAfter} turn(s)`);
  if (t.endUse) parts.push(`end-use: ${t.endUse.map(name).join(', ')}`);
  return parts.join(', ');
}

const data = (e: GameEvent, key: string): unknown => e.data?.[key];
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Finds the exchange that led to a share (see exchanges.ts); injected so that decisions stay independent of the log format of messages. */
export type ExchangeFinder = (share: { turn: number; exporter: string; importer: string; capability: string }) => readonly ChatLine[];

/**
 * The key decisions of a match, in turn order (docs/design.md §4.2, §4.3, §4.5, §4.6): every
 * share with its terms, every tailored tool, every sovereign offer and what became of it
 * (requested? honoured = executed, declined, failed, expired), every hunt-forward mission
 * with its findings. Read from the facilitator's events and the state after each turn.
 */
export function keyDecisions(states: readonly CyberState[], final: CyberState, events: readonly GameEvent[], name: Namer, exchange: ExchangeFinder): Decision[] {
  const out: Decision[] = [];
  const capName = (id: string) => final.capabilities.find((c) => c.id === id)?.name ?? id;

  for (const e of events) {
    if (e.type !== 'CapabilityShared') continue;
    const exporter = str(data(e, 'from'));
    const importer = str(data(e, 'to'));
    const capability = str(data(e, 'capability'));
    const terms = termsLine(data(e, 'terms') as ShareTerms | undefined);
    out.push({
      kind: 'share',
      turn: e.turn,
      exporter,
      importer,
      capability,
      capabilityName: capName(capability),
      terms,
      exchange: exchange({ turn: e.turn, exporter, importer, capability }),
      text: `${name(exporter)} shared ${capName(capability)} with ${name(importer)} (${describeTerms(terms, name)}).`,
    });
  }

  const tailored = new Map<string, { project: Project; turn: number }>();
  states.forEach((s, t) => {
    for (const p of s.projects) if (p.kind === 'tailor' && !tailored.has(p.id)) tailored.set(p.id, { project: p, turn: t });
  });
  for (const { project: p, turn } of tailored.values()) {
    const delivered = events.some((e) => e.type === 'CapabilityDeveloped' && data(e, 'project') === p.id);
    const abandoned = events.some((e) => e.type === 'ProjectFailed' && data(e, 'project') === p.id);
    const outcome = delivered ? 'delivered' : abandoned ? 'abandoned' : 'in progress';
    const watermark = p.terms?.watermark ?? false;
    out.push({
      kind: 'tailor',
      turn,
      exporter: p.nation,
      importer: p.for,
      name: p.name,
      due: p.due,
      outcome,
      watermark,
      text: `${name(p.nation)} tailored ${p.name} (${p.capKind}${p.effect ? ` ${p.effect}` : ''}, power ${p.power}) for ${name(p.for)}, due after turn ${p.due}: ${outcome}${watermark ? ", with the importer's watermark" : ', without watermark'}.`,
    });
  }

  for (const o of final.offers) {
    const made = events.find((e) => e.type === 'SovereignOfferMade' && data(e, 'offer') === o.id);
    const answer = events.find((e) => (e.type === 'SovereignRequestAccepted' || e.type === 'SovereignRequestDeclined') && data(e, 'offer') === o.id);
    const unanswered = answer?.type === 'SovereignRequestDeclined' && answer.text.includes('no answer');
    const turn = made?.turn ?? Math.max(0, o.until - 1);
    const outcome: Record<string, string> = {
      executed: 'requested and honoured: the effect was delivered',
      failed: 'requested and accepted, but the effect failed',
      declined: unanswered ? 'requested, and declined by not answering in time' : 'requested and declined',
      expired: 'never requested: it expired',
      open: 'still open when the record ends',
      accepted: 'requested and accepted; not yet executed when the record ends',
    };
    out.push({
      kind: 'offer',
      turn,
      nation: o.nation,
      offer: o.id,
      effect: o.effect,
      target: o.target,
      until: o.until,
      requested: answer !== undefined,
      requestedTurn: answer?.turn ?? null,
      status: o.status,
      text: `${name(o.nation)} offered a sovereign ${o.effect} effect on ${name(o.target)} until turn ${o.until}: ${outcome[o.status] ?? o.status}.`,
    });
  }

  for (const m of final.missions) {
    const findings = m.findings.map((f) => ({ turn: f.turn, network: f.network, exploit: f.exploit, author: final.exploits.find((x) => x.id === f.exploit)?.author ?? '' }));
    const tool = (exploit: string) => final.capabilities.filter((c) => c.exploit === exploit).map((c) => c.name).join('/') || exploit;
    const found = findings.length === 0 ? 'found nothing' : `found ${findings.length} adversary implant(s): ${findings.map((f) => `on ${name(f.network)} (turn ${f.turn}, made with ${tool(f.exploit)})`).join('; ')}`;
    out.push({
      kind: 'hunt',
      turn: m.started,
      hunter: m.hunter,
      host: m.host,
      mission: m.id,
      until: m.until,
      findings,
      text: `${name(m.hunter)} hunted forward in ${name(m.host)}'s networks, turns ${m.started}–${m.until}: ${found}.`,
    });
  }

  const order: Record<Decision['kind'], number> = { share: 0, tailor: 1, offer: 2, hunt: 3 };
  // Stable: within a turn, by kind, then as found (events and state arrays are in a fixed order).
  return out.map((d, i) => ({ d, i })).sort((a, b) => a.d.turn - b.d.turn || order[a.d.kind] - order[b.d.kind] || a.i - b.i).map((x) => x.d);
}
