import { el, show } from './dom.ts';

/** The organizer this browser is signed in as (server/http/session.ts). */
export interface OrganizerInfo {
  readonly id: string;
  readonly name: string;
}

/** Who is signed in (the session cookie, sent by the browser), or null. */
export async function signedInAs(): Promise<OrganizerInfo | null> {
  try {
    const r = await fetch('/api/session', { headers: { accept: 'application/json' } });
    if (!r.ok) return null;
    return ((await r.json()) as { organizer: OrganizerInfo | null }).organizer;
  } catch {
    return null;
  }
}

/**
 * Runs `then` with the signed-in organizer; first asks for the organizer key once if there is
 * no session (POST /api/session sets an HttpOnly cookie: the key is not kept in the page).
 */
export async function asOrganizer(title: string, then: (who: OrganizerInfo) => void): Promise<void> {
  const who = await signedInAs();
  if (who) return then(who);
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'signin-error' });
  const key = el('input', { name: 'key', type: 'password', required: '', autocomplete: 'current-password', 'aria-label': 'Organizer key' });
  const button = el('button', { type: 'submit' }, 'Sign in');
  const form = el('form', { 'data-testid': 'signin-form' }, el('label', {}, 'Organizer key', key), button, error);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    button.disabled = true;
    error.textContent = '';
    fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: key.value.trim() }) })
      .then(async (r) => {
        const body = (await r.json()) as { organizer?: OrganizerInfo; message?: string };
        if (!r.ok || !body.organizer) throw new Error(body.message ?? `The server answered ${r.status}.`);
        then(body.organizer);
      })
      .catch((e: unknown) => {
        error.textContent = e instanceof Error ? e.message : String(e);
        button.disabled = false;
      });
  });
  show(
    el(
      'main',
      { class: 'form' },
      el('h1', {}, title),
      el('p', {}, 'Creating matches needs an organizer key. The server printed a one-time sign-in link and where its key is kept when it started; paste the key here once — this browser then stays signed in.'),
      form,
    ),
  );
  key.focus();
}

/** "Signed in as … · Sign out" (DELETE /api/session, then back to this page). */
export function signedInLine(who: OrganizerInfo): HTMLElement {
  const out = el('button', { type: 'button', class: 'small secondary', 'data-testid': 'sign-out' }, 'Sign out');
  out.addEventListener('click', () => {
    void fetch('/api/session', { method: 'DELETE' }).finally(() => location.reload());
  });
  return el('p', { class: 'muted', 'data-testid': 'signed-in' }, `Signed in as organizer ${who.name}. `, out);
}
