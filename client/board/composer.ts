import { OrderSchema, type Order, type OrderType } from '../../shared/rules/orders.ts';
import { capacityPicture, orderChecker } from '../../shared/rules/precheck.ts';
import type { ChatLink } from '../../shared/engine/chat.ts';
import type { Result } from '../../shared/engine/result.ts';
import { postLinked } from '../chat/chat-panel.ts';
import { el } from '../screens/dom.ts';
import { readPicture } from '../state/seat.ts';
import { choicesFor, firstCombo, type Choices } from './choices.ts';
import { sendAndSay, setText, type BoardContext } from './context.ts';
import { initialValue, ORDERS, orderOf, specOf, type Field, type FieldValue, type FieldValues } from './order-spec.ts';
import type { Term } from './glossary.ts';
import { term } from '../screens/onboarding.ts';

export { ORDERS } from './order-spec.ts';

/** Orders a chat message may link to (shared/protocol/chat.ts). */
const LINKABLE: ReadonlySet<string> = new Set(['share', 'huntForward', 'inviteHunt', 'sovereignOffer']);

/** The field values the form holds now (a field the form does not show is absent). */
export function formValues(type: OrderType, form: HTMLFormElement): Record<string, FieldValue> {
  const data = new FormData(form);
  const out: Record<string, FieldValue> = {};
  for (const f of specOf(type)?.fields ?? []) {
    if (!form.elements.namedItem(f.name)) continue;
    if (f.kind === 'check') out[f.name] = data.get(f.name) !== null;
    else if (f.kind === 'multi') out[f.name] = data.getAll(f.name).map(String);
    else out[f.name] = String(data.get(f.name) ?? '');
  }
  return out;
}

/** The order the form describes (not yet validated): what the shared schema will parse. */
export function orderFrom(type: OrderType, form: HTMLFormElement): unknown {
  return orderOf(type, formValues(type, form));
}

/**
 * The order composer: one form per order type, with the capacity it costs adding up live and
 * the rules' own verdict (shared/rules/precheck.ts) shown before sending — the send button is
 * disabled with the reason beside it. The server still decides. Plain form controls, so it is
 * used with the keyboard like any form.
 */
export class Composer {
  readonly root: HTMLElement;
  readonly #type = el('select', { name: 'orderType', 'data-testid': 'order-type', 'aria-label': 'Order' });
  readonly #fields = el('div', { class: 'fields' });
  /** The words this order turns on, explained with the scenario's numbers (glossary.ts). */
  readonly #about = el('p', { class: 'muted about', 'data-testid': 'order-about' });
  readonly #form = el('form', { 'data-testid': 'composer', class: 'composer' });
  readonly #cost = el('p', { class: 'cost', 'data-testid': 'order-cost', 'aria-live': 'polite' });
  readonly #verdict = el('p', { class: 'verdict', 'data-testid': 'order-verdict', 'aria-live': 'polite' });
  readonly #send = el('button', { type: 'submit', 'data-testid': 'order-send' }, 'Give order');
  readonly #status = el('p', { class: 'status-line', role: 'status', 'data-testid': 'order-status' });
  readonly #pending = el('ul', { class: 'pending', 'data-testid': 'pending-orders' });
  /** The channel an order is being proposed from: once given, it is linked to that conversation. */
  #deal: string | null = null;
  readonly #dealLine = el('p', { class: 'deal-line', 'data-testid': 'deal-line', hidden: '' });
  #ctx: BoardContext | null = null;
  #check1: ((order: Order) => Result<void>) | null = null;
  #optionsKey = '';
  #pendingKey = '';
  #shown: OrderType | null = null;
  /** The person (or a restored draft) picked the order type: the composer no longer picks it for them. */
  #typeChosen = false;
  readonly #draftListeners = new Set<(draft: ComposerDraft) => void>();

