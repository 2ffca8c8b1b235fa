import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADDRESS_POLICY, AttemptThrottle, lockSeconds, retryAfterOf, type BackoffPolicy } from '../../server/auth/throttle.ts';
import { ok, reject, type Result } from '../../shared/engine/result.ts';

const wrong = async (): Promise<Result<string>> => reject('wrong-code', 'no');
const right = async (): Promise<Result<string>> => ok('seat');
const notAGuess = async (): Promise<Result<string>> => reject('bad-join', 'no name');

/** Seconds to wait, or 0 if the attempt was checked. */
async function tryWrong(t: AttemptThrottle, address: string, matchId?: string): Promise<number> {
  const r = await t.attempt({ address, matchId }, wrong);
  if (r.ok) throw new Error('a wrong guess passed');
  return r.error.code === 'too-many-attempts' ? (retryAfterOf(r.error) ?? -1) : 0;
}

/**
 * A guesser from one address over `days` days: tries whenever allowed; `pauseAfterRamp` makes
 * it stop once locks reach a day and come back when the memory of its locks has run out (the
 * other strategy worth trying). Returns how many guesses were checked.
 */
async function guessFor(t: AttemptThrottle, days: number, pauseAfterRamp: boolean): Promise<number> {
  const end = Date.now() + days * 86_400_000;
  let checked = 0;
  while (Date.now() < end) {
    const wait = await tryWrong(t, '203.0.113.9');
    if (wait === 0) {
      checked++;
      continue;
    }
    const pause = pauseAfterRamp && wait >= ADDRESS_POLICY.maxLockSeconds ? ADDRESS_POLICY.memorySeconds : wait;
    await vi.advanceTimersByTimeAsync(pause * 1000);
  }
  return checked;
}

describe('the attempt throttle (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets an address make ten wrong guesses, then locks it for a minute, then two, four…, up to a day', async () => {
    const t = new AttemptThrottle();
    for (let i = 0; i < 10; i++) expect(await tryWrong(t, '198.51.100.1')).toBe(0);
    expect(await tryWrong(t, '198.51.100.1')).toBe(60);
    const locks: number[] = [60];
    for (let n = 2; n <= 13; n++) {
      await vi.advanceTimersByTimeAsync(locks.at(-1)! * 1000);
      for (let i = 0; i < 10; i++) expect(await tryWrong(t, '198.51.100.1')).toBe(0);
      locks.push(await tryWrong(t, '198.51.100.1'));
    }
    expect(locks).toEqual([60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 30720, 61440, 86400, 86400]);
    expect(locks.map((_, i) => lockSeconds(ADDRESS_POLICY, i + 1))).toEqual(locks);
    // Another address is not held back by it.
    expect(await tryWrong(t, '198.51.100.2')).toBe(0);
  });

  it('right credentials and refusals that are not guesses cost nothing; a right one does not reset the count', async () => {
    const t = new AttemptThrottle();
    for (let i = 0; i < 100; i++) expect((await t.attempt({ address: 'a' }, right)).ok).toBe(true);
    for (let i = 0; i < 100; i++) expect((await t.attempt({ address: 'a' }, notAGuess)).ok).toBe(false);
    for (let i = 0; i < 9; i++) expect(await tryWrong(t, 'a')).toBe(0);
    expect((await t.attempt({ address: 'a' }, right)).ok).toBe(true);
    expect(await tryWrong(t, 'a')).toBe(0);
    expect(await tryWrong(t, 'a')).toBe(60);
    // While locked, even the right code is refused: a lock that let right codes through would tell a guesser which one was right.
    const locked = await t.attempt({ address: 'a' }, right);
    expect(locked.ok ? null : [locked.error.code, locked.error.message]).toEqual(['too-many-attempts', 'Too many wrong codes or keys were tried from your network. Wait 60 seconds, then try again.']);
  });

  it('concurrent guesses cannot slip past the limit together', async () => {
    const t = new AttemptThrottle();
    let checked = 0;
    const slowWrong = async (): Promise<Result<string>> => {
      checked++;
      await new Promise((r) => setTimeout(r, 5));
      return reject('wrong-code', 'no');
    };
    const all = Promise.all(Array.from({ length: 200 }, () => t.attempt({ address: 'swarm' }, slowWrong)));
    await vi.advanceTimersByTimeAsync(200);
    const results = await all;
    expect(checked).toBe(ADDRESS_POLICY.free);
    expect(results.filter((r) => !r.ok && r.error.code === 'too-many-attempts')).toHaveLength(200 - ADDRESS_POLICY.free);
  });

  it('a class behind one address joining at once with right codes all gets in', async () => {
    const t = new AttemptThrottle();
    const slowRight = async (): Promise<Result<string>> => {
      await new Promise((r) => setTimeout(r, 2));
      return ok('seat');
    };
    const all = Promise.all(Array.from({ length: 60 }, (_, i) => t.attempt({ address: 'school-nat', matchId: `m${i % 2}` }, slowRight)));
    await vi.advanceTimersByTimeAsync(500);
    const results = await all;
    expect(results.filter((r) => r.ok)).toHaveLength(60);
  });

  it('slows down guesses at one match from many addresses, for at most ten minutes', async () => {
    const t = new AttemptThrottle();
    for (let i = 0; i < 30; i++) expect(await tryWrong(t, `10.0.0.${i}`, 'm1')).toBe(0);
    const r = await t.attempt({ address: '10.0.1.1', matchId: 'm1' }, right);
    expect(r.ok ? null : [r.error.code, retryAfterOf(r.error)]).toEqual(['too-many-attempts', 30]);
    expect(r.ok ? '' : r.error.message).toMatch(/for this match/);
    // Other matches and the refused address's own count are untouched.
    expect((await t.attempt({ address: '10.0.1.1', matchId: 'm2' }, right)).ok).toBe(true);
    let wait = 30;
    for (let n = 0; n < 8; n++) {
      await vi.advanceTimersByTimeAsync(wait * 1000);
      for (let i = 0; i < 30; i++) await tryWrong(t, `10.1.${n}.${i}`, 'm1');
      wait = await tryWrong(t, '10.2.0.1', 'm1');
    }
    expect(wait).toBe(600);
  });

  it('from one address, a year of guessing gets at most a few thousand guesses checked, whichever way the guesser paces itself', async () => {
    const greedy = await guessFor(new AttemptThrottle(), 365, false);
    const pausing = await guessFor(new AttemptThrottle(), 365, true);
    // README "Security" quotes these figures (greedy: 10 a day once locks reach a day).
    expect(greedy).toBeGreaterThan(3_000);
    expect(greedy).toBeLessThan(4_000);
    expect(pausing).toBe(5_280);
    process.stderr.write(`throttle: guesses checked in a year from one address: ${greedy} (greedy), ${pausing} (pausing for the memory to run out)\n`);
  }, 120_000);

  it('a custom policy is honoured (what test servers use to stay out of the way)', async () => {
    const loose: BackoffPolicy = { free: 1000, windowSeconds: 60, firstLockSeconds: 1, maxLockSeconds: 1, memorySeconds: 1 };
    const t = new AttemptThrottle({ address: loose, match: loose });
    for (let i = 0; i < 500; i++) expect(await tryWrong(t, 'x', 'm')).toBe(0);
  });
});

