import type { NewMatch } from '../../server/match-factory.ts';
import { BENCH_ORGANIZER_KEY } from './organizer.ts';
import { BenchClient } from './wire.ts';

/** The real server, or the floor (a bare Colyseus room, floor-room.ts). */
export type Target = 'server' | 'floor';

/**
 * One match of a workload, joined and waiting: `play` starts it and resolves once every
 * client holds the resolved state of the last measured turn.
 */
export interface MatchRun {
  play(): Promise<void>;
  /** Per measured turn: ms from the send of the turn's last order to the last client holding its resolved state. */
  readonly latencies: number[];
  /** Per client: bytes received during play, divided by the turns played. */
  bytesPerTurn(): number[];
  refused(): string[];
  leave(): Promise<void>;
}

export interface Workload {
  readonly ruleset: string;
  /** How a match is played, for the printout. */
  readonly description: string;
  readonly clientsPerMatch: number;
  readonly turns: number;
  prepare(url: string, seed: number, target: Target): Promise<MatchRun>;
}

const JOIN_TIMEOUT_MS = 10_000;

async function createMatch(url: string, body: Record<string, unknown>): Promise<NewMatch> {
  const res = await fetch(`${url}/api/matches`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ORGANIZER_KEY}` }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`create match: ${res.status} ${await res.text()}`);
  return (await res.json()) as NewMatch;
}

/**
 * Bookkeeping of one match's turns: when each client sent its last message of a turn and
 * when each client first held that turn's resolved state. Latency of a turn = last receipt −
 * last send, over all clients of the match.
 */
class TurnClock {
  readonly #sent: number[][];
  readonly #held: number[][];
  readonly #done: (() => void)[] = [];
  #finished = 0;
  readonly #clients: number;

  constructor(turns: number, clients: number) {
    this.#sent = Array.from({ length: turns }, () => []);
    this.#held = Array.from({ length: turns }, () => []);
    this.#clients = clients;
  }

  sent(turn: number, at: number): void {
    this.#sent[turn - 1]?.push(at);
  }

  held(turn: number, at: number): void {
    this.#held[turn - 1]?.push(at);
  }

  /** A client has held every measured turn. */
  finished(): void {
    this.#finished += 1;
    if (this.#finished === this.#clients) for (const d of this.#done) d();
  }

  whenAllFinished(): Promise<void> {
    return new Promise((resolve) => (this.#finished === this.#clients ? resolve() : this.#done.push(resolve)));
  }

  latencies(): number[] {
    return this.#sent.map((s, i) => Math.max(...(this.#held[i] ?? [])) - Math.max(...s));
  }
}

/**
 * Resolution watcher for one client: calls `held(t)` for every turn up to `turns` whose
 * resolved state the client now holds (`resolvedUpTo(state)` turns are resolved), then
 * `finished` once.
 */
function watcher(turns: number, clock: TurnClock, onHeldAll: () => void) {
  let seen = 0;
  return (resolvedUpTo: number) => {
    const at = performance.now();
    while (seen < turns && seen < resolvedUpTo) {
      seen += 1;
      clock.held(seen, at);
      if (seen === turns) {
        onHeldAll();
        clock.finished();
      }
    }
  };
}

/**
 * When a seat gives its order for `turn`: at once (`paceMs` 0: bots answering as soon as
 * they see the turn), or at its moment in a paced match — one turn every `paceMs`, the
 * match's seats spread over the first half of it, each match shifted by its seed so that
 * matches do not all turn at the same instant.
 */
function orderAt(start: number, paceMs: number, seed: number, turn: number, seat: number, seats: number): number {
  if (paceMs === 0) return 0;
  return start + ((seed * 7919) % 1000) / 1000 * paceMs + (turn - 1) * paceMs + (seat / seats) * paceMs * 0.5;
}

function later(at: number, fn: () => void): void {
  const wait = at - performance.now();
  if (wait <= 0) fn();
  else setTimeout(fn, wait);
}

/** One match being played: its clients, its turn clock, and the bytes each client received meanwhile. */
class Play implements MatchRun {
  readonly latencies: number[] = [];
  readonly clock: TurnClock;
  /** Starts the match and the bots; set by the workload. */
  begin: () => void = () => undefined;
  readonly #clients: BenchClient[];
  readonly #others: BenchClient[];
  readonly #turns: number;
  readonly #startBytes = new Map<BenchClient, number>();
  readonly #endBytes = new Map<BenchClient, number>();

  /** `clients` are measured; `others` (a facilitator that only starts the match) are not. */
  constructor(clients: BenchClient[], others: BenchClient[], turns: number) {
    this.#clients = clients;
    this.#others = others;
    this.#turns = turns;
    this.clock = new TurnClock(turns, clients.length);
  }

  /** `c` holds the last measured turn: its byte count stops here. */
  heldAll(c: BenchClient): void {
    this.#endBytes.set(c, c.bytes);
  }

  async play(): Promise<void> {
    for (const c of this.#clients) this.#startBytes.set(c, c.bytes);
    this.begin();
    await this.clock.whenAllFinished();
    this.latencies.push(...this.clock.latencies());
  }

  bytesPerTurn(): number[] {
    return this.#clients.map((c) => ((this.#endBytes.get(c) ?? c.bytes) - (this.#startBytes.get(c) ?? 0)) / this.#turns);
  }

  refused(): string[] {
    return [...this.#clients, ...this.#others].flatMap((c) => c.refused);
  }

  async leave(): Promise<void> {
    await Promise.all([...this.#clients, ...this.#others].map((c) => c.leave()));
  }
}

/** The six seat clients of an alliance-turns match, joined, with their seat ids; plus the server's facilitator. */
async function allianceSeats(url: string, seed: number, target: Target): Promise<{ seats: BenchClient[]; ids: string[]; fac: BenchClient | null }> {
  if (target === 'floor') {
    const matchId = `floor-${seed}`;
    const seats: BenchClient[] = [];
    for (let i = 0; i < 6; i++) seats.push(await BenchClient.join(url, { matchId, seed }, 'floor'));
    await Promise.all(seats.map((c) => c.until((st) => st.privates.size > 0, JOIN_TIMEOUT_MS)));
    // A floor client sees only its own private part: that key is its seat.
    return { seats, ids: seats.map((c) => [...c.state.privates.keys()][0] as string), fac: null };
  }
  const m = await createMatch(url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed });
  const fac = await BenchClient.join(url, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
  const seats: BenchClient[] = [];
  for (const s of m.seats) seats.push(await BenchClient.join(url, { matchId: m.matchId, code: s.code, name: `bot ${s.seat}` }));
  const ids = m.seats.map((s) => s.seat);
  await Promise.all(seats.map((c, i) => c.until((st) => st.privates.get(ids[i]).capabilities.size > 0, JOIN_TIMEOUT_MS)));
  return { seats, ids, fac };
}

/**
 * alliance-turns: the 6 seat clients of the match. On the server, the facilitator connects
 * only to start it and leaves; from then on turns follow each other by themselves
 * (autoAdvance). The floor starts at turn 1 by itself. Each seat orders (at once, or at its
 * paced moment) as soon as its state shows the new turn's planning: one of its own
 * capabilities (read from its private part) against another seat. A turn is resolved for a
 * client when its decoded turn counter moves past it.
 */
export function allianceTurnsWorkload(turns: number, paceMs = 0): Workload {
  return {
    ruleset: 'alliance-turns',
    description: `6 seat clients per match; each orders ${paceMs === 0 ? 'as soon as it sees a turn open' : `once per ${paceMs} ms turn, the seats spread over its first half`} (one message, which also marks it ready); ${turns} turns`,
    clientsPerMatch: 6,
    turns,
    async prepare(url, seed, target) {
      const { seats, ids, fac } = await allianceSeats(url, seed, target);
      const play = new Play(seats, fac ? [fac] : [], turns);
      const clock = play.clock;
      play.begin = () => {
        const start = performance.now();
        seats.forEach((c, i) => {
          const seat = ids[i] as string;
          const capabilities = [...c.state.privates.get(seat).capabilities.keys()].sort() as string[];
          let ordered = 0;
          const held = watcher(turns, clock, () => play.heldAll(c));
          const onState = (st: { turn: number; phase: string }) => {
            held(st.phase === 'ended' ? st.turn : st.turn - 1);
            if (st.phase !== 'planning' || st.turn !== ordered + 1 || st.turn > turns) return;
            const turn = st.turn;
            ordered = turn;
            later(orderAt(start, paceMs, seed, turn, i, ids.length), () => {
              const capabilityId = capabilities[(turn + i) % capabilities.length];
              const targetSeat = ids[(i + 1 + (turn % (ids.length - 1))) % ids.length];
              c.send('submitOrder', { order: { capabilityId, targetSeat } });
              clock.sent(turn, performance.now());
            });
          };
          c.room.onStateChange(onState);
          onState(c.state);
        });
        if (fac) {
          fac.send('startMatch');
          void fac.until((st) => st.phase !== 'lobby', JOIN_TIMEOUT_MS).then(() => fac.leave(), () => fac.leave());
        }
      };
      return play;
    },
  };
}

/**
 * cyber-alliance `baltic-shield` (server only): the 4 ally seat clients and the facilitator;
 * the adversary is the server's bot. The facilitator advances briefing → planning and
 * debrief → next turn as soon as it sees them. Each ally, when planning opens (at once, or at
 * its paced moment), gives one cheap legal order read from its own private part — harden its
 * first network below level 3, else a report — then `setReady`. A turn is resolved for a
 * client when it holds the debrief (or a later turn).
 */
export function cyberAllianceWorkload(turns: number, paceMs = 0): Workload {
  const scenarioTurns = 8;
  const t = Math.min(turns, scenarioTurns);
  return {
    ruleset: 'cyber-alliance',
    description: `baltic-shield: 4 ally seat clients + the facilitator (adversary: server bot); each ally gives one order then setReady${paceMs === 0 ? '' : `, once per ${paceMs} ms turn`}; the facilitator advances; ${t} turns${t === scenarioTurns ? ' (the whole scenario)' : ''}; bytes are the mean over the 5 clients`,
    clientsPerMatch: 5,
    turns: t,
    async prepare(url, seed, target) {
      if (target !== 'server') throw new Error('the cyber-alliance workload runs on the real server only');
      const m = await createMatch(url, { scenario: 'baltic-shield', seed });
      const fac = await BenchClient.join(url, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
      const humans = m.seats.filter((s) => !s.bot);
      const seats: BenchClient[] = [];
      for (const s of humans) seats.push(await BenchClient.join(url, { matchId: m.matchId, code: s.code, name: `bot ${s.seat}` }));
      const ids = humans.map((s) => s.seat);
      await Promise.all(seats.map((c, i) => c.until((st) => st.privates.get(ids[i]).networks.size > 0, JOIN_TIMEOUT_MS)));
      const play = new Play([...seats, fac], [], t);
      const clock = play.clock;
      const resolvedUpTo = (st: { turn: number; phase: string }) => (st.phase === 'debrief' || st.phase === 'ended' ? st.turn : st.turn - 1);
      play.begin = () => {
        const start = performance.now();
        seats.forEach((c, i) => {
          const seat = ids[i] as string;
          let ordered = 0;
          const held = watcher(t, clock, () => play.heldAll(c));
          c.room.onStateChange((st: { turn: number; phase: string; privates: Map<string, { networks: Map<string, { id: string; hardening: number }> }> }) => {
            held(resolvedUpTo(st));
            if (st.phase !== 'planning' || st.turn !== ordered + 1 || st.turn > t) return;
            const turn = st.turn;
            ordered = turn;
            const soft = [...(st.privates.get(seat)?.networks.values() ?? [])].find((n) => n.hardening < 3);
            const order = soft ? { type: 'defend', network: soft.id, action: 'harden' } : { type: 'report', text: `Turn ${turn}: all quiet.` };
            later(orderAt(start, paceMs, seed, turn, i, ids.length), () => {
              c.send('submitOrder', { order });
              c.send('setReady', { ready: true });
              clock.sent(turn, performance.now());
            });
          });
        });
        let briefed = 0;
        let debriefed = 0;
        const held = watcher(t, clock, () => play.heldAll(fac));
        fac.room.onStateChange((st: { turn: number; phase: string }) => {
          held(resolvedUpTo(st));
          if (st.phase === 'briefing' && st.turn > briefed && st.turn <= t) {
            briefed = st.turn;
            fac.send('advancePhase');
          } else if (st.phase === 'debrief' && st.turn > debriefed && st.turn < t) {
            debriefed = st.turn;
            fac.send('advancePhase');
          }
        });
        fac.send('startMatch');
      };
      return play;
    },
  };
}

/**
 * `n` clients join one fresh alliance-turns match at once (on the server, `n / 6` to each
 * seat's code). Per client: bytes of its first full state, and bytes received from its join
 * until every client is in and no frame has arrived for `quietMs` ("settled").
 */
export async function joinStorm(url: string, target: Target, n: number, seed: number, quietMs = 300): Promise<{ first: number[]; settled: number[] }> {
  let options: (i: number) => Record<string, unknown>;
  if (target === 'floor') {
    options = () => ({ matchId: `storm-${seed}`, seed });
  } else {
    const m = await createMatch(url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed });
    options = (i) => ({ matchId: m.matchId, code: (m.seats[i % m.seats.length] as { code: string }).code, name: `student ${i + 1}` });
  }
  const room = target === 'floor' ? 'floor' : 'match';
  const clients = await Promise.all(Array.from({ length: n }, (_, i) => BenchClient.join(url, options(i), room)));
  let last = -1;
  for (let rounds = 0; rounds < 50; rounds++) {
    const total = clients.reduce((a, c) => a + c.bytes, 0);
    if (total === last) break;
    last = total;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
  const first = clients.map((c) => c.firstStateBytes);
  const settled = clients.map((c) => c.bytes);
  await Promise.all(clients.map((c) => c.leave()));
  return { first, settled };
}
