import { HELLO_MESSAGE, type JoinOptions } from '../../shared/protocol/common.ts';
import { MatchSession } from '../net/session.ts';
import { el, show } from './dom.ts';

const KEY = 'sovereign-effects.join';

/**
 * Keeps the credentials of this tab's match in sessionStorage (per tab, gone when the tab
 * closes), so a reload brings the person straight back to their seat at `/play?match=…`.
 */
export function remember(join: JoinOptions): void {
  sessionStorage.setItem(KEY, JSON.stringify(join));
  history.replaceState(null, '', `/play?match=${encodeURIComponent(join.matchId)}`);
}

export function remembered(matchId: string): JoinOptions | null {
  try {
    const j = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as JoinOptions | null;
    return j && j.matchId === matchId ? j : null;
  } catch {
    return null;
  }
}

export function forget(): void {
  sessionStorage.removeItem(KEY);
}

/** Joins with `join`, remembers it, and opens the screen for whoever the server says this is. */
export async function joinAndEnter(join: JoinOptions): Promise<void> {
  const session = await MatchSession.open({ endpoint: location.origin, join, rejoinForMs: 120_000 });
  remember(join);
  await enter(session, join);
}

/**
 * Opens the screen for this connection's role (asked with `hello`): a seat gets its nation
 * board, the facilitator the console, the observer code the projector. Screens are loaded
 * on demand, so the join screen stays small.
 */
export async function enter(session: MatchSession, join: JoinOptions): Promise<void> {
  show(el('main', { class: 'form' }, el('h1', {}, 'Joining…')));
  const hello = await session.send(HELLO_MESSAGE);
  const role = hello.data?.['role'];
  const seat = hello.data?.['seat'];
  if (role === 'seat' && typeof seat === 'string') {
    const { showPlayer } = await import('./player-screen.ts');
    return showPlayer(session, seat);
  }
  if (role === 'facilitator') {
    const [{ showConsole }, { mountChat }] = await Promise.all([import('./console-screen.ts'), import('../chat/chat-panel.ts')]);
    const channels = el('section', { class: 'panel channels', 'aria-label': 'Channels' });
    await showConsole(session, join.facilitatorToken ?? '', [{ id: 'channels', label: 'Channels', panel: channels }]);
    mountChat(channels, session, { seat: 'facilitator' });
    return;
  }
  const { showProjector } = await import('./projector-screen.ts');
  return showProjector(session);
}
