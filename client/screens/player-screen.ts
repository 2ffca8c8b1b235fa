import { mountChat } from '../chat/chat-panel.ts';
import type { MatchSession } from '../net/session.ts';
import { showBoard } from './board-screen.ts';
import { el } from './dom.ts';

/** A seat's screen: the nation board, with its negotiation channels as a tab. */
export async function showPlayer(session: MatchSession, seat: string): Promise<void> {
  const channels = el('section', { class: 'panel channels', 'aria-label': 'Channels' });
  const board = await showBoard(session, seat, [{ id: 'channels', label: 'Channels', panel: channels }]);
  // "Propose a deal…" in a bilateral opens the order composer; the order is linked to the talk.
  mountChat(channels, session, { seat }, { onOpenDeal: (channel, partner) => board.proposeFrom(channel, partner) });
}
