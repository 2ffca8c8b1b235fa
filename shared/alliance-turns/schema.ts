import { z } from 'zod';
import { ok, reject, type Result } from '../engine/result.ts';
import { withoutSchemaKey } from '../scenarios/schema.ts';

/**
 * The alliance-turns scenario: a deliberately small game used as a benchmark workload, so
 * that this server and other engines can be compared on the same work. Every number of
 * the game is data here, with the value from the issue as its default; a bad file is
 * refused with the path of the bad field.
 */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'an id is lower-case letters, digits and dashes (at most 40)');

export const CAPABILITY_KINDS = ['espionage', 'effect'] as const;

export const SeatData = z.object({ id, name: z.string().trim().min(1).max(40) }).strict();

const DEFAULT_SEATS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'].map((name) => ({ id: name.toLowerCase(), name }));

export const AllianceTurnsScenario = z
  .object({
    id,
    version: z.string().regex(/^\d+\.\d+$/, 'a version looks like 1.0'),
    title: z.string().min(1).max(100).default('Alliance turns'),
    turns: z.int().min(1).max(10_000).default(100),
    planningSeconds: z.int().min(1).max(3600).default(30),
    seats: z.array(SeatData).min(2).max(12).default(DEFAULT_SEATS),
    capabilitiesPerSeat: z.int().min(1).max(99).default(30),
    /** Freshness a use takes: a uniform roll in [min, max]. */
    burn: z
      .object({ min: z.int().min(1).max(100), max: z.int().min(1).max(100) })
      .strict()
      .refine((b) => b.min <= b.max, { message: 'burn.min must not be above burn.max', path: ['min'] })
      .default({ min: 5, max: 25 }),
    /** Chance that one use is attributed publicly. */
    attributionChance: z.number().min(0).max(1).default(0.1),
    /** Pressure a use adds on its target, by the capability's kind. */
    pressure: z.object({ espionage: z.int().min(0).max(100), effect: z.int().min(0).max(100) }).strict().default({ espionage: 1, effect: 2 }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.seats.forEach((seat, i) => {
      if (seen.has(seat.id)) ctx.addIssue({ code: 'custom', path: ['seats', i, 'id'], message: `seat id "${seat.id}" is used twice` });
      seen.add(seat.id);
    });
  });

export type AllianceTurnsScenario = z.infer<typeof AllianceTurnsScenario>;
export type AllianceTurnsScenarioInput = z.input<typeof AllianceTurnsScenario>;

/** Parses untrusted scenario data; the rejection names the first bad field by its path. */
export function parseAllianceTurnsScenario(data: unknown): Result<AllianceTurnsScenario> {
  const r = AllianceTurnsScenario.safeParse(withoutSchemaKey(data));
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return reject('bad-scenario', `Scenario field ${path}: ${issue?.message ?? 'invalid'}`);
}
