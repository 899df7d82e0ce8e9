// The one walk over a GeoJSON geometry's coordinates. Everything that visits every position (bounding boxes, vertex
// counts, rounding for export, coordinate checks, perimeter and length) goes through eachPath, so the seven geometry
// types are spelled out once. Kept out of it on purpose: the area (measure.ts: per polygon, outer ring minus holes, on
// the import's hot path), the importer's reprojection (io/finish.ts mapGeometry, allocation-tuned for 200k stands),
// the binary stand encoding (core/io/binary/stand-geometry.ts, typed arrays) and the GeographicLib reference
// (geodesic-reference.ts), which must not share code with what it checks.
import type { Geometry, Position } from 'geojson';

/** What a sequence of positions is: a polygon ring (closed), a line, or the points of a (Multi)Point. */
export type PathKind = 'ring' | 'line' | 'points';
export type BBox = [number, number, number, number];

/**
 * Calls f with every sequence of positions of a geometry, members of a GeometryCollection included. `index` is the
 * ring's or line's place in its polygon or MultiLineString (-1 for a LineString and for points), `polygon` the polygon's
 * place in a MultiPolygon (-1 elsewhere). f returns true to stop the walk; eachPath then returns true.
 */
export function eachPath(g: Geometry | null | undefined, f: (positions: Position[], kind: PathKind, index: number, polygon: number) => boolean | void): boolean {
  if (!g) return false;
  switch (g.type) {
    case 'Point': return f([g.coordinates], 'points', -1, -1) === true;
    case 'MultiPoint': return f(g.coordinates, 'points', -1, -1) === true;
    case 'LineString': return f(g.coordinates, 'line', -1, -1) === true;
    case 'MultiLineString':
      for (let i = 0; i < g.coordinates.length; i++) if (f(g.coordinates[i], 'line', i, -1) === true) return true;
      return false;
    case 'Polygon':
      for (let i = 0; i < g.coordinates.length; i++) if (f(g.coordinates[i], 'ring', i, -1) === true) return true;
      return false;
    case 'MultiPolygon':
      for (let p = 0; p < g.coordinates.length; p++) {
        const rings = g.coordinates[p];
        for (let i = 0; i < rings.length; i++) if (f(rings[i], 'ring', i, p) === true) return true;
      }
      return false;
    case 'GeometryCollection':
      for (const x of g.geometries) if (eachPath(x, f)) return true;
      return false;
    default:
      return false;
  }
}

/** Calls f on every position, rings' closing positions included. */
export function eachPosition(g: Geometry | null | undefined, f: (p: Position) => void): void {
  eachPath(g, (positions) => {
    for (let i = 0; i < positions.length; i++) f(positions[i]);
  });
}

/** Every position, lazily by geometry (for consumers that may stop early, such as the CRS guess). */
export function* positionsOf(g: Geometry | null | undefined): Generator<Position> {
  const paths: Position[][] = [];
  eachPath(g, (positions) => { paths.push(positions); });
  for (const p of paths) yield* p;
}

/** [minX, minY, maxX, maxY] of a geometry, or null when it has no positions. */
export function bboxOf(g: Geometry | null | undefined): BBox | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  eachPath(g, (positions) => {
    for (let i = 0; i < positions.length; i++) {
      const x = positions[i][0], y = positions[i][1];
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  });
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

/** Vertices as a person counts them: a ring's closing position (a repeat of its first) is not counted. */
export function vertexCount(g: Geometry | null | undefined): number {
  let n = 0;
  eachPath(g, (positions, kind) => { n += kind === 'ring' ? Math.max(0, positions.length - 1) : positions.length; });
  return n;
}

/** The same geometry with every position replaced by f(position); members of a collection too. New arrays throughout. */
export function mapPositions<G extends Geometry>(g: G, f: (p: Position) => Position): G {
  const m = (x: Geometry): Geometry => {
    switch (x.type) {
      case 'Point': return { type: 'Point', coordinates: f(x.coordinates) };
      case 'MultiPoint': return { type: 'MultiPoint', coordinates: x.coordinates.map(f) };
      case 'LineString': return { type: 'LineString', coordinates: x.coordinates.map(f) };
      case 'MultiLineString': return { type: 'MultiLineString', coordinates: x.coordinates.map((l) => l.map(f)) };
      case 'Polygon': return { type: 'Polygon', coordinates: x.coordinates.map((l) => l.map(f)) };
      case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: x.coordinates.map((p) => p.map((l) => l.map(f))) };
      case 'GeometryCollection': return { type: 'GeometryCollection', geometries: x.geometries.map(m) };
    }
  };
  return m(g) as G;
}
