import { ok, reject, type Result } from '../engine/result.ts';
import type { Rng } from '../engine/rng.ts';
import { clamp, copyExpired, copyOf, effectiveSophistication, holdersOf, isAlly, nationOf, networkOf, nextId, resolveCopy, activeMissions, adjustTrust, round1 } from './access.ts';
import { rollAttribution } from './attribution.ts';
import type { EventSink } from './events.ts';
import { markDiscovered } from './freshness.ts';
import type { Copy, CyberState, Incident, NationId, Network } from './types.ts';

/**
 * Operate (docs/design.md §4.1): checks that `seat` may use `copyId` against `targetId` now.
 * Edge cases: a compiled-only copy cannot be pointed outside its end-use list (the
 * exporter's build refuses); a source copy can, and that is a violation the exporter
 * learns of. Allies never target allies; the adversary only targets allies.
 */
export function validateOperate(s: CyberState, seat: NationId, copyId: string, targetId: string): Result<{ copy: Copy; target: Network }> {
  const copy = copyOf(s, copyId);
  if (!copy || copy.holder !== seat) return reject('capability-not-held', 'You do not hold that capability.');
  const target = networkOf(s, targetId);
  if (!target) return reject('unknown-network', `There is no network "${targetId}".`);
  if (target.owner === seat) return reject('own-network', 'You cannot operate against your own network.');
  const seatIsAlly = isAlly(s, seat);
  if (seatIsAlly && isAlly(s, target.owner)) return reject('allied-target', `${target.name} belongs to an ally; operations target the adversary.`);
  if (!seatIsAlly && !isAlly(s, target.owner)) return reject('bad-target', 'The adversary only targets allied networks.');
  if (copyExpired(copy, s.turn)) return reject('copy-expired', `Your copy expired after turn ${copy.expiresTurn}.`);
  const { capability, exploit } = resolveCopy(s, copy);
  if (exploit.patched || exploit.freshness <= 0) return reject('exploit-burned', `${capability.name} is burned: its vulnerability has been patched or its freshness is 0.`);
  if (!target.software.includes(exploit.vuln)) return reject('not-vulnerable', `${target.name} does not run the software ${capability.name} exploits.`);
  const endUse = copy.terms?.endUse;
  if (endUse && copy.terms?.compiledOnly && !endUse.includes(target.id)) {
    return reject('outside-end-use', `${capability.name} was shared compiled-only for use against ${endUse.join(', ')} only.`);
  }
  return ok({ copy, target });
}

/** Success chance: rises with freshness and power, falls with sophistication and hardening. */
export function successChance(freshness: number, power: number, sophistication: number, hardening: number, huntCover: boolean): number {
  return clamp(0.2 + (0.5 * freshness) / 100 + 0.08 * power - 0.08 * sophistication - 0.1 * hardening - (huntCover ? 0.15 : 0), 0.05, 0.95);
}

/** Freshness lost by one use: base(kind) × (burnSophBase + burnSophPer × sophistication). */
export function burnPerUse(s: CyberState, kind: 'espionage' | 'effect', effect: string | null, sophistication: number): number {
  const t = s.rules.tunables;
  const base = kind === 'espionage' ? t.burnBase.espionage : effect === 'destroy' ? t.burnBase.destroy : t.burnBase.effect;
  return base * (t.burnSophBase + t.burnSophPer * sophistication);
}

export interface OperationContext {
  readonly user: NationId;
  readonly copy: Copy;
  readonly target: Network;
  /** Dual-key consent, when the copy needs it (a consented use runs one resolution late: resolve.ts). */
  readonly consent: boolean | null;
  readonly sovereign: boolean;
}

/**
 * Resolves one use. Order of effects: success roll → burn (every holder's copy, because
 * freshness lives on the exploit) → effect or implant → discovery → attribution →
 * end-use. Returns the incident, or null if the use was refused before it happened.
 */
