import { el } from '../screens/dom.ts';
import type { BoardContext } from './context.ts';

/**
 * The brief on the board itself (issue 14), over the map's corner: the nation's private
 * objectives, the coalition's, and the White Cell's latest news (the strike tasking and the
 * other injects) — not only in the Scores and Events tabs. Collapsible; open by default.
 */
export class BriefCard {
  readonly root = el('details', { class: 'brief-card', open: '', 'data-testid': 'brief-card' });
  #key = '';

  update(ctx: BoardContext): void {
    const { me, pub } = ctx.picture;
    const injects = [...pub.injects].sort((a, b) => b.turn - a.turn);
    const key = JSON.stringify([me.objectives, pub.coalition.objectives, injects.map((i) => i.id)]);
    if (key === this.#key) return;
    this.#key = key;
    const objective = (o: { text: string; points: number; met: boolean }) => el('li', { class: o.met ? 'met' : '' }, `${o.met ? '✓ ' : ''}${o.text} (${o.points} pts)`);
    const [latest, ...older] = injects;
    this.root.replaceChildren(
      el('summary', {}, 'Your brief'),
      el('h3', {}, 'Your objectives (private)'),
      el('ul', { 'data-testid': 'brief-objectives' }, ...(me.objectives.length ? me.objectives.map(objective) : [el('li', { class: 'muted' }, 'None: help the coalition.')])),
      ...(pub.coalition.objectives.length ? [el('h3', {}, 'Coalition'), el('ul', {}, ...pub.coalition.objectives.map(objective))] : []),
      ...(latest
        ? [
            el('h3', {}, `News, turn ${latest.turn}`),
            el('p', { 'data-testid': 'brief-news' }, el('strong', {}, latest.title), ` — ${latest.text}`),
            ...(older.length ? [el('ul', { class: 'muted' }, ...older.slice(0, 3).map((i) => el('li', {}, `Turn ${i.turn}: ${i.title}`)))] : []),
          ]
        : []),
    );
  }
}
