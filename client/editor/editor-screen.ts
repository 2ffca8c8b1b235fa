import { createMatch } from '../../shared/engine/match.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { scenarios, shippedFileData } from '../../shared/scenarios/index.ts';
import { Tunables, Weights } from '../../shared/scenarios/schema.ts';
import { validateScenario, type FieldError } from '../../shared/scenarios/validate.ts';
import { boardOf } from '../replay/model.ts';
import { el, show } from '../screens/dom.ts';
import { dryRun, KEY_STORE, organizerKey, postScenario } from './api.ts';
import { dryRunView } from './dry-run-view.ts';
import { renderForm } from './form.ts';
import './editor.css';

type Draft = Record<string, never>;

/** The JSON pane's text, kept in this browser after every change: a reload or a closed tab loses nothing. */
const DRAFT_STORE = 'se-editor-draft';
const keptDraft = (): string | null => {
  try {
    return localStorage.getItem(DRAFT_STORE);
  } catch {
    return null;
  }
};
const keepDraft = (text: string): void => {
  try {
    localStorage.setItem(DRAFT_STORE, text);
  } catch {
    // Storage full or refused (a private window): the draft lives as long as the page.
  }
};

/** A shipped file to start from, with every tunable and weight written out so the forms show them all. */
function startFrom(id: string): Draft {
  const data = shippedFileData(id) as Record<string, unknown>;
  data['tunables'] = Tunables.parse(data['tunables'] ?? {});
  data['weights'] = Weights.parse(data['weights'] ?? {});
  return data as Draft;
}

/**
 * The scenario editor (`/editor`): start from a shipped scenario or a file, edit it in forms
 * or in the JSON pane, see every error beside its field as you type (the shared validation,
 * cross-references included) and the map as the board will draw it; then download the file,
 * upload it as a match, or dry-run it with bots on the server.
 */
