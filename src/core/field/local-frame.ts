// A local east/north frame in metres around a latitude, with the CGCS2000 ellipsoid's radii of curvature there: exact
// enough over a walked parcel (a few km: relative error ~1e-6 per km of north–south extent) for distances between
// fixes and for the derivatives of the area in the error estimate (boundary-area.ts). Areas themselves are measured on
// the ellipsoid (src/core/geo/measure.ts).
import { CGCS2000, E2 } from '../geo/measure-ellipsoid.ts';

export interface LocalFrame {
  /** Metres east and north for a difference in degrees of longitude and latitude. */
  toXY(dLon: number, dLat: number): [number, number];
  /** Degrees of longitude and latitude for metres east and north. */
  toDegrees(dx: number, dy: number): [number, number];
}

export function localFrame(latDeg: number): LocalFrame {
  const phi = (latDeg * Math.PI) / 180;
  const s = Math.sin(phi);
  const w = Math.sqrt(1 - E2 * s * s);
  const n = CGCS2000.a / w; // prime vertical radius
  const m = (CGCS2000.a * (1 - E2)) / (w * w * w); // meridional radius
  const kx = (n * Math.cos(phi) * Math.PI) / 180;
  const ky = (m * Math.PI) / 180;
  return {
    toXY: (dLon, dLat) => [dLon * kx, dLat * ky],
    toDegrees: (dx, dy) => [dx / kx, dy / ky],
  };
}
