import type { GameEvent } from '../../shared/engine/ruleset.ts';
import type { CyberView } from '../../shared/rules/index.ts';
import { table } from './table.ts';

/**
 * `npm run replay` in text: one viewer's projection (fog.ts `viewOf`) at the end of a turn,
 * laid out for a terminal. It prints only what the projection holds, so a seat's page
 * shows exactly what that seat was allowed to know.
 */

type Me = NonNullable<CyberView['me']>;
type Request = Me['inbox'][number];

const yesNo = (b: boolean) => (b ? '✔' : '✘');
const list = (xs: readonly string[]) => (xs.length > 0 ? xs.join(', ') : '—');

function section(title: string, body: string | readonly string[]): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  return `${title}\n${text.length > 0 ? text : '  (none)'}`;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

function terms(t: Me['arsenal'][number]['terms']): string {
  if (!t) return 'own';
  const parts = [t.compiledOnly ? 'compiled-only' : 'source', t.dualKey ? 'dual-key' : '', t.watermark ? 'watermark' : '', t.expiresAfter ? `expires after ${t.expiresAfter}` : '', t.endUse ? `end-use ${t.endUse.join('/')}` : ''];
  return parts.filter((p) => p.length > 0).join(', ');
}

function answer(a: boolean | null): string {
  return a === null ? 'unanswered' : a ? 'accepted' : 'declined';
}

function publicPart(v: CyberView, name: (id: string) => string): string[] {
  const out: string[] = [];
  out.push(
    section(
      'Coalition objectives',
      v.coalition.objectives.map((o) => `  ${yesNo(o.met)} ${o.text} (${o.points} points)`).concat([`  legitimacy ${v.coalition.legitimacy}`]),
    ),
  );
  out.push(section('Nations', indent(table(v.nations, [
    { header: 'Nation', value: (n) => `${n.name} (${n.id})` },
    { header: 'Side', value: (n) => n.side },
    { header: 'Tier', value: (n) => n.tier },
    { header: 'Reputation', value: (n) => n.reputation },
    { header: 'Influence', value: (n) => n.influence },
  ]))));
  out.push(section('Networks (public)', indent(table(v.networks, [
    { header: 'Network', value: (n) => n.id },
    { header: 'Owner', value: (n) => name(n.owner) },
    { header: 'Soph', value: (n) => n.sophistication },
    { header: 'Availability', value: (n) => n.availability },
    { header: 'Software', value: (n) => n.software.join(', ') },
    { header: 'Tags', value: (n) => n.tags.join(', ') },
  ]))));
  out.push(section('Sovereign offers', v.offers.map((o) => `  ${o.id}: ${name(o.nation)} — ${o.effect} on ${o.target} until turn ${o.until} (${o.status})`)));
  out.push(section('Hunt-forward missions', v.missions.map((m) => `  ${m.id}: ${name(m.hunter)} in ${name(m.host)}, turns ${m.started}–${m.until}`)));
  out.push(section('Published patches', `  ${list(v.patchedVulns)}`));
  out.push(section('Public attributions', v.publicIncidents.map((i) => `  ${i.id} (turn ${i.turn}): ${i.kind}${i.effect ? `/${i.effect}` : ''} on ${i.network} — blamed ${i.blamed ? name(i.blamed) : '—'}`)));
  if (v.scores) {
    out.push(section('Scores', indent(table([...v.scores.nations].sort((a, b) => b.total - a.total), [
      { header: 'Nation', value: (n) => n.name },
      { header: 'Total', value: (n) => n.total },
    ])) + `\n  coalition ${v.scores.coalition}`));
  }
  return out;
}

