// Ellipsoidal area of one ring via the authalic sphere: the general path behind geodesicArea (any size, any
// latitude, round the poles, across the antimeridian). measure-area-local.ts is a faster expansion of the same
// formulas for small rings; measure-area.ts chooses.
//
// Method:
// 1. Map every vertex to the authalic sphere (latitude φ → authalic latitude β, same longitude, radius R_q).
//    That map preserves area exactly, so the ellipsoidal area equals R_q² × the spherical area of the image.
//    sin β comes from a polynomial in sin φ (measure-ellipsoid.ts): one Math.sin and one sqrt per vertex.
// 2. Each edge adds the exact spherical area between its great-circle image and the equator (the formula used
//    by GeographicLib for spheres): tan(E/2) = tan(Δλ/2)·(t1+t2)/(1+t1·t2) with t = tan(β/2), which we rewrite
//    without tangents as tan(E/2) = tan(Δλ/2)·s, s = (sinβ1+sinβ2)/(1+cos(β1−β2)).
//    For |Δλ| < 0.02 rad (every stand, any polygon < ~2 km near the poles) the 5th-order series of 2·atan(tan(Δλ/2)·s)
//    is used instead (truncation ~Δλ⁷/4000, far below rounding); longer edges use Math.atan/Math.tan.
// 3. The ellipsoid's edges are geodesics, whose images on the authalic sphere are not quite great circles.
//    Both are Clairaut curves in (β, λ): dβ/dλ = ρ²·cotα/cosβ with ρ = k·cosβ the parallel radius (k = authalic
//    parallel scale), so with equal slope w = Δβ/Δλ their curvatures differ by
//    Δβ'' = (k'/k)(3w² + k⁴cos²β) − sinβ·cosβ·(k⁴ − 1), and the area between them is −cosβ·Δβ''·Δλ³/12.
//    To first order in e² (k = 1 + e²cos²β/6) this is (e²/12)·sinβ·cos²β·Δλ·(Δβ² + cos²β·Δλ²); we keep O(e⁴)
//    too. It is ~1e-6 of a 20 km polygon's area and vanishes for short edges; what is left is O(e⁶σ³, e²σ⁵).
// 4. Rings around a pole sum Δλ to ±2π; the cap is then 2π − |ΣE|. Any winding is accepted: a ring's area is the
//    smaller of the two regions it bounds (as GeographicLib's signed area does), so rings must cover < half the Earth.
import type { Position } from 'geojson';
import { AUTHALIC_POLY, AUTHALIC_R2, E2 } from './measure-ellipsoid';
import { badVertex, checkVertices } from './measure-input';

const RAD = Math.PI / 180;
const P0 = AUTHALIC_POLY[0];
const P1 = AUTHALIC_POLY[1];
const P2 = AUTHALIC_POLY[2];
const P3 = AUTHALIC_POLY[3];
const P4 = AUTHALIC_POLY[4];
const P5 = AUTHALIC_POLY[5];
const P6 = AUTHALIC_POLY[6];
// Coefficients of the authalic map's parallel scale k(β) to O(e⁴) (derived with sympy from the series of q(φ)):
//   k'/k = −sinβ·cosβ·g,  g = e²/3 + e⁴(14 − 17 sin²β)/45;   k⁴ − 1 = cos²β·h,  h = 2e²/3 + e⁴(7 − 9 sin²β)/15.
const G0 = E2 / 3 + (14 * E2 * E2) / 45;
const G2 = (-17 * E2 * E2) / 45;
const H0 = (2 * E2) / 3 + (7 * E2 * E2) / 15;
const H2 = (-9 * E2 * E2) / 15;
const SERIES_MAX_DLAMBDA = 0.02;

/**
 * Error model, fitted against GeographicLib (measure.test.ts checks it): an edge of angular length σ is off by at
 * most ~e²R²(3σ⁵ + 1e-4σ³) — the σ⁵ part is largest near the poles, where Δλ is large. Edges under ~200 m skip the
 * geodesic correction and the bound (see below).
 */
const ERROR_SCALE = E2 * AUTHALIC_R2;

/** Error bound (m²) of the last sphereRingArea call; a module variable so the hot loop allocates nothing. */
export let sphereErrorBound = 0;

/**
 * Area in m² of the first n (≥ 3) vertices of a ring on the authalic sphere; sets sphereErrorBound.
 * Throws CoordinateError for a non-finite coordinate or |latitude| > 90.
 */
