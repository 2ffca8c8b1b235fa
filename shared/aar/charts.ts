import type { MarkerKind, TurnSeries } from './series.ts';

/**
 * SVG charts as strings, for the replay viewer and the after-action report. Pure and
 * deterministic (numbers written with one decimal), colour-blind safe (Okabe–Ito colours,
 * and series told apart by dash pattern too; markers by shape, not colour alone).
 *
 * Every piece of text that goes into the SVG — titles, axis labels, legend labels, category
 * names — passes through `escapeXml`, so a chart string may be put into a page with
 * innerHTML even when labels come from a record file.
 *
 * API:
 * - `lineChart(options)`: lines over x values, optional markers (used ●, discovered ▲,
 *   patched ✕) per series, optional vertical cursor at `cursorX`.
 * - `barChart(options)`: grouped (or stacked) bars per category.
 * - `seriesCharts(series, size?)`: the four standard charts of a match from shared/aar/series.ts
 *   (`freshness`, `scores`, `attributions`, `availability`).
 * - `escapeXml(text)`, `OKABE_ITO` (hex colours).
 */

export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const;
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

export function escapeXml(text: string): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const n1 = (x: number) => (Math.round(x * 10) / 10 + 0).toFixed(1);

export interface LineSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly markers?: readonly { readonly index: number; readonly kind: MarkerKind }[];
}

export interface ChartSize {
  readonly width?: number;
  readonly height?: number;
}

export interface LineChartOptions extends ChartSize {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: readonly number[];
  readonly series: readonly LineSeries[];
  readonly yMin?: number;
  readonly yMax?: number;
  /** Draws a vertical cursor at this x (e.g. the replay's current turn). */
  readonly cursorX?: number;
}

export interface BarChartOptions extends ChartSize {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly categories: readonly string[];
  readonly groups: readonly { readonly label: string; readonly values: readonly number[] }[];
  readonly stacked?: boolean;
}

interface Frame {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly top: number;
  readonly pw: number;
  readonly ph: number;
  readonly legendX: number;
}

function frameOf(size: ChartSize): Frame {
  const w = Math.max(240, Math.round(size.width ?? 720));
  const h = Math.max(160, Math.round(size.height ?? 300));
  const legendW = Math.min(200, Math.round(w * 0.3));
  const left = 52;
  const top = 30;
  return { w, h, left, top, pw: w - left - legendW - 16, ph: h - top - 44, legendX: w - legendW };
}

function wrap(f: Frame, title: string, xLabel: string, yLabel: string, body: readonly string[]): string {
  const cy = n1(f.top + f.ph / 2);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}" viewBox="0 0 ${f.w} ${f.h}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${f.w}" height="${f.h}" fill="#ffffff"/>`,
    `<text x="${f.left}" y="18" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    ...body,
    `<text x="${n1(f.left + f.pw / 2)}" y="${f.h - 6}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text x="12" y="${cy}" text-anchor="middle" transform="rotate(-90 12 ${cy})">${escapeXml(yLabel)}</text>`,
    '</svg>',
  ].join('\n');
}

function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || 1;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

function axes(f: Frame, body: string[], yMin: number, yMax: number) {
  const y = (v: number) => f.top + f.ph - ((v - yMin) / (yMax - yMin || 1)) * f.ph;
  for (const t of niceTicks(yMin, yMax, 5)) {
    body.push(`<line x1="${f.left}" y1="${n1(y(t))}" x2="${f.left + f.pw}" y2="${n1(y(t))}" stroke="#e3e3e3"/>`);
    body.push(`<text x="${f.left - 5}" y="${n1(y(t) + 4)}" text-anchor="end">${escapeXml(String(t))}</text>`);
  }
  body.push(`<line x1="${f.left}" y1="${f.top + f.ph}" x2="${f.left + f.pw}" y2="${f.top + f.ph}" stroke="#333"/>`);
  body.push(`<line x1="${f.left}" y1="${f.top}" x2="${f.left}" y2="${f.top + f.ph}" stroke="#333"/>`);
  return y;
}

