import { el } from '../screens/dom.ts';
import { one, type BoardContext } from './context.ts';

type Card = BoardContext['picture']['me']['arsenal'][number];

/** The terms a received copy came with, as short badges with an explanation each. */
function termBadges(c: Card, name: BoardContext['name']): HTMLElement[] {
  const t = c.terms;
  if (!t) return [];
  const out: HTMLElement[] = [];
  const badge = (text: string, why: string) => out.push(el('span', { class: 'badge', title: why }, text));
  if (t.compiledOnly) badge('compiled-only', 'You cannot adapt or re-share it; its end-use list is enforced; leaks are half as likely.');
  if (t.dualKey) badge('dual-key', `Each use needs ${name(c.from)}’s consent in the same planning window, and then goes ahead one resolution later.`);
  if (t.watermark) badge('watermark', 'It carries your signature: blame for its use falls on you, and there is no covert bonus.');
  if (c.expiresTurn !== null) badge(`expires after turn ${c.expiresTurn}`, 'It stops working after that turn.');
  if (t.endUse) badge(`end-use: ${t.endUse.map((x) => name(x)).join(', ')}`, 'It may only be used against these networks.');
  return out;
}

/**
 * The arsenal: one card per copy the nation holds. Freshness belongs to the exploit, not the
 * copy (docs/design.md §2): copies of one capability share one bar and burn together — when it
 * drops, every card of that capability flashes at once, and the card says who else holds it
 * as far as this nation knows (those it shared with).
 */
export class ArsenalPanel {
  readonly root = el('section', { class: 'panel arsenal', 'data-testid': 'arsenal', 'aria-label': 'Arsenal' });
  #key = '';
  readonly #freshness = new Map<string, number>();

  update(ctx: BoardContext): void {
    const me = ctx.picture.me;
    const key = JSON.stringify([me.arsenal, me.sharedOut, ctx.picture.pub.turn]);
    if (key === this.#key) return;
    this.#key = key;
    const burned = new Set<string>();
    for (const c of me.arsenal) {
      const before = this.#freshness.get(c.capability);
      if (before !== undefined && c.freshness < before) burned.add(c.capability);
      this.#freshness.set(c.capability, c.freshness);
    }
    if (me.arsenal.length === 0) {
      this.root.replaceChildren(el('p', { class: 'muted' }, 'No capabilities yet: develop one against a vulnerability you have intelligence on.'));
      return;
    }
    const cards = me.arsenal.map((c) => this.#card(c, ctx, burned.has(c.capability)));
    this.root.replaceChildren(el('h2', {}, 'Arsenal'), ...cards);
  }

  #card(c: Card, ctx: BoardContext, burning: boolean): HTMLElement {
    const me = ctx.picture.me;
    const pct = Math.max(0, Math.min(100, c.freshness));
    const state = c.patched ? 'patched' : c.freshness <= 0 ? 'burned' : c.freshness < 34 ? 'low' : c.freshness < 67 ? 'mid' : 'high';
    const others = [
      ...me.arsenal.filter((x) => x.capability === c.capability && x.copy !== c.copy).map((x) => `your other copy ${x.from ? `from ${ctx.name(x.from)}` : ''}`.trim()),
      ...me.sharedOut.filter((x) => x.capability === c.capability).map((x) => ctx.name(x.to)),
    ];
    const bar = el(
      'div',
      { class: `fresh fresh-${state}`, role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(pct)), 'aria-label': 'Freshness', title: 'Freshness: the chance the exploit still works unseen. Every use by anyone who holds it burns it for all.' },
      el('div', { class: 'fresh-fill', style: `width:${pct}%` }),
      el('span', { class: 'fresh-text' }, c.patched ? 'patched: useless' : `freshness ${one(c.freshness)}`),
    );
    return el(
      'article',
      { class: `card${burning ? ' burn' : ''}`, 'data-capability': c.capability, 'data-copy': c.copy, 'data-testid': 'arsenal-card' },
      el('h3', {}, c.name),
      el('p', { class: 'meta' },
        el('span', { title: c.kind === 'effect' ? 'An effect: disrupts, denies, degrades or destroys a service.' : 'Espionage: gathers intelligence and reveals vulnerabilities.' }, c.kind === 'effect' ? `effect: ${c.effect ?? ''}` : 'espionage'),
        ' · ',
        el('span', { title: 'Power 1–5: raises the chance of success.' }, `power ${c.power}`),
        ' · ',
        el('span', { title: 'Who wrote it: its fingerprint, which attribution reads.' }, `origin ${ctx.name(c.origin)}`),
        ' · ',
        el('span', { title: 'The vulnerable software it exploits: a target must run it.' }, c.vuln),
      ),
      bar,
      c.from ? el('p', { class: 'from' }, `Received from ${ctx.name(c.from)}`, ...termBadges(c, ctx.name)) : el('p', { class: 'from muted' }, c.tailoredFor ? `Tailored for ${ctx.name(c.tailoredFor)}` : 'Your own'),
      others.length ? el('p', { class: 'burns-with', title: 'These copies share one exploit: a use by any of them burns the freshness of all.' }, `Burns together with: ${others.join(', ')}`) : '',
      c.leaked ? el('p', { class: 'warn' }, 'Leaked') : '',
    );
  }
}
