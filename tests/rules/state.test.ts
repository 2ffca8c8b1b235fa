import { describe, it, expect } from 'vitest';
import type { LogEntry } from '../../shared/engine/match.ts';
import { turnRng } from '../../shared/engine/rng.ts';
import type { Input } from '../../shared/rules/orders.ts';
import { resolveTurn } from '../../shared/rules/resolve.ts';
import { setup } from '../../shared/rules/setup.ts';
import { scenarios } from '../../shared/scenarios/index.ts';
import { Table, mustApply, planningMatch, tinyScenario } from '../fixtures/tiny-scenario.ts';

const HIT = 0;
const MISS = 0.99;
const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Three turns of nearly everything: shares, tailoring, espionage, effects, discovery, a patch, a hunt, a leak, a sovereign effect, training, a report. */
function eventfulTable() {
  const t = new Table();
  t.answer('bravo', t.order('alpha', { type: 'share', copy: 'k-a-worm', to: 'bravo', terms: { compiledOnly: false, expiresAfter: 3, endUse: ['r-net'] } }), true);
  t.answer('bravo', t.order('alpha', { type: 'train', trainee: 'bravo' }), true);
  t.order('alpha', { type: 'sovereignOffer', copy: 'k-a-strike', target: 'r-net' });
  const spy = t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
  t.answer('bravo', t.order('charlie', { type: 'huntForward', host: 'bravo' }), true);
  const needle = t.order('red', { type: 'operate', copy: 'k-r-spy', target: 'b-net' });
  t.order('charlie', { type: 'report', text: 'All quiet.' });
  t.resolve({ [`op:${spy}`]: [HIT, 0, MISS], [`op:${needle}`]: [HIT, MISS] });
  const offer = t.state.offers[0]!.id;
  t.requestSovereign(offer);
  t.answer('alpha', `rq-${offer}`, true);
  const wiper = t.order('alpha', { type: 'operate', copy: 'k-a-wiper', target: 'r-net' });
  t.answer('bravo', t.order('alpha', { type: 'tailor', for: 'bravo', vuln: 'red-db', kind: 'effect', effect: 'deny', power: 2 }), true);
  t.submit('facilitator', { type: 'facilitator', action: { type: 'typedInject', title: 'Storm', text: 'Power cuts.', availabilityHit: { network: 'c-net', amount: 20 } } });
  t.resolve({ [`sovereign:${offer}`]: [HIT, MISS, HIT], [`op:${wiper}`]: [HIT, HIT, HIT], [`leak:${t.copyOf('bravo', 'a-worm')!.id}`]: [0], [`hunt:${t.state.missions[0]!.id}`]: [HIT] });
  t.resolve();
  return t;
}

describe('state is plain data', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('the state of %s round-trips through JSON right after setup', (_id, scenario) => {
    const s = setup(scenario, 42);
    expect(roundTrip(s)).toStrictEqual(s);
  });

  it('the state round-trips through JSON after several eventful turns', () => {
    const t = eventfulTable();
    // the situation really is eventful
    expect(t.state.copies.some((c) => c.leaked)).toBe(true);
    expect(t.state.exploits.some((e) => e.patched)).toBe(true);
    expect(t.state.offers[0]?.status).toBe('executed');
    expect(t.state.missions[0]?.findings).toHaveLength(1);
    expect(t.state.reports).toHaveLength(1);
    expect(t.state.incidents.some((i) => i.blamed !== null)).toBe(true);
    expect(t.state.projects.length + t.state.capabilities.filter((c) => c.tailoredFor).length).toBe(1);
    expect(roundTrip(t.state)).toStrictEqual(t.state);
  });

  it('a match driven through the engine round-trips through JSON at every phase', () => {
    let m = planningMatch();
    const entries: LogEntry<Input>[] = [
      { at: 10, kind: 'input', seat: 'alpha' as never, input: { type: 'order', order: { type: 'operate', copy: 'k-a-strike', target: 'r-net' } } as Input },
      { at: 11, kind: 'input', seat: 'red' as never, input: { type: 'order', order: { type: 'operate', copy: 'k-r-hit', target: 'b-net' } } as Input },
      { at: 12, kind: 'control', action: { type: 'closePlanning', reason: 'all-ready' } },
      { at: 13, kind: 'control', action: { type: 'nextTurn' } },
      { at: 14, kind: 'control', action: { type: 'openPlanning' } },
      { at: 15, kind: 'control', action: { type: 'closePlanning', reason: 'timer' } },
    ];
    expect(roundTrip(m)).toStrictEqual(m);
    for (const entry of entries) {
      m = mustApply(m, entry);
      expect(roundTrip(m), `${entry.kind} at ${entry.at}`).toStrictEqual(m);
    }
    expect(m.turn).toBe(2);
    expect(m.state.incidents).toHaveLength(2);
  });
});

describe('resolution', () => {
  it('is deterministic in (state, drafts, rng) and leaves its input untouched', () => {
    const t = new Table();
    t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.order('red', { type: 'operate', copy: 'k-r-spy', target: 'a-net' });
    const frozen = structuredClone({ state: t.state, drafts: t.drafts });
    const a = resolveTurn(t.state, t.drafts, turnRng(7, 1));
    const b = resolveTurn(t.state, t.drafts, turnRng(7, 1));
    expect(a).toStrictEqual(b);
    expect({ state: t.state, drafts: t.drafts }).toStrictEqual(frozen);
  });

  it('a roll added in one stream does not shift another: a second operation leaves the first one\'s outcome alone', () => {
    const outcome = (extra: boolean) => {
      const t = new Table(tinyScenario());
      t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
      if (extra) t.order('bravo', { type: 'operate', copy: 'k-b-probe', target: 'r-net' });
      const r = resolveTurn(t.state, t.drafts, turnRng(99, 1));
      return r.state.incidents.find((i) => i.user === 'alpha');
    };
    const alone = outcome(false);
    const withOther = outcome(true);
    expect({ success: withOther?.success, blamed: withOther?.blamed, noticed: withOther?.noticed }).toEqual({ success: alone?.success, blamed: alone?.blamed, noticed: alone?.noticed });
  });
});
