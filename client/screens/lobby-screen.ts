import { LobbyMessageType, type LobbyStatus, type SeatGranted } from '../../shared/protocol/classroom.ts';
import type { MatchSession } from '../net/session.ts';
import { readSeats, type SeatLine } from '../state/seat.ts';
import { el, show } from './dom.ts';
import { statusText } from './map-pane.ts';

/**
 * The lobby of the class link (issue 14): every seat with who sits in it, and a button on
 * each free one. A pick is answered with the seat's code (then this page joins that seat), or
 * waits for the facilitator's approval when they asked for it. Locked seats, seats the bot
 * plays and seats someone sits in are shown but cannot be picked.
 */
export async function showLobby(session: MatchSession, name: string, onGranted: (granted: SeatGranted) => Promise<void>): Promise<void> {
  const list = el('ul', { class: 'lobby-seats', 'data-testid': 'lobby-seats' });
  const said = el('p', { class: 'status-line', role: 'status', 'data-testid': 'lobby-status' });
  const status = el('p', { class: 'warn', role: 'status' });
  show(el('main', { class: 'form lobby', 'data-testid': 'lobby' }, el('h1', {}, 'Pick your seat'), el('p', {}, 'You are ', el('strong', {}, name), '. Choose a free nation; your team mates pick the same one.'), list, said, status));

  let lobby: LobbyStatus = { locked: [], approval: false, pending: [] };
  let waiting = false;
  let key = '';
  const go = async (granted: SeatGranted) => {
    said.textContent = 'Seat granted: joining…';
    await session.close();
    await onGranted(granted).catch((e: unknown) => {
      said.textContent = e instanceof Error ? e.message : String(e);
      said.dataset.ok = 'false';
    });
  };
  const pick = async (seat: SeatLine) => {
    said.dataset.ok = 'true';
    said.textContent = `Asking for ${seat.name}…`;
    const r = await session.send('claimSeat', { seat: seat.id }).catch(() => null);
    if (!r) return void (said.textContent = 'No answer: try again.');
    if (!r.ok) {
      said.dataset.ok = 'false';
      said.textContent = r.message ?? 'That seat cannot be picked.';
      return;
    }
    if (r.data?.['pending'] === true) {
      waiting = true;
      said.textContent = `Waiting for the facilitator to approve ${seat.name}…`;
      draw();
      return;
    }
    await go({ seat: String(r.data?.['seat']), code: String(r.data?.['code']) });
  };
  const draw = () => {
    const seats = readSeats(session.state);
    const k = JSON.stringify([seats, lobby, waiting]);
    if (k === key) return;
    key = k;
    list.replaceChildren(...seats.map((s) => {
      const why = lobby.locked.includes(s.id) ? 'locked by the facilitator' : s.bot ? 'played by the bot' : s.connected > 0 ? `taken: ${s.players.join(', ')}` : '';
      const take = el('button', { type: 'button', 'data-testid': `pick-${s.id}` }, `Take ${s.name}`);
      take.disabled = why !== '' || waiting;
      take.addEventListener('click', () => void pick(s));
      return el('li', { 'data-seat': s.id }, take, ' ', el('span', { class: 'muted' }, [s.side, why || 'free'].filter(Boolean).join(' · ')));
    }));
  };
  session.onStateChange(() => requestAnimationFrame(draw));
  session.onStatus(() => (status.textContent = statusText(session)));
  session.onMessage(LobbyMessageType.status, (m) => {
    lobby = m as LobbyStatus;
    draw();
  });
  session.onMessage(LobbyMessageType.granted, (m) => void go(m as SeatGranted));
  session.onMessage(LobbyMessageType.refused, (m) => {
    waiting = false;
    said.dataset.ok = 'false';
    said.textContent = (m as { message?: string }).message ?? 'The facilitator did not approve that seat.';
    draw();
  });
  const r = await session.send('lobbyStatus').catch(() => null);
  if (r?.ok) lobby = JSON.parse(String(r.data?.['status'])) as LobbyStatus;
  draw();
}
