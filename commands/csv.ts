/**
 * CSV (RFC 4180) for `/export`: fields with a comma, quote or line break are quoted, quotes doubled, lines
 * end with CRLF. Text cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
 * carriage return) get a leading apostrophe (OWASP "CSV injection"); numbers we format ourselves are
 * written as they are. Nothing here is translated: the export's headers and values are the same in every
 * language (see commands/export.ts).
 */
export type Cell = string | number | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(c: Cell): string {
  if (c === undefined) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  const s = FORMULA.test(c) ? `'${c}` : c;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(rows: ReadonlyArray<readonly Cell[]>): string {
  return rows
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
