import type { LogEntry } from '../../shared/engine/match.ts';
import { checkIndex } from './checks.ts';
import { StoreConflict, type StoreWrite, type WriteOutcome } from './store.ts';

/** Counts since the store opened, for the benchmark and diagnostics. */
export interface CommitStats {
  /** Transactions committed (or attempted). */
  readonly batches: number;
  /** Writes carried by them. */
  readonly writes: number;
  /** Largest batch. */
  readonly largest: number;
  /** Time from a batch's start to its commit (ms): the sum, and the longest. */
  readonly commitMs: number;
  readonly longestMs: number;
}

interface Pending {
  readonly write: StoreWrite;
  /** When it was submitted (performance.now()). */
  readonly at: number;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

/** The longest a batch waits for more writes before it leaves (the bound is 2 ms). */
export const GROUP_WINDOW_MS = 2;

/**
 * Group commit (docs/design.md §8.2): writes submitted from every match of the process —
 * appends, turn snapshots, summaries — go to disk together, one transaction and one fsync.
 *
 * When a batch leaves: a write somebody is waiting on as a whole class — an `urgent` one, such
 * as a log entry that moves the turn cycle (a resolution, the facilitator's next phase) — makes
 * the batch leave as soon as a turn of the event loop brings no new write (a poll of the
 * sockets, microseconds); otherwise the batch waits for more, at most GROUP_WINDOW_MS after its
 * oldest write. So the orders of a turn that trickle in over a millisecond and the resolution
 * the last of them triggers share one fsync instead of paying one each; a lone order waits at
 * most 2 ms. While a batch is on its way to disk the next one gathers, and it leaves as soon as
 * the first is committed if it is due.
 *
 * `commit` writes one batch and returns an outcome per write (a write can fail alone, e.g.
 * an append at the wrong index) or throws, and then every write of the batch fails.
 */
export class GroupCommit {
  readonly #commit: (writes: readonly StoreWrite[]) => Promise<readonly WriteOutcome[]>;
  #queue: Pending[] = [];
  #busy = false;
  #urgent = false;
  /** The gathering batch's next look: a setImmediate (urgent) or a timer (the window's end). */
  #look: { readonly kind: 'immediate'; readonly handle: NodeJS.Immediate } | { readonly kind: 'timer'; readonly handle: NodeJS.Timeout } | null = null;
  /** The queue's length at the last look. */
  #seen = 0;
  #idle: (() => void)[] = [];
  #stats = { batches: 0, writes: 0, largest: 0, commitMs: 0, longestMs: 0 };

  constructor(commit: (writes: readonly StoreWrite[]) => Promise<readonly WriteOutcome[]>) {
    this.#commit = commit;
  }

  get stats(): CommitStats {
    return { ...this.#stats };
  }

  /** Resolves once `write` is committed; rejects with the reason it was not. */
  submit(write: StoreWrite, urgent = false): Promise<void> {
    if (write.kind === 'append') checkIndex(write.index);
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ write, resolve, reject, at: performance.now() });
      if (urgent && !this.#urgent) {
        this.#urgent = true;
        if (this.#look?.kind === 'timer') this.#unlook();
      }
      this.#kick();
    });
  }

  /** Resolves once nothing is queued or on its way (before closing the store). */
  drained(): Promise<void> {
    if (!this.#busy && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #kick(): void {
    if (this.#busy || this.#look) return;
    if (this.#queue.length === 0) {
      for (const f of this.#idle.splice(0)) f();
      return;
    }
    if (this.#urgent) {
      this.#look = { kind: 'immediate', handle: setImmediate(this.#gather) };
    } else {
      const left = GROUP_WINDOW_MS - (performance.now() - (this.#queue[0] as Pending).at);
      this.#look = { kind: 'timer', handle: setTimeout(this.#gather, Math.max(0, left)) };
    }
  }

  #unlook(): void {
    if (this.#look?.kind === 'timer') clearTimeout(this.#look.handle);
    if (this.#look?.kind === 'immediate') clearImmediate(this.#look.handle);
    this.#look = null;
  }

  /** A look at the gathering batch: send it if it is due, else look again. */
  readonly #gather = (): void => {
    this.#look = null;
    const oldest = this.#queue[0];
    const windowOver = oldest !== undefined && performance.now() - oldest.at >= GROUP_WINDOW_MS;
    const quiet = this.#queue.length === this.#seen;
    this.#seen = this.#queue.length;
    if (windowOver || (this.#urgent && quiet)) {
      void this.#flush();
      return;
    }
    this.#kick();
  };

  async #flush(): Promise<void> {
    const batch = this.#queue;
    this.#queue = [];
    this.#urgent = false;
    this.#seen = 0;
    if (batch.length === 0) return this.#kick();
    this.#busy = true;
    this.#stats.batches += 1;
    this.#stats.writes += batch.length;
    this.#stats.largest = Math.max(this.#stats.largest, batch.length);
    const started = performance.now();
    try {
      const outcomes = await this.#commit(batch.map((p) => p.write));
      const took = performance.now() - started;
      this.#stats.commitMs += took;
      this.#stats.longestMs = Math.max(this.#stats.longestMs, took);
      batch.forEach((p, i) => {
        const o = outcomes[i];
        if (o?.ok) p.resolve();
        else p.reject(o ? rebuildError(o.error) : new Error('the archive gave no outcome for this write'));
      });
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      for (const p of batch) p.reject(error);
    } finally {
      this.#busy = false;
      this.#kick();
    }
  }
}

/**
 * Whether appending `entries` is urgent for the group commit: a control (start, resolution,
 * next phase, pause, end…) is what a whole room waits for.
 */
export function moveTheTurn(entries: readonly LogEntry<unknown>[]): boolean {
  return entries.some((e) => e.kind === 'control');
}

/** An error as it crossed a thread or a wire: StoreConflict and RangeError keep their class. */
export function rebuildError(e: { readonly name: string; readonly message: string }): Error {
  if (e.name === 'StoreConflict') return new StoreConflict(e.message);
  if (e.name === 'RangeError') return new RangeError(e.message);
  const error = new Error(e.message);
  if (e.name !== 'Error') error.name = e.name;
  return error;
}
