import { z } from 'zod';
import { referenceIssues } from './references.ts';

/**
 * The scenario format (docs/design.md §9). Every tunable lives here as data, with the
 * default from the design; a bad file is refused with the path of the bad field. The
 * shipped scenarios are JSON files in the top-level `scenarios/` folder, checked against
 * this schema and against `references.ts`; `scenarios/scenario.schema.json` is generated
 * from it (`npm run scenario:schema`) so that editors autocomplete.
 */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'an id is lower-case letters, digits and dashes (at most 40)');
const prob = z.number().min(0).max(1);
const nonNeg = z.number().min(0);

export const Tunables = z
  .object({
    capacityByTier: z.object({ major: z.int().min(1).max(20), middle: z.int().min(1).max(20), small: z.int().min(1).max(20) }).default({ major: 6, middle: 4, small: 3 }),
    /** Capacity cost of each order. */
    costs: z
      .object({
        operate: z.int().min(0).max(10),
        share: z.int().min(0).max(10),
        tailor: z.int().min(0).max(10),
        develop: z.int().min(0).max(10),
        sovereignOffer: z.int().min(0).max(10),
        huntForward: z.int().min(0).max(10),
        defend: z.int().min(0).max(10),
        train: z.int().min(0).max(10),
        attribute: z.int().min(0).max(10),
        shareIntel: z.int().min(0).max(10),
        report: z.int().min(0).max(10),
      })
      .default({ operate: 1, share: 1, tailor: 3, develop: 2, sovereignOffer: 1, huntForward: 2, defend: 1, train: 2, attribute: 1, shareIntel: 1, report: 0 }),
    /** Freshness lost per use = base × (burnSophBase + burnSophPer × sophistication). */
    burnBase: z.object({ espionage: nonNeg, effect: nonNeg, destroy: nonNeg }).default({ espionage: 5, effect: 20, destroy: 30 }),
    burnSophBase: nonNeg.default(0.6),
    burnSophPer: nonNeg.default(0.2),
    /** Discovery chance = visibility × sophistication / 5. */
    visibility: z.object({ espionage: prob, effect: prob }).default({ espionage: 0.1, effect: 0.35 }),
    patchLag: z.int().min(0).max(5).default(1),
    /** Attribution chance = base × (1 + soph × attribSophPer) × (1 + (holders − 1) × attribHolderPer). */
    attributionBase: z.object({ espionage: prob, effect: prob }).default({ espionage: 0.05, effect: 0.25 }),
    attribSophPer: nonNeg.default(0.2),
    attribHolderPer: nonNeg.default(0.1),
    /** Leak chance per extra holder per turn = (1 − hygiene) × leakPerHolder, × leakSourceFactor without compiled-only. */
    leakPerHolder: prob.default(0.02),
    leakSourceFactor: nonNeg.default(2),
    /** Freshness every exploit loses each turn. */
    decay: nonNeg.default(2),
    /** Implants from two allies on one target: extra discovery chance per turn unless deconflicted. */
    deconflictionRisk: prob.default(0.15),
    /** Turns between a CyOC request being accepted and its execution. */
    coordinationDelay: z.int().min(0).max(1).default(0),
    /** Trust needed before one nation trains another. */
    trainTrust: z.int().min(0).max(100).default(60),
    trainDelay: z.int().min(1).max(6).default(2),
    /** Turns a develop project takes = max(1, power + developBase − skill). */
    developBase: z.int().min(0).max(6).default(2),
    /** A tailor project takes this many turns more than a develop. */
    tailorExtra: z.int().min(0).max(6).default(1),
    /** Hunt-forward team away this many turns by default. */
    huntTurns: z.int().min(1).max(6).default(2),
    /** Per adversary implant per hunting turn: find chance = huntBase + huntSkillPer × hunter skill. */
    huntBase: prob.default(0.3),
    huntSkillPer: prob.default(0.1),
    /** Freshness an adversary exploit loses when a hunt exposes it (100: patched outright). */
    huntExposure: nonNeg.default(50),
    /** Availability lost per effect use = effectDamage[effect] × power / 3. */
    effectDamage: z.object({ disrupt: nonNeg, deny: nonNeg, degrade: nonNeg, destroy: nonNeg }).default({ disrupt: 10, deny: 15, degrade: 20, destroy: 35 }),
    /** Availability an undiscovered adversary implant drains from its network per turn. */
    implantDrain: nonNeg.default(3),
    /** Availability every network recovers per turn. */
    recovery: nonNeg.default(5),
    reputation: z
      .object({ attributed: z.number(), misattributed: z.number(), publicRight: z.number(), publicWrong: z.number(), endUseViolation: z.number(), declined: z.number() })
      .default({ attributed: -5, misattributed: -3, publicRight: 5, publicWrong: -8, endUseViolation: -6, declined: -2 }),
    /** Intel spent by a public attribution. */
    attributeIntelCost: z.int().min(0).max(20).default(2),
  })
  .strict();
export type Tunables = z.infer<typeof Tunables>;

const Effect = z.enum(['disrupt', 'deny', 'degrade', 'destroy']);
const Kind = z.enum(['espionage', 'effect']);

