import { monitor } from '@colyseus/monitor';
import type { Application, NextFunction, Request, Response } from 'express';
import { OWNER_ID } from '../auth/organizers.ts';
import { credentialHeaders, sendRejection, type HttpContext } from './context.ts';

/**
 * Only the owner organizer (the one the server made at first start) goes on: by its key
 * (`Authorization: Bearer <key>`) or its session cookie — sign in on /new, then open /monitor.
 * Others get 401/403 as JSON.
 */
function requireOwner(ctx: HttpContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const r = await ctx.organizers.fromHeaders(credentialHeaders(req));
    if (r === null) return sendRejection(res, { code: 'not-signed-in', message: 'The monitor is for the server’s owner: sign in on /new with the owner’s organizer key, then open /monitor again.' });
    if (!r.ok) return sendRejection(res, r.error);
    if (r.value.id !== OWNER_ID) return sendRejection(res, { code: 'not-owner', message: 'The monitor is for the server’s owner organizer only.' });
    next();
  };
}

/**
 * The Colyseus monitor at /monitor (rooms, clients, and a way to call room methods) behind
 * the owner organizer's credential, checked by our middleware before the monitor sees the
 * request. Never mounted open.
 */
export function mountMonitor(app: Application, ctx: HttpContext): void {
  app.use('/monitor', requireOwner(ctx), monitor());
}
