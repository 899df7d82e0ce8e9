import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV for Excel', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = toCsv([{ a: '潋江镇', b: 1.5 }], [{ header: '乡镇', value: (r) => r.a }, { header: '面积（亩）', value: (r) => r.b }]);
    expect(csv).toBe('\uFEFF乡镇,面积（亩）\r\n潋江镇,1.5\r\n');
  });
  it('quotes commas, quotes and newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('neutralises spreadsheet formulas in text but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('neutralises a leading tab, CR or NUL too (OWASP ASVS 1.2.10)', () => {
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvCell('\u0000=1+1')).toBe("'\u0000=1+1");
  });
});
