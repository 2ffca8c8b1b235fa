/**
 * Keeps what clients can provoke out of the log's way (issue 13: "abuse without log floods").
 * Colyseus and ws print an error — often with a full stack — for things any client can send at
 * will (a frame that does not decode, a broken WebSocket frame). The gate lets the first line of
 * each kind through, then counts: once a minute it writes one line per kind that was held back,
 * with the count. Kinds are told apart by the message's first line with digits and hex runs
 * blanked, so the same error about different clients counts as one kind.
 */
export class LogGate {
  readonly #write: (line: string) => void;
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #maxKinds: number;
  #windowStart: number;
  readonly #held = new Map<string, { count: number; sample: string }>();
  readonly #seen = new Set<string>();
  #overflow = 0;

  constructor(write: (line: string) => void, now: () => number = Date.now, options: { windowMs?: number; maxKinds?: number } = {}) {
    this.#write = write;
    this.#now = now;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#maxKinds = options.maxKinds ?? 200;
    this.#windowStart = now();
  }

  /** Logs `text` if it is the first of its kind in this window, else counts it. */
  write(text: string): void {
    this.#roll();
    const first = text.split('\n', 1)[0] ?? '';
    const kind = first.replace(/0x[0-9a-f]+|[0-9a-f]{8,}|\d+/gi, '#').slice(0, 120);
    if (!this.#seen.has(kind)) {
      if (this.#seen.size >= this.#maxKinds) {
        this.#overflow++;
        return;
      }
      this.#seen.add(kind);
      this.#write(text);
      return;
    }
    const h = this.#held.get(kind);
    if (h) h.count++;
    else this.#held.set(kind, { count: 1, sample: first.slice(0, 200) });
  }

  /** Writes the counts held back so far (also done by itself once a window has passed). */
  flush(): void {
    for (const { count, sample } of this.#held.values()) this.#write(`(${count} more in the last minute like: ${sample})`);
    if (this.#overflow > 0) this.#write(`(${this.#overflow} more log lines of other kinds in the last minute, not shown)`);
    this.#held.clear();
    this.#seen.clear();
    this.#overflow = 0;
    this.#windowStart = this.#now();
  }

  /** Writes the held-back counts if a window has passed: call it now and then, so counts do not wait for the next error. */
  tick(): void {
    this.#roll();
  }

  #roll(): void {
    if (this.#now() - this.#windowStart >= this.#windowMs) this.flush();
  }
}

/** A Colyseus `logger` (defineServer's `logger` option) whose warnings and errors go through a LogGate. */
export function gatedLogger(gate: LogGate, info: (line: string) => void = (line) => console.info(line)) {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug: () => undefined,
    trace: () => undefined,
    info: (...args: unknown[]) => info(text(args)),
    warn: (...args: unknown[]) => gate.write(text(args)),
    error: (...args: unknown[]) => gate.write(text(args)),
  };
}
