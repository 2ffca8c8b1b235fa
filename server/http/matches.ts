import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { CLASS_SEAT } from '../../shared/protocol/classroom.ts';
import { createMatch } from '../match-factory.ts';
import { matchRecord, matchScenario } from '../match-scenario.ts';
import { bindingFor } from '../rooms/bindings.ts';
import { tokenMatches } from '../store/index.ts';
import type { MatchStore } from '../store/store.ts';
import { parseBody, sendError } from './errors.ts';

const CreateMatchBody = z
  .object({
    ruleset: z.string().min(1).max(80).default('cyber-alliance'),
    scenario: z.string().min(1).max(80),
    seed: z.int().min(0).max(2 ** 31 - 1).optional(),
    planningSeconds: z.int().min(1).max(7200).optional(),
  })
  .strict();

function bearer(req: Request): string | null {
  const h = req.get('authorization');
  const m = h ? /^Bearer\s+(\S{1,200})$/i.exec(h.trim()) : null;
  return m ? (m[1] as string) : null;
}

/**
 * Match routes (docs/design.md §8 "express routes (health, match list, record export)"):
 * create a match, list matches, and export a match record — the file `npm run replay`
 * reads — to its facilitator only.
 */
export function matchRoutes(store: MatchStore, now: () => number): Router {
  const r = Router();

  r.post('/', async (req: Request, res: Response) => {
    const body = parseBody(CreateMatchBody, req, res);
    if (!body) return;
    if (!bindingFor(body.ruleset)) return sendError(res, 400, 'unknown-ruleset', `This server cannot host the ruleset "${body.ruleset}".`);
    const created = await createMatch(store, body, now());
    if (!created.ok) return sendError(res, 400, created.error.code, created.error.message);
    res.status(201).json(created.value);
  });

  r.get('/', async (_req: Request, res: Response) => {
    const list = await store.listMatches();
    res.json({ matches: list });
  });

  r.get('/:id/record', async (req: Request, res: Response) => {
    const token = bearer(req);
    if (!token) return sendError(res, 401, 'no-token', 'Send the facilitator token as "Authorization: Bearer <token>".');
    const meta = await store.getMatch(String(req.params.id));
    if (!meta) return sendError(res, 404, 'unknown-match', `There is no match "${String(req.params.id).slice(0, 64)}".`);
    if (!tokenMatches(token, meta.facilitatorTokenHash)) return sendError(res, 403, 'wrong-token', 'That token does not open this match.');
    const found = await matchScenario(store, meta);
    // A shipped scenario this build no longer has still exports: the record names it by id.
    const key = found.ok ? found.value.key : { id: meta.scenarioId, version: meta.scenarioVersion };
    res.json(await matchRecord(store, meta, key));
  });

  /** The join codes of a match, to read out again in class (codes are stored as issued; the facilitator's token is not). */
  r.get('/:id/codes', async (req: Request, res: Response) => {
    const token = bearer(req);
    if (!token) return sendError(res, 401, 'no-token', 'Send the facilitator token as "Authorization: Bearer <token>".');
    const meta = await store.getMatch(String(req.params.id));
    if (!meta) return sendError(res, 404, 'unknown-match', `There is no match "${String(req.params.id).slice(0, 64)}".`);
    if (!tokenMatches(token, meta.facilitatorTokenHash)) return sendError(res, 403, 'wrong-token', 'That token does not open this match.');
    res.json({
      matchId: meta.id,
      seats: meta.codes.filter((c) => c.seat !== null && c.seat !== CLASS_SEAT).map((c) => ({ seat: c.seat, code: c.code })),
      observerCode: meta.codes.find((c) => c.seat === null)?.code ?? null,
      // Matches created before class links have none.
      classCode: meta.codes.find((c) => c.seat === CLASS_SEAT)?.code ?? null,
    });
  });

  return r;
}
