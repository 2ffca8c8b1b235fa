import type { Order } from './orders.ts';
import type { NationId, OfferId, OrderId, RequestId } from './types.ts';

/** An order a seat has submitted this planning window; secret until resolution. */
export interface DraftOrder {
  readonly id: OrderId;
  readonly seat: NationId;
  readonly order: Order;
}

/**
 * Everything submitted during one planning window. Requests are not stored: they are
 * derived from these drafts (requests.ts), so that withdrawing an order withdraws its
 * request and no answer can outlive what it answered.
 */
export interface CyberDrafts {
  readonly orders: readonly DraftOrder[];
  readonly answers: readonly { readonly seat: NationId; readonly request: RequestId; readonly accept: boolean }[];
  readonly sovereignRequests: readonly { readonly offer: OfferId; readonly by: NationId | 'facilitator' }[];
  /** Orders issued per seat this window (ids are per seat, so they reveal nothing of others). */
  readonly issued: readonly { readonly seat: NationId; readonly n: number }[];
}

export const emptyDrafts = (): CyberDrafts => ({ orders: [], answers: [], sovereignRequests: [], issued: [] });

export function answerTo(drafts: CyberDrafts, request: RequestId): boolean | null {
  const a = drafts.answers.find((x) => x.request === request);
  return a ? a.accept : null;
}

export function ordersOf(drafts: CyberDrafts, seat: string): DraftOrder[] {
  return drafts.orders.filter((o) => o.seat === seat);
}
