import { allReady, applyEntry, timeLeft, type AnyRuleset, type ControlAction, type LogEntry, type Match } from '../shared/engine/match.ts';
import { ok, reject, type Result } from '../shared/engine/result.ts';
import { turnRng } from '../shared/engine/rng.ts';
import type { SeatId } from '../shared/engine/ruleset.ts';
import { StoreConflict, type MatchStore } from './store/store.ts';

type AnyMatch = Match<unknown, unknown>;
type Entry = LogEntry<unknown>;
type Actor = SeatId | 'facilitator';
type AuditDetail = Extract<Entry, { kind: 'audit' }>['detail'];

export interface HostOptions {
  readonly store: MatchStore;
  readonly matchId: string;
  /** The ruleset as this match plays it (with its planning time). */
  readonly ruleset: AnyRuleset;
  readonly match: AnyMatch;
  readonly entries: readonly Entry[];
  readonly now: () => number;
  /** Seats with someone in them now, for the match list. */
  readonly seatsFilled?: () => number;
  /** Rebuilds the match from the store (after another process wrote to its log). */
  readonly reload?: () => Promise<{ match: AnyMatch; entries: readonly Entry[] } | null>;
  readonly log?: (line: string) => void;
  /**
   * Briefing and debrief pass by themselves (a ruleset without injects or debriefs, such as
   * alliance-turns): after the start and after each resolution the host moves on to the next
   * planning window at once, logging `nextTurn` and `openPlanning` as the facilitator's
   * "next" would. Default false: the facilitator paces every phase.
   */
  readonly autoAdvance?: boolean;
}

const STORAGE_FAILED = 'The match archive could not save that, so nothing changed. Try again in a moment.';

/**
 * Owns one live match (DESIGN.md §7, §8) — no Colyseus in here. Every change goes through one
 * queue, one at a time: the entry is applied (pure), and if accepted it is appended to the
 * store FIRST (durable before acknowledged); only then does the host adopt the new match and
 * tell its listeners. A store failure changes nothing and answers `storage-failed`.
 *
 * It also drives the turn cycle of §3 the way shared/engine/autoplay.ts does: bot seats give
 * their inputs when planning opens and again just before it closes (to answer requests), as
 * ordinary log entries; planning closes when every human seat is ready, when the clock runs
 * out (see `tick`), or when the facilitator closes it; each resolution saves the turn.
 */
export class MatchHost {
  readonly matchId: string;
  readonly ruleset: AnyRuleset;
  readonly #o: HostOptions;
  #match: AnyMatch;
  #entries: Entry[];
  #queue: Promise<unknown> = Promise.resolve();
  #listeners = new Set<(match: AnyMatch) => void>();
  #changed = false;
  #closing = false;

  constructor(options: HostOptions) {
    this.#o = options;
    this.matchId = options.matchId;
    this.ruleset = options.ruleset;
    this.#match = options.match;
    this.#entries = [...options.entries];
  }

  get match(): AnyMatch {
    return this.#match;
  }

  /** The log so far (what the store holds), oldest first. */
  get entries(): readonly Entry[] {
    return this.#entries;
  }

