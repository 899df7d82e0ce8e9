// HTTP Range (RFC 9110 §14) for the files the map and the workers read piece by piece: a Cloud-Optimised GeoTIFF is
// read as its header and then only the tiles a view or a zone needs (geotiff.js asks for byte ranges). Pure: parses
// the header against a file size and says what to send; raster-routes.ts sends it.

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/**
 * What a Range header asks of a file of `size` bytes:
 *   - 'full'  : no Range header, a unit other than bytes, or a header we do not read (serve the whole file, 200 — allowed
 *               by the RFC, and what a client that sent a malformed header gets everywhere);
 *   - 'none'  : byte ranges of which none lies in the file (416);
 *   - ranges  : the satisfiable ranges, in the order asked, clipped to the file (206).
 * At most `maxRanges` ranges are honoured; a request for more gets the whole file (a cheap answer to a header meant to
 * make the server do a lot of small work).
 */
export function parseRange(header: string | undefined, size: number, maxRanges = 32): 'full' | 'none' | ByteRange[] {
  if (!header) return 'full';
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return 'full';
  const parts = m[1].split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > maxRanges) return 'full';
  const out: ByteRange[] = [];
  for (const part of parts) {
    const r = /^(\d*)\s*-\s*(\d*)$/.exec(part);
    if (!r || (r[1] === '' && r[2] === '')) return 'full';
    if (r[1] === '') {
      // suffix: the last n bytes
      const n = Number(r[2]);
      if (n === 0) continue;
      out.push({ start: Math.max(0, size - n), end: size - 1 });
      continue;
    }
    const start = Number(r[1]);
    const end = r[2] === '' ? Infinity : Number(r[2]);
    if (!Number.isSafeInteger(start) || (end !== Infinity && (!Number.isSafeInteger(end) || end < start))) return 'full';
    if (start >= size) continue;
    out.push({ start, end: Math.min(end, size - 1) });
  }
  if (size === 0 || out.length === 0) return 'none';
  return out;
}

/**
 * Whether an If-Range header still names the file as it is (strong ETag match or the exact Last-Modified date);
 * when it does not, the client's cached pieces are stale and it gets the whole file.
 */
export function ifRangeMatches(ifRange: string | undefined, etag: string, lastModified: Date): boolean {
  if (ifRange === undefined) return true;
  const v = ifRange.trim();
  if (v.startsWith('"')) return v === etag;
  if (v.startsWith('W/')) return false; // weak validators never match for ranges
  const t = Date.parse(v);
  return Number.isFinite(t) && Math.floor(t / 1000) === Math.floor(lastModified.getTime() / 1000);
}

/** The Content-Range value of one range. */
export function contentRange(r: ByteRange, size: number): string {
  return `bytes ${r.start}-${r.end}/${size}`;
}

/**
 * The framing of a multipart/byteranges body: for each range the part header to write before its bytes, and the
 * closing delimiter. `length` is the body's exact byte count (for Content-Length).
 */
export function multipartFraming(ranges: readonly ByteRange[], size: number, type: string, boundary: string): { heads: string[]; tail: string; length: number } {
  const heads = ranges.map((r, i) => `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: ${contentRange(r, size)}\r\n\r\n`);
  const tail = `\r\n--${boundary}--\r\n`;
  const length = heads.reduce((s, h) => s + Buffer.byteLength(h), 0) + ranges.reduce((s, r) => s + r.end - r.start + 1, 0) + Buffer.byteLength(tail);
  return { heads, tail, length };
}
