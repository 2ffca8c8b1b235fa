import type { Aar, NationTurn } from './types.ts';

/** The CSV's columns, in order: one row per turn × nation (turn 0 = after setup). */
export const CSV_COLUMNS = [
  'turn',
  'nation',
  'name',
  'side',
  'capacity',
  'reputation',
  'intel',
  'influence',
  'score',
  'availability_mean',
  'incidents_suffered',
  'attributions_right',
  'attributions_wrong',
  'blamed_wrongly',
  'shares_out',
  'shares_in',
  'uses',
  'leaks_of_shared_tools',
] as const;

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break; a field a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe — names come from a
 * record file, and a CSV is opened in spreadsheets.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The per-turn metrics as CSV (header + one row per turn × nation), lines ending in CRLF as RFC 4180 says. */
export function renderCsv(a: Aar): string {
  const side = (id: string) => a.overview.seats.find((s) => s.seat === id)?.side ?? '';
  const line = (r: NationTurn) =>
    [
      r.turn,
      r.nation,
      a.names[r.nation] ?? r.nation,
      side(r.nation),
      r.capacity,
      r.reputation,
      r.intel,
      r.influence,
      r.score,
      r.availabilityMean,
      r.incidentsSuffered,
      r.attributionsRight,
      r.attributionsWrong,
      r.blamedWrongly,
      r.sharesOut,
      r.sharesIn,
      r.uses,
      r.leaksOfSharedTools,
    ]
      .map(csvField)
      .join(',');
  return [CSV_COLUMNS.join(','), ...a.rows.map(line)].join('\r\n') + '\r\n';
}
