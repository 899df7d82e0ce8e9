// dBASE III/IV .dbf attribute tables as shapefiles use them: header, field descriptors, fixed-width records,
// deleted-record flag. Text fields are decoded with the encoding decided by the caller (see dbfEncoding).
import { encodingLabel, isValidUtf8 } from './text.ts';

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export interface DbfTable {
  version: number;
  languageDriver: number;
  fields: DbfField[];
  /** One entry per record; null marks a record flagged as deleted. */
  records: (Record<string, string | number | boolean | null> | null)[];
  warnings: string[];
}

export class DbfError extends Error {}

/** Language-driver IDs (byte 29) that name a code page unambiguously. 0x57 means "ANSI", i.e. unknown. */
const LANGUAGE_DRIVERS: Record<number, string> = {
  0x4d: 'gbk', 0x7a: 'gbk', // 936 Simplified Chinese
  0x4f: 'big5', 0x78: 'big5', // 950 Traditional Chinese
  0x13: 'shift_jis', 0x7b: 'shift_jis', // 932 Japanese
  0x4e: 'euc-kr', 0x79: 'euc-kr', // 949 Korean
  0x03: 'windows-1252', 0x57: '', 0x00: '',
};

export interface EncodingChoice {
  label: string;
  /** How it was decided, for the report. */
  how: string;
}

