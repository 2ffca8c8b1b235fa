import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ok, reject, type Result } from '../../shared/engine/result.ts';
import { hashToken } from '../store/index.ts';
import type { MatchMeta, MatchStore, OrganizerRecord } from '../store/store.ts';
import type { AttemptThrottle } from './throttle.ts';

/** Organizer keys start with this, so that a key pasted in the wrong place (or into a repository) is recognisable. */
export const ORGANIZER_KEY_PREFIX = 'seo_';
/** The organizer's session cookie (HttpOnly, SameSite=Strict, Secure behind TLS). */
export const SESSION_COOKIE = 'se_organizer';
/** How long a session cookie lasts: a week of classes. Giving the organizer a new key ends it sooner. */
export const SESSION_SECONDS = 7 * 24 * 3600;
/** How long a one-time sign-in link stays valid. */
export const SIGN_IN_SECONDS = 24 * 3600;
/** The organizer the server makes at first start; the only one who may open /monitor. */
export const OWNER_ID = 'owner';

/** A new organizer key: the prefix and 32 random bytes (256 bits) in base64url. Store only hashToken(key). */
export function newOrganizerKey(): string {
  return `${ORGANIZER_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** A new secret for signing one organizer's session cookies. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The public face of an organizer: never the key hash or the session secret. */
export interface OrganizerInfo {
  readonly id: string;
  readonly name: string;
}

export const infoOf = (o: OrganizerRecord): OrganizerInfo => ({ id: o.id, name: o.name });

/** The request headers that carry an organizer credential, and the address it came from. */
export interface CredentialHeaders {
  readonly address: string;
  readonly authorization?: string | null | undefined;
  readonly cookie?: string | null | undefined;
  readonly origin?: string | null | undefined;
  readonly host?: string | null | undefined;
  readonly secFetchSite?: string | null | undefined;
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerOf(authorization: string | null | undefined): string | null {
  const m = authorization ? /^Bearer\s+(\S{1,200})$/i.exec(authorization.trim()) : null;
  return m ? (m[1] as string) : null;
}

/**
 * Whether a request may use the session cookie: it comes from a page of this server. A browser
 * marks every request with `Sec-Fetch-Site` and most with `Origin`; another site's page (even
 * another port of the same host, which SameSite counts as the same site) is refused, so the
 * cookie cannot be ridden from elsewhere (CSRF, cross-site WebSocket hijacking).
 */
export function sameOrigin(h: CredentialHeaders): boolean {
  if (h.secFetchSite && h.secFetchSite !== 'same-origin' && h.secFetchSite !== 'none') return false;
  if (!h.origin) return true;
  try {
    return new URL(h.origin).host === (h.host ?? '');
  } catch {
    return false;
  }
}

function cookieValue(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const mac = (secret: string, payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * Who the organizers are and how they prove it (README "Security"): an organizer key
 * (`Authorization: Bearer <key>`, for API clients), or the session cookie a browser gets by
 * signing in with the key or a one-time link. Every key or link check goes through the
 * attempt throttle; a cookie is a signature check and is not throttled.
 */
export class Organizers {
  readonly #store: MatchStore;
  readonly #throttle: AttemptThrottle;
  readonly #now: () => number;

  constructor(store: MatchStore, throttle: AttemptThrottle, now: () => number) {
    this.#store = store;
    this.#throttle = throttle;
    this.#now = now;
  }

  /** The organizer whose key this is (throttled per address); `wrong-key` otherwise. */
  byKey(key: string, address: string): Promise<Result<OrganizerRecord>> {
    return this.#throttle.attempt({ address }, async () => {
      const o = key.startsWith(ORGANIZER_KEY_PREFIX) ? await this.#store.organizerByKeyHash(hashToken(key)) : null;
      return o ? ok(o) : reject('wrong-key', 'That organizer key is not valid on this server.');
    });
  }

  /** The `Set-Cookie` value that signs this organizer in for SESSION_SECONDS. */
  sessionCookie(o: OrganizerRecord, secure: boolean): string {
    const expires = Math.floor(this.#now() / 1000) + SESSION_SECONDS;
    const payload = `${o.id}.${expires}`;
    return `${SESSION_COOKIE}=${payload}.${mac(o.sessionSecret, payload)}; Path=/; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  /** The `Set-Cookie` value that signs out. */
  clearCookie(secure: boolean): string {
    return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  /** The organizer of a valid, unexpired session cookie in `header`, or null. */
  async fromCookie(header: string | null | undefined): Promise<OrganizerRecord | null> {
    const value = cookieValue(header, SESSION_COOKIE);
    const m = value ? /^([A-Za-z0-9_-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
    if (!m) return null;
    const [, id, expires, signature] = m as unknown as [string, string, string, string];
    if (Number(expires) * 1000 <= this.#now()) return null;
    const o = await this.#store.organizerById(id);
    if (!o) return null;
    const want = Buffer.from(mac(o.sessionSecret, `${id}.${expires}`));
    const got = Buffer.from(signature);
    return want.length === got.length && timingSafeEqual(want, got) ? o : null;
  }

  /**
   * The organizer a request speaks for: `Authorization: Bearer <organizer key>` first, else the
   * session cookie if the request comes from this server's own pages. Null when it carries
   * neither; a rejection for a wrong key or a throttled address.
   */
  async fromHeaders(h: CredentialHeaders): Promise<Result<OrganizerRecord> | null> {
    const bearer = bearerOf(h.authorization);
    if (bearer?.startsWith(ORGANIZER_KEY_PREFIX)) return this.byKey(bearer, h.address);
    if (!sameOrigin(h)) return null;
    const o = await this.fromCookie(h.cookie);
    return o ? ok(o) : null;
  }

  /** A new one-time sign-in token for `organizerId` (for a link such as `/signin?once=<token>`), valid SIGN_IN_SECONDS. */
  async newSignIn(organizerId: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    const now = this.#now();
    await this.#store.addSignIn(hashToken(token), organizerId, now + SIGN_IN_SECONDS * 1000, now);
    return token;
  }

  /** Uses up a one-time sign-in token (throttled like a key): the organizer, or `wrong-key`. */
  takeSignIn(token: string, address: string): Promise<Result<OrganizerRecord>> {
    return this.#throttle.attempt({ address }, async () => {
      const id = /^[A-Za-z0-9_-]{32}$/.test(token) ? await this.#store.takeSignIn(hashToken(token), this.#now()) : null;
      const o = id ? await this.#store.organizerById(id) : null;
      return o ? ok(o) : reject('wrong-key', 'This sign-in link has been used or has expired. Sign in with the organizer key instead.');
    });
  }
}

/** Whether this organizer may act as the facilitator of this match (it created it). */
export function owns(o: OrganizerRecord, meta: MatchMeta): boolean {
  return meta.organizerId === o.id;
}
