import { one } from '../board/context.ts';
import { el } from '../screens/dom.ts';
import type { ConsoleContext } from './context.ts';

/**
 * The god view (docs/design.md §6 "the facilitator sees all"): every exploit with its freshness
 * and who really holds it, every incident with its true user beside whom it was blamed on
 * (misattributions marked), and every order and request of this planning window.
 */
export class GodPanel {
  readonly root = el('section', { class: 'panel god', 'data-testid': 'god', 'aria-label': 'God view' });
  #key = '';

  update(ctx: ConsoleContext): void {
    const g = ctx.god;
    const key = JSON.stringify([g.exploits, g.incidents, g.orders, g.requests]);
    if (key === this.#key) return;
    this.#key = key;
    const names = (ids: string[]) => ids.map((x) => ctx.name(x)).join(', ');
    const exploits = g.exploits.map((x) => el('tr', { class: x.patched ? 'dim' : '' },
      el('td', {}, x.capabilities.join(', ') || x.id), el('td', {}, x.vuln), el('td', {}, ctx.name(x.author)),
      el('td', {}, el('span', { class: 'fresh-inline', style: `--w:${Math.max(0, Math.min(100, x.freshness))}%` }, one(x.freshness))),
      el('td', {}, String(x.uses)), el('td', {}, x.patched ? 'patched' : x.discovered ? 'discovered' : ''), el('td', {}, names(x.holders))));
    const incidents = [...g.incidents].reverse().map((i) => {
      const wrong = i.blamed !== '' && i.blamed !== i.user;
      return el('tr', { class: wrong ? 'misattributed' : '', 'data-testid': wrong ? 'misattribution' : 'incident' },
        el('td', {}, `T${i.turn}`), el('td', {}, `${i.effect || i.kind}${i.success ? '' : ' (failed)'}`), el('td', {}, ctx.name(i.network)),
        el('td', {}, ctx.name(i.user)), el('td', {}, i.blamed ? `${ctx.name(i.blamed)}${wrong ? ' ✗ wrong' : ' ✓'}` : '—'), el('td', {}, i.capability));
    });
    const orders = g.orders.map((o) => el('li', {}, `${ctx.name(o.seat)}: ${o.type} ${o.order}`));
    const requests = g.requests.map((r) => el('li', {}, `${r.text} → ${r.answer || 'unanswered'}`));
    const table = (head: string[], rows: HTMLElement[]) => el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows));
    this.root.replaceChildren(
      el('h2', {}, 'Exploits (freshness is shared by every holder)'),
      table(['Capabilities', 'Vuln', 'Author', 'Freshness', 'Uses', 'State', 'Held by'], exploits),
      el('h2', {}, 'Incidents: true user and blame'),
      table(['Turn', 'What', 'Network', 'True user', 'Blamed on', 'Capability'], incidents),
      el('h2', {}, 'Orders this planning window'),
      orders.length ? el('ul', {}, ...orders) : el('p', { class: 'muted' }, 'None.'),
      el('h2', {}, 'Requests'),
      requests.length ? el('ul', {}, ...requests) : el('p', { class: 'muted' }, 'None.'),
    );
  }
}
