import type { MatchSession } from '../net/session.ts';

/** Loads the projector (and pixi.js with it) only when needed, so the join and create screens stay small. */
export async function openProjector(session: MatchSession): Promise<void> {
  const { showProjector } = await import('./projector-screen.ts');
  await showProjector(session);
}
