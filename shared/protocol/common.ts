import { z } from 'zod';

/**
 * What every client→server message shares (docs/design.md §8, "client intent ─► server room:
 * validate"): a short client reference `ref`, echoed in exactly one `reply`, so a client
 * can match each answer to what it sent. Pure data and zod schemas: the client builds and
 * pre-checks messages with the same definitions the server parses them with.
 */
export const ClientRef = z.string().min(1).max(32);
/** A seat id as sent over the wire. */
export const SeatRef = z.string().min(1).max(80);

/** Largest accepted message, measured as the byte length of its JSON. */
export const MAX_MESSAGE_BYTES = 8 * 1024;
/** Flood control per seat (all its connections together): a token bucket refilled at `perSecond`, holding at most `burst`. */
export const RATE_LIMIT = { perSecond: 10, burst: 30 } as const;

/** An object message whose fields are `ref` plus `shape`; unknown fields are refused. */
export function message<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ref: ClientRef, ...shape }).strict();
}

/**
 * `hello` (any role, body `{ ref }`): the reply's data says who this connection is —
 * `{ role: 'seat' | 'facilitator' | 'observer', seat: string | null }` — so a client that
 * joined with a code knows whether it holds a seat or the observer's view.
 */
export const HELLO_MESSAGE = 'hello';

/** Server→client message types. */
export const ServerMessageType = {
  /** The one answer to each client message. */
  reply: 'reply',
  /** Sent just before the server closes a kicked client's connection. */
  kicked: 'kicked',
} as const;

/**
 * The answer to one client message. `code` is stable for programs, `message` is a sentence
 * for people; `data` carries what an accepted action produced (e.g. a new join code) and,
 * for the facilitator only, `applied`: the match log's length after it. A reply is sent
 * after the next state patch, so a client holding an ok reply already holds the state it
 * produced.
 */
export interface Reply {
  readonly ref: string;
  readonly ok: boolean;
  readonly code?: string;
  readonly message?: string;
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface Kicked {
  readonly reason: string;
}

/**
 * Seconds a room keeps the place of a client whose connection dropped (`allowReconnection`);
 * past that, reconnecting that session is pointless and a client joins again instead.
 */
export const RECONNECT_SECONDS = 20;

/** WebSocket close code the server uses for a kicked client (the SDK does not retry it). */
export const KICKED_CLOSE_CODE = 4100;

/**
 * WebSocket close code for a connection that kept sending frames the server cannot read
 * (server/rooms/frame-guard.ts). A real client never does; the web client says so in plain
 * words and does not reconnect by itself.
 */
export const MALFORMED_CLOSE_CODE = 4400;

/**
 * Refusals the transport layer gives before a message reaches the rules; the rules add
 * their own codes (`wrong-phase`, `capability-not-held`, …).
 */
export type ProtocolErrorCode =
  | 'bad-message'
  | 'unknown-type'
  | 'too-large'
  | 'rate-limited'
  | 'not-facilitator'
  | 'read-only'
  | 'seat-occupied'
  | 'storage-failed'
  | 'server-error';

/**
 * Join options (`client.joinOrCreate('match', options)`): exactly one credential — a seat,
 * observer or class join code, the facilitator token, or `organizer: true` (organizer re-entry:
 * the organizer who created the match joins as its facilitator; the credential is not in the
 * options but in the matchmaking request itself — the organizer session cookie of this
 * server's pages, or `Authorization: Bearer <organizer key>`) — and a display name. A join
 * code alone names its match (codes are unique across the archive), so `matchId` may be left
 * out with a code (a join link); the token and `organizer` need it. `tab`: a random id the
 * browser keeps per tab, so a reload's new connection replaces the old one at once (no ghost).
 */
export const JoinOptionsSchema = z
  .object({
    matchId: z.string().min(1).max(64).optional(),
    code: z.string().min(1).max(32).optional(),
    facilitatorToken: z.string().min(1).max(128).optional(),
    organizer: z.literal(true).optional(),
    name: z.string().trim().min(1).max(40),
    tab: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  })
  .refine((o) => [o.code, o.facilitatorToken, o.organizer].filter((x) => x !== undefined).length === 1, {
    message: 'give either a join code, the facilitator token, or organizer: true',
  })
  .refine((o) => o.matchId !== undefined || o.code !== undefined, { message: 'the facilitator token or organizer: true needs the match id' });
export type JoinOptions = z.infer<typeof JoinOptionsSchema>;
