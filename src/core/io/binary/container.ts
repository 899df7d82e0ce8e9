// The container of the pipeline's binary stand files (stands.columns.bin, stands.geometry.bin):
//   8-byte signature | u32 header length (LE) | header JSON (UTF-8, has `format`) | zero padding to 8 | data block
// The data block holds typed arrays at 8-aligned offsets the header describes. Pure TypeScript (Node and workers).

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** Signature + header + data, the data block starting 8-aligned. */
export function writeBinaryFile(magic: string, header: object, data: ArrayBuffer): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = pad8(12 + json.length);
  const out = new Uint8Array(start + data.byteLength);
  out.set(new TextEncoder().encode(magic), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(new Uint8Array(data), start);
  return out;
}

export interface BinaryFile<H> {
  header: H;
  /** The data block's buffer and its byte offset there (the caller's buffer when aligned, else a copy at 0). */
  buffer: ArrayBufferLike;
  base: number;
  dataBytes: number;
  fail: (problem: string) => never;
}

/**
 * Checks the signature, the header and the format name; every problem throws "<file>: <problem>". The data block is
 * used in place when 8-aligned in the caller's buffer, else copied once (typed arrays need aligned offsets).
 */
export function readBinaryFile<H extends { format: string }>(bytes: Uint8Array, magic: string, format: string, file: string): BinaryFile<H> {
  const fail = (problem: string): never => { throw new Error(`${file}: ${problem}`); };
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== magic) fail(`not a ${format} file (no ${magic} signature)`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + headerLength > bytes.length) fail(`the header claims ${headerLength} bytes but the file has ${bytes.length}`);
  let header: H;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLength)));
  } catch (e) {
    return fail(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (header?.format !== format) fail(`not a ${format} file (format ${String(header?.format)})`);
  const start = pad8(12 + headerLength);
  const aligned = (bytes.byteOffset + start) % 8 === 0;
  return {
    header, fail,
    buffer: aligned ? bytes.buffer : bytes.slice(start).buffer,
    base: aligned ? bytes.byteOffset + start : 0,
    dataBytes: bytes.length - start,
  };
}
