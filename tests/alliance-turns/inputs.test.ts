import { describe, it, expect } from 'vitest';
import { allianceTurns } from '../../shared/alliance-turns/index.ts';
import type { AllianceDrafts, AllianceState } from '../../shared/alliance-turns/index.ts';
import { emptyDrafts } from '../../shared/alliance-turns/state.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { deepFreeze, ordered, seat, turnOne } from './helpers.ts';

interface Case {
  readonly rule: string;
  readonly code: string;
  readonly by: SeatId | 'facilitator';
  readonly input: unknown;
}

const cases: Case[] = [
  { rule: 'a capability that does not exist (same answer as another seat\'s: no id oracle)', code: 'not-yours', by: seat('alpha'), input: { capabilityId: 'alpha-99', targetSeat: 'bravo' } },
  { rule: "another seat's capability", code: 'not-yours', by: seat('alpha'), input: { capabilityId: 'bravo-01', targetSeat: 'charlie' } },
  { rule: 'targeting yourself', code: 'target-self', by: seat('alpha'), input: { capabilityId: 'alpha-01', targetSeat: 'alpha' } },
  { rule: 'targeting a seat that does not exist', code: 'unknown-target', by: seat('alpha'), input: { capabilityId: 'alpha-01', targetSeat: 'zulu' } },
  { rule: 'an order from a seat that does not exist', code: 'unknown-seat', by: seat('zulu'), input: { capabilityId: 'alpha-01', targetSeat: 'bravo' } },
  { rule: 'an order from the facilitator', code: 'not-a-seat', by: 'facilitator', input: { capabilityId: 'alpha-01', targetSeat: 'bravo' } },
  { rule: 'an order without a target', code: 'bad-input', by: seat('alpha'), input: { capabilityId: 'alpha-01' } },
  { rule: 'an order with an extra field', code: 'bad-input', by: seat('alpha'), input: { capabilityId: 'alpha-01', targetSeat: 'bravo', power: 9 } },
  { rule: 'an order that is not an object', code: 'bad-input', by: seat('alpha'), input: 'alpha-01 → bravo' },
  { rule: 'an order with a huge id', code: 'bad-input', by: seat('alpha'), input: { capabilityId: 'x'.repeat(10_000), targetSeat: 'bravo' } },
];

describe('alliance-turns inputs', () => {
  it.each(cases.map((c) => [c.rule, c] as const))('%s is refused with a reason, and changes nothing', (_rule, c) => {
    const s: AllianceState = deepFreeze(turnOne());
    const d: AllianceDrafts = deepFreeze(ordered(s, [['bravo', { capabilityId: 'bravo-02', targetSeat: 'alpha' }]]));
    const before = JSON.stringify({ s, d });
    const r = allianceTurns.applyInput(s, d, c.by, c.input as never);
    expect(r).toMatchObject({ ok: false, error: { code: c.code } });
    expect(!r.ok && r.error.message.length).toBeGreaterThan(10);
    expect(JSON.stringify({ s, d })).toBe(before);
  });

  it('the bad-input message says where the order is malformed', () => {
    const r = allianceTurns.applyInput(turnOne(), emptyDrafts(), seat('alpha'), { capabilityId: 'alpha-01' } as never);
    expect(!r.ok && r.error.message).toContain('targetSeat');
  });

  it('an accepted order goes into the drafts and nothing else changes', () => {
    const s = deepFreeze(turnOne());
    const r = allianceTurns.applyInput(s, emptyDrafts(), seat('alpha'), { capabilityId: 'alpha-07', targetSeat: 'echo' });
    expect(r).toMatchObject({ ok: true, value: { state: s, events: [], drafts: { orders: [{ seat: 'alpha', order: { capabilityId: 'alpha-07', targetSeat: 'echo' } }] } } });
  });

  it('a second order in the same turn replaces the first (one order per seat per turn)', () => {
    const s = turnOne();
    const d = ordered(s, [
      ['bravo', { capabilityId: 'bravo-01', targetSeat: 'alpha' }],
      ['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }],
      ['alpha', { capabilityId: 'alpha-02', targetSeat: 'charlie' }],
    ]);
    expect(d.orders).toEqual([
      { seat: 'alpha', order: { capabilityId: 'alpha-02', targetSeat: 'charlie' } },
      { seat: 'bravo', order: { capabilityId: 'bravo-01', targetSeat: 'alpha' } },
    ]);
  });

  it('a refused replacement keeps the order already given', () => {
    const s = turnOne();
    const d = ordered(s, [['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }]]);
    const r = allianceTurns.applyInput(s, d, seat('alpha'), { capabilityId: 'alpha-01', targetSeat: 'alpha' });
    expect(r.ok).toBe(false);
    expect(d.orders).toEqual([{ seat: 'alpha', order: { capabilityId: 'alpha-01', targetSeat: 'bravo' } }]);
  });

  it('drafts are kept in seat order whatever the order of arrival', () => {
    const s = turnOne();
    const d = ordered(s, [
      ['foxtrot', { capabilityId: 'foxtrot-01', targetSeat: 'alpha' }],
      ['charlie', { capabilityId: 'charlie-01', targetSeat: 'alpha' }],
      ['alpha', { capabilityId: 'alpha-01', targetSeat: 'bravo' }],
    ]);
    expect(d.orders.map((o) => o.seat)).toEqual(['alpha', 'charlie', 'foxtrot']);
  });

  it('the bot orders one of its own capabilities against another seat, once per turn', () => {
    const s = turnOne();
    const rng = { stream: (name: string) => ({ next: () => 0, int: (a: number) => a, chance: () => false, pick: <T>(items: readonly T[]) => items[items.length - 1] as T, name }) };
    for (const who of ['alpha', 'bravo', 'foxtrot']) {
      const inputs = allianceTurns.botInputs(s, emptyDrafts(), seat(who), rng);
      expect(inputs).toHaveLength(1);
      const r = allianceTurns.applyInput(s, emptyDrafts(), seat(who), inputs[0] as never);
      expect(r.ok).toBe(true);
      if (r.ok) expect(allianceTurns.botInputs(s, r.value.drafts, seat(who), rng)).toEqual([]);
    }
  });
});
