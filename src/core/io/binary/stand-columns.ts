// A compact, binary, columnar copy of the stand attributes with each stand's ellipsoidal area and centre, written by the
// tile pipeline (scripts/tiles/) next to stands.geojson. The analysis worker reads it instead of the full GeoJSON: at
// 200k stands ~8 MB read as typed-array views (no JSON parse of the bulk, no per-stand objects built up front) instead of
// 130 MB of GeoJSON plus an area pass. Pure TypeScript (Node and workers).
//
// Layout: the container of container.ts with signature "XGCOLS01"; a JSON header, then the data block.
// The header names every column and where its typed array sits in the data block (byte offsets from the data start):
//   dict   — few distinct values (any type): the values in the header, one u8/u16 code per stand in the data block;
//   number — other numbers or nulls: one f64 per stand, null as NaN (JSON numbers are never NaN, so nothing is ambiguous);
//   text   — anything else (unique ids): the values in the header.
// area_m2, lon and lat are f64 columns. Views are used in place, so a file is read without copying its data.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { readBinaryFile, writeBinaryFile } from './container.ts';

export const STAND_COLUMNS_FILE = 'stands.columns.bin';
export const STAND_COLUMNS_FORMAT = 'stand-columns-2';
const MAGIC = 'XGCOLS01';

type Scalar = string | number | boolean | null;

type ColumnHeader =
  | { name: string; kind: 'dict'; dict: Scalar[]; width: 1 | 2 | 4; offset: number }
  | { name: string; kind: 'number'; offset: number }
  | { name: string; kind: 'text'; values: Scalar[] };

interface Header {
  format: typeof STAND_COLUMNS_FORMAT;
  count: number;
  /** Identifies the stands.geojson the columns were made from (size and SHA-1), so stale columns are noticed. */
  source: { bytes: number; sha1: string };
  /** In the properties' original order. */
  columns: ColumnHeader[];
  area_m2: number;
  lon: number;
  lat: number;
  data_bytes: number;
}

/** A read file: index-aligned columns, plus the stands as attribute-only features whose properties read the columns. */
export interface StandTable {
  count: number;
  source: Header['source'];
  names: string[];
  /** Value of property `name` of stand i (0-based), exactly as it was in stands.geojson (null for absent). */
  get(name: string, i: number): Scalar;
  /** Ellipsoidal area (m², geodesicArea at build time). */
  areas: Float64Array;
  /** lon, lat pairs: vertex average of the outer ring (the carbon-density layer's point). */
  centres: Float64Array;
  stands: FeatureCollection<null, Record<string, Scalar>>;
}

const MAX_DICT = 65_535;

function columnOf(name: string, values: Scalar[], n: number, place: (bytes: number) => number): { header: ColumnHeader; write: (buf: ArrayBuffer) => void } {
  const dict = [...new Set(values)];
  if (dict.length <= MAX_DICT && dict.length * 4 < n) {
    const width = dict.length <= 256 ? 1 : 2;
    const offset = place(width * n);
    const index = new Map(dict.map((v, i) => [v, i]));
    const codes = values.map((v) => index.get(v)!);
    return { header: { name, kind: 'dict', dict, width, offset }, write: (buf) => (width === 1 ? new Uint8Array(buf, offset, n) : new Uint16Array(buf, offset, n)).set(codes) };
  }
  if (values.every((v) => v === null || typeof v === 'number')) {
    const offset = place(8 * n);
    return { header: { name, kind: 'number', offset }, write: (buf) => new Float64Array(buf, offset, n).set(values.map((v) => (v === null ? NaN : (v as number)))) };
  }
  return { header: { name, kind: 'text', values }, write: () => {} };
}

/** The file bytes from a feature list whose areas and centres (lon, lat pairs) are already computed (index-aligned). */
export function encodeStandColumns(
  features: readonly Feature<Geometry | null, Record<string, unknown> | null>[],
  areasM2: ArrayLike<number>,
  centres: ArrayLike<number>,
  source: Header['source'],
): Uint8Array {
  const n = features.length;
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) if (!seen.has(k)) (seen.add(k), keys.push(k));
  let size = 0;
  const place = (bytes: number) => { const at = size; size += Math.ceil(bytes / 8) * 8; return at; };
  const cols = keys.map((k) => columnOf(k, features.map((f) => ((f.properties ?? {})[k] ?? null) as Scalar), n, place));
  const area = place(8 * n);
  const lon = place(8 * n);
  const lat = place(8 * n);
  const header: Header = { format: STAND_COLUMNS_FORMAT, count: n, source, columns: cols.map((c) => c.header), area_m2: area, lon, lat, data_bytes: size };
  const data = new ArrayBuffer(size);
  for (const c of cols) c.write(data);
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  new Float64Array(data, area, n).set(Array.from(areasM2));
  new Float64Array(data, lon, n).set(Array.from({ length: n }, (_, i) => r6(centres[2 * i])));
  new Float64Array(data, lat, n).set(Array.from({ length: n }, (_, i) => r6(centres[2 * i + 1])));
  return writeBinaryFile(MAGIC, header, data);
}

