import { describe, it, expect } from 'vitest';
import { allianceTurns, allianceTurnsScenario, AllianceTurnsScenario } from '../../shared/alliance-turns/index.ts';
import { emptyDrafts } from '../../shared/alliance-turns/state.ts';
import { scriptedRng, turnRng } from '../../shared/engine/rng.ts';
import { capability, deepFreeze, everyoneOrders, firstCapability, ordered, SEATS, turnOne, withCapability } from './helpers.ts';

/** scriptedRng: `int(5, 25)` reads 0 as 5 and 0.99 as 25; `chance(0.1)` is true below 0.1. */
const LEAST = 0;
const MOST = 0.99;
const ATTRIBUTED = 0.05;
const UNSEEN = 0.5;

describe('alliance-turns resolution', () => {
  it('a used capability loses the rolled freshness, between 5 and 25', () => {
    const s = withCapability(turnOne(), 'alpha-01', { freshness: 90 });
    const d = ordered(s, [['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }], ['bravo', { capabilityId: 'bravo-01', targetSeat: 'alpha' }]]);
    const bravoBefore = capability(s, 'bravo-01').freshness;
    const r = allianceTurns.resolve(s, d, scriptedRng({ 'use:alpha': [LEAST], 'use:bravo': [MOST], '*': [UNSEEN] }));
    expect(capability(r.state, 'alpha-01')).toMatchObject({ freshness: 85, uses: 1 });
    expect(capability(r.state, 'bravo-01').freshness).toBe(bravoBefore - 25 <= 0 ? 100 : bravoBefore - 25);
  });

  it('the loss is always within 5..25 with the real rolls', () => {
    let s = turnOne();
    const losses: number[] = [];
    for (let t = 1; t <= 200; t++) {
      const r = allianceTurns.resolve(s, everyoneOrders(s), turnRng(9, t));
      for (const e of r.events.filter((x) => x.type === 'FreshnessChanged')) losses.push(e.data?.['loss'] as number);
      s = allianceTurns.brief(r.state, t + 1).state;
    }
    expect(losses).toHaveLength(200 * 6);
    expect(Math.min(...losses)).toBe(5);
    expect(Math.max(...losses)).toBe(25);
  });

  it('a capability that would reach 0 is recharged to 100 instead', () => {
    const s = withCapability(turnOne(), 'alpha-01', { freshness: 5 });
    const d = ordered(s, [['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }]]);
    const r = allianceTurns.resolve(s, d, scriptedRng({ 'use:alpha': [LEAST], '*': [UNSEEN] }));
    expect(capability(r.state, 'alpha-01').freshness).toBe(100);
    expect(r.events.find((e) => e.type === 'FreshnessChanged')?.data).toMatchObject({ from: 5, to: 100, loss: 5, recharged: true });
  });

  it('a capability left with 1 freshness is not recharged', () => {
    const s = withCapability(turnOne(), 'alpha-01', { freshness: 6 });
    const d = ordered(s, [['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }]]);
    const r = allianceTurns.resolve(s, d, scriptedRng({ 'use:alpha': [LEAST], '*': [UNSEEN] }));
    expect(capability(r.state, 'alpha-01').freshness).toBe(1);
  });

  it("the target's pressure rises by the kind's amount, and only on that cell of the table", () => {
    let s = withCapability(turnOne(), 'alpha-01', { kind: 'effect' });
    s = withCapability(s, 'bravo-01', { kind: 'espionage' });
    const d = ordered(s, [['alpha', { capabilityId: 'alpha-01', targetSeat: 'charlie' }], ['bravo', { capabilityId: 'bravo-01', targetSeat: 'charlie' }]]);
    const r = allianceTurns.resolve(s, d, scriptedRng({ '*': [UNSEEN] }));
    const expected = SEATS.map(() => SEATS.map(() => 0));
    (expected[0] as number[])[2] = 2;
    (expected[1] as number[])[2] = 1;
    expect(r.state.pressure).toEqual(expected);
    expect(allianceTurns.score(r.state)).toMatchObject({ seats: expect.arrayContaining([{ seat: 'charlie', applied: 0, suffered: 3, attributed: 0 }]) });
  });

  it('an attributed use is a public UseAttributed naming the seats and the kind, never the capability', () => {
    const s = turnOne();
    const d = ordered(s, [['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }], ['bravo', { capabilityId: 'bravo-01', targetSeat: 'alpha' }]]);
    const r = allianceTurns.resolve(s, d, scriptedRng({ 'attribution:alpha': [ATTRIBUTED], '*': [UNSEEN] }));
    const attributed = r.events.filter((e) => e.type === 'UseAttributed');
    expect(attributed).toHaveLength(1);
    expect(attributed[0]).toMatchObject({ audience: { kind: 'public' }, data: { seat: 'alpha', target: 'bravo', kind: capability(s, 'alpha-01').kind } });
    expect(JSON.stringify(attributed)).not.toContain('alpha-01');
    expect(r.state.attributions).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it('the freshness change is told to the owner only', () => {
    const s = turnOne();
    const r = allianceTurns.resolve(s, everyoneOrders(s), scriptedRng({ '*': [UNSEEN] }));
    const changes = r.events.filter((e) => e.type === 'FreshnessChanged');
    expect(changes.map((e) => e.audience)).toEqual(SEATS.map((x) => ({ kind: 'seats', seats: [x] })));
    expect(changes.map((e) => e.data?.['capability'])).toEqual(SEATS.map((x) => firstCapability(s, x).id));
  });

  it('about 1 use in 10 is attributed over many rolls', () => {
    let s = turnOne(allianceTurnsScenario, 5);
    let uses = 0;
    let attributed = 0;
    for (let t = 1; t <= 2000; t++) {
      const r = allianceTurns.resolve(s, everyoneOrders(s), turnRng(5, t));
      uses += r.events.filter((e) => e.type === 'FreshnessChanged').length;
      attributed += r.events.filter((e) => e.type === 'UseAttributed').length;
      s = allianceTurns.brief(r.state, t + 1).state;
    }
    expect(uses).toBe(12_000);
    // σ ≈ 0.0027 for 12 000 uses: ±0.015 is more than 5σ, so the test only fails if the rule is wrong.
    expect(Math.abs(attributed / uses - 0.1)).toBeLessThan(0.015);
    expect(s.attributions.reduce((a, b) => a + b, 0)).toBe(attributed);
  });

  it('a seat without an order passes: nothing of its own changes and SeatPassed says so publicly', () => {
    const s = turnOne();
    const d = ordered(s, [['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }], ['delta', { capabilityId: 'delta-02', targetSeat: 'alpha' }]]);
    const r = allianceTurns.resolve(s, d, turnRng(1, 1));
    const passed = r.events.filter((e) => e.type === 'SeatPassed');
    expect(passed.map((e) => e.data?.['seat'])).toEqual(['bravo', 'charlie', 'echo', 'foxtrot']);
    expect(passed.every((e) => e.audience.kind === 'public')).toBe(true);
    for (const who of ['bravo', 'charlie', 'echo', 'foxtrot']) {
      expect(r.state.capabilities.filter((c) => c.owner === who)).toEqual(s.capabilities.filter((c) => c.owner === who));
    }
    const changed = r.state.capabilities.filter((c, i) => c !== s.capabilities[i]).map((c) => c.id);
    expect(changed).toEqual(['alpha-01', 'delta-02']);
    expect(r.state.pressure.flat().filter((p) => p > 0)).toHaveLength(2);
  });

  it('with no orders at all every seat passes and the state is unchanged', () => {
    const s = turnOne();
    const r = allianceTurns.resolve(s, emptyDrafts(), turnRng(1, 1));
    expect(r.state).toEqual(s);
    expect(r.events.map((e) => e.type)).toEqual(SEATS.map(() => 'SeatPassed'));
  });

  it("one seat's rolls do not depend on whether another seat ordered", () => {
    const s = turnOne();
    const alone = ordered(s, [['charlie', { capabilityId: 'charlie-03', targetSeat: 'echo' }]]);
    const a = allianceTurns.resolve(s, alone, turnRng(3, 1));
    const b = allianceTurns.resolve(s, everyoneOrders(s), turnRng(3, 1));
    const d = ordered(s, [['charlie', { capabilityId: 'charlie-03', targetSeat: 'echo' }]], everyoneOrders(s));
    const c = allianceTurns.resolve(s, d, turnRng(3, 1));
    expect(capability(c.state, 'charlie-03').freshness).toBe(capability(a.state, 'charlie-03').freshness);
    expect(b.state).not.toEqual(a.state);
  });

  it('resolution does not touch its input, and every state survives JSON', () => {
    const s = deepFreeze(turnOne());
    const d = deepFreeze(everyoneOrders(s));
    const before = JSON.stringify({ s, d });
    const r = allianceTurns.resolve(s, d, turnRng(1, 1));
    expect(JSON.stringify({ s, d })).toBe(before);
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
    expect(JSON.parse(JSON.stringify(r.events))).toEqual(r.events);
  });
});

describe('alliance-turns setup and scenario', () => {
  it('deals every one of 6 seats 30 capabilities with freshness in 1..100 and a kind', () => {
    const s = allianceTurns.setup(allianceTurnsScenario, 42);
    expect(s.seats.map((x) => x.id)).toEqual([...SEATS]);
    for (const who of SEATS) expect(s.capabilities.filter((c) => c.owner === who)).toHaveLength(30);
    expect(new Set(s.capabilities.map((c) => c.id)).size).toBe(180);
    for (const c of s.capabilities) {
      expect(c.freshness).toBeGreaterThanOrEqual(1);
      expect(c.freshness).toBeLessThanOrEqual(100);
      expect(['espionage', 'effect']).toContain(c.kind);
    }
    expect(s.pressure).toEqual(SEATS.map(() => SEATS.map(() => 0)));
    expect(allianceTurns.turnLimit(s)).toBe(100);
  });

  it('every seat is a human seat by default', () => {
    const s = allianceTurns.setup(allianceTurnsScenario, 1);
    expect(allianceTurns.seats(s).map((x) => x.botByDefault)).toEqual(SEATS.map(() => false));
  });

  it('the same seed deals the same hands; another seed deals others', () => {
    const a = allianceTurns.setup(allianceTurnsScenario, 7);
    expect(allianceTurns.setup(allianceTurnsScenario, 7)).toEqual(a);
    expect(allianceTurns.setup(allianceTurnsScenario, 8).capabilities).not.toEqual(a.capabilities);
  });

  it('a scenario fills in the defaults of the issue', () => {
    const r = allianceTurns.parseScenario({ id: 'bench', version: '2.0' });
    expect(r).toMatchObject({ ok: true, value: { turns: 100, capabilitiesPerSeat: 30, burn: { min: 5, max: 25 }, attributionChance: 0.1 } });
    expect(r.ok && r.value.seats).toHaveLength(6);
  });

  it('a scenario can name its seats and change the number of turns', () => {
    const r = allianceTurns.parseScenario({ id: 'small', version: '1.0', turns: 3, planningSeconds: 5, seats: [{ id: 'north', name: 'North' }, { id: 'south', name: 'South' }] });
    if (!r.ok) throw new Error(r.error.message);
    const s = allianceTurns.setup(r.value, 1);
    expect(allianceTurns.seats(s).map((x) => x.name)).toEqual(['North', 'South']);
    expect(allianceTurns.turnLimit(s)).toBe(3);
    expect(allianceTurns.planningSeconds(s)).toBe(5);
  });

  it.each([
    [{ id: 'x', version: '1' }, 'version'],
    [{ id: 'x', version: '1.0', turns: 0 }, 'turns'],
    [{ id: 'x', version: '1.0', seats: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] }, 'seats.1.id'],
    [{ id: 'x', version: '1.0', seats: [{ id: 'a', name: 'A' }] }, 'seats'],
    [{ id: 'x', version: '1.0', burn: { min: 30, max: 20 } }, 'burn.min'],
    [{ id: 'x', version: '1.0', surprise: true }, '(root)'],
  ])('a bad scenario is refused naming the field (%j → %s)', (data, field) => {
    const r = allianceTurns.parseScenario(data);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain(`field ${field}:`);
  });

  it('the default scenario is valid data, frozen', () => {
    expect(AllianceTurnsScenario.parse(JSON.parse(JSON.stringify(allianceTurnsScenario)))).toEqual(allianceTurnsScenario);
    expect(Object.isFrozen(allianceTurnsScenario.seats)).toBe(true);
  });
});
