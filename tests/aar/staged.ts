import { applyEntry, createMatch, type LogEntry, type Match, type MatchRecord } from '../../shared/engine/match.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../../shared/rules/index.ts';
import type { Scenario } from '../../shared/scenarios/schema.ts';
import { tinyScenario } from '../fixtures/tiny-scenario.ts';

/**
 * A match record that STAGES two misattributions, played through the engine with the
 * match's own seeded rolls — the tiny scenario with attribution certain (base 1) and a source
 * copy certain to leak (leak risk (1 − 0.5) × 1 × 2 = 1):
 *
 * - turn 1: Charlie asks Alpha for STRIKE in their bilateral channel, Alpha agrees there and
 *   announces it in the coalition channel, linked to the share order; Alpha shares STRIKE
 *   compiled-only, no watermark, with Bravo and with Charlie, and shares WORM as source (not
 *   compiled-only) with Bravo, whose copy leaks to Red at once;
 * - turn 2: Charlie degrades Red Air Defence with its copy of STRIKE — blamed on Alpha, the
 *   fingerprint, while Bravo also holds a copy; Red disrupts Charlie Grid with the leaked
 *   WORM — blamed on Alpha too (the NotPetya pattern);
 * - and the other key decisions: Red spies on Charlie Grid with NEEDLE on turn 1; Bravo hunts
 *   forward in Charlie's networks (turns 1–2; find chance 0.95, and with this seed it finds the implant); Alpha
 *   offers a sovereign WIPER effect on Red Air Defence and tailors BRAVO-KIT for Bravo
 *   (turn 2); on turn 3 the CyOC (the facilitator) requests the offer and Alpha declines;
 * - Charlie files a situation report on turn 2 (with markup in it); the White Cell awards it 3
 *   points on turn 3, types an inject and makes a ruling.
 */
export function stagedScenario(): Scenario {
  return tinyScenario((s) => {
    s.tunables = { ...(s.tunables ?? {}), attributionBase: { espionage: 1, effect: 1 }, leakPerHolder: 1, leakSourceFactor: 2, huntBase: 0.95 };
  });
}

type M = Match<CyberState, CyberDrafts>;

export function stagedRecord(scenario: Scenario = stagedScenario()): { record: MatchRecord<unknown>; match: M } {
  let m: M = createMatch(cyberAlliance, scenario, 11);
  const entries: LogEntry<unknown>[] = [];
  let at = 1_000;
  const apply = (e: Omit<LogEntry<unknown>, 'at'>) => {
    const entry = { at: at++, ...e } as LogEntry<unknown>;
    const r = applyEntry(cyberAlliance, m, entry as LogEntry<never>);
    if (!r.ok) throw new Error(`staged record: ${JSON.stringify(entry)} refused: ${r.error.code}: ${r.error.message}`);
    m = r.value;
    entries.push(entry);
  };
  const control = (action: Record<string, unknown>) => apply({ kind: 'control', action } as never);
  const input = (seat: string, input: Record<string, unknown>) => apply({ kind: 'input', seat: seat as SeatId, input } as never);
  const order = (seat: string, order: Record<string, unknown>) => {
    input(seat, { type: 'order', order });
    return m.drafts.orders[m.drafts.orders.length - 1]!.id;
  };

  const say = (seat: string, author: string, channel: string, text: string, link?: { kind: string; ref: string }) =>
    apply({ kind: 'chat', seat: seat as SeatId, author, channel, text, ...(link ? { link } : {}) } as never);

  control({ type: 'start' });
  control({ type: 'openPlanning' });
  say('charlie', 'Cleo', 'pair:alpha|charlie', 'We cannot reach Red Air Defence with our own tools. Can you lend us STRIKE?');
  say('alpha', 'Ann', 'pair:alpha|charlie', 'Yes, compiled-only. No watermark: we would rather nobody knew you had it.');
  say('alpha', 'Ann', 'pair:alpha|bravo', 'Bravo, WORM comes to you as source.');
  const toBravo = order('alpha', { type: 'share', copy: 'k-a-strike', to: 'bravo', terms: { compiledOnly: true, watermark: false } });
  const toCharlie = order('alpha', { type: 'share', copy: 'k-a-strike', to: 'charlie', terms: { compiledOnly: true, watermark: false } });
  say('alpha', 'Ann', 'coalition', 'STRIKE is on its way to Charlie.', { kind: 'share', ref: toCharlie });
  const worm = order('alpha', { type: 'share', copy: 'k-a-worm', to: 'bravo', terms: { compiledOnly: false, watermark: false } });
  input('bravo', { type: 'answer', request: `rq-${toBravo}`, accept: true });
  input('charlie', { type: 'answer', request: `rq-${toCharlie}`, accept: true });
  input('bravo', { type: 'answer', request: `rq-${worm}`, accept: true });
  order('red', { type: 'operate', copy: 'k-r-spy', target: 'c-net' });
  const hunt = order('bravo', { type: 'huntForward', host: 'charlie', turns: 2 });
  input('charlie', { type: 'answer', request: `rq-${hunt}`, accept: true });
  control({ type: 'closePlanning', reason: 'facilitator' });
  control({ type: 'nextTurn' });
  control({ type: 'openPlanning' });
  const charlieCopy = m.state.copies.find((c) => c.holder === 'charlie' && c.capability === 'a-strike');
  const redCopy = m.state.copies.find((c) => c.holder === 'red' && c.leaked);
  if (!charlieCopy || !redCopy) throw new Error('staged record: the shares or the leak did not happen');
  order('charlie', { type: 'operate', copy: charlieCopy.id, target: 'r-net' });
  order('red', { type: 'operate', copy: redCopy.id, target: 'c-net' });
  order('charlie', { type: 'report', text: 'We hit the air defence. <script>alert("sitrep")</script>' });
  order('alpha', { type: 'sovereignOffer', copy: 'k-a-wiper', target: 'r-net', window: 2 });
  const tailor = order('alpha', { type: 'tailor', for: 'bravo', vuln: 'red-db', kind: 'effect', effect: 'disrupt', power: 1, name: 'BRAVO-KIT' });
  input('bravo', { type: 'answer', request: `rq-${tailor}`, accept: true });
  control({ type: 'closePlanning', reason: 'facilitator' });
  control({ type: 'nextTurn' });
  control({ type: 'openPlanning' });
  const offer = m.state.offers.find((o) => o.nation === 'alpha');
  if (!offer) throw new Error('staged record: the sovereign offer was not published');
  input('facilitator', { type: 'requestSovereign', offer: offer.id });
  input('alpha', { type: 'answer', request: `rq-${offer.id}`, accept: false });
  const report = m.state.reports.find((r) => r.nation === 'charlie');
  if (!report) throw new Error('staged record: the report was not filed');
  input('facilitator', { type: 'facilitator', action: { type: 'awardReport', report: report.id, points: 3, release: true } });
  input('facilitator', { type: 'facilitator', action: { type: 'typedInject', title: 'Press leak', text: 'A newspaper names Alpha.' } });
  input('facilitator', { type: 'facilitator', action: { type: 'adjust', nation: 'alpha', field: 'reputation', delta: -5, reason: 'named in the press' } });
  control({ type: 'closePlanning', reason: 'facilitator' });
  control({ type: 'nextTurn' });
  const record: MatchRecord<unknown> = { format: 1, ruleset: 'cyber-alliance', scenario: { id: scenario.id, version: scenario.version }, seed: 11, entries };
  return { record, match: m };
}
