import { describe, it, expect } from 'vitest';
import { seededStream } from '../../shared/engine/rng.ts';
import {
  clusterBootstrap,
  fisherExact,
  incompleteBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  studentCdf,
  studentQuantile,
  summarize,
  twoProportions,
  welch,
  wilson,
} from '../../shared/study/stats.ts';

/** Reference values from SciPy 1.17 (scipy.stats / scipy.special), unless a paper is named. */
describe('distributions', () => {
  it('ln Γ matches scipy.special.gammaln', () => {
    expect(logGamma(10.5)).toBeCloseTo(13.940625219403763, 12);
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180756, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
  });

  it('the regularized incomplete beta matches scipy.special.betainc', () => {
    expect(incompleteBeta(0.3, 2.5, 4)).toBeCloseTo(0.3521975859067672, 12);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it("Student's t CDF and quantiles match scipy.stats.t, fractional degrees of freedom included", () => {
    expect(studentQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 9);
    expect(studentQuantile(0.975, 3.5)).toBeCloseTo(2.9400886379827282, 9);
    expect(studentCdf(2.5, 7.3)).toBeCloseTo(0.9801748826671998, 12);
    expect(studentCdf(-1.7, 4.2)).toBeCloseTo(0.08046956653230643, 12);
  });

  it('the normal CDF and quantile match scipy.stats.norm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 8);
    expect(normalCdf(1.3)).toBeCloseTo(0.9031995154143897, 12);
    expect(normalCdf(-4)).toBeCloseTo(3.167124183311986e-05, 15);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe('tests and intervals', () => {
  it("Welch's t-test matches scipy.stats.ttest_ind(equal_var=False), interval included", () => {
    const a = summarize([12.1, 14.3, 11.8, 15.2, 13.9, 12.7, 14.8, 13.1]);
    const b = summarize([10.2, 11.9, 10.8, 12.4, 9.7, 11.1]);
    const r = welch(a, b);
    expect(r.p).toBeCloseTo(0.0015844526313492343, 9);
    expect(r.lo).toBeCloseTo(1.1466584222613936, 8);
    expect(r.hi).toBeCloseTo(3.7950082444052766, 8);
    expect(r.nA).toBe(8);
    expect(r.nB).toBe(6);
  });

  it('Welch with no spread in either group is exact, and with one observation says nothing', () => {
    expect(welch(summarize([0, 0, 0]), summarize([0, 0]))).toMatchObject({ diff: 0, p: 1 });
    expect(welch(summarize([2, 2]), summarize([0, 0]))).toMatchObject({ diff: 2, lo: 2, hi: 2, p: 0 });
    expect(welch(summarize([5]), summarize([1, 2, 3])).p).toBe(1);
  });

  it('the Wilson interval matches its formula and is exactly 0 or 1 at the ends', () => {
    const w = wilson(8, 10);
    expect(w.lo).toBeCloseTo(0.49016247153664183, 7);
    expect(w.hi).toBeCloseTo(0.9433178485456247, 7);
    expect(wilson(0, 84).lo).toBe(0);
    expect(wilson(84, 84).hi).toBe(1);
    // Rule of three: 0 of n is at most about 3/n.
    expect(wilson(0, 300).hi).toBeLessThan(3 / 300 * 1.3);
  });

  it("Fisher's exact test matches scipy.stats.fisher_exact (two-sided)", () => {
    expect(fisherExact(3, 20, 12, 20)).toBeCloseTo(0.007911693673651405, 10);
    expect(fisherExact(0, 25, 5, 25)).toBeCloseTo(0.05015197568389057, 10);
    expect(fisherExact(1, 10, 7, 12)).toBeCloseTo(0.030959752321981428, 10);
  });

  it("two proportions: Newcombe's interval (Newcombe 1998, example of 56/70 vs 48/80) and the pooled z-test", () => {
    const r = twoProportions(56, 70, 48, 80);
    expect(r.diff).toBeCloseTo(0.2, 12);
    expect(r.lo).toBeCloseTo(0.0524, 4);
    expect(r.hi).toBeCloseTo(0.3339, 4);
    const z = twoProportions(45, 100, 30, 100);
    expect(z.test).toBe('two-proportion z-test');
    expect(z.p).toBeCloseTo(0.02845973691631065, 12);
  });

  it('two proportions switch to Fisher when a cell is expected below 5', () => {
    const r = twoProportions(0, 40, 6, 50);
    expect(r.test).toBe('two proportions, Fisher exact');
    expect(r.p).toBeCloseTo(fisherExact(0, 40, 6, 50), 12);
    expect(r.hi).toBeLessThan(0);
  });

  it('the cluster bootstrap is seeded, resamples whole clusters, and brackets the point estimate', () => {
    const clusters = Array.from({ length: 40 }, (_, i) => ({ sumA: 10 + (i % 7), nA: 2, sumB: 4 + (i % 5), nB: 2 }));
    const a = clusterBootstrap(clusters, seededStream(1, 0, 'b'));
    const b = clusterBootstrap(clusters, seededStream(1, 0, 'b'));
    expect(a).toEqual(b);
    const point = clusters.reduce((s, c) => s + c.sumA, 0) / 80 - clusters.reduce((s, c) => s + c.sumB, 0) / 80;
    expect(a!.lo).toBeLessThan(point);
    expect(a!.hi).toBeGreaterThan(point);
    expect(clusterBootstrap(clusters.slice(0, 1), seededStream(1, 0, 'b'))).toBeNull();
  });
});
