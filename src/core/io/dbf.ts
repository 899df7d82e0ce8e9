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

function parseValue(raw: Uint8Array, field: DbfField, decoder: TextDecoder): string | number | boolean | null {
  switch (field.type) {
    case 'N':
    case 'F': {
      const t = String.fromCharCode(...raw).trim();
      if (t === '' || /^\*+$/.test(t)) return null;
      const v = Number(t);
      return Number.isFinite(v) ? v : null;
    }
    case 'L': {
      const c = String.fromCharCode(raw[0] ?? 0x3f);
      return 'TtYy'.includes(c) ? true : 'FfNn'.includes(c) ? false : null;
    }
    case 'D': {
      const t = String.fromCharCode(...raw).trim();
      return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : null;
    }
    case 'I':
      return raw.length === 4 ? new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true) : null;
    case 'O':
      return raw.length === 8 ? new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, true) : null;
    default: {
      // C and anything else textual: fixed width, padded with spaces (some writers pad with NULs).
      let end = raw.length;
      while (end > 0 && (raw[end - 1] === 0x20 || raw[end - 1] === 0)) end--;
      const nul = raw.subarray(0, end).indexOf(0);
      return decoder.decode(raw.subarray(0, nul >= 0 ? nul : end)).trim();
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
  for (let r = 0, n = Math.min(count, available); r < n; r++) {
    const start = headerLength + r * recordLength;
    if (bytes[start] === 0x2a) {
      records.push(null);
      continue;
    }
    const rec: Record<string, string | number | boolean | null> = {};
    let o = start + 1;
    for (const f of fields) {
      rec[f.name] = parseValue(bytes.subarray(o, o + f.length), f, decoder);
      o += f.length;
    }
    records.push(rec);
  }
  return { version, languageDriver: bytes[29], fields, records, warnings };
}