function legend(f: Frame, body: string[], items: readonly { label: string; swatch: (x: number, y: number) => string }[]): void {
  const rows = Math.max(1, Math.floor((f.h - f.top - 10) / 16));
  const shown = items.length > rows ? items.slice(0, rows - 1) : items;
  // About 6 px a character at font-size 11: labels are cut to fit the legend column.
  const max = Math.max(8, Math.floor((f.w - f.legendX - 28) / 6.2));
  shown.forEach((it, i) => {
    const y = f.top + 6 + i * 16;
    body.push(it.swatch(f.legendX, y));
    body.push(`<text x="${f.legendX + 24}" y="${y + 4}">${escapeXml(it.label.length > max ? `${it.label.slice(0, max - 1)}…` : it.label)}</text>`);
  });
  if (shown.length < items.length) body.push(`<text x="${f.legendX}" y="${f.top + 10 + shown.length * 16}">${escapeXml(`+ ${items.length - shown.length} more`)}</text>`);
}

const colour = (i: number) => OKABE_ITO[i % 7] as string;
const dash = (i: number) => DASHES[Math.floor(i / 7) % DASHES.length] as string;
const dashAttr = (i: number) => (dash(i) ? ` stroke-dasharray="${dash(i)}"` : '');

function marker(kind: MarkerKind, x: number, y: number, c: string): string {
  if (kind === 'used') return `<circle cx="${n1(x)}" cy="${n1(y)}" r="3.5" fill="${c}" stroke="#fff" stroke-width="1"><title>used</title></circle>`;
  if (kind === 'discovered') return `<path d="M${n1(x)} ${n1(y - 5)}L${n1(x + 4.5)} ${n1(y + 3)}L${n1(x - 4.5)} ${n1(y + 3)}Z" fill="#fff" stroke="${c}" stroke-width="1.5"><title>discovered</title></path>`;
  return `<path d="M${n1(x - 4)} ${n1(y - 4)}L${n1(x + 4)} ${n1(y + 4)}M${n1(x + 4)} ${n1(y - 4)}L${n1(x - 4)} ${n1(y + 4)}" stroke="${c}" stroke-width="2"><title>patched</title></path>`;
}

