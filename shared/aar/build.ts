import { joinsOf } from '../engine/joins.ts';
import type { AnyRuleset, MatchRecord } from '../engine/match.ts';
import { ok, reject, type Result } from '../engine/result.ts';
import { score } from '../rules/scoring.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { misattributions, leaks } from './blame.ts';
import { keyDecisions } from './decisions.ts';
import { exchangeFinder } from './exchanges.ts';
import { findings } from './findings.ts';
import { foldRecord, type Folded } from './fold.ts';
import { objectiveLines } from './objectives.ts';
import { seriesOf } from './series.ts';
import { nationRows } from './turns.ts';
import type { Aar, Annotation, Overview, SeatLine, WhiteCellLine } from './types.ts';

/**
 * The after-action report of a match record (docs/design.md §1 the facilitator's review; §7 the
 * record replays every turn exactly): pure and deterministic — the same record and
 * annotations give the same report, byte for byte once rendered.
 *
 * Built from the facilitator's truth: the state after each resolution (true users of
 * incidents, copies and their terms, offers, missions) and every event with its turn. A
 * record that stops replaying part-way gives the report of what did replay, and says where
 * it stopped (`overview.replayError`). Refusals: `wrong-ruleset` (the AAR reads the
 * cyber-alliance rules), and whatever replay refuses about the record as a whole
 * (`wrong-scenario`, `wrong-format`).
 */
export function buildAar(ruleset: AnyRuleset, scenario: Scenario, record: MatchRecord<unknown>, annotations: readonly Annotation[] = []): Result<Aar> {
  if (ruleset.id !== 'cyber-alliance' || record.ruleset !== 'cyber-alliance') {
    return reject('wrong-ruleset', `After-action reports are written for cyber-alliance matches; this is "${record.ruleset}".`);
  }
  const folded = foldRecord(scenario, record);
  if (!('match' in folded)) return reject('bad-record', folded.error);
  return ok(fromFolded(scenario, record, folded, annotations));
}

function fromFolded(scenario: Scenario, record: MatchRecord<unknown>, f: Folded, annotations: readonly Annotation[]): Aar {
  const final = f.match.state;
  const events = f.match.events;
  const names: Record<string, string> = {};
  for (const n of final.nations) names[n.id] = n.name;
  for (const n of final.networks) names[n.id] = n.name;
  const name = (id: string) => names[id] ?? id;

  const decisions = keyDecisions(f.states, final, events, name, exchangeFinder(f.match.chat, final, f.drafts));
  const wrong = misattributions(final, events, name);
  const leaked = leaks(final, events, name);
  const objectives = objectiveLines(f.states, final, events, name, f.match.phase === 'ended');
  const found = findings({ final, events, decisions, misattributions: wrong, leaks: leaked, objectives }, name);
  const series = seriesOf(f.states);
  const rows = nationRows(f.states, events);

  return {
    format: 1,
    overview: overview(scenario, record, f, objectives.filter((o) => o.scope === 'coalition')),
    objectives,
    decisions,
    misattributions: wrong,
    leaks: leaked,
    whiteCell: events.flatMap((e): WhiteCellLine[] => {
      if (e.type === 'InjectFired') return [{ turn: e.turn, kind: 'inject', fromMsel: final.injects.find((i) => i.id === e.data?.inject)?.fromMsel ?? false, text: e.text }];
      if (e.type === 'Adjudicated') return [{ turn: e.turn, kind: 'ruling', fromMsel: false, text: e.text }];
      return [];
    }),
    reports: final.reports.map((r) => ({ turn: r.turn, nation: r.nation, text: r.text, points: r.points, released: r.released })),
    series,
    rows,
    strengths: found.strengths,
    improvements: found.improvements,
    plan: found.plan,
    annotations: [...annotations].sort((a, b) => a.turn - b.turn || a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    names,
  };
}

function overview(scenario: Scenario, record: MatchRecord<unknown>, f: Folded, coalition: readonly { met: boolean }[]): Overview {
  const m = f.match;
  const final = m.state;
  const sc = score(final);
  const joins = joinsOf(record.entries.slice(0, f.applied));
  const seats: SeatLine[] = final.nations.map((n) => {
    const botChanges: { turn: number; bot: boolean }[] = [];
    record.entries.slice(0, f.applied).forEach((e, i) => {
      if (e.kind === 'control' && e.action.type === 'setBot' && e.action.seat === n.id) botChanges.push({ turn: f.entryTurn[i] ?? 0, bot: e.action.bot });
    });
    const joined = joins.filter((j) => j.role === 'seat' && j.seat === n.id).map((j) => ({ name: j.name, turn: f.entryTurn[j.index] ?? 0 }));
    const wrote = (m.chat?.messages ?? []).filter((x) => x.seat === n.id).map((x) => x.author);
    const people = [...new Set([...joined.map((j) => j.name), ...wrote])].sort();
    return { seat: n.id, name: n.name, side: n.side, playedBy: m.bots.includes(n.id) ? 'bot' : 'people', people, joined, botChanges };
  });
  let endedEarly: string | null = null;
  for (const e of record.entries.slice(0, f.applied)) if (e.kind === 'control' && e.action.type === 'end') endedEarly = e.action.reason;
  const turnsPlayed = f.states.length - 1;
  return {
    ruleset: record.ruleset,
    scenario: { id: scenario.id, version: scenario.version, title: scenario.title, summary: scenario.summary },
    seed: record.seed,
    turnsPlayed,
    turnLimit: final.rules.turns,
    phase: m.phase,
    endedEarly,
    seats,
    finalScores: sc.nations.map((n) => ({ nation: n.nation, name: n.name, national: n.national, coalition: n.coalition, total: n.total, parts: n.parts })),
    coalition: { total: sc.coalition.total, legitimacy: sc.coalition.legitimacy, objectivesMet: coalition.filter((o) => o.met).length, objectivesTotal: coalition.length },
    replayError: f.error,
  };
}
