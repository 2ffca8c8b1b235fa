import { allReady, applyEntry, timeLeft, type AnyRuleset, type ControlAction, type LogEntry, type Match } from '../shared/engine/match.ts';
import { ok, reject, type Result } from '../shared/engine/result.ts';
import { turnRng } from '../shared/engine/rng.ts';
import type { SeatId } from '../shared/engine/ruleset.ts';
import { touchedBy, type Touched } from '../shared/engine/touched.ts';
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
  /**
   * The state is saved (store.saveTurn) when the match ends — its last resolution, or the
   * facilitator's end — and, if this is above 0, after every `snapshotEvery`-th resolved turn;
   * default 0. Nothing loads from snapshots: the log is the truth, and a room is rebuilt by
   * replaying it; a snapshot is there to read a match's state without replaying it.
   */
  readonly snapshotEvery?: number;
}

/** What one commit made durable, for the listeners (the room's mirror). */
export interface Commit {
  /** The match as the archive now has it. */
  readonly match: AnyMatch;
  /** The match before these entries (the previous commit). */
  readonly before: AnyMatch;
  /** The entries just written, in order. */
  readonly entries: readonly Entry[];
  /** Whose projection these entries may have changed (see shared/engine/touched.ts). */
  readonly touched: Touched;
}

/** A turn that moved alone updates the match list at most this often. */
const SUMMARY_EVERY_MS = 1000;

const STORAGE_FAILED = 'The match archive could not save that, so nothing changed. Try again in a moment.';

interface Waiter {
  /** The log length at which this caller's entries are all durable. */
  readonly upTo: number;
  readonly result: Result<AnyMatch>;
  readonly resolve: (r: Result<AnyMatch>) => void;
}

/**
 * Owns one live match (docs/design.md §8.1) — no Colyseus in here. Every change is
 * applied at once, synchronously, to the head of the match (pure rules), and its log entries
 * queue for the archive; the caller hears back only once they are committed (durable before
 * acknowledged), and listeners (the room: mirror, patch) see only committed matches.
 *
 * Entries go to the store in batches: while one batch is on its way to disk, the entries of
 * everything that happens meanwhile gather, and leave as the next batch as soon as the first
 * is committed. The store group-commits the batches of every match of the process that leave
 * in the same event-loop turn into one transaction (store/group-commit.ts). An order, the
 * readiness it implies, the resolution it triggers and the next window's bot orders are thus
 * one transaction and one patch.
 *
 * A batch the archive refuses (disk full, a locked database) rolls the head back to the last
 * commit and refuses every caller whose entries were in it or came after it with
 * `storage-failed`: nothing changed, nobody was told "ok".
 *
 * It also drives the turn cycle the way shared/engine/autoplay.ts does: bot seats give their
 * inputs when planning opens and again just before it closes (to answer requests), as
 * ordinary log entries; planning closes when every human seat is ready, when the clock runs
 * out (`tick`), or when the facilitator closes it; each resolution saves the turn.
 */
export class MatchHost {
  readonly matchId: string;
  readonly ruleset: AnyRuleset;
  readonly #o: HostOptions;
  /** As the archive has it. */
  #durable: AnyMatch;
  #entries: Entry[];
  /** The durable match plus every entry accepted since (on its way or waiting). */
  #head: AnyMatch;
  /** Accepted entries not yet committed, each with the match it led to. */
  #queued: { readonly entry: Entry; readonly after: AnyMatch }[] = [];
  /** Entries of `#queued` (from its start) already handed to the store. */
  #submitted = 0;
  /** Bumped by a failed write: outcomes of writes from an earlier epoch are ignored. */
  #epoch = 0;
  #failedAt: number | null = null;
  /** What became durable since listeners last heard (published on the next tick). */
  #published: { before: AnyMatch; steps: { entry: Entry; before: AnyMatch; after: AnyMatch }[] } | null = null;
  #turnSaves: { turn: number; entries: number; state: unknown }[] = [];
  #waiters: Waiter[] = [];
  #listeners = new Set<(commit: Commit) => void>();
  #rollbackListeners = new Set<() => void>();
  #idle: (() => void)[] = [];
  #summaryKey = '';
  #summaryTurn = -1;
  #summaryAt = 0;
  #summaryTimer: NodeJS.Timeout | null = null;

  constructor(options: HostOptions) {
    this.#o = options;
    this.matchId = options.matchId;
    this.ruleset = options.ruleset;
    this.#durable = options.match;
    this.#head = options.match;
    this.#entries = [...options.entries];
  }

  /** The match as the archive has it (what anyone may be told). */
  get match(): AnyMatch {
    return this.#durable;
  }

  /** The log so far as the store holds it, oldest first. */
  get entries(): readonly Entry[] {
    return this.#entries;
  }

