import { el } from '../screens/dom.ts';
import { addAnnotation, branchMatch, deleteAnnotation, listAnnotations, type Annotation } from './api.ts';

/**
 * The facilitator's tools in the replay: annotations pinned to a turn (saved with the match
 * on the server) and the what-if branch from the current turn. Both need a match loaded from
 * the server with its facilitator token; for a record file they say so.
 */

export interface Source {
  readonly matchId: string;
  readonly token: string;
}

export interface AnnotationsPanel {
  readonly root: HTMLElement;
  show(turn: number): void;
}

export function createAnnotationsPanel(source: Source | null, seekTurn: (turn: number) => void): AnnotationsPanel {
  const list = el('ul', { class: 'rp-annotations', 'data-testid': 'annotations' });
  const text = el('textarea', { rows: '2', maxlength: '1000', placeholder: 'A note for the hot wash…', 'data-testid': 'annotation-text', 'aria-label': 'Annotation text' });
  const add = el('button', { type: 'button', 'data-testid': 'annotation-add' }, 'Pin to this turn');
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'annotation-error' });
  const root = el('section', { class: 'rp-panel' }, el('h3', {}, 'Annotations'));
  if (!source) {
    root.append(el('p', { class: 'muted', 'data-testid': 'annotations-off' }, 'Annotations are saved with a match on the server: open the match from the list with its facilitator token to pin them.'));
    return { root, show: () => undefined };
  }
  root.append(list, el('div', { class: 'rp-annotate' }, text, add), error);
  let all: Annotation[] = [];
  let turn = 0;
  const render = () => {
    const sorted = [...all].sort((a, b) => a.turn - b.turn || String(a.id).localeCompare(String(b.id)));
    list.replaceChildren(
      ...sorted.map((a) => {
        const del = el('button', { type: 'button', class: 'rp-small', 'data-testid': 'annotation-delete', title: 'Delete this annotation' }, '✕');
        const go = el('button', { type: 'button', class: 'rp-link', title: `Go to turn ${a.turn}` }, `Turn ${a.turn}`);
        go.addEventListener('click', () => seekTurn(a.turn));
        del.addEventListener('click', async () => {
          del.disabled = true;
          const r = await deleteAnnotation(source.matchId, source.token, a.id);
          if (!r.ok) {
            error.textContent = r.message;
            del.disabled = false;
            return;
          }
          all = all.filter((x) => x.id !== a.id);
          render();
        });
        return el('li', { class: a.turn === turn ? 'current' : '', 'data-testid': 'annotation', 'data-turn': String(a.turn) }, go, el('span', {}, a.text), del);
      }),
    );
    add.textContent = `Pin to turn ${turn}`;
  };
  add.addEventListener('click', async () => {
    const body = text.value.trim();
    if (!body) {
      error.textContent = 'Write the annotation first.';
      return;
    }
    add.disabled = true;
    const r = await addAnnotation(source.matchId, source.token, turn, body);
    add.disabled = false;
    if (!r.ok) {
      error.textContent = r.message;
      return;
    }
    error.textContent = '';
    text.value = '';
    all = [...all, r.value && typeof r.value === 'object' && 'id' in r.value ? r.value : { id: `local-${all.length}`, turn, text: body }];
    render();
  });
  void listAnnotations(source.matchId, source.token).then((r) => {
    if (!r.ok) error.textContent = `Annotations unavailable: ${r.message}`;
    else all = r.value;
    render();
  });
  return {
    root,
    show(t) {
      if (t === turn) return;
      turn = t;
      render();
    },
  };
}

export interface BranchPanel {
  readonly root: HTMLElement;
  show(turn: number): void;
}

/** "Branch a live match from turn N": calls the server and shows the new match's codes. */
export function createBranchPanel(source: Source | null): BranchPanel {
  const button = el('button', { type: 'button', 'data-testid': 'branch' }, 'What if? Branch a live match from here');
  const out = el('div', { class: 'rp-branch-out', 'data-testid': 'branch-result', 'aria-live': 'polite' });
  const root = el('section', { class: 'rp-panel rp-branch' }, button, out);
  if (!source) {
    button.disabled = true;
    button.title = 'Open the match from the server list to branch it.';
    return { root, show: () => undefined };
  }
  let turn = 0;
  button.addEventListener('click', async () => {
    button.disabled = true;
    out.replaceChildren(el('p', { class: 'muted' }, `Branching from turn ${turn}…`));
    const r = await branchMatch(source.matchId, source.token, turn);
    button.disabled = false;
    if (!r.ok) {
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, `Could not branch: ${r.message}`));
      return;
    }
    const b = r.value;
    const code = (c: string) => el('code', {}, c);
    out.replaceChildren(
      el('p', {}, `New match `, code(b.matchId), ` from turn ${turn}. These codes are shown once: write them down.`),
      el('p', {}, 'Facilitator token: ', code(b.facilitatorToken)),
      el(
        'table',
        { class: 'codes' },
        el('thead', {}, el('tr', {}, el('th', {}, 'seat'), el('th', {}, 'join code'))),
        el('tbody', {}, ...b.seats.map((s) => el('tr', {}, el('td', {}, s.name || s.seat), el('td', {}, code(s.code)))), el('tr', {}, el('td', {}, 'observer (projector)'), el('td', {}, code(b.observerCode)))),
      ),
    );
  });
  return {
    root,
    show(t) {
      turn = t;
      button.textContent = `What if? Branch a live match from turn ${t}`;
    },
  };
}
