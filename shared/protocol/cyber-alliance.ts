import { z } from 'zod';
import { FacilitatorInputSchema, OrderSchema, type Input } from '../rules/orders.ts';
import { ClientRef, message } from './common.ts';
import type { RulesetProtocol } from './ruleset-protocol.ts';

const ref = z.string().min(1).max(80);
const [fireInject, typedInject, awardReport, releaseReports, adjust] = FacilitatorInputSchema.options;

/**
 * The cyber-alliance messages (docs/design.md §4 orders, §1 White Cell): one per player intent
 * and one per facilitator action of the rules. The order and action bodies are the rules'
 * own zod schemas (shared/rules/orders.ts), so client and server agree on every field.
 */
export const CyberMessages = {
  submitOrder: message({ order: OrderSchema }),
  withdrawOrder: message({ order: ref }),
  answerRequest: message({ request: ref, accept: z.boolean() }),
  /** The CyOC (the facilitator or a designated nation) requests a sovereign offer. */
  requestSovereign: message({ offer: ref }),
  // A White Cell action of the rules as a flat message: its fields plus `ref`.
  fireInject: fireInject.omit({ type: true }).extend({ ref: ClientRef }),
  typedInject: typedInject.omit({ type: true }).extend({ ref: ClientRef }),
  awardReport: awardReport.omit({ type: true }).extend({ ref: ClientRef }),
  releaseReports: releaseReports.omit({ type: true }).extend({ ref: ClientRef }),
  adjust: adjust.omit({ type: true }).extend({ ref: ClientRef }),
} as const;

export type CyberMessageType = keyof typeof CyberMessages;
export type CyberMessage<K extends CyberMessageType> = z.infer<(typeof CyberMessages)[K]>;

const FACILITATOR_ACTIONS: ReadonlySet<string> = new Set<CyberMessageType>(['fireInject', 'typedInject', 'awardReport', 'releaseReports', 'adjust']);

function withoutRef(payload: Record<string, unknown>): Record<string, unknown> {
  const { ref: _ref, ...rest } = payload;
  return rest;
}

/** A parsed cyber-alliance message → the rules input the match log records. */
export function cyberInput(type: string, payload: Record<string, unknown>): Input {
  const p = withoutRef(payload);
  switch (type) {
    case 'submitOrder':
      return { type: 'order', order: p.order } as Input;
    case 'withdrawOrder':
      return { type: 'withdraw', order: p.order } as Input;
    case 'answerRequest':
      return { type: 'answer', request: p.request, accept: p.accept } as Input;
    case 'requestSovereign':
      return { type: 'requestSovereign', offer: p.offer } as Input;
    default:
      return { type: 'facilitator', action: { type, ...p } } as Input;
  }
}

export const cyberProtocol: RulesetProtocol<Input> = {
  ruleset: 'cyber-alliance',
  messages: CyberMessages,
  facilitatorOnly: FACILITATOR_ACTIONS,
  toInput: cyberInput,
};
