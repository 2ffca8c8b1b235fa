import { schema, t } from '@colyseus/schema';
import { chatFields } from './chat.ts';
import { matchFields } from './base.ts';
import { CyberBoard } from './cyber-board.ts';
import { CyberGod } from './cyber-god.ts';
import { CyberSeat } from './cyber-seat.ts';

/**
 * The root state of a cyber-alliance match room (docs/design.md §8): the engine's fields, the
 * public board, one private part per seat (view-tagged: a client sees only the parts its
 * StateView holds) and the facilitator's part (view-tagged too). Fields only.
 */
export const CyberMatchState = schema(
  {
    ...matchFields(),
    ...chatFields(),
    board: t.ref(CyberBoard),
    privates: t.map(CyberSeat).view(),
    god: t.ref(CyberGod).view(),
  },
  'CyberMatchState',
);
export type CyberMatchStateT = InstanceType<typeof CyberMatchState>;
