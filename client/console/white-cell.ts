import { one, sendAndSay } from '../board/context.ts';
import { el } from '../screens/dom.ts';
import type { ConsoleContext } from './context.ts';

/**
 * The White Cell's levers on the game (docs/design.md §1): injects from the MSEL and typed ones,
 * CyOC requests of sovereign offers (when the facilitator is the CyOC), scoring of the
 * teams' reports, and rulings that adjust a nation's standing.
 */
export class WhiteCellPanel {
  readonly root = el('section', { class: 'panel white-cell', 'data-testid': 'white-cell', 'aria-label': 'White Cell' });
  readonly #status = el('p', { class: 'status-line', role: 'status' });
  readonly #msel = el('ul', { 'data-testid': 'msel' });
  readonly #offers = el('ul', { 'data-testid': 'cyoc-offers' });
  readonly #reports = el('ul', { 'data-testid': 'reports' });
  readonly #typedNetwork = el('select', { name: 'network' });
  readonly #adjustNation = el('select', { name: 'nation' });
  #ctx: ConsoleContext | null = null;
  #key = '';

  constructor() {
    const title = el('input', { name: 'title', maxlength: '80', required: '' });
    const text = el('textarea', { name: 'text', maxlength: '1000', rows: '3', required: '' });
    const amount = el('input', { name: 'amount', type: 'number', min: '0', max: '100', value: '0' });
    const typed = el('form', { 'data-testid': 'typed-inject' },
      el('label', {}, 'Title', title), el('label', {}, 'Text (read to all)', text),
      el('label', {}, 'Availability hit on (optional)', this.#typedNetwork), el('label', {}, 'Hit (points of availability)', amount),
      el('button', { type: 'submit' }, 'Fire typed inject'));
    typed.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const ctx = this.#ctx;
      if (!ctx) return;
      const hit = this.#typedNetwork.value && Number(amount.value) > 0 ? { availabilityHit: { network: this.#typedNetwork.value, amount: Number(amount.value) } } : {};
      void sendAndSay(ctx.session, this.#status, 'typedInject', { title: title.value, text: text.value, ...hit }, 'Inject fired.').then((ok) => {
        if (ok) typed.reset();
      });
    });
    const field = el('select', { name: 'field' }, ...['reputation', 'intel', 'influence'].map((f) => el('option', { value: f }, f)));
    const delta = el('input', { name: 'delta', type: 'number', min: '-50', max: '50', value: '0' });
    const why = el('input', { name: 'reason', maxlength: '300', required: '' });
    const adjust = el('form', { 'data-testid': 'adjust' },
      el('label', {}, 'Nation', this.#adjustNation), el('label', {}, 'Field', field), el('label', {}, 'Change', delta), el('label', {}, 'Ruling (told to the nation)', why),
      el('button', { type: 'submit' }, 'Adjust'));
    adjust.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const ctx = this.#ctx;
      if (ctx) void sendAndSay(ctx.session, this.#status, 'adjust', { nation: this.#adjustNation.value, field: field.value, delta: Number(delta.value), reason: why.value }, 'Adjusted.');
    });
    const release = el('button', { type: 'button', class: 'secondary' }, 'Release all scored reports');
    release.addEventListener('click', () => {
      const ctx = this.#ctx;
      if (ctx) void sendAndSay(ctx.session, this.#status, 'releaseReports', {}, 'Report scores released to the teams.');
    });
    this.root.append(
      this.#status,
      el('h2', {}, 'MSEL injects'), this.#msel,
      el('h2', {}, 'Typed inject'), typed,
      el('h2', {}, 'CyOC: sovereign offers'), this.#offers,
      el('h2', {}, 'Reports to score'), this.#reports, release,
      el('h2', {}, 'Ruling'), adjust,
    );
  }

  update(ctx: ConsoleContext): void {
    this.#ctx = ctx;
    const key = JSON.stringify([ctx.god.msel, ctx.god.reports, ctx.pub.offers, ctx.board.phase, ctx.board.networks.length, ctx.pub.scenario.cyoc]);
    if (key === this.#key) return;
    this.#key = key;
    this.#msel.replaceChildren(...(ctx.god.msel.length ? ctx.god.msel.map((m) => {
      const b = el('button', { type: 'button', class: 'small' }, m.fired ? 'Fired' : 'Fire');
      b.disabled = m.fired;
      b.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'fireInject', { msel: m.id }, `Fired “${m.title}”.`));
      return el('li', {}, el('strong', {}, `T${m.turn} ${m.title}`), ` ${m.text} `, b);
    }) : [el('li', { class: 'muted' }, 'This scenario has no MSEL.')]));
    if (this.#typedNetwork.options.length !== ctx.board.networks.length + 1) {
      this.#typedNetwork.replaceChildren(el('option', { value: '' }, '— none —'), ...ctx.board.networks.map((w) => el('option', { value: w.id }, `${w.name} (${ctx.name(w.owner)})`)));
      this.#adjustNation.replaceChildren(...ctx.board.nations.map((n) => el('option', { value: n.id }, n.name)));
    }
    if (ctx.pub.scenario.cyoc !== 'facilitator') {
      this.#offers.replaceChildren(el('li', { class: 'muted' }, `${ctx.name(ctx.pub.scenario.cyoc)} plays the CyOC in this scenario: it requests the offers.`));
    } else {
      const open = ctx.pub.offers.filter((o) => o.status === 'open');
      this.#offers.replaceChildren(...(open.length ? open.map((o) => {
        const b = el('button', { type: 'button', class: 'small' }, 'Request');
        b.disabled = ctx.board.phase !== 'planning';
        b.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'requestSovereign', { offer: o.id }, 'Requested: the nation answers in its inbox.'));
        return el('li', {}, `${ctx.name(o.nation)}: ${o.effect} on ${ctx.name(o.target)} until turn ${o.until} `, b);
      }) : [el('li', { class: 'muted' }, 'No open sovereign offers.')]));
    }
    this.#reports.replaceChildren(...(ctx.god.reports.length ? ctx.god.reports.map((r) => {
      const points = el('input', { type: 'number', min: '-20', max: '20', value: String(r.scored ? r.points : 0), 'aria-label': `Points for ${ctx.name(r.nation)}'s report` });
      const rel = el('input', { type: 'checkbox', 'aria-label': 'release now' });
      const b = el('button', { type: 'button', class: 'small' }, r.scored ? 'Re-score' : 'Score');
      b.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'awardReport', { report: r.id, points: Number(points.value), release: rel.checked }, 'Scored.'));
      return el('li', {}, el('strong', {}, `${ctx.name(r.nation)}, turn ${r.turn}`), el('p', {}, r.text),
        el('p', {}, points, ' points ', el('label', { class: 'check' }, rel, ' release now'), ' ', b, r.scored ? ` scored ${one(r.points)}${r.released ? ', released' : ', held'}` : ''));
    }) : [el('li', { class: 'muted' }, 'No reports yet.')]));
  }
}
