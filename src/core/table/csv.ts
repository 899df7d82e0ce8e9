// CSV for spreadsheets: UTF-8 with a BOM so Excel reads Chinese correctly, RFC 4180 quoting, and cells that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR, NUL — OWASP ASVS 1.2.10) neutralised with a leading apostrophe.
export interface CsvColumn<R> {
  header: string;
  value: (row: R) => string | number | boolean | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r\0]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Numbers stay numbers (a negative number is not a formula); text that starts like a formula is defused.
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<R>(rows: readonly R[], columns: readonly CsvColumn<R>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
