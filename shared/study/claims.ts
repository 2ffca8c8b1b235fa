import { seededStream } from '../engine/rng.ts';
import type { MatchMetrics, UseRecord } from './metrics.ts';
import { clusterBootstrap, summarize, twoProportions, welch, wilson, type ClusterTotals, type Comparison } from './stats.ts';

/**
 * The ten claims of the study, each a measured comparison from the matches' metrics.
 * A part compares A with B where the essay says A is larger: it holds when the difference
 * is positive, its 95% interval excludes 0 and the two-sided p-value is below `ALPHA`
 * (Bonferroni-corrected where a part looks at several nations). A claim holds when all its
 * parts do. Every part also carries a bootstrap interval that resamples whole matches, as a
 * check that uses within one match (which are not independent) do not carry the result.
 */
export const ALPHA = 0.05;

export interface Quote {
  readonly file: string;
  readonly text: string;
}

export interface Part {
  readonly label: string;
  /** What one observation is. */
  readonly unit: string;
  readonly a: string;
  readonly b: string;
  /** A two-sample comparison, or a single proportion that must be above 0 ('above') or exactly 0 ('none'). */
  readonly cmp: Comparison;
  readonly single: false | 'above' | 'none';
  /** 'pp': the values are proportions, shown as percentages. */
  readonly scale: 'pp' | 'value';
  readonly alpha: number;
  readonly boot: { lo: number; hi: number } | null;
  readonly holds: boolean;
}

export interface ClaimResult {
  readonly id: number;
  readonly title: string;
  readonly quotes: readonly Quote[];
  readonly parts: readonly Part[];
  readonly holds: boolean;
  /** Measured facts worth a sentence (not part of the verdict). */
  readonly notes: readonly string[];
}

export const SEED_NATO = 'seeds/000_9d55c6fbd99b1473.txt';
export const SEED_SALES = 'seeds/004_3c2c09bc6d70378e.txt';

type Obs = { readonly match: number; readonly group: 'A' | 'B'; readonly value: number };

const isEffectBase = (u: UseRecord) => u.kind === 'effect' && u.effect !== 'destroy';

/** A two-sample part over observations tagged with their match (index into the metrics list). */
function twoSample(key: string, label: string, unit: string, a: string, b: string, obs: readonly Obs[], kind: 'mean' | 'proportion', alpha = ALPHA): Part {
  const A = obs.filter((o) => o.group === 'A').map((o) => o.value);
  const B = obs.filter((o) => o.group === 'B').map((o) => o.value);
  const cmp = kind === 'mean' ? welch(summarize(A), summarize(B)) : twoProportions(A.filter((v) => v > 0).length, A.length, B.filter((v) => v > 0).length, B.length);
  const byMatch = new Map<number, { sumA: number; nA: number; sumB: number; nB: number }>();
  for (const o of obs) {
    const c = byMatch.get(o.match) ?? { sumA: 0, nA: 0, sumB: 0, nB: 0 };
    if (o.group === 'A') {
      c.sumA += o.value;
      c.nA += 1;
    } else {
      c.sumB += o.value;
      c.nB += 1;
    }
    byMatch.set(o.match, c);
  }
  const clusters: ClusterTotals[] = [...byMatch.keys()].sort((x, y) => x - y).map((k) => byMatch.get(k) as ClusterTotals);
  const boot = clusterBootstrap(clusters, seededStream(0, 0, `bootstrap:${key}`));
  const holds = Number.isFinite(cmp.diff) && cmp.diff > 0 && cmp.lo > 0 && cmp.p < alpha;
  return { label, unit, a, b, cmp, single: false, scale: kind === 'proportion' ? 'pp' : 'value', alpha, boot, holds };
}

/**
 * A single proportion x/n with its Wilson interval: 'above' holds when the interval excludes
 * 0; 'none' (an absolute claim: it never happens) holds when x is 0 — the interval's upper
 * end then says how rare it can still be.
 */
