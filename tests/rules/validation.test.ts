import { describe, it, expect } from 'vitest';
import { applyEntry, createMatch, type LogEntry } from '../../shared/engine/match.ts';
import type { Input } from '../../shared/rules/orders.ts';
import { cyberAlliance } from '../../shared/rules/index.ts';
import { Table, mustApply, planningMatch, tinyScenario } from '../fixtures/tiny-scenario.ts';

const order = (o: Record<string, unknown>) => ({ type: 'order', order: o });
const operate = (copy: string, target: string) => order({ type: 'operate', copy, target });

/** A rejected input, and the situation it is given in. */
interface Case {
  readonly rule: string;
  readonly code: string;
  readonly by: string;
  /** The input, or a function of the prepared table (for ids only known once prepared). */
  readonly input: unknown;
  readonly prepare?: (t: Table) => void;
}

const bravoHoldsStrike = (terms: Record<string, unknown>) => (t: Table) =>
  t.tweak((s) => {
    s.copies.push({ id: 'k-test' as never, capability: 'a-strike' as never, holder: 'bravo' as never, from: 'alpha' as never, receivedTurn: 0, expiresTurn: null, leaked: false, terms: { compiledOnly: true, dualKey: false, watermark: false, expiresAfter: null, endUse: null, ...terms } as never });
  });