  /** Called after every commit that changed the match; returns an unsubscribe function. */
  /** Called after a failed write put the head back to the last commit (the room re-arms its clock). */
  onRollback(listener: () => void): () => void {
    this.#rollbackListeners.add(listener);
    return () => this.#rollbackListeners.delete(listener);
  }

  onChange(listener: (commit: Commit) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * A rules input from a seat or the facilitator (§4 orders, answers, White Cell actions).
   * `markReady`: the input is the seat's whole turn (see RulesetProtocol.marksReady): the
   * entry then marks the seat ready too — one entry, accepted or refused as a whole.
   */
  input(actor: Actor, input: unknown, markReady = false): Promise<Result<AnyMatch>> {
    return this.#op(() => {
      const ready = markReady && actor !== 'facilitator';
      const r = this.#apply({ at: this.#o.now(), kind: 'input', seat: actor, input, ...(ready ? { ready: true as const } : {}) });
      return r.ok && ready ? this.#closeIfAllReady(r) : r;
    });
  }

  /** A seat marks itself ready (or not); planning closes once every human seat is ready. */
  ready(seat: SeatId, ready: boolean): Promise<Result<AnyMatch>> {
    return this.#op(() => {
      const r = this.#apply({ at: this.#o.now(), kind: 'ready', seat, ready });
      return r.ok ? this.#closeIfAllReady(r) : r;
    });
  }

  /** A facilitator control: start, pause, resume, extend, end, setBot… */
  control(action: ControlAction): Promise<Result<AnyMatch>> {
    return this.#op(() => this.#control(action));
  }

  /** The facilitator's "next": briefing → planning, planning → resolution, debrief → next turn. */
  advance(): Promise<Result<AnyMatch>> {
    return this.#op(() => {
      const phase = this.#head.phase;
      if (phase === 'briefing') return this.#control({ type: 'openPlanning' });
      if (phase === 'planning') return this.#close('facilitator');
      if (phase === 'debrief') return this.#control({ type: 'nextTurn' });
      const hint = phase === 'lobby' ? ' Start the match first.' : '';
      return reject('wrong-phase', `There is no next phase to move to from ${phase}.${hint}`);
    });
  }

  /** A facilitator action on who sits where (kick, new join code): logged, not played. */
  audit(action: string, detail: AuditDetail): Promise<Result<AnyMatch>> {
    return this.#op(() => this.#apply({ at: this.#o.now(), kind: 'audit', action, detail }));
  }

  /** A message in a channel (issue 7): logged like any entry, before the reply; the game does not change. */
  chat(post: Omit<Extract<Entry, { kind: 'chat' }>, 'at' | 'kind'>): Promise<Result<AnyMatch>> {
    return this.#op(() => this.#apply({ at: this.#o.now(), kind: 'chat', ...post }));
  }

  /** The facilitator hides a message or mutes a person (issue 7): logged. */
  moderate(action: Extract<Entry, { kind: 'moderate' }>['action']): Promise<Result<AnyMatch>> {
    return this.#op(() => this.#apply({ at: this.#o.now(), kind: 'moderate', action }));
  }

  /** When the planning clock of the head runs out (epoch ms), or null when no clock runs. */
  /** When the archive last refused a write (the host's clock, ms), or null: the room waits a moment before it retries a deadline. */
  get failedAt(): number | null {
    return this.#failedAt;
  }

  deadline(): number | null {
    const m = this.#head;
    return m.phase === 'planning' && !m.timer.paused ? m.timer.deadline : null;
  }

  /** The room calls this when the clock's deadline comes: closes planning if time is up. */
  tick(): void {
    if (!this.#expired()) return;
    void this.#op(() => (this.#expired() ? this.#close('timer') : ok(this.#head)));
  }

  /** Resolves once nothing is waiting for the archive. */
  idle(): Promise<void> {
    if (this.#queued.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /**
   * The room is going away (after idle()): a match-list row still held back by the once-a-second
   * throttle is written now, and no timer outlives the room.
   */
  close(): void {
    if (!this.#summaryTimer) return;
    clearTimeout(this.#summaryTimer);
    this.#summaryTimer = null;
    this.#summary(this.#durable, true);
  }

  /** Pushes the match summary (phase, turn, seats filled) to the store's match list. */
  touchSummary(): void {
    this.#summary(this.#durable, false);
  }

  /**
   * Runs one change synchronously against the head; its entries (if any) join the queue, and
   * the caller hears back once they are committed. A refusal that wrote nothing is answered
   * at once — unless entries are still on their way, so that answers keep their order.
   */
  #op(change: () => Result<AnyMatch>): Promise<Result<AnyMatch>> {
    const result = change();
    const upTo = this.#entries.length + this.#queued.length;
    if (upTo === this.#entries.length) return Promise.resolve(result);
    return new Promise((resolve) => {
      this.#waiters.push({ upTo, result, resolve });
      this.#submit();
    });
  }

  #control(action: ControlAction): Result<AnyMatch> {
    if (action.type === 'closePlanning') return this.#close(action.reason);
    const r = this.#apply({ at: this.#o.now(), kind: 'control', action });
    if (!r.ok) return r;
    if (action.type === 'openPlanning') {
      this.#botPass(0);
      return this.#closeIfAllReady(ok(this.#head));
    }
    if (action.type === 'setBot') return this.#closeIfAllReady(r);
    if (action.type === 'end') this.#snapshot(r.value);
    if (action.type === 'start' || action.type === 'nextTurn' || action.type === 'practice') this.#autoAdvance();
    return r;
  }

  /**
   * With `autoAdvance`: debrief → next turn, briefing → planning (with the bots' first pass).
   * It does not check readiness on the new window: with a human seat nobody is ready yet, and
   * a match of bots only then moves at the planning clock's pace instead of racing through all
   * its turns at once.
   */
  #autoAdvance(): void {
    if (!this.#o.autoAdvance) return;
    if (this.#head.phase === 'debrief' && !this.#apply({ at: this.#o.now(), kind: 'control', action: { type: 'nextTurn' } }).ok) return;
    if (this.#head.phase !== 'briefing') return;
    if (!this.#apply({ at: this.#o.now(), kind: 'control', action: { type: 'openPlanning' } }).ok) return;
    this.#botPass(0);
  }

  #expired(): boolean {
    const m = this.#head;
    return m.phase === 'planning' && !m.timer.paused && timeLeft(m, this.#o.now()) === 0;
  }

  /** Applies one entry to the head (pure rules); if accepted it joins the queue. */
  #apply(entry: Entry): Result<AnyMatch> {
    const r = applyEntry(this.ruleset, this.#head, entry);
    if (!r.ok) return r;
    this.#head = r.value;
    this.#queued.push({ entry, after: r.value });
    return r;
  }

  /** One bot pass over every bot seat, exactly as autoplay does (same rng streams). */
  #botPass(pass: number): void {
    const seats = this.ruleset.seats(this.#head.state).map((s) => s.id);
    for (const seat of seats) {
      if (!this.#head.bots.includes(seat) || this.#head.phase !== 'planning') continue;
      const m = this.#head;
      const rng = turnRng(m.seed, m.turn);
      let inputs: unknown[];
      try {
        inputs = this.ruleset.botInputs(m.state, m.drafts, seat, { stream: (name: string) => rng.stream(`bot:${seat}:${pass}:${name}`) });
      } catch (e) {
        this.#log(`bot ${seat} failed: ${String(e)}`);
        continue;
      }
      for (const input of inputs) this.#apply({ at: this.#o.now(), kind: 'input', seat, input });
    }
  }

  #closeIfAllReady(r: Result<AnyMatch>): Result<AnyMatch> {
    if (!allReady(this.ruleset, this.#head)) return r;
    const closed = this.#close('all-ready');
    return closed.ok ? closed : r;
  }

  /** Second bot pass, then resolution; the turn's state is saved with the same commit. */
  #close(reason: 'all-ready' | 'timer' | 'facilitator'): Result<AnyMatch> {
    if (this.#head.phase !== 'planning') return reject('wrong-phase', `You cannot close planning now: the match is in ${this.#head.phase}.`);
    this.#botPass(1);
    const r = this.#apply({ at: this.#o.now(), kind: 'control', action: { type: 'closePlanning', reason } });
    if (!r.ok) return r;
    const m = r.value;
    const every = this.#o.snapshotEvery ?? 0;
    if ((every > 0 && m.turn % every === 0) || m.turn >= this.ruleset.turnLimit(m.state)) this.#snapshot(m);
    this.#autoAdvance();
    return r;
  }

  /** Queues the state of `m` to be saved with the next batch (see HostOptions.snapshotEvery). */
  #snapshot(m: AnyMatch): void {
    this.#turnSaves.push({ turn: m.turn, entries: this.#entries.length + this.#queued.length, state: m.state });
  }

  /**
   * Hands the entries this change added to the store at once: the store gathers the appends
   * of every match that arrive in the same loop turns into one transaction (group-commit.ts),
   * so a turn's orders, its resolution and the next window's bot orders leave together.
   */
  #submit(): void {
    const fresh = this.#queued.slice(this.#submitted);
    if (fresh.length === 0) return;
    const epoch = this.#epoch;
    const index = this.#entries.length + this.#submitted;
    const end = index + fresh.length;
    this.#submitted += fresh.length;
    const store = this.#o.store;
    store.appendAll(this.matchId, index, fresh.map((b) => b.entry)).then(
      () => this.#durableTo(epoch, end),
      (e: unknown) => void this.#failed(epoch, e),
    );
    for (const s of this.#turnSaves.splice(0)) store.saveTurn(this.matchId, s).catch((e: unknown) => this.#log(`saveTurn ${s.turn} failed: ${String(e)}`));
    this.#summary((fresh[fresh.length - 1] as { after: AnyMatch }).after, false);
  }

  /** The log is durable up to `length`; listeners hear once per transaction (after its callbacks, on the next tick). */
  #durableTo(epoch: number, length: number): void {
    if (epoch !== this.#epoch) return;
    const moved = this.#queued.splice(0, length - this.#entries.length);
    this.#submitted -= moved.length;
    if (!this.#published) {
      this.#published = { before: this.#durable, steps: [] };
      process.nextTick(() => this.#publish());
    }
    let prev = this.#durable;
    for (const b of moved) {
      this.#published.steps.push({ entry: b.entry, before: prev, after: b.after });
      prev = b.after;
    }
    this.#entries.push(...moved.map((b) => b.entry));
    this.#durable = prev;
  }

  #publish(): void {
    const p = this.#published;
    this.#published = null;
    if (!p || p.steps.length === 0) return;
    this.#notify({ match: this.#durable, before: p.before, entries: p.steps.map((x) => x.entry), touched: touchedBy(this.ruleset, p.steps) });
    const done = this.#waiters.filter((w) => w.upTo <= this.#entries.length);
    this.#waiters = this.#waiters.filter((w) => w.upTo > this.#entries.length);
    for (const w of done) w.resolve(w.result);
    if (this.#queued.length === 0) for (const f of this.#idle.splice(0)) f();
  }

  /**
   * A write failed: everything after the last commit goes — the entries of the failed
   * transaction and whatever was built on top of them (their later appends, already on their
   * way, will be refused by the store and are ignored: they belong to the old epoch).
   */
  async #failed(epoch: number, e: unknown): Promise<void> {
    if (epoch !== this.#epoch) return;
    this.#epoch += 1;
    this.#log(`append #${this.#entries.length} (${this.#queued.length} entries waiting) failed: ${e instanceof Error ? e.message : String(e)}`);
    this.#queued = [];
    this.#submitted = 0;
    this.#turnSaves = [];
    this.#head = this.#durable;
    const failed = this.#waiters.filter((w) => w.upTo > this.#entries.length);
    this.#waiters = this.#waiters.filter((w) => w.upTo <= this.#entries.length);
    this.#failedAt = this.#o.now();
    if (e instanceof StoreConflict) await this.#reload();
    // Nothing was committed, so no commit to hear; but the head went back (e.g. to a planning
    // phase whose deadline has passed), and whoever runs a clock from it must look again.
    for (const f of this.#rollbackListeners) f();
    for (const w of failed) w.resolve(w.result.ok ? reject('storage-failed', STORAGE_FAILED) : w.result);
    for (const f of this.#idle.splice(0)) f();
  }

  async #reload(): Promise<void> {
    const fresh = await this.#o.reload?.().catch(() => null);
    if (!fresh) return;
    const before = this.#durable;
    this.#durable = fresh.match;
    this.#head = fresh.match;
    this.#entries = [...fresh.entries];
    this.#notify({ match: fresh.match, before, entries: [], touched: 'all' });
  }

  #notify(commit: Commit): void {
    for (const listener of this.#listeners) {
      try {
        listener(commit);
      } catch (e) {
        this.#log(`listener failed: ${String(e)}`);
      }
    }
  }

  /**
   * Writes the match list's row: at once when the phase or the seats filled changed; a turn
   * that moved alone (turns following each other by themselves) at most once a second, the
   * last one by a timer — the list does not need every turn, the archive's disk does not
   * need a row rewritten a hundred times a second.
   */
  #summary(m: AnyMatch, force: boolean): void {
    const seatsFilled = this.#o.seatsFilled?.() ?? 0;
    const key = `${m.phase}|${seatsFilled}`;
    const now = this.#o.now();
    if (!force && key === this.#summaryKey) {
      if (m.turn === this.#summaryTurn) return;
      if (now - this.#summaryAt < SUMMARY_EVERY_MS) {
        this.#summaryTimer ??= setTimeout(() => {
          this.#summaryTimer = null;
          this.#summary(this.#durable, false);
        }, SUMMARY_EVERY_MS).unref();
        return;
      }
    }
    this.#summaryKey = key;
    this.#summaryTurn = m.turn;
    this.#summaryAt = now;
    const summary = { phase: m.phase, turn: m.turn, seatsFilled, updatedAt: now };
    this.#o.store.updateSummary(this.matchId, summary).catch((e: unknown) => this.#log(`updateSummary failed: ${String(e)}`));
  }


  #log(line: string): void {
    (this.#o.log ?? console.warn)(`[match ${this.matchId}] ${line}`);
  }
}
