import { Router, type Request, type Response } from 'express';
import { rulesetIds, rulesets } from '../../shared/rulesets.ts';
import { bindingFor } from '../rooms/bindings.ts';
import type { MatchStore } from '../store/store.ts';

/** The listing fields a scenario may carry (the cyber-alliance scenarios carry them all). */
interface ScenarioText {
  readonly title?: unknown;
  readonly summary?: unknown;
  readonly minutes?: unknown;
}

/**
 * `GET /health` (ok, store kind, uptime) and `GET /api/scenarios` (every scenario of every
 * ruleset this server can host, with its seats) — docs/design.md §8 routes.
 */
export function infoRoutes(store: MatchStore, startedAt: number, now: () => number): Router {
  const r = Router();
  r.get('/health', (_req: Request, res: Response) => {
    res.json({ ok: true, store: store.kind, uptimeSeconds: Math.round((now() - startedAt) / 1000) });
  });
  let listing: unknown[] | null = null;
  r.get('/api/scenarios', (_req: Request, res: Response) => {
    listing ??= scenarioListing();
    res.json({ scenarios: listing });
  });
  return r;
}

/** Every hostable scenario with its seats; the shipped scenarios never change, so this is built once. */
function scenarioListing(): unknown[] {
  return rulesetIds
      .filter((id) => bindingFor(id))
      .flatMap((id) => {
        const { ruleset, scenarios } = rulesets[id];
        return (scenarios as readonly unknown[]).map((sc) => {
          const key = ruleset.scenarioKey(sc as never);
          const state = ruleset.setup(sc as never, 0);
          const text = sc as ScenarioText;
          return {
            ruleset: id,
            id: key.id,
            version: key.version,
            title: typeof text.title === 'string' ? text.title : key.id,
            summary: typeof text.summary === 'string' ? text.summary : '',
            minutes: typeof text.minutes === 'number' ? text.minutes : null,
            turns: ruleset.turnLimit(state as never),
            planningSeconds: ruleset.planningSeconds(state as never),
            seats: ruleset.seats(state as never).map((s) => ({ seat: s.id, name: s.name, bot: s.botByDefault })),
          };
        });
      });
}
