import type { Viewer } from '../../shared/engine/ruleset.ts';
import { el } from '../screens/dom.ts';
import type { AnyView } from './model.ts';

/**
 * The "view as" panel: what the ruleset's `view` gives the chosen viewer at this step.
 * A seat: its arsenal with freshness, the incidents it knows of with whom they were blamed
 * on, its inbox. The god view: every incident with its true user beside the blamed nation,
 * and who holds each exploit. The public view: the publicly attributed incidents.
 * All text through textContent (el() appends strings as text nodes).
 */

type Row = Record<string, unknown>;
const list = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const txt = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function table(testid: string, headers: readonly string[], rows: readonly (readonly (string | Node)[])[], empty: string): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'muted', 'data-testid': testid }, empty);
  return el(
    'table',
    { class: 'rp-table', 'data-testid': testid },
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

function freshnessBar(f: number, patched: boolean): HTMLElement {
  const bar = el('span', { class: 'rp-fresh', title: patched ? 'patched: worthless' : `freshness ${f}` });
  const fill = el('span', { class: patched ? 'rp-fresh-fill patched' : 'rp-fresh-fill' });
  fill.style.width = `${Math.max(0, Math.min(100, f))}%`;
  bar.append(fill);
  return el('span', {}, bar, ` ${patched ? 'patched' : Math.round(f)}`);
}

export function seatPanel(view: AnyView, viewer: Viewer, names: ReadonlyMap<string, string>): HTMLElement {
  const name = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : '—');
  const box = el('div', { class: 'rp-seat', 'data-testid': 'seat-panel', 'data-viewer': viewer });
  const me = view['me'] as Row | null | undefined;
  const god = view['god'] as { state?: Row } | null | undefined;

  if (god && god.state && Array.isArray(god.state['incidents'])) {
    const s = god.state;
    box.append(el('h3', {}, 'God view: what really happened (newest first)'));
    // Newest first: the incidents of the turn being watched are on top.
    const incidents = [...list(s['incidents'])].reverse();
    const caps = list(s['capabilities']);
    const copies = list(s['copies']);
    /** Who held a copy of the capability used: the suspects a fingerprint cannot tell apart. */
    const holdersOf = (capability: unknown) => [...new Set(copies.filter((c) => c['capability'] === capability).map((c) => name(c['holder'])))];
    box.append(
      table(
        'god-incidents',
        ['turn', 'network', 'victim', 'true user', 'tool (who held it)', 'blamed'],
        incidents.map((i) => {
          const wrong = i['blamed'] !== null && i['blamed'] !== i['user'];
          const blamed = el('span', { class: wrong ? 'rp-wrong' : '' }, i['blamed'] === null ? '—' : `${name(i['blamed'])}${wrong ? ' ✗ misattributed' : ' ✓'}`);
          const cap = caps.find((c) => c['id'] === i['capability']);
          const tool = `${txt(cap?.['name'] ?? i['capability'])} (${holdersOf(i['capability']).join(', ') || '—'})`;
          return [txt(i['turn']), txt(i['network']), name(i['victim']), el('strong', {}, name(i['user'])), tool, blamed];
        }),
        'No operations yet.',
      ),
    );
    box.append(el('h3', {}, 'Who holds each exploit'));
    box.append(
      table(
        'god-holders',
        ['exploit', 'freshness', 'author', 'holders'],
        list(s['exploits']).map((e) => {
          const onIt = caps.filter((c) => c['exploit'] === e['id']);
          const holders = [...new Set(copies.filter((c) => onIt.some((k) => k['id'] === c['capability'])).map((c) => name(c['holder'])))];
          return [`${onIt.map((c) => txt(c['name'])).join('/') || txt(e['id'])} (${txt(e['vuln'])})`, freshnessBar(Number(e['freshness']), e['patched'] === true), name(e['author']), holders.join(', ') || '—'];
        }),
        'No exploits.',
      ),
    );
    return box;
  }

  if (me) {
    const nation = me['nation'] as Row | undefined;
    const cap = me['capacity'] as Row | undefined;
    box.append(el('h3', {}, `${txt(nation?.['name'])}: what this seat saw`));
    box.append(el('p', { class: 'muted' }, `Capacity ${txt(cap?.['committed'])} of ${txt(cap?.['total'])} committed · intel ${txt(nation?.['intel'])} · reputation ${txt(nation?.['reputation'])}`));
    box.append(el('h4', {}, 'Arsenal'));
    box.append(
      table(
        'seat-arsenal',
        ['capability', 'freshness', 'kind', 'from'],
        list(me['arsenal']).map((c) => [`${txt(c['name'])} (${txt(c['vuln'])})`, freshnessBar(Number(c['freshness']), c['patched'] === true), `${txt(c['kind'])}${c['effect'] ? ` · ${txt(c['effect'])}` : ''}`, c['from'] ? name(c['from']) : 'own']),
        'Nothing in its arsenal.',
      ),
    );
    box.append(el('h4', {}, 'Incidents it knows of'));
    box.append(
      table(
        'seat-incidents',
        ['turn', 'network', 'victim', 'blamed'],
        list(me['incidents']).map((i) => [txt(i['turn']), txt(i['network']), name(i['victim']), i['blamed'] === null || i['blamed'] === undefined ? 'not attributed' : name(i['blamed'])]),
        'None.',
      ),
    );
    box.append(el('h4', {}, 'Inbox'));
    box.append(
      table(
        'seat-inbox',
        ['request', 'from', 'answer'],
        list(me['inbox']).map((r) => [txt(r['kind']), name(r['from']), r['answer'] === null ? 'open' : r['answer'] ? 'accepted' : 'declined']),
        'Empty.',
      ),
    );
    return box;
  }

  if (Array.isArray(view['publicIncidents'])) {
    box.append(el('h3', {}, 'Public view (the projector)'));
    box.append(
      table(
        'public-incidents',
        ['turn', 'network', 'victim', 'blamed'],
        list(view['publicIncidents']).map((i) => [txt(i['turn']), txt(i['network']), name(i['victim']), i['blamed'] === null ? '—' : name(i['blamed'])]),
        'No public attributions yet.',
      ),
    );
    return box;
  }

  // Another ruleset: its projection as text.
  box.append(el('h3', {}, 'View'));
  box.append(el('pre', { class: 'rp-json' }, JSON.stringify(view, null, 1).slice(0, 20_000)));
  return box;
}