const cases: Case[] = [
  {
    rule: 'an order beyond the capacity left this turn',
    code: 'not-enough-capacity',
    by: 'bravo',
    prepare: (t) => {
      t.order('bravo', { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 1 });
      t.order('bravo', { type: 'develop', vuln: 'red-db', kind: 'espionage', power: 2 });
    },
    input: operate('k-b-probe', 'r-net'),
  },
  { rule: 'using a capability the nation does not hold', code: 'capability-not-held', by: 'bravo', input: operate('k-a-strike', 'r-net') },
  { rule: 'using an unknown copy id', code: 'capability-not-held', by: 'alpha', input: operate('k-nothing', 'r-net') },
  { rule: 'sharing an unknown copy id', code: 'capability-not-held', by: 'alpha', input: order({ type: 'share', copy: 'k-nothing', to: 'bravo' }) },
  {
    rule: 'using an expired copy',
    code: 'copy-expired',
    by: 'bravo',
    prepare: (t) => { bravoHoldsStrike({ expiresAfter: 1 })(t); t.tweak((s) => { Object.assign(s.copies.at(-1)!, { expiresTurn: 0 }); }); },
    input: operate('k-test', 'r-net'),
  },
  {
    rule: 'using an exploit burned to freshness 0',
    code: 'exploit-burned',
    by: 'alpha',
    prepare: (t) => t.tweak((s) => { s.exploits.find((e) => e.id === 'x-a-strike')!.freshness = 0; }),
    input: operate('k-a-strike', 'r-net'),
  },
  {
    rule: 'using a patched exploit',
    code: 'exploit-burned',
    by: 'alpha',
    prepare: (t) => t.tweak((s) => { s.exploits.find((e) => e.id === 'x-a-strike')!.patched = true; }),
    input: operate('k-a-strike', 'r-net'),
  },
  {
    rule: 'sharing a burned capability',
    code: 'exploit-burned',
    by: 'alpha',
    prepare: (t) => t.tweak((s) => { s.exploits.find((e) => e.id === 'x-a-strike')!.freshness = 0; }),
    input: order({ type: 'share', copy: 'k-a-strike', to: 'bravo' }),
  },
  { rule: 'a compiled-only copy used outside its end-use', code: 'outside-end-use', by: 'bravo', prepare: bravoHoldsStrike({ endUse: ['r-hq'] }), input: operate('k-test', 'r-net') },
  { rule: 're-sharing a compiled-only copy', code: 'compiled-only', by: 'bravo', prepare: bravoHoldsStrike({}), input: order({ type: 'share', copy: 'k-test', to: 'charlie' }) },
  { rule: 'a target on an unknown network', code: 'unknown-network', by: 'alpha', input: operate('k-a-strike', 'nowhere') },
  { rule: 'a share with an unknown nation', code: 'unknown-nation', by: 'alpha', input: order({ type: 'share', copy: 'k-a-strike', to: 'nobody' }) },
  { rule: 'a share with the adversary', code: 'not-an-ally', by: 'alpha', input: order({ type: 'share', copy: 'k-a-strike', to: 'red' }) },
  { rule: 'a share with oneself', code: 'share-with-self', by: 'alpha', input: order({ type: 'share', copy: 'k-a-strike', to: 'alpha' }) },
  { rule: 'an attribution of an unknown incident', code: 'unknown-incident', by: 'alpha', input: order({ type: 'attribute', incident: 'inc-99', accused: 'red' }) },
  { rule: 'an answer to an unknown request', code: 'unknown-request', by: 'bravo', input: { type: 'answer', request: 'rq-nothing', accept: true } },
  {
    rule: 'an answer to a request addressed to another nation',
    code: 'unknown-request',
    by: 'charlie',
    prepare: (t) => { t.order('alpha', { type: 'share', copy: 'k-a-strike', to: 'bravo' }); },
    input: (t: Table) => ({ type: 'answer', request: `rq-${t.drafts.orders[0]!.id}`, accept: true }),
  },
  { rule: 'withdrawing an unknown order', code: 'unknown-order', by: 'alpha', input: { type: 'withdraw', order: 'o1-alpha-9' } },
  {
    rule: "withdrawing another nation's order",
    code: 'unknown-order',
    by: 'bravo',
    prepare: (t) => { t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' }); },
    input: (t: Table) => ({ type: 'withdraw', order: t.drafts.orders[0]!.id }),
  },
  { rule: 'requesting an unknown sovereign offer', code: 'unknown-offer', by: 'facilitator', input: { type: 'requestSovereign', offer: 'so-99' } },
  { rule: 'the adversary sharing', code: 'not-for-adversary', by: 'red', input: order({ type: 'share', copy: 'k-r-spy', to: 'alpha' }) },
  { rule: 'the adversary offering a sovereign effect', code: 'not-for-adversary', by: 'red', input: order({ type: 'sovereignOffer', copy: 'k-r-hit', target: 'a-net' }) },
  { rule: 'the adversary filing a report', code: 'not-for-adversary', by: 'red', input: order({ type: 'report', text: 'hello' }) },
  { rule: 'an operation against an allied network', code: 'allied-target', by: 'alpha', input: operate('k-a-strike', 'b-net') },
  { rule: 'an operation against one\'s own network', code: 'own-network', by: 'red', input: operate('k-r-hit', 'r-net') },
  { rule: 'a target that does not run the exploited software', code: 'not-vulnerable', by: 'alpha', input: operate('k-a-wiper', 'r-hq') },
  {
    rule: 'the same operation twice in one turn',
    code: 'duplicate-order',
    by: 'alpha',
    prepare: (t) => { t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' }); },
    input: operate('k-a-strike', 'r-net'),
  },
  {
    rule: 'the same training offer twice in one turn',
    code: 'duplicate-order',
    by: 'alpha',
    prepare: (t) => { t.order('alpha', { type: 'train', trainee: 'bravo' }); },
    input: order({ type: 'train', trainee: 'bravo' }),
  },
  {
    rule: 'the same hunt-forward offer twice in one turn',
    code: 'duplicate-order',
    by: 'alpha',
    prepare: (t) => { t.order('alpha', { type: 'huntForward', host: 'bravo' }); },
    input: order({ type: 'huntForward', host: 'bravo' }),
  },
  {
    rule: 'the same hunt-forward invitation twice in one turn',
    code: 'duplicate-order',
    by: 'bravo',
    prepare: (t) => { t.order('bravo', { type: 'inviteHunt', hunter: 'alpha' }); },
    input: order({ type: 'inviteHunt', hunter: 'alpha', turns: 3 }),
  },
  {
    rule: 'the same sovereign offer twice in one turn',
    code: 'duplicate-order',
    by: 'alpha',
    prepare: (t) => { t.order('alpha', { type: 'sovereignOffer', copy: 'k-a-strike', target: 'r-net' }); },
    input: order({ type: 'sovereignOffer', copy: 'k-a-strike', target: 'r-net', window: 3 }),
  },
  { rule: 'a public attribution without the intel', code: 'not-enough-intel', by: 'charlie', prepare: (t) => t.tweak((s) => { s.incidents.push({ id: 'inc-1' as never, turn: 0, network: 'c-net' as never, victim: 'charlie' as never, user: 'red' as never, capability: 'r-hit' as never, kind: 'effect', effect: 'disrupt', success: true, blamed: null, noticed: true, publiclyAttributed: false }); }), input: order({ type: 'attribute', incident: 'inc-1', accused: 'red' }) },
  { rule: 'a facilitator action from a seat', code: 'not-facilitator', by: 'alpha', input: { type: 'facilitator', action: { type: 'releaseReports' } } },
  { rule: 'an order from the facilitator', code: 'not-a-seat', by: 'facilitator', input: operate('k-a-strike', 'r-net') },
  { rule: 'an unknown MSEL inject', code: 'unknown-inject', by: 'facilitator', input: { type: 'facilitator', action: { type: 'fireInject', msel: 'nothing' } } },
  { rule: 'an input that is not an object', code: 'bad-input', by: 'alpha', input: 'operate please' },
  { rule: 'an input of an unknown type', code: 'bad-input', by: 'alpha', input: { type: 'launch', copy: 'k-a-strike' } },
  { rule: 'an order missing a field', code: 'bad-input', by: 'alpha', input: order({ type: 'operate', copy: 'k-a-strike' }) },
  { rule: 'an order with an extra field', code: 'bad-input', by: 'alpha', input: order({ type: 'operate', copy: 'k-a-strike', target: 'r-net', stealth: true }) },
  { rule: 'an order with a field of the wrong type', code: 'bad-input', by: 'alpha', input: order({ type: 'develop', vuln: 'red-db', kind: 'espionage', power: 'high' }) },
  { rule: 'an order with an out-of-range number', code: 'bad-input', by: 'alpha', input: order({ type: 'develop', vuln: 'red-db', kind: 'espionage', power: 9 }) },
  { rule: 'an order with an empty id', code: 'bad-input', by: 'alpha', input: operate('', 'r-net') },
];

describe('validation: every refusal is a typed rejection that changes nothing', () => {
  it.each(cases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const t = new Table();
    c.prepare?.(t);
    const before = structuredClone({ state: t.state, drafts: t.drafts, events: t.events });
    const r = t.submit(c.by, typeof c.input === 'function' ? (c.input as (t: Table) => unknown)(t) : c.input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.error).sort()).toEqual(['code', 'message']);
    expect(r.error.code).toBe(c.code);
    // a sentence a student can read
    expect(r.error.message).toMatch(/^[A-Z].{10,}\.$/s);
    expect(r.error.message).not.toMatch(/\[object|NaN/);
    // zod says "received undefined" for a missing field; elsewhere "undefined" means a name failed to resolve
    if (c.code !== 'bad-input') expect(r.error.message).not.toContain('undefined');
    expect({ state: t.state, drafts: t.drafts, events: t.events }).toEqual(before);
  });

  it('a malformed input names the bad field', () => {
    const t = new Table();
    const r = t.submit('alpha', order({ type: 'develop', vuln: 'red-db', kind: 'espionage', power: 9 }));
    expect(r.ok ? '' : r.error.message).toContain('order.power');
  });

  it('applyInput never mutates its arguments, accepted or not', () => {
    const t = new Table();
    const state = t.state;
    const drafts = t.drafts;
    const frozen = structuredClone({ state, drafts });
    t.order('alpha', { type: 'operate', copy: 'k-a-strike', target: 'r-net' });
    t.submit('facilitator', { type: 'facilitator', action: { type: 'adjust', nation: 'alpha', field: 'intel', delta: 3, reason: 'test' } });
    t.submit('bravo', operate('k-a-strike', 'r-net'));
    expect({ state, drafts }).toEqual(frozen);
    expect(t.nation('alpha').intel).toBe(7);
  });

  it('withdrawing an order frees its capacity and its request', () => {
    const t = new Table();
    const id = t.order('alpha', { type: 'share', copy: 'k-a-strike', to: 'bravo' });
    t.answer('bravo', id, true);
    expect(t.submit('alpha', { type: 'withdraw', order: id })).toMatchObject({ ok: true });
    expect(t.drafts.orders).toEqual([]);
    expect(t.drafts.answers).toEqual([]);
  });
});

describe('validation in the engine', () => {
  const input = (seat: string): LogEntry<Input> => ({ at: 5, kind: 'input', seat: seat as never, input: { type: 'order', order: { type: 'operate', copy: 'k-a-strike', target: 'r-net' } } as Input });

  it('orders are refused outside planning: lobby, briefing and debrief', () => {
    let m = createMatch(cyberAlliance, tinyScenario(), 1);
    const phases: string[] = [];
    const tryIn = () => {
      const before = structuredClone(m);
      const r = applyEntry(cyberAlliance, m, input('alpha'));
      expect(r).toMatchObject({ ok: false, error: { code: 'wrong-phase' } });
      expect(r.ok ? '' : r.error.message).toContain(m.phase);
      expect(m).toEqual(before);
      phases.push(m.phase);
    };
    tryIn();
    m = mustApply(m, { at: 1, kind: 'control', action: { type: 'start' } });
    tryIn();
    m = mustApply(m, { at: 2, kind: 'control', action: { type: 'openPlanning' } });
    m = mustApply(m, input('alpha'));
    m = mustApply(m, { at: 3, kind: 'control', action: { type: 'closePlanning', reason: 'all-ready' } });
    tryIn();
    expect(phases).toEqual(['lobby', 'briefing', 'debrief']);
  });

  it('an engine rejection from the rules passes through unchanged, and the match does not move', () => {
    const m = planningMatch();
    const before = structuredClone(m);
    const r = applyEntry(cyberAlliance, m, { at: 5, kind: 'input', seat: 'bravo' as never, input: { type: 'order', order: { type: 'operate', copy: 'k-a-strike', target: 'r-net' } } as Input });
    expect(r).toMatchObject({ ok: false, error: { code: 'capability-not-held' } });
    expect(m).toEqual(before);
    expect(applyEntry(cyberAlliance, m, input('nobody'))).toMatchObject({ ok: false, error: { code: 'unknown-seat' } });
  });
});
