import { seriesCharts } from '../../shared/aar/charts.ts';
import type { TurnSeries } from '../../shared/aar/series.ts';
import type { GameEvent } from '../../shared/engine/ruleset.ts';
import { el } from '../screens/dom.ts';

/**
 * The event list linked to the timeline, and the charts panel.
 */

export interface EventsPanel {
  readonly root: HTMLElement;
  /** Replaces the list (when the viewer changes). */
  setEvents(events: readonly { event: GameEvent; step: number; seq: number }[]): void;
  /** Marks the events of `step` as current and those after it as not yet happened. */
  show(step: number): void;
}

/** Click an event to seek to the step it happened at; the current step's events are highlighted, later ones dimmed. */
export function createEventsPanel(seek: (step: number) => void): EventsPanel {
  const list = el('ol', { class: 'rp-events', 'data-testid': 'events' });
  const root = el('section', { class: 'rp-panel' }, el('h3', {}, 'Events'), list);
  let items: { li: HTMLElement; step: number }[] = [];
  let shownStep = -1;
  return {
    root,
    setEvents(events) {
      items = events.map(({ event, step, seq }) => {
        const li = el(
          'li',
          { 'data-step': String(step), 'data-seq': String(seq), 'data-testid': 'event', tabindex: '0', title: `Go to step ${step}` },
          el('span', { class: 'rp-ev-turn' }, `T${event.turn}`),
          el('span', { class: `rp-ev-aud rp-aud-${event.audience.kind}` }, event.audience.kind === 'seats' ? event.audience.seats.join(', ') : event.audience.kind),
          el('span', { class: 'rp-ev-text' }, event.text),
        );
        li.addEventListener('click', () => seek(step));
        li.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') seek(step);
        });
        return { li, step };
      });
      list.replaceChildren(...items.map((i) => i.li));
      shownStep = -1;
    },
    show(step) {
      let firstCurrent: HTMLElement | null = null;
      let lastPast: HTMLElement | null = null;
      for (const { li, step: s } of items) {
        li.classList.toggle('current', s === step);
        li.classList.toggle('future', s > step);
        if (s === step && !firstCurrent) firstCurrent = li;
        if (s <= step) lastPast = li;
      }
      const target = firstCurrent ?? lastPast;
      // Scroll the list only (scrollIntoView would scroll the page too).
      if (target && step !== shownStep) {
        const top = target.offsetTop;
        if (top < list.scrollTop || top + target.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = Math.max(0, top - list.clientHeight / 3);
      }
      shownStep = step;
      root.dataset.current = String(items.filter((i) => i.step === step).length);
    },
  };
}

export interface ChartsPanel {
  readonly root: HTMLElement;
  /** Redraws the cursor when the turn changes. */
  show(turn: number): void;
}

/**
 * The four charts of shared/aar/charts.ts. innerHTML is used only for these strings:
 * every label in them is escaped by charts.ts (tests/aar/charts.test.ts checks it).
 */
export function createChartsPanel(series: TurnSeries | null): ChartsPanel {
  const grid = el('div', { class: 'rp-charts', 'data-testid': 'charts' });
  const root = el('section', { class: 'rp-panel' }, el('h3', {}, 'Charts (all seats: the facilitator’s truth)'), grid);
  if (!series) {
    grid.append(el('p', { class: 'muted' }, 'No charts for this ruleset.'));
    return { root, show: () => undefined };
  }
  const boxes = (['freshness', 'scores', 'attributions', 'availability'] as const).map((k) => {
    const box = el('figure', { class: 'rp-chart', 'data-chart': k });
    grid.append(box);
    return [k, box] as const;
  });
  let turn = -1;
  return {
    root,
    show(t) {
      if (t === turn) return;
      turn = t;
      const svgs = seriesCharts(series, { width: 560, height: 260, cursorTurn: t });
      for (const [k, box] of boxes) box.innerHTML = svgs[k];
    },
  };
}
