import { Application } from 'pixi.js';
import { sentence } from '../net/sentence.ts';
import type { MatchSession, SessionStatus } from '../net/session.ts';
import { MapView, type Tip } from '../views/map-view.ts';
import { BACKGROUND } from '../views/palette.ts';
import { el } from './dom.ts';

/** A DOM tooltip over a canvas: Pixi reports what is under the pointer, this shows it as text. */
export class Tooltip {
  readonly #box = el('div', { class: 'tooltip', role: 'tooltip', 'data-testid': 'tooltip' });
  constructor(host: HTMLElement) {
    this.#box.hidden = true;
    host.append(this.#box);
  }
  show(tip: Tip | null, x: number, y: number): void {
    if (!tip || !tip.title) {
      this.#box.hidden = true;
      return;
    }
    this.#box.replaceChildren(el('strong', {}, tip.title), ...tip.lines.map((l) => el('div', {}, l)));
    this.#box.hidden = false;
    const host = this.#box.parentElement;
    const w = host?.clientWidth ?? 0;
    // Keep it inside the pane: to the left of the pointer near the right edge.
    const left = x + 16 + 320 > w ? Math.max(0, x - 336) : x + 16;
    this.#box.style.left = `${left}px`;
    this.#box.style.top = `${y + 16}px`;
  }
}

const STATUS_TEXT: Record<SessionStatus, string> = {
  connecting: 'connecting…',
  connected: '',
  reconnecting: 'connection lost: reconnecting…',
  rejoining: 'reconnecting… (rejoining the match)',
  closed: 'disconnected',
};

/** The connection status as people read it ('' when all is well). */
export function statusText(session: MatchSession): string {
  return session.status === 'closed' ? `Disconnected: ${sentence(session.closedReason)}` : STATUS_TEXT[session.status];
}

/**
 * A Pixi application drawing a MapView inside `pane` (resized with it), rendered by the
 * caller's own animation frames (no ticker), with map tooltips when `tips` is set.
 */
export async function mapApp(pane: HTMLElement, tips: boolean): Promise<{ app: Application; map: MapView }> {
  const app = new Application();
  await app.init({ resizeTo: pane, background: BACKGROUND, antialias: true, autoStart: false, sharedTicker: false, preserveDrawingBuffer: true });
  pane.prepend(app.canvas);
  const map = new MapView();
  app.stage.addChild(map.root);
  if (tips) {
    const tooltip = new Tooltip(pane);
    map.onHover((tip, x, y) => tooltip.show(tip, x, y));
  }
  return { app, map };
}
