/** Plain-text tables for the terminal: one header row, a rule, then the rows. */
export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number;
  /** Default: numbers right, text left. */
  readonly align?: 'left' | 'right';
}

const cell = (v: string | number): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : v);

export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => cell(row[i] as string | number).length)));
  const right = columns.map((c, i) => c.align === 'right' || (c.align === undefined && cells.length > 0 && cells.every((row) => typeof row[i] === 'number')));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (right[i] ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map((row) => line(row.map(cell)))].join('\n');
}
