import { AllianceInputSchema, type AllianceInput } from '../alliance-turns/index.ts';
import { message } from './common.ts';
import type { RulesetProtocol } from './ruleset-protocol.ts';

/**
 * The alliance-turns messages: one, `submitOrder { ref, order: { capabilityId, targetSeat } }`
 * (the same intent name and shape as cyber-alliance's, with this ruleset's order). The order
 * body is the rules' own zod schema (shared/alliance-turns/rules.ts), so client and server
 * agree on every field.
 *
 * An order is a seat's whole turn, so an accepted `submitOrder` also marks the seat ready
 * (`marksReady`): planning closes as soon as every seat has given its order, one message per
 * seat per turn, which is the workload the issue compares engines on. A seat may still send
 * `setReady` without an order (it passes), or `setReady { ready: false }` after it to hold the
 * turn open and change its order.
 */
export const AllianceMessages = {
  submitOrder: message({ order: AllianceInputSchema }),
} as const;

export type AllianceMessageType = keyof typeof AllianceMessages;

/** A parsed alliance-turns message → the rules input the match log records. */
export function allianceInput(_type: string, payload: Record<string, unknown>): AllianceInput {
  return payload.order as AllianceInput;
}

export const allianceProtocol: RulesetProtocol<AllianceInput> = {
  ruleset: 'alliance-turns',
  messages: AllianceMessages,
  facilitatorOnly: new Set(),
  marksReady: new Set<AllianceMessageType>(['submitOrder']),
  toInput: allianceInput,
};
