// Fast geodesic length of one polyline on CGCS2000 (the hot loop behind geodesicLength and geodesicPerimeter).
//
// Method: the straight 3-D chord c between the two ellipsoid points (exact, from Earth-centred coordinates) and the
// geodesic's arc length s are related by s = c·(1 + κ²c²/24 + O(c⁴)), where κ is the curvature of the geodesic
// as a space curve, i.e. the ellipsoid's normal curvature in the edge's direction (Euler: cos²α/M + sin²α/N),
// evaluated at the edge's midpoint, which cancels the odd-order terms. We use the sphere's closed form
// s = (2/κ)·asin(κc/2), so only the variation of κ along the edge (an O(e²) effect) is left out:
// measured error vs GeographicLib < 1e-9 from 30 m to 300 km and < 2e-7 up to 1000 km (measure-length.test.ts), plus an
// absolute floor of ~1e-9 m from the Earth-centred coordinates (so a 1 cm edge is good to ~1e-7).
// Edges longer than 1000 km (chord) go to GeographicLib, where this expansion would degrade (8e-6 at 3000 km).
// The cost per vertex is two sin/cos pairs and a sqrt; per edge a sqrt (and an asin only for edges > ~60 km).
import type { Position } from 'geojson';
import { CGCS2000, E2 } from './measure-ellipsoid';
import { checkVertices } from './measure-input';
import { exactDistance } from './measure-exact';

const RAD = Math.PI / 180;
const A = CGCS2000.a;
const ONE_MINUS_E2 = 1 - E2;
const LONG_CHORD2 = 1e6 * 1e6;

/**
 * Length in m of the polyline line[0] … line[n−1], plus the closing edge back to line[0] when `close` is true
 * (perimeters). Edges are geodesics taken the short way round, so the antimeridian is crossed when that is shorter.
 */
export function lineLength(line: Position[], n: number, close: boolean): number {
  try {
    return uncheckedLineLength(line, n, close);
  } catch (error) {
    checkVertices(line, n); // a vertex that is not an array (TypeError) becomes a CoordinateError naming it
    throw error;
  }
}

function uncheckedLineLength(line: Position[], n: number, close: boolean): number {
  if (n < 2) return 0;
  let length = 0;
  let p = line[0];
  let lonPrev = p[0];
  let latPrev = p[1];
  if (!(latPrev >= -90 && latPrev <= 90)) checkVertices(line, n);
  let sp = Math.sin(latPrev * RAD);
  let cp = Math.cos(latPrev * RAD);
  let nPrev = A / Math.sqrt(1 - E2 * sp * sp);
  let xPrev = nPrev * cp * Math.cos(lonPrev * RAD);
  let yPrev = nPrev * cp * Math.sin(lonPrev * RAD);
  let zPrev = nPrev * ONE_MINUS_E2 * sp;
  const edges = close ? n : n - 1;
  for (let k = 1; k <= edges; k++) {
    const i = k === n ? 0 : k;
    p = line[i];
    const lon = p[0];
    const lat = p[1];
    if (!(lat >= -90 && lat <= 90)) checkVertices(line, n);
    const s = Math.sin(lat * RAD);
    const c = Math.cos(lat * RAD);
    const nu = A / Math.sqrt(1 - E2 * s * s);
    const x = nu * c * Math.cos(lon * RAD);
    const y = nu * c * Math.sin(lon * RAD);
    const z = nu * ONE_MINUS_E2 * s;
    const dx = x - xPrev;
    const dy = y - yPrev;
    const dz = z - zPrev;
    const chord2 = dx * dx + dy * dy + dz * dz;
    if (!(chord2 <= LONG_CHORD2)) {
      if (chord2 !== chord2) checkVertices(line, n); // NaN: a longitude was not finite
      length += exactDistance(line[k - 1], p);
    } else if (chord2 > 0) {
      // Normal curvature at the midpoint in the edge's direction (Euler's formula); the azimuth only needs to be
      // roughly right because 1/M and 1/N differ by e² ≈ 0.7%.
      const sm = 0.5 * (s + sp);
      const cm = 0.5 * (c + cp);
      const w2 = 1 - E2 * sm * sm;
      const nM = A / Math.sqrt(w2); // prime-vertical radius N
      const mM = (nM * ONE_MINUS_E2) / w2; // meridian radius M
      let dLon = lon - lonPrev;
      if (dLon > 180) dLon -= 360;
      else if (dLon < -180) dLon += 360;
      const north = mM * (lat - latPrev);
      const east = nM * cm * dLon;
      const h2 = north * north + east * east;
      const cos2 = h2 > 0 ? (north * north) / h2 : 1;
      const kappa = cos2 / mM + (1 - cos2) / nM;
      const k2c2 = kappa * kappa * chord2;
      if (k2c2 < 1e-4) {
        // asin series: error ~ (κc)⁶/3000 < 1e-15
        length += Math.sqrt(chord2) * (1 + k2c2 * (1 / 24 + (3 / 640) * k2c2));
      } else {
        length += (2 / kappa) * Math.asin(Math.min(1, 0.5 * Math.sqrt(k2c2)));
      }
    }
    lonPrev = lon;
    latPrev = lat;
    sp = s;
    cp = c;
    xPrev = x;
    yPrev = y;
    zPrev = z;
  }
  if (!Number.isFinite(length)) checkVertices(line, n);
  return length;
}
