/**
 * Cross-reference checks of a cyber-alliance scenario: every id that points at something
 * else must find it (an objective's network, a trust pair's allies, an inject's nation…),
 * every exploit a tool or a nation knows must run on some network, and ids must be unique.
 *
 * Written defensively over loosely typed data, so that the same checks run on a file that
 * also has field errors: an author who made twenty mistakes hears about all twenty at once,
 * not about the cross-references only after the types are right.
 */
export interface ReferenceIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

type Loose = Record<string, unknown>;

const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

interface NationAt {
  readonly n: Loose;
  readonly base: (string | number)[];
}

function nationsOf(s: Loose): NationAt[] {
  const out: NationAt[] = [];
  arr(s['allies']).forEach((n, i) => {
    if (isObj(n)) out.push({ n, base: ['allies', i] });
  });
  if (isObj(s['adversary'])) out.push({ n: s['adversary'], base: ['adversary'] });
  return out;
}

/** Every cross-reference problem of `data`, in file order; [] when there is none. */
export function referenceIssues(data: unknown): ReferenceIssue[] {
  if (!isObj(data)) return [];
  const s = data;
  const issues: ReferenceIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const nations = nationsOf(s);
  const turns = typeof s['turns'] === 'number' ? s['turns'] : Infinity;

  // Ids of nations, networks and capabilities share one namespace (orders name them bare).
  const seen = new Map<string, string>();
  const unique = (value: unknown, path: (string | number)[], names = seen) => {
    const v = str(value);
    if (v === undefined) return;
    const prev = names.get(v);
    if (prev) add(path, `the id "${v}" is already used at ${prev}; every id must be unique`);
    else names.set(v, path.join('.'));
  };
  for (const { n, base } of nations) {
    unique(n['id'], [...base, 'id']);
    arr(n['networks']).forEach((w, j) => isObj(w) && unique(w['id'], [...base, 'networks', j, 'id']));
    arr(n['capabilities']).forEach((c, j) => isObj(c) && unique(c['id'], [...base, 'capabilities', j, 'id']));
  }
  const networks = new Set<string>();
  const software = new Set<string>();
  const caps = new Set<string>();
  for (const { n } of nations) {
    for (const w of arr(n['networks'])) {
      if (!isObj(w)) continue;
      const wid = str(w['id']);
      if (wid) networks.add(wid);
      for (const sw of arr(w['software'])) if (typeof sw === 'string') software.add(sw);
    }
    for (const c of arr(n['capabilities'])) if (isObj(c) && str(c['id'])) caps.add(c['id'] as string);
  }
  const allyIds = new Set(arr(s['allies']).flatMap((a) => (isObj(a) && str(a['id']) ? [a['id'] as string] : [])));
  const nationIds = new Set(nations.flatMap(({ n }) => (str(n['id']) ? [n['id'] as string] : [])));

  const cyoc = str(s['cyoc']);
  if (cyoc !== undefined && cyoc !== 'facilitator' && !allyIds.has(cyoc)) add(['cyoc'], `expected "facilitator" or the id of an ally; "${cyoc}" is neither`);

  const noSoftware = (vuln: unknown, path: (string | number)[], what: string) => {
    const v = str(vuln);
    if (v !== undefined && !software.has(v)) add(path, `${what} "${v}", which no network runs: expected the id of software in some network's software list`);
  };
  for (const { n, base } of nations) {
    arr(n['knownVulns']).forEach((v, j) => noSoftware(v, [...base, 'knownVulns', j], 'a known vulnerability in'));
    arr(n['capabilities']).forEach((c, j) => isObj(c) && noSoftware(c['vuln'], [...base, 'capabilities', j, 'vuln'], 'an exploit in'));
  }

  const objectiveIds = new Map<string, string>();
  const checkObjective = (o: unknown, path: (string | number)[]) => {
    if (!isObj(o)) return;
    unique(o['id'], [...path, 'id'], objectiveIds);
    const network = str(o['network']);
    if (o['type'] === 'effectOnNetwork' && network !== undefined && !networks.has(network)) add([...path, 'network'], `there is no network "${network}": expected the id of a network of some nation`);
    const cap = str(o['capability']);
    if (o['type'] === 'keepFresh' && cap !== undefined && !caps.has(cap)) add([...path, 'capability'], `there is no capability "${cap}": expected the id of a capability of some nation`);
    for (const key of ['byTurn', 'untilTurn'] as const) {
      const t = o[key];
      if (typeof t === 'number' && t > turns) add([...path, key], `turn ${t} is after the last turn: expected at most ${turns}`);
    }
  };
  arr(s['coalitionObjectives']).forEach((o, i) => checkObjective(o, ['coalitionObjectives', i]));
  for (const { n, base } of nations) arr(n['objectives']).forEach((o, j) => checkObjective(o, [...base, 'objectives', j]));

  const trust = s['trust'];
  const pairsSeen = new Set<string>();
  if (isObj(trust)) {
    arr(trust['pairs']).forEach((p, i) => {
      if (!isObj(p)) return;
      const a = str(p['a']);
      const b = str(p['b']);
      if (a !== undefined && !allyIds.has(a)) add(['trust', 'pairs', i, 'a'], `there is no ally "${a}": expected the id of an ally (the adversary has no trust)`);
      if (b !== undefined && !allyIds.has(b)) add(['trust', 'pairs', i, 'b'], `there is no ally "${b}": expected the id of an ally (the adversary has no trust)`);
      if (a === undefined || b === undefined) return;
      if (a === b) add(['trust', 'pairs', i, 'b'], `a nation's trust in itself is not a pair: expected an ally other than "${a}"`);
      const key = [a, b].sort().join('|');
      if (pairsSeen.has(key)) add(['trust', 'pairs', i], `the pair ${a}–${b} is given twice: expected each pair once`);
      pairsSeen.add(key);
    });
  }

  const injectIds = new Map<string, string>();
  arr(s['msel']).forEach((m, i) => {
    if (!isObj(m)) return;
    unique(m['id'], ['msel', i, 'id'], injectIds);
    if (typeof m['turn'] === 'number' && m['turn'] > turns) add(['msel', i, 'turn'], `turn ${m['turn']} is after the last turn: expected at most ${turns}`);
    const hit = m['availabilityHit'];
    const hitNetwork = isObj(hit) ? str(hit['network']) : undefined;
    if (hitNetwork !== undefined && !networks.has(hitNetwork)) add(['msel', i, 'availabilityHit', 'network'], `there is no network "${hitNetwork}": expected the id of a network of some nation`);
    const grant = m['intelGrant'];
    if (isObj(grant)) {
      const nation = str(grant['nation']);
      if (nation !== undefined && !nationIds.has(nation)) add(['msel', i, 'intelGrant', 'nation'], `there is no nation "${nation}": expected the id of an ally or of the adversary`);
      if (grant['vuln'] !== undefined) noSoftware(grant['vuln'], ['msel', i, 'intelGrant', 'vuln'], 'a vulnerability in');
    }
  });
  return issues;
}
