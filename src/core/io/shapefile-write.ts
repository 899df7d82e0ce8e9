// Writes ESRI Shapefiles (.shp .shx .dbf .prj .cpg) from lon/lat GeoJSON features, optionally projected to a
// Chinese GK zone and with GBK or UTF-8 attributes — the form planners' desktop tools (ArcGIS, QGIS, 南方CASS)
// read. Tests use it to make fixtures; the export feature reuses it.
import { zipSync } from 'fflate';
import type { Feature, Geometry, Position } from 'geojson';
import { crsByCode, fromLonLat } from '../geo/crs.ts';
import { encodeGbk } from './gbk-encode.ts';
import { wktForCode } from './prj.ts';

export interface ShapefileWriteOptions {
  /** EPSG code (from the CRS table) to write coordinates in; features are lon/lat. Default 4490 (CGCS2000). */
  crs?: number;
  /** Attribute text encoding. Default 'utf-8'. */
  encoding?: 'utf-8' | 'gbk';
  /** Write a .cpg naming the encoding (default true). */
  cpg?: boolean;
  /** Write a .prj (default true). */
  prj?: boolean;
  /** DBF language-driver byte; default 0x4D (code page 936) for GBK, 0 for UTF-8. */
  languageDriver?: number;
}

export interface WrittenShapefile {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

const SHAPE_TYPE: Record<string, number> = { Point: 1, MultiPoint: 8, LineString: 3, MultiLineString: 3, Polygon: 5, MultiPolygon: 5 };

function area2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** Parts of a geometry as the .shp wants them: polygon outers clockwise, holes counter-clockwise. */
function partsOf(g: Geometry): Position[][] {
  const wind = (ring: Position[], clockwise: boolean) => (area2(ring) < 0 === clockwise ? ring : [...ring].reverse());
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'MultiPoint':
      return [g.coordinates];
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates.map((r, i) => wind(r, i === 0));
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r, i) => wind(r, i === 0)));
    default:
      throw new Error(`cannot write ${g.type} to a shapefile`);
  }
}

function shapeRecord(type: number, parts: Position[][] | null): Uint8Array {
  if (!parts) return new Uint8Array(4); // shape type 0: a null shape
  const pts = parts.flat();
  const size = type === 1 ? 20 : type === 8 ? 40 + 16 * pts.length : 44 + 4 * parts.length + 16 * pts.length;
  const buf = new Uint8Array(size);
  const v = new DataView(buf.buffer);
  v.setInt32(0, type, true);
  if (type === 1) {
    v.setFloat64(4, pts[0][0], true);
    v.setFloat64(12, pts[0][1], true);
    return buf;
  }
  bboxOf(pts).forEach((n, i) => v.setFloat64(4 + 8 * i, n, true));
  let o: number;
  if (type === 8) {
    v.setInt32(36, pts.length, true);
    o = 40;
  } else {
    v.setInt32(36, parts.length, true);
    v.setInt32(40, pts.length, true);
    let start = 0;
    parts.forEach((p, i) => {
      v.setInt32(44 + 4 * i, start, true);
      start += p.length;
    });
    o = 44 + 4 * parts.length;
  }
  for (const p of pts) {
    v.setFloat64(o, p[0], true);
    v.setFloat64(o + 8, p[1], true);
    o += 16;
  }
  return buf;
}

function header(type: number, fileBytes: number, bbox: number[]): Uint8Array {
  const buf = new Uint8Array(100);
  const v = new DataView(buf.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, fileBytes / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, type, true);
  bbox.forEach((n, i) => v.setFloat64(36 + 8 * i, n, true));
  return buf;
}

/** [xmin, ymin, xmax, ymax]; loops rather than Math.min(...xs), which overflows the stack on big layers. */
function bboxOf(points: Position[]): number[] {
  if (points.length === 0) return [0, 0, 0, 0];
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

interface FieldSpec {
  key: string;
  nameBytes: Uint8Array;
  type: 'C' | 'N' | 'L';
  length: number;
  decimals: number;
}

function fitBytes(text: string, max: number, encode: (s: string) => Uint8Array): Uint8Array {
  let bytes = encode(text);
  let chars = [...text];
  while (bytes.length > max) {
    chars = chars.slice(0, -1);
    bytes = encode(chars.join(''));
  }
  return bytes;
}

function inferFields(features: Feature[], encode: (s: string) => Uint8Array): FieldSpec[] {
  const keys: string[] = [];
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) if (!keys.includes(k)) keys.push(k);
  const used = new Set<string>();
  return keys.map((key) => {
    const values = features.map((f) => f.properties?.[key]).filter((v) => v !== null && v !== undefined);
    // Unique ignoring case: desktop tools read DBF field names case-insensitively (NAME and name would clash).
    const seen = (b: Uint8Array) => used.has(new TextDecoder('latin1').decode(b).toUpperCase());
    let nameBytes = fitBytes(key, 10, encode);
    for (let k = 2; seen(nameBytes); k++) nameBytes = fitBytes(`${[...key].slice(0, 7).join('')}_${k}`, 10, encode);
    used.add(new TextDecoder('latin1').decode(nameBytes).toUpperCase());
    if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      // a loop, not Math.max(...values): 200k arguments overflow the call stack
      const decimals = Math.min(8, values.reduce<number>((m, v) => Math.max(m, (String(v).split('.')[1] ?? '').length), 0));
      return { key, nameBytes, type: 'N', length: 19, decimals };
    }
    if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return { key, nameBytes, type: 'L', length: 1, decimals: 0 };
    const length = Math.min(254, values.reduce<number>((m, v) => Math.max(m, encode(String(v)).length), 1));
    return { key, nameBytes, type: 'C', length, decimals: 0 };
  });
}

