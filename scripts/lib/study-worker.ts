/**
 * A worker thread of the study pool (study-pool.ts): plays the jobs it is given on the
 * scenario it is given, posting a progress message after each match and then every
 * match's metrics in the order it received the jobs, with the wall time each took.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Job } from '../../shared/study/plan.ts';
import { playJobs } from '../../shared/study/study.ts';
import { validateScenario } from '../../shared/scenarios/validate.ts';

const { scenario: data, jobs } = workerData as { scenario: unknown; jobs: Job[] };
const checked = validateScenario(data);
if (!checked.ok) throw new Error(`the study worker got an invalid scenario: ${checked.errors[0]?.path}: ${checked.errors[0]?.message}`);
const scenario = checked.value;
const metrics = [];
const ms: number[] = [];
for (const job of jobs) {
  const started = performance.now();
  metrics.push(...playJobs(scenario, [job]));
  ms.push(performance.now() - started);
  parentPort?.postMessage({ type: 'progress', done: metrics.length });
}
parentPort?.postMessage({ type: 'done', metrics, ms });
