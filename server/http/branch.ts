import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { applyEntry, createMatch as newMatchState, type AnyRuleset, type LogEntry, type Match } from '../../shared/engine/match.ts';
import type { SeatInfo } from '../../shared/engine/ruleset.ts';
import { createMatch } from '../match-factory.ts';
import { matchScenario } from '../match-scenario.ts';
import { parseBody, sendError } from './errors.ts';
import { createCap } from './caps.ts';
import { sendRejection, type HttpContext } from './context.ts';
import { facilitatorMatch } from './facilitator.ts';

type Entry = LogEntry<unknown>;

const BranchBody = z.object({ turn: z.int().min(0) }).strict();

/** The audit action a branched match's log records, after the source's prefix. */
export const BRANCHED_FROM = 'branchedFrom';

/**
 * How many of `entries` make up the match "as of the end of turn `turn`": through the entry
 * that resolved that turn (turn 0: everything before the start). Also gives the match at
 * that point. Null when the log never gets there (turn not resolved, or a bad entry first).
 */
export function prefixThrough(ruleset: AnyRuleset, scenario: unknown, seed: number, entries: readonly Entry[], turn: number): { length: number; match: Match<unknown, unknown> } | null {
  let m = newMatchState(ruleset, scenario, seed) as Match<unknown, unknown>;
  if (turn === 0) {
    const start = entries.findIndex((e) => e.kind === 'control' && e.action.type === 'start');
    const length = start < 0 ? entries.length : start;
    for (const e of entries.slice(0, length)) {
      const r = applyEntry(ruleset, m, e);
      if (!r.ok) return null;
      m = r.value;
    }
    return { length, match: m };
  }
  for (let i = 0; i < entries.length; i++) {
    const r = applyEntry(ruleset, m, entries[i] as Entry);
    if (!r.ok) return null;
    m = r.value;
    if (m.turn === turn && m.phase === 'debrief') return { length: i + 1, match: m };
    if (m.turn > turn || m.phase === 'ended') return null;
  }
  return null;
}

/** The last turn a match can be branched from: resolved in its log, and not its last turn (something must be left to play). */
function lastBranchable(ruleset: AnyRuleset, scenario: unknown, seed: number, entries: readonly Entry[]): number {
  let m = newMatchState(ruleset, scenario, seed) as Match<unknown, unknown>;
  let resolved = 0;
  for (const e of entries) {
    const r = applyEntry(ruleset, m, e);
    if (!r.ok) break;
    m = r.value;
    if (m.phase === 'debrief') resolved = m.turn;
  }
  return Math.min(resolved, ruleset.turnLimit(m.state) - 1);
}

/**
 * What-if (`POST /api/matches/:id/branch` `{ turn }`, facilitator token): a new live match
 * whose log is the source's log through the resolution of `turn` — so it replays to exactly
 * the state the source had then — with the same scenario and seed, a new facilitator token and
 * new join codes, and every seat open: played by the bot as the scenario sets it
 * (`setBot` entries put back the defaults), nobody sitting. An audit entry records where it
 * came from. The answer has the shape of `POST /api/matches`, plus `branchedFrom`.
 * Refusals: turn-out-of-range (400), unknown-scenario / scenario-version (400), and the caps
 * on matches (too-many-matches 429, archive-full 507): the branch is the source organizer's.
 */
export function branchRoutes(ctx: HttpContext): Router {
  const { store, now } = ctx;
  const r = Router();
  r.post('/:id/branch', async (req: Request, res: Response) => {
    const meta = await facilitatorMatch(ctx, req, res);
    if (!meta) return;
    const body = parseBody(BranchBody, req, res);
    if (!body) return;
    const found = await matchScenario(store, meta);
    if (!found.ok) return sendError(res, 400, found.error.code, found.error.message);
    const { entry, scenario, text } = found.value;
    const ruleset = entry.ruleset as AnyRuleset;
    const entries = await store.entries(meta.id);
    const last = lastBranchable(ruleset, scenario, meta.seed, entries);
    const prefix = body.turn <= last ? prefixThrough(ruleset, scenario, meta.seed, entries, body.turn) : null;
    if (!prefix) {
      const range = last < 1 ? 'only turn 0 (before the start)' : `turns 0 to ${last}`;
      return sendError(res, 400, 'turn-out-of-range', `This match can be branched from ${range}; not from turn ${body.turn}.`);
    }
    // The branch is the source's organizer's, and counts against that organizer's cap.
    const cap = await createCap(ctx, meta.organizerId);
    if (cap) return sendRejection(res, cap);
    const created = await createMatch(store, { ruleset: meta.ruleset, scenario: meta.scenarioId, scenarioText: text ?? undefined, seed: meta.seed, organizerId: meta.organizerId }, now());
    if (!created.ok) return sendError(res, 400, created.error.code, created.error.message);
    const id = created.value.matchId;
    const log: Entry[] = entries.slice(0, prefix.length);
    let m = prefix.match;
    for (const s of ruleset.seats(m.state) as readonly SeatInfo[]) {
      const bot = s.botByDefault;
      if (m.bots.includes(s.id) === bot) continue;
      const e: Entry = { at: now(), kind: 'control', action: { type: 'setBot', seat: s.id, bot } };
      const applied = applyEntry(ruleset, m, e);
      if (!applied.ok) continue;
      m = applied.value;
      log.push(e);
    }
    log.push({ at: now(), kind: 'audit', action: BRANCHED_FROM, detail: { match: meta.id, turn: body.turn } });
    await store.appendAll(id, 0, log);
    await store.updateSummary(id, { phase: m.phase, turn: m.turn, seatsFilled: 0, updatedAt: now() });
    res.status(201).json({ ...created.value, branchedFrom: { matchId: meta.id, turn: body.turn } });
  });
  return r;
}
