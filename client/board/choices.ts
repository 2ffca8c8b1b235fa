import type { Result } from '../../shared/engine/result.ts';
import { OrderSchema, type Order, type OrderType } from '../../shared/rules/orders.ts';
import { orderOf, specOf, type FieldValues, type OptionContext } from './order-spec.ts';

/** What the rules say about the choices of one order form, now. */
export interface Choices {
  /** Per select field, the options some acceptable order uses. */
  readonly allowed: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per select field, why each other option is refused (the rules' sentence for one order that uses it). */
  readonly refused: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Acceptable combinations of the select fields, in the order the options are listed. */
  readonly combos: readonly Readonly<Record<string, string>>[];
  /**
   * true: some order of this type is accepted now; false: none is (`reason` says why);
   * null: cannot tell before the rest of the form (a report's text) is filled in.
   */
  readonly possible: boolean | null;
  readonly reason: string;
}

/** Past this many combinations of select options, the rest are not asked about (and stay offered). */
const MAX_COMBOS = 4000;

/**
 * Asks the rules (`check`: shared/rules/precheck.ts `orderChecker` on the seat's picture)
 * about every combination of the order's select fields — which capability, which target,
 * with whom… — with the other fields at `base`, so the composer offers only what they would
 * accept now and starts on an order they accept (docs/design.md §4; the server still decides).
 * A combination the order schema cannot parse because of a non-select field (a report with
 * no text yet) counts as "cannot tell", so its options stay offered.
 */
export function choicesFor(type: OrderType, ctx: OptionContext, base: FieldValues, check: (order: Order) => Result<void>): Choices {
  const spec = specOf(type);
  const selects = (spec?.fields ?? []).filter((f) => f.kind === 'select').map((f) => ({ name: f.name, values: (f.options?.(ctx) ?? []).map(([v]) => v) }));
  const allowed = new Map(selects.map((s) => [s.name, new Set<string>()]));
  const refused = new Map(selects.map((s) => [s.name, new Map<string, string>()]));
  const combos: Record<string, string>[] = [];
  const empty = selects.find((s) => s.values.length === 0);
  if (!spec || empty) return { allowed, refused, combos, possible: false, reason: empty ? `There is nothing to choose as “${spec?.fields.find((f) => f.name === empty.name)?.label ?? empty.name}” now.` : 'Unknown order.' };
  let unknown = false;
  let firstReason = '';
  let asked = 0;
  const walk = (i: number, combo: Record<string, string>): void => {
    if (asked >= MAX_COMBOS) return;
    const s = selects[i];
    if (s) {
      for (const v of s.values) walk(i + 1, { ...combo, [s.name]: v });
      return;
    }
    asked++;
    const parsed = OrderSchema.safeParse(orderOf(type, { ...base, ...combo }));
    let verdict: 'ok' | 'unknown' | string;
    if (!parsed.success) {
      const at = parsed.error.issues[0]?.path[0];
      verdict = typeof at === 'string' && allowed.has(at) ? `Choose a valid ${at}.` : 'unknown';
    } else {
      const r = check(parsed.data);
      verdict = r.ok ? 'ok' : r.error.message;
    }
    if (verdict === 'ok' || verdict === 'unknown') {
      if (verdict === 'ok') combos.push(combo);
      else unknown = true;
      for (const [name, v] of Object.entries(combo)) allowed.get(name)?.add(v);
      return;
    }
    firstReason ||= verdict;
    for (const [name, v] of Object.entries(combo)) {
      const reasons = refused.get(name);
      // Prefer the reason given with the other fields as they are now.
      const current = Object.entries(combo).every(([k, x]) => k === name || base[k] === undefined || base[k] === x);
      if (reasons && (!reasons.has(v) || current)) reasons.set(v, verdict);
    }
  };
  walk(0, {});
  // Options some acceptable order uses are not refused, whatever other combinations said.
  if (asked >= MAX_COMBOS) for (const s of selects) for (const v of s.values) allowed.get(s.name)?.add(v);
  for (const [name, set] of allowed) for (const v of set) refused.get(name)?.delete(v);
  const possible = combos.length > 0 ? true : unknown || asked >= MAX_COMBOS ? null : false;
  return { allowed, refused, combos, possible, reason: possible === false ? firstReason : '' };
}

/** The first acceptable combination that agrees with `fixed` (e.g. the partner of a deal), or null. */
export function firstCombo(choices: Choices, fixed: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> | null {
  return choices.combos.find((c) => Object.entries(fixed).every(([k, v]) => c[k] === undefined || c[k] === v)) ?? null;
}
