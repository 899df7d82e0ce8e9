// Text decoding for imported files. Chinese files come as UTF-8 or GBK (often without saying which), so we
// decode by: the user's choice, else a byte-order mark, else "valid UTF-8 → UTF-8, otherwise GBK".
import { ImportError } from './errors.ts';

/** Map the names found in .cpg files, DBF headers and XML declarations to WHATWG TextDecoder labels. */
export function encodingLabel(name: string): string | undefined {
  const n = name.trim().toLowerCase().replace(/^cp/, '').replace(/[\s_]/g, '');
  const table: Record<string, string> = {
    'utf-8': 'utf-8', utf8: 'utf-8', '65001': 'utf-8',
    gbk: 'gbk', '936': 'gbk', gb2312: 'gbk', gb18030: 'gb18030', '54936': 'gb18030', 'ms936': 'gbk',
    big5: 'big5', '950': 'big5',
    sjis: 'shift_jis', shiftjis: 'shift_jis', 'shift-jis': 'shift_jis', '932': 'shift_jis',
    '1252': 'windows-1252', 'windows-1252': 'windows-1252', 'iso-8859-1': 'windows-1252', '88591': 'windows-1252', latin1: 'windows-1252',
    '1250': 'windows-1250', '1251': 'windows-1251', '866': 'ibm866', '949': 'euc-kr',
  };
  if (table[n]) return table[n];
  try {
    return new TextDecoder(n).encoding;
  } catch {
    return undefined;
  }
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decode with a known label; the caller already resolved it. */
export function decodeWith(bytes: Uint8Array, label: string): string {
  return new TextDecoder(label).decode(bytes);
}

/** The encoding a user typed, validated; throws ImportError naming the file if unknown. */
export function userEncoding(fileName: string, name: string): string {
  const label = encodingLabel(name);
  if (!label) throw new ImportError(fileName, `unknown text encoding "${name}"; use gbk or utf-8`);
  return label;
}

/** Pick UTF-8 when the bytes are valid UTF-8 (pure ASCII included), else GBK — the two encodings Chinese tools write. */
export function detectEncoding(bytes: Uint8Array): 'utf-8' | 'gbk' {
  return isValidUtf8(bytes) ? 'utf-8' : 'gbk';
}

/** Decode a whole text file: user choice, then BOM, then detection. Returns the text and the encoding used. */
export function decodeTextFile(fileName: string, bytes: Uint8Array, userChoice?: string): { text: string; encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith(bytes.subarray(3), 'utf-8'), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { text: decodeWith(bytes.subarray(2), label), encoding: label };
  }
  const encoding = userChoice ? userEncoding(fileName, userChoice) : detectEncoding(bytes);
  return { text: decodeWith(bytes, encoding), encoding };
}