  /** Called after every task that changed the match; returns an unsubscribe function. */
  onChange(listener: (match: AnyMatch) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * A rules input from a seat or the facilitator (§4 orders, answers, White Cell actions).
   * `markReady`: the input is the seat's whole turn (see RulesetProtocol.marksReady): once it
   * is accepted the seat is marked ready too, in the same task, so nothing comes in between.
   */
  input(actor: Actor, input: unknown, markReady = false): Promise<Result<AnyMatch>> {
    return this.#run(async () => {
      const r = await this.#commit({ at: this.#o.now(), kind: 'input', seat: actor, input });
      if (!r.ok || !markReady || actor === 'facilitator') return r;
      // If the archive fails here the order stands but the seat is not ready: resending it is harmless (it replaces itself).
      const ready = await this.#commit({ at: this.#o.now(), kind: 'ready', seat: actor, ready: true });
      return ready.ok ? this.#closeIfAllReady(ready) : ready;
    });
  }

  /** A seat marks itself ready (or not); planning closes once every human seat is ready. */
  ready(seat: SeatId, ready: boolean): Promise<Result<AnyMatch>> {
    return this.#run(async () => {
      const r = await this.#commit({ at: this.#o.now(), kind: 'ready', seat, ready });
      return r.ok ? this.#closeIfAllReady(r) : r;
    });
  }

  /** A facilitator control: start, pause, resume, extend, end, setBot… */
  control(action: ControlAction): Promise<Result<AnyMatch>> {
    return this.#run(() => this.#control(action));
  }

  /** The facilitator's "next": briefing → planning, planning → resolution, debrief → next turn. */
  advance(): Promise<Result<AnyMatch>> {
    return this.#run(async () => {
      const phase = this.#match.phase;
      if (phase === 'briefing') return this.#control({ type: 'openPlanning' });
      if (phase === 'planning') return this.#close('facilitator');
      if (phase === 'debrief') return this.#control({ type: 'nextTurn' });
      const hint = phase === 'lobby' ? ' Start the match first.' : '';
      return reject('wrong-phase', `There is no next phase to move to from ${phase}.${hint}`);
    });
  }

  /** A facilitator action on who sits where (kick, new join code): logged, not played. */
  audit(action: string, detail: AuditDetail): Promise<Result<AnyMatch>> {
    return this.#run(async () => this.#commit({ at: this.#o.now(), kind: 'audit', action, detail }));
  }

  /** A message in a channel (issue 7): logged like any entry, before the reply; the game does not change. */
  chat(post: Omit<Extract<Entry, { kind: 'chat' }>, 'at' | 'kind'>): Promise<Result<AnyMatch>> {
    return this.#run(async () => this.#commit({ at: this.#o.now(), kind: 'chat', ...post }));
  }

  /** The facilitator hides a message or mutes a person (issue 7): logged. */
  moderate(action: Extract<Entry, { kind: 'moderate' }>['action']): Promise<Result<AnyMatch>> {
    return this.#run(async () => this.#commit({ at: this.#o.now(), kind: 'moderate', action }));
  }

  /** The room clock calls this a few times a second: closes planning when time is up. */
  tick(): void {
    if (this.#closing || !this.#expired()) return;
    this.#closing = true;
    void this.#run(async () => (this.#expired() ? this.#close('timer') : ok(this.#match))).finally(() => {
      this.#closing = false;
    });
  }

  /** Resolves once every queued task has finished. */
  async idle(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }

  /** Pushes the match summary (phase, turn, seats filled) to the store's match list. */
  touchSummary(): void {
    this.#summary();
  }

  async #control(action: ControlAction): Promise<Result<AnyMatch>> {
    if (action.type === 'closePlanning') return this.#close(action.reason);
    const r = await this.#commit({ at: this.#o.now(), kind: 'control', action });
    if (!r.ok) return r;
    if (action.type === 'openPlanning') {
      await this.#botPass(0);
      const opened = await this.#closeIfAllReady(ok(this.#match));
      this.#summary();
      return opened;
    }
    if (action.type === 'setBot') return this.#closeIfAllReady(r);
    if (action.type === 'start' || action.type === 'nextTurn' || action.type === 'practice') await this.#autoAdvance();
    this.#summary();
    return r;
  }

  /**
   * With `autoAdvance`: debrief → next turn, briefing → planning (with the bots' first pass).
   * It does not check readiness on the new window: with a human seat nobody is ready yet, and
   * a match of bots only then moves at the planning clock's pace instead of racing through all
   * its turns inside one task.
   */
  async #autoAdvance(): Promise<void> {
    if (!this.#o.autoAdvance) return;
    if (this.#match.phase === 'debrief' && !(await this.#commit({ at: this.#o.now(), kind: 'control', action: { type: 'nextTurn' } })).ok) return;
    if (this.#match.phase !== 'briefing') return;
    if (!(await this.#commit({ at: this.#o.now(), kind: 'control', action: { type: 'openPlanning' } })).ok) return;
    await this.#botPass(0);
  }

  #expired(): boolean {
    const m = this.#match;
    return m.phase === 'planning' && !m.timer.paused && timeLeft(m, this.#o.now()) === 0;
  }

  #run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task).finally(() => this.#notify());
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #notify(): void {
    if (!this.#changed) return;
    this.#changed = false;
    for (const listener of this.#listeners) {
      try {
        listener(this.#match);
      } catch (e) {
        this.#log(`listener failed: ${String(e)}`);
      }
    }
  }

  async #commit(entry: Entry): Promise<Result<AnyMatch>> {
    const r = applyEntry(this.ruleset, this.#match, entry);
    if (!r.ok) return r;
    try {
      await this.#o.store.append(this.matchId, this.#entries.length, entry);
    } catch (e) {
      this.#log(`append #${this.#entries.length} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (e instanceof StoreConflict) await this.#reload();
      return reject('storage-failed', STORAGE_FAILED);
    }
    this.#match = r.value;
    this.#entries.push(entry);
    this.#changed = true;
    return ok(r.value);
  }

  async #reload(): Promise<void> {
    const fresh = await this.#o.reload?.().catch(() => null);
    if (!fresh) return;
    this.#match = fresh.match;
    this.#entries = [...fresh.entries];
    this.#changed = true;
  }

  /** One bot pass over every bot seat, exactly as autoplay does (same rng streams). */
  async #botPass(pass: number): Promise<void> {
    const seats = this.ruleset.seats(this.#match.state).map((s) => s.id);
    for (const seat of seats) {
      if (!this.#match.bots.includes(seat) || this.#match.phase !== 'planning') continue;
      const m = this.#match;
      const rng = turnRng(m.seed, m.turn);
      let inputs: unknown[];
      try {
        inputs = this.ruleset.botInputs(m.state, m.drafts, seat, { stream: (name: string) => rng.stream(`bot:${seat}:${pass}:${name}`) });
      } catch (e) {
        this.#log(`bot ${seat} failed: ${String(e)}`);
        continue;
      }
      for (const input of inputs) {
        const r = await this.#commit({ at: this.#o.now(), kind: 'input', seat, input });
        if (!r.ok && r.error.code === 'storage-failed') return;
      }
    }
  }

  async #closeIfAllReady(r: Result<AnyMatch>): Promise<Result<AnyMatch>> {
    if (!allReady(this.ruleset, this.#match)) return r;
    const closed = await this.#close('all-ready');
    return closed.ok ? closed : r;
  }

  /** Second bot pass, then resolution; saves the turn and the summary. */
  async #close(reason: 'all-ready' | 'timer' | 'facilitator'): Promise<Result<AnyMatch>> {
    if (this.#match.phase !== 'planning') return reject('wrong-phase', `You cannot close planning now: the match is in ${this.#match.phase}.`);
    await this.#botPass(1);
    const r = await this.#commit({ at: this.#o.now(), kind: 'control', action: { type: 'closePlanning', reason } });
    if (!r.ok) return r;
    const m = r.value;
    await this.#o.store.saveTurn(this.matchId, { turn: m.turn, entries: this.#entries.length, state: m.state }).catch((e: unknown) => {
      this.#log(`saveTurn ${m.turn} failed: ${String(e)}`);
    });
    await this.#autoAdvance();
    this.#summary();
    return r;
  }

  #summary(): void {
    const m = this.#match;
    const summary = { phase: m.phase, turn: m.turn, seatsFilled: this.#o.seatsFilled?.() ?? 0, updatedAt: this.#o.now() };
    this.#o.store.updateSummary(this.matchId, summary).catch((e: unknown) => this.#log(`updateSummary failed: ${String(e)}`));
  }

  #log(line: string): void {
    (this.#o.log ?? console.warn)(`[match ${this.matchId}] ${line}`);
  }
}
