import type { GameEvent } from '../engine/ruleset.ts';
import type { CyberState } from '../rules/types.ts';
import type { Objective } from '../scenarios/schema.ts';
import type { Namer } from './decisions.ts';
import type { ObjectiveLine } from './types.ts';

const freshnessAt = (s: CyberState | undefined, capability: string): number | null => {
  const cap = s?.capabilities.find((c) => c.id === capability);
  const e = cap && s?.exploits.find((x) => x.id === cap.exploit);
  return e ? e.freshness : null;
};

/**
 * How an objective was met, or why it was not (docs/design.md §5), from the state after each
 * turn: the incident that landed the effect, the freshness on the day, the attributions, the
 * intel, influence or availability at the end.
 */
function explain(o: Objective, nation: string | null, states: readonly CyberState[], final: CyberState, met: boolean, turn: number | null, name: Namer): { how: string; incident: string | null } {
  switch (o.type) {
    case 'effectOnNetwork': {
      const hit = final.incidents.find(
        (i) => i.network === o.network && i.success && i.kind === 'effect' && i.effect !== null && o.effects.includes(i.effect) && i.turn <= o.byTurn && final.nations.find((n) => n.id === i.user)?.side === 'ally',
      );
      if (met && hit) return { how: `${name(hit.user)}'s ${hit.effect} effect on ${name(o.network)} on turn ${hit.turn} (incident ${hit.id}).`, incident: hit.id };
      const tries = final.incidents.filter((i) => i.network === o.network && i.kind === 'effect' && i.turn <= o.byTurn && final.nations.find((n) => n.id === i.user)?.side === 'ally');
      return {
        how: tries.length === 0 ? `No allied ${o.effects.join(' or ')} effect was attempted on ${name(o.network)} by turn ${o.byTurn}.` : `${tries.length} allied effect(s) on ${name(o.network)} by turn ${o.byTurn}, none a successful ${o.effects.join(' or ')}: ${tries.map((i) => `${i.id} (${name(i.user)}, turn ${i.turn}, ${i.effect}, ${i.success ? 'success' : 'failure'})`).join('; ')}.`,
        incident: null,
      };
    }
    case 'keepFresh': {
      const f = freshnessAt(states[o.untilTurn], o.capability);
      if (f === null) return { how: `The record does not reach turn ${o.untilTurn}.`, incident: null };
      const cap = final.capabilities.find((c) => c.id === o.capability)?.name ?? o.capability;
      return { how: `Freshness of ${cap} after turn ${o.untilTurn}: ${f} (needed above ${o.above}).`, incident: null };
    }
    case 'noAttribution': {
      const hits = final.incidents.filter((i) => i.kind === 'effect' && i.blamed === nation && i.user === nation);
      return { how: hits.length === 0 ? `No effect of ${name(nation ?? '')} was attributed to it.` : `Attributed effects: ${hits.map((i) => `${i.id} (turn ${i.turn})`).join(', ')}.`, incident: null };
    }
    case 'intelAtLeast':
    case 'influenceAtLeast': {
      const field = o.type === 'intelAtLeast' ? 'intel' : 'influence';
      const n = final.nations.find((x) => x.id === nation);
      const at = met && turn !== null ? states[turn]?.nations.find((x) => x.id === nation) : n;
      return { how: `${field} ${at ? at[field] : '?'} at the end (needed ${o.amount}).`, incident: null };
    }
    case 'availabilityAbove': {
      const nets = final.networks.filter((n) => n.owner === nation);
      return { how: `Availability at the end: ${nets.map((n) => `${name(n.id)} ${n.availability}`).join(', ')} (needed above ${o.above} on every network).`, incident: null };
    }
  }
}

/** The turn by which an objective is decided: its deadline, or the last turn for those checked at the end. */
function decidedBy(o: Objective, last: number): number {
  return o.type === 'effectOnNetwork' ? o.byTurn : o.type === 'keepFresh' ? o.untilTurn : last;
}

/** An objective not met in a record that stops before it is decided is "not yet", not "missed" — unless the match has ended. */
function pending(o: Objective, states: readonly CyberState[], ended: boolean, met: boolean, x: { how: string; incident: string | null }): { how: string; incident: string | null; pending: boolean } {
  const played = states.length - 1;
  const last = states[played]?.rules.turns ?? played;
  if (met || ended || played >= decidedBy(o, last)) return { ...x, pending: false };
  return { how: `Not decided yet: the record ends after turn ${played}, and this is decided at turn ${decidedBy(o, last)}. So far: ${x.how}`, incident: x.incident, pending: true };
}

/** Coalition objectives, then each nation's private objectives, each met or not and how; `ended`: the match is over (nothing is pending). */
export function objectiveLines(states: readonly CyberState[], final: CyberState, events: readonly GameEvent[], name: Namer, ended: boolean): ObjectiveLine[] {
  const out: ObjectiveLine[] = [];
  for (const o of final.rules.coalitionObjectives) {
    const met = final.coalition.objectivesMet.includes(o.id);
    const ev = events.find((e) => e.type === 'CoalitionObjectiveMet' && e.data?.objective === o.id);
    const turn = met ? (ev?.turn ?? null) : null;
    const { how, incident, pending: open } = pending(o, states, ended, met, explain(o, null, states, final, met, turn, name));
    out.push({ scope: 'coalition', nation: null, id: o.id, text: o.text, points: o.points, met, pending: open, turn, how, incident });
  }
  for (const { nation, objectives } of final.rules.privateObjectives) {
    for (const o of objectives) {
      const m = final.objectivesMet.find((x) => x.nation === nation && x.objective === o.id);
      const { how, incident, pending: open } = pending(o, states, ended, !!m, explain(o, nation, states, final, !!m, m?.turn ?? null, name));
      out.push({ scope: 'private', nation, id: o.id, text: o.text, points: o.points, met: !!m, pending: open, turn: m?.turn ?? null, how, incident });
    }
  }
  return out;
}
