import type { AllianceDrafts, AllianceState, AllianceView } from '../../shared/alliance-turns/index.ts';
import { viewOf } from '../../shared/alliance-turns/view.ts';
import type { Match } from '../../shared/engine/match.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { AllianceCapability, AllianceMatchState, AllianceOrder, AllianceSeat, PressureRow, type AllianceMatchStateT } from './alliance-state.ts';
import { touchesBoard, touchesGod, touchesSeat, type MirrorAdapter } from './mirror.ts';
import { syncMap, syncNumbers, syncStrings } from './sync.ts';

type Root = AllianceMatchStateT;
type Seat = InstanceType<typeof AllianceSeat>;
type Me = NonNullable<AllianceView['me']>;

/**
 * The one file that maps an alliance-turns match into its schema, one direction: the board
 * from `viewOf(…, 'observer')`, each seat's private part from `viewOf(…, seat).me`, the
 * facilitator's orders from `viewOf(…, 'facilitator').god`. Never reads the state around
 * view.ts, so a public field can only hold what view.ts makes public.
 */
export const allianceMirror: MirrorAdapter<Root> = {
  createRoot: () => new AllianceMatchState(),
  // Every event of this game restates the state a client already receives (its capability's
  // freshness, the pressure table, the attributed uses): only that delta travels each turn
  // (issue 12). The events stay in the match log, the record and replays.
  mirrorsEvents: false,
  refresh(root, match, touched) {
    const m = match as Match<AllianceState, AllianceDrafts>;
    if (touchesBoard(touched)) {
      const pub = viewOf(m.state, m.drafts, 'observer');
      const order = pub.seats.map((x) => x.id as string);
      syncStrings(root.board.seatOrder, order);
      syncMap(root.board.rows, pub.seats, (x) => x.id, () => new PressureRow(), (row, x) => {
        const i = order.indexOf(x.id);
        row.seat = x.id;
        row.attributed = pub.attributions[i] ?? 0;
        syncNumbers(row.pressure, pub.pressure[i] ?? []);
      });
    }
    for (const seat of m.state.seats) {
      let part = root.privates.get(seat.id);
      if (!part) {
        part = Object.assign(new AllianceSeat(), { seat: seat.id });
        root.privates.set(seat.id, part);
      } else if (!touchesSeat(touched, seat.id)) {
        continue;
      }
      const me = viewOf(m.state, m.drafts, seat.id as SeatId).me;
      if (me) refreshSeat(part, me);
    }
    const god = touchesGod(touched) ? viewOf(m.state, m.drafts, 'facilitator').god : null;
    if (god) {
      syncMap(root.god.orders, god.orders, (x) => x.seat, () => new AllianceOrder(), (t, x) =>
        Object.assign(t, { seat: x.seat, capabilityId: x.order.capabilityId, targetSeat: x.order.targetSeat }),
      );
    }
  },
};

/** Each capability card with the rules' capability it was last mirrored from (rules share unchanged ones). */
const mirroredFrom = new WeakMap<object, Me['capabilities'][number]>();

function refreshSeat(p: Seat, me: Me): void {
  syncMap(p.capabilities, me.capabilities, (c) => c.id, () => new AllianceCapability(), (t, c) =>
    Object.assign(t, { id: c.id, kind: c.kind, freshness: c.freshness, uses: c.uses }),
  mirroredFrom);
  Object.assign(p.order, { seat: me.seat, capabilityId: me.order?.capabilityId ?? '', targetSeat: me.order?.targetSeat ?? '' });
}
