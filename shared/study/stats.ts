import type { Rng } from '../engine/rng.ts';

/**
 * Small, well-known statistics for the study, written out so that the report can say
 * exactly how each number was computed: Welch's t-test, the two-proportion z-test, Wilson
 * and Newcombe intervals, Fisher's exact test, and a bootstrap that resamples matches.
 * Pure: randomness only through a seeded `Rng`.
 */

export interface Summary {
  readonly n: number;
  readonly mean: number;
  /** Sample variance (n − 1); 0 when n < 2. */
  readonly variance: number;
}

export function summarize(xs: readonly number[]): Summary {
  const n = xs.length;
  if (n === 0) return { n: 0, mean: NaN, variance: 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/** ln Γ(x), Lanczos approximation (g = 7, 9 terms): about 15 significant digits for x > 0. */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function studentCdf(t: number, df: number): number {
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T ≤ t) = p, by bisection on the CDF (to 1e-12). */
export function studentQuantile(p: number, df: number): number {
  let lo = -1e4;
  let hi = 1e4;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Φ(z), the standard normal CDF, through the complementary error function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The regularized upper incomplete gamma function Q(a, x) (series or Lentz continued fraction). */
export function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - front * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return front * h;
}

/** erfc(x) = Q(½, x²) for x ≥ 0, and 2 − erfc(−x) below. */
export function erfc(x: number): number {
  const r = upperGamma(0.5, x * x);
  return x >= 0 ? r : 2 - r;
}

/** The z with Φ(z) = p (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

export const Z95 = normalQuantile(0.975);

/** A comparison of A with B: difference A − B, its 95% interval and a two-sided p-value. */
export interface Comparison {
  readonly test: string;
  readonly a: number;
  readonly b: number;
  readonly nA: number;
  readonly nB: number;
  readonly diff: number;
  readonly lo: number;
  readonly hi: number;
  readonly p: number;
}

/**
 * Welch's unequal-variance t-test of mean(A) − mean(B), with the Welch–Satterthwaite degrees
 * of freedom and a t-based 95% interval. Both variances 0: the difference is exact (p 0 if
 * it is not 0, 1 if it is). Needs n ≥ 2 in each group for a p-value (else p = 1).
 */
export function welch(a: Summary, b: Summary): Comparison {
  const diff = a.mean - b.mean;
  const base = { test: 'Welch t-test', a: a.mean, b: b.mean, nA: a.n, nB: b.n, diff };
  if (a.n < 2 || b.n < 2) return { ...base, lo: -Infinity, hi: Infinity, p: 1 };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { ...base, lo: diff, hi: diff, p: diff === 0 ? 1 : 0 };
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = diff / se;
  const q = studentQuantile(0.975, df);
  return { ...base, lo: diff - q * se, hi: diff + q * se, p: 2 * (1 - studentCdf(Math.abs(t), df)) };
}

/** Wilson score 95% interval for x successes in n trials. */
export function wilson(x: number, n: number, z = Z95): { lo: number; hi: number } {
  if (n === 0) return { lo: 0, hi: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // At 0 or n the bound is exactly 0 or 1 (the formula gives it up to rounding).
  return { lo: x === 0 ? 0 : Math.max(0, centre - half), hi: x === n ? 1 : Math.min(1, centre + half) };
}

/** log of n choose k. */
function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Fisher's exact test, two-sided (the sum of the probabilities of every table with the
 * same margins that is no more likely than the one observed), for x1/n1 against x2/n2.
 */
export function fisherExact(x1: number, n1: number, x2: number, n2: number): number {
  const k = x1 + x2;
  const n = n1 + n2;
  const lo = Math.max(0, k - n2);
  const hi = Math.min(k, n1);
  const logP = (x: number) => logChoose(n1, x) + logChoose(n2, k - x) - logChoose(n, k);
  const observed = logP(x1);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/**
 * Two proportions x1/n1 − x2/n2: Newcombe's hybrid score interval (built from the two
 * Wilson intervals, sound at 0 and 1) and a two-sided p-value from the pooled z-test —
 * or from Fisher's exact test when an expected cell count is below 5.
 */
export function twoProportions(x1: number, n1: number, x2: number, n2: number): Comparison {
  const p1 = n1 > 0 ? x1 / n1 : NaN;
  const p2 = n2 > 0 ? x2 / n2 : NaN;
  const diff = p1 - p2;
  const w1 = wilson(x1, n1);
  const w2 = wilson(x2, n2);
  const lo = diff - Math.sqrt((p1 - w1.lo) ** 2 + (w2.hi - p2) ** 2);
  const hi = diff + Math.sqrt((w1.hi - p1) ** 2 + (p2 - w2.lo) ** 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)];
  const exact = expected.some((e) => e < 5);
  let p: number;
  if (n1 === 0 || n2 === 0) p = 1;
  else if (exact) p = fisherExact(x1, n1, x2, n2);
  else {
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    p = se === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(diff / se)));
  }
  return { test: exact ? 'two proportions, Fisher exact' : 'two-proportion z-test', a: p1, b: p2, nA: n1, nB: n2, diff, lo, hi, p };
}

/** A ratio estimate in one resampling unit (a match): a sum of values over a count, for each of two groups. */
export interface ClusterTotals {
  readonly sumA: number;
  readonly nA: number;
  readonly sumB: number;
  readonly nB: number;
}

/**
 * Percentile bootstrap 95% interval of mean(A) − mean(B) when observations come in
 * clusters (uses within one match are not independent): resamples whole clusters with
 * replacement, `rounds` times, with a seeded rng. Resamples where a group is empty are
 * skipped; null when fewer than half of them are usable.
 */
export function clusterBootstrap(clusters: readonly ClusterTotals[], rng: Rng, rounds = 1000): { lo: number; hi: number } | null {
  const k = clusters.length;
  if (k < 2) return null;
  const diffs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let sa = 0;
    let na = 0;
    let sb = 0;
    let nb = 0;
    for (let i = 0; i < k; i++) {
      const c = clusters[rng.int(0, k - 1)] as ClusterTotals;
      sa += c.sumA;
      na += c.nA;
      sb += c.sumB;
      nb += c.nB;
    }
    if (na > 0 && nb > 0) diffs.push(sa / na - sb / nb);
  }
  if (diffs.length < rounds / 2) return null;
  diffs.sort((x, y) => x - y);
  const at = (q: number) => diffs[Math.min(diffs.length - 1, Math.max(0, Math.floor(q * diffs.length)))] as number;
  return { lo: at(0.025), hi: at(0.975) };
}
