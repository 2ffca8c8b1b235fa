import { describe, it } from 'vitest';
import { holdsAlong, scenarios, TIMEOUT } from './runs.ts';

/**
 * docs/design.md §6: the server never sends a seat anything outside its view, in state or
 * events. Checked on matchView (what a server sends) for every seat and the observer
 * at each close of planning and each resolution, and for a random viewer in between.
 * See `privateIds` in driver.ts for exactly which ids count as another nation's.
 */
describe.each(scenarios)('$id', ({ scenario, perPlanning }) => {
  it('no seat’s view, events included, holds another nation’s private ids', () => {
    holdsAlong(scenario, perPlanning, ['fog'], 15);
  }, TIMEOUT);
});
