import type { Request, Response } from 'express';
import { cpus } from 'node:os';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { dryRunReport } from '../../shared/study/dry-run.ts';
import { planStudy } from '../../shared/study/study.ts';
import { playInWorkers } from '../../scripts/lib/study-pool.ts';

/**
 * Plays a dry run on worker threads (the study's pool) and streams it as Server-Sent
 * Events on the response: `progress` after each match (at most every 100 ms), then
 * `report`, or `failed`. A client that goes away stops the workers.
 */
export async function runDryRun(scenario: Scenario, matches: number, req: Request, res: Response, log: (line: string) => void): Promise<void> {
  res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const abort = new AbortController();
  const stop = () => abort.abort();
  res.on('close', stop);
  const started = performance.now();
  try {
    const plan = planStudy(scenario, matches);
    const total = plan.jobs.length;
    let last = 0;
    send('progress', { done: 0, total });
    const workers = Math.max(1, Math.min(2, cpus().length));
    const { metrics, ms } = await playInWorkers(scenario, plan.jobs, workers, (done) => {
      const t = performance.now();
      if (done < total && t - last < 100) return;
      last = t;
      send('progress', { done, total });
    }, abort.signal);
    send('report', { ...dryRunReport(plan, metrics, ms), wallMs: Math.round(performance.now() - started) });
  } catch (e) {
    if (!abort.signal.aborted) {
      log(`[dry-run] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      send('failed', { code: 'dry-run-failed', message: 'The dry run stopped before the end: nothing was saved. Try again; if it stops again, check the scenario against a shipped one.' });
    }
  } finally {
    res.off('close', stop);
    res.end();
  }
}