/** A line chart; null values break a line (e.g. an exploit not yet written). */
export function lineChart(o: LineChartOptions): string {
  const f = frameOf(o);
  const body: string[] = [];
  const all = o.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const yMin = o.yMin ?? Math.min(0, ...all);
  const yMax = o.yMax ?? Math.max(yMin + 1, ...all);
  const y = axes(f, body, yMin, yMax);
  const xMin = o.x[0] ?? 0;
  const xMax = o.x.at(-1) ?? 1;
  const x = (v: number) => f.left + ((v - xMin) / (xMax - xMin || 1)) * f.pw;
  const xStep = Math.max(1, Math.ceil(o.x.length / 12));
  o.x.forEach((v, i) => {
    if (i % xStep === 0 || i === o.x.length - 1) body.push(`<text x="${n1(x(v))}" y="${f.top + f.ph + 15}" text-anchor="middle">${escapeXml(String(v))}</text>`);
  });
  o.series.forEach((s, i) => {
    const c = colour(i);
    let d = '';
    let pen = false;
    s.values.forEach((v, k) => {
      const xv = o.x[k];
      if (v === null || xv === undefined || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${n1(x(xv))} ${n1(y(v))}`;
      pen = true;
    });
    if (d) body.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"${dashAttr(i)}><title>${escapeXml(s.label)}</title></path>`);
    for (const m of s.markers ?? []) {
      const v = s.values[m.index];
      const xv = o.x[m.index];
      if (v === null || v === undefined || xv === undefined) continue;
      body.push(marker(m.kind, x(xv), y(v), c));
    }
  });
  if (o.cursorX !== undefined && o.cursorX >= xMin && o.cursorX <= xMax) {
    body.push(`<line x1="${n1(x(o.cursorX))}" y1="${f.top}" x2="${n1(x(o.cursorX))}" y2="${f.top + f.ph}" stroke="#555" stroke-width="1.5" stroke-dasharray="3 3"/>`);
  }
  const items = o.series.map((s, i) => ({
    label: s.label,
    swatch: (lx: number, ly: number) => `<line x1="${lx}" y1="${ly}" x2="${lx + 18}" y2="${ly}" stroke="${colour(i)}" stroke-width="3"${dashAttr(i)}/>`,
  }));
  const kinds = new Set(o.series.flatMap((s) => (s.markers ?? []).map((m) => m.kind)));
  const keys = (['used', 'discovered', 'patched'] as const).filter((k) => kinds.has(k)).map((k) => ({ label: k, swatch: (lx: number, ly: number) => marker(k, lx + 9, ly, '#333') }));
  legend(f, body, [...keys, ...items]);
  return wrap(f, o.title, o.xLabel, o.yLabel, body);
}

/** Grouped bars (one bar per group in each category), or stacked with `stacked`. */
export function barChart(o: BarChartOptions): string {
  const f = frameOf(o);
  const body: string[] = [];
  const totals = o.categories.map((_, c) => (o.stacked ? o.groups.reduce((sum, g) => sum + Math.max(0, g.values[c] ?? 0), 0) : Math.max(0, ...o.groups.map((g) => g.values[c] ?? 0))));
  const yMax = Math.max(1, ...totals);
  const y = axes(f, body, 0, yMax);
  const band = f.pw / Math.max(1, o.categories.length);
  const labelStep = Math.max(1, Math.ceil(o.categories.length / 14));
  o.categories.forEach((cat, c) => {
    const x0 = f.left + c * band;
    let base = 0;
    o.groups.forEach((g, gi) => {
      const v = Math.max(0, g.values[c] ?? 0);
      const bw = o.stacked ? band * 0.7 : (band * 0.8) / Math.max(1, o.groups.length);
      const bx = o.stacked ? x0 + band * 0.15 : x0 + band * 0.1 + gi * bw;
      const top = y(base + v);
      const hgt = y(base) - top;
      if (v > 0) body.push(`<rect x="${n1(bx)}" y="${n1(top)}" width="${n1(Math.max(0.5, bw - 1))}" height="${n1(hgt)}" fill="${colour(gi)}"${gi % 2 ? ' fill-opacity="0.85" stroke="#333" stroke-width="0.5"' : ''}><title>${escapeXml(`${cat}: ${g.label} ${v}`)}</title></rect>`);
      if (o.stacked) base += v;
    });
    if (c % labelStep === 0) body.push(`<text x="${n1(x0 + band / 2)}" y="${f.top + f.ph + 15}" text-anchor="middle">${escapeXml(cat.length > 10 ? `${cat.slice(0, 9)}…` : cat)}</text>`);
  });
  legend(
    f,
    body,
    o.groups.map((g, gi) => ({ label: g.label, swatch: (lx: number, ly: number) => `<rect x="${lx}" y="${ly - 5}" width="18" height="10" fill="${colour(gi)}"/>` })),
  );
  return wrap(f, o.title, o.xLabel, o.yLabel, body);
}

export interface StandardCharts {
  readonly freshness: string;
  readonly scores: string;
  readonly attributions: string;
  readonly availability: string;
}

/** The four charts of a match's series; `cursorTurn` marks the replay's current turn. */
export function seriesCharts(s: TurnSeries, size: ChartSize & { readonly cursorTurn?: number } = {}): StandardCharts {
  const x = s.turns;
  const cursor = size.cursorTurn === undefined ? {} : { cursorX: size.cursorTurn };
  const dims = { ...(size.width === undefined ? {} : { width: size.width }), ...(size.height === undefined ? {} : { height: size.height }) };
  const name = (id: string) => s.nations.find((n) => n.id === id)?.name ?? id;
  return {
    freshness: lineChart({
      ...dims,
      ...cursor,
      title: 'Exploit freshness (● used, ▲ discovered, ✕ patched)',
      xLabel: 'turn',
      yLabel: 'freshness',
      x,
      yMin: 0,
      yMax: 100,
      series: s.exploits.map((e) => ({ label: `${e.label} · ${name(e.author)}`, values: e.freshness, markers: e.markers.map((m) => ({ index: m.turn, kind: m.kind })) })),
    }),
    scores: lineChart({
      ...dims,
      ...cursor,
      title: 'Score per nation',
      xLabel: 'turn',
      yLabel: 'score',
      x,
      series: [{ label: 'Coalition', values: s.scores.coalition }, ...s.scores.nations.map((n) => ({ label: n.name, values: n.total }))],
    }),
    attributions: barChart({
      ...dims,
      title: 'Attributions: blamed the true user, or someone else (cumulative)',
      xLabel: 'turn',
      yLabel: 'attributions',
      categories: x.map(String),
      groups: [
        { label: 'right', values: s.attributions.right },
        { label: 'misattributed', values: s.attributions.wrong },
      ],
      stacked: true,
    }),
    availability: lineChart({
      ...dims,
      ...cursor,
      title: 'Availability of every network',
      xLabel: 'turn',
      yLabel: 'availability %',
      x,
      yMin: 0,
      yMax: 100,
      series: s.availability.map((a) => ({ label: `${a.name} (${name(a.owner)})`, values: a.values })),
    }),
  };
}
