import { PRIORITY_RULE } from './findings.ts';
import { annotationsOf, CAUSE_LABEL, headline, KIND_LABEL, reportPoints, timelineTurns, utc } from './text.ts';
import type { Aar, Finding } from './types.ts';

/**
 * Markdown text for a table cell or a line: no raw HTML can get through (`<` and `>` become
 * entities), pipes and line breaks cannot break a table, and Markdown's own markup characters
 * in names and notes are shown as typed.
 */
export function mdText(text: string): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => String(c)).join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const num = (x: number) => String(Math.round(x * 10) / 10 + 0);

function findings(list: readonly Finding[], none: string): string {
  return list.length === 0 ? none : list.map((f) => `- **${mdText(f.rule)}: ${f.value}** — ${mdText(f.detail)}`).join('\n');
}

/**
 * The after-action report as Markdown, same sections as the HTML page; the charts become a
 * per-turn score table (Markdown has no inline drawing a viewer is sure to show).
 */
export function renderMd(a: Aar): string {
  const o = a.overview;
  const n = (id: string) => mdText(a.names[id] ?? id);
  const out: string[] = [];
  out.push(`# After-action report`, '', `${mdText(headline(a))}`, '');
  out.push('## 1. Overview', '', mdText(o.scenario.summary), '');
  out.push(
    table(
      ['', ''],
      [
        ['Scenario', `${mdText(o.scenario.title)} (${mdText(o.scenario.id)} v${mdText(o.scenario.version)})`],
        ['Ruleset', mdText(o.ruleset)],
        ['Seed', o.seed],
        ['Turns played', `${o.turnsPlayed} of ${o.turnLimit}`],
        ['Record ends in', `${mdText(o.phase)}${o.endedEarly !== null ? ` (ended by the facilitator: ${mdText(o.endedEarly)})` : ''}`],
        ['Coalition', `score ${o.coalition.total}, legitimacy ${o.coalition.legitimacy}, objectives met ${o.coalition.objectivesMet} of ${o.coalition.objectivesTotal}`],
      ],
    ),
    '',
  );
  if (o.replayError) out.push(`> The record stops replaying part-way: ${mdText(o.replayError)} This report covers what replayed.`, '');
  out.push('### Seats', '', table(['Seat', 'Nation', 'Side', 'Played by (at the end)', 'People (joined or wrote)'], o.seats.map((s) => [mdText(s.seat), mdText(s.name), s.side, s.playedBy === 'bot' ? 'the bot' : 'people', mdText(s.people.join(', ')) || '—'])), '');
  out.push('### Final scores', '', table(['Nation', 'National', 'Coalition', 'Total'], [...o.finalScores].sort((x, y) => y.total - x.total).map((s) => [mdText(s.name), num(s.national), num(s.coalition), num(s.total)])), '');

  out.push('## 2. Objectives and how each was met', '');
  out.push(table(['Objective', 'Owner', 'Points', 'Met', 'Turn', 'How'], a.objectives.map((x) => [mdText(x.text), x.nation === null ? 'Coalition' : n(x.nation), num(x.points), x.met ? 'met' : x.pending ? 'not yet' : 'not met', x.turn ?? '—', mdText(x.how)])), '');

  out.push('## 3. Key decisions, turn by turn', '');
  const turns = timelineTurns(a);
  if (turns.length === 0) out.push('Nothing happened in this record yet.', '');
  for (const t of turns) {
    out.push(t === 0 ? '### Before the first turn' : `### Turn ${t}`, '');
    for (const w of a.whiteCell.filter((x) => x.turn === t)) out.push(`- *${w.kind === 'ruling' ? 'Ruling' : w.fromMsel ? 'Inject (MSEL)' : 'Inject'}* ${mdText(w.text)}`);
    for (const d of a.decisions.filter((x) => x.turn === t)) {
      out.push(`- **${KIND_LABEL[d.kind]}** ${mdText(d.text)}`);
      if (d.kind === 'share') for (const m of d.exchange) out.push(`  > turn ${m.turn}, ${mdText(m.channel)}, ${mdText(m.from)}: ${mdText(m.text)}`);
    }
    for (const m of a.misattributions.filter((x) => x.turn === t)) out.push(`- **Misattribution** ${mdText(m.explanation)}`);
    for (const l of a.leaks.filter((x) => x.turn === t)) out.push(`- **Leak** ${mdText(l.explanation)}`);
    for (const r of a.reports.filter((x) => x.turn === t)) out.push(`- **Report** ${n(r.nation)} to the White Cell (${reportPoints(r)}): “${mdText(r.text)}”`);
    for (const x of annotationsOf(a, t)) out.push(`- **Facilitator** ${mdText(x.text)}${x.author ? ` — ${mdText(x.author)}` : ''}`);
    out.push('');
  }

  out.push('## 4. Misattributions and leaks, with their true cause', '');
  out.push(
    a.misattributions.length === 0
      ? 'No misattribution: every attribution named the true user.'
      : table(['Turn', 'Incident', 'Victim', 'Blamed', 'True user', 'Capability', 'Cause', 'How it happened'], a.misattributions.map((m) => [m.turn, mdText(m.incident), n(m.victim), n(m.blamed), `**${n(m.user)}**`, mdText(m.capabilityName), CAUSE_LABEL[m.cause], mdText(m.explanation)])),
    '',
  );
  out.push(
    a.leaks.length === 0
      ? 'No capability leaked to the adversary.'
      : table(['Turn', 'Capability', 'From the copy of', 'Shared by', 'Later uses', 'True cause'], a.leaks.map((l) => [l.turn, mdText(l.capabilityName), n(l.holder), l.exporter ? n(l.exporter) : '—', l.laterUses.length, mdText(l.explanation)])),
    '',
  );

  out.push('## 5. Scores by turn', '');
  const allies = a.series.scores.nations;
  out.push(table(['Turn', 'Coalition', ...allies.map((x) => mdText(x.name))], a.series.turns.map((t, i) => [t, num(a.series.scores.coalition[i] ?? 0), ...allies.map((x) => num(x.total[i] ?? 0))])), '');

  out.push('## 6. Strengths', '', findings(a.strengths, 'No strength met its rule in this record.'), '');
  out.push('## 7. Areas for improvement', '', findings(a.improvements, 'No area for improvement met its rule in this record.'), '');
  out.push('## 8. Improvement plan', '');
  out.push(a.plan.length === 0 ? 'Nothing to plan.' : table(['Issue', 'Recommendation', 'Owner', 'Priority'], a.plan.map((p) => [mdText(p.issue), mdText(p.recommendation), mdText(p.owner), p.priority])), '');
  out.push(`Priority rule — ${mdText(PRIORITY_RULE)}`, '');
  out.push("## 9. Facilitator's annotations", '');
  out.push(a.annotations.length === 0 ? 'No annotations.' : table(['Turn', 'Note', 'By', 'Written'], a.annotations.map((x) => [x.turn, mdText(x.text), mdText(x.author ?? '—'), utc(x.at)])), '');
  return `${out.join('\n')}\n`;
}
