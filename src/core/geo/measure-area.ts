// Area of one ring on the CGCS2000 ellipsoid: picks the fastest method whose error is known to be small enough.
//   1. measure-area-local.ts — small rings (up to ~20 km, |lat| ≤ 89°): a Taylor expansion, no trig per vertex.
//   2. measure-area-sphere.ts — anything else: authalic sphere, exact spherical excess, geodesic correction.
//   3. measure-exact.ts (GeographicLib) — only if path 2's error bound exceeds 1e-7 of the area (edges of hundreds
//      of km, or long slivers near a pole).
import type { Position } from 'geojson';
import { localRingArea } from './measure-area-local';
import { sphereRingArea, sphereErrorBound } from './measure-area-sphere';
import { exactRingArea } from './measure-exact';
import { checkVertices, openLength } from './measure-input';

const SPHERE_MAX_REL_ERROR = 1e-7;

/**
 * Unsigned area in m² of one ring (closed or not, either winding; edges are geodesics), the smaller of the two
 * regions it bounds. Throws CoordinateError for non-finite coordinates or |latitude| > 90.
 */
export function ringArea(ring: Position[]): number {
  let n = ring.length;
  try {
    n = openLength(ring);
    if (n < 3) return 0;
    const local = localRingArea(ring, n);
    if (local === local) return local; // not NaN
    const sphere = sphereRingArea(ring, n);
    if (sphereErrorBound > SPHERE_MAX_REL_ERROR * sphere) return exactRingArea(ring, n);
    return sphere;
  } catch (error) {
    checkVertices(ring, n); // a vertex that is not an array (TypeError above) becomes a CoordinateError naming it
    throw error;
  }
}
