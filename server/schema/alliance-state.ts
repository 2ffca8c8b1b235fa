import { schema, t } from '@colyseus/schema';
import { chatFields } from './chat.ts';
import { EventItem, matchFields } from './base.ts';

/**
 * The schema of an alliance-turns match room (shared/alliance-turns): fields only, mapped
 * from the ruleset's `view` projections by alliance-mirror.ts, one direction.
 *
 * Public: the 6×6 pressure table (one row per seat, in `seatOrder`) with each seat's
 * attributed uses; the turn counter and public events are the root's (base.ts). Private, per
 * seat and reached only through that seat's StateView (and the facilitator's): its 30
 * capabilities and its pending order. The facilitator's part adds every seat's pending order.
 */
const s = () => t.string().default('');
const n = () => t.uint32().default(0);

/** `pressure[j]`: the pressure this seat has put on `seatOrder[j]` (its own column stays 0). */
export const PressureRow = schema({ seat: s(), pressure: t.array('uint32'), attributed: n() }, 'PressureRow');

export const AllianceBoard = schema(
  {
    /** Seat ids in table order: the column order of every row. */
    seatOrder: t.array('string'),
    /** Keyed by seat id. */
    rows: t.map(PressureRow),
  },
  'AllianceBoard',
);

export const AllianceCapability = schema({ id: s(), kind: s(), freshness: t.uint8().default(0), uses: n() }, 'AllianceCapability');

/** A pending order; '' fields when the seat has none yet. */
export const AllianceOrder = schema({ seat: s(), capabilityId: s(), targetSeat: s() }, 'AllianceOrder');

export const AllianceSeat = schema(
  {
    seat: s(),
    /** Events addressed to this seat (public ones are on the root). */
    events: t.array(EventItem),
    /** Keyed by capability id. */
    capabilities: t.map(AllianceCapability),
    order: t.ref(AllianceOrder),
  },
  'AllianceSeat',
);

export const AllianceGod = schema(
  {
    events: t.array(EventItem),
    /** Log entries applied (kept from seats: its growth would count other seats' orders). */
    applied: t.uint32().default(0),
    /** Every seat's pending order, keyed by seat id. */
    orders: t.map(AllianceOrder),
  },
  'AllianceGod',
);

export const AllianceMatchState = schema(
  {
    ...matchFields(),
    ...chatFields(),
    board: t.ref(AllianceBoard),
    privates: t.map(AllianceSeat).view(),
    god: t.ref(AllianceGod).view(),
  },
  'AllianceMatchState',
);
export type AllianceMatchStateT = InstanceType<typeof AllianceMatchState>;
