import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isIPv6 } from 'node:net';

/** Where the server keeps the client address it worked out for a request (see installClientAddress). */
const ADDRESS = Symbol('sovereign-effects client address');
const HTTPS = Symbol('sovereign-effects https');

type Marked = IncomingMessage & { [ADDRESS]?: string; [HTTPS]?: boolean };

/**
 * How many reverse proxies in front of the server to believe (TRUST_PROXY): 0 (unset) means
 * none — `X-Forwarded-For` / `X-Real-IP` / `X-Forwarded-Proto` are ignored, since anyone can
 * send them; `1` (or `true`) one proxy such as nginx, and so on.
 */
export function trustedHops(value: string | undefined): number {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === '0') return 0;
  if (v === 'true' || v === 'yes') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY must be true, false or a number of proxies (0-10), got "${value}"`);
  return n;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; other addresses as they are. */
function plain(address: string): string {
  const a = address.trim();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/**
 * The client's address: the socket's peer, or — behind `hops` trusted proxies — the address
 * those proxies saw, read from the right of `X-Forwarded-For` (each proxy appends the address
 * it received the request from, so entries further left are the client's own claims).
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const peer = plain(req.socket?.remoteAddress ?? '') || 'unknown';
  if (hops === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map(plain).filter((a) => a !== '');
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - hops)] ?? peer;
}

/** Whether the request reached us over TLS: the socket itself, or `X-Forwarded-Proto: https` from a trusted proxy. */
function arrivedOverTls(req: IncomingMessage, hops: number): boolean {
  if ((req.socket as { encrypted?: boolean } | undefined)?.encrypted) return true;
  if (hops === 0) return false;
  const proto = req.headers['x-forwarded-proto'];
  const last = (Array.isArray(proto) ? proto.join(',') : proto ?? '').split(',').pop()?.trim().toLowerCase();
  return last === 'https';
}

/**
 * Works out each request's client address once, before Colyseus or Express sees it, and
 * makes every layer use it: Colyseus takes `X-Real-IP` at face value for `context.ip` (its
 * createAuthContext), so the header is overwritten with the address we trust and the other
 * forwarding headers a client could forge are removed. Applies to HTTP requests (matchmaking,
 * API) and WebSocket upgrades alike. `onRequest` then runs for every HTTP request before any
 * listener — Colyseus answers some requests itself (OPTIONS, matchmaking) ahead of Express.
 */
export function installClientAddress(server: Server, hops: number, onRequest?: (req: IncomingMessage, res: ServerResponse) => void): void {
  const emit = server.emit.bind(server) as (event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = ((event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'request' || event === 'upgrade') {
      const req = args[0] as Marked;
      req[ADDRESS] = clientAddress(req, hops);
      req[HTTPS] = arrivedOverTls(req, hops);
      req.headers['x-real-ip'] = req[ADDRESS];
      delete req.headers['x-client-ip'];
      if (hops === 0) {
        delete req.headers['x-forwarded-for'];
        delete req.headers['x-forwarded-proto'];
      }
      if (event === 'request') onRequest?.(req, args[1] as ServerResponse);
    }
    return emit(event, ...args);
  }) as Server['emit'];
}

/** The address installClientAddress worked out for this request (the socket's peer if it did not run). */
export function addressOf(req: IncomingMessage): string {
  return (req as Marked)[ADDRESS] ?? plain(req.socket?.remoteAddress ?? '') ?? 'unknown';
}

/** Whether this request came over TLS (directly, or as a trusted proxy says). */
export function isHttps(req: IncomingMessage): boolean {
  return (req as Marked)[HTTPS] ?? false;
}

/**
 * The key one address is throttled and counted under: an IPv4 address as it is, an IPv6
 * address by its /64 network (one household or machine usually holds a whole /64, so
 * counting single IPv6 addresses would give one attacker billions of fresh ones).
 */
export function addressKey(address: string): string {
  const a = plain(address);
  if (!isIPv6(a)) return a;
  const [head = '', tail = ''] = a.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // A dotted IPv4 tail (`64:ff9b::1.2.3.4`) stands for two groups.
  const width = (parts: string[]) => parts.length + (parts.at(-1)?.includes('.') ? 1 : 0);
  const groups = a.includes('::') ? [...left, ...Array(Math.max(0, 8 - width(left) - width(right))).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g || '0', 16).toString(16)).join(':')}::/64`;
}
