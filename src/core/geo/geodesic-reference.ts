// GeographicLib (Karney's algorithms, the library behind PROJ, PostGIS and GDAL) on CGCS2000: the independent reference
// that tests and benchmarks compare measure.ts against. It is exact to ~1e-15 but ~10–50× slower than measure.ts.
import geodesicModule from 'geographiclib-geodesic';
import type { Geometry, Position } from 'geojson';
import { CGCS2000 } from './measure-ellipsoid';

const { Geodesic } = geodesicModule;
const geod = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

function openRing(ring: Position[]): Position[] {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return ring.slice(0, n - 1);
  return ring;
}

/** Unsigned area in m² of a ring with geodesic edges; the smaller of the two regions it bounds. */
export function referenceRingArea(ring: Position[]): number {
  const pts = openRing(ring);
  if (pts.length < 3) return 0;
  const poly = geod.Polygon(false);
  for (const p of pts) poly.AddPoint(p[1], p[0]);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

function polygonArea(rings: Position[][]): number {
  if (rings.length === 0) return 0;
  let area = referenceRingArea(rings[0]);
  for (let i = 1; i < rings.length; i++) area -= referenceRingArea(rings[i]);
  return Math.max(area, 0);
}

/** Reference area in m² of a (Multi)Polygon; holes subtracted, never negative. 0 for other types. */
export function referenceArea(geometry: Geometry): number {
  switch (geometry.type) {
    case 'Polygon':
      return polygonArea(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, rings) => sum + polygonArea(rings), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, g) => sum + referenceArea(g), 0);
    default:
      return 0;
  }
}

/** Geodesic distance in m between two [lon, lat] positions. */
export function referenceDistance(p: Position, q: Position): number {
  return geod.Inverse(p[1], p[0], q[1], q[0], Geodesic.DISTANCE).s12 ?? NaN;
}

/** Length in m of a polyline (consecutive geodesics). */
export function referenceLineLength(line: Position[]): number {
  let length = 0;
  for (let i = 1; i < line.length; i++) length += referenceDistance(line[i - 1], line[i]);
  return length;
}

/** Perimeter in m of a ring, closing it if it is open. */
export function referenceRingPerimeter(ring: Position[]): number {
  const pts = openRing(ring);
  if (pts.length < 2) return 0;
  return referenceLineLength([...pts, pts[0]]);
}

/** Reference length in m of a (Multi)LineString, or perimeter of a (Multi)Polygon (all rings). */
export function referenceLength(geometry: Geometry): number {
  switch (geometry.type) {
    case 'LineString':
      return referenceLineLength(geometry.coordinates);
    case 'MultiLineString':
      return geometry.coordinates.reduce((sum, l) => sum + referenceLineLength(l), 0);
    case 'Polygon':
      return geometry.coordinates.reduce((sum, r) => sum + referenceRingPerimeter(r), 0);
    case 'MultiPolygon':
      return geometry.coordinates.flat().reduce((sum, r) => sum + referenceRingPerimeter(r), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, g) => sum + referenceLength(g), 0);
    default:
      return 0;
  }
}

/** Point at distance s (m) from p along the geodesic with azimuth azi (degrees from north), as [lon, lat]. */
export function referenceDestination(p: Position, aziDeg: number, s: number): Position {
  return referenceWalk(p, aziDeg, s).position;
}

/** Like referenceDestination, also returning the geodesic's azimuth (degrees) on arrival. */
export function referenceWalk(p: Position, aziDeg: number, s: number): { position: Position; azimuth: number } {
  const r = geod.Direct(p[1], p[0], aziDeg, s, Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH);
  return { position: [r.lon2 ?? NaN, r.lat2 ?? NaN], azimuth: r.azi2 ?? NaN };
}
