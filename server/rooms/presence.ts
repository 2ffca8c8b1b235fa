import type { Identity } from '../auth/authenticate.ts';
import type { SeatOccupancy } from '../schema/mirror.ts';

/**
 * Who is connected to one room, by session (docs/design.md §1: several people may share a seat).
 * Feeds the public seat list and the match summary's "seats filled".
 */
export class Presence implements SeatOccupancy {
  readonly #sessions = new Map<string, Identity>();

  add(sessionId: string, who: Identity): void {
    this.#sessions.set(sessionId, who);
  }

  remove(sessionId: string): Identity | undefined {
    const who = this.#sessions.get(sessionId);
    this.#sessions.delete(sessionId);
    return who;
  }

  get(sessionId: string): Identity | undefined {
    return this.#sessions.get(sessionId);
  }

  /** Every connected session and who it is, in join order. */
  entries(): IterableIterator<[string, Identity]> {
    return this.#sessions.entries();
  }

  /** Sessions in `seat`, in join order. */
  sessionsOf(seat: string): string[] {
    return [...this.#sessions].filter(([, who]) => who.seat === seat).map(([id]) => id);
  }

  count(seat: string): number {
    return this.sessionsOf(seat).length;
  }

  names(seat: string): string[] {
    return [...this.#sessions.values()].filter((who) => who.seat === seat).map((who) => who.name);
  }

  /** Seats with at least one person in them. */
  seatsFilled(): number {
    return new Set([...this.#sessions.values()].flatMap((who) => (who.seat === null ? [] : [who.seat]))).size;
  }
}
