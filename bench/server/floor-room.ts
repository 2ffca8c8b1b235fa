import { Room, type Client } from '@colyseus/core';
import { schema, StateView, t } from '@colyseus/schema';
import { allianceTurnsScenario } from '../../shared/alliance-turns/index.ts';
import { resolveTurn, validateOrder } from '../../shared/alliance-turns/rules.ts';
import { setup, type AllianceDrafts, type AllianceOrder, type AllianceState } from '../../shared/alliance-turns/state.ts';
import { turnRng } from '../../shared/engine/rng.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';

/**
 * The floor of the server benchmark (issue 12): a bare Colyseus room playing the same
 * alliance-turns game with the same pure rules (shared/alliance-turns: `setup`,
 * `validateOrder`, `resolveTurn`), and nothing else — no archive, no log, no engine, no zod,
 * no replies. `patchRate = null` and `broadcastPatch()` when a turn resolves; each seat's 30
 * capabilities are `.view()` fields its clients alone receive. Seats are dealt in join order,
 * several clients per seat after the sixth.
 *
 * It shows the same things a seat of the real server sees: turn, phase, planning deadline,
 * ready flags and connections per seat, the pressure table with attributed uses, and its own
 * capabilities with freshness and uses.
 */
const Capability = schema({ id: t.string().default(''), kind: t.string().default(''), freshness: t.uint8().default(0), uses: t.uint32().default(0) }, 'FloorCapability');
const SeatPrivate = schema({ capabilities: t.map(Capability) }, 'FloorSeatPrivate');
const SeatPublic = schema({ id: t.string().default(''), ready: t.boolean().default(false), connected: t.uint16().default(0) }, 'FloorSeatPublic');
const Row = schema({ pressure: t.array('uint32'), attributed: t.uint32().default(0) }, 'FloorRow');
const FloorState = schema(
  {
    turn: t.uint16().default(0),
    phase: t.string().default('planning'),
    deadline: t.float64().default(0),
    seats: t.map(SeatPublic),
    rows: t.map(Row),
    privates: t.map(SeatPrivate).view(),
  },
  'FloorState',
);
type FloorStateT = InstanceType<typeof FloorState>;

export class FloorRoom extends Room<{ state: FloorStateT }> {
  #game: AllianceState = setup(allianceTurnsScenario, 1);
  #orders = new Map<string, AllianceOrder>();
  #seatOf = new Map<string, string>();
  #joined = 0;
  #views = new Map<string, StateView>();

  override onCreate(options: { matchId?: string; seed?: number }): void {
    if (options.matchId) this.roomId = options.matchId;
    this.patchRate = null;
    this.autoDispose = true;
    this.#game = { ...setup(allianceTurnsScenario, options.seed ?? 1), turn: 1 };
    const st = new FloorState();
    for (const [i, seat] of this.#game.seats.entries()) {
      st.seats.set(seat.id, Object.assign(new SeatPublic(), { id: seat.id }));
      const row = new Row();
      for (const v of this.#game.pressure[i] ?? []) row.pressure.push(v);
      st.rows.set(seat.id, row);
      const mine = new SeatPrivate();
      for (const c of this.#game.capabilities.filter((x) => x.owner === seat.id)) {
        mine.capabilities.set(c.id, Object.assign(new Capability(), { id: c.id, kind: c.kind, freshness: c.freshness, uses: c.uses }));
      }
      st.privates.set(seat.id, mine);
    }
    st.turn = 1;
    st.deadline = Date.now() + this.#game.rules.planningSeconds * 1000;
    this.state = st;
    this.onMessage('submitOrder', (client: Client, msg: { order?: { capabilityId?: string; targetSeat?: string } }) => this.#order(client, msg));
  }

  override onJoin(client: Client): void {
    const seats = this.#game.seats;
    const seat = (seats[this.#joined++ % seats.length] as { id: string }).id;
    this.#seatOf.set(client.sessionId, seat);
    let view = this.#views.get(seat);
    if (!view) {
      view = new StateView();
      view.add(this.state.privates.get(seat)!);
      this.#views.set(seat, view);
    }
    client.view = view;
    const pub = this.state.seats.get(seat)!;
    pub.connected += 1;
    this.broadcastPatch();
  }

  override onLeave(client: Client): void {
    const seat = this.#seatOf.get(client.sessionId);
    this.#seatOf.delete(client.sessionId);
    const pub = seat ? this.state.seats.get(seat) : undefined;
    if (pub) pub.connected -= 1;
    this.broadcastPatch();
  }

  #order(client: Client, msg: { order?: { capabilityId?: string; targetSeat?: string } }): void {
    const seat = this.#seatOf.get(client.sessionId) as SeatId | undefined;
    const o = msg?.order;
    if (!seat || typeof o?.capabilityId !== 'string' || typeof o.targetSeat !== 'string') return;
    const v = validateOrder(this.#game, seat, { capabilityId: o.capabilityId, targetSeat: o.targetSeat });
    if (!v.ok) return;
    this.#orders.set(seat, { capabilityId: v.value.id, targetSeat: o.targetSeat as SeatId });
    this.state.seats.get(seat)!.ready = true;
    if (this.#orders.size < this.#game.seats.length) return;
    this.#resolve();
  }

  /** Every seat has ordered: resolve with the shared rules, mirror what changed, push one patch. */
  #resolve(): void {
    const g = this.#game;
    const drafts: AllianceDrafts = { orders: g.seats.flatMap((s) => (this.#orders.has(s.id) ? [{ seat: s.id, order: this.#orders.get(s.id)! }] : [])) };
    const before = g.capabilities;
    const r = resolveTurn(g, drafts, turnRng(0, g.turn));
    this.#orders.clear();
    this.#game = { ...r.state, turn: g.turn + 1 };
    r.state.capabilities.forEach((c, i) => {
      if (c === before[i]) return;
      const card = this.state.privates.get(c.owner)?.capabilities.get(c.id);
      if (card) Object.assign(card, { freshness: c.freshness, uses: c.uses });
    });
    r.state.seats.forEach((s, i) => {
      const row = this.state.rows.get(s.id)!;
      (r.state.pressure[i] ?? []).forEach((v, j) => {
        if (row.pressure.at(j) !== v) row.pressure[j] = v;
      });
      row.attributed = r.state.attributions[i] ?? 0;
      this.state.seats.get(s.id)!.ready = false;
    });
    this.state.turn = this.#game.turn;
    this.state.deadline = Date.now() + g.rules.planningSeconds * 1000;
    this.broadcastPatch();
  }
}
