export type CsvCell = string | number | boolean | null;

/** Cells a spreadsheet would run as a formula (OWASP "CSV injection"): =, +, -, @, and tab or CR before one. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. Text that a spreadsheet would read as a formula gets a leading apostrophe, so "=HYPERLINK(...)"
 * in a display name shows as text; numbers are written as they are (a negative number is not a formula).
 */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF after every record, the header first. */
export function toCsv(header: readonly string[], records: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const record of records) lines.push(record.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
