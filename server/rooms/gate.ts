import { MAX_MESSAGE_BYTES, RATE_LIMIT } from '../../shared/protocol/common.ts';

/**
 * Flood control for one client (docs/design.md §8: the room validates every intent): a token
 * bucket refilled at `perSecond` up to `burst`. A message that finds it empty is refused
 * with `rate-limited` and changes nothing.
 */
export class TokenBucket {
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #at: number;

  constructor(now: number, perSecond: number = RATE_LIMIT.perSecond, burst: number = RATE_LIMIT.burst) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#at = now;
  }

  take(now: number): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Byte length of a decoded payload as JSON, or null if it is not JSON data (a BigInt…). Compare with MAX_MESSAGE_BYTES. */
export function jsonSize(payload: unknown): number | null {
  try {
    const text = JSON.stringify(payload ?? null);
    return text === undefined ? null : Buffer.byteLength(text, 'utf8');
  } catch {
    return null;
  }
}

export { MAX_MESSAGE_BYTES };

/** The client's `ref` if the payload carries a usable one, else ''. */
export function refOf(payload: unknown): string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return '';
  const ref = (payload as { ref?: unknown }).ref;
  return typeof ref === 'string' && ref.length > 0 && ref.length <= 32 ? ref : '';
}
