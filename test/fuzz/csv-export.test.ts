// CSV export (src/core/table/csv.ts), fuzzed: whatever the cell text, a spreadsheet reading the file sees exactly the
// rows and columns written, and no text cell starts with a formula character (=, +, -, @, tab, CR, NUL) — OWASP CSV injection.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/core/table/csv.ts';
import { hostileText } from './gen.ts';
import { RUNS } from './harness.ts';
import { XSS_PAYLOADS } from './payloads.ts';

/** An independent RFC 4180 reader (what Excel and LibreOffice do with a comma-separated file). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += '"', i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

const FORMULA = /^[=+\-@\t\r\0]/; // \0: ASVS 1.2.10, as src/core/table/csv.ts
const cellValue = fc.oneof(
  hostileText,
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '=cmd|\'/C calc\'!A0', '=HYPERLINK("http://x","y")', ',=1', '"=1"', '\n=1', ' =1', '＝1'),
  fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
);
let tried = 0;
afterAll(() => console.log(`fuzz: CSV export, ${tried} tables (${RUNS} runs) and ${XSS_PAYLOADS.length} payload cells`));

describe('fuzz: CSV export neutralises formulas and keeps the table shape', () => {
  it(`${RUNS} random tables read back cell for cell, no text cell starting like a formula`, () => {
    fc.assert(fc.property(fc.array(fc.array(cellValue, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), fc.array(hostileText, { minLength: 5, maxLength: 5 }), (rows, headers) => {
      tried++;
      const width = Math.max(1, ...rows.map((r) => r.length));
      const columns = Array.from({ length: width }, (_, c) => ({ header: headers[c] ?? `c${c}`, value: (r: unknown[]) => r[c] as string }));
      const text = toCsv(rows, columns);
      expect(text.startsWith('\uFEFF')).toBe(true);
      const back = readCsv(text.slice(1));
      expect(back).toHaveLength(rows.length + 1);
      back.forEach((r, i) => {
        expect(r).toHaveLength(width);
        r.forEach((cell, c) => {
          const original = i === 0 ? columns[c].header : rows[i - 1][c];
          if (typeof original === 'number') {
            expect(cell).toBe(Number.isFinite(original) ? String(original) : '');
            return;
          }
          expect(FORMULA.test(cell)).toBe(false);
          const shown = original === null || original === undefined ? '' : String(original);
          // Either the text itself or, when it starts like a formula, the text behind an apostrophe.
          expect(cell).toBe(FORMULA.test(shown) ? `'${shown}` : shown);
        });
      });
    }), { numRuns: RUNS });
  });

  it('every XSS/CSV payload as a cell is neutralised or harmless', () => {
    for (const p of XSS_PAYLOADS) {
      const [cell] = readCsv(csvCell(p));
      expect(FORMULA.test(cell[0])).toBe(false);
    }
  });
});
