import type { RngSource } from '../engine/rng.ts';
import type { SeatId } from '../engine/ruleset.ts';
import type { CyberDrafts } from './drafts.ts';
import type { Input } from './orders.ts';
import type { CyberState } from './types.ts';

/** Heuristic bot for any seat. */
export function botInputs(_s: CyberState, _drafts: CyberDrafts, _seat: SeatId, _rng: RngSource): Input[] {
  return [];
}
