import { el, show } from './dom.ts';
import { checkJoin, joinAndEnter } from './enter.ts';
import { joinError } from './join-screen.ts';

const NAME_KEY = 'sovereign-effects.name';

/**
 * A join link `/j/<code>` (issue 14): the code alone names the match and the seat, so the
 * student only types a name. The code is checked first (POST /api/join/check): a wrong or
 * replaced code says so in a sentence, with nothing in the browser's console. The observer
 * code opens the projector at once; the class code opens the lobby (pick a seat).
 */
export async function showLink(code: string): Promise<void> {
  show(el('main', { class: 'form' }, el('h1', {}, 'Sovereign Effects'), el('p', {}, 'Checking your link…')));
  const checked = await checkJoin({ code }).catch(() => ({ ok: false as const, code: 'offline', message: 'The server cannot be reached: check the address and your connection.' }));
  if (!checked.ok) {
    show(el('main', { class: 'form' }, el('h1', {}, 'Sovereign Effects'), el('p', { class: 'error', role: 'alert', 'data-testid': 'join-error' }, checked.message), el('p', { class: 'muted' }, 'Ask your facilitator for a new link, or ', el('a', { href: '/' }, 'type a code'), '.')));
    return;
  }
  if (checked.role === 'observer') return enterOrSay({ code, name: 'Projector' }, null);
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'join-error' });
  const name = el('input', { name: 'name', required: '', maxlength: '40', autocomplete: 'nickname', value: localStorage.getItem(NAME_KEY) ?? '' });
  const button = el('button', { type: 'submit' }, checked.role === 'lobby' ? 'Choose my seat' : 'Join');
  const form = el('form', { 'data-testid': 'link-form' }, el('label', {}, 'Your name', name), button, error);
  const what = checked.role === 'lobby' ? el('p', {}, 'Class link: type your name, then pick a free seat.') : el('p', { 'data-testid': 'link-seat' }, 'You are joining as ', el('strong', {}, checked.seatName ?? checked.seat ?? ''), '.');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const typed = name.value.trim();
    if (!typed) return;
    localStorage.setItem(NAME_KEY, typed);
    button.disabled = true;
    error.textContent = '';
    void enterOrSay({ code, name: typed }, { button, error });
  });
  show(el('main', { class: 'form' }, el('h1', {}, 'Sovereign Effects'), what, form));
  name.focus();
}

async function enterOrSay(join: { code: string; name: string }, form: { button: HTMLButtonElement; error: HTMLElement } | null): Promise<void> {
  try {
    await joinAndEnter(join);
  } catch (e) {
    if (!form) {
      show(el('main', { class: 'form' }, el('h1', {}, 'Sovereign Effects'), el('p', { class: 'error', role: 'alert', 'data-testid': 'join-error' }, joinError(e))));
      return;
    }
    form.error.textContent = joinError(e);
    form.button.disabled = false;
  }
}
