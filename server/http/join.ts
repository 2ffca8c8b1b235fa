import { Router, type Request, type Response } from 'express';
import { findRuleset } from '../../shared/rulesets.ts';
import { JoinCheckSchema, type JoinCheck } from '../../shared/protocol/classroom.ts';
import { authenticate } from '../auth/authenticate.ts';
import { credentialHeaders, type HttpContext } from './context.ts';

/**
 * `POST /api/join/check` (issue 14, shared/protocol/classroom.ts): what a join code — alone,
 * as a link `/j/<code>` carries it — or a match id with a code or the facilitator token would
 * open, checked by the same `authenticate` the room uses (server/auth: one path for every
 * code check, through the attempt throttle). Always answered 200 with `{ ok }`, so the browser's console shows nothing for a
 * mistyped code (a refused WebSocket matchmaking call is logged as a failed request);
 * malformed bodies are 400 like any route.
 */
export function joinRoutes(ctx: HttpContext): Router {
  const { store } = ctx;
  const r = Router();
  r.post('/check', async (req: Request, res: Response) => {
    const body = JoinCheckSchema.safeParse(req.body ?? {});
    if (!body.success) return void res.status(400).json({ code: 'bad-request', message: 'Send { code } or { matchId, code | facilitatorToken }.' });
    const who = await authenticate(ctx, { ...body.data, name: 'check' }, credentialHeaders(req));
    if (!who.ok) return void res.json({ ok: false, code: who.error.code, message: who.error.message } satisfies JoinCheck);
    const { matchId, role, seat } = who.value;
    const meta = await store.getMatch(matchId);
    res.json({ ok: true, matchId, role, seat, seatName: seat ? seatName(meta?.ruleset ?? '', meta?.scenarioId ?? '', seat) : null, scenario: meta?.scenarioId ?? '' } satisfies JoinCheck);
  });
  return r;
}

const names = new Map<string, ReadonlyMap<string, string>>();

/** A seat's display name from its scenario (set up once per scenario). */
function seatName(rulesetId: string, scenarioId: string, seat: string): string {
  const key = `${rulesetId}/${scenarioId}`;
  let byId = names.get(key);
  if (!byId) {
    const entry = findRuleset(rulesetId);
    const scenario = entry?.findScenario(scenarioId);
    byId = new Map(entry && scenario ? entry.ruleset.seats(entry.ruleset.setup(scenario as never, 0)).map((s) => [s.id as string, s.name]) : []);
    names.set(key, byId);
  }
  return byId.get(seat) ?? seat;
}
