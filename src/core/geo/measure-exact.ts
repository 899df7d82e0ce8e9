// GeographicLib (Karney 2013) as the exact but slower path, used only where the fast formulas' own error bound
// says they might miss 1e-7: rings with very long edges (hundreds of km, or long thin slivers near the poles)
// and geodesic lines longer than 1000 km. Stands, county outlines and ordinary lines never come here.
import geodesicModule from 'geographiclib-geodesic';
import type { Position } from 'geojson';
import { CGCS2000 } from './measure-ellipsoid';

const { Geodesic } = geodesicModule;
const geod = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

/** Unsigned area in m² of the first n vertices of a ring (the smaller of the two regions it bounds). */
export function exactRingArea(ring: Position[], n: number): number {
  const poly = geod.Polygon(false);
  for (let i = 0; i < n; i++) poly.AddPoint(ring[i][1], ring[i][0]);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

/** Geodesic distance in m between [lon, lat] positions p and q. */
export function exactDistance(p: Position, q: Position): number {
  return geod.Inverse(p[1], p[0], q[1], q[0], Geodesic.DISTANCE).s12 ?? NaN;
}
