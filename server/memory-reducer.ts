import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's own collector, called the way `--expose-gc` allows: a last-resort major collection. */
export type CollectAll = () => void;

/**
 * V8 keeps the pages a finished match's objects lived on (its page pool) and Node never tells
 * it that the process is idle, so after a class's matches end the heap is back but the
 * resident set stays near its peak (measured by `npm run bench:server`). A last-resort major
 * collection — the kind a heap snapshot or an out-of-memory retry runs — compacts the heap and
 * gives those pages back.
 *
 * It runs once the server has been quiet for a while after matches ended: `matchEnded()` (re)arms
 * a timer of `quietMs`, so a class ending together costs one collection; the server never runs
 * it while matches keep ending. The collection holds the event loop for a time that grows with
 * the heap it walks (68–96 ms measured after 167–200 matches ended; ~200 ms with 200 MiB still
 * live), so it runs only when at
 * most half of the matches live at the peak since the last one are still live: then there is
 * much to give back and little to walk. A server that stays busy is left to V8's own heuristics.
 */
export class MemoryReducer {
  readonly #quietMs: number;
  readonly #collect: CollectAll | null;
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | null = null;
  #ended = 0;
  #live = 0;
  #peak = 0;
  #runs = 0;
  #lastMs = 0;

  /** `quietMs` 0 turns it off; `collect` defaults to V8's collector (tests pass a spy). */
  constructor(options: { readonly quietMs: number; readonly collect?: CollectAll; readonly log?: (line: string) => void }) {
    this.#quietMs = options.quietMs;
    this.#log = options.log ?? (() => undefined);
    this.#collect = options.quietMs > 0 ? (options.collect ?? v8Collector()) : null;
  }

  /** How many collections ran, and how long the last one held the event loop (ms). */
  get stats(): { readonly runs: number; readonly lastMs: number } {
    return { runs: this.#runs, lastMs: this.#lastMs };
  }

  /** A match's room is live (created and loaded). */
  matchOpened(): void {
    this.#live += 1;
    this.#peak = Math.max(this.#peak, this.#live);
  }

  /** A live match's room was disposed: collect once nothing more has ended for `quietMs`. */
  matchEnded(): void {
    this.#live = Math.max(0, this.#live - 1);
    if (!this.#collect) return;
    this.#ended += 1;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), this.#quietMs);
    this.#timer.unref();
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #run(): void {
    this.#timer = null;
    if (!this.#collect || this.#ended === 0) return;
    const ended = this.#ended;
    this.#ended = 0;
    // Most of the peak is still live: little to give back for a long pause.
    if (this.#live * 2 > this.#peak) return;
    this.#peak = this.#live;
    const started = performance.now();
    try {
      this.#collect();
    } catch (e) {
      this.#log(`memory: the collection after ${ended} ended match(es) failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.#runs += 1;
    this.#lastMs = performance.now() - started;
  }
}

type GcFunction = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** `gc` as `--expose-gc` gives it; without that flag, set it now and take it from a fresh context. */
function v8Collector(): CollectAll {
  let gc = (globalThis as { gc?: GcFunction }).gc;
  if (typeof gc !== 'function') {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as GcFunction;
  }
  const found = gc;
  return () => found({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
