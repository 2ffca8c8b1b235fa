import { MatchSession } from './net/session.ts';
import { showCreate } from './screens/create-screen.ts';
import { el, show } from './screens/dom.ts';
import { openProjector } from './screens/open-projector.ts';
import { joinError, showJoin } from './screens/join-screen.ts';

/**
 * Routes: `/` join screen (prefilled from `?match=&code=&name=`), `/new` the facilitator's
 * create-match form, `/projector?match=…&code=<observer code>` the public map, joined at once.
 */
function route(): void {
  const q = new URLSearchParams(location.search);
  const prefill = { match: q.get('match') ?? '', code: q.get('code') ?? '', name: q.get('name') ?? '' };
  if (location.pathname === '/new') return showCreate();
  if (location.pathname === '/replay') return void import('./replay/replay-screen.ts').then((m) => m.showReplay(q));
  if (location.pathname === '/projector' && prefill.match && prefill.code) {
    show(el('main', { class: 'form' }, el('h1', {}, 'Connecting the projector…')));
    MatchSession.open({ endpoint: location.origin, join: { matchId: prefill.match, code: prefill.code, name: prefill.name || 'Projector' } }).then(
      (session) => openProjector(session),
      (e: unknown) => {
        showJoin(prefill);
        const error = document.querySelector('[data-testid="join-error"]');
        if (error) error.textContent = joinError(e);
      },
    );
    return;
  }
  showJoin(prefill);
}

route();