function single(label: string, unit: string, a: string, x: number, n: number, kind: 'above' | 'none' = 'above'): Part {
  const w = wilson(x, n);
  const cmp: Comparison = { test: 'Wilson interval', a: n > 0 ? x / n : NaN, b: 0, nA: n, nB: 0, diff: n > 0 ? x / n : NaN, lo: w.lo, hi: w.hi, p: NaN };
  const holds = n > 0 && (kind === 'above' ? w.lo > 0 : x === 0);
  return { label, unit, a, b: '', cmp, single: kind, scale: 'pp', alpha: ALPHA, boot: null, holds };
}

const bool = (v: boolean) => (v ? 1 : 0);

function usesOf(ms: readonly MatchMetrics[], keep: (u: UseRecord, m: MatchMetrics) => boolean): { match: number; u: UseRecord }[] {
  return ms.flatMap((m, match) => m.uses.filter((u) => keep(u, m)).map((u) => ({ match, u })));
}

function claim(id: number, title: string, quotes: Quote[], parts: Part[], notes: string[] = []): ClaimResult {
  return { id, title, quotes, parts, holds: parts.length > 0 && parts.every((p) => p.holds), notes };
}

/**
 * 1. Rivalry, as a randomized experiment: in the share-or-keep arm each capability a bot
 * offers to share is, at random, shared as the bot wishes or never shared. Outcome: the
 * freshness its exploit loses from the start of the turn of the first offer to the end of
 * the match.
 */
function rivalry(ms: readonly MatchMetrics[], arm: string): ClaimResult {
  const obs: Obs[] = ms.flatMap((m, match) => (m.arm === arm ? m.sharingTrials.map((t) => ({ match, group: t.withheld ? ('B' as const) : ('A' as const), value: t.start - t.end })) : []));
  return claim(1, 'Shared exploits lose freshness faster than exploits kept by one nation (rivalry).', [{ file: SEED_NATO, text: 'If I share my exploit with you, and you use it, there is an increased likelihood that I am no longer able to use it afterward.' }], [
    twoSample('1', 'Freshness lost from the first share offer to the end of the match', 'one capability a bot offered to share (share-or-keep arm: shared as the bot wished or never shared, at random; shares without dual-key or end-use)', 'shared', 'kept (never shared)', obs, 'mean'),
  ]);
}

/** 2. Effects burn more and are discovered more than espionage. */
function effectsVsEspionage(ms: readonly MatchMetrics[]): ClaimResult {
  const all = usesOf(ms, () => true);
  const burn: Obs[] = all.map(({ match, u }) => ({ match, group: u.kind === 'effect' ? 'A' : 'B', value: u.burn }));
  const disc: Obs[] = all.filter(({ u }) => u.discoverable).map(({ match, u }) => ({ match, group: u.kind === 'effect' ? 'A' : 'B', value: bool(u.discovered) }));
  return claim(
    2,
    'Effect operations burn freshness and get discovered more than espionage.',
    [
      { file: SEED_NATO, text: 'Cyber effect operations—those that seek to disrupt, deny, degrade, and/or destroy—are more likely to lead to the detection and disclosure of exploits and tools.' },
      { file: SEED_SALES, text: 'espionage tools, which, by nature, sit undetected for extended periods of time in a target’s cyber infrastructure.' },
    ],
    [
      twoSample('2a', 'Freshness burned per use', 'one use of a capability (allied or adversary)', 'effect', 'espionage', burn, 'mean'),
      twoSample('2b', 'Uses that got the exploit discovered', 'one use of a not-yet-discovered exploit', 'effect', 'espionage', disc, 'proportion'),
    ],
  );
}

