import { seriesCharts } from './charts.ts';
import { PRIORITY_RULE } from './findings.ts';
import { annotationsOf, CAUSE_LABEL, escapeHtml as e, headline, KIND_LABEL, reportPoints, timelineTurns, utc } from './text.ts';
import type { Aar, Decision, Finding } from './types.ts';

/**
 * The after-action report as one self-contained HTML page: inline CSS, inline SVG charts,
 * no script, no URL but in-page anchors (it opens offline, from a file or an e-mail).
 * Every string that comes from the record, the scenario or a person — names, report texts,
 * messages, annotations — is escaped. Laid out as exercise planners expect: overview,
 * objectives and how each was met, key decisions, misattributions and leaks, charts,
 * strengths, areas for improvement, improvement plan, the facilitator's annotations.
 */
export function renderHtml(a: Aar): string {
  const o = a.overview;
  const n = (id: string) => e(a.names[id] ?? id);
  const out: string[] = [];
  out.push('<!doctype html>', '<html lang="en"><head><meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>After-action report — ${e(headline(a))}</title>`, `<style>${CSS}</style>`, '</head><body>');
  out.push(`<header><h1>After-action report</h1><p class="sub">${e(headline(a))}</p></header>`);
  out.push('<nav><ol>', ...SECTIONS.map(([id, title]) => `<li><a href="#${id}">${e(title)}</a></li>`), '</ol></nav>');

  // 1. Overview.
  out.push(section('overview', '1. Overview'));
  out.push(`<p>${e(o.scenario.summary)}</p>`);
  out.push(
    table(
      ['', ''],
      [
        ['Scenario', `${e(o.scenario.title)} (${e(o.scenario.id)} v${e(o.scenario.version)})`],
        ['Ruleset', e(o.ruleset)],
        ['Seed', String(o.seed)],
        ['Turns played', `${o.turnsPlayed} of ${o.turnLimit}`],
        ['Record ends in', `${e(o.phase)}${o.endedEarly !== null ? ` (ended by the facilitator: ${e(o.endedEarly)})` : ''}`],
        ['Coalition', `score ${o.coalition.total}, legitimacy ${o.coalition.legitimacy}, objectives met ${o.coalition.objectivesMet} of ${o.coalition.objectivesTotal}`],
      ],
      'kv',
    ),
  );
  if (o.replayError) out.push(`<p class="warn">The record stops replaying part-way: ${e(o.replayError)} This report covers what replayed.</p>`);
  out.push('<h3>Seats</h3>');
  out.push(
    table(
      ['Seat', 'Nation', 'Side', 'Played by (at the end)', 'People (joined or wrote)', 'Changes'],
      o.seats.map((s) => [e(s.seat), e(s.name), e(s.side), s.playedBy === 'bot' ? 'the bot' : 'people', e(s.people.join(', ') || '—'), e([...s.joined.map((j) => `turn ${j.turn}: ${j.name} joined`), ...s.botChanges.map((c) => `turn ${c.turn}: ${c.bot ? 'to the bot' : 'to people'}`)].join('; ') || '—')]),
    ),
  );
  out.push('<h3>Final scores</h3>');
  out.push(table(['Nation', 'National', 'Coalition', 'Total'], [...o.finalScores].sort((x, y) => y.total - x.total).map((s) => [e(s.name), num(s.national), num(s.coalition), `<b>${num(s.total)}</b>`]), 'num'));

  // 2. Objectives.
  out.push(section('objectives', '2. Objectives and how each was met'));
  out.push(
    table(
      ['Objective', 'Owner', 'Points', 'Met', 'Turn', 'How'],
      a.objectives.map((x) => [e(x.text), x.nation === null ? 'Coalition' : n(x.nation), num(x.points), x.met ? '<span class="ok">met</span>' : x.pending ? 'not yet' : '<span class="no">not met</span>', x.turn === null ? '—' : String(x.turn), e(x.how)]),
    ),
  );

  // 3. Timeline.
  out.push(section('timeline', '3. Key decisions, turn by turn'));
  const turns = timelineTurns(a);
  if (turns.length === 0) out.push('<p>Nothing happened in this record yet.</p>');
  for (const t of turns) {
    out.push(`<h3 id="turn-${t}">${t === 0 ? 'Before the first turn' : `Turn ${t}`}</h3><ul class="timeline">`);
    for (const w of a.whiteCell.filter((x) => x.turn === t)) out.push(`<li class="wc"><span class="tag wc">${w.kind === 'ruling' ? 'Ruling' : w.fromMsel ? 'Inject (MSEL)' : 'Inject'}</span> ${e(w.text)}</li>`);
    for (const d of a.decisions.filter((x) => x.turn === t)) out.push(`<li><span class="tag ${d.kind}">${e(KIND_LABEL[d.kind])}</span> ${e(d.text)}${exchange(d)}</li>`);
    for (const m of a.misattributions.filter((x) => x.turn === t)) out.push(`<li><span class="tag wrong">Misattribution</span> ${e(m.explanation)}</li>`);
    for (const l of a.leaks.filter((x) => x.turn === t)) out.push(`<li><span class="tag wrong">Leak</span> ${e(l.explanation)}</li>`);
    for (const r of a.reports.filter((x) => x.turn === t)) out.push(`<li><span class="tag report">Report</span> ${n(r.nation)} to the White Cell (${e(reportPoints(r))}): <q>${e(r.text)}</q></li>`);
    for (const x of annotationsOf(a, t)) out.push(`<li class="note"><span class="tag note">Facilitator</span> ${e(x.text)}${x.author ? ` <span class="by">— ${e(x.author)}</span>` : ''}</li>`);
    out.push('</ul>');
  }

  // 4. Misattributions and leaks.
  out.push(section('blame', '4. Misattributions and leaks, with their true cause'));
  out.push(
    a.misattributions.length === 0
      ? '<p>No misattribution: every attribution named the true user.</p>'
      : table(
          ['Turn', 'Incident', 'Victim', 'Blamed', 'True user', 'Capability', 'Cause', 'How it happened'],
          a.misattributions.map((m) => [String(m.turn), e(m.incident), n(m.victim), n(m.blamed), `<b>${n(m.user)}</b>`, e(m.capabilityName), e(CAUSE_LABEL[m.cause]), e(m.explanation)]),
        ),
  );
  out.push(
    a.leaks.length === 0
      ? '<p>No capability leaked to the adversary.</p>'
      : table(
          ['Turn', 'Capability', 'From the copy of', 'Shared by', 'Compiled-only', 'Later uses', 'True cause'],
          a.leaks.map((l) => [String(l.turn), e(l.capabilityName), n(l.holder), l.exporter ? n(l.exporter) : '—', l.compiledOnly === null ? '?' : l.compiledOnly ? 'yes' : 'no', String(l.laterUses.length), e(l.explanation)]),
        ),
  );

  // 5. Charts.
  out.push(section('charts', '5. Freshness, scores, attributions and availability'));
  // Only what moved: exploits used, discovered or patched, networks whose availability fell (the JSON keeps every series).
  const shown = {
    ...a.series,
    exploits: a.series.exploits.filter((x) => x.markers.length > 0),
    availability: a.series.availability.filter((w) => w.values.some((v) => v !== null && v < 100)),
  };
  out.push(`<p class="rule">Freshness: the ${shown.exploits.length} exploit(s) of ${a.series.exploits.length} that were used, discovered or patched. Availability: the ${shown.availability.length} network(s) of ${a.series.availability.length} whose availability fell below 100.</p>`);
  const charts = seriesCharts(shown, { width: 760, height: 360 });
  for (const svg of [charts.freshness, charts.scores, charts.attributions, charts.availability]) out.push(`<figure>${inlineSvg(svg)}</figure>`);

  // 6–8. Strengths, areas for improvement, improvement plan.
  out.push(section('strengths', '6. Strengths'), findingList(a.strengths, 'No strength met its rule in this record.'));
  out.push(section('improvements', '7. Areas for improvement'), findingList(a.improvements, 'No area for improvement met its rule in this record.'));
  out.push(section('plan', '8. Improvement plan'));
  out.push(a.plan.length === 0 ? '<p>Nothing to plan.</p>' : table(['Issue', 'Recommendation', 'Owner', 'Priority'], a.plan.map((p) => [e(p.issue), e(p.recommendation), e(p.owner), `<span class="prio ${p.priority}">${p.priority}</span>`])));
  out.push(`<p class="rule">Priority rule — ${e(PRIORITY_RULE)}</p>`);

  // 9. Annotations.
  out.push(section('annotations', "9. Facilitator's annotations"));
  out.push(a.annotations.length === 0 ? '<p>No annotations.</p>' : table(['Turn', 'Note', 'By', 'Written'], a.annotations.map((x) => [String(x.turn), e(x.text), e(x.author ?? '—'), e(utc(x.at))])));
  out.push('<footer>Built from the match record by replaying it (the facilitator\'s view: true users, copies, leaks). Every count above follows the rule stated beside it.</footer>');
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

const SECTIONS: readonly [string, string][] = [
  ['overview', 'Overview'],
  ['objectives', 'Objectives and how each was met'],
  ['timeline', 'Key decisions, turn by turn'],
  ['blame', 'Misattributions and leaks'],
  ['charts', 'Charts'],
  ['strengths', 'Strengths'],
  ['improvements', 'Areas for improvement'],
  ['plan', 'Improvement plan'],
  ['annotations', "Facilitator's annotations"],
];

const section = (id: string, title: string) => `<h2 id="${id}">${e(title)}</h2>`;
const num = (x: number) => String(Math.round(x * 10) / 10 + 0);

/** Inline SVG in HTML needs no namespace declaration; dropping it keeps the page free of any URL. */
function inlineSvg(svg: string): string {
  return svg.replace(/\s+xmlns="[^"]*"/g, '');
}

function table(head: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  const th = head.some((h) => h !== '') ? `<thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>` : '';
  return `<table${cls ? ` class="${cls}"` : ''}>${th}<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function findingList(list: readonly Finding[], none: string): string {
  if (list.length === 0) return `<p>${e(none)}</p>`;
  return `<ul class="findings">${list.map((f) => `<li><b>${e(f.rule)}: ${f.value}</b> — ${e(f.detail)}</li>`).join('')}</ul>`;
}

function exchange(d: Decision): string {
  if (d.kind !== 'share' || d.exchange.length === 0) return '';
  const lines = d.exchange.map((m) => `<li><span class="by">turn ${m.turn}, ${e(m.channel)}, ${e(m.from)}:</span> ${e(m.text)}</li>`);
  return `<details open><summary>The exchange that led to it</summary><ul class="talk">${lines.join('')}</ul></details>`;
}

/** The report's one stylesheet, inline; the server's page CSP allows exactly this text (by its hash) for the report opened from the console. */
export const CSS = [
  'body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;max-width:70rem;margin:0 auto;padding:1rem 1.5rem 3rem}',
  'h1{margin:.2rem 0}h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.2rem}h3{margin:1.2rem 0 .4rem}',
  '.sub{color:#444;margin:0 0 1rem}nav ol{columns:2;color:#333}nav a{color:#0b4f8a}',
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92em}th,td{border:1px solid #d0d0d0;padding:.3rem .45rem;vertical-align:top;text-align:left}',
  'th{background:#eef3f8}table.kv td:first-child{font-weight:600;width:12rem;background:#f7f7f7}table.num td+td{text-align:right}',
  '.ok{color:#006d3c;font-weight:600}.no{color:#a33200;font-weight:600}.warn{background:#fff3e0;border-left:4px solid #D55E00;padding:.4rem .6rem}',
  'ul.timeline{list-style:none;padding-left:0}ul.timeline li{margin:.35rem 0;padding:.3rem .5rem;border-left:3px solid #ccc}ul.timeline li.note{border-left-color:#CC79A7;background:#fbf1f7}',
  '.tag{display:inline-block;font-size:.78em;font-weight:700;padding:0 .4rem;border-radius:3px;background:#e6e6e6;margin-right:.3rem}',
  '.tag.share{background:#d6eaf8}.tag.tailor{background:#e8f6f3}.tag.offer{background:#fdebd0}.tag.hunt{background:#e9f7ef}.tag.wrong{background:#fadbd8}.tag.note{background:#f5d5e6}.tag.report{background:#eee8d5}.tag.wc{background:#ddd}ul.timeline li.wc{color:#444;border-left-color:#999}',
  '.by{color:#555;font-size:.9em}details{margin:.3rem 0 0 .5rem}ul.talk{margin:.2rem 0;padding-left:1.2rem}',
  'figure{margin:1rem 0;overflow-x:auto}svg{max-width:100%;height:auto}',
  '.prio{font-weight:700}.prio.high{color:#a33200}.prio.medium{color:#8a6d00}.prio.low{color:#555}.rule{color:#555;font-size:.9em}',
  'footer{margin-top:3rem;color:#666;font-size:.85em;border-top:1px solid #ddd;padding-top:.5rem}',
  '@media print{nav{display:none}h2{break-after:avoid}figure,table{break-inside:avoid}}',
].join('\n');
