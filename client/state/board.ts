/**
 * A read-only, plain snapshot of the public part of a match (server/schema/base.ts and
 * cyber-board.ts as the SDK decodes them). Views read this, never the schema objects, so
 * they do not depend on how Colyseus decodes collections.
 */
export interface NationSnap { readonly id: string; readonly name: string; readonly side: string; readonly tier: string; readonly reputation: number; readonly influence: number }
export interface NetworkSnap {
  readonly id: string; readonly name: string; readonly owner: string; readonly availability: number; readonly sophistication: number; readonly software: readonly string[]; readonly tags: readonly string[];
}
export interface OfferSnap { readonly id: string; readonly nation: string; readonly effect: string; readonly target: string; readonly status: string; readonly until: number }
export interface MissionSnap { readonly id: string; readonly hunter: string; readonly host: string; readonly started: number; readonly until: number }
export interface IncidentSnap { readonly id: string; readonly turn: number; readonly network: string; readonly victim: string; readonly blamed: string; readonly effect: string; readonly success: boolean }
export interface ScoreSnap { readonly nation: string; readonly name: string; readonly total: number }

export interface BoardSnap {
  readonly matchId: string;
  readonly phase: string;
  readonly turn: number;
  readonly turnLimit: number;
  readonly deadline: number;
  readonly paused: boolean;
  readonly remainingMs: number;
  readonly nations: readonly NationSnap[];
  readonly networks: readonly NetworkSnap[];
  readonly offers: readonly OfferSnap[];
  readonly missions: readonly MissionSnap[];
  /** Incidents someone was blamed for or that were attributed publicly. */
  readonly incidents: readonly IncidentSnap[];
  /** Vulnerabilities with a published patch (public). */
  readonly patchedVulns: readonly string[];
  /** Networks of the viewer's own nation ('' for the public view): drawn emphasised. */
  readonly own: string;
  readonly showScores: boolean;
  readonly coalitionScore: number;
  readonly scores: readonly ScoreSnap[];
}

type Rec = Record<string, unknown>;
/** A decoded MapSchema / ArraySchema: both have forEach((value) => …). */
type Each = { forEach(cb: (value: unknown) => void): void };

const str = (o: Rec | undefined, k: string): string => (typeof o?.[k] === 'string' ? (o[k] as string) : '');
const num = (o: Rec | undefined, k: string): number => (typeof o?.[k] === 'number' ? (o[k] as number) : 0);

function list<T>(collection: unknown, map: (o: Rec) => T): T[] {
  const out: T[] = [];
  if (collection && typeof (collection as Each).forEach === 'function') (collection as Each).forEach((v) => out.push(map(v as Rec)));
  return out;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reads the room state into a BoardSnap (null until the first state arrives). */
export function readBoard(state: unknown, own = ''): BoardSnap | null {
  if (!state || typeof state !== 'object') return null;
  const s = state as Rec;
  const board = s.board as Rec | undefined;
  return {
    matchId: str(s, 'matchId'),
    phase: str(s, 'phase'),
    turn: num(s, 'turn'),
    turnLimit: num(s, 'turnLimit'),
    deadline: num(s, 'deadline'),
    paused: s.paused === true,
    remainingMs: num(s, 'remainingMs'),
    nations: list(board?.nations, (o) => ({ id: str(o, 'id'), name: str(o, 'name'), side: str(o, 'side'), tier: str(o, 'tier'), reputation: num(o, 'reputation'), influence: num(o, 'influence') })).sort(byId),
    networks: list(board?.networks, (o) => ({
      id: str(o, 'id'), name: str(o, 'name'), owner: str(o, 'owner'), availability: num(o, 'availability'), sophistication: num(o, 'sophistication'),
      software: list(o['software'], (v) => String(v)), tags: list(o['tags'], (v) => String(v)),
    })).sort(byId),
    offers: list(board?.offers, (o) => ({ id: str(o, 'id'), nation: str(o, 'nation'), effect: str(o, 'effect'), target: str(o, 'target'), status: str(o, 'status'), until: num(o, 'until') })).sort(byId),
    missions: list(board?.missions, (o) => ({ id: str(o, 'id'), hunter: str(o, 'hunter'), host: str(o, 'host'), started: num(o, 'started'), until: num(o, 'until') })).sort(byId),
    incidents: list(board?.incidents, (o) => ({
      id: str(o, 'id'), turn: num(o, 'turn'), network: str(o, 'network'), victim: str(o, 'victim'), blamed: str(o, 'blamed'), effect: str(o, 'effect'), success: o['success'] === true,
    })),
    patchedVulns: list(board?.patchedVulns, (v) => String(v)),
    own,
    showScores: board?.showScores === true,
    coalitionScore: num(board, 'coalitionScore'),
    scores: list(board?.scores, (o) => ({ nation: str(o, 'nation'), name: str(o, 'name'), total: num(o, 'total') })).sort((a, b) => b.total - a.total),
  };
}

/** Planning time left, in whole seconds (null when no clock runs). */
export function secondsLeft(b: BoardSnap, now: number): number | null {
  if (b.paused) return Math.ceil(b.remainingMs / 1000);
  if (!b.deadline) return null;
  return Math.max(0, Math.ceil((b.deadline - now) / 1000));
}
