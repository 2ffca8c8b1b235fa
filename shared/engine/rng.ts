import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

/**
 * Seeded randomness (docs/design.md §7). Every roll comes from a named stream derived from
 * the match seed, the turn and a stable name, so that adding a roll to one mechanic
 * never shifts the rolls of another. Nothing in shared/ may roll dice any other way.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p (p is clamped to [0, 1]). */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** Derives independent streams; `stream('leaks')` is the same sequence every time it is asked for. */
export interface RngSource {
  stream(name: string): Rng;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit hash for stream names. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function wrap(gen: ReturnType<typeof xoroshiro128plus>): Rng {
  const int = (min: number, max: number): number => uniformInt(gen, min, max);
  return {
    next: () => int(0, 0x3fffffff) / 0x40000000,
    int,
    chance(p) {
      if (p <= 0) return false;
      if (p >= 1) return true;
      return int(0, 0x3fffffff) / 0x40000000 < p;
    },
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
  };
}

/** A stream of rolls for `seed` + `turn` + `name`. */
export function seededStream(seed: number, turn: number, name: string): Rng {
  return wrap(xoroshiro128plus(hash32(`${seed >>> 0}|${turn}|${name}`)));
}

/** The source of every stream of one turn of one match. */
export function turnRng(seed: number, turn: number): RngSource {
  return { stream: (name) => seededStream(seed, turn, name) };
}

/**
 * Scripted rolls for tests: `next()` returns the listed values in order per stream
 * (then `fallback`), so a test can force "the use is discovered" without hunting seeds.
 */
export function scriptedRng(script: Record<string, readonly number[]>, fallback = 0.5): RngSource {
  return {
    stream(name) {
      const queue = [...(script[name] ?? script['*'] ?? [])];
      const next = () => (queue.length > 0 ? (queue.shift() as number) : fallback);
      return {
        next,
        int: (min, max) => min + Math.min(max - min, Math.floor(next() * (max - min + 1))),
        chance: (p) => next() < p,
        pick: (items) => items[Math.min(items.length - 1, Math.floor(next() * items.length))] as never,
      };
    },
  };
}
