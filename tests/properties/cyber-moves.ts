import type { RngSource } from '../../shared/engine/rng.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { cyberAlliance, type CyberDrafts, type CyberState, type Input } from '../../shared/rules/index.ts';
import type { Order, OrderType } from '../../shared/rules/orders.ts';
import { requestsOf } from '../../shared/rules/requests.ts';

/**
 * Orders built from ids that exist in a state, for property tests and test bots. A
 * "smart" order draws its ids from what the seat could sensibly use (its own copies,
 * enemy networks that run the exploited software, other allies…) and is often legal;
 * a plain one draws any id of the right kind and is often refused. Either way the
 * engine must stay consistent.
 */
export const ORDER_TYPES: readonly OrderType[] = ['operate', 'share', 'tailor', 'develop', 'sovereignOffer', 'huntForward', 'inviteHunt', 'defend', 'train', 'attribute', 'shareIntel', 'report'];
const EFFECTS = ['disrupt', 'deny', 'degrade', 'destroy'] as const;

/** Indices chosen by the caller; each is reduced modulo the list it picks from. */
export interface Picks {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Bit field for yes/no choices (terms, kind, optional fields). */
  readonly flags: number;
}

const at = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[Math.abs(i) % list.length]);
const bit = (p: Picks, n: number) => ((p.flags >>> n) & 1) === 1;

function sideOf(s: CyberState, id: string) {
  return s.nations.find((n) => n.id === id)?.side;
}

function vulnOfCopy(s: CyberState, copyId: string): string | undefined {
  const copy = s.copies.find((c) => c.id === copyId);
  const cap = copy && s.capabilities.find((k) => k.id === copy.capability);
  return cap && s.exploits.find((x) => x.id === cap.exploit)?.vuln;
}

/** Networks `seat` may attack with `copyId`: the other side's, running the exploited software. */
function targetsFor(s: CyberState, seat: string, copyId: string) {
  const vuln = vulnOfCopy(s, copyId);
  const mine = sideOf(s, seat);
  return s.networks.filter((n) => sideOf(s, n.owner) !== mine && n.software.includes(vuln as never));
}

function terms(s: CyberState, p: Picks, smart: boolean) {
  const enemy = smart ? s.networks.filter((n) => sideOf(s, n.owner) === 'adversary') : s.networks;
  const endUse = bit(p, 4) ? at(enemy, p.c) : undefined;
  return {
    compiledOnly: !bit(p, 0),
    dualKey: bit(p, 1),
    watermark: bit(p, 2),
    expiresAfter: bit(p, 3) ? (p.c % 5) + 1 : null,
    endUse: endUse ? [endUse.id as string] : null,
  };
}

