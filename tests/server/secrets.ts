import { applyEntry, createMatch, type LogEntry, type MatchRecord } from '../../shared/engine/match.ts';
import type { Viewer } from '../../shared/engine/ruleset.ts';
import { cyberAlliance, type CyberDrafts, type CyberState } from '../../shared/rules/index.ts';
import { findScenario } from '../../shared/scenarios/index.ts';
import { privateIds } from '../properties/checks.ts';

/**
 * The ids (and capability names) `viewer` must never receive during a whole match: those
 * that were another nation's private ids (docs/design.md §6, `privateIds` of the property tests)
 * at every moment they existed. An id that became the viewer's to see at some point (a
 * capability shared with it, an implant it discovered) is left out, since from then on it
 * may legitimately arrive.
 */
export function secretsOf(record: MatchRecord<unknown>, viewer: Viewer): Set<string> {
  const scenario = findScenario(record.scenario.id);
  if (!scenario) throw new Error(`no scenario ${record.scenario.id}`);
  let match = createMatch(cyberAlliance, scenario, record.seed);
  const orders = new Map<string, string>();
  const secret = new Set<string>();
  const seen = new Set<string>();
  const names = new Map<string, string>();
  const look = (s: CyberState, drafts: CyberDrafts) => {
    for (const o of drafts.orders) orders.set(o.id, o.seat);
    for (const k of s.capabilities) names.set(k.id, k.name);
    // The observer sees only public facts: every copy, capability, exploit, implant and order is hidden from it.
    const hidden = viewer === 'observer' ? null : privateIds(s, viewer, orders);
    const all = [...s.copies.map((c) => c.id), ...s.capabilities.map((c) => c.id), ...s.exploits.map((x) => x.id), ...s.implants.map((i) => i.id), ...orders.keys()];
    for (const id of all) (hidden === null || hidden.has(id) ? secret : seen).add(id as string);
  };
  look(match.state, match.drafts);
  for (const [i, entry] of record.entries.entries()) {
    const r = applyEntry(cyberAlliance, match, entry as LogEntry<never>);
    if (!r.ok) throw new Error(`entry ${i} does not replay: ${r.error.message}`);
    match = r.value;
    look(match.state, match.drafts);
  }
  const out = new Set([...secret].filter((id) => !seen.has(id)));
  const seenNames = new Set([...seen].flatMap((id) => (names.has(id) ? [names.get(id) as string] : [])));
  for (const id of [...out]) {
    const name = names.get(id);
    if (name && name.length >= 4 && !seenNames.has(name)) out.add(name);
  }
  return out;
}
