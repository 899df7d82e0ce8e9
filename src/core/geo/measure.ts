// Ellipsoidal area and length on CGCS2000 — within ~1e-9 of GeographicLib for parcels up to county size (below its
// own noise for small ones) and about as fast as @turf/area's spherical formula (npm run bench:area).
// Methods: measure-area.ts picks between a local expansion (measure-area-local.ts) and the authalic sphere with an
// exact per-edge spherical excess plus a geodesic correction (measure-area-sphere.ts); lengths use the 3-D chord
// and the normal curvature (measure-length.ts). GeographicLib (measure-exact.ts) takes over only where those
// methods' error bounds say so: edges of hundreds of km, long slivers, lines over 1000 km.
//
// Conventions:
// - Coordinates are GeoJSON [longitude, latitude] in degrees (CGCS2000 and WGS84 agree to well below 1e-6 here).
// - Rings may be closed (first = last) or not, and wound either way. Polygon area = |outer| − Σ|holes|, never negative.
// - Edges are geodesics, taken the short way round, so an edge from 179.9° to −179.9° crosses the antimeridian,
//   and a ring may go round a pole. A ring's area is the smaller of the two regions it bounds (< half the Earth).
// - Degenerate input (fewer than 3 distinct vertices, empty or null geometry, points) measures 0.
// - A coordinate that is not a finite number, or a latitude beyond ±90°, throws CoordinateError
//   ("coordinates are not finite numbers: vertex i is …"): a silent NaN or a silently skipped vertex would both
//   corrupt totals. Importers validate first; callers that must not throw can use validateCoordinates().
import type { Geometry, Position } from 'geojson';
import { ringArea } from './measure-area';
import { openLength } from './measure-input';
import { lineLength } from './measure-length';
import { eachPath } from './positions';

export { CGCS2000 } from './measure-ellipsoid';
export { CoordinateError } from './measure-input';

function polygonArea(rings: Position[][]): number {
  if (rings.length === 0) return 0;
  let area = ringArea(rings[0]);
  for (let i = 1; i < rings.length; i++) area -= ringArea(rings[i]);
  return area > 0 ? area : 0;
}

/** Area in m² of a (Multi)Polygon on the CGCS2000 ellipsoid; holes subtracted, any winding. 0 for other types. */
export function geodesicArea(geometry: Geometry | null | undefined): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case 'Polygon':
      return polygonArea(geometry.coordinates);
    case 'MultiPolygon': {
      let sum = 0;
      for (const rings of geometry.coordinates) sum += polygonArea(rings);
      return sum;
    }
    case 'GeometryCollection': {
      let sum = 0;
      for (const g of geometry.geometries) sum += geodesicArea(g);
      return sum;
    }
    default:
      return 0;
  }
}

/** Geodesic length in m of a (Multi)LineString. 0 for other types (use geodesicPerimeter for polygons). */
export function geodesicLength(geometry: Geometry | null | undefined): number {
  let sum = 0;
  eachPath(geometry, (line, kind) => { if (kind === 'line') sum += lineLength(line, line.length, false); });
  return sum;
}

/** Perimeter in m of one ring, closed or not (the closing edge is counted once). */
function ringPerimeter(ring: Position[]): number {
  let n = ring.length;
  try {
    n = openLength(ring);
  } catch {
    // a first or last vertex that is not an array: lineLength reports it
  }
  return lineLength(ring, n, true);
}

/** Perimeter in m of a (Multi)Polygon, all rings (outer and holes) included. 0 for other types. */
export function geodesicPerimeter(geometry: Geometry | null | undefined): number {
  let sum = 0;
  eachPath(geometry, (ring, kind) => { if (kind === 'ring') sum += ringPerimeter(ring); });
  return sum;
}

function checkPositions(positions: Position[], where: string): string | null {
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (!Array.isArray(p) || p.length < 2) return `${where} vertex ${i} is not a [lon, lat] pair`;
    const [lon, lat] = p;
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      return `coordinates are not finite numbers: ${where} vertex ${i} is [${String(lon)}, ${String(lat)}]`;
    }
    if (lat < -90 || lat > 90) return `${where} vertex ${i} has latitude ${lat}, beyond ±90°`;
  }
  return null;
}

/**
 * Checks that every coordinate is a finite [lon, lat] with |lat| ≤ 90. Returns null if the geometry can be measured,
 * else a message naming the first bad vertex (e.g. "coordinates are not finite numbers: ring 0 vertex 3 is [NaN, 26]").
 */
export function validateCoordinates(geometry: Geometry | null | undefined): string | null {
  let problem: string | null = null;
  eachPath(geometry, (positions, kind, i, polygon) => {
    const where = kind === 'points' ? 'point' : kind === 'line' ? (i < 0 ? 'line' : `line ${i}`) : polygon < 0 ? `ring ${i}` : `polygon ${polygon} ring ${i}`;
    problem = checkPositions(positions, where);
    return problem !== null;
  });
  return problem;
}