/** 3. Sophisticated targets burn and attribute more. */
function sophistication(ms: readonly MatchMetrics[]): ClaimResult {
  const effects = usesOf(ms, (u) => u.kind === 'effect');
  const burn: Obs[] = effects.filter(({ u }) => isEffectBase(u)).map(({ match, u }) => ({ match, group: u.soph >= 4 ? 'A' : 'B', value: u.burn }));
  const attributed: Obs[] = effects.map(({ match, u }) => ({ match, group: u.soph >= 4 ? 'A' : 'B', value: bool(u.blamed !== null) }));
  return claim(3, 'Use against more sophisticated targets burns more and is attributed more.', [{ file: SEED_NATO, text: 'a tool is more likely to be detected and reported when used against a more technologically sophisticated country.' }], [
    twoSample('3a', 'Freshness burned per use', 'one disrupt/deny/degrade use (destroy, with its higher base burn, left out)', 'target sophistication 4–5', 'target sophistication 1–3', burn, 'mean'),
    twoSample('3b', 'Uses attributed to someone', 'one effect use (effects are always noticed)', 'target sophistication 4–5', 'target sophistication 1–3', attributed, 'proportion'),
  ]);
}

/** 4. Watermarks: misattribution to the exporter without, no covert bonus with. */
function watermarks(ms: readonly MatchMetrics[], arm: string): ClaimResult {
  const imported = usesOf(ms, (u, m) => m.arm === arm && u.ally && u.from !== null);
  const misattributed: Obs[] = imported.map(({ match, u }) => ({ match, group: u.watermark ? 'B' : 'A', value: bool(u.blamed === u.from && u.blamed !== u.user) }));
  const covert: Obs[] = imported.filter(({ u }) => u.kind === 'effect' && u.success).map(({ match, u }) => ({ match, group: u.watermark ? 'B' : 'A', value: bool(u.covert) }));
  return claim(
    4,
    'Sharing without a watermark produces misattributions to the exporter; watermarks stop them but remove the covert bonus.',
    [
      { file: SEED_SALES, text: 'Sharing cyber weapons also exposes the exporter to the risk of misattribution should the target identify “fingerprints” on the weapon and mistakenly trace the origin of the attack back to the exporter.' },
      { file: SEED_SALES, text: 'Certainly, this will significantly diminish the value of that weapon, as it will have no covert use capability, which is a key advantage of cyber weapons.' },
    ],
    [
      twoSample('4a', 'Uses blamed on the exporter', 'one use of an imported copy by an ally (random-terms arm: terms drawn at random per share)', 'no watermark', 'watermark', misattributed, 'proportion'),
      twoSample('4b', 'Successful effects that earned the covert bonus', 'one successful effect with an imported copy (random-terms arm)', 'no watermark', 'watermark', covert, 'proportion'),
    ],
  );
}

/** 5. Leaks grow with holders and with source sharing; leaked tools come back against allies. */
function leaks(ms: readonly MatchMetrics[]): ClaimResult {
  const holders: Obs[] = ms.flatMap((m, match) => m.capabilityExposures.map((x) => ({ match, group: x.extraHolders >= 2 ? ('A' as const) : ('B' as const), value: bool(x.leaked) })));
  const source: Obs[] = ms.flatMap((m, match) => m.leakExposures.map((x) => ({ match, group: x.compiledOnly ? ('B' as const) : ('A' as const), value: bool(x.leaked) })));
  const tools = ms.flatMap((m) => m.leakedTools);
  const back = tools.filter((t) => t.usesAgainstAllies > 0).length;
  const usesBack = tools.reduce((n, t) => n + t.usesAgainstAllies, 0);
  const blamed = tools.reduce((n, t) => n + t.blamedOnAlly, 0);
  return claim(
    5,
    'Leaks grow with the number of holders and with source (not compiled-only) sharing, and leaked tools come back against allies.',
    [
      { file: SEED_SALES, text: 'By sharing these weapons, the exporter multiplies its risk of even an unintentional leak.' },
      { file: SEED_SALES, text: 'only the compiled applications are available to the importers and not the source code, which could be manipulated and misused.' },
      { file: SEED_SALES, text: 'The leak of cyber weapons at the NSA led to the NotPetya attacks, for example, which resulted in over $10 billion in worldwide damages and multiple hospitals having to turn away patients (McQuade).' },
    ],
    [
      twoSample('5a', 'Capability leaked that turn', 'one capability with copies outside its author, over one turn', '2 or more importers', '1 importer', holders, 'proportion'),
      twoSample('5b', 'Copy leaked that turn', 'one imported copy over one turn', 'shared with source', 'shared compiled-only', source, 'proportion'),
      single('Leaked tools the adversary used against an ally', 'one capability leaked to the adversary', 'used against an allied network at least once', back, tools.length),
    ],
    [`The adversary used leaked tools ${usesBack} time(s) against allies; ${blamed} of those uses were blamed on an ally (the tool's author).`],
  );
}

