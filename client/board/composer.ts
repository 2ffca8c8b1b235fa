import { OrderSchema, type Order, type OrderType } from '../../shared/rules/orders.ts';
import { capacityPicture, precheckOrder } from '../../shared/rules/precheck.ts';
import type { ChatLink } from '../../shared/engine/chat.ts';
import { postLinked } from '../chat/chat-panel.ts';
import { el } from '../screens/dom.ts';
import { readPicture } from '../state/seat.ts';
import { sendAndSay, setText, type BoardContext } from './context.ts';

type Options = (ctx: BoardContext) => [string, string][];
interface Field {
  readonly name: string;
  readonly label: string;
  readonly kind: 'select' | 'number' | 'text' | 'check' | 'multi' | 'area';
  readonly options?: Options;
  readonly help?: string;
  /** Initial value: a checkbox's checked state, or a text/number. */
  readonly initial?: string | boolean;
  readonly min?: number;
  readonly max?: number;
}

const me = (ctx: BoardContext) => ctx.picture.me;
const side = (ctx: BoardContext) => me(ctx).nation.side;
const copies: Options = (ctx) => me(ctx).arsenal.map((c) => [c.copy, `${c.name} (${c.kind === 'effect' ? c.effect : 'espionage'}, power ${c.power}, freshness ${Math.round(c.freshness)})`]);
const enemyNetworks: Options = (ctx) => ctx.board.networks.filter((w) => (ctx.board.nations.find((n) => n.id === w.owner)?.side ?? '') !== side(ctx)).map((w) => [w.id, `${w.name} (${ctx.name(w.owner)})`]);
const partners: Options = (ctx) => ctx.board.nations.filter((n) => n.side === 'ally' && n.id !== ctx.seat).map((n) => [n.id, n.name]);
const others: Options = (ctx) => ctx.board.nations.filter((n) => n.id !== ctx.seat).map((n) => [n.id, n.name]);
const ownNetworks: Options = (ctx) => me(ctx).networks.map((w) => [w.id, w.name]);
const vulns: Options = (ctx) => me(ctx).nation.knownVulns.map((v) => [v, v]);
const incidents: Options = (ctx) => me(ctx).incidents.map((i) => [i.id, `turn ${i.turn}: ${i.effect ?? i.kind} on ${ctx.name(i.network)}${i.blamed ? ` (blamed on ${ctx.name(i.blamed)})` : ''}`]);
const implanted: Options = (ctx) => [...new Set(me(ctx).implants.filter((i) => i.owner === ctx.seat && !i.discovered).map((i) => i.network))].map((id) => [id, ctx.name(id)]);
const fixed = (...pairs: [string, string][]): Options => () => pairs;

const TERMS: Field[] = [
  { name: 'compiledOnly', label: 'Compiled only', kind: 'check', initial: true, help: 'The partner cannot adapt or re-share it; end-use is enforced; leaks are half as likely.' },
  { name: 'dualKey', label: 'Dual-key', kind: 'check', initial: false, help: 'Each use needs your consent in the same planning window.' },
  { name: 'watermark', label: 'Watermark', kind: 'check', initial: false, help: 'Blame for its use falls on the partner, and nobody gets a covert bonus.' },
  { name: 'expiresAfter', label: 'Expires after (turns, empty: never)', kind: 'number', min: 1, max: 50 },
  { name: 'endUse', label: 'End-use: only against (none selected: any)', kind: 'multi', options: enemyNetworks },
];
const BUILD: Field[] = [
  { name: 'vuln', label: 'Vulnerability', kind: 'select', options: vulns, help: 'Software you have intelligence on (espionage reveals more).' },
  { name: 'kind', label: 'Kind', kind: 'select', options: fixed(['effect', 'effect'], ['espionage', 'espionage']) },
  { name: 'effect', label: 'Effect (effect kind only)', kind: 'select', options: fixed(['', '—'], ['disrupt', 'disrupt'], ['deny', 'deny'], ['degrade', 'degrade'], ['destroy', 'destroy']) },
  { name: 'power', label: 'Power (up to your skill + 1)', kind: 'number', min: 1, max: 5, initial: '2' },
  { name: 'name', label: 'Name (optional)', kind: 'text' },
];