  constructor() {
    this.#form.append(this.#dealLine, el('label', {}, 'Order', this.#type), this.#about, this.#fields, this.#cost, this.#verdict, this.#send, this.#status);
    this.root = el('section', { class: 'panel', 'aria-label': 'Orders' }, el('h2', {}, 'New order'), this.#form, el('h2', {}, 'Orders given this turn'), this.#pending);
    this.#type.addEventListener('change', () => {
      this.#typeChosen = true;
      this.#render();
      this.#changed();
    });
    this.#form.addEventListener('input', (ev) => {
      if (ev.target === this.#type) return;
      // A term or a number may change which options the rules accept; a select alone does not.
      if (!(ev.target instanceof HTMLSelectElement) || ev.target.multiple) this.#markOptions();
      this.#check();
      this.#changed();
    });
    this.#form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.#submit();
    });
  }

  /** Called with the form's state whenever the person changes it (the board keeps it as a draft on the server). */
  onDraft(listener: (draft: ComposerDraft) => void): () => void {
    this.#draftListeners.add(listener);
    return () => this.#draftListeners.delete(listener);
  }

  /** The unsent order as the form holds it now (null before the first state). */
  draft(): ComposerDraft | null {
    return this.#shown ? { type: this.#shown, values: formValues(this.#shown, this.#form) } : null;
  }

  /** Puts a saved draft back in the form (after a reload, or on another laptop). */
  restore(draft: ComposerDraft): void {
    if (!specOf(draft.type)) return;
    this.#typeChosen = true;
    this.#type.value = draft.type;
    this.#shown = null;
    this.#render(draft.values, false);
  }

  /**
   * Starts an order proposed in a channel (the channels panel's "Propose a deal…"): a share
   * with that partner by default; the order given next is linked to the conversation.
   */
  proposeFrom(channel: string, partner: string): void {
    this.#deal = channel;
    const cancel = el('button', { type: 'button', class: 'small secondary' }, 'Unlink');
    cancel.addEventListener('click', () => {
      this.#deal = null;
      this.#dealLine.hidden = true;
    });
    this.#dealLine.replaceChildren(`Proposing to ${this.#ctx?.name(partner) ?? partner}: the order you give next is linked to your conversation. `, cancel);
    this.#dealLine.hidden = false;
    this.choose('share', { to: partner });
  }

  /** Chooses an order type (the map and cards use it to start an order), with some fields given; the rest start on an order the rules accept. */
  choose(type: OrderType, values: Record<string, string> = {}): void {
    this.#typeChosen = true;
    this.#type.value = type;
    this.#shown = null;
    this.#render(values, true);
    this.#type.focus();
    this.#changed();
  }

  update(ctx: BoardContext): void {
    this.#ctx = ctx;
    this.#check1 = orderChecker(ctx.picture);
    const key = JSON.stringify([ORDERS.map((o) => o.fields.map((f) => f.options?.(ctx) ?? null)), ctx.picture.me.capacity, ctx.picture.me.orders.length, ctx.board.phase]);
    if (key !== this.#optionsKey) {
      this.#optionsKey = key;
      this.#listTypes(ctx);
      this.#render();
    } else if (this.#shown !== this.#type.value) this.#render();
    else this.#check();
    this.#renderPending(ctx);
  }

  /** The order types of this seat, those the rules accept no order of now marked so (and not picked by default). */
  #listTypes(ctx: BoardContext): void {
    const check = this.#check1;
    if (!check) return;
    const adversary = ctx.picture.me.nation.side === 'adversary';
    const types = ORDERS.filter((o) => !adversary || o.adversary);
    const chosen = this.#type.value;
    const possible = types.map((o) => {
      const initial = Object.fromEntries(o.fields.map((f) => [f.name, initialValue(f)]));
      return { o, c: choicesFor(o.type, ctx, initial, check) };
    });
    this.#type.replaceChildren(
      ...possible.map(({ o, c }) => {
        const option = el('option', { value: o.type, 'data-possible': String(c.possible !== false) }, c.possible === false ? `${o.label} — not possible now` : o.label);
        if (c.possible === false) option.title = c.reason;
        return option;
      }),
    );
    const stillThere = types.some((o) => o.type === chosen);
    if (this.#typeChosen && stillThere) this.#type.value = chosen;
    else this.#type.value = possible.find(({ c }) => c.possible === true)?.o.type ?? types[0]?.type ?? '';
  }

  /**
   * Draws the fields of the chosen order. `values`: start from these (a draft, or fields
   * given by `choose`); without them, keep what the person already chose when the options
   * change under them. `pick`: fill the other selects with the first combination the rules
   * accept (a fresh form always does).
   */
  #render(values?: FieldValues, pick = values === undefined): void {
    const ctx = this.#ctx;
    const check = this.#check1;
    if (!ctx || !check) return;
    const spec = specOf(this.#type.value) ?? ORDERS[0];
    if (!spec) return;
    const keep = values === undefined && this.#shown === spec.type ? formValues(spec.type, this.#form) : null;
    this.#shown = spec.type;
    const base: Record<string, FieldValue> = Object.fromEntries(spec.fields.map((f) => [f.name, initialValue(f)]));
    Object.assign(base, keep ?? values ?? {});
    const choices = choicesFor(spec.type, ctx, base, check);
    if (!keep && pick) {
      const fixed = Object.fromEntries(Object.entries(values ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
      Object.assign(base, firstCombo(choices, fixed) ?? firstCombo(choices) ?? {});
    }
    this.#fields.replaceChildren(...spec.fields.map((f) => field(f, ctx, base[f.name], choices)));
    const tunables = ctx.picture.pub.scenario.tunables;
    const words = ABOUT[spec.type] ?? [];
    this.#about.replaceChildren(...(words.length ? ['Hover or focus: ', ...words.flatMap((w, i) => [...(i ? [' · '] : []), term(w, w, tunables)])] : []));
    this.#check();
  }

  /** Marks the options the rules refuse now (after a change of terms or numbers). */
  #markOptions(): void {
    const ctx = this.#ctx;
    const check = this.#check1;
    if (!ctx || !check || !this.#shown) return;
    const choices = choicesFor(this.#shown, ctx, formValues(this.#shown, this.#form), check);
    for (const select of this.#fields.querySelectorAll('select')) mark(select, choices);
  }

  #changed(): void {
    const d = this.draft();
    if (d) for (const l of this.#draftListeners) l(d);
  }

  #check(): void {
    const ctx = this.#ctx;
    if (!ctx || !this.#shown) return;
    const parsed = OrderSchema.safeParse(orderFrom(this.#shown, this.#form));
    const order: Order | null = parsed.success ? parsed.data : null;
    const cap = capacityPicture(ctx.picture, order ?? ({ type: this.#shown } as Order));
    const after = cap.committed + cap.cost;
    setText(this.#cost, `Capacity: ${cap.committed} committed + ${cap.cost} for this order = ${after} of ${cap.total}`);
    this.#cost.dataset.over = String(after > cap.total);
    let reason = '';
    if (ctx.board.phase !== 'planning') reason = 'Orders are given during planning.';
    else if (!parsed.success) {
      const issue = parsed.error.issues[0];
      reason = `Complete the form: ${issue?.path.join('.') || 'order'} — ${issue?.message ?? 'invalid'}.`;
    } else {
      const v = this.#check1?.(parsed.data);
      if (v && !v.ok) reason = v.error.message;
    }
    setText(this.#verdict, reason || 'The rules allow this order.');
    this.#verdict.dataset.ok = String(!reason);
    this.#send.disabled = reason !== '';
    this.#send.title = reason;
  }

  async #submit(): Promise<void> {
    const ctx = this.#ctx;
    if (!ctx || !this.#shown) return;
    const parsed = OrderSchema.safeParse(orderFrom(this.#shown, this.#form));
    if (!parsed.success) return;
    this.#send.disabled = true;
    const before = new Set(ctx.picture.me.orders.map((o) => o.id));
    const given = await sendAndSay(ctx.session, this.#status, 'submitOrder', { order: parsed.data }, 'Order given. It stays secret until the turn resolves.');
    const channel = this.#deal;
    if (given && channel && LINKABLE.has(parsed.data.type)) {
      // The reply comes after the patch that holds the new order: its id is the one not seen before.
      const now = readPicture(ctx.session.state, ctx.seat)?.me.orders ?? [];
      const added = now.find((o) => !before.has(o.id));
      if (added) {
        await postLinked(ctx.session, channel, { kind: parsed.data.type as ChatLink['kind'], ref: added.id }, `Proposed: ${describe(parsed.data, ctx)}.`);
        this.#deal = null;
        this.#dealLine.hidden = true;
      }
    }
    this.#check();
  }

  #renderPending(ctx: BoardContext): void {
    const orders = ctx.picture.me.orders;
    const key = JSON.stringify([orders, ctx.board.phase]);
    if (key === this.#pendingKey) return;
    this.#pendingKey = key;
    if (orders.length === 0) {
      this.#pending.replaceChildren(el('li', { class: 'muted' }, 'None yet.'));
      return;
    }
    this.#pending.replaceChildren(
      ...orders.map((o) => {
        const withdraw = el('button', { type: 'button', class: 'small', 'aria-label': `Withdraw ${describe(o.order, ctx)}` }, 'Withdraw');
        withdraw.disabled = ctx.board.phase !== 'planning';
        withdraw.addEventListener('click', () => void sendAndSay(ctx.session, this.#status, 'withdrawOrder', { order: o.id }, 'Order withdrawn.'));
        return el('li', { 'data-testid': 'pending-order' }, el('span', {}, describe(o.order, ctx)), withdraw);
      }),
    );
  }
}

/** The form state of an unsent order: its type and field values (what a draft keeps). */
export interface ComposerDraft {
  readonly type: OrderType;
  readonly values: FieldValues;
}

/** The glossary words each order turns on. */
const ABOUT: Partial<Record<OrderType, readonly Term[]>> = {
  operate: ['freshness', 'attribution'],
  share: ['freshness', 'dual-key', 'watermark'],
  tailor: ['watermark', 'dual-key'],
  sovereignOffer: ['sovereign effect', 'freshness'],
  huntForward: ['hunt forward'],
  inviteHunt: ['hunt forward'],
  attribute: ['attribution'],
};
/** Checkbox terms explained where they are ticked. */
const TERM_OF_FIELD: Readonly<Record<string, Term>> = { dualKey: 'dual-key', watermark: 'watermark' };

/** Greys out the options of `select` that the rules refuse now, each with the rules' reason. */
function mark(select: HTMLSelectElement, choices: Choices): void {
  const refused = choices.refused.get(select.name);
  for (const o of select.options) {
    const why = refused?.get(o.value);
    const label = o.dataset.label ?? o.text;
    o.dataset.label = label;
    o.disabled = why !== undefined && !o.selected;
    o.dataset.refused = String(why !== undefined);
    o.text = why === undefined ? label : `${label} — ${why.length > 90 ? `${why.slice(0, 89)}…` : why}`;
    o.title = why ?? '';
  }
}

function field(f: Field, ctx: BoardContext, value: FieldValue | undefined, choices: Choices): HTMLElement {
  const id = `f-${f.name}`;
  const help = f.help ? el('small', { class: 'muted' }, f.help) : '';
  if (f.kind === 'check') {
    const input = el('input', { type: 'checkbox', name: f.name, id });
    input.checked = value === true;
    const word = TERM_OF_FIELD[f.name];
    return el('label', { class: 'check' }, input, ' ', word ? term(f.label, word, ctx.picture.pub.scenario.tunables) : f.label, help);
  }
  if (f.kind === 'select' || f.kind === 'multi') {
    const options = f.options?.(ctx) ?? [];
    const chosen = new Set(Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
    const select = el('select', { name: f.name, id, ...(f.kind === 'multi' ? { multiple: '', size: String(Math.min(5, Math.max(2, options.length))) } : {}) });
    select.append(...options.map(([v, label]) => {
      const o = el('option', { value: v }, label);
      o.selected = chosen.has(v);
      return o;
    }));
    if (options.length === 0 && f.kind === 'select') select.append(el('option', { value: '' }, '(none available)'));
    if (f.kind === 'select') mark(select, choices);
    return el('label', {}, f.label, select, help);
  }
  if (f.kind === 'area') {
    const area = el('textarea', { name: f.name, id, rows: '4', maxlength: '2000' });
    area.value = typeof value === 'string' ? value : '';
    return el('label', {}, f.label, area, help);
  }
  const input = el('input', { name: f.name, id, type: f.kind === 'number' ? 'number' : 'text', ...(f.min !== undefined ? { min: String(f.min) } : {}), ...(f.max !== undefined ? { max: String(f.max) } : {}), ...(f.kind === 'text' ? { maxlength: '60' } : {}) });
  input.value = typeof value === 'string' ? value : '';
  return el('label', {}, f.label, input, help);
}

/** One line for an order, in words. */
export function describe(o: Order, ctx: BoardContext): string {
  const cap = (copy: string) => ctx.picture.me.arsenal.find((c) => c.copy === copy)?.name ?? copy;
  switch (o.type) {
    case 'operate': return `Operate ${cap(o.copy)} against ${ctx.name(o.target)}`;
    case 'share': {
      const t = [o.terms.compiledOnly && 'compiled-only', o.terms.dualKey && 'dual-key', o.terms.watermark && 'watermark', o.terms.expiresAfter && `expires after ${o.terms.expiresAfter}`, o.terms.endUse && `end-use ${o.terms.endUse.map((x) => ctx.name(x)).join('/')}`].filter(Boolean);
      return `Share ${cap(o.copy)} with ${ctx.name(o.to)}${t.length ? ` (${t.join(', ')})` : ''}`;
    }
    case 'tailor': return `Tailor a ${o.kind} tool (power ${o.power}) for ${ctx.name(o.for)}`;
    case 'develop': return `Develop a ${o.kind}${o.effect ? ` ${o.effect}` : ''} capability on ${o.vuln} (power ${o.power})`;
    case 'sovereignOffer': return `Offer a sovereign effect with ${cap(o.copy)} on ${ctx.name(o.target)}`;
    case 'huntForward': return `Offer a hunt-forward team to ${ctx.name(o.host)}`;
    case 'inviteHunt': return `Invite ${ctx.name(o.hunter)}’s hunt-forward team`;
    case 'defend': return `${o.action === 'harden' ? 'Harden' : 'Patch'} ${ctx.name(o.network)}`;
    case 'train': return `Train ${ctx.name(o.trainee)}`;
    case 'attribute': return `Publicly attribute incident ${o.incident} to ${ctx.name(o.accused)}`;
    case 'shareIntel': return `Share intelligence on ${ctx.name(o.network)} with ${ctx.name(o.to)}`;
    case 'report': return `Report: ${o.text.slice(0, 60)}${o.text.length > 60 ? '…' : ''}`;
  }
}
