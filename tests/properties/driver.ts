import { expect } from 'vitest';
import { applyEntry, createMatch, matchView, type ControlAction, type LogEntry, type Match } from '../../shared/engine/match.ts';
import type { SeatId, Viewer } from '../../shared/engine/ruleset.ts';
import { touchedBy } from '../../shared/engine/touched.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../../shared/rules/index.ts';
import { capacityLeft, validateOrder } from '../../shared/rules/inputs.ts';
import { viewOf } from '../../shared/rules/fog.ts';
import { OrderSchema } from '../../shared/rules/orders.ts';
import { precheckOrder } from '../../shared/rules/precheck.ts';
import { requestsOf } from '../../shared/rules/requests.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { deepFreeze, findLeak, notJson, privateIds } from './checks.ts';
import type { Cmd, TurnPlan } from './commands.ts';
import { buildOrder } from './cyber-moves.ts';

/**
 * A model-free driver for property tests: fast-check generates abstract commands
 * (indices, flags, junk), and the driver turns each into a concrete log entry against
 * the match as it is at that moment — ids that exist, ids that don't, malformed
 * objects, answers, facilitator actions, out-of-phase controls — then applies it
 * through the engine, exactly as a server would, and checks the invariants.
 */

const R = cyberAlliance;
type CyberMatch = Match<CyberState, CyberDrafts>;

export type Check = 'freshness' | 'capacity' | 'unchanged' | 'fog' | 'json' | 'precheck' | 'touched';

export interface DriveStats {
  accepted: number;
  rejected: number;
  /** Rejections by code, and the events of the finished match by type: to show the streams reach deep into the rules. */
  codes: Record<string, number>;
  /** With the 'precheck' check: orders whose seat-side verdict was compared with the server's, by verdict code ('ok' when legal). */
  prechecked: Record<string, number>;
  events: Record<string, number>;
  /** With the 'touched' check: accepted entries whose touch was 'all', and those with a narrower one. */
  touched: Record<string, number>;
}

const at = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[Math.abs(i) % list.length]);