export function showEditor(): void {
  let draft: Draft = startFrom(scenarios[0]?.id ?? 'baltic-shield');
  const start = el('select', { 'data-testid': 'editor-start' }, ...scenarios.map((s) => el('option', { value: s.id }, `Start from ${s.title}`)));
  const open = el('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'editor-file' });
  const key = el('input', { type: 'password', placeholder: 'organizer key (not needed once signed in on /new)', title: 'Uploads and dry runs are the organizer’s: signed in on /new, this browser needs no key here.', 'data-testid': 'organizer-key', value: organizerKey() });
  key.addEventListener('change', () => sessionStorage.setItem(KEY_STORE, key.value.trim()));
  const status = el('p', { class: 'editor-status', role: 'status', 'data-testid': 'editor-status' });
  const errorList = el('ul', { class: 'editor-errors', 'data-testid': 'editor-errors' });
  const formHost = el('div', { class: 'editor-forms' });
  const json = el('textarea', { class: 'editor-json', spellcheck: 'false', 'data-testid': 'editor-json' });
  const mapHost = el('div', { class: 'editor-map', 'data-testid': 'editor-map' });
  const output = el('section', { class: 'editor-output', 'data-testid': 'editor-output' });
  const matches = el('input', { type: 'number', min: '1', max: '400', value: '40', 'data-testid': 'dry-run-matches' });
  const download = el('button', { type: 'button' }, 'Download file');
  const upload = el('button', { type: 'button', 'data-testid': 'editor-create' }, 'Upload and create a match');
  const dry = el('button', { type: 'button', 'data-testid': 'editor-dry-run' }, 'Dry run with bots');
  const progress = el('progress', { max: '1', value: '0', 'data-testid': 'dry-run-progress' });
  progress.hidden = true;

  let board: Promise<{ draw(b: unknown, c: readonly string[]): void }> | null = null;
  const text = () => `${JSON.stringify(draft, null, 2)}\n`;

  const showErrors = (errors: readonly FieldError[]) => {
    for (const e of formHost.querySelectorAll<HTMLElement>('.field-error')) e.textContent = '';
    for (const f of formHost.querySelectorAll<HTMLElement>('.has-error')) f.classList.remove('has-error');
    errorList.replaceChildren(...errors.map((e) => el('li', {}, el('code', {}, e.path), ` ${e.message}`)));
    for (const e of errors) {
      // Beside the field, or beside the nearest fieldset that holds it.
      let path = e.path;
      let host: Element | null = null;
      while (!host && path) {
        host = formHost.querySelector(`[data-field="${CSS.escape(path)}"]`) ?? formHost.querySelector(`fieldset[data-path="${CSS.escape(path)}"]`);
        path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      }
      if (!host) continue;
      host.classList.add('has-error');
      const slot = host.matches('label') ? host.querySelector('.field-error') : host.querySelector(':scope > legend');
      if (slot) slot.append(host.matches('label') ? e.message : el('small', { class: 'field-error' }, ` ${e.message}`));
    }
    status.textContent = errors.length === 0 ? 'Valid: ready to save, upload or dry-run.' : `${errors.length} error${errors.length === 1 ? '' : 's'}: each is shown beside its field.`;
    status.classList.toggle('bad', errors.length > 0);
    upload.disabled = dry.disabled = errors.length > 0;
  };

  const preview = (valid: ReturnType<typeof validateScenario>) => {
    if (!valid.ok) return;
    const m = createMatch(cyberAlliance, valid.value, 1);
    const view = cyberAlliance.view(m.state, m.drafts, 'observer') as unknown as Record<string, unknown>;
    const snap = boardOf(view, m as never, valid.value.turns, 'observer');
    board ??= import('../replay/board-canvas.ts').then((b) => b.createBoardCanvas(mapHost));
    void board.then((b) => snap && b.draw(snap, []));
  };

  const refresh = (fromJson = false) => {
    formHost.replaceChildren(renderForm(draft, (next) => {
      draft = next as Draft;
      refresh();
    }));
    if (!fromJson) json.value = text();
    keepDraft(json.value);
    const valid = validateScenario(draft);
    showErrors(valid.ok ? [] : valid.errors);
    preview(valid);
  };

  json.addEventListener('input', () => {
    try {
      draft = JSON.parse(json.value) as Draft;
      refresh(true);
    } catch (e) {
      keepDraft(json.value);
      showErrors([{ path: '(root)', message: `the JSON pane is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }]);
    }
  });
  start.addEventListener('change', () => {
    draft = startFrom(start.value);
    refresh();
  });
  open.addEventListener('change', () => {
    const file = open.files?.[0];
    if (!file) return;
    void file.text().then((t) => {
      json.value = t;
      json.dispatchEvent(new Event('input'));
    });
  });
  download.addEventListener('click', () => {
    const a = el('a', { href: URL.createObjectURL(new Blob([text()], { type: 'application/json' })), download: `${String(draft['id'] ?? 'scenario')}.json` });
    a.click();
    URL.revokeObjectURL(a.href);
  });
  upload.addEventListener('click', () => {
    upload.disabled = true;
    void postScenario<{ matchId: string; facilitatorToken: string; seats: { name: string; code: string }[]; observerCode: string }>('/matches', text()).then((r) => {
      upload.disabled = false;
      if (!r.ok) {
        output.replaceChildren(el('p', { class: 'error' }, r.error.message));
        if (r.error.errors) showErrors(r.error.errors);
        return;
      }
      const m = r.value;
      output.replaceChildren(
        el('h2', {}, 'Match created'),
        el('p', { 'data-testid': 'created-match' }, 'Match id: ', el('code', {}, m.matchId), ' · facilitator token (shown once): ', el('code', { 'data-testid': 'created-token' }, m.facilitatorToken)),
        el('ul', {}, ...m.seats.map((s) => el('li', {}, `${s.name}: `, el('code', {}, s.code)))),
      );
    });
  });
  dry.addEventListener('click', () => {
    dry.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    output.replaceChildren(el('p', { 'data-testid': 'dry-run-running' }, 'Playing bot matches…'));
    const n = Math.max(1, Math.min(400, Number(matches.value) || 40));
    dryRun(text(), n, (done, total) => {
      progress.value = done / total;
      output.firstElementChild!.textContent = `Playing bot matches… ${done} of ${total}`;
    })
      .then((report) => output.replaceChildren(dryRunView(report)))
      .catch((e: unknown) => output.replaceChildren(el('p', { class: 'error' }, e instanceof Error ? e.message : String(e))))
      .finally(() => {
        dry.disabled = false;
        progress.hidden = true;
      });
  });

  show(
    el(
      'main',
      { class: 'editor' },
      el('header', { class: 'editor-bar' }, el('h1', {}, 'Scenario editor'), start, el('label', { class: 'inline' }, 'or open a file ', open), key),
      el('div', { class: 'editor-body' }, el('div', { class: 'editor-left' }, status, errorList, formHost), el('div', { class: 'editor-right' }, mapHost, el('details', { open: '' }, el('summary', {}, 'JSON'), json))),
      el('footer', { class: 'editor-actions' }, download, upload, el('label', { class: 'inline' }, 'matches ', matches), dry, progress),
      output,
    ),
  );
  // The draft this browser kept, as it was left (even half-typed JSON); else the first shipped scenario.
  const kept = keptDraft();
  if (kept === null) refresh();
  else {
    json.value = kept;
    json.dispatchEvent(new Event('input'));
  }
}
