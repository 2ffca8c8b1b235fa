import { el, show } from './dom.ts';
import { remember } from './enter.ts';
import { joinLink } from './links.ts';
import { postScenario } from '../editor/api.ts';
import { asOrganizer, signedInLine, type OrganizerInfo } from './organizer-signin.ts';
/** A seat's join link (handout.ts builds the same; that module, with the QR encoder, loads only with the handout). */

interface ScenarioInfo { readonly id: string; readonly title?: string; readonly name?: string; readonly planningSeconds?: number }
interface NewMatch {
  readonly matchId: string;
  readonly facilitatorToken: string;
  readonly seats: readonly { readonly seat: string; readonly name: string; readonly bot: boolean; readonly code: string }[];
  readonly observerCode: string;
  readonly classCode: string;
}

/**
 * The facilitator, signed in as an organizer, creates a match (POST /api/matches) and gets the
 * codes once: a list with each seat's join link, and a printable handout — one card per nation
 * with its link, QR code and code, the class link (a lobby where students pick a seat) and the
 * projector's link.
 */
export function showCreate(): void {
  void asOrganizer('New match', showForm);
}

function showForm(who: OrganizerInfo): void {
  const error = el('p', { class: 'error', role: 'alert' });
  const select = el('select', { name: 'scenario', required: '' });
  const button = el('button', { type: 'submit' }, 'Create match');
  const form = el(
    'form',
    { 'data-testid': 'create-form' },
    el('label', {}, 'Scenario', select),
    el('label', {}, 'Planning time (seconds, empty for the scenario’s)', el('input', { name: 'planningSeconds', type: 'number', min: '10', max: '3600' })),
    button,
    error,
  );
  const result = el('section', { 'data-testid': 'codes' });
  fetch('/api/scenarios')
    .then((r) => r.json() as Promise<{ scenarios: ScenarioInfo[] }>)
    .then(({ scenarios }) => select.append(...scenarios.map((s) => el('option', { value: s.id }, s.title ?? s.name ?? s.id))))
    .catch(() => (error.textContent = 'Could not load the scenarios: is the server running?'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const seconds = Number(data.get('planningSeconds') || 0);
    button.disabled = true;
    error.textContent = '';
    fetch('/api/matches', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: data.get('scenario'), ...(seconds ? { planningSeconds: seconds } : {}) }) })
      .then(async (r) => {
        const body = (await r.json()) as NewMatch & { message?: string };
        if (r.status !== 201) throw new Error(body.message ?? `The server answered ${r.status}.`);
        created(body);
      })
      .catch((e: unknown) => {
        error.textContent = e instanceof Error ? e.message : String(e);
        button.disabled = false;
      });
  });
  const cards = el('div', { 'data-testid': 'handout-place' });
  const showHandout = async (m: NewMatch, base: string) => {
    const { baseField, handout } = await import('./handout.ts');
    const h = await handout({ matchId: m.matchId, seats: m.seats, observerCode: m.observerCode, classCode: m.classCode }, base);
    cards.replaceChildren(el('h2', {}, 'Handout'), baseField((b) => void showHandout(m, b)), h);
  };
  const created = (m: NewMatch) => {
    result.replaceChildren(...codeList(m));
    form.remove();
    void showHandout(m, location.origin);
  };
  show(el('main', { class: 'form wide' }, el('h1', {}, 'New match'), signedInLine(who), yourMatches(), form, uploadForm(created), result, cards));
}

interface MatchRow { readonly id: string; readonly scenarioId: string; readonly phase: string; readonly turn: number; readonly seatsFilled: number; readonly seatsTotal: number }

/**
 * The organizer's own matches (GET /api/matches, its session): each one's console and replay
 * open from here without the facilitator token — the way back for a facilitator who closed the
 * tab (organizer re-entry).
 */
function yourMatches(): HTMLElement {
  const body = el('tbody');
  const box = el('section', { class: 'no-print', 'data-testid': 'your-matches' }, el('h2', {}, 'Your matches'), el('table', { class: 'codes' }, el('thead', {}, el('tr', {}, ...['Match', 'Scenario', 'Phase', 'Turn', 'Seats', ''].map((h) => el('th', {}, h)))), body));
  void fetch('/api/matches?limit=20')
    .then(async (r) => {
      if (!r.ok) return box.remove();
      const { matches } = (await r.json()) as { matches: MatchRow[] };
      if (matches.length === 0) return box.remove();
      body.replaceChildren(
        ...matches.map((m) =>
          el(
            'tr',
            {},
            el('td', {}, el('code', {}, m.id)),
            el('td', {}, m.scenarioId),
            el('td', {}, m.phase),
            el('td', {}, String(m.turn)),
            el('td', {}, `${m.seatsFilled}/${m.seatsTotal}`),
            el('td', {}, el('a', { href: `/play?match=${encodeURIComponent(m.id)}`, 'data-testid': `console-${m.id}` }, 'Console'), ' · ', el('a', { href: `/replay?match=${encodeURIComponent(m.id)}` }, 'Replay')),
          ),
        ),
      );
    })
    .catch(() => box.remove());
  return box;
}