/** 6. Sovereign effects reach objectives without burning other allies' exploits. */
function sovereign(ms: readonly MatchMetrics[]): ClaimResult {
  const onObjectives = usesOf(ms, (u) => u.ally && u.kind === 'effect' && u.objective && (u.sovereign || (u.from !== null && !u.tailored)));
  const burn: Obs[] = onObjectives.map(({ match, u }) => ({ match, group: u.sovereign ? 'B' : 'A', value: u.otherAllyBurn }));
  const executions = onObjectives.filter(({ u }) => u.sovereign).map(({ u }) => u);
  const landed = executions.filter((u) => u.success).length;
  const burning = executions.filter((u) => u.otherAllyHolders > 0);
  const imported = burning.filter((u) => u.from !== null).length;
  const met = ms.filter((m) => m.objectives.some((o) => o.bySovereign)).length;
  const requested = ms.filter((m) => m.sovereignRequests > 0).length;
  return claim(
    6,
    'Sovereign effects reach coalition objectives without burning any other ally’s exploits.',
    [{ file: SEED_NATO, text: 'Because states do not actually have to disclose their capabilities, this overcomes the main barrier to cyber arms transfer while still facilitating cyber operations within the alliance structure.' }],
    [
      twoSample('6a', 'Freshness burned on exploits other allies hold', 'one allied effect on a coalition-objective network, with a copy another ally shared or as a sovereign effect', 'with a shared copy', 'sovereign effect', burn, 'mean'),
      single('Sovereign effects that landed on their objective network', 'one sovereign execution on a coalition-objective network', 'landed (the objective is met by it)', landed, executions.length),
      single('Sovereign effects that burned an exploit another ally held', 'one sovereign execution on a coalition-objective network', 'burned another ally’s exploit', burning.length, executions.length, 'none'),
    ],
    [
      `A coalition objective was met by a sovereign effect in ${met} of the ${requested} matches where the CyOC requested one.`,
      `${burning.length} of ${executions.length} sovereign executions burned an exploit another ally also held (${imported} with a copy the offering nation had imported, ${burning.length - imported} with its own tool it had shared before).`,
    ],
  );
}

/** 7. Hunt-forward missions cut the adversary's implant success in the host's networks. */
function huntForward(ms: readonly MatchMetrics[]): ClaimResult {
  const esp = usesOf(ms, (u) => !u.ally && u.kind === 'espionage');
  const obs: Obs[] = esp.map(({ match, u }) => ({ match, group: u.huntCover ? 'B' : 'A', value: bool(u.success) }));
  const planted = ms.reduce((n, m) => n + m.implants.planted, 0);
  const removed = ms.reduce((n, m) => n + m.implants.removedByHunts, 0);
  return claim(
    7,
    'Hunt-forward missions cut the adversary’s implant success in the host’s networks.',
    [{ file: SEED_NATO, text: 'these deployments can help Ukrainians uncover threats inside their networks without the United States directly hacking into Russian systems.' }],
    [twoSample('7', 'Adversary espionage that planted an implant', 'one adversary espionage use against an allied network', 'no hunt-forward team in the host', 'host has a hunt-forward team', obs, 'proportion')],
    [`Hunt-forward teams found and removed ${removed} of the ${planted} implants the adversary planted.`],
  );
}

