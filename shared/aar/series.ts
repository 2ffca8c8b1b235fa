import { resolvedSteps, seek, type ReplayIndex } from '../engine/keyframes.ts';
import type { Match } from '../engine/match.ts';
import { ok, reject, type Result } from '../engine/result.ts';
import { score } from '../rules/scoring.ts';
import type { CyberState } from '../rules/types.ts';

/**
 * Per-turn series of a cyber-alliance match, for the replay viewer's charts and the
 * after-action report. Pure and deterministic.
 *
 * API:
 * - `turnStates(index)` → the states after setup (turn 0) and after each resolved turn,
 *   read from a keyframed replay index (shared/engine/keyframes.ts): `states[t]` is the state
 *   right after turn t was resolved. A match still running gives the turns resolved so far.
 * - `seriesOf(states)` → `TurnSeries`: every array indexed like `turns` (0, 1, …, T).
 *   · `exploits`: freshness of every exploit per turn (null before it existed), with markers
 *     at the turns it was used (its use count rose), discovered and patched;
 *   · `scores`: each ally's total score per turn (shared/rules/scoring.ts), and the coalition's;
 *   · `attributions`: cumulative attributions that blamed the true user (`right`) or someone
 *     else (`wrong`), and each blame with its truth (`blames`, who was blamed and who used it);
 *   · `availability`: every network's availability per turn.
 * - `seriesOfIndex(index)` = `seriesOf(turnStates(index))`.
 *
 * All values are the facilitator's truth (the god view); a viewer that should only see a
 * seat's knowledge must not be shown these series.
 */

export type MarkerKind = 'used' | 'discovered' | 'patched';

export interface ExploitSeries {
  readonly exploit: string;
  readonly vuln: string;
  readonly author: string;
  /** Names of the capabilities built on it, e.g. "LANCE". */
  readonly capabilities: readonly string[];
  /** A label for a legend: "LANCE (aegis-rce)". */
  readonly label: string;
  readonly freshness: readonly (number | null)[];
  /** Markers by turn; `count` is how many uses that turn (1 for discovered and patched). */
  readonly markers: readonly { readonly turn: number; readonly kind: MarkerKind; readonly count: number }[];
}

export interface Blame {
  readonly incident: string;
  /** Turn by whose end the blame was known. */
  readonly turn: number;
  readonly network: string;
  readonly victim: string;
  readonly blamed: string;
  /** The true user: the facilitator's knowledge. */
  readonly user: string;
  readonly right: boolean;
}

export interface TurnSeries {
  readonly turns: readonly number[];
  readonly nations: readonly { readonly id: string; readonly name: string; readonly side: string }[];
  readonly exploits: readonly ExploitSeries[];
  readonly scores: { readonly coalition: readonly number[]; readonly nations: readonly { readonly nation: string; readonly name: string; readonly total: readonly number[] }[] };
  readonly attributions: { readonly right: readonly number[]; readonly wrong: readonly number[]; readonly blames: readonly Blame[] };
  readonly availability: readonly { readonly network: string; readonly name: string; readonly owner: string; readonly values: readonly (number | null)[] }[];
}

type CyberIndex = ReplayIndex<unknown, CyberState, unknown, unknown, unknown>;

/** States after setup and after each resolved turn (see the API note above). */
export function turnStates(index: CyberIndex): Result<CyberState[]> {
  const first = index.keyframes[0];
  if (!first) return reject('empty-index', 'This replay index has no keyframe.');
  const states: CyberState[] = [first.match.state];
  let prev: Match<CyberState, unknown> | undefined;
  for (const { step } of resolvedSteps(index)) {
    const m = seek(index, step, prev);
    if (!m.ok) return m;
    prev = m.value;
    states.push(m.value.state);
  }
  return ok(states);
}

/** The series of a sequence of states, `states[t]` being the state after turn t. */
export function seriesOf(states: readonly CyberState[]): TurnSeries {
  const last = states.at(-1);
  if (!last) return { turns: [], nations: [], exploits: [], scores: { coalition: [], nations: [] }, attributions: { right: [], wrong: [], blames: [] }, availability: [] };
  const turns = states.map((_, t) => t);
  const exploits = last.exploits.map((e): ExploitSeries => {
    const capabilities = last.capabilities.filter((c) => c.exploit === e.id).map((c) => c.name);
    const label = `${capabilities.length > 0 ? capabilities.join('/') : e.id} (${e.vuln})`;
    const freshness: (number | null)[] = [];
    const markers: { turn: number; kind: MarkerKind; count: number }[] = [];
    let before: { uses: number; discovered: boolean; patched: boolean } | null = null;
    states.forEach((s, t) => {
      const x = s.exploits.find((y) => y.id === e.id);
      freshness.push(x ? x.freshness : null);
      if (!x) return;
      const was = before ?? { uses: 0, discovered: false, patched: false };
      if (x.uses > was.uses) markers.push({ turn: t, kind: 'used', count: x.uses - was.uses });
      if (x.discovered && !was.discovered) markers.push({ turn: t, kind: 'discovered', count: 1 });
      if (x.patched && !was.patched) markers.push({ turn: t, kind: 'patched', count: 1 });
      before = { uses: x.uses, discovered: x.discovered, patched: x.patched };
    });
    return { exploit: e.id, vuln: e.vuln, author: e.author, capabilities, label, freshness, markers };
  });

  const allies = last.nations.filter((n) => n.side === 'ally');
  const perTurnScores = states.map((s) => score(s));
  const scores = {
    coalition: perTurnScores.map((sc) => sc.coalition.total),
    nations: allies.map((n) => ({ nation: n.id as string, name: n.name, total: perTurnScores.map((sc) => sc.nations.find((x) => x.nation === n.id)?.total ?? 0) })),
  };

  const blames: Blame[] = [];
  const seen = new Set<string>();
  const right: number[] = [];
  const wrong: number[] = [];
  states.forEach((s, t) => {
    for (const i of s.incidents) {
      if (i.blamed === null || seen.has(i.id)) continue;
      seen.add(i.id);
      blames.push({ incident: i.id, turn: t, network: i.network, victim: i.victim, blamed: i.blamed, user: i.user, right: i.blamed === i.user });
    }
    right.push(blames.filter((b) => b.right).length);
    wrong.push(blames.filter((b) => !b.right).length);
  });

  const availability = last.networks.map((w) => ({
    network: w.id as string,
    name: w.name,
    owner: w.owner as string,
    values: states.map((s) => s.networks.find((x) => x.id === w.id)?.availability ?? null),
  }));

  return {
    turns,
    nations: last.nations.map((n) => ({ id: n.id as string, name: n.name, side: n.side })),
    exploits,
    scores,
    attributions: { right, wrong, blames },
    availability,
  };
}

/** `seriesOf(turnStates(index))`. */
export function seriesOfIndex(index: CyberIndex): Result<TurnSeries> {
  const states = turnStates(index);
  return states.ok ? ok(seriesOf(states.value)) : states;
}