/**
 * Or a scenario file of the organizer's own (POST /api/scenarios, with the organizer's session):
 * checked on the server, its errors listed field by field; when valid, a match is created from it.
 */
function uploadForm(created: (m: NewMatch) => void): HTMLElement {
  const file = el('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'upload-file' });
  const create = el('button', { type: 'button', 'data-testid': 'upload-create' }, 'Create match from this file');
  const said = el('div', { role: 'status', 'data-testid': 'upload-result' });
  create.disabled = true;
  let text = '';
  const check = async () => {
    text = (await file.files?.[0]?.text()) ?? '';
    create.disabled = true;
    if (!text) return;
    const r = await postScenario<{ scenario: { title: string; allies: number } }>('', text);
    if (r.ok) {
      said.replaceChildren(el('p', {}, `${r.value.scenario.title}: valid, ${r.value.scenario.allies} allies.`));
      create.disabled = false;
    } else said.replaceChildren(el('p', { class: 'error' }, r.error.message), el('ul', { 'data-testid': 'upload-errors' }, ...(r.error.errors ?? []).map((e) => el('li', {}, el('code', {}, e.path), ` ${e.message}`))));
  };
  file.addEventListener('change', () => void check());
  create.addEventListener('click', () => {
    create.disabled = true;
    void postScenario<NewMatch>('/matches', text).then((r) => {
      if (!r.ok) {
        said.replaceChildren(el('p', { class: 'error' }, r.error.message));
        create.disabled = false; // the same file can be sent again
        return;
      }
      created(r.value);
      box.remove();
    });
  });
  const box = el('section', { class: 'no-print' }, el('h2', {}, 'Or your own scenario file'), el('p', { class: 'muted' }, 'Write one in the ', el('a', { href: '/editor' }, 'scenario editor'), ' or by hand (scenarios/scenario.schema.json).'), el('label', {}, 'Scenario file (.json)', file), said, create);
  return box;
}

function codeList(m: NewMatch): HTMLElement[] {
  const projector = `/projector?match=${encodeURIComponent(m.matchId)}&code=${encodeURIComponent(m.observerCode)}`;
  const link = (code: string) => {
    const url = joinLink(location.origin, code);
    return el('td', { class: 'no-print' }, el('a', { href: url, target: '_blank' }, url));
  };
  const rows = m.seats.map((s) => el('tr', {}, el('td', {}, s.name), el('td', {}, el('code', {}, s.code), s.bot ? el('span', { class: 'muted' }, ' (played by the bot unless someone joins with this code)') : ''), link(s.code)));
  rows.push(el('tr', {}, el('td', {}, 'Observer (projector)'), el('td', {}, el('code', {}, m.observerCode)), link(m.observerCode)));
  rows.push(el('tr', {}, el('td', {}, 'Whole class (lobby: pick a seat)'), el('td', {}, el('code', {}, m.classCode)), link(m.classCode)));
  const print = el('button', { type: 'button', class: 'no-print' }, 'Print');
  print.addEventListener('click', () => window.print());
  const console = el('button', { type: 'button', class: 'no-print', 'data-testid': 'open-console' }, 'Open the facilitator console');
  console.addEventListener('click', () => {
    // This tab remembers the token, so the console (and a reload of it) joins as the facilitator.
    remember({ matchId: m.matchId, facilitatorToken: m.facilitatorToken, name: 'White Cell' });
    location.assign(`/play?match=${encodeURIComponent(m.matchId)}`);
  });
  return [
    el('p', {}, 'Match id: ', el('code', {}, m.matchId)),
    el('table', { class: 'codes' }, el('thead', {}, el('tr', {}, el('th', {}, 'Seat'), el('th', {}, 'Join code'), el('th', { class: 'no-print' }, 'Link'))), el('tbody', {}, ...rows)),
    el('p', {}, 'Facilitator token (shown once, keep it): ', el('code', {}, m.facilitatorToken)),
    el('p', { class: 'no-print' }, el('a', { href: projector, target: '_blank' }, 'Open the projector view'), ' · ', el('a', { href: `/?match=${encodeURIComponent(m.matchId)}` }, 'Join screen')),
    el('p', {}, console, ' ', print),
  ];
}
