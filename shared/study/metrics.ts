import type { GameEvent } from '../engine/ruleset.ts';
import type { MatchRecord } from '../engine/match.ts';
import type { Input } from '../rules/orders.ts';
import { score } from '../rules/scoring.ts';
import type { Capability, Copy, CyberState, Exploit, Network } from '../rules/types.ts';

/**
 * What the study measures in one finished match, from ground truth: the final state
 * (incidents with their true user and whom they were blamed on, exploits, copies with
 * their terms, missions), the facilitator-only events (`ExploitDiscoveredTruth`,
 * `Misattributed`, `CapabilityLeaked`) and the freshness of every exploit after each turn.
 * Pure: plain data in, plain data out.
 */

/** One use of a capability (an Operate, a sovereign execution or an adversary move). */
export interface UseRecord {
  readonly turn: number;
  readonly user: string;
  readonly ally: boolean;
  readonly capability: string;
  readonly kind: 'espionage' | 'effect';
  readonly effect: string | null;
  readonly sovereign: boolean;
  readonly target: string;
  /** Sophistication of the target when used (one less while its owner's team is away hunting). */
  readonly soph: number;
  /** The target is a coalition objective's network. */
  readonly objective: boolean;
  readonly success: boolean;
  /** Freshness the exploit had just before this use, and what this use took from it. */
  readonly before: number;
  readonly burn: number;
  /** The exploit was not yet discovered when used (so this use could be the one that gives it away). */
  readonly discoverable: boolean;
  /** This use gave the exploit away (discovered by the target). */
  readonly discovered: boolean;
  readonly blamed: string | null;
  readonly misattributed: boolean;
  /** A successful effect nobody was blamed for, without the importer's watermark: a covert bonus. */
  readonly covert: boolean;
  /** The exporter the copy came from (null: the user's own tool, or a leak). */
  readonly from: string | null;
  readonly tailored: boolean;
  readonly leaked: boolean;
  readonly watermark: boolean;
  readonly dualKey: boolean;
  readonly compiledOnly: boolean;
  readonly endUse: boolean;
  /** The capability's origin: its fingerprint. */
  readonly origin: string;
  /** Allies other than the user holding a live copy of the same exploit at the time. */
  readonly otherAllyHolders: number;
  /** Freshness lost by exploits in other allies' arsenals through this use. */
  readonly otherAllyBurn: number;
  /** Freshness lost by exploits in the exporter's own arsenal through this use (copies only). */
  readonly exporterBurn: number;
  /** The target's owner hosted a hunt-forward team that turn. */
  readonly huntCover: boolean;
}

/** One imported copy exposed to the leak roll for one turn. */
export interface LeakExposure {
  readonly turn: number;
  readonly capability: string;
  readonly compiledOnly: boolean;
  readonly leaked: boolean;
}

/** One capability with copies outside its author for one turn. */
export interface CapabilityExposure {
  readonly turn: number;
  readonly extraHolders: number;
  readonly leaked: boolean;
}

/** A capability the share-or-keep arm decided on: shared (as the bot wished) or never shared. */
export interface SharingTrial {
  readonly capability: string;
  /** Turn of the first share offer. */
  readonly turn: number;
  readonly withheld: boolean;
  /** Freshness of its exploit at the start of that turn and at the end of the match. */
  readonly start: number;
  readonly end: number;
  /** Freshness at the start of that turn, then after it and every later turn. */
  readonly track: readonly number[];
}

export interface LeakedTool {
  readonly capability: string;
  readonly turn: number;
  readonly usesAgainstAllies: number;
  readonly blamedOnAlly: number;
}

/** An operation an ally ordered with a copy it imported. */
export interface ImportedAttempt {
  readonly turn: number;
  readonly objective: boolean;
  readonly dualKey: boolean;
  readonly compiledOnly: boolean;
  /** `deferred`: consented under dual-key, so it goes ahead one resolution later. */
  readonly outcome: 'executed' | 'deferred' | 'refused' | 'lapsed';
}

export interface MatchMetrics {
  readonly arm: string;
  readonly seed: number;
  readonly turns: number;
  readonly coalition: number;
  readonly national: readonly { readonly nation: string; readonly score: number }[];
  /** Private objectives met, by nation (the dry run asks which are reachable). */
  readonly privateMet?: readonly { readonly nation: string; readonly objective: string }[];
  /** Coalition objectives met, with the turn. */
  readonly objectives: readonly { readonly id: string; readonly turn: number; readonly bySovereign: boolean }[];
  readonly uses: readonly UseRecord[];
  readonly leakExposures: readonly LeakExposure[];
  readonly capabilityExposures: readonly CapabilityExposure[];
  readonly leakedTools: readonly LeakedTool[];
  readonly imported: readonly ImportedAttempt[];
  readonly sharingTrials: readonly SharingTrial[];
  /** Adversary implants planted, and how many a hunt-forward team removed. */
  readonly implants: { readonly planted: number; readonly removedByHunts: number };
  readonly sovereignRequests: number;
  readonly rejected: number;
}

