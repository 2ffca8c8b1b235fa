import type { OrderType } from '../../shared/rules/orders.ts';
import type { SeatPicture } from '../../shared/rules/precheck.ts';
import type { BoardSnap } from '../state/board.ts';

/**
 * Every order of docs/design.md §4 as the composer shows it — its fields, their options from what
 * the seat sees, their initial values — and the order a set of field values describes. No
 * DOM here: the composer (composer.ts) draws it, choices.ts asks the rules which
 * combinations of options they accept now, and tests run both in Node.
 */

/** What option lists are made from: the seat's own picture and the public board. */
export interface OptionContext {
  readonly seat: string;
  readonly board: BoardSnap;
  readonly picture: SeatPicture;
  /** Display name of a nation or network id. */
  readonly name: (id: string | null | undefined) => string;
}

type Options = (ctx: OptionContext) => [string, string][];
export interface Field {
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

/** A field's value as the form holds it: a checkbox's state, a multi-select's list, else the text. */
export type FieldValue = string | boolean | readonly string[];
export type FieldValues = Readonly<Record<string, FieldValue | undefined>>;

export interface OrderSpec {
  readonly type: OrderType;
  readonly label: string;
  readonly fields: readonly Field[];
  /** Offered to the adversary seat too. */
  readonly adversary?: boolean;
}

const me = (ctx: OptionContext) => ctx.picture.me;
const side = (ctx: OptionContext) => me(ctx).nation.side;
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
  { name: 'dualKey', label: 'Dual-key', kind: 'check', initial: false, help: 'Each use needs your consent in the same planning window, and then goes ahead one resolution later.' },
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
export const ORDERS: readonly OrderSpec[] = [
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

export const specOf = (type: string): OrderSpec | undefined => ORDERS.find((o) => o.type === type);

/** A field's value before anyone touched it: its `initial`, else empty (a select shows its first option). */
export function initialValue(f: Field): FieldValue {
  if (f.kind === 'check') return f.initial === true;
  if (f.kind === 'multi') return [];
  return typeof f.initial === 'string' ? f.initial : '';
}

/** The order the field values describe (not yet validated): what the shared OrderSchema will parse. */
export function orderOf(type: OrderType, values: FieldValues): unknown {
  const spec = specOf(type);
  if (!spec) return null;
  const o: Record<string, unknown> = { type };
  const terms: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const into = TERM_NAMES.has(f.name) ? terms : o;
    const raw = values[f.name];
    if (f.kind === 'check') into[f.name] = raw === true;
    else if (f.kind === 'multi') {
      const list = Array.isArray(raw) ? raw.map(String) : [];
      into[f.name] = list.length ? list : null;
    } else if (f.kind === 'number') {
      const s = typeof raw === 'string' ? raw.trim() : '';
      if (s !== '') into[f.name] = Number(s);
      else if (f.name === 'expiresAfter') into[f.name] = null;
    } else {
      const s = typeof raw === 'string' ? raw : '';
      if (f.name === 'effect') into[f.name] = s === '' ? null : s;
      else if (s !== '' || f.kind === 'area') into[f.name] = s;
    }
  }
  if (spec.fields.some((f) => TERM_NAMES.has(f.name))) o['terms'] = terms;
  return o;
}