function seatPart(me: Me, inbox: readonly Request[] | null, orders: Me['orders'] | null, name: (id: string) => string): string[] {
  const n = me.nation;
  const out: string[] = [];
  out.push(`${n.name} — ${n.tier} ${n.side} · skill ${n.skill} · hygiene ${n.hygiene} · intel ${n.intel} · reputation ${n.reputation} · influence ${n.influence} · capacity ${me.capacity.total}`);
  out.push(`  known vulnerabilities: ${list(n.knownVulns)}`);
  if (me.objectives.length > 0) out.push(section('Private objectives', me.objectives.map((o) => `  ${yesNo(o.met)} ${o.text} (${o.points} points)`)));
  out.push(section('Arsenal', me.arsenal.length === 0 ? '' : indent(table(me.arsenal, [
    { header: 'Copy', value: (c) => c.copy },
    { header: 'Capability', value: (c) => c.name },
    { header: 'Kind', value: (c) => (c.effect ? `${c.kind}/${c.effect}` : c.kind) },
    { header: 'Power', value: (c) => c.power },
    { header: 'Vuln', value: (c) => c.vuln },
    { header: 'Freshness', value: (c) => (c.patched ? 'patched' : c.freshness), align: 'right' },
    { header: 'Origin', value: (c) => name(c.origin) },
    { header: 'Terms', value: (c) => (c.leaked ? 'leaked' : c.from ? `from ${name(c.from)}: ${terms(c.terms)}` : 'own') },
    { header: 'Expires', value: (c) => (c.expiresTurn === null ? '' : `after ${c.expiresTurn}`) },
  ]))));
  if (me.sharedOut.length > 0) out.push(section('Shared out', me.sharedOut.map((c) => `  ${c.name} → ${name(c.to)} (${terms(c.terms)})`)));
  out.push(section('Own networks', indent(table(me.networks, [
    { header: 'Network', value: (w) => `${w.name} (${w.id})` },
    { header: 'Soph', value: (w) => w.sophistication },
    { header: 'Hardening', value: (w) => w.hardening },
    { header: 'Availability', value: (w) => w.availability },
    { header: 'Software', value: (w) => w.software.join(', ') },
  ]))));
  if (me.implants.length > 0) out.push(section('Implants known', me.implants.map((i) => `  ${i.id} on ${i.network} (owner ${name(i.owner)}, planted turn ${i.planted}${i.discovered ? ', discovered' : ''})`)));
  if (me.projects.length > 0) out.push(section('Projects', me.projects.map((p) => `  ${p.name} for ${name(p.for)}: ready after turn ${p.due}`)));
  if (me.trainings.length > 0) out.push(section('Trainings', me.trainings.map((t) => `  ${name(t.trainer)} trains ${name(t.trainee)}: done after turn ${t.due}`)));
  if (me.offers.length > 0) out.push(section('Own sovereign offers', me.offers.map((o) => `  ${o.id}: ${o.effect} on ${o.target} with ${o.copy}, until turn ${o.until} (${o.status})`)));
  if (me.incidents.length > 0) {
    out.push(section('Incidents known', me.incidents.map((i) => `  ${i.id} (turn ${i.turn}): ${i.kind}${i.effect ? `/${i.effect}` : ''} on ${i.network} of ${name(i.victim)} — ${i.success ? 'success' : 'failure'}${i.blamed ? `, blamed on ${name(i.blamed)}` : ''}`)));
  }
  if (inbox) out.push(section('Inbox at the close of planning', inbox.map((r) => `  ${r.id} [${r.kind}] ${r.text} — ${answer(r.answer)}`)));
  if (orders) out.push(section('Orders given at the close of planning', orders.map((o) => `  ${o.id}: ${JSON.stringify(o.order)}`)));
  return out;
}

function godPart(v: CyberView, name: (id: string) => string): string[] {
  const god = v.god;
  if (!god) return [];
  const s = god.state;
  const out: string[] = [];
  out.push(section('All nations (White Cell)', indent(table(s.nations, [
    { header: 'Nation', value: (n) => n.name },
    { header: 'Side', value: (n) => n.side },
    { header: 'Capacity', value: (n) => n.capacity },
    { header: 'Skill', value: (n) => n.skill },
    { header: 'Intel', value: (n) => n.intel },
    { header: 'Reputation', value: (n) => n.reputation },
    { header: 'Influence', value: (n) => n.influence },
  ]))));
  const cap = (id: string) => s.capabilities.find((c) => c.id === id);
  const exploit = (id: string | undefined) => s.exploits.find((e) => e.id === id);
  out.push(section('Every copy', indent(table(s.copies, [
    { header: 'Holder', value: (c) => name(c.holder) },
    { header: 'Capability', value: (c) => cap(c.capability)?.name ?? c.capability },
    { header: 'Origin', value: (c) => name(cap(c.capability)?.origin ?? '') },
    { header: 'Freshness', value: (c) => (exploit(cap(c.capability)?.exploit)?.patched ? 'patched' : (exploit(cap(c.capability)?.exploit)?.freshness ?? 0)), align: 'right' },
    { header: 'Source', value: (c) => (c.leaked ? 'leaked' : c.from ? `from ${name(c.from)}` : 'own') },
  ]))));
  out.push(section('Implants', s.implants.map((i) => `  ${i.id}: ${name(i.owner)} on ${i.network}, planted turn ${i.planted}${i.discovered ? ' (discovered)' : ''}`)));
  out.push(section('Sovereign offers behind the screen', s.offers.map((o) => `  ${o.id}: ${name(o.nation)} with copy ${o.copy} on ${o.target} (${o.status})`)));
  return out;
}

export interface Page {
  readonly title: string;
  readonly view: CyberView;
  readonly events: readonly GameEvent[];
  /** The seat's inbox and orders as planning closed, when known. */
  readonly inbox: readonly Request[] | null;
  readonly orders: Me['orders'] | null;
}

export function renderPage(p: Page): string {
  const v = p.view;
  const name = (id: string) => v.nations.find((n) => n.id === id)?.name ?? id;
  const parts: string[] = [p.title];
  if (v.me) parts.push(...seatPart(v.me, p.inbox, p.orders, name));
  parts.push(...publicPart(v, name));
  parts.push(...godPart(v, name));
  // The White Cell sees every event: say whom each was for.
  const audience = (e: GameEvent) => (!v.god ? '' : e.audience.kind === 'facilitator' ? ' (White Cell only)' : e.audience.kind === 'seats' ? ` (to ${e.audience.seats.map(name).join(', ')})` : '');
  parts.push(section(`Events of turn ${v.turn}`, p.events.map((e) => `  [${e.type}] ${e.text}${audience(e)}`)));
  return parts.join('\n\n');
}
