import { Router, type Request, type Response } from 'express';
import { buildAar } from '../../shared/aar/build.ts';
import { AAR_FORMATS, isAarFormat, renderAar } from '../../shared/aar/render.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { matchRecord, matchScenario } from '../match-scenario.ts';
import { sendError } from './errors.ts';
import type { HttpContext } from './context.ts';
import { facilitatorMatch } from './facilitator.ts';

/** The HTML report runs no script and loads nothing: a policy that says so, should it ever try. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * `GET /api/matches/:id/aar?format=html|md|csv|json` — the after-action report of a match
 * (shared/aar/), from its log as the archive holds it now (a running match gives the report so
 * far) and its facilitator annotations, for its facilitator only (`Authorization: Bearer
 * <token>`, or its organizer: see facilitatorMatch). html (default), md and csv come as downloads (`Content-Disposition: attachment`);
 * json is the report's data. Refusals: bad-format, no-aar (a ruleset without reports),
 * unknown-scenario.
 */
export function aarRoutes(ctx: HttpContext): Router {
  const { store } = ctx;
  const r = Router();
  r.get('/:id/aar', async (req: Request, res: Response) => {
    const meta = await facilitatorMatch(ctx, req, res);
    if (!meta) return;
    const format = typeof req.query.format === 'string' ? req.query.format : req.query.format === undefined ? 'html' : '';
    if (!isAarFormat(format)) return sendError(res, 400, 'bad-format', `format must be one of ${AAR_FORMATS.join(', ')}.`);
    const found = await matchScenario(store, meta);
    if (!found.ok) return sendError(res, 400, found.error.code, found.error.message);
    const { entry, scenario, key } = found.value;
    const record = await matchRecord(store, meta, key);
    const aar = buildAar(entry.ruleset, scenario as Scenario, record, await store.annotations(meta.id));
    if (!aar.ok) return sendError(res, 400, aar.error.code === 'wrong-ruleset' ? 'no-aar' : aar.error.code, aar.error.message);
    const out = renderAar(aar.value, format);
    res.set('Content-Type', out.contentType);
    res.set('Cache-Control', 'no-store');
    if (format !== 'json') res.set('Content-Disposition', `attachment; filename="aar-${meta.id.replace(/[^A-Za-z0-9_-]/g, '')}.${out.extension}"`);
    if (format === 'html') res.set('Content-Security-Policy', HTML_POLICY);
    res.send(out.body);
  });
  return r;
}
