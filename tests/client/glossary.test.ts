import { describe, expect, it } from 'vitest';
import { glossary, TERMS } from '../../client/board/glossary.ts';
import { Tunables } from '../../shared/scenarios/schema.ts';
import { scenarios } from '../../shared/scenarios/index.ts';

describe('the glossary', () => {
  it('explains every term with the scenario’s own numbers, not fixed ones', () => {
    const base = Tunables.parse({});
    const g = glossary(base);
    expect(Object.keys(g).sort()).toEqual([...TERMS].sort());
    expect(g.freshness).toContain(`${base.burnBase.effect} (effect)`);
    expect(g.attribution).toContain(`${base.attributeIntelCost} intel`);
    // A scenario tuned differently reads differently.
    const tuned = Tunables.parse({ huntTurns: 4, attributionBase: { espionage: 0.5, effect: 0.6 }, decay: 7 });
    const h = glossary(tuned);
    expect(h['hunt forward']).toContain('for 4 turn(s)');
    expect(h.attribution).toContain('chance 60% for an effect');
    expect(h.freshness).toContain('loses 7 a turn');
  });

  it('has a sentence for every term in every shipped scenario', () => {
    for (const s of scenarios) for (const text of Object.values(glossary(s.tunables))) expect(text).toMatch(/^[A-Z].{40,}\.$/s);
  });
});
