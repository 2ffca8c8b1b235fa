import type { PublicView, SeatView } from '../../shared/rules/fog.ts';
import type { SeatPicture } from '../../shared/rules/precheck.ts';

/**
 * Reads the room state (as the SDK decodes server/schema/cyber-*.ts) back into the shapes
 * `viewOf` gives (shared/rules/fog.ts): the public view and, for a seat, its own part. The
 * schema mirror (server/schema/cyber-mirror.ts) writes '' and 0 for null and JSON strings for
 * nested details; this is its inverse, so the board can run the rules' own checks on it.
 */
type Rec = Record<string, unknown>;
type Each = { forEach(cb: (value: unknown, key: string) => void): void };
type Me = NonNullable<SeatView>;

const str = (o: unknown, k: string): string => (typeof (o as Rec | undefined)?.[k] === 'string' ? ((o as Rec)[k] as string) : '');
const num = (o: unknown, k: string): number => (typeof (o as Rec | undefined)?.[k] === 'number' ? ((o as Rec)[k] as number) : 0);
const bool = (o: unknown, k: string): boolean => (o as Rec | undefined)?.[k] === true;
const orNull = (s: string): string | null => (s === '' ? null : s);
const numOrNull = (n: number): number | null => (n === 0 ? null : n);
function parsed<T>(s: string, fallback: T): T {
  if (s === '') return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

/** A decoded MapSchema or ArraySchema as a plain array (values in insertion order). */
export function items(collection: unknown): Rec[] {
  const out: Rec[] = [];
  if (collection && typeof (collection as Each).forEach === 'function') (collection as Each).forEach((v) => out.push(v as Rec));
  return out;
}
const strings = (collection: unknown): string[] => items(collection).map((v) => String(v));

/** The public view of a cyber-alliance match, from the board and the root. */
export function readPublic(state: unknown): PublicView | null {
  const root = state as Rec | undefined;
  const b = root?.['board'] as Rec | undefined;
  if (!root || !b) return null;
  const tunables = parsed(str(b, 'tunables'), null);
  if (!tunables) return null;
  const scores = items(b['scores']).map((x) => ({ nation: str(x, 'nation'), name: str(x, 'name'), total: num(x, 'total') }));
  return {
    scenario: { id: str(root, 'scenarioId'), version: str(root, 'scenarioVersion'), turns: num(root, 'turnLimit'), cyoc: str(b, 'cyoc'), showScores: bool(b, 'showScores'), tunables },
    turn: num(root, 'turn'),
    nations: items(b['nations']).map((x) => ({ id: str(x, 'id'), name: str(x, 'name'), side: str(x, 'side'), tier: str(x, 'tier'), reputation: num(x, 'reputation'), influence: num(x, 'influence') })),
    networks: items(b['networks']).map((x) => ({
      id: str(x, 'id'), name: str(x, 'name'), owner: str(x, 'owner'), sophistication: num(x, 'sophistication'), availability: num(x, 'availability'), software: strings(x['software']), tags: strings(x['tags']),
    })),
    offers: items(b['offers']).map((x) => ({ id: str(x, 'id'), nation: str(x, 'nation'), effect: str(x, 'effect'), target: str(x, 'target'), until: num(x, 'until'), status: str(x, 'status') })),
    missions: items(b['missions']).map((x) => ({ id: str(x, 'id'), hunter: str(x, 'hunter'), host: str(x, 'host'), started: num(x, 'started'), until: num(x, 'until') })),
    injects: items(b['injects']).map((x) => ({ id: str(x, 'id'), turn: num(x, 'turn'), title: str(x, 'title'), text: str(x, 'text'), fromMsel: bool(x, 'fromMsel') })),
    patchedVulns: strings(b['patchedVulns']),
    publicIncidents: items(b['incidents']).map((x) => ({
      id: str(x, 'id'), turn: num(x, 'turn'), network: str(x, 'network'), victim: str(x, 'victim'), blamed: orNull(str(x, 'blamed')), kind: str(x, 'kind'), effect: orNull(str(x, 'effect')), success: bool(x, 'success'),
    })),
    coalition: { objectives: items(b['objectives']).map((x) => ({ id: str(x, 'id'), text: str(x, 'text'), points: num(x, 'points'), met: bool(x, 'met') })), legitimacy: num(b, 'legitimacy') },
    scores: bool(b, 'showScores') ? { coalition: num(b, 'coalitionScore'), nations: scores } : null,
  } as unknown as PublicView;
}

/** A seat's own part (`privates[seat]`), as `viewOf(…, seat).me`. */
export function readMe(part: unknown): Me | null {
  const p = part as Rec | undefined;
  const n = p?.['nation'] as Rec | undefined;
  if (!p || !n || !str(n, 'id')) return null;
  const id = str(n, 'id');
  const score = p['score'] as Rec | undefined;
  return {
    nation: {
      id, name: str(n, 'name'), side: str(n, 'side'), tier: str(n, 'tier'), capacity: num(n, 'capacity'), skill: num(n, 'skill'), hygiene: num(n, 'hygiene'), intel: num(n, 'intel'),
      reputation: num(n, 'reputation'), influence: num(n, 'influence'), knownVulns: strings(n['knownVulns']), tally: parsed(str(n, 'tally'), {}),
    },
    capacity: { total: num(p, 'capacityTotal'), committed: num(p, 'capacityCommitted') },
    networks: items(p['networks']).map((x) => ({
      id: str(x, 'id'), name: str(x, 'name'), owner: id, sophistication: num(x, 'sophistication'), hardening: num(x, 'hardening'), availability: num(x, 'availability'),
      software: strings(x['software']), tags: strings(x['tags']), patchesApplied: strings(x['patchesApplied']), effects: parsed(str(x, 'effects'), []),
    })),
    arsenal: items(p['arsenal']).map((x) => ({
      copy: str(x, 'copy'), capability: str(x, 'capability'), name: str(x, 'name'), kind: str(x, 'kind'), effect: orNull(str(x, 'effect')), power: num(x, 'power'), origin: str(x, 'origin'),
      vuln: str(x, 'vuln'), freshness: num(x, 'freshness'), patched: bool(x, 'patched'), from: orNull(str(x, 'from')), terms: parsed(str(x, 'terms'), null), expiresTurn: numOrNull(num(x, 'expiresTurn')),
      leaked: bool(x, 'leaked'), tailoredFor: orNull(str(x, 'tailoredFor')),
    })),
    sharedOut: items(p['sharedOut']).map((x) => ({ copy: str(x, 'copy'), capability: str(x, 'capability'), name: str(x, 'name'), to: str(x, 'to'), terms: parsed(str(x, 'terms'), null), expiresTurn: numOrNull(num(x, 'expiresTurn')) })),
    implants: items(p['implants']).map((x) => ({ id: str(x, 'id'), owner: str(x, 'owner'), network: str(x, 'network'), exploit: str(x, 'exploit'), planted: num(x, 'planted'), discovered: bool(x, 'discovered') })),
    projects: items(p['projects']).map((x) => ({
      id: str(x, 'id'), kind: str(x, 'kind'), nation: str(x, 'nation'), for: str(x, 'for'), vuln: str(x, 'vuln'), capKind: str(x, 'capKind'), effect: orNull(str(x, 'effect')), power: num(x, 'power'),
      name: str(x, 'name'), due: num(x, 'due'), terms: parsed(str(x, 'terms'), null),
    })),
    trainings: items(p['trainings']).map((x) => ({ trainer: str(x, 'trainer'), trainee: str(x, 'trainee'), due: num(x, 'due') })),
    missions: items(p['missions']).map((x) => ({
      id: str(x, 'id'), hunter: str(x, 'hunter'), host: str(x, 'host'), started: num(x, 'started'), until: num(x, 'until'),
      findings: items(x['findings']).map((f) => ({ turn: num(f, 'turn'), implant: str(f, 'implant'), network: str(f, 'network'), exploit: str(f, 'exploit') })),
    })),
    offers: items(p['offers']).map((x) => ({
      id: str(x, 'id'), nation: str(x, 'nation'), effect: str(x, 'effect'), target: str(x, 'target'), copy: str(x, 'copy'), until: num(x, 'until'), status: str(x, 'status'), executeTurn: numOrNull(num(x, 'executeTurn')),
    })),
    incidents: items(p['incidents']).map((x) => {
      const base = {
        id: str(x, 'id'), turn: num(x, 'turn'), network: str(x, 'network'), victim: str(x, 'victim'), kind: str(x, 'kind'), effect: orNull(str(x, 'effect')), success: bool(x, 'success'),
        blamed: orNull(str(x, 'blamed')), publiclyAttributed: bool(x, 'publiclyAttributed'),
      };
      return str(x, 'user') ? { ...base, user: str(x, 'user'), capability: str(x, 'capability'), noticed: bool(x, 'noticed') } : base;
    }),
    reports: items(p['reports']).map((x) => ({ id: str(x, 'id'), nation: str(x, 'nation'), turn: num(x, 'turn'), text: str(x, 'text'), points: bool(x, 'scored') ? num(x, 'points') : null, released: bool(x, 'released') })),
    trust: items(p['trust']).map((x) => {
      const other = str(x, 'with');
      return id < other ? { a: id, b: other, value: num(x, 'value') } : { a: other, b: id, value: num(x, 'value') };
    }),
    objectives: items(p['objectives']).map((x) => ({ ...parsed<Rec>(str(x, 'detail'), {}), id: str(x, 'id'), type: str(x, 'type'), text: str(x, 'text'), points: num(x, 'points'), met: bool(x, 'met') })),
    orders: items(p['orders']).map((x) => ({ id: str(x, 'id'), seat: str(x, 'seat'), order: parsed(str(x, 'order'), { type: str(x, 'type') }) })),
    inbox: items(p['inbox']).map((x) => ({
      id: str(x, 'id'), kind: str(x, 'kind'), from: str(x, 'from'), to: str(x, 'to'), text: str(x, 'text'), details: parsed(str(x, 'details'), {}),
      answer: str(x, 'answer') === '' ? null : str(x, 'answer') === 'accepted',
    })),
    outbox: items(p['outbox']).map((x) => ({ id: str(x, 'id'), kind: str(x, 'kind'), to: str(x, 'to'), answer: str(x, 'answer') === '' ? null : str(x, 'answer') === 'accepted' })),
    cyocRequests: items(p['cyocRequests']).map((x) => ({ offer: str(x, 'offer'), by: str(x, 'by') })),
    score: score && bool(score, 'shown') ? { nation: id, name: str(n, 'name'), national: num(score, 'national'), coalition: num(score, 'coalition'), total: num(score, 'total'), parts: parsed(str(score, 'parts'), {}) } : null,
  } as unknown as Me;
}

/** What one seat knows, read from the room state; null until both parts have arrived. */
export function readPicture(state: unknown, seat: string): SeatPicture | null {
  const pub = readPublic(state);
  const privates = (state as Rec | undefined)?.['privates'] as { get?: (k: string) => unknown } | undefined;
  const me = readMe(privates?.get?.(seat));
  return pub && me ? { pub, me } : null;
}

/** One event as a viewer may see it (server/schema/base.ts EventItem). */
export interface EventLine { readonly seq: number; readonly type: string; readonly turn: number; readonly audience: string; readonly text: string }

/** Public events and, for a seat, its own, merged in order. */
export function readEvents(state: unknown, seat: string | null): EventLine[] {
  const root = state as Rec | undefined;
  const line = (x: Rec): EventLine => ({ seq: num(x, 'seq'), type: str(x, 'type'), turn: num(x, 'turn'), audience: str(x, 'audience'), text: str(x, 'text') });
  const pub = items(root?.['events']).map(line);
  const privates = root?.['privates'] as { get?: (k: string) => unknown } | undefined;
  const own = seat ? items((privates?.get?.(seat) as Rec | undefined)?.['events']).map(line) : [];
  return [...pub, ...own].sort((a, b) => a.seq - b.seq);
}

/** A seat at the table as everyone sees it (server/schema/base.ts SeatPublic). */
export interface SeatLine { readonly id: string; readonly name: string; readonly side: string; readonly bot: boolean; readonly ready: boolean; readonly connected: number; readonly players: readonly string[] }

export function readSeats(state: unknown): SeatLine[] {
  return items((state as Rec | undefined)?.['seats'])
    .map((x) => ({ id: str(x, 'id'), name: str(x, 'name'), side: str(x, 'side'), bot: bool(x, 'bot'), ready: bool(x, 'ready'), connected: num(x, 'connected'), players: strings(x['players']) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
