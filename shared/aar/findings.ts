import type { GameEvent } from '../engine/ruleset.ts';
import type { CyberState } from '../rules/types.ts';
import type { Namer } from './decisions.ts';
import type { Decision, Finding, LeakLine, MisattributionLine, ObjectiveLine, PlanRow } from './types.ts';

/**
 * Strengths, areas for improvement and the improvement plan (the HSEEP-style layout exercise
 * planners expect), each a count under a stated rule — no prose is invented: the rule, the
 * count and who it concerns come from the record; each recommendation is the fixed advice of
 * its rule, in the terms of docs/design.md.
 *
 * Priority rule: high for a missed coalition objective or a leak, or anything that happened
 * three times or more; medium twice; low once.
 */
export const PRIORITY_RULE = 'high: a missed coalition objective, a leak, or anything that happened 3 or more times; medium: twice; low: once.';

type Kinded<K extends Decision['kind']> = Extract<Decision, { kind: K }>;

/** "aldoria 2, brennmark 1": who, most first, then by id. */
function tally(ids: readonly string[], name: Namer): { text: string; top: string } {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const list = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { text: list.map(([id, n]) => `${name(id)} ${n}`).join(', '), top: list[0]?.[0] ?? '' };
}

const priority = (n: number, always = false): PlanRow['priority'] => (always || n >= 3 ? 'high' : n === 2 ? 'medium' : 'low');

export interface FindingsInput {
  readonly final: CyberState;
  readonly events: readonly GameEvent[];
  readonly decisions: readonly Decision[];
  readonly misattributions: readonly MisattributionLine[];
  readonly leaks: readonly LeakLine[];
  readonly objectives: readonly ObjectiveLine[];
}

export function findings(x: FindingsInput, name: Namer): { strengths: Finding[]; improvements: Finding[]; plan: PlanRow[] } {
  const { final } = x;
  const shares = x.decisions.filter((d): d is Kinded<'share'> => d.kind === 'share');
  const offers = x.decisions.filter((d): d is Kinded<'offer'> => d.kind === 'offer');
  const hunts = x.decisions.filter((d): d is Kinded<'hunt'> => d.kind === 'hunt');
  const strengths: Finding[] = [];
  const improvements: Finding[] = [];
  const plan: PlanRow[] = [];
  const strength = (rule: string, ids: readonly string[]) => {
    if (ids.length > 0) strengths.push({ rule, value: ids.length, detail: tally(ids, name).text });
  };
  const improve = (rule: string, ids: readonly string[], recommendation: string, always = false, owner?: string) => {
    if (ids.length === 0) return;
    const t = tally(ids, name);
    improvements.push({ rule, value: ids.length, detail: t.text });
    plan.push({ issue: `${rule}: ${ids.length} (${t.text})`, recommendation, owner: owner ?? name(t.top), priority: priority(ids.length, always) });
  };

  // Strengths.
  strength('Shares under dual-key (by exporter)', shares.filter((s) => s.terms.dualKey).map((s) => s.exporter));
  strength("Shares with the importer's watermark (by exporter)", shares.filter((s) => s.terms.watermark).map((s) => s.exporter));
  strength('Sovereign offers honoured: requested and delivered (by nation)', offers.filter((o) => o.status === 'executed').map((o) => o.nation));
  strength('Adversary implants removed by hunt-forward teams (by hunter)', hunts.flatMap((h) => h.findings.map(() => h.hunter)));
  strength('Right public attributions (by accuser)', final.nations.flatMap((n) => Array.from({ length: n.tally.publicAttributionsRight }, () => n.id)));
  strength('Coalition objectives met', x.objectives.filter((o) => o.scope === 'coalition' && o.met).map((o) => o.id));
  strength('Private objectives met (by nation)', x.objectives.filter((o) => o.scope === 'private' && o.met).map((o) => o.nation ?? ''));

  // Areas for improvement, each with its row of the improvement plan.
  improve('Coalition objectives missed', x.objectives.filter((o) => o.scope === 'coalition' && !o.met && !o.pending).map((o) => o.id), 'Plan the coalition effect early: name who delivers it (a sovereign offer the CyOC requests in time, or a shared tool) and a fallback.', true, 'all allies');
  improve('Sovereign offers declined (by nation)', offers.filter((o) => o.status === 'declined').map((o) => o.nation), 'Offer only effects the nation is ready to deliver, and answer CyOC requests within the planning window.');
  const cyoc = final.rules.cyoc === 'facilitator' ? 'CyOC (facilitator)' : `CyOC (${name(final.rules.cyoc)})`;
  improve('Sovereign offers that expired unrequested (by nation)', offers.filter((o) => o.status === 'expired').map((o) => o.nation), 'CyOC: review open offers every turn and request or release them before their window closes.', false, cyoc);
  improve("Allies' exploits burned by over-use: used twice or more, then patched or at freshness 0 (by author)", burnedByOveruse(final), 'Space out uses of one exploit; every use burns it for every holder. Prefer tailored tools or sovereign effects over many holders of one exploit.');
  const wrongBlame = x.misattributions.filter((m) => m.cause === 'shared-copy' || m.cause === 'tailored-copy');
  improve("Misattributions from shared or tailored copies without watermark (by nation blamed)", wrongBlame.map((m) => m.blamed), "Share with the importer's watermark when the importer may use the tool overtly: the blame then goes to the user.");
  improve('Misattributions from leaked copies (by nation blamed)', x.misattributions.filter((m) => m.cause === 'leaked-copy').map((m) => m.blamed), 'Share compiled-only, to fewer holders with good hygiene: each extra holder adds leak risk, and a leaked tool is blamed on its author.', true);
  improve('Wrong public attributions (by accuser)', x.misattributions.filter((m) => m.cause === 'public-accusation').map((m) => {
    const e = x.events.find((ev) => ev.type === 'PubliclyAttributed' && ev.data?.incident === m.incident && ev.data?.accused === m.blamed);
    return String(e?.data?.accuser ?? m.victim);
  }), 'Corroborate with hunt-forward findings and shared intelligence before accusing publicly: the fingerprint names the author, not the user.');
  improve('Leaks of shared tools (by exporter)', x.leaks.map((l) => l.exporter ?? l.holder), 'Share compiled-only, with an expiry, to holders with good hygiene; fewer copies, less leak risk.', true);
  improve('Shares given as source, not compiled-only (by exporter)', shares.filter((s) => !s.terms.compiledOnly).map((s) => s.exporter), 'Share compiled-only unless the importer must adapt the tool: source copies double the leak risk and can be re-shared.');
  improve('End-use violations (by user)', final.nations.flatMap((n) => Array.from({ length: n.tally.endUseViolations }, () => n.id)), 'Agree targets before sharing and use shared tools only within their end-use list.');
  improve('Dual-key uses refused (by importer)', x.events.filter((e) => e.type === 'OperationRefused' && e.audience.kind === 'seats').map((e) => (e.audience.kind === 'seats' ? (e.audience.seats[0] ?? '') : '')), 'Ask for the exporter\'s consent in the same planning window, and exporters: answer dual-key requests before planning closes.');
  return { strengths, improvements, plan };
}

/** Allies' exploits used at least twice that ended patched or at freshness 0, listed by their author. */
function burnedByOveruse(s: CyberState): string[] {
  const ally = (id: string) => s.nations.find((n) => n.id === id)?.side === 'ally';
  return s.exploits.filter((e) => e.uses >= 2 && (e.patched || e.freshness <= 0) && ally(e.author)).map((e) => e.author as string);
}
