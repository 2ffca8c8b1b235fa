import { describe, expect, it } from 'vitest';
import { choicesFor, firstCombo } from '../../client/board/choices.ts';
import { initialValue, ORDERS, orderOf, type OptionContext } from '../../client/board/order-spec.ts';
import { boardOf } from '../../client/replay/model.ts';
import { autoplay } from '../../shared/engine/autoplay.ts';
import type { Match } from '../../shared/engine/match.ts';
import { replay } from '../../shared/engine/replay.ts';
import type { SeatId } from '../../shared/engine/ruleset.ts';
import { viewOf } from '../../shared/rules/fog.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../../shared/rules/index.ts';
import { validateOrder } from '../../shared/rules/inputs.ts';
import { OrderSchema } from '../../shared/rules/orders.ts';
import { orderChecker } from '../../shared/rules/precheck.ts';
import type { NationId } from '../../shared/rules/types.ts';
import { findScenario } from '../../shared/scenarios/index.ts';

type M = Match<CyberState, CyberDrafts>;

/** The composer's view of one seat at one moment, as the board builds it from the room state. */
function contextOf(m: M, seat: string): OptionContext {
  const view = viewOf(m.state, m.drafts, seat as SeatId);
  const picture = { pub: view, me: view.me! };
  const board = boardOf(view as unknown as Record<string, unknown>, m as never, cyberAlliance.turnLimit(m.state), seat as SeatId)!;
  const names = new Map<string, string>([...board.nations, ...board.networks].map((x) => [x.id, x.name]));
  return { seat, board, picture, name: (id) => (id ? (names.get(id) ?? id) : '') };
}

/** Every planning window of a bot-played match, just after it opened (the moment a student first sees the composer). */
function planningWindows(scenarioId: string, seed: number): M[] {
  const scenario = findScenario(scenarioId)!;
  const { record } = autoplay(cyberAlliance, scenario, seed);
  const out: M[] = [];
  replay(cyberAlliance, scenario, record, (m: M) => {
    if (m.phase === 'planning' && out.at(-1)?.turn !== m.turn) out.push(m);
    return false;
  });
  return out;
}

/**
 * client/board/choices.ts: the composer offers only what the rules would accept now, and
 * starts every form on an order they accept (issue 14: "Offer a sovereign effect" defaulted
 * to an espionage tool; a turn-2 Operate default was refused).
 */
describe('the order composer’s choices', () => {
  it('offers a sovereign effect only with an effect capability: the espionage tool is refused with the rules’ reason', () => {
    const [first] = planningWindows('baltic-shield', 7);
    const ctx = contextOf(first!, 'brennmark');
    const spec = ORDERS.find((o) => o.type === 'sovereignOffer')!;
    const base = Object.fromEntries(spec.fields.map((f) => [f.name, initialValue(f)]));
    const c = choicesFor('sovereignOffer', ctx, base, orderChecker(ctx.picture));
    const arsenal = ctx.picture.me.arsenal;
    const espionage = arsenal.filter((a) => a.kind === 'espionage').map((a) => a.copy);
    const effects = arsenal.filter((a) => a.kind === 'effect').map((a) => a.copy);
    expect(espionage.length).toBeGreaterThan(0);
    for (const copy of espionage) {
      expect(c.allowed.get('copy')?.has(copy)).toBe(false);
      expect(c.refused.get('copy')?.get(copy)).toMatch(/./);
    }
    const picked = firstCombo(c);
    if (effects.length > 0) expect(effects).toContain(picked?.['copy']);
    else expect(c.possible).toBe(false);
  });

  it('starts every order form, for every seat at every planning window of played matches, on an order the server accepts', () => {
    let checked = 0;
    let impossible = 0;
    for (const [scenario, seed] of [['baltic-shield', 7], ['baltic-shield', 11], ['grey-meridian', 3]] as const) {
      for (const m of planningWindows(scenario, seed)) {
        for (const seat of cyberAlliance.seats(m.state).map((s) => s.id)) {
          const ctx = contextOf(m, seat);
          const check = orderChecker(ctx.picture);
          const adversary = ctx.picture.me.nation.side === 'adversary';
          for (const spec of ORDERS.filter((o) => !adversary || o.adversary)) {
            const base = Object.fromEntries(spec.fields.map((f) => [f.name, initialValue(f)]));
            const c = choicesFor(spec.type, ctx, base, check);
            const combo = firstCombo(c);
            if (c.possible === false) {
              impossible++;
              expect(combo).toBeNull();
              expect(c.reason).toMatch(/./);
              continue;
            }
            if (!combo) continue;
            const parsed = OrderSchema.safeParse(orderOf(spec.type, { ...base, ...combo }));
            expect(parsed.success).toBe(true);
            // The server's own verdict, on the true state (not the seat's picture).
            const verdict = validateOrder(m.state, m.drafts, seat as NationId, parsed.data!);
            expect(verdict, `${scenario} turn ${m.turn} ${seat} ${spec.type} ${JSON.stringify(combo)}`).toEqual({ ok: true, value: undefined });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(impossible).toBeGreaterThan(0);
  }, 60_000);
});