export function sphereRingArea(ring: Position[], n: number): number {
  // Previous vertex state, starting from the last vertex so that every vertex is mapped exactly once.
  let p = ring[n - 1];
  let lonPrev = p[0];
  let lat = p[1];
  if (!(lat >= -90 && lat <= 90)) badVertex(ring, n - 1);
  let x = Math.sin(lat * RAD);
  let y = x * x;
  let sbPrev = x * (P0 + y * (P1 + y * (P2 + y * (P3 + y * (P4 + y * (P5 + y * P6))))));
  let cbPrev = Math.sqrt((1 - sbPrev) * (1 + sbPrev));

  let excess = 0; // Σ E over edges, steradians on the unit authalic sphere
  let lonTurn = 0; // Σ Δλ in degrees: ±360 when the ring goes round a pole
  let maxS2 = 0; // max σ², Σσ², Σσ⁴ over edges, for the error bound
  let sumS2 = 0;
  let sumS4 = 0;
  for (let i = 0; i < n; i++) {
    p = ring[i];
    const lon = p[0];
    lat = p[1];
    if (!(lat >= -90 && lat <= 90)) badVertex(ring, i);
    x = Math.sin(lat * RAD);
    y = x * x;
    const sb = x * (P0 + y * (P1 + y * (P2 + y * (P3 + y * (P4 + y * (P5 + y * P6)))))); // sin β, see measure-ellipsoid.ts
    const cb = Math.sqrt((1 - sb) * (1 + sb));

    // Shortest way round: an edge from 179.9° to −179.9° crosses the antimeridian.
    let dLonDeg = lon - lonPrev;
    if (dLonDeg > 180) dLonDeg -= 360;
    else if (dLonDeg < -180) dLonDeg += 360;
    lonTurn += dLonDeg;
    const dl = dLonDeg * RAD;

    const cosDb = cbPrev * cb + sbPrev * sb; // cos(β1 − β2)
    const s = (sbPrev + sb) / (1 + cosDb);
    const dl2 = dl * dl;
    if (dl2 < SERIES_MAX_DLAMBDA * SERIES_MAX_DLAMBDA) {
      const u = 1 - s * s;
      excess += dl * s * (1 + dl2 * u * (1 / 12 + (dl2 * (2 - 3 * s * s)) / 240));
    } else {
      excess += 2 * Math.atan(Math.tan(dl / 2) * s);
    }

    // Geodesic-vs-great-circle correction (step 3), with midpoint values that are exact enough at this order.
    // Skipped for edges under ~200 m (σ² < 1e-9), where it is below ~2e-8 of a polygon's area (it is
    // ~(e²/12)·σ³ per edge against an area of at least ~σ² for a non-degenerate polygon). The threshold is
    // well above typical stand edges (30–100 m) so that the branch predicts well.
    const sinDb = sb * cbPrev - cb * sbPrev; // ≈ Δβ
    const c2 = cb * cbPrev; // ≈ cos²β at the midpoint
    const s2 = sinDb * sinDb + c2 * dl2; // ≈ σ², the edge's angular length squared
    if (s2 > 1e-9) {
      const t = 0.5 * (sb + sbPrev); // ≈ sinβ at the midpoint
      const t2 = t * t;
      const g = G0 + G2 * t2;
      const h = H0 + H2 * t2;
      excess += (t * c2 * dl * (3 * g * sinDb * sinDb + (g * (1 + h * c2) + h) * c2 * dl2)) / 12;
      sumS2 += s2;
      sumS4 += s2 * s2;
      if (s2 > maxS2) maxS2 = s2;
    }

    lonPrev = lon;
    sbPrev = sb;
    cbPrev = cb;
  }

  if (!Number.isFinite(excess)) checkVertices(ring, n);
  // Σσ⁵ ≤ σmax·Σσ⁴ and Σσ³ ≤ σmax·Σσ², so this bounds the model above with one sqrt per ring.
  sphereErrorBound = ERROR_SCALE * Math.sqrt(maxS2) * (3 * sumS4 + 1e-4 * sumS2);
  let area = Math.abs(lonTurn) > 180 ? Math.abs(Math.sign(lonTurn) * 2 * Math.PI - excess) : Math.abs(excess);
  if (area > 2 * Math.PI) area = 4 * Math.PI - area;
  return area * AUTHALIC_R2;
}
