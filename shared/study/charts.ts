import type { MixRow } from './claims.ts';
import type { MatchMetrics } from './metrics.ts';
import { summarize, wilson, Z95 } from './stats.ts';

/**
 * The report's three charts as inline SVG text. Pure and deterministic: every number is
 * written with a fixed number of decimals, so the same data gives the same bytes.
 */

const W = 720;
const H = 320;
const M = { left: 56, right: 200, top: 28, bottom: 44 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const COLORS = ['#c0392b', '#2471a3', '#1e8449', '#b9770e', '#7d3c98', '#5d6d7e', '#d35400', '#17a589'];

const n1 = (x: number) => (Math.round(x * 10) / 10 + 0).toFixed(1);
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function frame(title: string, body: string[], xLabel: string, yLabel: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11" role="img" aria-label="${esc(title)}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${M.left}" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
    ...body,
    `<text x="${n1(M.left + PLOT_W / 2)}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="14" y="${n1(M.top + PLOT_H / 2)}" text-anchor="middle" transform="rotate(-90 14 ${n1(M.top + PLOT_H / 2)})">${esc(yLabel)}</text>`,
    '</svg>',
  ].join('\n');
}

/** Axes with ticks; returns the scale functions. */
function axes(xMin: number, xMax: number, yMin: number, yMax: number, xTicks: number[], yTicks: number[], body: string[], xTickLabel = (v: number) => String(v)) {
  const x = (v: number) => M.left + ((v - xMin) / (xMax - xMin || 1)) * PLOT_W;
  const y = (v: number) => M.top + PLOT_H - ((v - yMin) / (yMax - yMin || 1)) * PLOT_H;
  body.push(`<line x1="${M.left}" y1="${M.top + PLOT_H}" x2="${M.left + PLOT_W}" y2="${M.top + PLOT_H}" stroke="#333"/>`);
  body.push(`<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + PLOT_H}" stroke="#333"/>`);
  for (const t of yTicks) {
    body.push(`<line x1="${M.left}" y1="${n1(y(t))}" x2="${M.left + PLOT_W}" y2="${n1(y(t))}" stroke="#e5e5e5"/>`);
    body.push(`<text x="${M.left - 6}" y="${n1(y(t) + 4)}" text-anchor="end">${esc(String(t))}</text>`);
  }
  for (const t of xTicks) body.push(`<text x="${n1(x(t))}" y="${M.top + PLOT_H + 16}" text-anchor="middle">${esc(xTickLabel(t))}</text>`);
  return { x, y };
}