/** One order of `type` for `seat`, or null when the state offers nothing to build it from. */
export function buildOrder(s: CyberState, seat: string, type: OrderType, p: Picks, smart: boolean): Order | null {
  const me = s.nations.find((n) => n.id === seat);
  const others = s.nations.filter((n) => n.id !== seat && (!smart || n.side === 'ally'));
  const copies = smart ? s.copies.filter((c) => c.holder === seat) : s.copies;
  const vulns = smart ? (me?.knownVulns ?? []) : [...new Set(s.networks.flatMap((n) => n.software))].sort();
  switch (type) {
    case 'operate':
    case 'sovereignOffer': {
      const usable = type === 'sovereignOffer' && smart ? copies.filter((c) => s.capabilities.find((k) => k.id === c.capability)?.kind === 'effect') : copies;
      const copy = at(usable, p.a);
      if (!copy) return null;
      const target = at(smart ? targetsFor(s, seat, copy.id) : s.networks, p.b);
      if (!target) return null;
      return type === 'operate' ? { type, copy: copy.id, target: target.id } : { type, copy: copy.id, target: target.id, window: (p.c % 6) + 1 };
    }
    case 'share': {
      const copy = at(copies, p.a);
      const to = at(others, p.b);
      return copy && to ? { type, copy: copy.id, to: to.id, terms: terms(s, p, smart) } : null;
    }
    case 'tailor':
    case 'develop': {
      const vuln = at(vulns, p.a);
      if (!vuln) return null;
      const effectKind = bit(p, 5);
      // A smart order keeps kind and effect consistent; a plain one sometimes mismatches them.
      const effect = effectKind !== (!smart && bit(p, 6)) ? (at(EFFECTS, p.c) ?? null) : null;
      const power = smart ? Math.min((p.c % 5) + 1, (me?.skill ?? 1) + 1) : (p.c % 5) + 1;
      const base = { vuln, kind: effectKind ? ('effect' as const) : ('espionage' as const), effect, power };
      if (type === 'develop') return { type, ...base };
      const to = at(others, p.b);
      return to ? { type, for: to.id, ...base, terms: terms(s, p, smart) } : null;
    }
    case 'huntForward':
    case 'inviteHunt': {
      const other = at(others, p.a);
      if (!other) return null;
      const turns = bit(p, 0) ? { turns: (p.c % 6) + 1 } : {};
      return type === 'huntForward' ? { type, host: other.id, ...turns } : { type, hunter: other.id, ...turns };
    }
    case 'defend': {
      const network = at(smart ? s.networks.filter((n) => n.owner === seat) : s.networks, p.a);
      return network ? { type, network: network.id, action: bit(p, 0) ? 'patch' : 'harden' } : null;
    }
    case 'train': {
      const trainee = at(others, p.a);
      return trainee ? { type, trainee: trainee.id } : null;
    }
    case 'attribute': {
      const incident = at(s.incidents, p.a);
      const accused = at(s.nations, p.b);
      return incident && accused ? { type, incident: incident.id, accused: accused.id } : null;
    }
    case 'shareIntel': {
      const to = at(others, p.a);
      const networks = smart ? s.networks.filter((n) => s.implants.some((i) => i.owner === seat && i.network === n.id && !i.discovered)) : s.networks;
      const network = at(networks, p.b);
      return to && network ? { type, to: to.id, network: network.id } : null;
    }
    case 'report':
      return { type, text: `Situation report ${p.a % 100} from ${seat}.` };
  }
}

/**
 * A test bot: answers what is addressed to it (mostly yes), gives a few smart orders
 * of random types, and as CyOC requests some open sovereign offers. Deterministic in
 * its rng, so autoplay with it gives a record that replays exactly.
 */
export function randomInputs(s: CyberState, drafts: CyberDrafts, seat: SeatId, rng: RngSource): Input[] {
  const r = rng.stream('moves');
  const out: Input[] = [];
  for (const q of requestsOf(s, drafts)) {
    if (q.to === seat && !drafts.answers.some((a) => a.request === q.id)) out.push({ type: 'answer', request: q.id, accept: r.chance(0.75) });
  }
  if (s.rules.cyoc === seat) {
    for (const o of s.offers) if (o.status === 'open' && r.chance(0.5)) out.push({ type: 'requestSovereign', offer: o.id });
  }
  const isAdversary = sideOf(s, seat) === 'adversary';
  const types = isAdversary ? ORDER_TYPES.filter((t) => t === 'operate' || t === 'develop' || t === 'defend') : ORDER_TYPES;
  const n = r.int(1, 5);
  for (let i = 0; i < n; i++) {
    const type = isAdversary && r.chance(0.6) ? 'operate' : r.pick(types);
    const order = buildOrder(s, seat, type, { a: r.int(0, 999), b: r.int(0, 999), c: r.int(0, 999), flags: r.int(0, 255) }, true);
    if (order) out.push({ type: 'order', order });
  }
  return out;
}

/** The cyber-alliance ruleset with the test bot on every seat (the record replays against the plain ruleset). */
export const withRandomBot: typeof cyberAlliance = { ...cyberAlliance, botInputs: randomInputs };