function writeDbf(features: Feature[], encode: (s: string) => Uint8Array, languageDriver: number): Uint8Array {
  const fields = inferFields(features, encode);
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const buf = new Uint8Array(headerLength + recordLength * features.length + 1);
  const v = new DataView(buf.buffer);
  const now = new Date();
  buf[0] = 0x03;
  buf[1] = now.getFullYear() - 1900;
  buf[2] = now.getMonth() + 1;
  buf[3] = now.getDate();
  v.setUint32(4, features.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  buf[29] = languageDriver;
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    buf.set(f.nameBytes, o);
    buf[o + 11] = f.type.charCodeAt(0);
    buf[o + 16] = f.length;
    buf[o + 17] = f.decimals;
  });
  buf[headerLength - 1] = 0x0d;
  const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  features.forEach((feat, r) => {
    let o = headerLength + r * recordLength;
    buf[o++] = 0x20;
    for (const f of fields) {
      const value = feat.properties?.[f.key];
      buf.fill(0x20, o, o + f.length);
      if (value !== null && value !== undefined) {
        if (f.type === 'N') {
          const text = (value as number).toFixed(f.decimals).slice(0, f.length);
          buf.set(ascii(text), o + f.length - text.length);
        } else if (f.type === 'L') buf[o] = value ? 0x54 : 0x46;
        else buf.set(fitBytes(String(value), f.length, encode), o);
      }
      o += f.length;
    }
  });
  buf[buf.length - 1] = 0x1a;
  return buf;
}

/** Write a shapefile's parts. All non-null geometries must map to one shape type. */
export function writeShapefile(features: Feature<Geometry | null>[], options: ShapefileWriteOptions = {}): WrittenShapefile {
  const code = options.crs ?? 4490;
  const def = crsByCode(code);
  if (!def) throw new Error(`unknown CRS EPSG:${code}`);
  const project = fromLonLat(def.proj4);
  const types = new Set(features.filter((f) => f.geometry).map((f) => SHAPE_TYPE[f.geometry!.type]));
  if (types.has(undefined as unknown as number)) throw new Error('shapefiles cannot hold GeometryCollections');
  if (types.size > 1) throw new Error('a shapefile holds one geometry type; split points, lines and polygons');
  const type = [...types][0] ?? 0;
  const records = features.map((f) => {
    const parts = f.geometry ? partsOf(f.geometry).map((part) => part.map(([x, y]) => project(x, y))) : null;
    return { parts, bytes: shapeRecord(type, parts) };
  });
  const bbox = bboxOf(records.flatMap((r) => r.parts?.flat() ?? []));
  const shpChunks: Uint8Array[] = [];
  const shxChunks: Uint8Array[] = [];
  let offset = 100;
  records.forEach((r, i) => {
    const rh = new Uint8Array(8);
    const v = new DataView(rh.buffer);
    v.setInt32(0, i + 1, false);
    v.setInt32(4, r.bytes.length / 2, false);
    shpChunks.push(rh, r.bytes);
    const ix = new Uint8Array(8);
    const w = new DataView(ix.buffer);
    w.setInt32(0, offset / 2, false);
    w.setInt32(4, r.bytes.length / 2, false);
    shxChunks.push(ix);
    offset += 8 + r.bytes.length;
  });
  const shp = concat([header(type, offset, bbox), ...shpChunks]);
  const shx = concat([header(type, 100 + 8 * records.length, bbox), ...shxChunks]);
  const encoding = options.encoding ?? 'utf-8';
  const encode = encoding === 'gbk' ? encodeGbk : (s: string) => new TextEncoder().encode(s);
  const dbf = writeDbf(features as Feature[], encode, options.languageDriver ?? (encoding === 'gbk' ? 0x4d : 0));
  const parts: WrittenShapefile = { shp, shx, dbf };
  if (options.prj ?? true) parts.prj = new TextEncoder().encode(wktForCode(code));
  if (options.cpg ?? true) parts.cpg = new TextEncoder().encode(encoding === 'gbk' ? 'GBK' : 'UTF-8');
  return parts;
}

/** Zip the parts as base.shp, base.shx, … */
export function zipShapefile(base: string, parts: WrittenShapefile): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [ext, data] of Object.entries(parts)) if (data) files[`${base}.${ext}`] = data;
  return zipSync(files);
}
