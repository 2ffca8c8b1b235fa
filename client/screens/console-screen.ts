import { LobbyMessageType, type LobbyStatus } from '../../shared/protocol/classroom.ts';
import { clock, nameLookup, setText } from '../board/context.ts';
import { FeedPanel } from '../board/feed.ts';
import { readChat } from '../chat/chat-state.ts';
import { readGod, type ConsoleContext } from '../console/context.ts';
import { ControlsPanel } from '../console/controls.ts';
import { GodPanel } from '../console/god.ts';
import { WhiteCellPanel } from '../console/white-cell.ts';
import type { MatchSession } from '../net/session.ts';
import { readBoard, secondsLeft } from '../state/board.ts';
import { readEvents, readPublic, readSeats } from '../state/seat.ts';
import { el, show } from './dom.ts';
import { howToPanel, phaseBanner, turnLabel } from './onboarding.ts';
import { tabbed, type Tab } from './tabs.ts';
import { mapApp, statusText } from './map-pane.ts';

/**
 * The facilitator console (docs/design.md §1 White Cell): the whole board on the map, and beside it
 * the controls and seats with their join codes, the White Cell's levers (injects, CyOC
 * requests, report scoring, rulings), the god view and every event. Links open the projector,
 * the after-action report and the replay.
 */
export async function showConsole(session: MatchSession, token: string, extraTabs: readonly Tab[] = []): Promise<void> {
  const title = el('strong', { class: 'nation' }, 'White Cell');
  const turn = el('span', { 'data-testid': 'turn' });
  const phase = el('span', { 'data-testid': 'phase' });
  const timer = el('span', { class: 'timer', 'data-testid': 'timer', role: 'timer' });
  const readyCount = el('span', { class: 'capacity', 'data-testid': 'ready-count' });
  const status = el('span', { class: 'status', role: 'status', 'data-testid': 'status' });
  const links = el('span', { class: 'links' });
  const top = el('header', { class: 'topbar' }, title, turn, phase, timer, readyCount, links, status);
  const mapPane = el('div', { class: 'map-pane', 'data-testid': 'map' });
  const controls = new ControlsPanel();
  const whiteCell = new WhiteCellPanel();
  const god = new GodPanel();
  const feed = new FeedPanel();
  const help = el('div', { class: 'help-slot' });
  const side = tabbed([
    { id: 'controls', label: 'Controls', panel: controls.root },
    { id: 'white-cell', label: 'White Cell', panel: whiteCell.root },
    { id: 'god', label: 'God view', panel: god.root },
    { id: 'events', label: 'Events', panel: feed.root },
    ...extraTabs,
    { id: 'help', label: 'How to run it', panel: help },
  ], 'Console panels');
  const screen = el('div', { class: 'board console', 'data-testid': 'console' }, top, mapPane, side.root);
  show(screen);

  const { app, map } = await mapApp(mapPane, true);

  let ctx: ConsoleContext | null = null;
  let dirty = true;
  let linked = '';
  session.onStateChange(() => (dirty = true));
  // The class link's lobby: locks, approval and waiting picks, pushed by the server as they change.
  session.onMessage(LobbyMessageType.status, (m) => controls.setLobby(m as LobbyStatus));
  void session.send('lobbyStatus').then((r) => {
    if (r.ok) controls.setLobby(JSON.parse(String(r.data?.['status'])) as LobbyStatus);
  }, () => undefined);
  session.onStatus(() => setText(status, statusText(session)));
  setText(status, statusText(session));

  const frame = () => {
    if (dirty) {
      dirty = false;
      const board = readBoard(session.state);
      const pub = readPublic(session.state);
      const g = readGod(session.state);
      if (board && pub && g) {
        const seats = readSeats(session.state);
        const events = [...readEvents(session.state, null), ...g.events].sort((a, b) => a.seq - b.seq);
        ctx = { session, token, board, pub, god: g, seats, events, muted: readChat(session.state, 'facilitator')?.muted ?? [], name: nameLookup(board) };
        controls.update(ctx);
        whiteCell.update(ctx);
        god.update(ctx);
        feed.update(ctx);
        side.refresh();
        setText(turn, turnLabel(board.phase, board.turn, board.turnLimit));
        setText(phase, phaseBanner(board.phase, board.turn, 'facilitator'));
        if (!help.firstChild) help.append(howToPanel('facilitator', pub.scenario.tunables));
        const humans = seats.filter((s) => !s.bot);
        setText(readyCount, board.phase === 'planning' ? `${humans.filter((s) => s.ready).length} / ${humans.length} ready` : '');
        screen.dataset.phase = board.phase;
        screen.dataset.turn = String(board.turn);
        if (linked !== board.matchId) {
          linked = board.matchId;
          void controls.loadCodes(board.matchId, token);
          links.replaceChildren(...consoleLinks(board.matchId, token));
        }
      }
    }
    if (ctx) {
      const b = ctx.board;
      setText(timer, b.paused ? `paused ${clock(secondsLeft(b, Date.now()))}` : clock(secondsLeft(b, Date.now())));
      map.update(b, 0, 0, app.screen.width, app.screen.height, performance.now());
    }
    app.render();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Projector, after-action report (fetched with the token, opened as a page) and replay. */
function consoleLinks(matchId: string, token: string): HTMLElement[] {
  const aar = el('button', { type: 'button', class: 'small secondary', 'data-testid': 'open-aar' }, 'After-action report');
  aar.addEventListener('click', () => {
    // With the token, or (organizer re-entry, no token) the organizer's session cookie.
    void fetch(`/api/matches/${encodeURIComponent(matchId)}/aar?format=html`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => {
      if (!r.ok) return;
      const url = URL.createObjectURL(new Blob([await r.text()], { type: 'text/html' }));
      window.open(url, '_blank', 'noopener');
    });
  });
  // The replay opens with the token in the fragment (or, without one, on the organizer's session).
  const replay = `/replay?match=${encodeURIComponent(matchId)}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
  return [aar, el('a', { href: replay, target: '_blank', 'data-testid': 'open-replay' }, 'Replay')];
}
