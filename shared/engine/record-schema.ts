import { z } from 'zod';
import { LINK_KINDS, MAX_AUTHOR, MAX_CHAT_TEXT } from './chat.ts';
import { MAX_CHANNEL_LENGTH } from './channels.ts';
import type { MatchRecord } from './match.ts';
import { ok, reject, type Result } from './result.ts';

/**
 * The schema of a match record file (docs/design.md §7), for records that come from outside:
 * an export, a file on disk. Generic over the ruleset: an input is kept as `unknown` here
 * and parsed by the ruleset's own `applyInput` when the record is replayed.
 */
const seat = z.string().min(1).max(80);
const at = z.number().finite();

export const ControlActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }).strict(),
  z.object({ type: z.literal('practice') }).strict(),
  z.object({ type: z.literal('openPlanning') }).strict(),
  z.object({ type: z.literal('closePlanning'), reason: z.enum(['all-ready', 'timer', 'facilitator']) }).strict(),
  z.object({ type: z.literal('nextTurn') }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('extend'), seconds: z.number() }).strict(),
  z.object({ type: z.literal('end'), reason: z.string().max(500) }).strict(),
  z.object({ type: z.literal('setBot'), seat, bot: z.boolean() }).strict(),
]);

/** A chat entry's shape; who may post where is checked when the record is replayed (channels.ts). */
const ChatEntrySchema = z
  .object({
    at,
    kind: z.literal('chat'),
    seat,
    author: z.string().min(1).max(MAX_AUTHOR),
    channel: z.string().min(1).max(MAX_CHANNEL_LENGTH),
    text: z.string().min(1).max(MAX_CHAT_TEXT),
    link: z.object({ kind: z.enum(LINK_KINDS), ref: z.string().min(1).max(80) }).strict().optional(),
  })
  .strict();

const ModerationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hide'), id: z.int().min(0), hidden: z.boolean() }).strict(),
  z.object({ type: z.literal('mute'), seat, name: z.string().min(1).max(MAX_AUTHOR), muted: z.boolean() }).strict(),
]);

export const LogEntrySchema = z.discriminatedUnion('kind', [
  z
    .object({ at, kind: z.literal('input'), seat, input: z.unknown(), ready: z.literal(true).optional() })
    .strict()
    .refine((e) => e.input !== undefined, { message: 'an input entry needs an input', path: ['input'] }),
  z.object({ at, kind: z.literal('ready'), seat, ready: z.boolean() }).strict(),
  z.object({ at, kind: z.literal('control'), action: ControlActionSchema }).strict(),
  z
    .object({
      at,
      kind: z.literal('audit'),
      action: z.string().min(1).max(80),
      detail: z.record(z.string().max(80), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])),
    })
    .strict(),
  ChatEntrySchema,
  z.object({ at, kind: z.literal('moderate'), action: ModerationSchema }).strict(),
]);

export const MatchRecordSchema = z
  .object({
    format: z.literal(1),
    ruleset: z.string().min(1).max(80),
    // `data`: an uploaded scenario's content, checked by the ruleset's parseScenario on replay.
    scenario: z.object({ id: z.string().min(1).max(80), version: z.string().min(1).max(20), data: z.unknown().optional() }).strict(),
    seed: z.int(),
    entries: z.array(LogEntrySchema),
  })
  .strict();

/** Parses an untrusted record; the rejection names the first bad field by its path. */
export function parseRecord(data: unknown): Result<MatchRecord<unknown>> {
  const r = MatchRecordSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return reject('bad-record', `Not a match record: field ${path}: ${issue?.message ?? 'invalid'}.`);
  }
  // Seat ids are branded in the engine; the schema has checked they are non-empty strings.
  return ok(r.data as unknown as MatchRecord<unknown>);
}
