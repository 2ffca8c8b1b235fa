import { mountChat } from '../chat/chat-panel.ts';
import { DraftKeeper } from '../net/drafts.ts';
import type { MatchSession } from '../net/session.ts';
import { showBoard } from './board-screen.ts';
import { el } from './dom.ts';

/**
 * A seat's screen: the nation board, with its negotiation channels as a tab. `name` is this
 * person's display name on the seat (told apart from a namesake: "Ana (2)"); their unsent
 * order and chat drafts come back from the server or this browser.
 */
export async function showPlayer(session: MatchSession, seat: string, name: string): Promise<void> {
  const matchId = String((session.state as { matchId?: unknown } | undefined)?.matchId ?? '');
  const drafts = await DraftKeeper.open(session, matchId, seat, name);
  const channels = el('section', { class: 'panel channels', 'aria-label': 'Channels' });
  const board = await showBoard(session, seat, [{ id: 'channels', label: 'Channels', panel: channels }], { name, drafts });
  // "Propose a deal…" in a bilateral opens the order composer; the order is linked to the talk.
  mountChat(channels, session, { seat }, { onOpenDeal: (channel, partner) => board.proposeFrom(channel, partner), drafts });
}
