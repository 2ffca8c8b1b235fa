import { findScenario } from '/work/wt-15/shared/scenarios/index.ts';
import { planStudy } from '/work/wt-15/shared/study/study.ts';
import { dryRunReport } from '/work/wt-15/shared/study/dry-run.ts';
import { playInWorkers } from '/work/wt-15/scripts/lib/study-pool.ts';
for (const id of ['baltic-shield', 'baltic-shield', 'grey-meridian']) {
  const s = findScenario(id)!;
  const t = performance.now();
  const plan = planStudy(s, 200);
  let ticks = 0;
  const { metrics, ms } = await playInWorkers(s, plan.jobs, 2, () => ticks++);
  const r = dryRunReport(plan, metrics, ms);
  console.log(id, ((performance.now() - t) / 1000).toFixed(1), 's', 'progress events', ticks, 'turn ms', r.turnMs.mean.toFixed(1), 'warnings', r.warnings.length);
}
