import type { MatchSession, SessionStatus } from '../net/session.ts';
import { readBoard, secondsLeft, type BoardSnap } from '../state/board.ts';
import { sentence } from '../net/sentence.ts';
import { el, show } from './dom.ts';
import { phaseBanner, turnLabel } from './onboarding.ts';
import { mapApp } from './map-pane.ts';

const HUD_HEIGHT = 80;
/** The legend's strip along the bottom (the map is laid out above it, so no label hides under it). */
const LEGEND_HEIGHT = 56;
/** Width kept free for the scoreboard on the right when scores are shown. */
const SCOREBOARD_WIDTH = 340;

/** Scores are float32 in the schema: one decimal is what a room reads. */
const points = (x: number) => String(Math.round(x * 10) / 10);

const STATUS_TEXT: Record<SessionStatus, string> = {
  connecting: 'connecting…',
  connected: '● connected',
  reconnecting: 'reconnecting…',
  rejoining: 'reconnecting… (rejoining the match)',
  closed: 'disconnected',
};

function clock(seconds: number | null): string {
  if (seconds === null) return '';
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Sets text only when it changed (no layout work on quiet frames). */
function setText(e: HTMLElement, text: string): void {
  if (e.textContent !== text) e.textContent = text;
}

/**
 * The projector: the public map on a Pixi canvas, with turn, phase, timer, scoreboard and
 * connection status in big type. Network callbacks only mark the state dirty; everything is
 * drawn on requestAnimationFrame from a snapshot of the session's state.
 */
export async function showProjector(session: MatchSession): Promise<void> {
  const turn = el('span', { 'data-testid': 'turn' });
  const phase = el('span', { 'data-testid': 'phase' });
  const timer = el('span', { class: 'timer', 'data-testid': 'timer' });
  const status = el('span', { class: 'status', role: 'status', 'data-testid': 'status' });
  const scoreList = el('ol');
  const scoreboard = el('aside', { class: 'scoreboard', 'data-testid': 'scoreboard' }, el('h2', {}, 'Scores'), scoreList);
  const stage = el('div', { class: 'projector', 'data-testid': 'projector' });
  stage.append(el('div', { class: 'hud' }, turn, phase, timer, status), scoreboard, legend());
  show(stage);

  const { app, map } = await mapApp(stage, false);

  let board: BoardSnap | null = null;
  let dirty = true;
  session.onStateChange(() => (dirty = true));
  const showStatus = (s: SessionStatus) => {
    setText(status, s === 'closed' ? `disconnected: ${sentence(session.closedReason)}` : STATUS_TEXT[s]);
    status.dataset.status = s;
  };
  session.onStatus((s) => showStatus(s));
  showStatus(session.status);

  let scoresKey = '';
  let labels: unknown = null;
  const frame = () => {
    if (dirty) {
      dirty = false;
      board = readBoard(session.state) ?? board;
    }
    if (board) {
      const side = board.showScores ? SCOREBOARD_WIDTH : 0;
      map.update(board, 0, HUD_HEIGHT, app.screen.width - side, app.screen.height - HUD_HEIGHT - LEGEND_HEIGHT, performance.now());
      setText(turn, turnLabel(board.phase, board.turn, board.turnLimit));
      setText(phase, phaseBanner(board.phase, board.turn, 'observer'));
      // The laid-out labels, for the legibility test (tests/e2e/projector.test.ts): set only when they move.
      if (map.labelBoxes() !== labels) {
        labels = map.labelBoxes();
        stage.dataset.labels = JSON.stringify(map.labelBoxes().map((b) => ({ kind: b.kind, id: b.id, x: Math.floor(b.x), y: Math.floor(b.y), w: Math.ceil(b.w), h: Math.ceil(b.h), font: b.font, hidden: b.hidden })));
        stage.dataset.canvas = `${app.screen.width}x${app.screen.height}`;
      }
      setText(timer, board.paused ? `paused ${clock(secondsLeft(board, Date.now()))}` : clock(secondsLeft(board, Date.now())));
      const lines = board.showScores ? board.scores.map((s) => `${s.name || s.nation}: ${points(s.total)}`) : [];
      if (board.showScores) lines.unshift(`Coalition: ${points(board.coalitionScore)}`);
      const key = lines.join('\n');
      if (key !== scoresKey) {
        scoresKey = key;
        scoreList.replaceChildren(...lines.map((l) => el('li', {}, l)));
        scoreboard.hidden = lines.length === 0;
      }
      stage.dataset.nations = String(map.nationCount);
      stage.dataset.offers = String(map.offerCount);
    }
    app.render();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** The key to the map: shapes, bars, pins and arrows, as the map draws them (palette.ts colours). */
function legend(): HTMLElement {
  const item = (swatch: HTMLElement, text: string) => el('span', { class: 'legend-item' }, swatch, text);
  const sw = (cls: string) => el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' });
  return el('div', { class: 'legend', 'data-testid': 'legend', 'aria-label': 'Legend' },
    item(sw('ally'), 'Ally'),
    item(sw('adversary'), 'Adversary'),
    item(el('span', { class: 'bars', 'aria-hidden': 'true' }, sw('bar good'), sw('bar mid'), sw('bar bad')), 'Availability ≥67 · 34–66 · <34'),
    item(sw('pin'), 'Sovereign offer'),
    item(sw('arrow'), 'Hunt-forward team'),
    item(sw('pulse'), 'Ring: a change'),
  );
}
