import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, lineChart, OKABE_ITO, seriesCharts } from '../../shared/aar/charts.ts';
import type { TurnSeries } from '../../shared/aar/series.ts';

const EVIL = `<script>alert("x")</script> & 'quotes' <img src=x onerror=alert(1)>`;
const ALLOWED = new Set([...OKABE_ITO.map((c) => c.toLowerCase()), '#fff', '#ffffff', '#333', '#555', '#e3e3e3']);

/** Every text node and attribute value of the SVG is free of raw markup from the labels. */
function expectNoInjection(svg: string, hasLabel = true): void {
  expect(svg).not.toContain('<script');
  expect(svg).not.toContain('<img');
  // Inside the chart's own tags, only the chart's own attributes (an onerror= can only be escaped text).
  const attrs = new Set([...svg.matchAll(/<[a-z]+((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*\/?>/g)].flatMap((m) => [...(m[1] as string).matchAll(/\s+([a-zA-Z-]+)="[^"]*"/g)].map((a) => a[1])));
  for (const a of attrs) expect(['xmlns', 'width', 'height', 'viewBox', 'font-family', 'font-size', 'font-weight', 'role', 'aria-label', 'fill', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'stroke', 'stroke-width', 'stroke-dasharray', 'text-anchor', 'transform', 'd', 'cx', 'cy', 'r', 'fill-opacity']).toContain(a);
  expect((svg.match(/</g) ?? []).length).toBe((svg.match(/>/g) ?? []).length);
  expect(svg).not.toContain(`"x"`);
  if (hasLabel) expect(svg).toContain('&lt;script&gt;');
  // Tags are only the chart's own.
  const tags = new Set([...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]));
  for (const t of tags) expect(['svg', 'title', 'rect', 'text', 'line', 'path', 'circle']).toContain(t);
}

function colours(svg: string): string[] {
  return [...svg.matchAll(/(?:fill|stroke)="(#[0-9a-fA-F]{3,6})"/g)].map((m) => (m[1] as string).toLowerCase());
}

const evilSeries: TurnSeries = {
  turns: [0, 1, 2],
  nations: [{ id: 'n1', name: EVIL, side: 'ally' }],
  exploits: [{ exploit: 'e1', vuln: EVIL, author: 'n1', capabilities: [EVIL], label: EVIL, freshness: [null, 80, 0], markers: [{ turn: 1, kind: 'used', count: 1 }, { turn: 2, kind: 'discovered', count: 1 }, { turn: 2, kind: 'patched', count: 1 }] }],
  scores: { coalition: [0, 1, 2], nations: [{ nation: 'n1', name: EVIL, total: [0, 3, 4] }] },
  attributions: { right: [0, 1, 1], wrong: [0, 0, 2], blames: [] },
  availability: [{ network: 'w1', name: EVIL, owner: 'n1', values: [100, 50, 20] }],
};

describe('SVG charts', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });

  it('escapes every label: titles, axes, legends, categories, tooltips', () => {
    const line = lineChart({ title: EVIL, xLabel: EVIL, yLabel: EVIL, x: [0, 1, 2], series: [{ label: EVIL, values: [1, 2, 3], markers: [{ index: 1, kind: 'used' }] }] });
    const bars = barChart({ title: EVIL, xLabel: EVIL, yLabel: EVIL, categories: [EVIL, 'b'], groups: [{ label: EVIL, values: [1, 2] }] });
    for (const svg of [line, bars]) expectNoInjection(svg);
    const std = seriesCharts(evilSeries);
    for (const svg of [std.freshness, std.scores, std.availability]) expectNoInjection(svg);
    expectNoInjection(std.attributions, false);
  });

  it('uses only Okabe–Ito colours (plus greys), and tells series apart by dash pattern past seven', () => {
    const many = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', x: [0, 1], series: Array.from({ length: 16 }, (_, i) => ({ label: `s${i}`, values: [i, i + 1] })) });
    for (const c of colours(many)) expect(ALLOWED.has(c)).toBe(true);
    expect(many).toContain('stroke-dasharray="6 3"');
    expect(many).toContain('stroke-dasharray="2 3"');
    for (const c of colours(Object.values(seriesCharts(evilSeries)).join(''))) expect(ALLOWED.has(c)).toBe(true);
  });

  it('takes width and height, draws a title and axis labels, and breaks lines at null', () => {
    const svg = lineChart({ title: 'Fresh', xLabel: 'turn', yLabel: 'freshness', x: [0, 1, 2, 3], width: 500, height: 220, series: [{ label: 'a', values: [10, null, 30, 40] }] });
    expect(svg).toContain('width="500" height="220"');
    expect(svg).toContain('>Fresh</text>');
    expect(svg).toContain('>turn</text>');
    expect(svg).toContain('>freshness</text>');
    const d = /<path d="([^"]+)" fill="none"/.exec(svg)?.[1] ?? '';
    expect((d.match(/M/g) ?? []).length).toBe(2);
  });

  it('marks used, discovered and patched with three different shapes, with a legend key', () => {
    const svg = seriesCharts(evilSeries).freshness;
    expect(svg).toContain('<circle');
    expect(svg).toContain('<title>discovered</title>');
    expect(svg).toContain('<title>patched</title>');
    expect(svg).toContain('>used</text>');
  });

  it('stacked bars reach the stacked total; many legend items are summarised', () => {
    const svg = barChart({ title: 't', xLabel: 'x', yLabel: 'y', categories: ['a'], groups: [{ label: 'p', values: [3] }, { label: 'q', values: [5] }], stacked: true, height: 200 });
    // Two bars and two legend swatches; the stack reaches the top of the plot (8 = the axis maximum).
    expect((svg.match(/<rect x=/g) ?? []).length).toBe(4);
    const tops = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill/g)].map((m) => Number(m[1]));
    expect(Math.min(...tops)).toBe(30);
    const big = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', x: [0, 1], height: 160, series: Array.from({ length: 40 }, (_, i) => ({ label: `s${i}`, values: [0, 1] })) });
    expect(big).toMatch(/\+ \d+ more/);
  });
});
