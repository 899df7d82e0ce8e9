// The ESRI .shp geometry format (ESRI Shapefile Technical Description, 1998): a 100-byte header, then records of
// big-endian record headers and little-endian shapes. Z and M values are skipped (read as 2D).
// Every read is bounds-checked against the record length, so a corrupt file yields a message, not a crash.
import type { Geometry, Position } from 'geojson';

export const SHAPE_NAMES: Record<number, string> = {
  0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint', 11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ',
  18: 'MultiPointZ', 21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};

export interface ShpRecord {
  /** Record position in the file (0-based). */
  index: number;
  geometry: Geometry | null;
  error?: string;
  /** Notes about ring assembly (e.g. a hole outside every outer ring). */
  notes?: string[];
}

export interface ShpFile {
  shapeType: number;
  records: ShpRecord[];
  warnings: string[];
}

export class ShpError extends Error {}

/** Shoelace area (×2) in the file's plane; shapefile outer rings are clockwise (negative). */
function ringArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Group shapefile rings into polygons: clockwise rings are outers, counter-clockwise rings are holes of the
 * smallest outer that contains them. Output uses RFC 7946 winding (outer CCW, holes CW).
 */
export function assemblePolygon(rings: Position[][], notes: string[]): Geometry {
  const outers: { ring: Position[]; area: number; holes: Position[][] }[] = [];
  const holes: { ring: Position[]; k: number }[] = [];
  rings.forEach((ring, k) => {
    const a = ringArea2(ring);
    if (a <= 0) outers.push({ ring, area: -a, holes: [] });
    else holes.push({ ring, k });
  });
  // Probe each hole with a vertex not shared with an outer ring (a shared vertex is on the boundary).
  const outerVertices = new Set(holes.length ? outers.flatMap((o) => o.ring.map((q) => `${q[0]},${q[1]}`)) : []);
  for (const h of holes) {
    const probe = h.ring.find((p) => !outerVertices.has(`${p[0]},${p[1]}`)) ?? h.ring[0];
    const host = outers.filter((o) => inRing(probe, o.ring)).sort((x, y) => x.area - y.area)[0];
    if (host) host.holes.push(h.ring);
    else {
      // A counter-clockwise ring outside every outer: most likely a writer that ignored the winding rule.
      outers.push({ ring: [...h.ring].reverse(), area: ringArea2(h.ring), holes: [] });
      notes.push(`ring ${h.k} is counter-clockwise but inside no outer ring; read as a separate polygon`);
    }
  }
  const polys = outers.map((o) => [[...o.ring].reverse(), ...o.holes.map((r) => [...r].reverse())]);
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

function readShape(view: DataView, start: number, length: number, expectedType: number, notes: string[]): Geometry | null {
  const need = (n: number) => {
    if (n > length) throw new ShpError(`record content is ${length} bytes, needs ${n}`);
  };
  need(4);
  const type = view.getInt32(start, true);
  if (type === 0) return null;
  if (type !== expectedType) throw new ShpError(`shape type ${SHAPE_NAMES[type] ?? type} in a ${SHAPE_NAMES[expectedType] ?? expectedType} file`);
  const base = type % 10; // 1 point, 3 polyline, 5 polygon, 8 multipoint (Z = +10, M = +20)
  const pt = (o: number): Position => [view.getFloat64(start + o, true), view.getFloat64(start + o + 8, true)];
  if (type === 31) throw new ShpError('MultiPatch shapes are not supported');
  if (base === 1) {
    need(20);
    return { type: 'Point', coordinates: pt(4) };
  }
  if (base === 8) {
    need(40);
    const n = view.getInt32(start + 36, true);
    if (n < 0) throw new ShpError(`negative point count ${n}`);
    need(40 + 16 * n);
    return { type: 'MultiPoint', coordinates: Array.from({ length: n }, (_, i) => pt(40 + 16 * i)) };
  }
  if (base === 3 || base === 5) {
    need(44);
    const numParts = view.getInt32(start + 36, true);
    const numPoints = view.getInt32(start + 40, true);
    if (numParts < 1 || numPoints < 0) throw new ShpError(`bad part/point counts (${numParts} parts, ${numPoints} points)`);
    need(44 + 4 * numParts + 16 * numPoints);
    const parts = Array.from({ length: numParts }, (_, i) => view.getInt32(start + 44 + 4 * i, true));
    const pointsAt = 44 + 4 * numParts;
    const lines: Position[][] = [];
    for (let p = 0; p < numParts; p++) {
      const from = parts[p], to = p + 1 < numParts ? parts[p + 1] : numPoints;
      if (from < 0 || to > numPoints || from > to) throw new ShpError(`part ${p} points outside the record (${from}…${to} of ${numPoints})`);
      lines.push(Array.from({ length: to - from }, (_, i) => pt(pointsAt + 16 * (from + i))));
    }
    if (base === 3) return lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines };
    return assemblePolygon(lines, notes);
  }
  throw new ShpError(`unsupported shape type ${type}`);
}

/** Parse a .shp file. Throws ShpError for a corrupt header; record problems are returned per record. */
export function parseShp(bytes: Uint8Array): ShpFile {
  if (bytes.length < 100) throw new ShpError(`corrupt .shp header: the file is ${bytes.length} bytes, a header needs 100`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const code = view.getInt32(0, false);
  if (code !== 9994) throw new ShpError(`corrupt .shp header: file code ${code}, expected 9994`);
  const version = view.getInt32(28, true);
  if (version !== 1000) throw new ShpError(`corrupt .shp header: version ${version}, expected 1000`);
  const shapeType = view.getInt32(32, true);
  if (!(shapeType in SHAPE_NAMES)) throw new ShpError(`corrupt .shp header: unknown shape type ${shapeType}`);
  const warnings: string[] = [];
  const declared = view.getInt32(24, false) * 2;
  if (declared > bytes.length) warnings.push(`the .shp header says ${declared} bytes but the file has ${bytes.length}; it is truncated`);
  const records: ShpRecord[] = [];
  let offset = 100;
  while (offset + 8 <= bytes.length) {
    const index = records.length;
    const length = view.getInt32(offset + 4, false) * 2;
    if (length < 4 || offset + 8 + length > bytes.length) {
      records.push({ index, geometry: null, error: `record ${index} is truncated or corrupt (content length ${length} at byte ${offset})` });
      warnings.push(`stopped reading the .shp at record ${index}: truncated or corrupt`);
      break;
    }
    const notes: string[] = [];
    try {
      records.push({ index, geometry: readShape(view, offset + 8, length, shapeType, notes), notes: notes.length ? notes : undefined });
    } catch (e) {
      records.push({ index, geometry: null, error: e instanceof Error ? e.message : String(e) });
    }
    offset += 8 + length;
  }
  return { shapeType, records, warnings };
}

/** Record count in a .shx index (header 100 bytes, 8 bytes a record), for cross-checking. */
export function shxRecordCount(bytes: Uint8Array): number | undefined {
  if (bytes.length < 100) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, false) !== 9994) return undefined;
  return Math.floor((bytes.length - 100) / 8);
}