/** Every order of docs/design.md §4 with its fields, in the order a student meets them. */
export const ORDERS: readonly { type: OrderType; label: string; fields: Field[]; adversary?: boolean }[] = [
  { type: 'operate', label: 'Operate: use a capability', adversary: true, fields: [{ name: 'copy', label: 'Capability', kind: 'select', options: copies }, { name: 'target', label: 'Target network', kind: 'select', options: enemyNetworks }] },
  { type: 'share', label: 'Share a capability', fields: [{ name: 'copy', label: 'Capability', kind: 'select', options: copies }, { name: 'to', label: 'With', kind: 'select', options: partners }, ...TERMS] },
  { type: 'tailor', label: 'Tailor a tool for an ally', fields: [{ name: 'for', label: 'For', kind: 'select', options: partners }, ...BUILD, ...TERMS.map((f) => (f.name === 'watermark' ? { ...f, initial: true } : f))] },
  { type: 'develop', label: 'Develop a capability', adversary: true, fields: BUILD },
  { type: 'sovereignOffer', label: 'Offer a sovereign effect', fields: [{ name: 'copy', label: 'Your own effect capability', kind: 'select', options: copies }, { name: 'target', label: 'Target network', kind: 'select', options: enemyNetworks }, { name: 'window', label: 'Open for (turns)', kind: 'number', min: 1, max: 6, initial: '2' }] },
  { type: 'huntForward', label: 'Offer a hunt-forward team', fields: [{ name: 'host', label: 'Into the networks of', kind: 'select', options: partners }, { name: 'turns', label: 'Turns (empty: the scenario’s)', kind: 'number', min: 1, max: 6 }] },
  { type: 'inviteHunt', label: 'Invite a hunt-forward team', fields: [{ name: 'hunter', label: 'Team of', kind: 'select', options: partners }, { name: 'turns', label: 'Turns (empty: the scenario’s)', kind: 'number', min: 1, max: 6 }] },
  { type: 'defend', label: 'Defend a network', adversary: true, fields: [{ name: 'network', label: 'Network', kind: 'select', options: ownNetworks }, { name: 'action', label: 'Action', kind: 'select', options: fixed(['harden', 'harden (+1, up to 3)'], ['patch', 'apply published patches']) }] },
  { type: 'train', label: 'Train an ally', fields: [{ name: 'trainee', label: 'Ally', kind: 'select', options: partners }] },
  { type: 'attribute', label: 'Attribute an incident publicly', fields: [{ name: 'incident', label: 'Incident', kind: 'select', options: incidents }, { name: 'accused', label: 'Accuse', kind: 'select', options: others }] },
  { type: 'shareIntel', label: 'Share intelligence (deconflict)', fields: [{ name: 'to', label: 'With', kind: 'select', options: partners }, { name: 'network', label: 'About your access on', kind: 'select', options: implanted }] },
  { type: 'report', label: 'File a report to the White Cell', fields: [{ name: 'text', label: 'Report', kind: 'area' }] },
];

const TERM_NAMES = new Set(TERMS.map((f) => f.name));
/** Orders a chat message may link to (shared/protocol/chat.ts). */
const LINKABLE: ReadonlySet<string> = new Set(['share', 'huntForward', 'inviteHunt', 'sovereignOffer']);

