import type { Identity } from '../auth/authenticate.ts';
import type { SeatOccupancy } from '../schema/mirror.ts';

/**
 * Who is connected to one room, by session (docs/design.md §1: several people may share a seat).
 * Feeds the public seat list and the match summary's "seats filled".
 */
export class Presence implements SeatOccupancy {
  readonly #sessions = new Map<string, Identity>();
  /** Sessions by seat, in join order: the seat list asks for every seat after each commit. */
  readonly #bySeat = new Map<string, Map<string, Identity>>();

  add(sessionId: string, who: Identity): void {
    this.remove(sessionId);
    this.#sessions.set(sessionId, who);
    if (who.seat === null) return;
    let seat = this.#bySeat.get(who.seat);
    if (!seat) this.#bySeat.set(who.seat, (seat = new Map()));
    seat.set(sessionId, who);
  }

  remove(sessionId: string): Identity | undefined {
    const who = this.#sessions.get(sessionId);
    this.#sessions.delete(sessionId);
    if (who?.seat != null) {
      const seat = this.#bySeat.get(who.seat);
      seat?.delete(sessionId);
      if (seat?.size === 0) this.#bySeat.delete(who.seat);
    }
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
    return [...(this.#bySeat.get(seat)?.keys() ?? [])];
  }

  count(seat: string): number {
    return this.#bySeat.get(seat)?.size ?? 0;
  }

  names(seat: string): string[] {
    return [...(this.#bySeat.get(seat)?.values() ?? [])].map((who) => who.name);
  }

  /** Seats with at least one person in them. */
  seatsFilled(): number {
    return this.#bySeat.size;
  }
}
