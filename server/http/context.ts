import type { Request, Response } from 'express';
import type { Rejection } from '../../shared/engine/result.ts';
import type { CredentialHeaders, Organizers } from '../auth/organizers.ts';
import { retryAfterOf, type AttemptThrottle } from '../auth/throttle.ts';
import type { ServerLimits } from '../rooms/limits.ts';
import type { MatchStore } from '../store/store.ts';
import { addressOf } from './address.ts';
import { sendError } from './errors.ts';

/** What the HTTP routes share: the archive, the attempt throttle, the organizers and the caps. */
export interface HttpContext {
  readonly store: MatchStore;
  readonly throttle: AttemptThrottle;
  readonly organizers: Organizers;
  readonly limits: ServerLimits;
  readonly now: () => number;
  readonly log: (line: string) => void;
}

/** The credential-bearing headers of an Express request, with its client address. */
export function credentialHeaders(req: Request): CredentialHeaders {
  return {
    address: addressOf(req),
    authorization: req.get('authorization'),
    cookie: req.get('cookie'),
    origin: req.get('origin'),
    host: req.get('host'),
    secFetchSite: req.get('sec-fetch-site'),
  };
}

const STATUS: Readonly<Record<string, number>> = {
  'no-token': 401,
  'not-signed-in': 401,
  'wrong-token': 403,
  'wrong-key': 403,
  'not-your-match': 403,
  'not-owner': 403,
  'unknown-match': 404,
  'too-many-attempts': 429,
  'too-many-matches': 429,
  'archive-full': 507,
};

/**
 * Answers a typed refusal with its HTTP status; a throttled attempt also gets `Retry-After`
 * and `retryAfter` (seconds) in the body.
 */
export function sendRejection(res: Response, error: Rejection, fallbackStatus = 400): void {
  const wait = retryAfterOf(error);
  if (wait !== undefined) {
    res.set('Retry-After', String(wait));
    res.status(429).json({ code: error.code, message: error.message, retryAfter: wait });
    return;
  }
  sendError(res, STATUS[error.code] ?? fallbackStatus, error.code, error.message);
}
