import type { LogEntry } from './match.ts';

/**
 * Join records (issue 13): the server writes an `audit` entry with this action the first time a
 * display name takes a seat (or the observer's view, or the White Cell) in a match, so the
 * after-action report and the audit trail know who sat where and when. Names only: nothing
 * about the connection. Replay passes over them like every audit entry.
 */
export const JOIN_ACTION = 'join';

/** Who joined: `seat` is the seat id, or null with role observer / facilitator. */
export interface JoinDetail {
  readonly role: 'seat' | 'observer' | 'facilitator';
  readonly seat: string | null;
  readonly name: string;
}

/** The audit detail of a join entry. */
export function joinDetail(j: JoinDetail): Record<string, string | null> {
  return { role: j.role, seat: j.seat, name: j.name };
}

/** The join records of a log, in order, with each one's index in the log. */
export function joinsOf(entries: readonly LogEntry<unknown>[]): (JoinDetail & { readonly at: number; readonly index: number })[] {
  const out: (JoinDetail & { at: number; index: number })[] = [];
  entries.forEach((e, index) => {
    if (e.kind !== 'audit' || e.action !== JOIN_ACTION) return;
    const { role, seat, name } = e.detail;
    if ((role === 'seat' || role === 'observer' || role === 'facilitator') && (typeof seat === 'string' || seat === null) && typeof name === 'string') {
      out.push({ role, seat, name, at: e.at, index });
    }
  });
  return out;
}

/** The key under which a join is recorded once per match: the same name on the same seat is one person. */
export const joinKey = (j: JoinDetail): string => `${j.role}\n${j.seat ?? ''}\n${j.name}`;
