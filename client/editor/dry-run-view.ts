import { el } from '../screens/dom.ts';
import type { DryRunResult } from './api.ts';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** The dry run's report as tables: wins, objectives, turn times, the claims, and warnings first. */
export function dryRunView(r: DryRunResult): HTMLElement {
  const table = (head: string[], rows: (string | Node)[][]) =>
    el('table', { class: 'codes' }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows.map((row) => el('tr', {}, ...row.map((c) => el('td', {}, c))))));
  return el(
    'section',
    { 'data-testid': 'dry-run-report' },
    el('h2', {}, `Dry run: ${r.matches} bot matches of ${r.scenario.title}`),
    el('p', { class: 'muted' }, `${(r.wallMs / 1000).toFixed(1)} s on the server; one turn of bot play took ${r.turnMs.mean.toFixed(1)} ms on average (slowest match: ${r.turnMs.max.toFixed(1)} ms a turn). Mean coalition score ${r.meanCoalitionScore.toFixed(1)}.`),
    r.warnings.length > 0 ? el('ul', { class: 'warnings', 'data-testid': 'dry-run-warnings' }, ...r.warnings.map((w) => el('li', {}, `⚠ ${w}`))) : el('p', {}, 'No warnings: every seat can score and every coalition objective was reached at least once.'),
    el('h3', {}, 'Who wins how often (best national score of the match)'),
    table(['Nation', 'Wins'], r.wins.map((w) => [w.name, pct(w.share)])),
    el('h3', {}, 'Which objectives are reachable'),
    table(['Objective', 'Reached', 'Mean turn'], [
      ...r.coalitionObjectives.map((o) => [`Coalition: ${o.text}`, pct(o.reached), o.meanTurn === null ? '—' : o.meanTurn.toFixed(1)]),
      ...r.privateObjectives.map((o) => [`${o.name}: ${o.text}`, pct(o.reached), '']),
    ]),
    el('h3', {}, 'The essays’ ten claims on this scenario'),
    table(['#', 'Claim', 'Verdict'], r.claims.map((c) => [String(c.id), c.title, c.holds ? 'holds' : 'does not hold'])),
  );
}
