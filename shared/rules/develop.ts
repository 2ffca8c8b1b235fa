import { ok, reject, type Result } from '../engine/result.ts';
import { isAlly, nationOf, nextId } from './access.ts';
import type { EventSink } from './events.ts';
import type { Order } from './orders.ts';
import { toTerms } from './share.ts';
import type { Capability, CyberState, Exploit, NationId, Project, ShareTerms } from './types.ts';

type DevelopOrder = Extract<Order, { type: 'develop' }>;
type TailorOrder = Extract<Order, { type: 'tailor' }>;

/** Turns a project takes: longer for more power, shorter for more skill; tailoring costs extra. */
export function projectTurns(s: CyberState, skill: number, power: number, tailor: boolean): number {
  const t = s.rules.tunables;
  return Math.max(1, power + t.developBase - skill) + (tailor ? t.tailorExtra : 0);
}

function checkBuild(s: CyberState, seat: NationId, o: { vuln: string; kind: string; effect: string | null; power: number }): Result<void> {
  const nation = nationOf(s, seat);
  if (!nation) return reject('unknown-nation', 'Unknown seat.');
  if (!nation.knownVulns.includes(o.vuln as never)) return reject('vuln-unknown', `You have no intelligence on vulnerability "${o.vuln}"; espionage reveals vulnerabilities.`);
  if (s.exploits.some((e) => e.vuln === o.vuln && e.patched)) return reject('vuln-patched', `Vulnerability "${o.vuln}" is already patched.`);
  if ((o.kind === 'effect') !== (o.effect !== null)) return reject('bad-effect', 'An effect capability needs an effect type (disrupt, deny, degrade, destroy); an espionage one has none.');
  if (o.power > nation.skill + 1) return reject('beyond-skill', `With skill ${nation.skill} you can build up to power ${nation.skill + 1}.`);
  return ok(undefined);
}

/** Develop (docs/design.md §4.4): a new capability for own use, against a vulnerability the nation has intel on. */
export function validateDevelop(s: CyberState, seat: NationId, o: DevelopOrder): Result<void> {
  return checkBuild(s, seat, o);
}

/** Tailor (docs/design.md §4.3): a new exploit for an ally's use; it shares no freshness with the exporter's arsenal. */
export function validateTailor(s: CyberState, seat: NationId, o: TailorOrder): Result<ShareTerms> {
  if (!isAlly(s, seat)) return reject('adversary-cannot-share', 'The adversary does not tailor for the coalition.');
  if (o.for === seat) return reject('tailor-for-self', 'To build for yourself, use Develop.');
  if (!isAlly(s, o.for)) return reject('not-an-ally', 'You can only tailor a capability for an ally.');
  const b = checkBuild(s, seat, o);
  if (!b.ok) return b;
  return toTerms(s, o.terms);
}

export function startProject(s: CyberState, ev: EventSink, seat: NationId, o: DevelopOrder | TailorOrder, terms: ShareTerms | null): void {
  const nation = nationOf(s, seat);
  if (!nation) return;
  const tailor = o.type === 'tailor';
  const forNation = (tailor ? o.for : seat) as NationId;
  const due = s.turn + projectTurns(s, nation.skill, o.power, tailor);
  const project: Project = {
    id: nextId(s, 'p'),
    kind: o.type,
    nation: seat,
    for: forNation,
    vuln: o.vuln as Project['vuln'],
    capKind: o.kind,
    effect: o.effect,
    power: o.power,
    name: o.name ?? `${tailor ? 'Tailored' : 'New'} ${o.kind === 'effect' ? o.effect : 'espionage'} tool (${o.vuln})`,
    due,
    terms,
  };
  s.projects.push(project);
  ev.to([seat, forNation], 'ProjectStarted', `${nation.name} started ${tailor ? 'tailoring' : 'developing'} ${project.name}, ready after turn ${due}.`, { project: project.id, due });
}

/** Completes due projects: a new exploit, capability and copy. A tailored tool carries the exporter's fingerprint. */
export function completeProjects(s: CyberState, ev: EventSink): void {
  const due = s.projects.filter((p) => p.due <= s.turn);
  s.projects = s.projects.filter((p) => p.due > s.turn);
  for (const p of due) {
    if (s.exploits.some((e) => e.vuln === p.vuln && e.patched)) {
      ev.to([p.nation, p.for], 'ProjectFailed', `${p.name} was abandoned: ${p.vuln} was patched first.`, { project: p.id });
      continue;
    }
    const exploit = nextId<Exploit['id']>(s, 'x');
    const capability = nextId<Capability['id']>(s, 'c');
    s.exploits.push({ id: exploit, vuln: p.vuln, author: p.nation, freshness: 100, discovered: false, patchDue: null, patched: false, uses: 0 });
    s.capabilities.push({ id: capability, name: p.name, exploit, origin: p.nation, kind: p.capKind, effect: p.effect, power: p.power, tailoredFor: p.kind === 'tailor' ? p.for : null });
    const terms = p.kind === 'tailor' ? p.terms : null;
    s.copies.push({
      id: nextId(s, 'k'),
      capability,
      holder: p.for,
      from: p.kind === 'tailor' ? p.nation : null,
      terms,
      receivedTurn: s.turn,
      expiresTurn: terms?.expiresAfter ? s.turn + terms.expiresAfter : null,
      leaked: false,
    });
    if (p.kind === 'tailor') {
      const exporter = nationOf(s, p.nation);
      if (exporter) exporter.influence += 3;
    }
    ev.to([p.nation, p.for], 'CapabilityDeveloped', `${p.name} is ready for ${nationOf(s, p.for)?.name}.`, { capability, project: p.id });
  }
}
