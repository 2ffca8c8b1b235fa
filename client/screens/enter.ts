import type { JoinCheck } from '../../shared/protocol/classroom.ts';
import { HELLO_MESSAGE, type JoinOptions } from '../../shared/protocol/common.ts';
import { MatchSession } from '../net/session.ts';
import { el, show } from './dom.ts';

const KEY = 'sovereign-effects.join';
const TAB_KEY = 'sovereign-effects.tab';

/**
 * Keeps the credentials of this tab's match in sessionStorage (per tab, gone when the tab
 * closes), so a reload brings the person straight back to their seat at `/play?match=…`.
 */
export function remember(join: JoinOptions): void {
  sessionStorage.setItem(KEY, JSON.stringify(join));
  if (join.matchId) history.replaceState(null, '', `/play?match=${encodeURIComponent(join.matchId)}`);
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

/**
 * This tab's id (kept in sessionStorage, so a reload keeps it and another tab has its own):
 * sent with every join, it lets the server replace this tab's previous connection at once
 * instead of keeping a ghost of it (server/rooms/people.ts).
 */
export function tabId(): string {
  let id = sessionStorage.getItem(TAB_KEY);
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = crypto.randomUUID();
    sessionStorage.setItem(TAB_KEY, id);
  }
  return id;
}

/**
 * Asks the server what a credential opens (POST /api/join/check) before any WebSocket: a
 * wrong code is answered with a sentence and nothing is logged in the browser's console.
 */
export async function checkJoin(body: { matchId?: string; code?: string; facilitatorToken?: string }): Promise<JoinCheck> {
  const r = await fetch('/api/join/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await r.json().catch(() => null)) as (JoinCheck & { message?: string }) | null;
  if (r.status !== 200 || !answer || typeof answer.ok !== 'boolean') return { ok: false, code: 'check-failed', message: answer?.message ?? `The server could not check that (HTTP ${r.status}). Try again in a moment.` };
  return answer;
}

/**
 * Joins with `join` (checked first, so a mistyped code never reaches matchmaking), remembers
 * it, and opens the screen for whoever the server says this is. Rejects with the server's
 * sentence when the credential opens nothing.
 */
export async function joinAndEnter(join: JoinOptions): Promise<void> {
  if (join.organizer) return reenter(join);
  const checked = await checkJoin(join.facilitatorToken ? { ...(join.matchId ? { matchId: join.matchId } : {}), facilitatorToken: join.facilitatorToken } : { ...(join.matchId ? { matchId: join.matchId } : {}), code: join.code ?? '' });
  if (!checked.ok) throw new Error(checked.message);
  const full: JoinOptions = { ...join, matchId: checked.matchId, tab: tabId() };
  const session = await MatchSession.open({ endpoint: location.origin, join: full, rejoinForMs: 120_000 });
  leaveWithThePage(session);
  if (checked.role !== 'lobby') remember(full);
  await enter(session, full);
}

/**
 * Facilitator re-entry: the organizer's session (its cookie goes with the matchmaking request)
 * opens the console of a match it created, without the token. The server decides; a refusal
 * comes back as its sentence.
 */
async function reenter(join: JoinOptions): Promise<void> {
  const full: JoinOptions = { ...join, tab: tabId() };
  const session = await MatchSession.open({ endpoint: location.origin, join: full, rejoinForMs: 120_000 });
  leaveWithThePage(session);
  remember(full);
  await enter(session, full);
}

/**
 * Leaving the page (reload, close, navigate) leaves the match at once — a consented leave, so
 * the room frees the place now rather than waiting for a reconnection that will not come. A
 * page brought back from the back/forward cache joins afresh by reloading.
 */
function leaveWithThePage(session: MatchSession): void {
  addEventListener('pagehide', () => void session.close(), { once: true });
  addEventListener('pageshow', (ev) => {
    if (ev.persisted) location.reload();
  });
}

/**
 * Opens the screen for this connection's role (asked with `hello`): a seat gets its nation
 * board, the facilitator the console, the observer code the projector, the class link the
 * lobby. Screens are loaded on demand, so the join screen stays small.
 */
export async function enter(session: MatchSession, join: JoinOptions): Promise<void> {
  show(el('main', { class: 'form' }, el('h1', {}, 'Joining…')));
  const hello = await session.send(HELLO_MESSAGE);
  const role = hello.data?.['role'];
  const seat = hello.data?.['seat'];
  const name = String(hello.data?.['name'] ?? join.name);
  if (role === 'seat' && typeof seat === 'string') {
    const { showPlayer } = await import('./player-screen.ts');
    return showPlayer(session, seat, name);
  }
  if (role === 'facilitator') {
    const [{ showConsole }, { mountChat }] = await Promise.all([import('./console-screen.ts'), import('../chat/chat-panel.ts')]);
    const channels = el('section', { class: 'panel channels', 'aria-label': 'Channels' });
    await showConsole(session, join.facilitatorToken ?? '', [{ id: 'channels', label: 'Channels', panel: channels }]);
    mountChat(channels, session, { seat: 'facilitator' });
    return;
  }
  if (role === 'lobby') {
    const { showLobby } = await import('./lobby-screen.ts');
    return showLobby(session, name, (granted) => joinAndEnter({ matchId: join.matchId, code: granted.code, name: join.name }));
  }
  const { showProjector } = await import('./projector-screen.ts');
  return showProjector(session);
}
