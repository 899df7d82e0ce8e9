// The .dbf reader's shortcuts against what they stand for: numbers read from the bytes must equal Number(text.trim())
// (the reader's general path), and memoised or ASCII text must equal TextDecoder's output.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.ts';
import { parseDbf } from './dbf.ts';
import { encodeGbk } from './gbk-encode.ts';

/** A dBASE III table with the given fields (name, type, width) and rows of raw field bytes (padded with spaces). */
function dbf(fields: [string, string, number][], rows: Uint8Array[][]): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f[2], 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1).fill(0x20, headerLength);
  const view = new DataView(out.buffer);
  out[0] = 3;
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach(([name, type, width], i) => {
    const o = 32 + 32 * i;
    out.set(new TextEncoder().encode(name), o);
    out[o + 11] = type.charCodeAt(0);
    out[o + 16] = width;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let o = headerLength + r * recordLength + 1;
    row.forEach((bytes, i) => {
      out.set(bytes.subarray(0, fields[i][2]), o);
      o += fields[i][2];
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

const ascii = (t: string) => new Uint8Array([...t].map((c) => c.charCodeAt(0)));
/** The general path: Number of the trimmed text, '' and asterisks → null, non-finite → null. */
const numberOf = (t: string) => {
  const s = t.trim();
  if (s === '' || /^\*+$/.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};

describe('parseDbf', () => {
  it('reads numeric fields exactly as Number(text) does, in every form a writer produces', () => {
    const rand = mulberry32(12);
    const texts = [
      '0', '-0', '-0.0', '+5', '5.', '.5', '-.5', '007', '0.1', '0.3', '123456789012345', '1234567890123456', '9007199254740993',
      '1e5', '1E-3', '-', '+', '.', '1.2.3', '1-2', '***', '', '  ', ' 12.5 ', '0x10', 'Infinity', '12 3', '3.14159265358979', '1.0000000000000002',
    ];
    for (let i = 0; i < 3000; i++) {
      const digits = 1 + Math.floor(rand() * 17);
      let t = '';
      for (let d = 0; d < digits; d++) t += Math.floor(rand() * 10);
      const point = Math.floor(rand() * (digits + 1));
      if (rand() < 0.8) t = `${t.slice(0, point)}.${t.slice(point)}`;
      if (rand() < 0.3) t = `-${t}`;
      texts.push(t.padStart(18));
    }
    const table = parseDbf(dbf([['V', 'N', 20]], texts.map((t) => [ascii(t.padEnd(20))])), 'gbk');
    table.records.forEach((rec, i) => expect(Object.is(rec!.V, numberOf(texts[i])), `"${texts[i]}" → ${rec!.V}`).toBe(true));
  });

  it('decodes text as TextDecoder does, repeated values (memoised) and ASCII alike', () => {
    const values = ['兴国县', '用材林', '0111', '360732101', '兴国县', ' 杉木 ', 'abc\u0000zz', '竹柏', '0111', ''];
    const table = parseDbf(dbf([['T', 'C', 24]], values.map((v) => [encodeGbk(v)])), 'gbk');
    const decoder = new TextDecoder('gbk');
    table.records.forEach((rec, i) => {
      const bytes = encodeGbk(values[i]);
      const nul = bytes.indexOf(0);
      expect(rec!.T).toBe(decoder.decode(nul >= 0 ? bytes.subarray(0, nul) : bytes).trim());
    });
    expect(table.records.map((r) => r!.T)).toEqual(['兴国县', '用材林', '0111', '360732101', '兴国县', '杉木', 'abc', '竹柏', '0111', '']);
  });
});
