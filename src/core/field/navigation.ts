// Distance and bearing from where the walker stands to a chosen feature (its nearest vertex, or the point inside it
// when they are already inside), on the CGCS2000 ellipsoid with GeographicLib's inverse problem.
import geodesicModule from 'geographiclib-geodesic';
import type { Geometry, Position } from 'geojson';
import { CGCS2000 } from '../geo/measure-ellipsoid.ts';
import { eachPath } from '../geo/positions.ts';

const { Geodesic } = geodesicModule;
const geod = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

export interface DistanceBearing {
  /** Metres along the geodesic. */
  distance_m: number;
  /** Degrees clockwise from true north, 0–360. */
  bearing_deg: number;
}

export function distanceBearing(from: Position, to: Position): DistanceBearing {
  const r = geod.Inverse(from[1], from[0], to[1], to[0], Geodesic.DISTANCE | Geodesic.AZIMUTH);
  const azi = r.azi1 ?? 0;
  return { distance_m: r.s12 ?? NaN, bearing_deg: (azi + 360) % 360 };
}

/** The eight compass points' dictionary keys (the field page names the direction in words too). */
export const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export function compassPoint(bearingDeg: number): (typeof COMPASS)[number] {
  return COMPASS[Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8];
}

/** The vertex of a geometry nearest to a position (by geodesic distance), e.g. the 图斑 corner to walk to. */
export function nearestVertex(g: Geometry, from: Position): Position | null {
  let best: Position | null = null;
  let bestD = Infinity;
  eachPath(g, (positions) => {
    for (const p of positions) {
      const d = distanceBearing(from, p).distance_m;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
  });
  return best;
}

/** Centre of a geometry's bounding box: where a task's target is when sorting "nearest first". */
export function boxCentre(g: Geometry): Position | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  eachPath(g, (positions) => {
    for (const [x, y] of positions) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  });
  return Number.isFinite(w) ? [(w + e) / 2, (s + n) / 2] : null;
}
