import { sentence } from '../net/sentence.ts';
import { el, show } from './dom.ts';
import { joinAndEnter } from './enter.ts';

/** The refusal as a sentence for a person: the server's reason without the session's prefix or the server's code. */
export function joinError(e: unknown): string {
  return sentence(e instanceof Error ? e.message : String(e));
}

/** Joins a match with a seat code, the observer code or the facilitator token, then opens the screen for that role. */
export function showJoin(prefill: { match?: string; code?: string; name?: string } = {}): void {
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'join-error' });
  const button = el('button', { type: 'submit' }, 'Join');
  const form = el(
    'form',
    { 'data-testid': 'join-form' },
    el('label', {}, 'Match id', el('input', { name: 'match', required: '', autocomplete: 'off', value: prefill.match ?? '' })),
    el('label', {}, 'Join code (or observer code)', el('input', { name: 'code', autocomplete: 'off', value: prefill.code ?? '' })),
    el('label', {}, 'Facilitator token (instead of a code)', el('input', { name: 'token', type: 'password', autocomplete: 'off' })),
    el('label', {}, 'Your name', el('input', { name: 'name', required: '', maxlength: '40', value: prefill.name ?? '' })),
    button,
    error,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const get = (k: string) => String(data.get(k) ?? '').trim();
    const matchId = get('match');
    const code = get('code');
    const token = get('token');
    if (!code === !token) {
      error.textContent = 'Give either a join code or the facilitator token.';
      return;
    }
    error.textContent = '';
    button.disabled = true;
    button.textContent = 'Joining…';
    const join = token ? { matchId, facilitatorToken: token, name: get('name') } : { matchId, code, name: get('name') };
    joinAndEnter(join).then(
      () => undefined,
      (e: unknown) => {
        error.textContent = joinError(e);
        button.disabled = false;
        button.textContent = 'Join';
      },
    );
  });
  show(el('main', { class: 'form' }, el('h1', {}, 'Sovereign Effects'), form, el('p', { class: 'muted' }, 'Facilitator? ', el('a', { href: '/new' }, 'Create a match'), '.')));
}