export function executeOperation(s: CyberState, ev: EventSink, rng: Rng, op: OperationContext): Incident | null {
  const { user, copy, target } = op;
  const { capability, exploit } = resolveCopy(s, copy);
  const owner = nationOf(s, target.owner);
  if (!owner) return null;
  if (copy.terms?.dualKey && op.consent !== true) {
    ev.to([user], 'OperationRefused', `${copy.from ?? 'The exporter'} did not consent to the use of ${capability.name} against ${target.name}: dual-key refused.`, { copy: copy.id, target: target.id });
    return null;
  }
  const soph = effectiveSophistication(s, target, s.turn);
  const huntCover = !isAlly(s, user) && activeMissions(s, s.turn).some((m) => m.host === target.owner);
  const success = rng.chance(successChance(exploit.freshness, capability.power, soph, target.hardening, huntCover));
  const burn = burnPerUse(s, capability.kind, capability.effect, soph);
  exploit.freshness = round1(clamp(exploit.freshness - burn, 0, 100));
  exploit.uses += 1;
  const userNation = nationOf(s, user);
  if (success && capability.kind === 'espionage') {
    if (userNation) {
      userNation.intel += capability.power;
      const unknown = target.software.filter((v) => !userNation.knownVulns.includes(v));
      if (unknown.length > 0) userNation.knownVulns = [...userNation.knownVulns, rng.pick(unknown)].sort();
    }
    s.implants.push({ id: nextId(s, 'i'), owner: user, network: target.id, exploit: exploit.id, planted: s.turn, discovered: false });
  }
  if (success && capability.kind === 'effect' && capability.effect) {
    const damage = (s.rules.tunables.effectDamage[capability.effect] * capability.power) / 3;
    target.availability = round1(clamp(target.availability - damage, 0, 100));
    target.effects.push({ effect: capability.effect, turn: s.turn, by: user });
  }
  const t = s.rules.tunables;
  const discovered = rng.chance(((capability.kind === 'espionage' ? t.visibility.espionage : t.visibility.effect) * soph) / 5);
  if (discovered) markDiscovered(s, ev, exploit, target.owner);
  const noticed = capability.kind === 'effect' || discovered;
  const incident: Incident = {
    id: nextId(s, 'inc'),
    turn: s.turn,
    network: target.id,
    victim: target.owner,
    user,
    capability: capability.id,
    kind: capability.kind,
    effect: capability.effect,
    success,
    blamed: null,
    noticed,
    publiclyAttributed: false,
  };
  s.incidents.push(incident);
  const what = capability.kind === 'effect' ? `${capability.effect} attack` : 'espionage intrusion';
  ev.to([user], 'OperationResolved', `${op.sovereign ? 'Sovereign effect: ' : ''}${capability.name} against ${target.name}: ${success ? 'success' : 'failure'}; freshness now ${exploit.freshness}.`, {
    incident: incident.id,
    copy: copy.id,
    target: target.id,
    success,
    freshness: exploit.freshness,
  });
  if (noticed) {
    ev.to([target.owner], 'IncidentDetected', success ? `A ${what} hit ${target.name}.` : `An attempted ${what} on ${target.name} was repelled.`, { incident: incident.id, network: target.id, success });
  }
  const holders = holdersOf(s, exploit.id).length;
  rollAttribution(s, ev, rng, incident, copy, holders);
  if (capability.kind === 'effect' && success && incident.blamed === null && !copy.terms?.watermark && userNation) {
    userNation.tally.covertBonus += 1;
  }
  if (capability.kind === 'effect' && success && isAlly(s, user) && copy.from !== null && (copy.terms?.watermark || incident.blamed === user)) {
    s.coalition.legitimacy += 1;
  }
  const endUse = copy.terms?.endUse;
  if (endUse && !endUse.includes(target.id) && copy.from && userNation) {
    userNation.tally.endUseViolations += 1;
    userNation.reputation += t.reputation.endUseViolation;
    adjustTrust(s, copy.from, user, -20);
    ev.to([copy.from], 'EndUseViolated', `${userNation.name} used ${capability.name} against ${target.name}, outside the end-use terms you set.`, { capability: capability.id, user, target: target.id });
  }
  return incident;
}