/** Reads and checks a file; throws a message naming `file` and the problem. `bytes` is used in place (not copied). */
export function readStandColumns(bytes: Uint8Array, file = STAND_COLUMNS_FILE): StandTable {
  const { header: h, buffer, base, dataBytes, fail } = readBinaryFile<Header>(bytes, MAGIC, STAND_COLUMNS_FORMAT, file);
  const n = h.count;
  if (!Number.isInteger(n) || n < 0) fail('count is not a non-negative integer');
  if (!Number.isInteger(h.data_bytes) || h.data_bytes !== dataBytes) fail(`truncated or padded: the data block has ${dataBytes} bytes, the header describes ${h.data_bytes}`);
  const f64 = (offset: number, what: string) => {
    if (!Number.isInteger(offset) || offset < 0 || offset % 8 !== 0 || offset + 8 * n > h.data_bytes) fail(`${what} lies outside the data block`);
    return new Float64Array(buffer, base + offset, n);
  };
  const areas = f64(h.area_m2, 'area_m2');
  const lon = f64(h.lon, 'lon');
  const lat = f64(h.lat, 'lat');
  const views: RowView[] = [];
  if (!Array.isArray(h.columns)) fail('no column list');
  for (const c of h.columns) {
    if (typeof c?.name !== 'string' || views.some((v) => v.name === c.name)) fail(`a column has no name or a repeated one (${String(c?.name)})`);
    if (c.kind === 'number') {
      const a = f64(c.offset, `column ${c.name}`);
      views.push({ name: c.name, kind: 'number', numbers: a });
    } else if (c.kind === 'dict') {
      if (!Array.isArray(c.dict) || ![1, 2, 4].includes(c.width)) fail(`column ${c.name} has no dictionary or a bad code width`);
      if (!Number.isInteger(c.offset) || c.offset < 0 || c.offset + c.width * n > h.data_bytes) fail(`column ${c.name} lies outside the data block`);
      const codes = c.width === 1 ? new Uint8Array(buffer, base + c.offset, n) : c.width === 2 ? new Uint16Array(buffer, base + c.offset, n) : new Uint32Array(buffer, base + c.offset, n);
      let max = 0;
      for (let i = 0; i < n; i++) if (codes[i] > max) max = codes[i];
      if (n > 0 && max >= c.dict.length) fail(`column ${c.name} has a code outside its dictionary (${max} of ${c.dict.length})`);
      const dict = c.dict;
      views.push({ name: c.name, kind: 'dict', dict, codes });
    } else if (c.kind === 'text') {
      if (!Array.isArray(c.values) || c.values.length !== n) fail(`column ${c.name} has ${Array.isArray(c.values) ? c.values.length : 'no'} values for ${n} stands`);
      const values = c.values;
      views.push({ name: c.name, kind: 'text', values });
    } else fail(`column ${String((c as { name: unknown }).name)} has an unknown kind`);
  }
  if (!views.some((v) => v.name === 'id')) fail('no id field');
  const centres = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) (centres[2 * i] = lon[i]), (centres[2 * i + 1] = lat[i]);
  const names = h.columns.map((c) => c.name);
  const features = rowFeatures(n, views);
  // One way to read a column: `get` goes through the same row views the features expose.
  return {
    count: n, source: h.source, names, areas, centres,
    get: (name, i) => (names.includes(name) ? features[i].properties[name] : fail(`no column ${name}`)),
    stands: { type: 'FeatureCollection', features },
  };
}

const ROW = Symbol('row');

type RowView =
  | { name: string; kind: 'number'; numbers: Float64Array }
  | { name: string; kind: 'dict'; dict: Scalar[]; codes: Uint8Array | Uint16Array | Uint32Array }
  | { name: string; kind: 'text'; values: Scalar[] };
type Row = { [ROW]: number };

/**
 * Attribute-only features whose properties are views: each property is an enumerable getter on a shared prototype that
 * reads the column at the row's index. Building 200k of these costs a few ms where plain objects cost ~0.3 s, and the
 * values are the same ones (checked by the tests). One getter body per column kind reads its arrays directly (no call
 * through a per-column function), so the county pass stays fast from its first run. Object.keys/entries and spreading
 * see no own keys, so callers that need a plain object use `plainProperties`.
 */
function rowFeatures(n: number, views: RowView[]): Feature<null, Record<string, Scalar>>[] {
  const proto: Record<string | symbol, unknown> = {};
  for (const v of views) {
    let get: (this: Row) => Scalar;
    if (v.kind === 'dict') {
      const { dict, codes } = v;
      get = function (this: Row) { return dict[codes[this[ROW]]]; };
    } else if (v.kind === 'number') {
      const a = v.numbers;
      get = function (this: Row) { const x = a[this[ROW]]; return x === x ? x : null; }; // NaN stands for null
    } else {
      const values = v.values;
      get = function (this: Row) { return values[this[ROW]]; };
    }
    Object.defineProperty(proto, v.name, { get, enumerable: true });
  }
  const features: Feature<null, Record<string, Scalar>>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = Object.create(proto) as Record<string | symbol, unknown>;
    p[ROW] = i;
    features[i] = { type: 'Feature', id: i + 1, properties: p as Record<string, Scalar>, geometry: null };
  }
  return features;
}

/** A row's properties as a plain object (for display or messages), in the file's column order. */
export function plainProperties(p: Record<string, Scalar>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const k in p) out[k] = p[k];
  return out;
}
