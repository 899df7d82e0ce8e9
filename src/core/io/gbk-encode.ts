// A GBK encoder. TextEncoder only writes UTF-8, but GBK is what Chinese GIS tools expect in a .dbf, so the
// table is built once, lazily, by decoding every GBK double-byte code with TextDecoder('gbk') and inverting it.
let table: Map<number, number> | undefined;

function buildTable(): Map<number, number> {
  const map = new Map<number, number>();
  const decoder = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = decoder.decode(pair);
      if (s.length === 1 && s !== '\ufffd') {
        const cp = s.charCodeAt(0);
        if (!map.has(cp)) map.set(cp, (lead << 8) | trail);
      }
    }
  }
  return map;
}

/** Encode text as GBK. Characters GBK cannot represent become '?'. */
export function encodeGbk(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const code = cp <= 0xffff ? table.get(cp) : undefined;
      if (code === undefined) out.push(0x3f);
      else out.push(code >> 8, code & 0xff);
    }
  }
  return Uint8Array.from(out);
}
