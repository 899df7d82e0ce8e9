// The stands' polygons as one binary file beside stands.columns.bin, for the planner's site analysis: at 200k stands
// ~23 MB of exact float64 coordinates instead of the 131 MB stands.geojson (whose attributes the columns file already
// has). Written by the tile step; pure TypeScript (Node and workers).
//
// Layout: the container of container.ts with signature "XGGEOM01"; its data block holds (little-endian):
//   kinds      u8  per stand: 0 no geometry, 1 Polygon, 2 MultiPolygon
//   polygons   u32 per stand + 1: first polygon of each stand
//   rings      u32 per polygon + 1: first ring of each polygon (outer ring first, then holes)
//   vertices   u32 per ring + 1: first vertex of each ring
//   coords     f64 per vertex × 2: lon, lat exactly as in stands.geojson
// (The nested offsets are GeoArrow's layout for multipolygons.)
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { readBinaryFile, writeBinaryFile } from './container.ts';

export const STAND_GEOMETRY_FILE = 'stands.geometry.bin';
export const STAND_GEOMETRY_FORMAT = 'stand-geometry-1';
const MAGIC = 'XGGEOM01';

interface Header {
  format: typeof STAND_GEOMETRY_FORMAT;
  count: number;
  polygons: number;
  rings: number;
  vertices: number;
  /** Identifies the stands.geojson the file was made from (size and SHA-1), as in the columns file. */
  source: { bytes: number; sha1: string };
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

function sections(h: Pick<Header, 'count' | 'polygons' | 'rings' | 'vertices'>) {
  const kinds = 0;
  const polygons = pad8(kinds + h.count);
  const rings = pad8(polygons + 4 * (h.count + 1));
  const vertices = pad8(rings + 4 * (h.polygons + 1));
  const coords = pad8(vertices + 4 * (h.rings + 1));
  return { kinds, polygons, rings, vertices, coords, size: coords + 16 * h.vertices };
}

export function encodeStandGeometry(features: readonly Feature<Geometry | null, unknown>[], source: Header['source']): Uint8Array {
  const kinds: number[] = [];
  const polys: Position[][][][] = [];
  let polygons = 0, rings = 0, vertices = 0;
  for (const f of features) {
    const g = f.geometry;
    const parts = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    kinds.push(g?.type === 'Polygon' ? 1 : g?.type === 'MultiPolygon' ? 2 : 0);
    polys.push(parts);
    polygons += parts.length;
    for (const p of parts) { rings += p.length; for (const r of p) vertices += r.length; }
  }
  const header: Header = { format: STAND_GEOMETRY_FORMAT, count: features.length, polygons, rings, vertices, source };
  const at = sections(header);
  const data = new ArrayBuffer(at.size);
  new Uint8Array(data, at.kinds, header.count).set(kinds);
  const polyStart = new Uint32Array(data, at.polygons, header.count + 1);
  const ringStart = new Uint32Array(data, at.rings, polygons + 1);
  const vertexStart = new Uint32Array(data, at.vertices, rings + 1);
  const coords = new Float64Array(data, at.coords, 2 * vertices);
  let p = 0, r = 0, v = 0;
  polys.forEach((parts, i) => {
    polyStart[i] = p;
    for (const poly of parts) {
      ringStart[p++] = r;
      for (const ring of poly) {
        vertexStart[r++] = v;
        for (const pos of ring) (coords[2 * v] = pos[0]), (coords[2 * v + 1] = pos[1]), v++;
      }
    }
  });
  polyStart[header.count] = p;
  ringStart[polygons] = r;
  vertexStart[rings] = v;
  return writeBinaryFile(MAGIC, header, data);
}

/** The geometries, index-aligned with the stands; throws a message naming `file` and the problem. */
export function readStandGeometry(bytes: Uint8Array, file = STAND_GEOMETRY_FILE): { source: Header['source']; geometries: (Polygon | MultiPolygon | null)[] } {
  const { header: h, buffer, base, dataBytes, fail } = readBinaryFile<Header>(bytes, MAGIC, STAND_GEOMETRY_FORMAT, file);
  for (const k of ['count', 'polygons', 'rings', 'vertices'] as const) if (!Number.isInteger(h[k]) || h[k] < 0) fail(`${k} is not a non-negative integer`);
  const at = sections(h);
  if (at.size !== dataBytes) fail(`truncated or padded: the data block has ${dataBytes} bytes, the header describes ${at.size}`);
  const kinds = new Uint8Array(buffer, base + at.kinds, h.count);
  const polyStart = new Uint32Array(buffer, base + at.polygons, h.count + 1);
  const ringStart = new Uint32Array(buffer, base + at.rings, h.polygons + 1);
  const vertexStart = new Uint32Array(buffer, base + at.vertices, h.rings + 1);
  const coords = new Float64Array(buffer, base + at.coords, 2 * h.vertices);
  // Offsets must rise and end at the totals, or a reader would index past the arrays.
  const rising = (a: Uint32Array, total: number, what: string) => {
    if (a[0] !== 0 || a[a.length - 1] !== total) fail(`${what} offsets do not run from 0 to ${total}`);
    for (let i = 1; i < a.length; i++) if (a[i] < a[i - 1]) fail(`${what} offsets go backwards at ${i}`);
  };
  rising(polyStart, h.polygons, 'polygon');
  rising(ringStart, h.rings, 'ring');
  rising(vertexStart, h.vertices, 'vertex');
  const geometries: (Polygon | MultiPolygon | null)[] = new Array(h.count);
  for (let i = 0; i < h.count; i++) {
    const kind = kinds[i];
    if (kind === 0) { geometries[i] = null; continue; }
    if (kind !== 1 && kind !== 2) fail(`stand ${i + 1} has an unknown geometry kind ${kind}`);
    const parts: Position[][][] = [];
    for (let p = polyStart[i]; p < polyStart[i + 1]; p++) {
      const poly: Position[][] = [];
      for (let r = ringStart[p]; r < ringStart[p + 1]; r++) {
        const ring: Position[] = new Array(vertexStart[r + 1] - vertexStart[r]);
        for (let v = vertexStart[r], k = 0; v < vertexStart[r + 1]; v++, k++) ring[k] = [coords[2 * v], coords[2 * v + 1]];
        poly.push(ring);
      }
      parts.push(poly);
    }
    if (kind === 1 && parts.length !== 1) fail(`stand ${i + 1} is a Polygon with ${parts.length} parts`);
    geometries[i] = kind === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
  }
  return { source: h.source, geometries };
}
