import type { PublicView } from '../../shared/rules/fog.ts';
import type { MatchSession } from '../net/session.ts';
import type { BoardSnap } from '../state/board.ts';
import { items, type EventLine, type SeatLine } from '../state/seat.ts';

type Rec = Record<string, unknown>;
const str = (o: Rec, k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
const num = (o: Rec, k: string): number => (typeof o[k] === 'number' ? (o[k] as number) : 0);
const bool = (o: Rec, k: string): boolean => o[k] === true;

export interface GodExploit { id: string; vuln: string; author: string; freshness: number; discovered: boolean; patched: boolean; uses: number; holders: string[]; capabilities: string[] }
export interface GodIncident { id: string; turn: number; network: string; victim: string; user: string; blamed: string; effect: string; kind: string; success: boolean; publiclyAttributed: boolean; capability: string }
export interface GodReport { id: string; nation: string; turn: number; text: string; points: number; scored: boolean; released: boolean }
export interface MselItem { id: string; turn: number; title: string; text: string; fired: boolean }

/** The facilitator's part of the state (server/schema/cyber-god.ts), as plain data. */
export interface God {
  readonly exploits: GodExploit[];
  readonly incidents: GodIncident[];
  readonly orders: { id: string; seat: string; type: string; order: string }[];
  readonly requests: { id: string; kind: string; from: string; to: string; text: string; answer: string }[];
  readonly reports: GodReport[];
  readonly msel: MselItem[];
  readonly events: EventLine[];
}

export function readGod(state: unknown): God | null {
  const g = (state as Rec | undefined)?.['god'] as Rec | undefined;
  if (!g) return null;
  const caps = items(g['capabilities']);
  const copies = items(g['copies']);
  const exploits = items(g['exploits']).map((x) => {
    const mine = caps.filter((c) => str(c, 'exploit') === str(x, 'id'));
    const ids = new Set(mine.map((c) => str(c, 'id')));
    return {
      id: str(x, 'id'), vuln: str(x, 'vuln'), author: str(x, 'author'), freshness: num(x, 'freshness'), discovered: bool(x, 'discovered'), patched: bool(x, 'patched'), uses: num(x, 'uses'),
      holders: [...new Set(copies.filter((c) => ids.has(str(c, 'capability'))).map((c) => str(c, 'holder')))].sort(),
      capabilities: mine.map((c) => str(c, 'name')),
    };
  });
  const capName = new Map(caps.map((c) => [str(c, 'id'), str(c, 'name')]));
  let msel: MselItem[] = [];
  try {
    msel = str(g, 'msel') ? (JSON.parse(str(g, 'msel')) as MselItem[]) : [];
  } catch {
    msel = [];
  }
  return {
    exploits,
    incidents: items(g['incidents']).map((x) => ({
      id: str(x, 'id'), turn: num(x, 'turn'), network: str(x, 'network'), victim: str(x, 'victim'), user: str(x, 'user'), blamed: str(x, 'blamed'), effect: str(x, 'effect'), kind: str(x, 'kind'),
      success: bool(x, 'success'), publiclyAttributed: bool(x, 'publiclyAttributed'), capability: capName.get(str(x, 'capability')) ?? str(x, 'capability'),
    })),
    orders: items(g['orders']).map((x) => ({ id: str(x, 'id'), seat: str(x, 'seat'), type: str(x, 'type'), order: str(x, 'order') })),
    requests: items(g['requests']).map((x) => ({ id: str(x, 'id'), kind: str(x, 'kind'), from: str(x, 'from'), to: str(x, 'to'), text: str(x, 'text'), answer: str(x, 'answer') })),
    reports: items(g['reports']).map((x) => ({ id: str(x, 'id'), nation: str(x, 'nation'), turn: num(x, 'turn'), text: str(x, 'text'), points: num(x, 'points'), scored: bool(x, 'scored'), released: bool(x, 'released') })),
    msel,
    events: items(g['events']).map((x) => ({ seq: num(x, 'seq'), type: str(x, 'type'), turn: num(x, 'turn'), audience: str(x, 'audience'), text: str(x, 'text') })),
  };
}

/** What every panel of the console reads. */
export interface ConsoleContext {
  readonly session: MatchSession;
  readonly token: string;
  readonly board: BoardSnap;
  readonly pub: PublicView;
  readonly god: God;
  readonly seats: readonly SeatLine[];
  readonly events: readonly EventLine[];
  /** People the facilitator muted, as `seat/name`. */
  readonly muted: readonly string[];
  readonly name: (id: string | null | undefined) => string;
}
