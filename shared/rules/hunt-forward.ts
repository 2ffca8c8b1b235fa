import { ok, reject, type Result } from '../engine/result.ts';
import type { RngSource } from '../engine/rng.ts';
import { activeMissions, adjustTrust, clamp, isAlly, nationOf, nextId, round1 } from './access.ts';
import type { EventSink } from './events.ts';
import { markDiscovered } from './freshness.ts';
import type { CyberState, HuntMission, NationId } from './types.ts';

/**
 * Hunt forward (docs/design.md §4.6): a team deploys into a partner's networks with the
 * partner's consent, for N turns. Only between two allies, one mission per pair at a time.
 */
export function validateHunt(s: CyberState, hunter: string, host: string): Result<void> {
  if (!isAlly(s, hunter) || !isAlly(s, host)) return reject('not-an-ally', 'Hunt-forward missions are between two allies.');
  if (hunter === host) return reject('hunt-at-home', 'A hunt-forward mission goes to a partner, not home.');
  if (s.missions.some((m) => m.hunter === hunter && m.host === host && m.until >= s.turn)) return reject('already-hunting', 'A team is already deployed there.');
  return ok(undefined);
}

export function deployMission(s: CyberState, ev: EventSink, hunter: NationId, host: NationId, turns: number): void {
  if (!validateHunt(s, hunter, host).ok) return;
  const id = nextId<HuntMission['id']>(s, 'hf');
  s.missions.push({ id, hunter, host, started: s.turn, until: s.turn + turns - 1, findings: [] });
  adjustTrust(s, hunter, host, 5);
  ev.public('HuntForwardDeployed', `${nationOf(s, hunter)?.name} deployed a hunt-forward team to ${nationOf(s, host)?.name} for ${turns} turn(s).`, { mission: id, hunter, host });
}

/**
 * Each turn a deployed team may find adversary implants in the host's networks: found
 * implants are removed and the exploit behind them exposed (it loses freshness, or is
 * discovered and patched). Host and hunter both gain intel.
 */
export function runHunts(s: CyberState, ev: EventSink, rng: RngSource): void {
  const t = s.rules.tunables;
  for (const mission of activeMissions(s, s.turn)) {
    const hunter = nationOf(s, mission.hunter);
    const host = nationOf(s, mission.host);
    if (!hunter || !host) continue;
    const roll = rng.stream(`hunt:${mission.id}`);
    const hostNetworks = new Set(s.networks.filter((n) => n.owner === host.id).map((n) => n.id));
    const targets = s.implants.filter((i) => hostNetworks.has(i.network) && !i.discovered && !isAlly(s, i.owner));
    let found = 0;
    for (const implant of targets) {
      if (!roll.chance(clamp(t.huntBase + t.huntSkillPer * hunter.skill, 0, 0.95))) continue;
      implant.discovered = true;
      found += 1;
      mission.findings.push({ turn: s.turn, implant: implant.id, network: implant.network, exploit: implant.exploit });
      const exploit = s.exploits.find((e) => e.id === implant.exploit);
      if (exploit && !exploit.patched) {
        exploit.freshness = round1(clamp(exploit.freshness - t.huntExposure, 0, 100));
        if (exploit.freshness <= 0 || t.huntExposure >= 100) markDiscovered(s, ev, exploit, host.id);
        for (const n of [hunter, host]) if (!n.knownVulns.includes(exploit.vuln)) n.knownVulns = [...n.knownVulns, exploit.vuln].sort();
      }
      hunter.intel += 2;
      host.intel += 2;
    }
    ev.to([hunter.id, host.id], 'HuntReported', found > 0 ? `The hunt-forward team in ${host.name} found and removed ${found} adversary implant(s).` : `The hunt-forward team in ${host.name} found nothing this turn.`, {
      mission: mission.id,
      found,
      findings: mission.findings.filter((f) => f.turn === s.turn).map((f) => ({ network: f.network })),
    });
  }
}
