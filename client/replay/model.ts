import { buildIndex, lastStep, seek, stepAtTurn, type ReplayIndex } from '../../shared/engine/keyframes.ts';
import { matchView, type Match, type MatchRecord } from '../../shared/engine/match.ts';
import { parseRecord } from '../../shared/engine/record-schema.ts';
import { ok, reject, type Result } from '../../shared/engine/result.ts';
import { canSee, type GameEvent, type Viewer } from '../../shared/engine/ruleset.ts';
import { findRuleset, scenarioForKey } from '../../shared/rulesets.ts';
import { readBoard, type BoardSnap } from '../state/board.ts';

/**
 * The replay viewer's model, without DOM: a record replayed in the browser by the shared
 * rules, indexed with keyframes (shared/engine/keyframes.ts), the current step, the viewer
 * ('facilitator' is the god view), and what a viewer's board and events are at a step.
 */

type AnyIndex = ReplayIndex<unknown, unknown, unknown, unknown, unknown>;
type AnyMatch = Match<unknown, unknown>;
/** The projection a ruleset's `view` gives; its shape depends on the ruleset. */
export type AnyView = Record<string, unknown>;

export interface Loaded {
  readonly record: MatchRecord<unknown>;
  readonly index: AnyIndex;
  readonly seats: readonly { readonly id: string; readonly name: string }[];
  /** The last match of the record (every event ever), and for each event the step it appeared at. */
  readonly final: AnyMatch;
  readonly eventStep: readonly number[];
  /** Why the index stops early, if a record entry could not be applied. */
  readonly warning: string | null;
}

/** Parses and indexes a record (an export from the server or a file). Typed errors, never throws. */
export function loadRecord(data: unknown): Result<Loaded> {
  const parsed = parseRecord(data);
  if (!parsed.ok) return parsed;
  const record = parsed.value;
  const entry = findRuleset(record.ruleset);
  if (!entry) return reject('unknown-ruleset', `This viewer cannot replay the ruleset "${record.ruleset.slice(0, 80)}".`);
  // An uploaded scenario travels in the record (`scenario.data`); a shipped one is found by id.
  const found = scenarioForKey(entry, record.scenario);
  if (!found.ok) return found;
  const scenario = found.value;
  const built = buildIndex(entry.ruleset, scenario, record);
  if (!built.ok) return built;
  const index = built.value as AnyIndex;
  const final = seek(index, lastStep(index));
  if (!final.ok) return final;
  const eventStep: number[] = [];
  let k = 0;
  // A practice turn's events are discarded when the match starts (shared/engine/match.ts): the
  // events from there on follow the ones the lobby had when the practice began.
  let lobbyEvents = 0;
  let previous = 0;
  for (const s of index.steps) {
    if (s.label === 'practice') lobbyEvents = previous;
    if (s.events < k) k = Math.min(lobbyEvents, s.events);
    while (k < s.events) eventStep[k++] = s.step;
    previous = s.events;
  }
  const seats = index.ruleset.seats(final.value.state).map((s) => ({ id: s.id as string, name: s.name }));
  const warning = index.error ? `The record stops replaying at entry ${index.error.index}: ${index.error.message}` : null;
  return ok({ record, index, seats, final: final.value, eventStep, warning });
}

/** What one viewer sees at one step. */
export interface Frame {
  readonly step: number;
  readonly match: AnyMatch;
  readonly view: AnyView;
  readonly board: BoardSnap | null;
}

const asList = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * A BoardSnap (client/state/board.ts) from a cyber-alliance view, built by handing
 * `readBoard` the same shape the room state has, so the map is fed exactly as live.
 */
export function boardOf(view: AnyView, match: AnyMatch, turnLimit: number, viewer: Viewer): BoardSnap | null {
  if (!Array.isArray(view['nations']) || !Array.isArray(view['networks'])) return null;
  const scores = view['scores'] as { coalition: number; nations: { nation: string; name: string; total: number }[] } | null;
  const scenario = view['scenario'] as { showScores?: boolean } | undefined;
  const god = (view['god'] as { state?: { incidents?: unknown } } | null)?.state;
  const me = view['me'] as { incidents?: unknown } | null | undefined;
  // What this viewer knows of incidents: all of them (god), its own known ones (a seat), or the public ones.
  const incidents = asList(god ? god.incidents : me ? me.incidents : view['publicIncidents']);
  const state = {
    matchId: '',
    phase: match.phase,
    turn: match.turn,
    turnLimit,
    deadline: 0,
    paused: false,
    remainingMs: 0,
    board: {
      nations: view['nations'],
      networks: view['networks'],
      offers: view['offers'] ?? [],
      missions: view['missions'] ?? [],
      patchedVulns: view['patchedVulns'] ?? [],
      incidents: incidents.map((i) => ({ ...i, blamed: s(i['blamed']), effect: s(i['effect']) })),
      showScores: scenario?.showScores === true && scores !== null,
      coalitionScore: scores?.coalition ?? 0,
      scores: scores?.nations ?? [],
    },
  };
  const own = viewer === 'facilitator' || viewer === 'observer' ? '' : viewer;
  return (readBoard as (state: unknown, own?: string) => BoardSnap | null)(state, own);
}

