import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupCode } from '../../server/auth/codes.ts';
import { AttemptThrottle } from '../../server/auth/throttle.ts';
import { addressKey, clientAddress, trustedHops } from '../../server/http/address.ts';
import type { NewMatch } from '../../server/match-factory.ts';
import { codeOf, createMatch, startTestServer, type TestServer } from './harness.ts';

async function join(url: string, options: Record<string, unknown>, from: string): Promise<string> {
  try {
    const room = await new Client(url, { headers: { 'x-forwarded-for': from } }).joinOrCreate('match', options);
    await room.leave(true);
    return 'joined';
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Issue 13, codes that cannot be guessed: every place a code, token or key is checked goes
 * through one throttle, per address. The server here sits behind one trusted proxy, so each
 * test speaks from an address of its own (the proxy's X-Forwarded-For).
 */
describe('guessing codes against a real server', () => {
  let srv: TestServer;
  let match: NewMatch;

  beforeAll(async () => {
    srv = await startTestServer({ app: { throttle: new AttemptThrottle(), trustProxy: 1 } });
    match = await createMatch(srv.url, { scenario: 'baltic-shield', seed: 4 });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it('ten wrong join codes from one address, then too-many-attempts with the wait — even for the right code', async () => {
    const from = '198.51.100.10';
    for (let i = 0; i < 10; i++) expect(await join(srv.url, { matchId: match.matchId, code: `WRNG-CODE-${String(i).padStart(4, 'A')}`, name: 'Eve' }, from)).toMatch(/^wrong-code:/);
    expect(await join(srv.url, { matchId: match.matchId, code: 'WRNG-CODE-LAST', name: 'Eve' }, from)).toBe(
      'too-many-attempts: Too many wrong codes or keys were tried from your network. Wait 60 seconds, then try again.',
    );
    expect(await join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Eve' }, from)).toMatch(/^too-many-attempts:/);
    // Another address joins with the right code.
    expect(await join(srv.url, { matchId: match.matchId, code: codeOf(match, 'aldoria'), name: 'Ana' }, '198.51.100.11')).toBe('joined');
  });

  it('entries a client adds to X-Forwarded-For do not make it a new address: only what the trusted proxy saw counts', async () => {
    for (let i = 0; i < 10; i++) expect(await join(srv.url, { matchId: match.matchId, code: 'ZZZZ-ZZZZ-ZZZZ', name: 'Eve' }, `10.9.9.${i}, 198.51.100.20`)).toMatch(/^wrong-code:/);
    expect(await join(srv.url, { matchId: match.matchId, code: 'ZZZZ-ZZZZ-ZZZZ', name: 'Eve' }, '10.9.9.99, 198.51.100.20')).toMatch(/^too-many-attempts:/);
  });

  it('facilitator tokens over HTTP count the same way, answered 429 with Retry-After', async () => {
    const from = '198.51.100.30';
    const get = (token: string) => fetch(`${srv.url}/api/matches/${match.matchId}/record`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': from } });
    for (let i = 0; i < 10; i++) expect((await get(`not-the-token-${i}`)).status).toBe(403);
    const res = await get(match.facilitatorToken);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toMatchObject({ code: 'too-many-attempts', retryAfter: 60 });
  });

  it('a code looked up alone (for join links) goes through the same throttle', async () => {
    const from = '198.51.100.40';
    const throttle = new AttemptThrottle();
    expect(await lookupCode(srv.store, throttle, from, codeOf(match, 'duvessa').toLowerCase())).toEqual({ ok: true, value: { matchId: match.matchId, seat: 'duvessa' } });
    for (let i = 0; i < 10; i++) expect(await lookupCode(srv.store, throttle, from, `NOPE-NOPE-${i}${i}${i}${i}`)).toMatchObject({ ok: false, error: { code: 'unknown-code' } });
    expect(await lookupCode(srv.store, throttle, from, codeOf(match, 'duvessa'))).toMatchObject({ ok: false, error: { code: 'too-many-attempts', retryAfter: 60 } });
  });

  it('organizer keys count too', async () => {
    const from = '198.51.100.50';
    const post = (key: string) => fetch(`${srv.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ key }) });
    for (let i = 0; i < 10; i++) expect((await post(`seo_guess-${i}-guess-guess-guess`)).status).toBe(403);
    expect((await post('seo_guess-last-guess-guess-guess')).status).toBe(429);
  });
});

describe('client addresses', () => {
  const req = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as never;

  it('without a trusted proxy the socket’s peer is the address, whatever the headers say', () => {
    expect(clientAddress(req('::ffff:203.0.113.5', '1.2.3.4'), 0)).toBe('203.0.113.5');
  });

  it('behind N trusted proxies, the address the Nth saw, read from the right', () => {
    expect(clientAddress(req('127.0.0.1', '203.0.113.5'), 1)).toBe('203.0.113.5');
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 203.0.113.5'), 1)).toBe('203.0.113.5');
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 203.0.113.5, 10.0.0.2'), 2)).toBe('203.0.113.5');
    expect(clientAddress(req('127.0.0.1'), 1)).toBe('127.0.0.1');
  });

  it('TRUST_PROXY reads true, false and numbers; anything else is an error', () => {
    expect([undefined, '', 'false', '0', 'true', '1', '2'].map(trustedHops)).toEqual([0, 0, 0, 0, 1, 1, 2]);
    expect(() => trustedHops('lots')).toThrow(/TRUST_PROXY/);
  });

  it('an IPv6 address is counted by its /64, IPv4 as it is', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });
});
