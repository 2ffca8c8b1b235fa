import type { NewMatch } from '../../server/match-factory.ts';
import { BENCH_ORGANIZER_KEY } from './organizer.ts';
import { BenchClient } from './wire.ts';

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
  prepare(url: string, seed: number): Promise<MatchRun>;
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

/**
 * alliance-turns: the 6 seat clients of the match. The facilitator connects only to start it
 * and leaves; from then on turns follow each other by themselves (autoAdvance). Each seat
 * orders as soon as its state shows the new turn's planning: one of its own capabilities
 * (read from its private part) against another seat. A turn is resolved for a client when its
 * decoded turn counter moves past it.
 */
export function allianceTurnsWorkload(turns: number): Workload {
  return {
    ruleset: 'alliance-turns',
    description: `6 seat clients per match; each orders as soon as it sees a turn open (one message, which also marks it ready); ${turns} turns`,
    clientsPerMatch: 6,
    turns,
    async prepare(url, seed) {
      const m = await createMatch(url, { ruleset: 'alliance-turns', scenario: 'alliance-turns', seed });
      const fac = await BenchClient.join(url, { matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
      const seats: BenchClient[] = [];
      for (const s of m.seats) seats.push(await BenchClient.join(url, { matchId: m.matchId, code: s.code, name: `bot ${s.seat}` }));
      const ids = m.seats.map((s) => s.seat);
      await Promise.all(seats.map((c, i) => c.until((st) => st.privates.get(ids[i]).capabilities.size > 0, JOIN_TIMEOUT_MS)));
      const play = new Play(seats, [fac], turns);
      const clock = play.clock;
      play.begin = () => {
        seats.forEach((c, i) => {
          const seat = ids[i] as string;
          const capabilities = [...c.state.privates.get(seat).capabilities.keys()].sort() as string[];
          let ordered = 0;
          const held = watcher(turns, clock, () => play.heldAll(c));
          const onState = (st: { turn: number; phase: string }) => {
            held(st.phase === 'ended' ? st.turn : st.turn - 1);
            if (st.phase !== 'planning' || st.turn !== ordered + 1 || st.turn > turns) return;
            ordered = st.turn;
            const capabilityId = capabilities[(st.turn + i) % capabilities.length];
            const targetSeat = ids[(i + 1 + (st.turn % (ids.length - 1))) % ids.length];
            c.send('submitOrder', { order: { capabilityId, targetSeat } });
            clock.sent(st.turn, performance.now());
          };
          c.room.onStateChange(onState);
        });
        fac.send('startMatch');
        void fac.until((st) => st.phase !== 'lobby', JOIN_TIMEOUT_MS).then(() => fac.leave(), () => fac.leave());
      };
      return play;
    },
  };
}

/**
 * cyber-alliance `baltic-shield`: the 4 ally seat clients and the facilitator; the adversary
 * is the server's bot. The facilitator advances briefing → planning and debrief → next turn as
 * soon as it sees them. Each ally, as soon as it sees planning, gives one cheap legal order
 * read from its own private part — harden its first network below level 3, else a report —
 * then `setReady`. A turn is resolved for a client when it holds the debrief (or a later turn).
 */
export function cyberAllianceWorkload(turns: number): Workload {
  const scenarioTurns = 8;
  const t = Math.min(turns, scenarioTurns);
  return {
    ruleset: 'cyber-alliance',
    description: `baltic-shield: 4 ally seat clients + the facilitator (adversary: server bot); each ally gives one order then setReady; the facilitator advances; ${t} turns${t === scenarioTurns ? ' (the whole scenario)' : ''}; bytes are the mean over the 5 clients`,
    clientsPerMatch: 5,
    turns: t,
    async prepare(url, seed) {
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
        seats.forEach((c, i) => {
          const seat = ids[i] as string;
          let ordered = 0;
          const held = watcher(t, clock, () => play.heldAll(c));
          c.room.onStateChange((st: { turn: number; phase: string; privates: Map<string, { networks: Map<string, { id: string; hardening: number }> }> }) => {
            held(resolvedUpTo(st));
            if (st.phase !== 'planning' || st.turn !== ordered + 1 || st.turn > t) return;
            ordered = st.turn;
            const soft = [...(st.privates.get(seat)?.networks.values() ?? [])].find((n) => n.hardening < 3);
            const order = soft ? { type: 'defend', network: soft.id, action: 'harden' } : { type: 'report', text: `Turn ${st.turn}: all quiet.` };
            c.send('submitOrder', { order });
            c.send('setReady', { ready: true });
            clock.sent(st.turn, performance.now());
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