/** 8. Tailored capabilities leave the exporter's own arsenal fresh. */
function tailoring(ms: readonly MatchMetrics[]): ClaimResult {
  const imported = usesOf(ms, (u) => u.ally && u.from !== null);
  const obs: Obs[] = imported.map(({ match, u }) => ({ match, group: u.tailored ? 'B' : 'A', value: u.exporterBurn }));
  return claim(
    8,
    'Tailored capabilities leave the exporter’s own arsenal fresh.',
    [{ file: SEED_SALES, text: 'The exporting country should not provide copies of cyber weapons from its own active arsenal, but rather, should develop tailored weapons for the importer.' }],
    [twoSample('8', 'Freshness the exporter’s own exploits lose per use', 'one use by an ally of a capability another ally gave it', 'a copy of the exporter’s tool', 'a tailored tool', obs, 'mean')],
  );
}

export interface MixRow {
  readonly arm: string;
  readonly n: number;
  readonly coalition: number;
  /** Share of the matches in which each coalition objective was met. */
  readonly met: readonly { readonly id: string; readonly share: number }[];
  readonly national: readonly { readonly nation: string; readonly mean: number }[];
}

/** Mean coalition and national scores per temperament-mix arm (the experiments are no mixes). */
export function mixTable(ms: readonly MatchMetrics[], arms: readonly string[], objectives: readonly string[] = []): MixRow[] {
  return arms.flatMap((arm) => {
    const rows = ms.filter((m) => m.arm === arm);
    if (rows.length === 0) return [];
    const nations = rows[0]?.national.map((n) => n.nation) ?? [];
    return [
      {
        arm,
        n: rows.length,
        coalition: summarize(rows.map((m) => m.coalition)).mean,
        met: objectives.map((id) => ({ id, share: rows.filter((m) => m.objectives.some((o) => o.id === id)).length / rows.length })),
        national: nations.map((nation) => ({ nation, mean: summarize(rows.map((m) => m.national.find((x) => x.nation === nation)?.score ?? 0)).mean })),
      },
    ];
  });
}

export interface StudyContext {
  /** Arms that are temperament mixes (the terms experiment is not). */
  readonly mixArms: readonly string[];
  readonly coalitionMix: string;
  readonly nationMix: string;
  readonly termsArm: string;
  readonly rivalryArm: string;
  /** Allies whose private brief guards a tool that reaches a coalition objective. */
  readonly keepers: readonly string[];
  /** Nation names by id, for the report. */
  readonly names: Readonly<Record<string, string>>;
}

const nationalOf = (m: MatchMetrics, nation: string) => m.national.find((x) => x.nation === nation)?.score ?? 0;

/**
 * 9. The dilemma, literally: over every mix played, the mix with the best mean coalition
 * score (C*) and, for each keeper, the mix with its best mean national score (N*). It holds
 * for a keeper when N* ≠ C*, the coalition scores higher under C* than under N* and the
 * keeper scores higher under N* than under C*, each test at α / (number of keepers); the
 * claim holds when it holds for at least one keeper (the one shown). Picking C* and N* from
 * the same matches flatters both differences a little (the winner's curse); the bootstrap
 * column and the margins in the report show by how much it could matter.
 */