/** Drives one match through `plan` and checks the chosen invariants after every entry. */
export function drive(scenario: Scenario, seed: number, plan: readonly TurnPlan[], checks: ReadonlySet<Check>): DriveStats {
  let m: CyberMatch = createMatch(R, scenario, seed);
  const seats = R.seats(m.state).map((x) => x.id);
  const viewers: Viewer[] = [...seats, 'observer'];
  const stats: DriveStats = { accepted: 0, rejected: 0, codes: {}, events: {}, prechecked: {}, touched: {} };
  const orderSeats = new Map<string, string>();
  /** Per viewer, how many of its events have already been scanned: events only ever get appended. */
  const eventsSeen = new Map<Viewer, number>();
  let clock = 0;

  const checkView = (viewer: Viewer) => {
    const secret = privateIds(m.state, viewer, orderSeats);
    const { events, ...rest } = matchView(R, m, viewer);
    const from = eventsSeen.get(viewer) ?? 0;
    const leak = findLeak(rest, secret, 'view') ?? findLeak(events.slice(from), secret, `events[${from}+]`);
    if (leak) throw new Error(`fog: ${viewer} at turn ${m.turn} (${m.phase}) sees a private id: ${leak}`);
    eventsSeen.set(viewer, events.length);
  };
  const checkAllViews = () => {
    if (checks.has('fog')) for (const v of viewers) checkView(v);
  };

  const invariants = () => {
    if (checks.has('freshness')) {
      for (const x of m.state.exploits) {
        if (!(x.freshness >= 0 && x.freshness <= 100)) throw new Error(`exploit ${x.id} has freshness ${x.freshness} at turn ${m.turn} (${m.phase})`);
      }
    }
    if (checks.has('capacity')) {
      for (const seat of seats) {
        const left = capacityLeft(m.state, m.drafts, seat);
        if (!(left >= 0)) throw new Error(`${seat} has ${left} capacity left at turn ${m.turn} (${m.phase}); drafts: ${JSON.stringify(m.drafts.orders.filter((o) => o.seat === seat))}`);
      }
    }
    if (checks.has('json')) {
      const bad = notJson(m.state, 'state') ?? notJson(m.drafts, 'drafts');
      if (bad) throw new Error(`not plain JSON at turn ${m.turn} (${m.phase}): ${bad}`);
    }
  };
  /** The literal statement, on the whole match (events included), at each phase boundary. */
  const roundTrip = () => {
    if (checks.has('json')) expect(JSON.parse(JSON.stringify(m))).toStrictEqual(m);
  };

  const tryApply = (entry: LogEntry<unknown>, mustAccept = false): boolean => {
    clock += 1000;
    const stamped = { ...entry, at: clock } as LogEntry<unknown>;
    const before = checks.has('unchanged') ? JSON.stringify(m) : '';
    if (checks.has('unchanged')) deepFreeze(m);
    const r = applyEntry(R, m, stamped as LogEntry<never>);
    if (!r.ok) {
      if (mustAccept) throw new Error(`${JSON.stringify(stamped)} was refused: ${r.error.code}: ${r.error.message}`);
      stats.rejected++;
      stats.codes[r.error.code] = (stats.codes[r.error.code] ?? 0) + 1;
      expect(r.error.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.error.message).toMatch(/^[A-Z].*[.!?]$/s);
      if (r.error.code !== 'bad-input') expect(r.error.message).not.toMatch(/undefined|NaN|\[object /);
      if (checks.has('unchanged')) expect(JSON.stringify(m)).toBe(before);
      return false;
    }
    const previous = m;
    m = r.value;
    stats.accepted++;
    if (checks.has('touched')) checkTouched(stamped, previous, m);
    if (stamped.kind === 'input' && stamped.seat !== 'facilitator') {
      for (const o of m.drafts.orders) if (!previous.drafts.orders.includes(o)) orderSeats.set(o.id, o.seat);
    }
    invariants();
    return true;
  };

  const seatOf = (i: number) => at(seats, i) as SeatId;

  /**
   * Incremental views: every projection the entry is said not to touch is exactly what it
   * was — a seat's own part, the public board (the observer's view), the facilitator's part.
   */
  const checkTouched = (entry: LogEntry<unknown>, before: CyberMatch, after: CyberMatch) => {
    const t = touchedBy(R, [{ entry, before, after }]);
    if (t === 'all') {
      stats.touched.all = (stats.touched.all ?? 0) + 1;
      return;
    }
    stats.touched.some = (stats.touched.some ?? 0) + 1;
    const part = (mm: CyberMatch, v: Viewer) => {
      const view = viewOf(mm.state, mm.drafts, v);
      return JSON.stringify(v === 'observer' ? view : v === 'facilitator' ? view.god : view.me);
    };
    const same = (v: Viewer) => {
      if (part(before, v) !== part(after, v)) throw new Error(`touched: ${JSON.stringify(entry)} changed the view of ${v}, but touchedBy left it out (${JSON.stringify({ ...t, seats: [...t.seats] })})`);
    };
    if (!t.board) same('observer');
    if (!t.facilitator) same('facilitator');
    for (const seat of seats) if (!t.seats.has(seat)) same(seat);
  };

  /** The client's verdict (from the seat's view alone) must be the server's, code for code. */
  const comparePrecheck = (seat: SeatId, sent: unknown) => {
    const parsed = OrderSchema.safeParse(sent);
    const me = viewOf(m.state, m.drafts, seat);
    if (!parsed.success || !me.me) return;
    const server = validateOrder(m.state, m.drafts, seat, parsed.data);
    const client = precheckOrder({ pub: me, me: me.me }, parsed.data);
    const code = (r: typeof server) => (r.ok ? 'ok' : r.error.code);
    if (code(client) !== code(server)) {
      throw new Error(`precheck: ${seat} at turn ${m.turn}: ${JSON.stringify(parsed.data)} → client ${code(client)}, server ${code(server)}${server.ok ? '' : ` (${server.error.message})`}`);
    }
    stats.prechecked[code(server)] = (stats.prechecked[code(server)] ?? 0) + 1;
  };

  const entryFor = (c: Cmd): LogEntry<unknown> | null => {
    const s = m.state;
    switch (c.k) {
      case 'order': {
        const seat = seatOf(c.seat);
        const order: Record<string, unknown> | null = buildOrder(s, seat, c.type, c.p, c.smart);
        if (!order) return null;
        const idFields = Object.keys(order).filter((k) => typeof order[k] === 'string' && !['type', 'action', 'kind', 'effect', 'text'].includes(k));
        const field = at(idFields, c.p.flags);
        let sent: unknown = order;
        if (c.mutate === 'bogusId' && field) sent = { ...order, [field]: c.junk };
        if (c.mutate === 'longId' && field) sent = { ...order, [field]: `${String(order[field])}${'x'.repeat(80)}` };
        if (c.mutate === 'extraKey') sent = { ...order, sneaky: c.junk };
        const who = c.who === 'facilitator' ? 'facilitator' : c.who === 'stranger' ? ('stranger' as SeatId) : seat;
        if (checks.has('precheck') && who === seat && m.phase === 'planning') comparePrecheck(seat, sent);
        return { at: 0, kind: 'input', seat: who, input: { type: 'order', order: sent } };
      }
      case 'answer': {
        const requests = requestsOf(s, m.drafts);
        const q = at(requests, c.pick);
        if (!q && c.bogus === null) return null;
        const request = c.bogus ?? q?.id ?? `rq-${c.pick}`;
        const seat = c.wrongSeat !== null || !q ? seatOf(c.wrongSeat ?? c.pick) : q.to;
        return { at: 0, kind: 'input', seat, input: { type: 'answer', request, accept: c.accept } };
      }
      case 'answerAll': {
        // Every open request answered by the seat it is addressed to, one entry each.
        const open = requestsOf(s, m.drafts).filter((q) => !m.drafts.answers.some((x) => x.request === q.id));
        open.forEach((q, i) => tryApply({ at: 0, kind: 'input', seat: q.to, input: { type: 'answer', request: q.id, accept: ((c.accept >>> i % 8) & 3) !== 0 } }));
        return null;
      }
      case 'withdraw': {
        const seat = seatOf(c.seat);
        const mine = m.drafts.orders.filter((o) => o.seat === seat);
        const order = c.bogus ? `o-${c.pick.toString(36)}` : (at(mine, c.pick)?.id ?? `o-${c.pick.toString(36)}`);
        return { at: 0, kind: 'input', seat, input: { type: 'withdraw', order } };
      }
      case 'requestSovereign': {
        const offer = c.bogus ? `so-${c.pick}` : (at(s.offers, c.pick)?.id ?? `so-${c.pick}`);
        const by = c.by === null ? (s.rules.cyoc as SeatId | 'facilitator') : seatOf(c.by);
        return { at: 0, kind: 'input', seat: by, input: { type: 'requestSovereign', offer } };
      }
      case 'facilitator': {
        const by = c.bySeat === null ? 'facilitator' : seatOf(c.bySeat);
        const action = (() => {
          switch (c.action) {
            case 'fireInject':
              return { type: c.action, msel: c.bogus ?? at(s.rules.msel, c.pick)?.id ?? 'none' };
            case 'typedInject': {
              const network = c.bogus ?? at(s.networks, c.pick)?.id ?? 'none';
              return { type: c.action, title: c.text.slice(0, 80) || 'Inject', text: c.text || 'Something happens.', ...(c.flag ? { availabilityHit: { network, amount: Math.abs(c.n) } } : {}) };
            }
            case 'awardReport':
              return { type: c.action, report: c.bogus ?? at(s.reports, c.pick)?.id ?? 'r-0', points: c.n, release: c.flag };
            case 'releaseReports':
              return { type: c.action };
            case 'adjust':
              return { type: c.action, nation: c.bogus ?? at(s.nations, c.pick)?.id ?? 'none', field: at(['reputation', 'intel', 'influence'], c.pick), delta: c.n, reason: c.text || 'ruling' };
          }
        })();
        return { at: 0, kind: 'input', seat: by, input: { type: 'facilitator', action } };
      }
      case 'ready':
        return { at: 0, kind: 'ready', seat: seatOf(c.seat), ready: c.ready };
      case 'control': {
        const advance: Record<string, string> = { openPlanning: 'briefing', nextTurn: 'debrief', start: 'lobby' };
        // The driver moves the phases itself; a random control may only try a move that is wrong now.
        if (advance[c.action] === m.phase) return null;
        const action: ControlAction =
          c.action === 'extend' ? { type: 'extend', seconds: c.seconds } : c.action === 'setBot' ? { type: 'setBot', seat: seatOf(c.seat), bot: c.bot } : { type: c.action };
        return { at: 0, kind: 'control', action };
      }
      case 'malformed':
        return { at: 0, kind: 'input', seat: c.asFacilitator ? 'facilitator' : seatOf(c.seat), input: c.value };
      case 'look':
        if (checks.has('fog')) checkView(at(viewers, c.viewer) as Viewer);
        return null;
    }
  };

  const run = (cmds: readonly Cmd[]) => {
    for (const c of cmds) {
      const entry = entryFor(c);
      if (entry) tryApply(entry);
    }
  };

  tryApply({ at: 0, kind: 'control', action: { type: 'start' } }, true);
  invariants();
  for (const turn of plan) {
    run(turn.briefing);
    tryApply({ at: 0, kind: 'control', action: { type: 'openPlanning' } }, true);
    run(turn.planning);
    checkAllViews();
    roundTrip();
    tryApply({ at: 0, kind: 'control', action: { type: 'closePlanning', reason: 'timer' } }, true);
    checkAllViews();
    roundTrip();
    run(turn.debrief);
    if (m.turn >= R.turnLimit(m.state)) break;
    tryApply({ at: 0, kind: 'control', action: { type: 'nextTurn' } }, true);
  }
  checkAllViews();
  for (const e of m.events) stats.events[e.type] = (stats.events[e.type] ?? 0) + 1;
  return stats;
}
