import type { Viewer } from '../../shared/engine/ruleset.ts';
import type { CyberState } from '../../shared/rules/index.ts';

/** What the property tests check, as plain functions that name what they found. */

/** Freezes every object reachable from `value` that is not frozen yet (shared parts already are). */
export function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/**
 * Ids a viewer must never see (docs/design.md §6): copies it neither holds nor exported,
 * capabilities it holds no copy of and did not author, the exploits behind them,
 * implants it does not own that are undiscovered or not on its networks, and other
 * seats' order ids. Two exposures the design grants are allowed: an implant (and its
 * exploit) discovered on the seat's own networks, and the findings of hunt-forward
 * missions it hosted or ran (§4.6: "the adversary exploit behind them is exposed").
 */
export function privateIds(s: CyberState, viewer: Viewer, orders: ReadonlyMap<string, string>): Set<string> {
  const me = viewer === 'observer' || viewer === 'facilitator' ? null : viewer;
  const out = new Set<string>();
  if (viewer === 'facilitator') return out;
  const myNetworks = new Set(s.networks.filter((n) => n.owner === me).map((n) => n.id as string));
  const visibleCaps = new Set(s.capabilities.filter((k) => k.origin === me || s.copies.some((c) => c.holder === me && c.capability === k.id)).map((k) => k.id as string));
  const hunted = new Set(s.missions.filter((m) => m.hunter === me || m.host === me).flatMap((m) => m.findings.map((f) => f.implant as string)));
  const exposed = s.implants.filter((i) => (i.discovered && myNetworks.has(i.network)) || hunted.has(i.id));
  const exposedExploits = new Set(exposed.map((i) => i.exploit as string));
  for (const c of s.copies) if (c.holder !== me && c.from !== me) out.add(c.id);
  for (const k of s.capabilities) if (!visibleCaps.has(k.id)) out.add(k.id);
  for (const x of s.exploits) {
    const behindVisible = s.capabilities.some((k) => k.exploit === x.id && visibleCaps.has(k.id));
    if (x.author !== me && !behindVisible && !exposedExploits.has(x.id)) out.add(x.id);
  }
  for (const i of s.implants) if (i.owner !== me && !exposed.includes(i)) out.add(i.id);
  for (const [id, seat] of orders) if (seat !== me) out.add(id);
  return out;
}

/**
 * Why a value would not survive JSON.stringify → JSON.parse unchanged, or null: only
 * null, booleans, strings, finite numbers (not -0), dense plain arrays and plain
 * objects without undefined members. Same verdict as a toStrictEqual round trip, but
 * fast enough to run after every entry, and it names the path.
 */
export function notJson(value: unknown, path: string): string | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? null : `${path} is ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return `${path} is not a plain array`;
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return `${path}[${i}] is a hole`;
          const bad = notJson(value[i], `${path}[${i}]`);
          if (bad) return bad;
        }
        return null;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return `${path} is a ${proto?.constructor?.name ?? 'non-plain object'}`;
      if (Object.getOwnPropertySymbols(value).length > 0) return `${path} has symbol keys`;
      for (const [k, v] of Object.entries(value)) {
        const bad = notJson(v, `${path}.${k}`);
        if (bad) return bad;
      }
      return null;
    }
    default:
      return `${path} is ${typeof value}`;
  }
}

/** Every string in a JSON value (keys too), and every id-like token inside it, with a path for the first leak. */
export function findLeak(value: unknown, secret: ReadonlySet<string>, path: string): string | null {
  if (typeof value === 'string') {
    if (secret.has(value)) return `${path} = "${value}"`;
    for (const token of value.split(/[^A-Za-z0-9_-]+/)) if (secret.has(token)) return `${path} contains "${token}" in "${value}"`;
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (secret.has(k)) return `${path} has key "${k}"`;
    const leak = findLeak(v, secret, `${path}.${k}`);
    if (leak) return leak;
  }
  return null;
}

