// Ellipsoidal measurement on CGCS2000. This first version delegates to GeographicLib (exact, slow);
// the measurement issue replaces the hot path with a fast method and keeps GeographicLib as the test reference.
import geodesicModule from 'geographiclib-geodesic';
import type { Geometry, Position } from 'geojson';

/** CGCS2000 ellipsoid: a = 6378137 m, f = 1/298.257222101 (GRS80's flattening). */
export const CGCS2000 = { a: 6378137, f: 1 / 298.257222101 } as const;

const { Geodesic } = geodesicModule;
const geod = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

function ringArea(ring: Position[]): number {
  const poly = geod.Polygon(false);
  const n = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
    ? ring.length - 1
    : ring.length;
  for (let i = 0; i < n; i++) poly.AddPoint(ring[i][1], ring[i][0]);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

function polygonArea(rings: Position[][]): number {
  if (rings.length === 0) return 0;
  let area = ringArea(rings[0]);
  for (let i = 1; i < rings.length; i++) area -= ringArea(rings[i]);
  return Math.max(area, 0);
}

/** Area in m² of a (Multi)Polygon on the CGCS2000 ellipsoid; holes subtracted, any winding. 0 for other types. */
export function geodesicArea(geometry: Geometry | null | undefined): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case 'Polygon':
      return polygonArea(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, rings) => sum + polygonArea(rings), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, g) => sum + geodesicArea(g), 0);
    default:
      return 0;
  }
}

function lineLength(line: Position[]): number {
  let length = 0;
  for (let i = 1; i < line.length; i++) {
    length += geod.Inverse(line[i - 1][1], line[i - 1][0], line[i][1], line[i][0], Geodesic.DISTANCE).s12 ?? 0;
  }
  return length;
}

/** Geodesic length in m of a (Multi)LineString. 0 for other types (use geodesicPerimeter for polygons). */
export function geodesicLength(geometry: Geometry | null | undefined): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case 'LineString':
      return lineLength(geometry.coordinates);
    case 'MultiLineString':
      return geometry.coordinates.reduce((sum, line) => sum + lineLength(line), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, g) => sum + geodesicLength(g), 0);
    default:
      return 0;
  }
}

/** Perimeter in m of a (Multi)Polygon, all rings included. */
export function geodesicPerimeter(geometry: Geometry | null | undefined): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates.reduce((sum, ring) => sum + lineLength(ring), 0);
    case 'MultiPolygon':
      return geometry.coordinates.flat().reduce((sum, ring) => sum + lineLength(ring), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, g) => sum + geodesicPerimeter(g), 0);
    default:
      return 0;
  }
}
