import type { z } from 'zod';

/**
 * The messages one ruleset adds to the engine's (docs/design.md §7: the engine is generic, the
 * ruleset owns what the game means): their schemas, which of them only the facilitator may
 * send, and how a parsed message becomes the ruleset's input for the match log.
 */
export interface RulesetProtocol<Input> {
  readonly ruleset: string;
  readonly messages: Readonly<Record<string, z.ZodType>>;
  readonly facilitatorOnly: ReadonlySet<string>;
  /**
   * Messages that are a seat's whole turn: once one is accepted from a seat, the seat is also
   * marked ready, as if it had sent `setReady` (the log holds both entries, so the record
   * replays the same). Absent: no message marks a seat ready but `setReady`.
   */
  readonly marksReady?: ReadonlySet<string>;
  /** `payload` has passed `messages[type]`; `ref` is still in it. */
  toInput(type: string, payload: Record<string, unknown>): Input;
}
