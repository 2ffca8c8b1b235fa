import { describe, it, expect } from 'vitest';
import { autoplay } from '../../shared/engine/autoplay.ts';
import type { Match } from '../../shared/engine/match.ts';
import { replay } from '../../shared/engine/replay.ts';
import { botInputsWith, cyocFacilitatorInputs } from '../../shared/rules/bot.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';

const baltic = findScenario('baltic-shield') as Scenario;
const grey = findScenario('grey-meridian') as Scenario;
const cyoc = (m: Match<CyberState, CyberDrafts>, rng: Parameters<typeof cyocFacilitatorInputs>[2]) => cyocFacilitatorInputs(m.state, m.drafts, rng);
const sovereignFirst = { ...cyberAlliance, botInputs: botInputsWith('sovereign-first') };

describe('autoplay with facilitator inputs', () => {
  it('a hook that gives nothing leaves the record exactly as without it', () => {
    for (const seed of [1, 2, 3]) {
      const plain = autoplay(sovereignFirst, baltic, seed);
      const hooked = autoplay(sovereignFirst, baltic, seed, { facilitatorInputs: () => [] });
      expect(JSON.stringify(hooked.record)).toBe(JSON.stringify(plain.record));
    }
  });

  it('the bot CyOC requests sovereign offers as the facilitator; the record replays without it', () => {
    let requests = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = autoplay(sovereignFirst, baltic, seed, { facilitatorInputs: cyoc });
      expect(run.rejected).toEqual([]);
      const mine = run.record.entries.filter((e) => e.kind === 'input' && e.seat === 'facilitator');
      for (const e of mine) expect(e.kind === 'input' && e.input.type).toBe('requestSovereign');
      requests += mine.length;
      const again = replay(cyberAlliance, baltic, run.record);
      expect(again.ok).toBe(true);
      expect(JSON.stringify(again.match?.state)).toBe(JSON.stringify(run.match.state));
    }
    expect(requests).toBeGreaterThan(0);
  });
});

describe('the bot CyOC (facilitator)', () => {
  const planning = (scenario: Scenario, turn: number) => cyberAlliance.brief(cyberAlliance.setup(scenario, 1), turn).state;
  const rng = { stream: () => ({ next: () => 0, int: (lo: number) => lo, chance: () => false, pick: <T>(xs: readonly T[]) => xs[0] as T }) };
  const offer = (id: string, target: string, status: 'open' | 'accepted', until = 6) =>
    ({ id, nation: 'aldoria', effect: 'degrade', target, copy: 'k-ald-skyfall', until, status, executeTurn: null }) as never;

  it('requests one open offer on a coalition-objective target, two at the last chance, none elsewhere', () => {
    const s = planning(baltic, 3);
    s.offers.push(offer('so-a', 'kr-adn', 'open'), offer('so-b', 'kr-adn', 'open'), offer('so-c', 'kr-grid', 'open'));
    expect(cyocFacilitatorInputs(s, cyberAlliance.emptyDrafts(s), rng)).toEqual([{ type: 'requestSovereign', offer: 'so-a' }]);
    const last = planning(baltic, 6);
    last.offers.push(offer('so-a', 'kr-adn', 'open'), offer('so-b', 'kr-adn', 'open'));
    expect(cyocFacilitatorInputs(last, cyberAlliance.emptyDrafts(last), rng)).toHaveLength(2);
  });

  it('waits while an accepted effect is on its way, and plays only when the facilitator is the CyOC', () => {
    const s = planning(baltic, 3);
    s.offers.push(offer('so-a', 'kr-adn', 'accepted'), offer('so-b', 'kr-adn', 'open'));
    expect(cyocFacilitatorInputs(s, cyberAlliance.emptyDrafts(s), rng)).toEqual([]);
    const g = planning(grey, 2);
    g.offers.push({ ...(offer('so-x', 'mv-adb', 'open') as object), nation: 'tarvos', copy: 'k-tar-spindle', effect: 'disrupt' } as never);
    expect(cyocFacilitatorInputs(g, cyberAlliance.emptyDrafts(g), rng)).toEqual([]);
  });
});