export const CapabilityData = z
  .object({
    id,
    name: z.string().min(1).max(60),
    vuln: id,
    kind: Kind,
    effect: Effect.nullable().default(null),
    power: z.int().min(1).max(5),
    freshness: z.number().min(0).max(100).default(100),
  })
  .strict()
  .refine((c) => (c.kind === 'effect') === (c.effect !== null), { message: 'an effect capability needs an effect type; an espionage one has none', path: ['effect'] });

export const NetworkData = z
  .object({
    id,
    name: z.string().min(1).max(60),
    sophistication: z.int().min(1).max(5),
    availability: z.number().min(0).max(100).default(100),
    hardening: z.int().min(0).max(3).default(0),
    software: z.array(id).min(1),
    tags: z.array(z.string()).default([]),
  })
  .strict();

/** Objectives are typed so that scoring can check them. */
export const Objective = z.discriminatedUnion('type', [
  z.object({ type: z.literal('effectOnNetwork'), id, text: z.string(), network: id, effects: z.array(Effect).min(1), byTurn: z.int().min(1), points: z.number() }).strict(),
  z.object({ type: z.literal('keepFresh'), id, text: z.string(), capability: id, above: z.number().min(0).max(100), untilTurn: z.int().min(1), points: z.number() }).strict(),
  z.object({ type: z.literal('noAttribution'), id, text: z.string(), points: z.number() }).strict(),
  z.object({ type: z.literal('intelAtLeast'), id, text: z.string(), amount: z.number(), points: z.number() }).strict(),
  z.object({ type: z.literal('availabilityAbove'), id, text: z.string(), above: z.number().min(0).max(100), points: z.number() }).strict(),
  z.object({ type: z.literal('influenceAtLeast'), id, text: z.string(), amount: z.number(), points: z.number() }).strict(),
]);
export type Objective = z.infer<typeof Objective>;

export const NationData = z
  .object({
    id,
    name: z.string().min(1).max(40),
    tier: z.enum(['major', 'middle', 'small']),
    skill: z.int().min(1).max(5),
    hygiene: prob,
    intel: z.number().min(0).default(0),
    reputation: z.number().default(50),
    influence: z.number().default(0),
    knownVulns: z.array(id).default([]),
    networks: z.array(NetworkData).min(1),
    capabilities: z.array(CapabilityData).default([]),
    objectives: z.array(Objective).default([]),
    /** Bot temperament when a bot plays this seat. */
    temperament: z.enum(['balanced', 'sharer', 'hoarder', 'sovereign-first', 'hunter', 'reckless']).default('balanced'),
  })
  .strict();

export const MselInject = z
  .object({
    id,
    turn: z.int().min(1),
    title: z.string().min(1).max(80),
    text: z.string().min(1).max(1000),
    /** Optional mechanical consequence. */
    availabilityHit: z.object({ network: id, amount: z.number().min(0).max(100) }).optional(),
    intelGrant: z.object({ nation: id, amount: z.number().min(0).max(50), vuln: id.optional() }).optional(),
  })
  .strict();

export const Weights = z
  .object({
    coalitionObjective: z.number().default(1),
    privateObjective: z.number().default(1),
    availability: z.number().default(1),
    influence: z.number().default(0.5),
    reputation: z.number().default(0.2),
    intel: z.number().default(0.2),
    reports: z.number().default(1),
    covertBonus: z.number().default(1),
    legitimacy: z.number().default(0.5),
    misattributionSuffered: z.number().default(-4),
    leakOfSharedTool: z.number().default(-6),
    endUseViolation: z.number().default(-5),
  })
  .strict();

export const Scenario = z
  .object({
    id,
    version: z.string().regex(/^\d+\.\d+$/, 'a version looks like 1.0'),
    title: z.string().min(1).max(100),
    summary: z.string().min(1).max(2000),
    minutes: z.int().min(5).max(600),
    turns: z.int().min(1).max(200),
    planningSeconds: z.int().min(10).max(3600).default(300),
    /** Who plays the coalition's coordination cell. */
    cyoc: z.string().default('facilitator'),
    showScores: z.boolean().default(true),
    tunables: Tunables.default(Tunables.parse({})),
    weights: Weights.default(Weights.parse({})),
    /** Starting trust between every pair of allies, and exceptions. */
    trust: z.object({ default: z.int().min(0).max(100).default(50), pairs: z.array(z.object({ a: id, b: id, value: z.int().min(0).max(100) }).strict()).default([]) }).strict().default({ default: 50, pairs: [] }),
    allies: z.array(NationData).min(2).max(40),
    adversary: NationData,
    coalitionObjectives: z.array(Objective).min(1),
    msel: z.array(MselInject).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const issue of referenceIssues(s)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** Files may point editors at the JSON Schema with this key; it is not scenario data. */
export const SCHEMA_KEY = '$schema';

/** Drops the editor's `$schema` pointer, so that data and validation never see it. */
export function withoutSchemaKey(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !(SCHEMA_KEY in data)) return data;
  const { [SCHEMA_KEY]: _ignored, ...rest } = data as Record<string, unknown>;
  return rest;
}

/**
 * Parses scenario data; the error message names the first bad field by its path (the
 * editor and the upload route list them all: validate.ts).
 */
export function parseScenario(data: unknown): { ok: true; value: Scenario } | { ok: false; error: { code: string; message: string } } {
  const r = Scenario.safeParse(withoutSchemaKey(data));
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return { ok: false, error: { code: 'bad-scenario', message: `Scenario field ${path}: ${issue?.message ?? 'invalid'}` } };
}
