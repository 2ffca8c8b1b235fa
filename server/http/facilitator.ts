import type { NextFunction, Request, Response } from 'express';
import { ok, reject } from '../../shared/engine/result.ts';
import { bearerOf, ORGANIZER_KEY_PREFIX, owns } from '../auth/organizers.ts';
import { tokenMatches } from '../store/index.ts';
import type { MatchMeta, OrganizerRecord } from '../store/store.ts';
import { credentialHeaders, sendRejection, type HttpContext } from './context.ts';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(req: Request): string | null {
  return bearerOf(req.get('authorization'));
}

const NOT_SIGNED_IN = 'Sign in as an organizer first: send "Authorization: Bearer <organizer key>", or sign in on /new.';

/**
 * The organizer a request speaks for (key or session cookie), or null after answering 401
 * (no credential), 403 (wrong key) or 429 (throttled).
 */
export async function organizerOf(ctx: HttpContext, req: Request, res: Response): Promise<OrganizerRecord | null> {
  const r = await ctx.organizers.fromHeaders(credentialHeaders(req));
  if (r === null) {
    sendRejection(res, { code: 'not-signed-in', message: NOT_SIGNED_IN });
    return null;
  }
  if (!r.ok) {
    sendRejection(res, r.error);
    return null;
  }
  return r.value;
}

/** Express middleware: only an organizer goes on (as `res.locals.organizer`). */
export function requireOrganizer(ctx: HttpContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const o = await organizerOf(ctx, req, res);
    if (!o) return;
    res.locals.organizer = o;
    next();
  };
}

/**
 * The match `req.params.id` when the request may act as its facilitator: it carries the match's
 * facilitator token (`Authorization: Bearer <token>`), or it speaks for the organizer who
 * created the match (organizer key, or the session cookie of this server's pages: organizer
 * re-entry). Otherwise answers 401 (no credential), 404 (no such match), 403 (wrong token, or
 * another organizer's match) or 429 (too many wrong tokens), and returns null. Every token
 * check goes through the attempt throttle, per address and per match.
 */
export async function facilitatorMatch(ctx: HttpContext, req: Request, res: Response): Promise<MatchMeta | null> {
  const id = String(req.params.id);
  const shown = id.slice(0, 64);
  const token = bearerToken(req);
  if (token === null || token.startsWith(ORGANIZER_KEY_PREFIX)) {
    const organizer = await ctx.organizers.fromHeaders(credentialHeaders(req));
    if (organizer && !organizer.ok) {
      sendRejection(res, organizer.error);
      return null;
    }
    if (organizer?.ok) {
      const meta = await ctx.store.getMatch(id);
      if (!meta) sendRejection(res, { code: 'unknown-match', message: `There is no match "${shown}".` });
      else if (!owns(organizer.value, meta)) sendRejection(res, { code: 'not-your-match', message: 'This match belongs to another organizer: open it with its facilitator token.' });
      else return meta;
      return null;
    }
    if (token === null) {
      sendRejection(res, { code: 'no-token', message: 'Send the facilitator token as "Authorization: Bearer <token>", or sign in as the organizer of this match.' });
      return null;
    }
  }
  const r = await ctx.throttle.attempt({ address: credentialHeaders(req).address, matchId: id }, async () => {
    const meta = await ctx.store.getMatch(id);
    if (!meta) return reject('unknown-match', `There is no match "${shown}".`);
    return tokenMatches(token, meta.facilitatorTokenHash) ? ok(meta) : reject('wrong-token', 'That token does not open this match.');
  });
  if (r.ok) return r.value;
  sendRejection(res, r.error);
  return null;
}
