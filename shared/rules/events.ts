import type { Audience, GameEvent, SeatId } from '../engine/ruleset.ts';

/** Collects the events of one resolution, each with its audience (docs/design.md §6). */
export class EventSink {
  readonly events: GameEvent[] = [];
  readonly turn: number;
  constructor(turn: number) {
    this.turn = turn;
  }
  private add(type: string, audience: Audience, text: string, data?: Record<string, unknown>): void {
    this.events.push(data ? { type, turn: this.turn, audience, text, data } : { type, turn: this.turn, audience, text });
  }
  public(type: string, text: string, data?: Record<string, unknown>): void {
    this.add(type, { kind: 'public' }, text, data);
  }
  /** To these seats (and the facilitator). Duplicates are removed and the list sorted. */
  to(seats: readonly string[], type: string, text: string, data?: Record<string, unknown>): void {
    const list = [...new Set(seats)].sort() as SeatId[];
    if (list.length > 0) this.add(type, { kind: 'seats', seats: list }, text, data);
  }
  facilitator(type: string, text: string, data?: Record<string, unknown>): void {
    this.add(type, { kind: 'facilitator' }, text, data);
  }
}
