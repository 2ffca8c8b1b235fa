import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ANNOTATION_MAX_CHARS, type Annotation } from '../../shared/aar/types.ts';
import { matchScenario } from '../match-scenario.ts';
import { StoreConflict, type MatchMeta, type MatchStore } from '../store/store.ts';
import { parseBody, sendError } from './errors.ts';
import type { HttpContext } from './context.ts';
import { facilitatorMatch } from './facilitator.ts';

const NewAnnotation = z
  .object({
    turn: z.int().min(0),
    text: z.string().trim().min(1, 'an annotation needs some text').max(ANNOTATION_MAX_CHARS, `an annotation is at most ${ANNOTATION_MAX_CHARS} characters`),
    author: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

/** The last turn of the match's scenario (uploaded or shipped), or null when it cannot be had. */
async function turnLimit(store: MatchStore, meta: MatchMeta): Promise<number | null> {
  const found = await matchScenario(store, meta);
  if (!found.ok) return null;
  const { entry, scenario } = found.value;
  return entry.ruleset.turnLimit(entry.ruleset.setup(scenario, meta.seed));
}

/**
 * Facilitator annotations pinned to a turn and saved with the match (the hot wash), for
 * its facilitator only (`Authorization: Bearer <token>`):
 *
 * - `GET /api/matches/:id/annotations` → `{ annotations: [...] }` by turn, then time;
 * - `POST /api/matches/:id/annotations` `{ turn, text, author? }` → 201 and the annotation
 *   (`turn` 0 = before the first turn, up to the scenario's last turn; `text` 1–1000 characters);
 * - `DELETE /api/matches/:id/annotations/:annotationId` → `{ deleted: id }`.
 *
 * Refusals are JSON `{ code, message }`: bad-request, turn-out-of-range, unknown-annotation.
 */
export function annotationRoutes(ctx: HttpContext): Router {
  const { store, now } = ctx;
  const r = Router();

  r.get('/:id/annotations', async (req: Request, res: Response) => {
    const meta = await facilitatorMatch(ctx, req, res);
    if (!meta) return;
    res.json({ annotations: await store.annotations(meta.id) });
  });

  r.post('/:id/annotations', async (req: Request, res: Response) => {
    const meta = await facilitatorMatch(ctx, req, res);
    if (!meta) return;
    const body = parseBody(NewAnnotation, req, res);
    if (!body) return;
    const last = await turnLimit(store, meta);
    if (last !== null && body.turn > last) return sendError(res, 400, 'turn-out-of-range', `This match has turns 1 to ${last} (0: before the first); there is no turn ${body.turn}.`);
    for (let attempt = 0; ; attempt++) {
      const annotation: Annotation = { id: `a-${randomBytes(6).toString('base64url')}`, turn: body.turn, text: body.text, at: now(), author: body.author ?? null };
      try {
        await store.addAnnotation(meta.id, annotation);
        return res.status(201).json(annotation);
      } catch (e) {
        if (!(e instanceof StoreConflict) || attempt >= 3) throw e;
      }
    }
  });

  r.delete('/:id/annotations/:annotationId', async (req: Request, res: Response) => {
    const meta = await facilitatorMatch(ctx, req, res);
    if (!meta) return;
    const id = String(req.params.annotationId);
    if (!(await store.deleteAnnotation(meta.id, id))) return sendError(res, 404, 'unknown-annotation', `This match has no annotation "${id.slice(0, 64)}".`);
    res.json({ deleted: id });
  });

  return r;
}
