import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { summaryOf } from '../../shared/scenarios/index.ts';
import { checkScenarioText, type FieldError } from '../../shared/scenarios/validate.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { createMatch } from '../match-factory.ts';
import type { OrganizerRecord } from '../store/store.ts';
import { createCap } from './caps.ts';
import { sendRejection, type HttpContext } from './context.ts';
import { sendError } from './errors.ts';
import { runDryRun } from './dry-run.ts';

/** Largest scenario file the server takes (the shipped grey-meridian is 24 KiB). */
export const MAX_SCENARIO_BYTES = 512 * 1024;
/** Bounds of a dry run: matches per run, and one run at a time per process. */
export const MAX_DRY_RUN_MATCHES = 400;

const MatchOptions = z
  .object({
    seed: z.int().min(0).max(2 ** 31 - 1).optional(),
    planningSeconds: z.int().min(1).max(7200).optional(),
    matches: z.int().min(1).max(MAX_DRY_RUN_MATCHES).optional(),
  })
  .strict();

/** The uploaded text, checked: a scenario, or its field errors answered as 422. */
function checked(req: Request, res: Response): { text: string; scenario: Scenario } | null {
  const text = typeof req.body === 'string' ? req.body : '';
  if (text.trim() === '') {
    sendError(res, 400, 'no-scenario', 'Send the scenario file as the request body (JSON).');
    return null;
  }
  const r = checkScenarioText(text);
  if (!r.ok) {
    res.status(422).json(badScenario(r.errors));
    return null;
  }
  return { text, scenario: r.value };
}

export function badScenario(errors: readonly FieldError[]): { code: string; message: string; errors: readonly FieldError[] } {
  return { code: 'bad-scenario', message: `The scenario has ${errors.length} error${errors.length === 1 ? '' : 's'}; each is listed with its field.`, errors };
}

/** Options come in the query string, so that the body stays the file's exact bytes. */
function options(req: Request, res: Response): z.infer<typeof MatchOptions> | null {
  const raw: Record<string, number> = {};
  for (const k of ['seed', 'planningSeconds', 'matches'] as const) {
    const v = req.query[k];
    if (typeof v === 'string' && v !== '') raw[k] = Number(v);
  }
  const r = MatchOptions.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  sendError(res, 400, 'bad-request', `Option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`);
  return null;
}

/**
 * Scenario files from the organizer (cyber-alliance), each route behind `authorize`:
 *
 * - `POST /api/scenarios` — body: the file (JSON text, ≤ 512 KiB). 200 `{ scenario, seats }`
 *   when valid; 422 `{ code: 'bad-scenario', message, errors: [{ path, message }] }` listing
 *   every error field by field; 413 `too-large`.
 * - `POST /api/scenarios/matches?seed=&planningSeconds=` — body: the file. Creates a match
 *   from it (answered like `POST /api/matches`); the file's exact text is stored with the
 *   match, so replay, branch and the AAR work on it.
 * - `POST /api/scenarios/dry-run?matches=N` (N ≤ 400) — body: the file. Plays N seeded bot
 *   matches on worker threads and streams Server-Sent Events: `progress` `{ done, total }`
 *   then `report` (shared/study/dry-run.ts) or `failed` `{ code, message }`. One dry run at
 *   a time per process (409 `busy`).
 *
 * Mounted before the API's 16 KB JSON parser, with a text parser of its own, so that a
 * file's bytes reach the store unchanged.
 */
export function scenarioRoutes(ctx: HttpContext, authorize: RequestHandler): Router {
  const r = Router();
  const body = express.text({ type: () => true, limit: MAX_SCENARIO_BYTES });
  const tooLarge = (err: unknown, _req: Request, res: Response, next: (e?: unknown) => void) => {
    if ((err as { type?: unknown }).type === 'entity.too.large') return sendError(res, 413, 'too-large', `A scenario file may be at most ${MAX_SCENARIO_BYTES / 1024} KiB.`);
    next(err);
  };

  r.post('/', authorize, body, (req: Request, res: Response) => {
    const c = checked(req, res);
    if (!c) return;
    const s = c.scenario;
    res.json({ scenario: summaryOf(s), seats: [...s.allies.map((a) => ({ seat: a.id, name: a.name, bot: false })), { seat: s.adversary.id, name: s.adversary.name, bot: true }] });
  });

  r.post('/matches', authorize, body, async (req: Request, res: Response) => {
    const o = options(req, res);
    if (!o) return;
    const c = checked(req, res);
    if (!c) return;
    const organizer = res.locals.organizer as OrganizerRecord;
    const cap = await createCap(ctx, organizer.id);
    if (cap) return sendRejection(res, cap);
    const created = await createMatch(ctx.store, { ruleset: 'cyber-alliance', scenarioText: c.text, seed: o.seed, planningSeconds: o.planningSeconds, organizerId: organizer.id }, ctx.now());
    if (!created.ok) return sendError(res, 400, created.error.code, created.error.message);
    res.status(201).json(created.value);
  });

  let running = false;
  r.post('/dry-run', authorize, body, async (req: Request, res: Response) => {
    const o = options(req, res);
    if (!o) return;
    const c = checked(req, res);
    if (!c) return;
    if (running) return sendError(res, 409, 'busy', 'Another dry run is playing on this server; try again when it has finished.');
    running = true;
    try {
      await runDryRun(c.scenario, o.matches ?? 100, req, res, ctx.log);
    } finally {
      running = false;
    }
  });
  r.use(tooLarge);
  return r;
}
