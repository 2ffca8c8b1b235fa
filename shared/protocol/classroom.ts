import { z } from 'zod';
import { MAX_CHANNEL_LENGTH } from '../engine/channels.ts';
import { MAX_CHAT_TEXT } from '../engine/chat.ts';
import { message, SeatRef } from './common.ts';

/**
 * Getting a class into a match and keeping each person's work (issue 14). Client → server,
 * each answered by one `reply` like every message; none of them is a game log entry.
 *
 * Join links: a seat's join code alone names its match (codes are unique across the
 * archive), so a link `/j/<code>` carries everything but the name. `POST /api/join/check`
 * `{ code }` (or `{ matchId, code | facilitatorToken }`) says, before any WebSocket, what a
 * credential opens: `{ ok: true, matchId, role, seat, seatName }` or `{ ok: false, code,
 * message }` — always HTTP 200, so a browser logs nothing for a mistyped code.
 *
 * The class link is the match's class code (stored as the code of the pseudo-seat
 * CLASS_SEAT): it opens the lobby (role `lobby`), where a student picks a free seat:
 * - `lobbyStatus {}` (lobby, facilitator) — reply `data.status`: LobbyStatus as JSON; from then
 *   on the server also pushes it to that connection as the message `lobby` when it changes.
 * - `claimSeat { seat }` (lobby) — a free, unlocked seat that no bot plays: reply `data`
 *   `{ seat, code }` (join with that code), or `{ pending: true, request }` when the
 *   facilitator approves each pick; then the message `seatGranted` `{ seat, code }` or
 *   `seatRefused` `{ message }` follows. Refusals: `seat-taken`, `seat-locked`, `unknown-seat`.
 * - `lockSeat { seat, locked }`, `requireApproval { required }`, `answerClaim { request,
 *   approve }` (facilitator) — logged as audit entries (who sits where, not the game), so a
 *   restarted server keeps the locks.
 *
 * Drafts: `saveDraft { draft }` (a seat) keeps the person's unsent order and chat drafts on
 * the server, per seat and display name, in memory; `loadDraft {}` answers `data.draft` (the
 * JSON, or '' if none). A draft travels only in replies to its own person's connections.
 */

/** The stored seat of a match's class code (never a real seat id: those are scenario ids). */
export const CLASS_SEAT = '@class';

/** Close code of a connection replaced by a newer one of the same person (a reload, another laptop). */
export const REPLACED_CLOSE_CODE = 4101;

const FieldValue = z.union([z.string().max(2000), z.boolean(), z.array(z.string().max(120)).max(40)]);

/** An unsent order (the composer's type and field values) and the chat drafts by channel. */
export const DraftSchema = z
  .object({
    /** Client time of the change (a newer local copy beats an older server copy). */
    at: z.number().int().min(0),
    composer: z.object({ type: z.string().min(1).max(40), values: z.record(z.string().max(40), FieldValue) }).strict().nullable(),
    chat: z.record(z.string().min(1).max(MAX_CHANNEL_LENGTH), z.string().max(MAX_CHAT_TEXT)),
  })
  .strict();
export type Draft = z.infer<typeof DraftSchema>;

export const ClassroomMessages = {
  saveDraft: message({ draft: DraftSchema }),
  loadDraft: message({}),
  lobbyStatus: message({}),
  claimSeat: message({ seat: SeatRef }),
  lockSeat: message({ seat: SeatRef, locked: z.boolean() }),
  requireApproval: message({ required: z.boolean() }),
  answerClaim: message({ request: z.string().min(1).max(40), approve: z.boolean() }),
} as const;
export type ClassroomMessageType = keyof typeof ClassroomMessages;
export type ClassroomMessage<K extends ClassroomMessageType> = z.infer<(typeof ClassroomMessages)[K]>;

export const FACILITATOR_CLASSROOM_MESSAGES: ReadonlySet<string> = new Set<ClassroomMessageType>(['lockSeat', 'requireApproval', 'answerClaim']);

/** Server → client message types of the lobby. */
export const LobbyMessageType = { status: 'lobby', granted: 'seatGranted', refused: 'seatRefused' } as const;

/** What the lobby shows: which seats are locked, whether picks need approval, and (facilitator only) the picks waiting. */
export interface LobbyStatus {
  readonly locked: readonly string[];
  readonly approval: boolean;
  /** Only in the facilitator's copy. */
  readonly pending: readonly { readonly request: string; readonly seat: string; readonly name: string }[];
}

export interface SeatGranted {
  readonly seat: string;
  readonly code: string;
}

/** `POST /api/join/check` body: a code alone (a link), or a match id with a code or the facilitator token. */
export const JoinCheckSchema = z
  .object({
    matchId: z.string().min(1).max(64).optional(),
    code: z.string().min(1).max(64).optional(),
    facilitatorToken: z.string().min(1).max(128).optional(),
  })
  .strict();

export type JoinCheck =
  | { readonly ok: true; readonly matchId: string; readonly role: 'seat' | 'observer' | 'lobby' | 'facilitator'; readonly seat: string | null; readonly seatName: string | null; readonly scenario: string }
  | { readonly ok: false; readonly code: string; readonly message: string };
