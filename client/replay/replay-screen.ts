import { seriesOfIndex, type TurnSeries } from '../../shared/aar/series.ts';
import type { ReplayIndex } from '../../shared/engine/keyframes.ts';
import type { Viewer } from '../../shared/engine/ruleset.ts';
import type { CyberState } from '../../shared/rules/types.ts';
import { el, show } from '../screens/dom.ts';
import { signedInAs } from '../screens/organizer-signin.ts';
import { fetchRecord, listMatches, type MatchRow } from './api.ts';
import type { BoardCanvas } from './board-canvas.ts';
import { createAnnotationsPanel, createBranchPanel, type Source } from './facilitator.ts';
import { changesBetween, eventsOf, frameAt, loadRecord, turnStep, type Frame, type Loaded } from './model.ts';
import { createChartsPanel, createEventsPanel } from './panels.ts';
import { seatPanel } from './seat-panel.ts';
import { talkPanel } from './talk-panel.ts';
import type { ChatLog } from '../../shared/engine/chat.ts';
import { createTimeline } from './timeline.ts';
import './replay.css';

/**
 * `/replay`: the replay viewer (issue 5). Opens a match from the server's list with the
 * facilitator token (GET /api/matches/:id/record), or a record file dropped on the page or
 * chosen (no server needed: the shared rules replay it here). Then: a timeline over every
 * step, "view as" any seat / the public / the god view, the board with what changed
 * highlighted, the event list linked to the timeline, charts, annotations and the what-if
 * branch. Every text is set with textContent; only the charts' SVG (escaped by
 * shared/aar/charts.ts) goes through innerHTML.
 */
export function showReplay(q: URLSearchParams): void {
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'replay-error' });
  const token = el('input', { type: 'password', autocomplete: 'off', placeholder: 'facilitator token', 'data-testid': 'token', 'aria-label': 'Facilitator token' });
  const rows = el('tbody');
  const file = el('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'record-file', 'aria-label': 'Match record file' });
  const drop = el('div', { class: 'rp-drop', 'data-testid': 'drop-zone' }, 'Drop a match record (.json) here, or choose one: ', file);
  const refresh = el('button', { type: 'button', class: 'rp-small' }, 'Refresh');
  const page = el(
    'main',
    { class: 'replay', 'data-testid': 'replay' },
    el('h1', {}, 'Replay'),
    el('p', { class: 'muted' }, 'Open a finished or running match with its facilitator token, or a record file. Nothing you do here changes the match.'),
    el('label', {}, 'Facilitator token', token),
    el('table', { class: 'rp-table rp-matches', 'data-testid': 'match-list' }, el('thead', {}, el('tr', {}, ...['match', 'scenario', 'phase', 'turn', 'seats', ''].map((h) => el('th', {}, h)))), rows),
    refresh,
    drop,
    error,
  );
  show(page);
  // Opened from the console of a facilitator who joined with the token: it comes in the URL's
  // fragment (never sent to the server), so it is not typed again; the address bar drops it.
  const fromConsole = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromConsole) {
    token.value = fromConsole;
    history.replaceState(null, '', location.pathname + location.search);
  }

  const open = async (row: MatchRow) => {
    // Without a token the organizer's session opens its own matches (the list shows only those).
    const t = token.value.trim();
    error.textContent = `Loading ${row.id}…`;
    const r = await fetchRecord(row.id, t);
    if (!r.ok) {
      error.textContent = t ? r.message : `${r.message} Type the facilitator token of this match, or sign in as its organizer on the new-match page.`;
      if (!t) token.focus();
      return;
    }
    start(r.value, { matchId: row.id, token: t }, `match ${row.id}`);
  };
  const fill = async () => {
    // The list is the signed-in organizer's own matches; ask first rather than be refused.
    if (!(await signedInAs())) {
      rows.replaceChildren(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'Sign in as an organizer on the new-match page to list your matches; or open a record file below.')));
      return;
    }
    const r = await listMatches();
    if (!r.ok) {
      rows.replaceChildren(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, `No match list: ${r.message}`)));
      return;
    }
    const want = q.get('match');
    const sorted = [...r.value].sort((a, b) => Number(b.id === want) - Number(a.id === want) || (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
    rows.replaceChildren(
      ...sorted.map((m) => {
        const b = el('button', { type: 'button', 'data-testid': `open-${m.id}` }, 'Open');
        b.addEventListener('click', () => void open(m));
        return el('tr', {}, el('td', {}, el('code', {}, m.id)), el('td', {}, m.scenarioId), el('td', {}, m.phase), el('td', {}, String(m.turn)), el('td', {}, `${m.seatsFilled}/${m.seatsTotal}`), el('td', {}, b));
      }),
    );
    if (sorted.length === 0) rows.append(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'No matches on this server yet.')));
  };
  refresh.addEventListener('click', () => void fill());
  void fill();
  // From the console: that match opens at once, with the token it brought.
  const wanted = q.get('match');
  if (fromConsole && wanted) void open({ id: wanted } as MatchRow);

  const readFile = (f: File | undefined) => {
    if (!f) return;
    f.text().then(
      (text) => {
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {
          error.textContent = `${f.name} is not JSON.`;
          return;
        }
        start(data, null, f.name);
      },
      () => (error.textContent = `${f.name} could not be read.`),
    );
  };
  file.addEventListener('change', () => readFile(file.files?.[0]));
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    readFile(e.dataTransfer?.files[0]);
  });

  let dispose: (() => void) | null = null;
  const start = (data: unknown, source: Source | null, title: string, at?: Position) => {
    const loaded = loadRecord(data);
    if (!loaded.ok) {
      error.textContent = loaded.error.message;
      return;
    }
    dispose?.();
    const back = () => {
      dispose?.();
      dispose = null;
      show(page);
      void fill();
    };
    // A running match goes on: fetch its record again and stay where the viewer was.
    const reload = source
      ? async (where: Position): Promise<string | null> => {
          const r = await fetchRecord(source.matchId, source.token);
          if (!r.ok) return r.message;
          start(r.value, source, title, where);
          return null;
        }
      : null;
    dispose = viewer(loaded.value, source, title, back, reload, at);
  };
}

