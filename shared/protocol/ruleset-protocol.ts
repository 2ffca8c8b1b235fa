import type { z } from 'zod';

/**
 * The messages one ruleset adds to the engine's (DESIGN.md §7: the engine is generic, the
 * ruleset owns what the game means): their schemas, which of them only the facilitator may
 * send, and how a parsed message becomes the ruleset's input for the match log.
 */
export interface RulesetProtocol<Input> {
  readonly ruleset: string;
  readonly messages: Readonly<Record<string, z.ZodType>>;
  readonly facilitatorOnly: ReadonlySet<string>;
  /** `payload` has passed `messages[type]`; `ref` is still in it. */
  toInput(type: string, payload: Record<string, unknown>): Input;
}
