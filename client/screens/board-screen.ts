import { ArsenalPanel } from '../board/arsenal.ts';
import { Composer, type ComposerDraft } from '../board/composer.ts';
import { clock, nameLookup, sendAndSay, setText, type BoardContext } from '../board/context.ts';
import { FeedPanel, StandingPanel } from '../board/feed.ts';
import { InboxPanel } from '../board/inbox.ts';
import type { DraftKeeper } from '../net/drafts.ts';
import type { MatchSession } from '../net/session.ts';
import { readBoard, secondsLeft } from '../state/board.ts';
import { readEvents, readPicture, readSeats } from '../state/seat.ts';
import { el, show } from './dom.ts';
import { howToPanel, phaseBanner, turnLabel } from './onboarding.ts';
import { BriefCard } from '../board/brief-card.ts';
import { tabbed, type Tab } from './tabs.ts';
import { mapApp, statusText } from './map-pane.ts';


/**
 * The nation board (docs/design.md §6: a seat sees its own nation entirely): the theatre map on a
 * Pixi canvas, and beside it the orders, the arsenal, the requests inbox, the event feed and
 * the scores. A top bar holds the turn, the planning countdown, the capacity left and the
 * ready button. Network callbacks only mark the state dirty; the DOM and canvas are brought
 * up to date once per animation frame, and only the parts whose data changed are rebuilt.
 */
export interface BoardHandle {
  /** Opens the order composer on a deal proposed in `channel` to `partner`. */
  proposeFrom(channel: string, partner: string): void;
}

/** Who is at this board: the person's display name on the seat, and their drafts. */
export interface BoardPerson {
  readonly name: string;
  readonly drafts?: DraftKeeper;
}

export async function showBoard(session: MatchSession, seat: string, extraTabs: readonly Tab[] = [], person: BoardPerson = { name: '' }): Promise<BoardHandle> {
  const nation = el('strong', { class: 'nation', 'data-testid': 'nation' });
  const turn = el('span', { 'data-testid': 'turn' });
  const phase = el('span', { 'data-testid': 'phase' });
  const timer = el('span', { class: 'timer', 'data-testid': 'timer', role: 'timer' });
  const capacity = el('span', { class: 'capacity', 'data-testid': 'capacity', title: 'Capacity committed by your orders this turn, of what you have.' });
  const ready = el('button', { type: 'button', class: 'ready', 'data-testid': 'ready', 'aria-pressed': 'false' }, 'Ready');
  const status = el('span', { class: 'status', role: 'status', 'data-testid': 'status' });
  const said = el('span', { class: 'said', role: 'status', 'data-testid': 'ready-status' });
  const mates = el('span', { class: 'mates', 'data-testid': 'seatmates', title: 'Everyone playing your nation shares its orders, arsenal and channels.' });
  const top = el('header', { class: 'topbar' }, nation, turn, phase, timer, capacity, ready, said, mates, status);
  const mapPane = el('div', { class: 'map-pane', 'data-testid': 'map' });
  const composer = new Composer();
  let restored = false;
  composer.onDraft((d) => person.drafts?.setComposer(d as Parameters<DraftKeeper["setComposer"]>[0]));
  const arsenal = new ArsenalPanel();
  const inbox = new InboxPanel();
  const feed = new FeedPanel();
  const standing = new StandingPanel();
  const brief = new BriefCard();
  const help = el('div', { class: 'help-slot' });
  const tabs: Tab[] = [
    { id: 'orders', label: 'Orders', panel: composer.root },
    { id: 'arsenal', label: 'Arsenal', panel: arsenal.root },
    { id: 'inbox', label: 'Requests', panel: inbox.root, badge: () => inbox.unanswered },
    { id: 'events', label: 'Events', panel: feed.root },
    { id: 'standing', label: 'Scores', panel: standing.root },
    ...extraTabs,
    { id: 'help', label: 'How to play', panel: help },
  ];
  const side = tabbed(tabs, 'Board panels');
  const screen = el('div', { class: 'board', 'data-testid': 'board' }, top, mapPane, side.root);
  show(screen);

  // Alt+R toggles ready (Alt+1…9 open the panels).
  document.addEventListener('keydown', (ev) => {
    if (ev.altKey && ev.key.toLowerCase() === 'r') {
      ready.click();
      ev.preventDefault();
    }
  });

  const { app, map } = await mapApp(mapPane, true);
  mapPane.append(brief.root);

  let ctx: BoardContext | null = null;
  let dirty = true;
  session.onStateChange(() => (dirty = true));
  const showStatus = () => setText(status, statusText(session));
  session.onStatus(() => showStatus());
  showStatus();

  ready.addEventListener('click', () => {
    const on = ready.getAttribute('aria-pressed') !== 'true';
    void sendAndSay(session, said, 'setReady', { ready: on }, on ? 'Ready: waiting for the others.' : 'Not ready.');
  });

  const frame = () => {
    if (dirty) {
      dirty = false;
      const board = readBoard(session.state, seat);
      const picture = readPicture(session.state, seat);
      if (board && picture) {
        ctx = { session, seat, board, picture, seats: readSeats(session.state), events: readEvents(session.state, seat), name: nameLookup(board) };
        for (const p of [composer, arsenal, inbox, feed, standing, brief]) p.update(ctx);
        if (!help.firstChild) help.append(howToPanel('seat', picture.pub.scenario.tunables));
        if (!restored) {
          // The unsent order this person left (a reload, a dropped Wi-Fi, another laptop).
          restored = true;
          const draft = person.drafts?.composer;
          if (draft) composer.restore(draft as ComposerDraft);
        }
        side.refresh();
        const me = ctx.seats.find((s) => s.id === seat);
        setText(mates, seatmates(me?.players ?? [], person.name));
        ready.setAttribute('aria-pressed', String(me?.ready === true));
        setText(ready, me?.ready ? 'Ready ✓' : 'Ready');
        ready.disabled = board.phase !== 'planning';
        setText(nation, picture.me.nation.name);
        setText(turn, turnLabel(board.phase, board.turn, board.turnLimit));
        setText(phase, phaseBanner(board.phase, board.turn, 'seat'));
        const cap = picture.me.capacity;
        setText(capacity, `Capacity ${cap.committed} / ${cap.total}`);
        screen.dataset.phase = board.phase;
        screen.dataset.turn = String(board.turn);
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
  return {
    proposeFrom(channel, partner) {
      side.select('orders');
      composer.proposeFrom(channel, partner);
    },
  };
}

/** "You: Ana (2) · with Ana, Ben" — who else plays this seat, each told apart by name. */
export function seatmates(players: readonly string[], me: string): string {
  const others = [...players];
  const mine = others.indexOf(me);
  if (mine >= 0) others.splice(mine, 1);
  if (!me) return others.length ? `On this seat: ${others.join(', ')}` : '';
  return others.length ? `You: ${me} · with ${others.join(', ')}` : `You: ${me} (alone on this seat)`;
}
