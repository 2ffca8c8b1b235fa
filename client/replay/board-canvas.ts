import { Application, Container, Graphics, Text } from 'pixi.js';
import type { BoardSnap } from '../state/board.ts';
import { MapView } from '../views/map-view.ts';
import { BACKGROUND } from '../views/palette.ts';

/**
 * The replay's board: client/views/map-view.ts used read-only (the same map as the
 * projector), scaled to fit its panel, with a highlight layer on top that rings the
 * networks that changed since the previous step (availability, a new incident or offer). Loaded lazily (pixi.js is large).
 */

/** Logical size the map is laid out in; the map's type is sized for a projector, so it is scaled down to fit. */
const LOGICAL_W = 1500;
const LOGICAL_H = 950;
const RING = 0xe69f00;

export interface BoardCanvas {
  draw(board: BoardSnap, changed: readonly string[]): void;
  readonly nationCount: number;
}

/** Finds where a network is drawn: the map labels each network node with its name (read from the scene, not duplicated layout code). */
function positionOf(root: Container, name: string): { x: number; y: number } | null {
  const stack: Container[] = [root];
  while (stack.length > 0) {
    const c = stack.pop() as Container;
    for (const child of c.children) {
      if (child instanceof Text && child.text === name && child.parent && child.parent !== root) return { x: child.parent.x, y: child.parent.y };
      if (child instanceof Container && child.children.length > 0) stack.push(child);
    }
  }
  return null;
}

export async function createBoardCanvas(host: HTMLElement): Promise<BoardCanvas> {
  const app = new Application();
  await app.init({ resizeTo: host, background: BACKGROUND, antialias: true, autoStart: false, sharedTicker: false, preserveDrawingBuffer: true });
  host.prepend(app.canvas);
  const map = new MapView();
  const world = new Container();
  const rings = new Graphics();
  world.addChild(map.root, rings);
  app.stage.addChild(world);

  let last: { board: BoardSnap; changed: readonly string[] } | null = null;
  let queued = false;
  const render = () => {
    queued = false;
    if (!last) return;
    const k = Math.min(app.screen.width / LOGICAL_W, app.screen.height / LOGICAL_H);
    world.scale.set(k);
    world.position.set((app.screen.width - LOGICAL_W * k) / 2, (app.screen.height - LOGICAL_H * k) / 2);
    map.update(last.board, 0, 0, LOGICAL_W, LOGICAL_H, performance.now());
    rings.clear();
    for (const id of last.changed) {
      const w = last.board.networks.find((x) => x.id === id);
      const p = w ? positionOf(map.root, w.name) : null;
      if (p) rings.circle(p.x, p.y, 30).stroke({ width: 6, color: RING, alpha: 0.95 }).circle(p.x, p.y, 38).stroke({ width: 2, color: 0xffffff, alpha: 0.7 });
    }
    app.render();
    host.dataset.nations = String(map.nationCount);
    host.dataset.highlighted = String(last.changed.length);
    if (map.animating) schedule();
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(render);
  };
  new ResizeObserver(() => schedule()).observe(host);

  return {
    draw(board, changed) {
      last = { board, changed };
      schedule();
    },
    get nationCount() {
      return map.nationCount;
    },
  };
}
