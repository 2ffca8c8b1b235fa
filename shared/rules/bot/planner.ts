import type { CyberDrafts } from '../drafts.ts';
import { applyInput, capacityLeft, validateOrder } from '../inputs.ts';
import type { Input, Order } from '../orders.ts';
import type { CyberState, NationId } from '../types.ts';

/**
 * The bot's only door to the full state: it folds each intended input through the shared
 * `validateOrder` and `applyInput`, exactly as the engine will, and keeps only what is
 * accepted — so a bot never submits an illegal order. It answers "would this be accepted?"
 * and "how much capacity is left?", the same things a player's client can ask.
 */
export interface Planner {
  /** Inputs accepted so far, in order. */
  readonly inputs: Input[];
  /** Capacity left after everything planned. */
  left(): number;
  /** This seat's orders this window (already submitted and planned now). */
  mine(): Order[];
  /** Adds an order if it is legal now; false (and nothing added) otherwise. */
  order(o: Order): boolean;
  answer(request: string, accept: boolean): boolean;
  requestSovereign(offer: string): boolean;
}

export function planner(s: CyberState, start: CyberDrafts, seat: NationId): Planner {
  let drafts = start;
  const inputs: Input[] = [];
  const push = (input: Input): boolean => {
    const r = applyInput(s, drafts, seat, input);
    if (!r.ok) return false;
    drafts = r.value.drafts;
    inputs.push(input);
    return true;
  };
  return {
    inputs,
    left: () => capacityLeft(s, drafts, seat),
    mine: () => drafts.orders.filter((o) => o.seat === seat).map((o) => o.order),
    order: (o) => validateOrder(s, drafts, seat, o).ok && push({ type: 'order', order: o }),
    answer: (request, accept) => push({ type: 'answer', request, accept }),
    requestSovereign: (offer) => push({ type: 'requestSovereign', offer }),
  };
}
