import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hash32, scriptedRng, seededStream, turnRng, type Rng } from '../../shared/engine/rng.ts';
import { createMatch } from '../../shared/engine/match.ts';
import { countingGame, countScenario, seat } from './counting-game.ts';
import { apply, control, input } from './helpers.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 1_000_000));

describe('seeded streams', () => {
  it('the same seed, turn and name give the same sequence, however often the stream is asked for', () => {
    expect(draw(seededStream(7, 3, 'leaks'), 50)).toEqual(draw(seededStream(7, 3, 'leaks'), 50));
    const source = turnRng(7, 3);
    expect(draw(source.stream('leaks'), 50)).toEqual(draw(source.stream('leaks'), 50));
    expect(draw(source.stream('leaks'), 50)).toEqual(draw(seededStream(7, 3, 'leaks'), 50));
  });

  it('a different seed, turn or name gives a different sequence', () => {
    const base = draw(seededStream(7, 3, 'leaks'), 20);
    expect(draw(seededStream(8, 3, 'leaks'), 20)).not.toEqual(base);
    expect(draw(seededStream(7, 4, 'leaks'), 20)).not.toEqual(base);
    expect(draw(seededStream(7, 3, 'leak'), 20)).not.toEqual(base);
    expect(draw(seededStream(7, 3, 'op:o3-aldoria-1'), 20)).not.toEqual(draw(seededStream(7, 3, 'op:o3-aldoria-2'), 20));
  });

  it('streams are independent: rolling more in one does not shift another', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(50), fc.nat(30), (seed, turn, extra) => {
        const alone = turnRng(seed, turn);
        const expected = draw(alone.stream('attribution'), 10);
        const busy = turnRng(seed, turn);
        const other = busy.stream('leaks');
        const mine = busy.stream('attribution');
        const got: number[] = [];
        for (let i = 0; i < 10; i++) {
          draw(other, extra);
          got.push(mine.int(0, 1_000_000));
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('is pinned: these values must never change, or old match records stop replaying', () => {
    // FNV-1a reference values, then the first rolls of one stream (xoroshiro128+ via pure-rand).
    expect([hash32(''), hash32('a')]).toEqual([0x811c9dc5, 0xe40c292c]);
    const r = seededStream(7, 1, 'leaks');
    expect([r.int(0, 999), r.int(0, 999), r.int(0, 999), r.int(0, 999), r.int(0, 999)]).toEqual([886, 541, 958, 513, 501]);
    const q = seededStream(42, 3, 'op:o3-aldoria-1');
    expect([q.next(), q.next(), q.next()]).toEqual([0.5372591940686107, 0.03595545142889023, 0.37358982395380735]);
  });

  it('every value is in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(20), fc.string(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, turn, name, min, span) => {
        const r = seededStream(seed, turn, name);
        for (let i = 0; i < 20; i++) {
          const x = r.next();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          const n = r.int(min, min + span);
          expect(Number.isInteger(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(min);
          expect(n).toBeLessThanOrEqual(min + span);
        }
        expect(r.int(min, min)).toBe(min);
      }),
      { numRuns: 100 },
    );
  });

  it('chance(p) clamps p, and is true about p of the time', () => {
    const r = seededStream(1, 1, 'chance');
    for (let i = 0; i < 100; i++) {
      expect(r.chance(0)).toBe(false);
      expect(r.chance(-1)).toBe(false);
      expect(r.chance(1)).toBe(true);
      expect(r.chance(2)).toBe(true);
    }
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (r.chance(0.3)) hits++;
    expect(hits).toBeGreaterThan(2_800);
    expect(hits).toBeLessThan(3_200);
  });

  it('pick returns an element of the list, every element in time, and refuses an empty list', () => {
    const r = seededStream(5, 1, 'pick');
    const items = ['a', 'b', 'c', 'd'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const x = r.pick(items);
      expect(items).toContain(x);
      seen.add(x);
    }
    expect(seen.size).toBe(4);
    expect(() => r.pick([])).toThrow('pick from an empty list');
  });
});

describe('scriptedRng', () => {
  it('plays the scripted values of each stream in order, then the fallback', () => {
    const rng = scriptedRng({ leaks: [0.1, 0.9], '*': [0.4] }, 0.75);
    const leaks = rng.stream('leaks');
    expect([leaks.next(), leaks.next(), leaks.next()]).toEqual([0.1, 0.9, 0.75]);
    const other = rng.stream('anything-else');
    expect([other.next(), other.next()]).toEqual([0.4, 0.75]);
    // Like a seeded stream, asking for a stream again starts its script again.
    expect(rng.stream('leaks').next()).toBe(0.1);
  });

  it('chance, int and pick follow the scripted values', () => {
    const r = scriptedRng({ s: [0.29, 0.31, 0, 0.999, 0.5, 0.99] }).stream('s');
    expect(r.chance(0.3)).toBe(true);
    expect(r.chance(0.3)).toBe(false);
    expect(r.int(1, 6)).toBe(1);
    expect(r.int(1, 6)).toBe(6);
    expect(r.pick(['a', 'b', 'c'])).toBe('b');
    expect(r.pick(['a', 'b', 'c'])).toBe('c');
  });

  it('with no script the fallback (0.5 by default) applies everywhere', () => {
    const r = scriptedRng({}).stream('x');
    expect(r.next()).toBe(0.5);
    expect(r.chance(0.5)).toBe(false);
    expect(r.chance(0.51)).toBe(true);
  });

  it('lets a test force an outcome through a ruleset’s resolve', () => {
    const game = countingGame();
    let m = createMatch(game, countScenario, 1);
    m = apply(game, m, control({ type: 'start' }), control({ type: 'openPlanning' }), input(seat('ann'), { type: 'add', n: 1 }));
    expect(game.resolve(m.state, m.drafts, scriptedRng({ noise: [0.99] })).state.pot).toBe(2);
    expect(game.resolve(m.state, m.drafts, scriptedRng({ noise: [0] })).state.pot).toBe(0);
  });
});

describe('streams inside a ruleset', () => {
  it('a ruleset that adds rolls to one stream leaves the others’ outcomes unchanged', () => {
    const plain = countingGame();
    const busy = countingGame({ extraRolls: 25 });
    for (let seed = 0; seed < 20; seed++) {
      let a = createMatch(plain, countScenario, seed);
      let b = createMatch(busy, countScenario, seed);
      const cycle = [control({ type: 'start' })];
      a = apply(plain, a, ...cycle);
      b = apply(busy, b, ...cycle);
      for (let t = 1; t <= countScenario.turns; t++) {
        a = apply(plain, a, control({ type: 'openPlanning' }), control({ type: 'closePlanning', reason: 'timer' }));
        b = apply(busy, b, control({ type: 'openPlanning' }), control({ type: 'closePlanning', reason: 'timer' }));
        expect(b.state.pot).toBe(a.state.pot);
        if (t < countScenario.turns) {
          a = apply(plain, a, control({ type: 'nextTurn' }));
          b = apply(busy, b, control({ type: 'nextTurn' }));
        }
      }
      expect(b.state.extra).toBeGreaterThan(0);
    }
  });
});