export function frameAt(loaded: Loaded, step: number, viewer: Viewer, from?: AnyMatch): Result<Frame> {
  const m = seek(loaded.index, step, from);
  if (!m.ok) return m;
  const ruleset = loaded.index.ruleset;
  const mv = matchView(ruleset, m.value, viewer);
  const view = (mv.view ?? {}) as AnyView;
  return ok({ step, match: m.value, view, board: boardOf(view, m.value, mv.turnLimit, viewer) });
}

/** What changed on the board between two frames of the same viewer: ids to highlight, and sentences. */
export interface Changes {
  /** Networks whose availability changed. */
  readonly networks: readonly string[];
  /** Networks to ring on the board: availability changed, a new incident on it, or a new offer against it. */
  readonly highlight: readonly string[];
  readonly offers: readonly string[];
  readonly incidents: readonly string[];
  readonly lines: readonly string[];
}

export function changesBetween(before: BoardSnap | null, after: BoardSnap | null): Changes {
  if (!before || !after) return { networks: [], highlight: [], offers: [], incidents: [], lines: [] };
  const lines: string[] = [];
  const networks: string[] = [];
  const nameOf = new Map(after.nations.map((n) => [n.id, n.name]));
  for (const w of after.networks) {
    const was = before.networks.find((x) => x.id === w.id);
    if (!was || was.availability === w.availability) continue;
    networks.push(w.id);
    const dir = w.availability < was.availability ? 'dropped' : 'rose';
    lines.push(`${w.name}: availability ${dir} ${Math.round(was.availability)} → ${Math.round(w.availability)}%`);
  }
  const offers = after.offers.filter((o) => !before.offers.some((x) => x.id === o.id)).map((o) => o.id);
  for (const id of offers) {
    const o = after.offers.find((x) => x.id === id);
    if (o) lines.push(`New sovereign ${o.effect} offer by ${nameOf.get(o.nation) ?? o.nation}`);
  }
  const incidents = after.incidents.filter((i) => !before.incidents.some((x) => x.id === i.id)).map((i) => i.id);
  for (const id of incidents) {
    const i = after.incidents.find((x) => x.id === id);
    if (i) lines.push(`New incident on ${after.networks.find((w) => w.id === i.network)?.name ?? i.network}${i.blamed ? `, blamed on ${nameOf.get(i.blamed) ?? i.blamed}` : ''}`);
  }
  const targets = [...offers.map((id) => after.offers.find((o) => o.id === id)?.target), ...incidents.map((id) => after.incidents.find((i) => i.id === id)?.network)];
  const highlight = [...new Set([...networks, ...targets.filter((x): x is string => typeof x === 'string')])].sort();
  return { networks, highlight, offers, incidents, lines };
}

/** The events `viewer` may see, with the step each appeared at (from the whole record). */
export function eventsOf(loaded: Loaded, viewer: Viewer): { event: GameEvent; step: number; seq: number }[] {
  const out: { event: GameEvent; step: number; seq: number }[] = [];
  loaded.final.events.forEach((event, seq) => {
    if (canSee(event.audience, viewer)) out.push({ event, step: loaded.eventStep[seq] ?? 0, seq });
  });
  return out;
}

/** Step navigation by turn: the first step of the turn before / after the one `step` is in. */
export function turnStep(loaded: Loaded, step: number, direction: -1 | 1): number {
  const here = loaded.index.steps[step];
  if (!here) return step;
  const start = stepAtTurn(loaded.index, here.turn) ?? 0;
  if (direction < 0) return step > start ? start : (stepAtTurn(loaded.index, here.turn - 1) ?? 0);
  return stepAtTurn(loaded.index, here.turn + 1) ?? lastStep(loaded.index);
}
