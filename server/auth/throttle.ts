import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Result } from '../../shared/engine/result.ts';
import { addressKey } from '../http/address.ts';

/**
 * How wrong guesses of one key (an address, a match) are slowed down: `free` wrong attempts
 * within `windowSeconds`, then a lock of `firstLockSeconds` that doubles with every further
 * lock up to `maxLockSeconds`. The number of locks is remembered for `memorySeconds` after
 * the last one, so a guesser who keeps going stays at the longest lock.
 */
export interface BackoffPolicy {
  readonly free: number;
  readonly windowSeconds: number;
  readonly firstLockSeconds: number;
  readonly maxLockSeconds: number;
  readonly memorySeconds: number;
}

/**
 * Per address (an IPv6 /64): ten wrong codes a minute — a class behind one school NAT makes
 * typos too — then 1 min, 2 min, 4 min … up to a day, remembered for a week after the last
 * lock (longer than the longest lock, so a guesser who keeps going stays at a day). README
 * "Security" works out what this allows in a year.
 */
export const ADDRESS_POLICY: BackoffPolicy = { free: 10, windowSeconds: 60, firstLockSeconds: 60, maxLockSeconds: 86_400, memorySeconds: 7 * 86_400 };

/**
 * Per match, from every address together: a guesser spread over many addresses is slowed on
 * the match it targets. Capped at 10 minutes, since while a match is locked its own students
 * cannot join with a code either.
 */
export const MATCH_POLICY: BackoffPolicy = { free: 30, windowSeconds: 60, firstLockSeconds: 30, maxLockSeconds: 600, memorySeconds: 3_600 };

/** Refusal codes that mean "a credential was guessed wrong": these count against the guesser. */
export const GUESS_FAILURES: ReadonlySet<string> = new Set(['wrong-code', 'wrong-token', 'unknown-match', 'wrong-key', 'unknown-code']);

/** Who is guessing: the address always, and the match when the attempt names one. */
export interface AttemptScope {
  readonly address: string;
  readonly matchId?: string | undefined;
}

/** The refusal of a throttled attempt; `retryAfter` in whole seconds. */
export interface TooManyAttempts {
  readonly code: 'too-many-attempts';
  readonly message: string;
  readonly retryAfter: number;
}

/** Length of lock number `n` (1-based) under `policy`, in seconds. */
export function lockSeconds(policy: BackoffPolicy, n: number): number {
  return Math.min(policy.maxLockSeconds, policy.firstLockSeconds * 2 ** Math.min(30, Math.max(0, n - 1)));
}

/** One key space (addresses, or matches) under one policy, over rate-limiter-flexible counters. */
class Backoff {
  readonly policy: BackoffPolicy;
  readonly #attempts: RateLimiterAbstract;
  readonly #locks: RateLimiterAbstract;

