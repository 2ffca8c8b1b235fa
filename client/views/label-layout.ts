/** A rectangle in canvas pixels: top-left corner and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A label to place: its size and the top-left corners it may take, best first. */
export interface LabelRequest {
  readonly id: string;
  readonly w: number;
  readonly h: number;
  readonly candidates: readonly { readonly x: number; readonly y: number }[];
  /** May be left out when no spot is free (it is then not drawn; the map's tooltip still names it). */
  readonly optional?: boolean;
}

export interface Placed extends Box {
  readonly id: string;
  /** No free spot was found: this one overlaps something (the least it could). */
  readonly overlaps: boolean;
  /** An optional label with no free spot: not drawn. */
  readonly hidden: boolean;
}

/** Gap kept between two labels, in pixels. */
const GAP = 2;

export const intersects = (a: Box, b: Box, gap = 0): boolean =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The box moved inside `bounds` (as far as it fits). */
function clamp(b: Box, bounds: Box): Box {
  const x = Math.min(Math.max(b.x, bounds.x), bounds.x + bounds.w - b.w);
  const y = Math.min(Math.max(b.y, bounds.y), bounds.y + bounds.h - b.h);
  return { x: Math.max(bounds.x, x), y: Math.max(bounds.y, y), w: b.w, h: b.h };
}

/**
 * Places labels one after the other (in the order given: the most important first), each at
 * its first candidate that — moved inside `bounds` — overlaps neither a label already placed
 * nor an obstacle (the map's markers and bars). When none is free it takes the candidate with
 * the least overlap and says so — or, for an optional label, leaves it out (a name far from its
 * marker would mislead more than a missing one). Pure: tests/client/label-layout.test.ts.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Box[], bounds: Box): Placed[] {
  const placed: Placed[] = [];
  const drawn = () => placed.filter((p) => !p.hidden);
  for (const r of requests) {
    let best: { box: Box; cost: number } | null = null;
    for (const c of r.candidates) {
      const box = clamp({ x: c.x, y: c.y, w: r.w, h: r.h }, bounds);
      let cost = 0;
      for (const p of drawn()) if (intersects(box, p, GAP)) cost += overlapArea(box, p) + 1;
      for (const o of obstacles) if (intersects(box, o)) cost += overlapArea(box, o) + 1;
      if (best === null || cost < best.cost) best = { box, cost };
      if (cost === 0) break;
    }
    const box = best?.box ?? clamp({ x: 0, y: 0, w: r.w, h: r.h }, bounds);
    const clash = (best?.cost ?? 1) > 0;
    placed.push({ id: r.id, ...box, overlaps: clash && !r.optional, hidden: clash && r.optional === true });
  }
  return placed;
}

/**
 * Top-left corners around an anchor box (a marker), best first, for a label of size w × h.
 * Without `prefer`: right below it, above it, to its right and left, at its corners. Then, or
 * with `prefer` (an angle in radians, e.g. away from the marker's owner, where there is room),
 * all the way round every 30° — nearest `prefer` first — a little further out each ring, never
 * so far that it reads as another marker's name.
 */
export function around(anchor: Box, w: number, h: number, gap: number, prefer: number | null = null): { x: number; y: number }[] {
  const cx = anchor.x + anchor.w / 2;
  const cy = anchor.y + anchor.h / 2;
  const out: { x: number; y: number }[] = prefer !== null ? [] : [
    { x: cx - w / 2, y: anchor.y + anchor.h + gap },
    { x: cx - w / 2, y: anchor.y - gap - h },
    { x: anchor.x + anchor.w + gap, y: cy - h / 2 },
    { x: anchor.x - gap - w, y: cy - h / 2 },
    { x: anchor.x + anchor.w + gap, y: anchor.y + anchor.h + gap },
    { x: anchor.x - gap - w, y: anchor.y + anchor.h + gap },
    { x: anchor.x + anchor.w + gap, y: anchor.y - gap - h },
    { x: anchor.x - gap - w, y: anchor.y - gap - h },
  ];
  const from = prefer ?? Math.PI / 2;
  const angles = Array.from({ length: 12 }, (_, i) => from + (i * Math.PI) / 6)
    .map((a) => ({ a, off: Math.abs(Math.atan2(Math.sin(a - from), Math.cos(a - from))) }))
    .sort((p, q) => p.off - q.off)
    .map((p) => p.a);
  for (const d of [gap, gap + h / 2, gap + h, gap + 1.5 * h]) {
    for (const a of angles) out.push({ x: cx + Math.cos(a) * (anchor.w / 2 + d + w / 2) - w / 2, y: cy + Math.sin(a) * (anchor.h / 2 + d + h / 2) - h / 2 });
  }
  return out;
}
