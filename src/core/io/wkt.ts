// OGC Well-Known Text geometries (Simple Features 1.2.1 §7): written into the sites CSV so a spreadsheet row carries its
// shape, and read back by the CSV importer from a WKT/geometry column. 2-D: Z and M values are read and dropped; EMPTY
// geometries read as null. Pure: strings in, GeoJSON out; a malformed text throws with the character it stopped at.
import type { Geometry, Position } from 'geojson';

const fmt = (n: number) => String(Math.round(n * 1e9) / 1e9);
const pos = (p: Position) => `${fmt(p[0])} ${fmt(p[1])}`;
const list = (ps: Position[]) => `(${ps.map(pos).join(', ')})`;
const rings = (rs: Position[][]) => `(${rs.map(list).join(', ')})`;

/** WKT of a GeoJSON geometry, 9 decimals (what the other exports keep). */
export function geometryToWkt(g: Geometry): string {
  switch (g.type) {
    case 'Point': return `POINT (${pos(g.coordinates)})`;
    case 'MultiPoint': return g.coordinates.length ? `MULTIPOINT (${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})` : 'MULTIPOINT EMPTY';
    case 'LineString': return `LINESTRING ${list(g.coordinates)}`;
    case 'MultiLineString': return `MULTILINESTRING (${g.coordinates.map(list).join(', ')})`;
    case 'Polygon': return `POLYGON ${rings(g.coordinates)}`;
    case 'MultiPolygon': return `MULTIPOLYGON (${g.coordinates.map(rings).join(', ')})`;
    case 'GeometryCollection': return g.geometries.length ? `GEOMETRYCOLLECTION (${g.geometries.map(geometryToWkt).join(', ')})` : 'GEOMETRYCOLLECTION EMPTY';
  }
}

const TYPES: Record<string, Geometry['type']> = {
  POINT: 'Point', MULTIPOINT: 'MultiPoint', LINESTRING: 'LineString', MULTILINESTRING: 'MultiLineString',
  POLYGON: 'Polygon', MULTIPOLYGON: 'MultiPolygon', GEOMETRYCOLLECTION: 'GeometryCollection',
};

/** True when the text starts like a WKT geometry (used to recognise a geometry column by its values). */
export function looksLikeWkt(text: string): boolean {
  // The type alone is not enough ("polygon" is also a CSV column name): a bracket or EMPTY must follow it.
  return /^\s*(?:SRID=\d+;\s*)?(POINT|MULTIPOINT|LINESTRING|MULTILINESTRING|POLYGON|MULTIPOLYGON|GEOMETRYCOLLECTION)\s*(?:ZM|Z|M)?\s*(?:\(|EMPTY\b)/i.test(text);
}

const MAX_DEPTH = 32;

/** GeoJSON of a WKT (or EWKT with SRID=…;) text; null for EMPTY. Throws Error("… at character N") on bad text. */
export function wktToGeometry(text: string): Geometry | null {
  let i = 0;
  const s = text.replace(/^\s*SRID=\d+;/i, (m) => ' '.repeat(m.length));
  const fail = (what: string): never => { throw new Error(`not valid WKT: ${what} at character ${i + 1}`); };
  const space = () => { while (i < s.length && /\s/.test(s[i])) i++; };
  const word = () => { space(); const m = /^[A-Za-z]+/.exec(s.slice(i)); if (!m) return ''; i += m[0].length; return m[0].toUpperCase(); };
  const expect = (c: string) => { space(); if (s[i] !== c) fail(`expected "${c}"`); i++; };
  const peek = (c: string) => { space(); return s[i] === c; };
  const number = () => {
    space();
    const m = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s.slice(i));
    if (!m) fail('expected a number');
    i += m![0].length;
    const n = Number(m![0]);
    if (!Number.isFinite(n)) fail('a number out of range');
    return n;
  };
  const position = (dims: number): Position => {
    const p: number[] = [number(), number()];
    // Z and/or M: read and dropped (by the tag, or by the count of numbers when untagged).
    for (let k = 2; k < dims || (dims === 0 && /^\s*[-+.\d]/.test(s.slice(i))); k++) number();
    return p;
  };
  const seq = <T>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    while (peek(',')) { i++; out.push(item()); }
    expect(')');
    return out;
  };
  const geometry = (depth: number): Geometry | null => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} deep`);
    const tag = word();
    const type = TYPES[tag];
    if (!type) fail(tag ? `unknown geometry type ${tag.length > 24 ? `${tag.slice(0, 24)}…` : tag}` : 'expected a geometry type');
    const save = i;
    const dimTag = word();
    let dims = 0;
    if (dimTag === 'Z' || dimTag === 'M') dims = 3;
    else if (dimTag === 'ZM') dims = 4;
    else if (dimTag === 'EMPTY') return null;
    else i = save;
    if (dims && word() === 'EMPTY') return null;
    if (!dims) { const again = i; if (word() === 'EMPTY') return null; i = again; }
    const p = () => position(dims);
    switch (type) {
      case 'Point': { const one = seq(p); if (one.length !== 1) fail('a POINT has one position'); return { type, coordinates: one[0] }; }
      case 'MultiPoint': return { type, coordinates: seq(() => (peek('(') ? seq(p)[0] : p())) };
      case 'LineString': return { type, coordinates: seq(p) };
      case 'MultiLineString': return { type, coordinates: seq(() => seq(p)) };
      case 'Polygon': return { type, coordinates: seq(() => seq(p)) };
      case 'MultiPolygon': return { type, coordinates: seq(() => seq(() => seq(p))) };
      case 'GeometryCollection': return { type, geometries: seq(() => geometry(depth + 1)).filter((g): g is Geometry => g !== null) };
    }
    return null;
  };
  const g = geometry(0);
  space();
  if (i < s.length) fail('unexpected text after the geometry');
  return g;
}
