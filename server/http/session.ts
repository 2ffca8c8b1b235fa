import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Rejection } from '../../shared/engine/result.ts';
import { infoOf } from '../auth/organizers.ts';
import { retryAfterOf } from '../auth/throttle.ts';
import { isHttps } from './address.ts';
import { credentialHeaders, sendRejection, type HttpContext } from './context.ts';
import { parseBody } from './errors.ts';

const SignInBody = z.object({ key: z.string().trim().min(1).max(200) }).strict();

/** A plain page for the sign-in link's answer (a browser navigation, not an API call): no script, no inline style. */
function page(title: string, text: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="/new">Sign in on the new-match page</a></p></body></html>`;
}

/**
 * The organizer's browser session (README "Security"):
 *
 * - `POST /api/session` `{ key }` → `{ organizer: { id, name } }` and the session cookie
 *   (HttpOnly, SameSite=Strict, Secure when the request came over TLS);
 * - `GET /api/session` → who is signed in (`{ organizer: null }` when nobody is);
 * - `DELETE /api/session` → signs out;
 * - `GET /signin?once=<token>` → the one-time link the server prints at start: signs in and
 *   goes to `/new`; a used or expired link says so.
 *
 * Keys and links are checked through the attempt throttle (per address).
 */
export function sessionRoutes(ctx: HttpContext): Router {
  const r = Router();

  r.post('/api/session', async (req: Request, res: Response) => {
    const body = parseBody(SignInBody, req, res);
    if (!body) return;
    const o = await ctx.organizers.byKey(body.key, credentialHeaders(req).address);
    if (!o.ok) return sendRejection(res, o.error);
    res.set('Set-Cookie', ctx.organizers.sessionCookie(o.value, isHttps(req)));
    res.set('Cache-Control', 'no-store');
    res.json({ organizer: infoOf(o.value) });
  });

  r.get('/api/session', async (req: Request, res: Response) => {
    const o = await ctx.organizers.fromHeaders(credentialHeaders(req));
    if (o && !o.ok) return sendRejection(res, o.error);
    res.set('Cache-Control', 'no-store');
    res.json({ organizer: o ? infoOf(o.value) : null });
  });

  r.delete('/api/session', (req: Request, res: Response) => {
    res.set('Set-Cookie', ctx.organizers.clearCookie(isHttps(req)));
    res.json({ organizer: null });
  });

  r.get('/signin', async (req: Request, res: Response) => {
    const token = typeof req.query.once === 'string' ? req.query.once : '';
    const o = await ctx.organizers.takeSignIn(token, credentialHeaders(req).address);
    res.set('Cache-Control', 'no-store');
    if (!o.ok) return refusedPage(res, o.error);
    res.set('Set-Cookie', ctx.organizers.sessionCookie(o.value, isHttps(req)));
    res.redirect(303, '/new');
  });

  return r;
}

function refusedPage(res: Response, error: Rejection): void {
  const wait = retryAfterOf(error);
  if (wait !== undefined) res.set('Retry-After', String(wait));
  res.status(wait !== undefined ? 429 : 400).type('html').send(page('Cannot sign in', error.message));
}