/** Decide the text encoding: user choice, then .cpg, then the language-driver byte, then the content. */
export function dbfEncoding(dbf: Uint8Array, cpgText: string | undefined, userChoice: string | undefined): EncodingChoice {
  if (userChoice) {
    const label = encodingLabel(userChoice);
    if (label) return { label, how: 'chosen by the user' };
  }
  const cpg = cpgText?.trim();
  if (cpg) {
    const label = encodingLabel(cpg);
    if (label) return { label, how: `from the .cpg ("${cpg}")` };
  }
  const ldid = dbf.length > 29 ? dbf[29] : 0;
  const byDriver = LANGUAGE_DRIVERS[ldid];
  if (byDriver) return { label: byDriver, how: `from the .dbf language-driver byte 0x${ldid.toString(16).padStart(2, '0')}` };
  const headerLength = dbf.length >= 12 ? dbf[8] | (dbf[9] << 8) : 0;
  const body = dbf.subarray(Math.min(headerLength, dbf.length));
  // Field names can be Chinese too, so the descriptor block is part of the evidence.
  const evidence = new Uint8Array(body.length + Math.max(0, Math.min(headerLength, dbf.length) - 32));
  evidence.set(dbf.subarray(32, Math.min(headerLength, dbf.length)));
  evidence.set(body, evidence.length - body.length);
  const label = isValidUtf8(evidence) ? 'utf-8' : 'gbk';
  return { label, how: `detected from the content (no .cpg${ldid ? `, language-driver byte 0x${ldid.toString(16)} is not specific` : ''})` };
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * A numeric field's bytes [from, to) as Number(text.trim()) reads them, without building the text, for the plain form
 * (spaces, optional sign, at most 15 digits, optional point): m / 10^k is then exactly Number's correctly rounded
 * result (m < 2^53 and 10^k ≤ 10^22 are exact, and IEEE division rounds once). undefined: not that form.
 */
function plainNumber(b: Uint8Array, from: number, to: number): number | null | undefined {
  while (from < to && b[from] === 0x20) from++;
  while (to > from && b[to - 1] === 0x20) to--;
  if (from === to) return null;
  let i = from;
  const negative = b[i] === 0x2d;
  if (negative || b[i] === 0x2b) i++;
  let m = 0, digits = 0, decimals = -1;
  for (; i < to; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 0x2e && decimals < 0) decimals = 0;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const v = decimals > 0 ? m / POW10[decimals] : m;
  return negative ? -v : v;
}

/** Reads one table's fields; text decoding is memoised (an inventory repeats the same few hundred values). */
class FieldReader {
  private memo = new Map<string, string>();
  /** Whether bytes below 0x80 are plain ASCII in this encoding (not so in UTF-16 or the stateful ISO-2022-JP). */
  private asciiSafe: boolean;
  constructor(private bytes: Uint8Array, private view: DataView, private decoder: TextDecoder) {
    this.asciiSafe = /^(utf-8|gbk|gb18030|big5|shift_jis|euc-kr|euc-jp|ibm866|windows-125\d|iso-8859-\d+)$/.test(decoder.encoding);
  }

  value(from: number, field: DbfField): string | number | boolean | null {
    const b = this.bytes;
    const to = from + field.length;
    switch (field.type) {
      case 'N':
      case 'F': {
        const plain = plainNumber(b, from, to);
        if (plain !== undefined) return plain;
        const t = String.fromCharCode(...b.subarray(from, to)).trim();
        if (t === '' || /^\*+$/.test(t)) return null;
        const v = Number(t);
        return Number.isFinite(v) ? v : null;
      }
      case 'L': {
        const c = String.fromCharCode(field.length > 0 ? b[from] : 0x3f);
        return 'TtYy'.includes(c) ? true : 'FfNn'.includes(c) ? false : null;
      }
      case 'D': {
        const t = String.fromCharCode(...b.subarray(from, to)).trim();
        return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
      }
      case 'I':
        return field.length === 4 ? this.view.getInt32(from, true) : null;
      case 'O':
        return field.length === 8 ? this.view.getFloat64(from, true) : null;
      default: {
        // C and anything else textual: fixed width, padded with spaces (some writers pad with NULs).
        let end = to;
        while (end > from && (b[end - 1] === 0x20 || b[end - 1] === 0)) end--;
        const nul = b.subarray(from, end).indexOf(0);
        if (nul >= 0) end = from + nul;
        if (end - from > 64) return this.decoder.decode(b.subarray(from, end)).trim();
        // the bytes as a Latin-1 string: a key for the memo, and the text itself when they are all ASCII
        const key = String.fromCharCode.apply(null, b.subarray(from, end) as unknown as number[]);
        let text = this.memo.get(key);
        if (text === undefined) {
          let ascii = this.asciiSafe;
          for (let i = from; ascii && i < end; i++) if (b[i] >= 0x80) ascii = false;
          text = ascii ? key.trim() : this.decoder.decode(b.subarray(from, end)).trim();
          if (this.memo.size < 100_000) this.memo.set(key, text);
        }
        return text;
      }
    }
  }
}

export function parseDbf(bytes: Uint8Array, encoding: string): DbfTable {
  if (bytes.length < 32) throw new DbfError(`corrupt .dbf header: the file is ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[0];
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1) {
    throw new DbfError(`corrupt .dbf header (header length ${headerLength}, record length ${recordLength}, file ${bytes.length} bytes)`);
  }
  const decoder = new TextDecoder(encoding);
  const warnings: string[] = [];
  const fields: DbfField[] = [];
  const seen = new Set<string>();
  for (let o = 32; o + 32 <= headerLength && bytes[o] !== 0x0d; o += 32) {
    const nameBytes = bytes.subarray(o, o + 11);
    const nul = nameBytes.indexOf(0);
    let name = decoder.decode(nameBytes.subarray(0, nul >= 0 ? nul : 11)).trim() || `field${fields.length + 1}`;
    for (let k = 2; seen.has(name); k++) name = `${name}_${k}`;
    seen.add(name);
    fields.push({ name, type: String.fromCharCode(bytes[o + 11]).toUpperCase(), length: bytes[o + 16], decimals: bytes[o + 17] });
  }
  const width = fields.reduce((s, f) => s + f.length, 1);
  if (width > recordLength) throw new DbfError(`corrupt .dbf: fields need ${width} bytes a record, records are ${recordLength}`);
  const available = Math.floor((bytes.length - headerLength) / recordLength);
  if (available < count) warnings.push(`the .dbf header promises ${count} records but the file holds ${available}; it is truncated`);
  const records: DbfTable['records'] = [];
  const reader = new FieldReader(bytes, view, decoder);
  for (let r = 0, n = Math.min(count, available); r < n; r++) {
    const start = headerLength + r * recordLength;
    if (bytes[start] === 0x2a) {
      records.push(null);
      continue;
    }
    const rec: Record<string, string | number | boolean | null> = {};
    let o = start + 1;
    for (const f of fields) {
      rec[f.name] = reader.value(o, f);
      o += f.length;
    }
    records.push(rec);
  }
  return { version, languageDriver: bytes[29], fields, records, warnings };
}
