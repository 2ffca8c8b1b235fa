import { el } from '../screens/dom.ts';
import { formatPath } from '../../shared/scenarios/validate.ts';

type Path = (string | number)[];
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Sections the form shows, in this order, with a heading each; the JSON pane has everything. */
export const SECTIONS: readonly { readonly key: string; readonly title: string }[] = [
  { key: 'id', title: 'Scenario' },
  { key: 'allies', title: 'Seats: allies (networks, capabilities, objectives)' },
  { key: 'adversary', title: 'Seat: adversary' },
  { key: 'coalitionObjectives', title: 'Coalition objectives' },
  { key: 'msel', title: 'Injects (MSEL)' },
  { key: 'trust', title: 'Trust' },
  { key: 'tunables', title: 'Tunables' },
  { key: 'weights', title: 'Score weights' },
];
const HEADER_KEYS = ['id', 'version', 'title', 'summary', 'minutes', 'turns', 'planningSeconds', 'cyoc', 'showScores'];

/**
 * A form over plain JSON data, generated from the data itself: a text box per string, a
 * number box per number, a checkbox per boolean, a comma list per array of strings, a
 * fieldset per object and per array item (with remove, and add that copies the last item).
 * Every input carries `data-path` in the validator's notation (`allies[0].networks[1].id`),
 * so that errors are shown beside their field. `onChange` gets the new data.
 */
export function renderForm(data: Record<string, Json>, onChange: (next: Record<string, Json>) => void): HTMLElement {
  const root = el('div', { class: 'editor-form' });
  const set = (path: Path, value: Json | undefined) => {
    const next = structuredClone(data);
    let at: Json = next;
    for (const p of path.slice(0, -1)) at = (at as Record<string | number, Json>)[p] as Json;
    const last = path[path.length - 1] as string | number;
    if (value === undefined && Array.isArray(at)) at.splice(last as number, 1);
    else if (value === undefined) delete (at as Record<string, Json>)[last];
    else (at as Record<string | number, Json>)[last] = value;
    onChange(next);
  };
  const header = el('fieldset', { 'data-path': '(root)' }, el('legend', {}, 'Scenario'));
  for (const k of HEADER_KEYS) if (k in data) header.append(field([k], data[k] as Json, set));
  root.append(header);
  for (const s of SECTIONS.slice(1)) {
    if (!(s.key in data)) continue;
    const box = node([s.key], data[s.key] as Json, set, s.title);
    root.append(box);
  }
  return root;
}

function label(path: Path): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `#${last + 1}` : String(last);
}

function titleOf(v: Json, path: Path): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const name = v['name'] ?? v['title'] ?? v['id'];
    if (typeof name === 'string') return `${label(path)} — ${name}`;
  }
  return label(path);
}

function node(path: Path, v: Json, set: (p: Path, v: Json | undefined) => void, title?: string): HTMLElement {
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return field(path, v, set);
  if (v === null || typeof v !== 'object') return field(path, v, set);
  const box = el('fieldset', { 'data-path': formatPath(path) }, el('legend', {}, title ?? titleOf(v, path)));
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      const child = node([...path, i], item, set);
      const remove = el('button', { type: 'button', class: 'small', 'data-testid': `remove-${formatPath([...path, i])}` }, 'Remove');
      remove.addEventListener('click', () => set([...path, i], undefined));
      child.querySelector('legend')?.append(' ', remove);
      box.append(child);
    });
    const add = el('button', { type: 'button', class: 'small', 'data-testid': `add-${formatPath(path)}` }, `Add to ${label(path)}`);
    add.addEventListener('click', () => set([...path, v.length], structuredClone(v[v.length - 1] ?? {})));
    box.append(add);
    return box;
  }
  for (const [k, x] of Object.entries(v)) box.append(node([...path, k], x, set));
  return box;
}

function field(path: Path, v: Json, set: (p: Path, v: Json | undefined) => void): HTMLElement {
  const name = formatPath(path);
  let input: HTMLInputElement | HTMLTextAreaElement;
  if (typeof v === 'boolean') {
    input = el('input', { type: 'checkbox' });
    input.checked = v;
    input.addEventListener('change', () => set(path, (input as HTMLInputElement).checked));
  } else if (typeof v === 'number') {
    input = el('input', { type: 'number', step: 'any', value: String(v) });
    input.addEventListener('change', () => set(path, input.value.trim() === '' ? '' : Number(input.value)));
  } else if (Array.isArray(v)) {
    input = el('input', { type: 'text', value: v.join(', ') });
    input.addEventListener('change', () => set(path, input.value.split(',').map((x) => x.trim()).filter((x) => x !== '')));
  } else if (typeof v === 'string' && v.length > 80) {
    input = el('textarea', { rows: '3' });
    input.value = v;
    input.addEventListener('change', () => set(path, input.value));
  } else {
    input = el('input', { type: 'text', value: v === null ? '' : String(v) });
    input.addEventListener('change', () => set(path, v === null && input.value === '' ? null : input.value));
  }
  input.setAttribute('data-path', name);
  input.setAttribute('name', name);
  return el('label', { class: 'field', 'data-field': name }, el('span', {}, label(path)), input, el('small', { class: 'field-error', role: 'alert' }));
}