export interface FinishedMatch {
  readonly arm: string;
  readonly seed: number;
  readonly initial: CyberState;
  readonly state: CyberState;
  readonly events: readonly GameEvent[];
  readonly record: MatchRecord<Input>;
  /** Exploit freshness after each turn: index t − 1 holds turn t. */
  readonly snapshots: readonly (readonly { readonly id: string; readonly freshness: number }[])[];
  readonly rejected: number;
  /** Shares the arm's bots offered and whether the experiment let them through (share-or-keep arm). */
  readonly decisions?: readonly { readonly turn: number; readonly capability: string; readonly withheld: boolean }[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const round1 = (v: number): number => Math.round(v * 10) / 10 + 0;

/** Is this copy in play during the operations of `turn`? Transfers arrive before them; builds and leaks after. */
function liveAt(copy: Copy, cap: Capability, turn: number): boolean {
  if (copy.expiresTurn !== null && turn > copy.expiresTurn) return false;
  if (copy.receivedTurn < turn) return true;
  return copy.receivedTurn === turn && copy.from !== null && cap.tailoredFor === null && !copy.leaked;
}

export function extractMetrics(m: FinishedMatch): MatchMetrics {
  const s = m.state;
  const allies = new Set(s.nations.filter((n) => n.side === 'ally').map((n) => n.id as string));
  const caps = new Map<string, Capability>(s.capabilities.map((c) => [c.id, c]));
  const exploits = new Map<string, Exploit>(s.exploits.map((e) => [e.id, e]));
  const copies = new Map<string, Copy>(s.copies.map((c) => [c.id, c]));
  const networks = new Map<string, Network>(s.networks.map((n) => [n.id, n]));
  const incidents = new Map(s.incidents.map((i) => [i.id as string, i]));
  const objectiveNets = new Set(s.rules.coalitionObjectives.flatMap((o) => (o.type === 'effectOnNetwork' ? [o.network] : [])));
  const copiesOfExploit = new Map<string, Copy[]>();
  for (const c of s.copies) {
    const cap = caps.get(c.capability);
    if (!cap) continue;
    const list = copiesOfExploit.get(cap.exploit) ?? [];
    list.push(c);
    copiesOfExploit.set(cap.exploit, list);
  }
  const allyHoldersAt = (exploit: string, turn: number): string[] =>
    [...new Set((copiesOfExploit.get(exploit) ?? []).filter((c) => allies.has(c.holder) && liveAt(c, caps.get(c.capability) as Capability, turn)).map((c) => c.holder as string))].sort();
  const hostsAt = (turn: number) => new Set(s.missions.filter((x) => x.started <= turn && turn <= x.until).map((x) => x.host as string));
  const awayAt = (turn: number) => new Set(s.missions.filter((x) => x.started <= turn && turn <= x.until).map((x) => x.hunter as string));

  // Freshness before each use: start from the previous turn's snapshot, apply this turn's hunt exposures, then follow the uses.
  const snapshots = [m.initial.exploits.map((e) => ({ id: e.id as string, freshness: e.freshness })), ...m.snapshots].map((list) => new Map(list.map((e) => [e.id, e.freshness])));
  const snapshot = (turn: number): Map<string, number> => new Map(snapshots[turn] ?? []);
  const freshnessAt = (id: string, turn: number): number | undefined => snapshots[turn]?.get(id);
  const huntExposure = s.rules.tunables.huntExposure;
  const byTurn = new Map<number, GameEvent[]>();
  for (const e of m.events) {
    const list = byTurn.get(e.turn) ?? [];
    list.push(e);
    byTurn.set(e.turn, list);
  }
  const discovered = new Set<string>();
  const uses: UseRecord[] = [];
  for (let turn = 1; turn <= s.turn; turn++) {
    const fresh = snapshot(turn - 1);
    for (const mission of s.missions) {
      for (const f of mission.findings) {
        if (f.turn !== turn) continue;
        const before = fresh.get(f.exploit);
        if (before !== undefined) fresh.set(f.exploit, round1(Math.max(0, before - huntExposure)));
      }
    }
    const events = byTurn.get(turn) ?? [];
    const hosts = hostsAt(turn);
    const away = awayAt(turn);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as GameEvent;
      if (e.type === 'ExploitDiscoveredTruth') {
        const next = events[i + 1];
        // A use's own discovery is announced just before the use itself: counted with the use.
        if (next?.type === 'OperationResolved') continue;
        discovered.add(str(e.data?.['exploit']));
        continue;
      }
      if (e.type !== 'OperationResolved') continue;
      const copy = copies.get(str(e.data?.['copy']));
      const incident = incidents.get(str(e.data?.['incident']));
      const cap = copy && caps.get(copy.capability);
      const network = networks.get(str(e.data?.['target']));
      if (!copy || !incident || !cap || !network) continue;
      const exploit = cap.exploit;
      const prev = events[i - 1];
      const mine = prev?.type === 'ExploitDiscoveredTruth' && str(prev.data?.['exploit']) === exploit;
      const discoverable = !discovered.has(exploit);
      if (mine) discovered.add(exploit);
      const before = fresh.get(exploit) ?? 0;
      const after = num(e.data?.['freshness']);
      fresh.set(exploit, after);
      const burn = round1(before - after);
      const user = incident.user as string;
      const holders = allyHoldersAt(exploit, turn);
      const others = holders.filter((h) => h !== user);
      const terms = copy.terms;
      const soph = Math.max(1, Math.min(5, network.sophistication - (away.has(network.owner) ? 1 : 0)));
      const watermark = terms?.watermark ?? false;
      uses.push({
        turn,
        user,
        ally: allies.has(user),
        capability: cap.id,
        kind: cap.kind,
        effect: cap.effect,
        sovereign: e.text.startsWith('Sovereign effect:'),
        target: network.id,
        soph,
        objective: objectiveNets.has(network.id),
        success: incident.success,
        before,
        burn,
        discoverable,
        discovered: mine,
        blamed: incident.blamed,
        misattributed: incident.blamed !== null && incident.blamed !== user,
        covert: cap.kind === 'effect' && incident.success && incident.blamed === null && !watermark,
        from: copy.from,
        tailored: cap.tailoredFor !== null,
        leaked: copy.leaked,
        watermark,
        dualKey: terms?.dualKey ?? false,
        compiledOnly: terms?.compiledOnly ?? true,
        endUse: (terms?.endUse ?? null) !== null,
        origin: cap.origin,
        otherAllyHolders: others.length,
        otherAllyBurn: others.length > 0 ? burn : 0,
        exporterBurn: copy.from !== null && holders.includes(copy.from) ? burn : 0,
        huntCover: hosts.has(network.owner),
      });
    }
  }

  // Leaks: every imported copy held by an ally faces the roll each turn while its exploit is unpatched
  // and the adversary does not already hold the capability.
  const adversary = s.nations.find((n) => n.side === 'adversary')?.id as string;
  const leakEvents = m.events.filter((e) => e.type === 'CapabilityLeaked');
  const leakedAt = new Map<string, number>();
  for (const e of leakEvents) leakedAt.set(`${str(e.data?.['capability'])}|${str(e.data?.['holder'])}|${str(e.data?.['exporter'])}`, e.turn);
  const advHasBefore = (capability: string, turn: number) => s.copies.some((c) => c.holder === adversary && c.capability === capability && c.receivedTurn < turn);
  const leakExposures: LeakExposure[] = [];
  const capTurns = new Map<string, { extraHolders: Set<string>; leaked: boolean }>();
  for (let turn = 1; turn <= s.turn; turn++) {
    for (const c of s.copies) {
      const cap = caps.get(c.capability);
      if (!cap || c.from === null || !allies.has(c.holder)) continue;
      // Leaks are rolled after the operations: every copy received by then, a build completed this turn excepted.
      const present = c.receivedTurn < turn || (c.receivedTurn === turn && cap.tailoredFor === null);
      if (!present || isPatchedBy(s, exploits.get(cap.exploit) as Exploit, turn) || advHasBefore(c.capability, turn)) continue;
      const leaked = leakedAt.get(`${c.capability}|${c.holder}|${c.from}`) === turn;
      leakExposures.push({ turn, capability: c.capability, compiledOnly: c.terms?.compiledOnly ?? true, leaked });
      const key = `${turn}|${c.capability}`;
      const entry = capTurns.get(key) ?? { extraHolders: new Set<string>(), leaked: false };
      entry.extraHolders.add(c.holder);
      entry.leaked ||= leaked;
      capTurns.set(key, entry);
    }
  }
  const capabilityExposures: CapabilityExposure[] = [...capTurns].map(([key, v]) => ({ turn: Number(key.split('|')[0]), extraHolders: v.extraHolders.size, leaked: v.leaked }));
  const leakedTools: LeakedTool[] = s.copies
    .filter((c) => c.leaked)
    .map((c) => {
      const against = uses.filter((u) => u.user === adversary && u.leaked && u.capability === c.capability);
      return { capability: c.capability, turn: c.receivedTurn, usesAgainstAllies: against.length, blamedOnAlly: against.filter((u) => u.blamed !== null && allies.has(u.blamed)).length };
    });

  // Operations ordered with imported copies, and what became of them.
  const imported: ImportedAttempt[] = [];
  for (const entry of m.record.entries) {
    if (entry.kind !== 'input' || entry.seat === 'facilitator' || entry.input.type !== 'order' || entry.input.order.type !== 'operate') continue;
    const order = entry.input.order;
    const copy = copies.get(order.copy);
    if (!copy || copy.from === null || !allies.has(entry.seat)) continue;
    const turn = Math.floor(entry.at / 1000);
    const events = byTurn.get(turn) ?? [];
    const match = (type: string) => events.some((e) => e.type === type && e.data?.['copy'] === order.copy && e.data?.['target'] === order.target);
    const outcome = match('OperationDeferred') ? 'deferred' : match('OperationResolved') ? 'executed' : match('OperationRefused') ? 'refused' : 'lapsed';
    imported.push({ turn, objective: objectiveNets.has(order.target), dualKey: copy.terms?.dualKey ?? false, compiledOnly: copy.terms?.compiledOnly ?? true, outcome });
  }

  // The share-or-keep experiment: one trial per capability, from its first offer.
  const sharingTrials: SharingTrial[] = [];
  for (const d of m.decisions ?? []) {
    if (sharingTrials.some((t) => t.capability === d.capability)) continue;
    const exploit = caps.get(d.capability)?.exploit;
    const start = exploit === undefined ? undefined : freshnessAt(exploit, d.turn - 1);
    if (exploit === undefined || start === undefined) continue;
    const track: number[] = [];
    for (let t = d.turn - 1; t <= s.turn; t++) track.push(freshnessAt(exploit, t) ?? 0);
    sharingTrials.push({ capability: d.capability, turn: d.turn, withheld: d.withheld, start, end: track[track.length - 1] ?? start, track });
  }

  const sc = score(s);
  const metTurn = new Map(m.events.filter((e) => e.type === 'CoalitionObjectiveMet').map((e) => [str(e.data?.['objective']), e.turn]));
  const objectives = s.rules.coalitionObjectives.flatMap((o) => {
    const turn = metTurn.get(o.id);
    if (turn === undefined || o.type !== 'effectOnNetwork') return [];
    const bySovereign = uses.some((u) => u.sovereign && u.success && u.target === o.network && u.turn <= turn && u.kind === 'effect' && o.effects.includes(u.effect as never));
    return [{ id: o.id, turn, bySovereign }];
  });
  const advImplants = s.implants.filter((i) => i.owner === adversary);
  const removed = new Set(s.missions.flatMap((x) => x.findings.map((f) => f.implant as string)));
  return {
    arm: m.arm,
    seed: m.seed,
    turns: s.turn,
    coalition: sc.coalition.total,
    national: sc.nations.map((n) => ({ nation: n.nation, score: n.national })),
    objectives,
    privateMet: s.objectivesMet.map((o) => ({ nation: o.nation as string, objective: o.objective })),
    uses,
    leakExposures,
    capabilityExposures,
    leakedTools,
    imported,
    sharingTrials,
    implants: { planted: advImplants.length, removedByHunts: advImplants.filter((i) => removed.has(i.id)).length },
    sovereignRequests: m.record.entries.filter((e) => e.kind === 'input' && e.input.type === 'requestSovereign').length,
    rejected: m.rejected,
  };
}

/** Was the exploit patched by the end of `turn`? (A patch is published at the turn its lag runs out.) */
function isPatchedBy(s: CyberState, x: Exploit, turn: number): boolean {
  if (!x.patched) return false;
  const patchTurn = s.exploits.filter((e) => e.vuln === x.vuln && e.patchDue !== null).reduce((t, e) => Math.min(t, e.patchDue as number), Infinity);
  return patchTurn <= turn;
}

