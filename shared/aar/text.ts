import type { Aar, Annotation, Decision, MisattributionLine } from './types.ts';

/** Escapes text for HTML element content and attribute values. Every string from a record, a scenario or a person goes through it. */
export function escapeHtml(text: string): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export const CAUSE_LABEL: Readonly<Record<MisattributionLine['cause'], string>> = {
  'shared-copy': 'shared copy used by another holder',
  'tailored-copy': 'tailored tool without watermark',
  'leaked-copy': 'leaked copy used by the adversary',
  'own-fingerprint': 'fingerprint of the author',
  'public-accusation': 'wrong public accusation',
};

export const KIND_LABEL: Readonly<Record<Decision['kind'], string>> = { share: 'Share', tailor: 'Tailor', offer: 'Sovereign offer', hunt: 'Hunt forward' };

/** Turns that have anything to show in the timeline, ascending. */
export function timelineTurns(a: Aar): number[] {
  const turns = new Set<number>();
  for (const d of a.decisions) turns.add(d.turn);
  for (const m of a.misattributions) turns.add(m.turn);
  for (const l of a.leaks) turns.add(l.turn);
  for (const n of a.annotations) turns.add(n.turn);
  for (const r of a.reports) turns.add(r.turn);
  for (const w of a.whiteCell) turns.add(w.turn);
  return [...turns].sort((x, y) => x - y);
}

/** "awarded 3 point(s)", "not scored", "3 point(s), held back". */
export function reportPoints(r: { points: number | null; released: boolean }): string {
  if (r.points === null) return 'not scored';
  return `${r.points} point(s)${r.released ? '' : ', held back'}`;
}

export const annotationsOf = (a: Aar, turn: number): Annotation[] => a.annotations.filter((n) => n.turn === turn);

/** A one-line headline of the match for titles. */
export function headline(a: Aar): string {
  const o = a.overview;
  return `${o.scenario.title} (${o.scenario.id} v${o.scenario.version}), seed ${o.seed}: ${o.turnsPlayed} of ${o.turnLimit} turns`;
}

/** A timestamp as UTC text, without a clock: pure arithmetic on the number given. */
export function utc(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const hh = Math.floor(rest / 3_600_000);
  rest -= hh * 3_600_000;
  const mm = Math.floor(rest / 60_000);
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${y}-${p2(m)}-${p2(d)} ${p2(hh)}:${p2(mm)} UTC`;
}
