import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import type { MatchMetrics } from '../../shared/study/metrics.ts';
import type { Job } from '../../shared/study/plan.ts';

export interface PoolResult {
  /** In job order. */
  readonly metrics: MatchMetrics[];
  /** Wall time of each match in ms, in job order (measured here, never inside shared/). */
  readonly ms: number[];
}

/**
 * Plays study jobs on worker threads — the machinery of `npm run study` and of the
 * server's dry run — and puts the results back in job order, so that what is computed
 * from them does not depend on the number of workers or the scheduling. `onProgress` is
 * called with the number of matches finished so far. `signal` stops every worker.
 */
export function playInWorkers(scenario: Scenario, jobs: readonly Job[], workers: number, onProgress?: (done: number) => void, signal?: AbortSignal): Promise<PoolResult> {
  const n = Math.max(1, Math.min(workers, jobs.length));
  const slices = Array.from({ length: n }, (_, w) => jobs.map((j, i) => ({ j, i })).filter(({ i }) => i % n === w));
  const metrics: MatchMetrics[] = new Array(jobs.length);
  const ms: number[] = new Array(jobs.length);
  const doneBy = new Array<number>(n).fill(0);
  const running: Worker[] = [];
  const stop = () => {
    for (const w of running) void w.terminate();
  };
  signal?.addEventListener('abort', stop, { once: true });
  return Promise.all(
    slices.map(
      (slice, w) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL('./study-worker.ts', import.meta.url), { workerData: { scenario, jobs: slice.map((x) => x.j) } });
          running.push(worker);
          let finished = false;
          worker.on('message', (m: { type: 'progress'; done: number } | { type: 'done'; metrics: MatchMetrics[]; ms: number[] }) => {
            if (m.type === 'progress') {
              doneBy[w] = m.done;
              onProgress?.(doneBy.reduce((a, b) => a + b, 0));
              return;
            }
            m.metrics.forEach((x, k) => {
              const at = slice[k]?.i ?? -1;
              metrics[at] = x;
              ms[at] = m.ms[k] ?? 0;
            });
            finished = true;
            resolve();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (!finished) reject(new Error(signal?.aborted ? 'the study was stopped' : `a study worker stopped with code ${code}`));
          });
        }),
    ),
  )
    .then(() => ({ metrics, ms }))
    .finally(() => {
      signal?.removeEventListener('abort', stop);
      stop();
    });
}