function legend(items: { label: string; color: string; dashed?: boolean }[], body: string[]): void {
  items.forEach((it, i) => {
    const y = M.top + 10 + i * 18;
    const x = M.left + PLOT_W + 14;
    body.push(`<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" stroke="${it.color}" stroke-width="3"${it.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    body.push(`<text x="${x + 24}" y="${y + 4}">${esc(it.label)}</text>`);
  });
}

/**
 * Claim 1's experiment over time: mean freshness of the exploits bots offered to share,
 * from the start of the turn of the first offer (0) — shared as the bot wished, or (at
 * random) never shared — with 95% bands. A trial leaves the curve when the match ends.
 */
export function freshnessChart(ms: readonly MatchMetrics[], arm: string): string {
  const trials = ms.filter((m) => m.arm === arm).flatMap((m) => m.sharingTrials);
  const span = Math.max(1, ...trials.map((t) => t.track.length - 1));
  const body: string[] = [];
  const { x, y } = axes(0, span, 0, 100, Array.from({ length: span + 1 }, (_, i) => i), [0, 25, 50, 75, 100], body);
  const series = [
    { label: 'shared', color: COLORS[0] as string, withheld: false },
    { label: 'kept (never shared)', color: COLORS[1] as string, withheld: true },
  ];
  const items: { label: string; color: string }[] = [];
  for (const s of series) {
    const group = trials.filter((t) => t.withheld === s.withheld);
    const points = Array.from({ length: span + 1 }, (_, k) => ({ k, st: summarize(group.filter((t) => t.track.length > k).map((t) => t.track[k] ?? 0)) })).filter((p) => p.st.n > 0);
    const half = (st: { n: number; variance: number }) => (st.n > 1 ? Z95 * Math.sqrt(st.variance / st.n) : 0);
    const upper = points.map((p) => `${n1(x(p.k))},${n1(y(Math.min(100, p.st.mean + half(p.st))))}`);
    const lower = points.map((p) => `${n1(x(p.k))},${n1(y(Math.max(0, p.st.mean - half(p.st))))}`).reverse();
    body.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${s.color}" fill-opacity="0.15" stroke="none"/>`);
    body.push(`<polyline points="${points.map((p) => `${n1(x(p.k))},${n1(y(p.st.mean))}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`);
    items.push({ label: `${s.label} (n = ${group.length})`, color: s.color });
  }
  legend(items, body);
  return frame('Freshness over time of exploits offered for sharing: shared vs kept', body, 'turns since the first share offer (0: start of that turn)', 'mean freshness (95% band)');
}

export interface TermsBar {
  readonly label: string;
  readonly x: number;
  readonly n: number;
}

/** Share of uses of imported copies that were blamed on the exporter, per combination of terms. */
export function termsBars(ms: readonly MatchMetrics[], termsArm: string): TermsBar[] {
  const uses = ms.filter((m) => m.arm === termsArm).flatMap((m) => m.uses.filter((u) => u.ally && u.from !== null));
  const combos = [
    { label: 'no watermark, no controls', wm: false, ctl: false },
    { label: 'no watermark, dual-key + end-use', wm: false, ctl: true },
    { label: 'watermark, no controls', wm: true, ctl: false },
    { label: 'watermark, dual-key + end-use', wm: true, ctl: true },
  ];
  return combos.map((c) => {
    const group = uses.filter((u) => u.watermark === c.wm && u.dualKey === c.ctl);
    return { label: c.label, x: group.filter((u) => u.blamed === u.from && u.blamed !== u.user).length, n: group.length };
  });
}

export function misattributionChart(bars: readonly TermsBar[]): string {
  const body: string[] = [];
  const top = Math.max(0.1, ...bars.map((b) => wilson(b.x, b.n).hi));
  const yMax = Math.ceil(top * 10) / 10;
  const ticks = Array.from({ length: Math.round(yMax * 10) + 1 }, (_, i) => Math.round(i * 10) / 100);
  const { y } = axes(0, 1, 0, yMax, [], ticks.filter((_, i) => i % Math.max(1, Math.ceil(ticks.length / 6)) === 0), body);
  const slot = PLOT_W / bars.length;
  bars.forEach((b, i) => {
    const cx = M.left + slot * (i + 0.5);
    const p = b.n > 0 ? b.x / b.n : 0;
    const w = wilson(b.x, b.n);
    body.push(`<rect x="${n1(cx - slot * 0.3)}" y="${n1(y(p))}" width="${n1(slot * 0.6)}" height="${n1(y(0) - y(p))}" fill="${i < 2 ? COLORS[0] : COLORS[1]}"/>`);
    body.push(`<line x1="${n1(cx)}" y1="${n1(y(w.lo))}" x2="${n1(cx)}" y2="${n1(y(w.hi))}" stroke="#222"/>`);
    body.push(`<text x="${n1(cx - 4)}" y="${n1(y(p) - 6)}" text-anchor="end">${(100 * p).toFixed(1)}% (${b.x}/${b.n})</text>`);
    const words = b.label.split(', ');
    words.forEach((wd, j) => body.push(`<text x="${n1(cx)}" y="${M.top + PLOT_H + 14 + j * 12}" text-anchor="middle" font-size="10">${esc(wd)}</text>`));
  });
  legend(
    [
      { label: 'no watermark', color: COLORS[0] as string },
      { label: 'watermark', color: COLORS[1] as string },
    ],
    body,
  );
  return frame('Uses of imported tools blamed on the exporter, by share terms', body, '', 'share of uses (Wilson 95%)');
}

/** Each mix as a point: mean coalition score against a nation's mean national score. */
export function mixChart(rows: readonly MixRow[], nations: readonly { id: string; name: string }[]): string {
  const body: string[] = [];
  const series = [...nations.map((n) => ({ label: `${n.name} (national)`, value: (r: MixRow) => r.national.find((x) => x.nation === n.id)?.mean ?? 0 })), { label: 'mean of all allies', value: (r: MixRow) => summarize(r.national.map((x) => x.mean)).mean }];
  const xs = rows.map((r) => r.coalition);
  const ys = rows.flatMap((r) => series.map((s) => s.value(r)));
  const xMax = Math.max(10, Math.ceil(Math.max(...xs) / 10) * 10);
  const yMin = Math.min(0, Math.floor(Math.min(...ys) / 10) * 10);
  const yMax = Math.max(10, Math.ceil(Math.max(...ys) / 10) * 10);
  const step = (lo: number, hi: number) => Math.max(5, Math.ceil((hi - lo) / 6 / 5) * 5);
  const tick = (lo: number, hi: number) => Array.from({ length: Math.floor((hi - lo) / step(lo, hi)) + 1 }, (_, i) => lo + i * step(lo, hi));
  const { x, y } = axes(0, xMax, yMin, yMax, tick(0, xMax), tick(yMin, yMax), body);
  const placed: { x: number; y: number }[] = [];
  series.forEach((s, i) => {
    const color = i === series.length - 1 ? '#888888' : (COLORS[i % COLORS.length] as string);
    for (const r of rows) {
      const cx = x(r.coalition);
      const cy = y(s.value(r));
      body.push(i === series.length - 1 ? `<circle cx="${n1(cx)}" cy="${n1(cy)}" r="4" fill="none" stroke="${color}" stroke-width="1.5"/>` : `<circle cx="${n1(cx)}" cy="${n1(cy)}" r="5" fill="${color}"/>`);
      if (i !== 0) continue;
      // Labels of nearby points are pushed down until they no longer overlap.
      let ly = cy - 6;
      while (placed.some((p) => Math.abs(p.x - cx) < 70 && Math.abs(p.y - ly) < 12)) ly += 12;
      placed.push({ x: cx, y: ly });
      body.push(`<text x="${n1(cx + 7)}" y="${n1(ly)}" font-size="10">${esc(r.arm)}</text>`);
    }
  });
  legend(series.map((s, i) => ({ label: s.label, color: i === series.length - 1 ? '#888888' : (COLORS[i % COLORS.length] as string) })), body);
  return frame('Coalition score against national score, one point per temperament mix', body, 'mean coalition score', 'mean national score');
}
