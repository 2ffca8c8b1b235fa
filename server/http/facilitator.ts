import type { Request, Response } from 'express';
import { tokenMatches } from '../store/index.ts';
import type { MatchMeta, MatchStore } from '../store/store.ts';
import { sendError } from './errors.ts';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(req: Request): string | null {
  const h = req.get('authorization');
  const m = h ? /^Bearer\s+(\S{1,200})$/i.exec(h.trim()) : null;
  return m ? (m[1] as string) : null;
}

/**
 * The match `req.params.id` when the request carries its facilitator token; otherwise answers
 * 401 (no token), 404 (no such match) or 403 (wrong token), as the record export does, and
 * returns null.
 */
export async function facilitatorMatch(store: MatchStore, req: Request, res: Response): Promise<MatchMeta | null> {
  const token = bearerToken(req);
  if (!token) {
    sendError(res, 401, 'no-token', 'Send the facilitator token as "Authorization: Bearer <token>".');
    return null;
  }
  const id = String(req.params.id);
  const meta = await store.getMatch(id);
  if (!meta) {
    sendError(res, 404, 'unknown-match', `There is no match "${id.slice(0, 64)}".`);
    return null;
  }
  if (!tokenMatches(token, meta.facilitatorTokenHash)) {
    sendError(res, 403, 'wrong-token', 'That token does not open this match.');
    return null;
  }
  return meta;
}
