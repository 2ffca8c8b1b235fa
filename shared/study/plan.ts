import type { Arm } from './arms.ts';

export interface Job {
  readonly arm: string;
  readonly seed: number;
}

/**
 * Splits `matches` among the arms in proportion to their weights (largest remainder; ties
 * to the earlier arm), and lists the matches interleaved by arm. Every arm plays seeds
 * 1, 2, 3…, so that arms are compared on common random numbers.
 */
export function allocate(arms: readonly Arm[], matches: number): { arm: string; count: number }[] {
  const total = arms.reduce((s, a) => s + a.weight, 0);
  const exact = arms.map((a) => (matches * a.weight) / total);
  const counts = exact.map((x) => Math.floor(x));
  let left = matches - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return arms.map((a, i) => ({ arm: a.id, count: counts[i] ?? 0 }));
}

export function jobsOf(arms: readonly Arm[], matches: number): Job[] {
  const counts = allocate(arms, matches);
  const jobs: Job[] = [];
  const most = Math.max(0, ...counts.map((c) => c.count));
  for (let i = 0; i < most; i++) for (const c of counts) if (i < c.count) jobs.push({ arm: c.arm, seed: i + 1 });
  return jobs;
}