function dilemma(ms: readonly MatchMetrics[], ctx: StudyContext): ClaimResult {
  const quotes = [{ file: SEED_NATO, text: 'states are less willing to share these assets because exploits and tools are also transitory in nature—they have a short shelf life.' }];
  const title = 'The dilemma is real: the temperament mix that maximises the coalition score is not the one that maximises a single nation’s score.';
  const table = mixTable(ms, ctx.mixArms).filter((r) => r.n >= 2);
  const bestBy = (value: (r: MixRow) => number) => [...table].sort((x, y) => value(y) - value(x) || (x.arm < y.arm ? -1 : 1))[0]?.arm ?? '';
  const cStar = bestBy((r) => r.coalition);
  const alpha = ALPHA / Math.max(1, ctx.keepers.length);
  const obs = (a: string, b: string, value: (m: MatchMetrics) => number): Obs[] =>
    ms.flatMap((m, match): Obs[] => (m.arm === a ? [{ match, group: 'A', value: value(m) }] : m.arm === b ? [{ match, group: 'B', value: value(m) }] : []));
  const tests = ctx.keepers.map((k) => {
    const nStar = bestBy((r) => r.national.find((n) => n.nation === k)?.mean ?? 0);
    if (!cStar || nStar === cStar) return { k, nStar, parts: [] as Part[], holds: false, p: 1 };
    const parts = [
      twoSample(`9c:${k}`, `Coalition score: the coalition’s best mix against ${ctx.names[k] ?? k}’s`, 'one match', `mix “${cStar}”`, `mix “${nStar}”`, obs(cStar, nStar, (m) => m.coalition), 'mean', alpha),
      twoSample(`9n:${k}`, `${ctx.names[k] ?? k}’s national score: its best mix against the coalition’s`, 'one match', `mix “${nStar}”`, `mix “${cStar}”`, obs(nStar, cStar, (m) => nationalOf(m, k)), 'mean', alpha),
    ];
    return { k, nStar, parts, holds: parts.every((p) => p.holds), p: Math.max(...parts.map((p) => p.cmp.p)) };
  });
  const shown = [...tests].sort((x, y) => Number(y.holds) - Number(x.holds) || x.p - y.p)[0];
  return claim(9, title, quotes, shown?.parts ?? [], [
    `Over the ${table.length} mixes played, the best mean coalition score is under “${cStar}”; ${tests.map((t) => `${ctx.names[t.k] ?? t.k}’s best national score under “${t.nStar}”`).join('; ') || 'no keepers'}.`,
    `Keepers (their private brief guards a tool that reaches a coalition objective): ${ctx.keepers.map((k) => ctx.names[k] ?? k).join(', ') || 'none'}; each tested at α = ${ALPHA}/${Math.max(1, ctx.keepers.length)}.`,
  ]);
}

/** 10. Dual-key and end-use limits reduce misuse at a cost in tempo. */
function controls(ms: readonly MatchMetrics[], arm: string): ClaimResult {
  const imported = usesOf(ms, (u, m) => m.arm === arm && u.ally && u.from !== null && u.compiledOnly);
  const misuse: Obs[] = imported.map(({ match, u }) => ({ match, group: u.dualKey ? 'B' : 'A', value: bool(!u.objective) }));
  const attempts = ms.flatMap((m, match) => (m.arm === arm ? m.imported.filter((a) => a.objective && a.compiledOnly).map((a) => ({ match, a })) : []));
  const tempo: Obs[] = attempts.map(({ match, a }) => ({ match, group: a.dualKey ? 'A' : 'B', value: bool(a.outcome !== 'executed') }));
  return claim(
    10,
    'Dual-key consent and end-use limits reduce misuse (uses outside the exporter’s interest) at a measurable cost in tempo.',
    [
      { file: SEED_SALES, text: 'requires the consent of the exporting partner for each use.' },
      { file: SEED_SALES, text: 'Such a restriction might prevent the importer from using the weapon in a manner inconsistent with end-use agreements in place with the exporter.' },
    ],
    [
      twoSample('10a', 'Imported-tool uses against networks that are no coalition objective (misuse)', 'one use of a compiled-only imported copy by an ally (random-terms arm)', 'no controls', 'dual-key + end-use', misuse, 'proportion'),
      twoSample('10b', 'Operations on objective networks that did not go ahead that turn (tempo)', 'one operation an ally ordered with a compiled-only imported copy against a coalition-objective network (random-terms arm)', 'dual-key + end-use', 'no controls', tempo, 'proportion'),
    ],
  );
}

/** Every claim, in the issue's order. */
export function evaluateClaims(ms: readonly MatchMetrics[], ctx: StudyContext): ClaimResult[] {
  return [rivalry(ms, ctx.rivalryArm), effectsVsEspionage(ms), sophistication(ms), watermarks(ms, ctx.termsArm), leaks(ms), sovereign(ms), huntForward(ms), tailoring(ms), dilemma(ms, ctx), controls(ms, ctx.termsArm)];
}