const REDIS_URL = process.env.REDIS_URL;
describe.skipIf(!REDIS_URL)('the attempt throttle in Redis (REDIS_URL)', () => {
  it('two processes share the counts: guesses spread over both are limited together', async () => {
    const prefix = `se-test-throttle-${randomBytes(4).toString('hex')}`;
    const [a, b] = [new Redis(REDIS_URL!), new Redis(REDIS_URL!)];
    try {
      const one = new AttemptThrottle({ redis: a, prefix });
      const two = new AttemptThrottle({ redis: b, prefix });
      for (let i = 0; i < 10; i++) expect(await tryWrong(i % 2 ? one : two, '192.0.2.7')).toBe(0);
      expect(await tryWrong(one, '192.0.2.7')).toBe(60);
      expect(await tryWrong(two, '192.0.2.7')).toBeGreaterThanOrEqual(59);
    } finally {
      const keys = await a.keys(`${prefix}*`);
      if (keys.length > 0) await a.del(...keys);
      a.disconnect();
      b.disconnect();
    }
  });
});

describe('the attempt throttle and IPv6', () => {
  it('counts an IPv6 /64 as one address', async () => {
    const t = new AttemptThrottle();
    for (let i = 0; i < 10; i++) expect(await tryWrong(t, `2001:db8:aa:bb::${(i + 1).toString(16)}`)).toBe(0);
    expect(await tryWrong(t, '2001:db8:aa:bb:ffff::1')).toBe(60);
    expect(await tryWrong(t, '2001:db8:aa:bc::1')).toBe(0);
  });
});

describe('the throttle arithmetic the README quotes', () => {
  it('matches what the real throttle allowed on the fake clock, and puts guessing a code far past ten years', async () => {
    const { guessesIn, yearsToGuess, CODE_SPACE } = await import('../../server/auth/throttle-math.ts');
    const year = guessesIn(ADDRESS_POLICY);
    expect(year.greedy).toBe(3750);
    // The fake-clock run above paused after the lock that reached a day (k = 12); the best pause is about the same.
    expect(year.pausing).toBeGreaterThanOrEqual(5280);
    expect(year.best).toBeLessThan(5400);
    expect(CODE_SPACE).toBe(31 ** 12);
    // A million live codes, one address: about 1.5e8 years; a million addresses together: about 150 years.
    expect(yearsToGuess(year.best, 1e6)).toBeGreaterThan(1e8);
    expect(yearsToGuess(year.best, 1e6, 1e6)).toBeGreaterThan(100);
  });
});
