import type { RngSource } from '../shared/engine/rng.ts';
import type { SeatId } from '../shared/engine/ruleset.ts';
import { cyberAlliance, type CyberDrafts, type CyberState, type CyberView, type Input } from '../shared/rules/index.ts';

/**
 * Orders a busy seat would give, read from its own view only: operate with every
 * usable copy against an enemy network that runs the exploited software, harden a
 * network, file a report, and accept whatever it is asked. Orders past the seat's
 * capacity are refused by the rules and dropped, as any client's would be.
 */
export function ordersFromView(view: CyberView): Input[] {
  const me = view.me;
  if (!me) return [];
  const out: Input[] = [];
  const side = me.nation.side;
  const enemy = view.networks.filter((n) => view.nations.find((x) => x.id === n.owner)?.side !== side);
  for (const a of me.arsenal) {
    if (a.patched || a.freshness <= 0 || (a.expiresTurn !== null && view.turn > a.expiresTurn)) continue;
    const target = enemy.find((n) => n.software.includes(a.vuln));
    if (target) out.push({ type: 'order', order: { type: 'operate', copy: a.copy, target: target.id } });
  }
  const soft = me.networks.find((n) => n.hardening < 3);
  if (soft) out.push({ type: 'order', order: { type: 'defend', network: soft.id, action: 'harden' } });
  if (side === 'ally') out.push({ type: 'order', order: { type: 'report', text: `Turn ${view.turn}: all quiet on our networks.` } });
  for (const q of me.inbox) if (q.answer === null) out.push({ type: 'answer', request: q.id, accept: true });
  return out;
}

/**
 * The built-in bot on every seat, topped up from the view for a seat that would give
 * no order at all — so that every seat orders, as in a busy classroom.
 */
export function busyInputs(s: CyberState, drafts: CyberDrafts, seat: SeatId, rng: RngSource): Input[] {
  const bot = cyberAlliance.botInputs(s, drafts, seat, rng);
  const ordered = drafts.orders.some((o) => o.seat === seat) || bot.some((i) => i.type === 'order');
  if (ordered) return bot;
  toppedUp.count += 1;
  return [...bot, ...ordersFromView(cyberAlliance.view(s, drafts, seat))];
}

/** How many times a seat was topped up from its view because the bot gave it no order. */
export const toppedUp = { count: 0 };

export const busyRuleset: typeof cyberAlliance = { ...cyberAlliance, botInputs: busyInputs };
