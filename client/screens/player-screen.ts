import type { MatchSession } from '../net/session.ts';
import { showBoard } from './board-screen.ts';

/** A seat's screen: the nation board (the channels panel joins it as a tab). */
export async function showPlayer(session: MatchSession, seat: string): Promise<void> {
  await showBoard(session, seat);
}
