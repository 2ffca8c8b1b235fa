import type { Match } from '../../shared/engine/match.ts';
import type { GameEvent } from '../../shared/engine/ruleset.ts';
import type { CyberDrafts, CyberState } from '../../shared/rules/index.ts';
import type { CyberScore } from '../../shared/rules/scoring.ts';
import { table } from './table.ts';

/** What `npm run sim` prints: a turn in a few lines, and the final score table. */

/** One turn in a few lines, from the facilitator's side: everything, including leaks and misattributions. */
export function turnSummary(match: Match<CyberState, CyberDrafts>, turn: number): string {
  const s = match.state;
  const events = match.events.filter((e) => e.turn === turn);
  const count = (type: string) => events.filter((e) => e.type === type).length;
  const incidents = s.incidents.filter((i) => i.turn === turn);
  const name = (id: string) => s.nations.find((n) => n.id === id)?.name ?? id;
  const network = (id: string) => s.networks.find((n) => n.id === id)?.name ?? id;
  const ok = incidents.filter((i) => i.success);
  const found = events.filter((e) => e.type === 'HuntReported').reduce((sum, e) => sum + Number(e.data?.['found'] ?? 0), 0);
  const head = [
    `ops ${ok.length}/${incidents.length} ok`,
    `effects ${ok.filter((i) => i.kind === 'effect').length}`,
    `implants ${ok.filter((i) => i.kind === 'espionage').length}`,
    `shares ${count('CapabilityShared')}`,
    `hunts ${count('HuntForwardDeployed')} (found ${found})`,
    `patches ${count('VulnerabilityPatched')}`,
    `attributions ${count('EffectAttributed')}`,
    `misattributions ${count('Misattributed')}`,
    `leaks ${count('CapabilityLeaked')}`,
  ].join(' · ');
  const shown = new Set(['InjectFired', 'CoalitionObjectiveMet', 'CapabilityShared', 'HuntForwardDeployed', 'SovereignOfferMade', 'SovereignRequestAccepted', 'SovereignRequestDeclined', 'SovereignEffectDelivered', 'SovereignEffectFailed', 'VulnerabilityPatched', 'EffectAttributed', 'PubliclyAttributed', 'Misattributed', 'CapabilityLeaked']);
  const inject = (e: GameEvent) => s.injects.find((i) => i.id === e.data?.['inject'])?.title ?? e.text;
  const lines = events.filter((e) => shown.has(e.type)).map((e) => `  · ${e.type === 'InjectFired' ? `Inject — ${inject(e)}` : e.text}`);
  const effects = ok.filter((i) => i.kind === 'effect').map((i) => `  · ${name(i.user)} landed a ${i.effect} effect on ${network(i.network)}.`);
  return [`Turn ${turn}  ${head}`, ...lines, ...effects].join('\n');
}

/** The final scores, best first; `override` is the temperament every bot played, if one was imposed. */
export function scoreTable(s: CyberState, sc: CyberScore, override?: string): string {
  const temperament = (id: string) => override ?? s.rules.temperaments.find((t) => t.nation === id)?.temperament ?? '';
  const rows = [...sc.nations].sort((a, b) => b.total - a.total || (a.nation < b.nation ? -1 : 1));
  const part = (r: (typeof rows)[number], k: string) => r.parts[k] ?? 0;
  return table(rows, [
    { header: 'Nation', value: (r) => r.name },
    { header: 'Temperament', value: (r) => temperament(r.nation) },
    { header: 'Objectives', value: (r) => part(r, 'objectives') },
    { header: 'Uptime', value: (r) => part(r, 'availability') },
    { header: 'Influence', value: (r) => part(r, 'influence') },
    { header: 'Reputation', value: (r) => part(r, 'reputation') },
    { header: 'Intel', value: (r) => part(r, 'intel') },
    { header: 'Covert', value: (r) => part(r, 'covertBonus') },
    { header: 'Penalties', value: (r) => Math.round((part(r, 'misattributions') + part(r, 'leaks') + part(r, 'endUseViolations')) * 10) / 10 },
    { header: 'National', value: (r) => r.national },
    { header: 'Coalition', value: (r) => r.coalition },
    { header: 'Total', value: (r) => r.total },
  ]);
}

