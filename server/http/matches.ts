import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { CLASS_SEAT } from '../../shared/protocol/classroom.ts';
import { createMatch } from '../match-factory.ts';
import { matchRecord, matchScenario } from '../match-scenario.ts';
import { bindingFor } from '../rooms/bindings.ts';
import { formatJoinCode } from '../store/index.ts';
import type { MatchCursor, OrganizerRecord } from '../store/store.ts';
import { createCap } from './caps.ts';
import { sendRejection, type HttpContext } from './context.ts';
import { parseBody, sendError } from './errors.ts';
import { facilitatorMatch, requireOrganizer } from './facilitator.ts';

const CreateMatchBody = z
  .object({
    ruleset: z.string().min(1).max(80).default('cyber-alliance'),
    scenario: z.string().min(1).max(80),
    seed: z.int().min(0).max(2 ** 31 - 1).optional(),
    planningSeconds: z.int().min(1).max(7200).optional(),
  })
  .strict();

/** Rows per page of the match list, unless `limit` asks for fewer (at most MAX_PAGE). */
const PAGE = 50;
const MAX_PAGE = 200;

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(PAGE),
  after: z.string().regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, 'a cursor from a previous page (its "next")').optional(),
});

const cursorText = (c: MatchCursor): string => `${c.createdAt}.${c.id}`;
function cursorOf(text: string | undefined): MatchCursor | undefined {
  if (!text) return undefined;
  const dot = text.indexOf('.');
  return { createdAt: Number(text.slice(0, dot)), id: text.slice(dot + 1) };
}

/**
 * The match routes: create and list (the organizer), and per match its record, codes, AAR and
 * annotations (its facilitator token or its organizer).
 */
export function matchRoutes(ctx: HttpContext): Router {
  const r = Router();
  const organizerOnly = requireOrganizer(ctx);

  r.post('/', organizerOnly, async (req: Request, res: Response) => {
    const organizer = res.locals.organizer as OrganizerRecord;
    const body = parseBody(CreateMatchBody, req, res);
    if (!body) return;
    if (!bindingFor(body.ruleset)) return sendError(res, 400, 'unknown-ruleset', `This server cannot host the ruleset "${body.ruleset}".`);
    const cap = await createCap(ctx, organizer.id);
    if (cap) return sendRejection(res, cap);
    const created = await createMatch(ctx.store, { ...body, organizerId: organizer.id }, ctx.now());
    if (!created.ok) return sendError(res, 400, created.error.code, created.error.message);
    res.status(201).json(created.value);
  });

  r.get('/', organizerOnly, async (req: Request, res: Response) => {
    const organizer = res.locals.organizer as OrganizerRecord;
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return sendError(res, 400, 'bad-request', `Query ${q.error.issues[0]?.path.join('.') || ''}: ${q.error.issues[0]?.message ?? 'invalid'}.`);
    const rows = await ctx.store.listMatchesOf(organizer.id, { limit: q.data.limit + 1, after: cursorOf(q.data.after) });
    const matches = rows.slice(0, q.data.limit);
    const last = matches.at(-1);
    res.json({ matches, next: rows.length > q.data.limit && last ? cursorText(last) : null });
  });

  r.get('/:id/record', async (req: Request, res: Response) => {
    const meta = await facilitatorMatch(ctx, req, res);
    if (!meta) return;
    const found = await matchScenario(ctx.store, meta);
    // A shipped scenario this build no longer has still exports: the record names it by id.
    const key = found.ok ? found.value.key : { id: meta.scenarioId, version: meta.scenarioVersion };
    res.json(await matchRecord(ctx.store, meta, key));
  });

  /** The join codes of a match, to read out again in class (codes are stored as issued; the facilitator's token is not). */
  r.get('/:id/codes', async (req: Request, res: Response) => {
    const meta = await facilitatorMatch(ctx, req, res);
    if (!meta) return;
    res.json({
      matchId: meta.id,
      seats: meta.codes.filter((c) => c.seat !== null && c.seat !== CLASS_SEAT).map((c) => ({ seat: c.seat, code: formatJoinCode(c.code) })),
      observerCode: ((c) => (c ? formatJoinCode(c.code) : null))(meta.codes.find((c) => c.seat === null)),
      // Matches created before class links have none.
      classCode: ((c) => (c ? formatJoinCode(c.code) : null))(meta.codes.find((c) => c.seat === CLASS_SEAT)),
    });
  });

  return r;
}
