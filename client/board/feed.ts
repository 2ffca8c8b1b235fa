import { el } from '../screens/dom.ts';
import { one, type BoardContext } from './context.ts';

const MAX_EVENTS = 150;

/** The event feed: what this seat may know (public events and its own), newest first. */
export class FeedPanel {
  readonly root = el('section', { class: 'panel feed', 'data-testid': 'feed', 'aria-label': 'Events' });
  readonly #list = el('ol', { class: 'events', reversed: '' });
  #shown = -1;

  constructor() {
    this.root.append(el('h2', {}, 'Events'), this.#list);
  }

  update(ctx: Pick<BoardContext, 'events'>): void {
    const last = ctx.events.at(-1)?.seq ?? 0;
    if (last === this.#shown) return;
    this.#shown = last;
    const recent = ctx.events.slice(-MAX_EVENTS).reverse();
    this.#list.replaceChildren(
      ...recent.map((e) => el('li', { class: `event aud-${e.audience}`, 'data-type': e.type }, el('span', { class: 'turn' }, `T${e.turn}`), ' ', e.text)),
    );
  }
}

/**
 * Scores as the scenario shows them, the nation's private objectives and the coalition's,
 * its standing (reputation, intel, influence, trust with each ally) and the incidents it
 * knows of, with whom each was blamed on.
 */
export class StandingPanel {
  readonly root = el('section', { class: 'panel standing', 'data-testid': 'standing', 'aria-label': 'Scores and objectives' });
  #key = '';

  update(ctx: BoardContext): void {
    const { pub, me } = ctx.picture;
    const key = JSON.stringify([pub.scores, pub.coalition, me.score, me.objectives, me.nation, me.trust, me.incidents]);
    if (key === this.#key) return;
    this.#key = key;
    const n = me.nation;
    const sections: HTMLElement[] = [
      el('h2', {}, 'Your nation'),
      el('dl', { class: 'stats' },
        el('dt', { title: 'How others judge your conduct.' }, 'Reputation'), el('dd', {}, one(n.reputation)),
        el('dt', { title: 'Spent on public attributions; gained by espionage and hunts.' }, 'Intel'), el('dd', {}, one(n.intel)),
        el('dt', { title: 'What others owe you: shares and training.' }, 'Influence'), el('dd', {}, one(n.influence)),
        el('dt', { title: 'Development speed and hunting skill, 1–5.' }, 'Skill'), el('dd', {}, String(n.skill)),
      ),
    ];
    if (me.score) sections.push(el('p', { 'data-testid': 'my-score' }, `Your score: ${one(me.score.total)} (national ${one(me.score.national)}, coalition share ${one(me.score.coalition)})`));
    if (pub.scores) {
      sections.push(el('h2', {}, 'Scores'), el('ol', { class: 'scores', 'data-testid': 'scores' }, el('li', {}, `Coalition: ${one(pub.scores.coalition)}`), ...[...pub.scores.nations].sort((a, b) => b.total - a.total).map((s) => el('li', {}, `${s.name}: ${one(s.total)}`))));
    } else sections.push(el('p', { class: 'muted' }, 'This scenario keeps scores hidden until the debrief.'));
    sections.push(
      el('h2', {}, 'Your objectives (private)'),
      el('ul', { class: 'objectives' }, ...me.objectives.map((o) => el('li', { class: o.met ? 'met' : '' }, `${o.met ? '✓ ' : ''}${o.text} (${o.points} pts)`))),
      el('h2', {}, 'Coalition objectives'),
      el('ul', { class: 'objectives' }, ...pub.coalition.objectives.map((o) => el('li', { class: o.met ? 'met' : '' }, `${o.met ? '✓ ' : ''}${o.text} (${o.points} pts)`))),
      el('h2', {}, 'Trust'),
      el('ul', {}, ...me.trust.map((t) => el('li', {}, `${ctx.name(t.a === n.id ? t.b : t.a)}: ${one(t.value)}`))),
    );
    if (me.incidents.length) {
      sections.push(
        el('h2', {}, 'Incidents you know of'),
        el('ul', {}, ...me.incidents.map((i) => el('li', {}, `T${i.turn}: ${i.effect ?? i.kind} on ${ctx.name(i.network)}${i.success ? '' : ' (failed)'}${i.blamed ? ` — blamed on ${ctx.name(i.blamed)}` : ''}${i.publiclyAttributed ? ' (public)' : ''}`))),
      );
    }
    this.root.replaceChildren(...sections);
  }
}
