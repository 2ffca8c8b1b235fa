import { describe, expect, it } from 'vitest';
import { autoplay } from '../../shared/engine/autoplay.ts';
import { replay } from '../../shared/engine/replay.ts';
import { viewOf } from '../../shared/rules/fog.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { Match } from '../../shared/engine/match.ts';
import { cyberMirror } from '../../server/schema/cyber-mirror.ts';
import { Mirror } from '../../server/schema/mirror.ts';
import { readPicture, readSeats } from '../../client/state/seat.ts';

const nobody = { count: () => 0, names: () => [] };

/**
 * The board reads the room state back into the shapes of `viewOf` (client/state/seat.ts) so
 * that it can run the rules' checks on it: that reading must be the exact inverse of the
 * server's mirror, field for field, at every kind of moment of a played match.
 */
describe.each(['baltic-shield', 'grey-meridian'])('%s: reading a seat back from the room state', (id) => {
  const scenario = findScenario(id)!;
  const played = autoplay(cyberAlliance, scenario, 11, { turns: 4 });

  it.each([2, 3, 4])('gives viewOf(state, drafts, seat) exactly, in planning of turn %i after the bots gave their orders', (turn) => {
    // Stop at the last input of that turn's planning: drafts, requests and answers are all there.
    const lastInput = played.record.entries.reduce((last, e, i) => (e.kind === 'input' && Math.floor(e.at / 1000) === turn ? i : last), -1);
    expect(lastInput).toBeGreaterThan(0);
    let n = 0;
    const r = replay(cyberAlliance, scenario, played.record, () => n++ > lastInput);
    if (!r.ok) throw new Error(r.error.message);
    const m = r.match as Match<CyberState, CyberDrafts>;
    expect(m.phase).toBe('planning');
    const mirror = new Mirror(cyberAlliance, cyberMirror, { matchId: 'm', scenarioId: scenario.id, scenarioVersion: scenario.version });
    mirror.refresh(m, nobody);
    let orders = 0;
    for (const nation of m.state.nations) {
      const { viewer: _v, god: _g, me, ...pub } = viewOf(m.state, m.drafts, nation.id);
      const read = readPicture(mirror.state, nation.id);
      expect(read?.pub).toEqual(pub);
      expect(read?.me).toEqual(JSON.parse(JSON.stringify(me)));
      orders += me?.orders.length ?? 0;
    }
    expect(orders).toBeGreaterThan(0);
    expect(readSeats(mirror.state).map((s) => s.id)).toEqual(m.state.nations.map((x) => x.id).sort());
  });
});