/** The order the form describes (not yet validated): what the shared schema will parse. */
export function orderFrom(type: OrderType, form: HTMLFormElement): unknown {
  const spec = ORDERS.find((o) => o.type === type);
  if (!spec) return null;
  const data = new FormData(form);
  const o: Record<string, unknown> = { type };
  const terms: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const into = TERM_NAMES.has(f.name) ? terms : o;
    const raw = data.get(f.name);
    if (f.kind === 'check') into[f.name] = raw !== null;
    else if (f.kind === 'multi') {
      const list = data.getAll(f.name).map(String);
      into[f.name] = list.length ? list : null;
    } else if (f.kind === 'number') {
      const s = String(raw ?? '').trim();
      if (s !== '') into[f.name] = Number(s);
      else if (f.name === 'expiresAfter') into[f.name] = null;
    } else {
      const s = String(raw ?? '');
      if (f.name === 'effect') into[f.name] = s === '' ? null : s;
      else if (s !== '' || f.kind === 'area') into[f.name] = s;
    }
  }
  if (spec.fields.some((f) => TERM_NAMES.has(f.name))) o['terms'] = terms;
  return o;
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
  #optionsKey = '';
  #pendingKey = '';
  #shown: OrderType | null = null;

  constructor() {
    this.#form.append(this.#dealLine, el('label', {}, 'Order', this.#type), this.#fields, this.#cost, this.#verdict, this.#send, this.#status);
    this.root = el('section', { class: 'panel', 'aria-label': 'Orders' }, el('h2', {}, 'New order'), this.#form, el('h2', {}, 'Orders given this turn'), this.#pending);
    this.#type.addEventListener('change', () => this.#render());
    this.#form.addEventListener('input', () => this.#check());
    this.#form.addEventListener('change', () => this.#check());
    this.#form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.#submit();
    });
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

  /** Chooses an order type (the map and cards use it to start an order). */
  choose(type: OrderType, values: Record<string, string> = {}): void {
    this.#type.value = type;
    this.#render();
    for (const [k, v] of Object.entries(values)) {
      const input = this.#form.elements.namedItem(k);
      if (input instanceof HTMLSelectElement || input instanceof HTMLInputElement) input.value = v;
    }
    this.#check();
    this.#type.focus();
  }

  update(ctx: BoardContext): void {
    this.#ctx = ctx;
    const adversary = me(ctx).nation.side === 'adversary';
    const types = ORDERS.filter((o) => !adversary || o.adversary);
    if (this.#type.options.length !== types.length) {
      this.#type.replaceChildren(...types.map((o) => el('option', { value: o.type }, o.label)));
    }
    const key = JSON.stringify(ORDERS.map((o) => o.fields.map((f) => f.options?.(ctx) ?? null)));
    if (this.#shown !== this.#type.value || key !== this.#optionsKey) {
      this.#optionsKey = key;
      this.#render();
    } else this.#check();
    this.#renderPending(ctx);
  }

  #render(): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    const spec = ORDERS.find((o) => o.type === this.#type.value) ?? ORDERS[0];
    if (!spec) return;
    // Keep what the person already chose when the options change under them.
    const keep = this.#shown === spec.type ? new FormData(this.#form) : null;
    this.#shown = spec.type;
    this.#fields.replaceChildren(...spec.fields.map((f) => field(f, ctx, keep)));
    this.#check();
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
      const v = precheckOrder(ctx.picture, parsed.data);
      if (!v.ok) reason = v.error.message;
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
    const orders = me(ctx).orders;
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

function field(f: Field, ctx: BoardContext, keep: FormData | null): HTMLElement {
  const id = `f-${f.name}`;
  const help = f.help ? el('small', { class: 'muted' }, f.help) : '';
  if (f.kind === 'check') {
    const input = el('input', { type: 'checkbox', name: f.name, id });
    input.checked = keep ? keep.get(f.name) !== null : f.initial === true;
    return el('label', { class: 'check' }, input, ` ${f.label}`, help);
  }
  if (f.kind === 'select' || f.kind === 'multi') {
    const options = f.options?.(ctx) ?? [];
    const chosen = new Set((keep?.getAll(f.name) ?? []).map(String));
    const select = el('select', { name: f.name, id, ...(f.kind === 'multi' ? { multiple: '', size: String(Math.min(5, Math.max(2, options.length))) } : {}) });
    select.append(...options.map(([value, label]) => {
      const o = el('option', { value }, label);
      o.selected = chosen.has(value);
      return o;
    }));
    if (options.length === 0 && f.kind === 'select') select.append(el('option', { value: '' }, '(none available)'));
    return el('label', {}, f.label, select, help);
  }
  if (f.kind === 'area') {
    const area = el('textarea', { name: f.name, id, rows: '4', maxlength: '2000' });
    area.value = String(keep?.get(f.name) ?? '');
    return el('label', {}, f.label, area, help);
  }
  const input = el('input', { name: f.name, id, type: f.kind === 'number' ? 'number' : 'text', ...(f.min !== undefined ? { min: String(f.min) } : {}), ...(f.max !== undefined ? { max: String(f.max) } : {}), ...(f.kind === 'text' ? { maxlength: '60' } : {}) });
  input.value = String(keep?.get(f.name) ?? (typeof f.initial === 'string' ? f.initial : ''));
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