/** The viewer for a loaded record; returns a function that stops it. */
interface Position {
  readonly step: number;
  readonly viewer: Viewer;
}

function viewer(loaded: Loaded, source: Source | null, title: string, back: () => void, reload: ((at: Position) => Promise<string | null>) | null, at?: Position): () => void {
  const names = new Map(loaded.seats.map((s) => [s.id, s.name]));
  // Seat sides decide who reads which channel (shared/engine/channels.ts).
  const sides = loaded.index.ruleset.seats(loaded.final.state).map((x) => ({ id: x.id, side: x.side ?? 'ally' }));
  const select = el('select', { 'data-testid': 'view-as', 'aria-label': 'View as' }, el('option', { value: 'facilitator' }, 'God view (everything)'), el('option', { value: 'observer' }, 'Public (projector)'));
  for (const s of loaded.seats) select.append(el('option', { value: s.id }, `as ${s.name}`));
  const backButton = el('button', { type: 'button', class: 'rp-small' }, '← Another match');
  backButton.addEventListener('click', back);
  const reloadButton = el('button', { type: 'button', class: 'rp-small', 'data-testid': 'reload', title: 'Fetch the record again (a running match goes on)' }, '↻ Reload');
  reloadButton.hidden = reload === null;
  reloadButton.addEventListener('click', async () => {
    if (!reload) return;
    reloadButton.disabled = true;
    const failed = await reload({ step: Number(timeline.root.dataset.step ?? 0), viewer: viewerId });
    if (failed) {
      reloadButton.disabled = false;
      warning.textContent = failed;
      warning.hidden = false;
    }
  });
  const r = loaded.record;
  const header = el(
    'header',
    { class: 'rp-header' },
    backButton,
    reloadButton,
    el('h1', {}, `Replay: ${r.scenario.id} v${r.scenario.version}`),
    el('span', { class: 'muted' }, `${title} · ${r.ruleset} · seed ${r.seed} · ${r.entries.length} entries`),
    el('label', { class: 'rp-viewas' }, 'View as ', select),
  );
  const warning = el('p', { class: 'error', role: 'alert', 'data-testid': 'replay-warning' }, loaded.warning ?? '');
  warning.hidden = !loaded.warning;

  let series: TurnSeries | null = null;
  if (r.ruleset === 'cyber-alliance') {
    const s = seriesOfIndex(loaded.index as unknown as ReplayIndex<unknown, CyberState, unknown, unknown, unknown>);
    if (s.ok) series = s.value;
  }

  let frame: Frame | null = null;
  let viewerId: Viewer = 'facilitator';
  const seekStep = (step: number) => go(step);
  const timeline = createTimeline(loaded.index.steps, { seek: seekStep, turnStep: (s, d) => turnStep(loaded, s, d) });
  const events = createEventsPanel(seekStep);
  const charts = createChartsPanel(series);
  const seekTurn = (turn: number) => go(loaded.index.steps.find((s) => s.turn === turn && (s.phase === 'debrief' || s.phase === 'ended'))?.step ?? loaded.index.steps.find((s) => s.turn === turn)?.step ?? 0);
  const annotations = createAnnotationsPanel(source, seekTurn);
  const branch = createBranchPanel(source);
  const boardHost = el('div', { class: 'rp-board', 'data-testid': 'board' });
  const changes = el('ul', { class: 'rp-changes', 'data-testid': 'changes' });
  const seatBox = el('div', { class: 'rp-seatbox' });
  const talkBox = el('div', { class: 'rp-talkbox' });
  const root = el(
    'main',
    { class: 'replay replay-viewer', 'data-testid': 'replay-viewer' },
    header,
    warning,
    timeline.root,
    el('div', { class: 'rp-body' }, el('section', { class: 'rp-panel rp-boardpanel' }, boardHost, el('h3', {}, 'What changed at this step'), changes), el('div', { class: 'rp-side' }, seatBox, talkBox, events.root)),
    charts.root,
    el('div', { class: 'rp-row' }, annotations.root, branch.root),
  );
  show(root);

  let canvas: BoardCanvas | null = null;
  void import('./board-canvas.ts')
    .then((m) => m.createBoardCanvas(boardHost))
    .then((c) => {
      canvas = c;
      render(null);
    })
    .catch((e: unknown) => {
      boardHost.textContent = `The board cannot be drawn here: ${e instanceof Error ? e.message : String(e)}`;
    });

  const render = (prevBoard: Frame['board'] | null) => {
    if (!frame) return;
    const f = frame;
    const step = loaded.index.steps[f.step];
    const turn = step?.turn ?? 0;
    const diff = changesBetween(prevBoard, f.board);
    timeline.show(f.step);
    changes.replaceChildren(...(diff.lines.length > 0 ? diff.lines.map((l) => el('li', {}, l)) : [el('li', { class: 'muted' }, 'Nothing visible to this viewer changed.')]));
    seatBox.replaceChildren(seatPanel(f.view, viewerId, names));
    talkBox.replaceChildren(talkPanel(f.match as { chat?: ChatLog; turn: number }, sides, viewerId, names));
    events.show(f.step);
    charts.show(turn);
    annotations.show(turn);
    const resolved = step && (step.phase === 'debrief' || step.phase === 'ended') ? turn : Math.max(0, turn - 1);
    branch.show(resolved);
    if (f.board && canvas) canvas.draw(f.board, diff.highlight);
    root.dataset.step = String(f.step);
    root.dataset.turn = String(turn);
    root.dataset.viewer = viewerId;
  };

  function go(step: number) {
    const prev = frame;
    const next = frameAt(loaded, step, viewerId, prev && prev.match.applied <= step ? prev.match : undefined);
    if (!next.ok) {
      warning.textContent = next.error.message;
      warning.hidden = false;
      return;
    }
    frame = next.value;
    // The board one step earlier, for the same viewer: what changed at this step.
    let before: Frame['board'] | null = null;
    if (step > 0) {
      if (prev && prev.step === step - 1 && prev.view['viewer'] === frame.view['viewer']) before = prev.board;
      else {
        const p = frameAt(loaded, step - 1, viewerId);
        before = p.ok ? p.value.board : null;
      }
    }
    render(before);
  }

  select.addEventListener('change', () => {
    viewerId = select.value as Viewer;
    events.setEvents(eventsOf(loaded, viewerId));
    frame = null;
    go(Number(timeline.root.dataset.step ?? 0));
  });
  if (at && loaded.seats.some((s) => s.id === at.viewer)) viewerId = at.viewer;
  else if (at && (at.viewer === 'observer' || at.viewer === 'facilitator')) viewerId = at.viewer;
  select.value = viewerId;
  events.setEvents(eventsOf(loaded, viewerId));
  go(Math.min(at?.step ?? 0, loaded.index.steps.length - 1));
  return () => timeline.dispose();
}
