import { el, show } from './dom.ts';
import { remember } from './enter.ts';
import { asOrganizer, signedInLine, type OrganizerInfo } from './organizer-signin.ts';

interface ScenarioInfo { readonly id: string; readonly title?: string; readonly name?: string; readonly planningSeconds?: number }
interface NewMatch {
  readonly matchId: string;
  readonly facilitatorToken: string;
  readonly seats: readonly { readonly seat: string; readonly name: string; readonly bot: boolean; readonly code: string }[];
  readonly observerCode: string;
}

/** The facilitator creates a match (POST /api/matches, as a signed-in organizer) and gets the codes once, as a printable list. */
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
        result.replaceChildren(...codeList(body));
        form.remove();
      })
      .catch((e: unknown) => {
        error.textContent = e instanceof Error ? e.message : String(e);
        button.disabled = false;
      });
  });
  show(el('main', { class: 'form' }, el('h1', {}, 'New match'), signedInLine(who), form, result));
}

function codeList(m: NewMatch): HTMLElement[] {
  const projector = `/projector?match=${encodeURIComponent(m.matchId)}&code=${encodeURIComponent(m.observerCode)}`;
  const rows = m.seats.map((s) => el('tr', {}, el('td', {}, s.name), el('td', {}, el('code', {}, s.code), s.bot ? el('span', { class: 'muted' }, ' (played by the bot unless someone joins with this code)') : '')));
  rows.push(el('tr', {}, el('td', {}, 'Observer (projector)'), el('td', {}, el('code', {}, m.observerCode))));
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
    el('table', { class: 'codes' }, el('thead', {}, el('tr', {}, el('th', {}, 'Seat'), el('th', {}, 'Join code'))), el('tbody', {}, ...rows)),
    el('p', {}, 'Facilitator token (shown once, keep it): ', el('code', {}, m.facilitatorToken)),
    el('p', { class: 'no-print' }, el('a', { href: projector, target: '_blank' }, 'Open the projector view'), ' · ', el('a', { href: `/?match=${encodeURIComponent(m.matchId)}` }, 'Join screen')),
    el('p', {}, console, ' ', print),
  ];
}
