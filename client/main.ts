import { showCreate } from './screens/create-screen.ts';
import { el, show } from './screens/dom.ts';
import { forget, joinAndEnter, remembered } from './screens/enter.ts';
import { joinError, showJoin } from './screens/join-screen.ts';
import { signedInAs } from './screens/organizer-signin.ts';

/**
 * Routes: `/` join screen (prefilled from `?match=&code=&name=`); `/j/<code>` a join link
 * (seat, observer or class code: only the name is typed); `/play?match=…` the screen
 * of whoever this tab joined as (nation board, facilitator console or projector), rejoined
 * after a reload from the tab's remembered credentials; `/new` the facilitator's
 * create-match form; `/editor` the scenario editor with its bot dry run; `/projector?match=…&code=<observer code>` the public map, joined at once.
 */
function route(): void {
  const q = new URLSearchParams(location.search);
  const prefill = { match: q.get('match') ?? '', code: q.get('code') ?? '', name: q.get('name') ?? '' };
  if (location.pathname === '/new') return showCreate();
  if (location.pathname === '/editor') return void import('./editor/editor-screen.ts').then((m) => m.showEditor());
  // A join link: the code alone names the match and the seat.
  const link = /^\/j\/([A-Za-z0-9 -]{1,64})$/.exec(decodeURIComponent(location.pathname));
  if (link) return void import('./screens/link-screen.ts').then((m) => m.showLink(link[1] ?? ''));
  if (location.pathname === '/replay') return void import('./replay/replay-screen.ts').then((m) => m.showReplay(q));
  const again = location.pathname === '/play' && prefill.match ? remembered(prefill.match) : null;
  const projector = location.pathname === '/projector' && prefill.match && prefill.code ? { matchId: prefill.match, code: prefill.code, name: prefill.name || 'Projector' } : null;
  if (location.pathname === '/play' && prefill.match && !again) return void reenterOrJoin(prefill);
  const join = again ?? projector;
  if (join) {
    show(el('main', { class: 'form' }, el('h1', {}, 'Connecting…')));
    joinAndEnter(join).catch((e: unknown) => {
      forget();
      showJoin(prefill);
      const error = document.querySelector('[data-testid="join-error"]');
      if (error) error.textContent = joinError(e);
    });
    return;
  }
  showJoin(prefill);
}

/**
 * `/play?match=…` in a tab that never joined it: the organizer who created the match, signed in
 * on this browser, gets its console back without the token (organizer re-entry); anyone else
 * gets the join screen.
 */
async function reenterOrJoin(prefill: { match: string; code: string; name: string }): Promise<void> {
  if (!(await signedInAs())) return showJoin(prefill);
  show(el('main', { class: 'form' }, el('h1', {}, 'Connecting…')));
  joinAndEnter({ matchId: prefill.match, organizer: true, name: 'White Cell' }).catch((e: unknown) => {
    forget();
    showJoin(prefill);
    const error = document.querySelector('[data-testid="join-error"]');
    if (error) error.textContent = joinError(e);
  });
}

route();
