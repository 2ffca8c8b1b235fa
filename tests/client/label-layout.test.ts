import { describe, expect, it } from 'vitest';
import { around, intersects, placeLabels } from '../../client/views/label-layout.ts';

const bounds = { x: 0, y: 0, w: 400, h: 300 };

describe('label placement', () => {
  it('moves a label away from one already placed and from the markers', () => {
    const marker = { x: 190, y: 140, w: 20, h: 20 };
    const placed = placeLabels(
      [
        { id: 'a', w: 100, h: 20, candidates: around(marker, 100, 20, 4) },
        { id: 'b', w: 100, h: 20, candidates: around(marker, 100, 20, 4) },
        { id: 'c', w: 100, h: 20, candidates: around(marker, 100, 20, 4) },
      ],
      [marker],
      bounds,
    );
    expect(placed.map((p) => p.overlaps)).toEqual([false, false, false]);
    for (const p of placed) expect(intersects(p, marker)).toBe(false);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(intersects(placed[i]!, placed[j]!)).toBe(false);
  });

  it('keeps labels inside the canvas', () => {
    const corner = { x: 390, y: 290, w: 10, h: 10 };
    const [p] = placeLabels([{ id: 'edge', w: 120, h: 30, candidates: around(corner, 120, 30, 4) }], [], bounds);
    expect(p!.x + p!.w).toBeLessThanOrEqual(400);
    expect(p!.y + p!.h).toBeLessThanOrEqual(300);
    expect(p!.x).toBeGreaterThanOrEqual(0);
  });

  it('says so when there is no room left', () => {
    const tiny = { x: 0, y: 0, w: 50, h: 20 };
    const placed = placeLabels([{ id: 'a', w: 50, h: 20, candidates: [{ x: 0, y: 0 }] }, { id: 'b', w: 50, h: 20, candidates: [{ x: 0, y: 0 }] }], [], tiny);
    expect(placed.map((p) => p.overlaps)).toEqual([false, true]);
  });
});
