import { z } from 'zod';

/**
 * Orders and other inputs of the cyber-alliance ruleset (docs/design.md §4). One zod
 * definition serves the server (parse untrusted input) and the client (build and
 * pre-check orders). Sizes are bounded so that no payload can be huge.
 */
const ref = z.string().min(1).max(80);
const effect = z.enum(['disrupt', 'deny', 'degrade', 'destroy']);
const kind = z.enum(['espionage', 'effect']);
/** A bounded number off the wire; -0 is read as 0, because the state must survive JSON, which has no -0. */
const amount = (min: number, max: number) => z.number().min(min).max(max).transform((x) => x + 0);

export const ShareTermsSchema = z
  .object({
    compiledOnly: z.boolean().default(true),
    dualKey: z.boolean().default(false),
    watermark: z.boolean().default(false),
    expiresAfter: z.int().min(1).max(50).nullable().default(null),
    endUse: z.array(ref).min(1).max(50).nullable().default(null),
  })
  .strict();

export const OrderSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('operate'), copy: ref, target: ref }).strict(),
  z.object({ type: z.literal('share'), copy: ref, to: ref, terms: ShareTermsSchema.default(ShareTermsSchema.parse({})) }).strict(),
  z
    .object({
      type: z.literal('tailor'),
      for: ref,
      vuln: ref,
      kind,
      effect: effect.nullable().default(null),
      power: z.int().min(1).max(5),
      name: z.string().min(1).max(60).optional(),
      terms: ShareTermsSchema.default(ShareTermsSchema.parse({ watermark: true })),
    })
    .strict(),
  z.object({ type: z.literal('develop'), vuln: ref, kind, effect: effect.nullable().default(null), power: z.int().min(1).max(5), name: z.string().min(1).max(60).optional() }).strict(),
  z.object({ type: z.literal('sovereignOffer'), copy: ref, target: ref, window: z.int().min(1).max(6).default(2) }).strict(),
  z.object({ type: z.literal('huntForward'), host: ref, turns: z.int().min(1).max(6).optional() }).strict(),
  z.object({ type: z.literal('inviteHunt'), hunter: ref, turns: z.int().min(1).max(6).optional() }).strict(),
  z.object({ type: z.literal('defend'), network: ref, action: z.enum(['harden', 'patch']) }).strict(),
  z.object({ type: z.literal('train'), trainee: ref }).strict(),
  z.object({ type: z.literal('attribute'), incident: ref, accused: ref }).strict(),
  z.object({ type: z.literal('shareIntel'), to: ref, network: ref }).strict(),
  z.object({ type: z.literal('report'), text: z.string().trim().min(1).max(2000) }).strict(),
]);
export type Order = z.infer<typeof OrderSchema>;
export type OrderType = Order['type'];
export type ShareTermsInput = z.infer<typeof ShareTermsSchema>;

/** What the facilitator (White Cell) can do to the game itself. */
export const FacilitatorInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fireInject'), msel: ref }).strict(),
  z
    .object({
      type: z.literal('typedInject'),
      title: z.string().trim().min(1).max(80),
      text: z.string().trim().min(1).max(1000),
      availabilityHit: z.object({ network: ref, amount: amount(0, 100) }).strict().optional(),
    })
    .strict(),
  z.object({ type: z.literal('awardReport'), report: ref, points: amount(-20, 20), release: z.boolean().default(false) }).strict(),
  z.object({ type: z.literal('releaseReports') }).strict(),
  z.object({ type: z.literal('adjust'), nation: ref, field: z.enum(['reputation', 'intel', 'influence']), delta: amount(-50, 50), reason: z.string().trim().min(1).max(300) }).strict(),
]);
export type FacilitatorInput = z.infer<typeof FacilitatorInputSchema>;

export const InputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('order'), order: OrderSchema }).strict(),
  z.object({ type: z.literal('withdraw'), order: ref }).strict(),
  z.object({ type: z.literal('answer'), request: ref, accept: z.boolean() }).strict(),
  z.object({ type: z.literal('requestSovereign'), offer: ref }).strict(),
  z.object({ type: z.literal('facilitator'), action: FacilitatorInputSchema }).strict(),
]);
export type Input = z.infer<typeof InputSchema>;