  constructor(policy: BackoffPolicy, make: (o: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract, prefix: string) {
    this.policy = policy;
    this.#attempts = make({ keyPrefix: `${prefix}:attempts`, points: policy.free, duration: policy.windowSeconds });
    this.#locks = make({ keyPrefix: `${prefix}:locks`, points: 1_000_000, duration: policy.memorySeconds });
  }

  /**
   * Reserves one attempt for `key`, atomically (concurrent attempts cannot all slip in before
   * the first of them fails): 0 if it may go ahead, else the seconds to wait.
   */
  async reserve(key: string): Promise<number> {
    const r = await this.#attempts.penalty(key, 1);
    if (r.consumedPoints <= this.policy.free) return 0;
    await this.#attempts.reward(key, 1);
    return Math.max(1, Math.ceil(r.msBeforeNext / 1000));
  }

  /** The attempt was a right credential, or not a guess at all: it does not count. */
  async release(key: string): Promise<void> {
    await this.#attempts.reward(key, 1);
  }

  /** The attempt was a wrong guess: it stays counted, and once `free` are used the key is locked. */
  async failed(key: string): Promise<void> {
    const now = await this.#attempts.get(key);
    if (!now || now.consumedPoints < this.policy.free) return;
    const n = ((await this.#locks.get(key))?.consumedPoints ?? 0) + 1;
    await this.#locks.set(key, n, this.policy.memorySeconds);
    await this.#attempts.block(key, lockSeconds(this.policy, n));
  }
}

export interface ThrottleOptions {
  /** An ioredis client: counters shared by every process (REDIS_URL). Without it, in memory. */
  readonly redis?: unknown;
  /** Key prefix in Redis (tests use one of their own). */
  readonly prefix?: string;
  readonly address?: BackoffPolicy;
  readonly match?: BackoffPolicy;
}

/**
 * The one gate every credential check goes through (join codes, facilitator tokens,
 * organizer keys, and any route that resolves a code): per address and per match, a few wrong
 * attempts, then exponential back-off, refused with a typed `too-many-attempts` and the wait.
 * A right credential costs nothing; a wrong one counts against both its address and its match.
 */
export class AttemptThrottle {
  readonly #address: Backoff;
  readonly #match: Backoff;
  /** The last check queued for each address and match. */
  readonly #turns = new Map<string, Promise<void>>();

  constructor(o: ThrottleOptions = {}) {
    const prefix = o.prefix ?? 'se:throttle';
    const make = (x: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract =>
      o.redis
        ? new RateLimiterRedis({ ...x, storeClient: o.redis, insuranceLimiter: new RateLimiterMemory(x) })
        : new RateLimiterMemory(x);
    this.#address = new Backoff(o.address ?? ADDRESS_POLICY, make, `${prefix}:addr`);
    this.#match = new Backoff(o.match ?? MATCH_POLICY, make, `${prefix}:match`);
  }

  get policies(): { readonly address: BackoffPolicy; readonly match: BackoffPolicy } {
    return { address: this.#address.policy, match: this.#match.policy };
  }

  /**
   * Runs `check` (which looks up a credential) unless `scope` is locked. A rejection whose
   * code is in GUESS_FAILURES counts as a wrong guess; anything else gives its reservation back.
   */
  async attempt<T>(given: AttemptScope, check: () => Promise<Result<T>>): Promise<Result<T>> {
    // An IPv6 guesser is one /64, not billions of addresses.
    const scope = { ...given, address: addressKey(given.address) };
    // One check at a time per address and per match (in this process): a class behind one
    // address joining at once with right codes goes through in a few milliseconds instead of
    // finding the attempts reserved by its own neighbours, and a burst of guesses still meets
    // the lock the first ones set.
    return this.#inTurn(`a:${scope.address}`, () => (scope.matchId ? this.#inTurn(`m:${scope.matchId}`, () => this.#check(scope, check)) : this.#check(scope, check)));
  }

  /** Runs `task` after every earlier task of `key` has finished. */
  async #inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.#turns.get(key) ?? Promise.resolve();
    const mine = before.then(task, task);
    const done = mine.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(key, done);
    try {
      return await mine;
    } finally {
      if (this.#turns.get(key) === done) this.#turns.delete(key);
    }
  }

  async #check<T>(scope: AttemptScope & { address: string }, check: () => Promise<Result<T>>): Promise<Result<T>> {
    const addressWait = await this.#address.reserve(scope.address);
    if (addressWait > 0) return tooMany('Too many wrong codes or keys were tried from your network', addressWait);
    const matchWait = scope.matchId ? await this.#match.reserve(scope.matchId) : 0;
    if (matchWait > 0) {
      await this.#address.release(scope.address);
      return tooMany('Too many wrong codes were tried for this match', matchWait);
    }
    let result: Result<T>;
    try {
      result = await check();
    } catch (e) {
      await this.#settle(scope, false);
      throw e;
    }
    await this.#settle(scope, !result.ok && GUESS_FAILURES.has(result.error.code));
    return result;
  }

  async #settle(scope: AttemptScope, wrong: boolean): Promise<void> {
    const keys: [Backoff, string][] = [[this.#address, scope.address]];
    if (scope.matchId) keys.push([this.#match, scope.matchId]);
    for (const [b, key] of keys) await (wrong ? b.failed(key) : b.release(key));
  }
}

function tooMany(what: string, seconds: number): Result<never> {
  const wait = seconds === 1 ? '1 second' : `${seconds} seconds`;
  const error: TooManyAttempts = { code: 'too-many-attempts', message: `${what}. Wait ${wait}, then try again.`, retryAfter: seconds };
  return { ok: false, error };
}

/** The wait of a `too-many-attempts` refusal, in seconds (undefined for any other refusal). */
export function retryAfterOf(error: { readonly code: string }): number | undefined {
  const r = (error as Partial<TooManyAttempts>).retryAfter;
  return error.code === 'too-many-attempts' && typeof r === 'number' ? r : undefined;
}
