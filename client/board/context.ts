import type { SeatPicture } from '../../shared/rules/precheck.ts';
import type { MatchSession } from '../net/session.ts';
import type { BoardSnap } from '../state/board.ts';
import type { EventLine, SeatLine } from '../state/seat.ts';

/** What every panel of the nation board reads, rebuilt from the room state when it changes. */
export interface BoardContext {
  readonly session: MatchSession;
  readonly seat: string;
  readonly board: BoardSnap;
  readonly picture: SeatPicture;
  readonly seats: readonly SeatLine[];
  readonly events: readonly EventLine[];
  /** Display name of a nation or network id (the id itself if unknown). */
  readonly name: (id: string | null | undefined) => string;
}

/** Sets text only when it changed (no layout work on quiet frames). */
export function setText(e: HTMLElement, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

/** m:ss, or '' without a running clock. */
export function clock(seconds: number | null): string {
  if (seconds === null) return '';
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Scores and freshness are floats: one decimal is what people read. */
export const one = (x: number): string => String(Math.round(x * 10) / 10);

export function nameLookup(board: BoardSnap): (id: string | null | undefined) => string {
  const names = new Map<string, string>();
  for (const n of board.nations) names.set(n.id, n.name);
  for (const w of board.networks) names.set(w.id, w.name);
  return (id) => (id ? (names.get(id) ?? id) : '');
}

/**
 * Sends a message and says how it went in `status` (role="status"): the server's sentence on
 * a refusal, `done` on success. Resolves with whether it was accepted.
 */
export async function sendAndSay(session: MatchSession, status: HTMLElement, type: string, body: Record<string, unknown>, done: string): Promise<boolean> {
  try {
    const r = await session.send(type, body);
    status.textContent = r.ok ? done : (r.message ?? r.code ?? 'Refused.');
    status.dataset.ok = String(r.ok);
    return r.ok;
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : String(e);
    status.dataset.ok = 'false';
    return false;
  }
}
