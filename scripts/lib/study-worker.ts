/**
 * A worker thread of `npm run study`: plays the jobs it is given and posts their metrics
 * back in the order it received them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { Job } from '../../shared/study/plan.ts';
import { playJobs } from '../../shared/study/study.ts';

const { scenario: id, jobs } = workerData as { scenario: string; jobs: Job[] };
const scenario = findScenario(id);
if (!scenario) throw new Error(`unknown scenario "${id}"`);
parentPort?.postMessage(playJobs(scenario, jobs));
