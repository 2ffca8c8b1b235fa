import { ok, reject, type Result } from '../engine/result.ts';
import type { Rng } from '../engine/rng.ts';
import { effectiveSophistication, grievance, isAlly, nationOf, networkOf, resolveCopy } from './access.ts';
import type { EventSink } from './events.ts';
import type { Copy, CyberState, Incident, NationId } from './types.ts';

/** Attribution chance = base(kind) × (1 + per × sophistication) × (1 + per × (holders − 1)). */
export function attributionChance(s: CyberState, kind: 'espionage' | 'effect', sophistication: number, holders: number): number {
  const t = s.rules.tunables;
  return Math.min(1, t.attributionBase[kind] * (1 + t.attribSophPer * sophistication) * (1 + t.attribHolderPer * Math.max(0, holders - 1)));
}

/**
 * Who gets blamed for a use of `copy` (docs/design.md §4.1): its fingerprint — the
 * capability's origin — unless the copy carries the user's watermark.
 */
export function fingerprint(s: CyberState, copy: Copy, user: NationId): NationId {
  return copy.terms?.watermark ? user : resolveCopy(s, copy).capability.origin;
}

/**
 * Rolls attribution for a noticed incident. Blamed ≠ user is a misattribution: the
 * blamed nation suffers it, the facilitator learns the truth. An ally blamed for an
 * attack on the adversary draws retaliation.
 */
export function rollAttribution(s: CyberState, ev: EventSink, rng: Rng, incident: Incident, copy: Copy, holders: number): void {
  if (!incident.noticed) return;
  const network = networkOf(s, incident.network);
  if (!network) return;
  if (!rng.chance(attributionChance(s, incident.kind, effectiveSophistication(s, network, s.turn), holders))) return;
  const blamed = fingerprint(s, copy, incident.user);
  incident.blamed = blamed;
  const blamedNation = nationOf(s, blamed);
  const victim = nationOf(s, incident.victim);
  if (!blamedNation || !victim) return;
  const t = s.rules.tunables;
  blamedNation.reputation += t.reputation.attributed;
  if (incident.kind === 'effect') blamedNation.tally.attributedEffects += 1;
  if (isAlly(s, blamed) && !isAlly(s, incident.victim)) grievance(s, blamed, incident.kind === 'effect' ? 2 : 1);
  const what = incident.kind === 'effect' ? `the ${incident.effect} attack` : 'the intrusion';
  // A roll of the rules, not anyone's order: the text says so, so nobody reads it as the victim's act.
  ev.public('EffectAttributed', `Automatic attribution by ${victim.name}'s network defenders: ${what} on ${network.name} is traced to ${blamedNation.name}.`, { incident: incident.id, blamed, network: network.id });
  if (blamed !== incident.user) {
    blamedNation.tally.misattributionsSuffered += 1;
    blamedNation.reputation += t.reputation.misattributed;
    const user = nationOf(s, incident.user);
    ev.facilitator('Misattributed', `Misattribution: ${blamedNation.name} was blamed for ${what} on ${network.name}; the true user was ${user?.name ?? incident.user}.`, {
      incident: incident.id,
      blamed,
      user: incident.user,
      capability: incident.capability,
    });
  }
}

/** Incidents a seat knows of: on its own networks and noticed, or publicly attributed. */
export function knownIncidents(s: CyberState, seat: string): Incident[] {
  return s.incidents.filter((i) => (i.victim === seat && i.noticed) || i.blamed !== null || i.user === seat);
}

/** Public attribution (docs/design.md §4.9): needs intel and an incident the seat knows of. */
export function validateAttribute(s: CyberState, seat: NationId, incidentId: string, accused: string): Result<void> {
  const incident = knownIncidents(s, seat).find((i) => i.id === incidentId);
  if (!incident) return reject('unknown-incident', 'You know of no incident with that id.');
  if (incident.publiclyAttributed) return reject('already-attributed', 'That incident has already been attributed publicly.');
  if (!nationOf(s, accused)) return reject('unknown-nation', `There is no nation "${accused}".`);
  if (accused === seat) return reject('self-accusation', 'You cannot publicly attribute an incident to yourself.');
  const nation = nationOf(s, seat);
  const cost = s.rules.tunables.attributeIntelCost;
  if (!nation || nation.intel < cost) return reject('not-enough-intel', `A public attribution costs ${cost} intel; you have ${nation?.intel ?? 0}.`);
  return ok(undefined);
}

/** Right ⇒ reputation gain and pressure on the culprit; wrong ⇒ reputation loss. */
export function resolvePublicAttribution(s: CyberState, ev: EventSink, seat: NationId, incidentId: string, accused: NationId): void {
  if (!validateAttribute(s, seat, incidentId, accused).ok) {
    ev.to([seat], 'OrderLapsed', 'Your public attribution could no longer be made.');
    return;
  }
  const incident = s.incidents.find((i) => i.id === incidentId);
  const nation = nationOf(s, seat);
  const target = nationOf(s, accused);
  if (!incident || !nation || !target) return;
  nation.intel -= s.rules.tunables.attributeIntelCost;
  incident.publiclyAttributed = true;
  const right = incident.user === accused;
  const t = s.rules.tunables;
  if (right) {
    nation.reputation += t.reputation.publicRight;
    nation.tally.publicAttributionsRight += 1;
    target.reputation += t.reputation.attributed;
  } else {
    nation.reputation += t.reputation.publicWrong;
    nation.tally.publicAttributionsWrong += 1;
  }
  ev.public('PubliclyAttributed', `${nation.name} publicly attributes incident ${incident.id} to ${target.name}.`, { incident: incident.id, accuser: seat, accused });
  ev.to([seat], 'AttributionJudged', right ? 'Your attribution was right: your reputation rises.' : 'Your attribution was wrong: your reputation falls.', { incident: incident.id, right });
  ev.facilitator('AttributionTruth', `${nation.name} accused ${target.name}; the true user was ${incident.user}.`, { incident: incident.id, right });
}
