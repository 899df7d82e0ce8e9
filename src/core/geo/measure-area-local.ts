// The fast path for small rings (every stand, any parcel up to ~20 km): the formulas of measure-area-sphere.ts
// expanded around a reference latitude φ0 near the ring, so the loop needs no Math.sin, sqrt or division per
// vertex — only multiply-adds on the coordinates, which makes it about as fast as @turf/area's spherical formula.
//
// φ0 is the 0.25° grid latitude nearest the first vertex (its constants are cached); δ = φ − φ0 in degrees.
// - sin β(φ) − sin β(φ0) = F(δ) = S1·δ + … + S5·δ⁵: the Taylor series of the exact derivative
//   d(sin β)/dφ = K·cos φ/(1 − e² sin² φ)², computed once per grid latitude with truncated power series.
//   For |δ| ≤ 0.35° the dropped δ⁶ term changes areas by < 1e-11.
// - Per edge, with m = sin β̄ (mean of the two ends), u = cos² β̄ = 1 − m², and Δβ from β' and β'' at φ0:
//   E = Δλ·[F̄ + m·Δβ²/4 + m·u·Δλ²/12 + m·u·(3g·Δβ² + (g(1 + h·u) + h)·u·Δλ²)/12]
//   i.e. the series of the sphere's exact excess 2·atan(tan(Δλ/2)·m/cos²(Δβ/2)) to third order, plus the geodesic
//   correction of measure-area-sphere.ts (g, h there), minus Δλ·sin β(φ0), which sums to zero round a ring that
//   does not enclose a pole. Dropped terms are O(Δλ⁵, Δλ·Δβ⁴) per edge: < 1e-10 of the area for |Δλ| ≤ 1e-3.
// The ring is accepted only when every |δ| ≤ 0.35°, every |Δλ| ≤ 1e-3 rad, |φ0| ≤ 89.5°, the longitudes do not
// wind round a pole and the error bound of measure-area-sphere.ts is below 1e-7 of the area. Otherwise
// localRingArea returns NaN and the caller uses the general path, which also reports bad coordinates (a NaN
// coordinate propagates here and fails the checks).
import type { Position } from 'geojson';
import { AUTHALIC_POLY, AUTHALIC_R2, E2, sinAuthalic } from './measure-ellipsoid';

const RAD = Math.PI / 180;
/** d(sin β)/dφ = K·cos φ/(1 − e² sin² φ)²; K is also the first coefficient of the sin β polynomial. */
const K = AUTHALIC_POLY[0];
const MAX_DELTA_DEG2 = 0.35 * 0.35;
const MAX_DLAMBDA2 = 1e-3 * 1e-3;
// φ0 within ±89.5°, so with |δ| ≤ 0.35° every accepted vertex has |φ| < 89.85° (no latitude check needed here)
const MIN_REF_INDEX = 2;
const MAX_REF_INDEX = 718;
const MAX_REL_ERROR = 1e-7;
const ERROR_SCALE = E2 * AUTHALIC_R2;
// Geodesic-correction coefficients, as in measure-area-sphere.ts.
const G0 = E2 / 3 + (14 * E2 * E2) / 45;
const G2 = (-17 * E2 * E2) / 45;
const H0 = (2 * E2) / 3 + (7 * E2 * E2) / 15;
const H2 = (-9 * E2 * E2) / 15;

// Scratch power series (5 terms), reused so that no ring allocates.
const u = new Float64Array(5);
const c = new Float64Array(5);
const v = new Float64Array(5);
const r = new Float64Array(5);
const w = new Float64Array(5);

/** Taylor coefficients S1…S5 of sin β(φ0 + δ) − sin β(φ0), δ in degrees, written to out[0…4]. */
export function authalicTaylor(lat0: number, out: Float64Array): void {
  const s0 = Math.sin(lat0 * RAD);
  const c0 = Math.cos(lat0 * RAD);
  // sin(φ0 + t) and cos(φ0 + t) as power series in t (radians)
  u[0] = s0; u[1] = c0; u[2] = -s0 / 2; u[3] = -c0 / 6; u[4] = s0 / 24;
  c[0] = c0; c[1] = -s0; c[2] = -c0 / 2; c[3] = s0 / 6; c[4] = c0 / 24;
  // v = 1 − e²·u²
  for (let k = 0; k < 5; k++) {
    let uu = 0;
    for (let i = 0; i <= k; i++) uu += u[i] * u[k - i];
    v[k] = (k === 0 ? 1 : 0) - E2 * uu;
  }
  // r = 1/v, then w = r² and the integrand h = c·w; S_{k+1} = K·h_k/(k+1), rescaled to degrees
  r[0] = 1 / v[0];
  for (let k = 1; k < 5; k++) {
    let acc = 0;
    for (let j = 1; j <= k; j++) acc += v[j] * r[k - j];
    r[k] = -acc * r[0];
  }
  for (let k = 0; k < 5; k++) {
    let acc = 0;
    for (let i = 0; i <= k; i++) acc += r[i] * r[k - i];
    w[k] = acc;
  }
  let scale = RAD;
  for (let k = 0; k < 5; k++) {
    let h = 0;
    for (let i = 0; i <= k; i++) h += c[i] * w[k - i];
    out[k] = ((K * h) / (k + 1)) * scale;
    scale *= RAD;
  }
}

// Per-latitude constants, on a 0.25° grid of reference latitudes φ0 and filled on first use, so a ring costs one
// table look-up instead of ~150 flops and two trig calls. Entry layout (REF_FIELDS numbers per grid latitude):
// S1…S5, sin β0, β', β''/2, and the two geodesic-correction coefficients.
const REF_STEP = 0.25;
const REF_FIELDS = 10;
const REF_COUNT = Math.round(180 / REF_STEP) + 1;
const refTable = new Float64Array(REF_COUNT * REF_FIELDS);
const refFilled = new Uint8Array(REF_COUNT);
const S = new Float64Array(5);

function fillReference(index: number): void {
  const lat0 = index * REF_STEP - 90;
  authalicTaylor(lat0, S);
  const S1 = S[0];
  const S2 = S[1];
  const sb0 = sinAuthalic(Math.sin(lat0 * RAD));
  const u0 = 1 - sb0 * sb0;
  const cb0 = Math.sqrt(u0);
  // Δβ = β(φ0+δ2) − β(φ0+δ1) ≈ (δ2 − δ1)·(β' + β''·(δ1 + δ2)/2), δ in degrees, β in radians; β' = S1/cosβ0 and
  // β'' = (2·S2 + S1·sinβ0·β'/cosβ0)/cosβ0 follow from differentiating sinβ. The β'' term matters for long slivers.
  const dBeta = S1 / cb0;
  const dBeta2 = (2 * S2 + (S1 * sb0 * dBeta) / cb0) / (2 * cb0);
  const t2 = sb0 * sb0;
  const g0 = G0 + G2 * t2;
  const h0 = H0 + H2 * t2;
  const o = index * REF_FIELDS;
  refTable.set(S, o);
  refTable[o + 5] = sb0;
  refTable[o + 6] = dBeta;
  refTable[o + 7] = dBeta2;
  refTable[o + 8] = g0 / 4; // 3g/12
  refTable[o + 9] = (g0 * (1 + h0 * u0) + h0) / 12;
  refFilled[index] = 1;
}

/**
 * Area in m² of the first n (≥ 3) vertices of a small ring, or NaN when the ring is outside this expansion's
 * domain (too big, near a pole, long edges, round a pole, or bad coordinates) — the caller then uses the general path.
 */
export function localRingArea(ring: Position[], n: number): number {
  const index = Math.round((ring[0][1] + 90) / REF_STEP);
  if (!(index >= MIN_REF_INDEX && index <= MAX_REF_INDEX)) return NaN; // near a pole, or NaN
  if (refFilled[index] === 0) fillReference(index);
  const lat0 = index * REF_STEP - 90;
  const o = index * REF_FIELDS;
  const S1 = refTable[o];
  const S2 = refTable[o + 1];
  const S3 = refTable[o + 2];
  const S4 = refTable[o + 3];
  const S5 = refTable[o + 4];
  const sb0 = refTable[o + 5];
  const dBeta = refTable[o + 6];
  const dBeta2 = refTable[o + 7];
  const qa = refTable[o + 8];
  const qb = refTable[o + 9];

  let p = ring[n - 1];
  let lonPrev = p[0];
  let dPrev = p[1] - lat0;
  let fPrev = dPrev * (S1 + dPrev * (S2 + dPrev * (S3 + dPrev * (S4 + dPrev * S5))));
  let excess = 0;
  let lonTurn = 0;
  let maxD2 = dPrev * dPrev;
  let maxL2 = 0;
  let maxS2 = 0;
  let sumS2 = 0;
  for (let i = 0; i < n; i++) {
    p = ring[i];
    const lon = p[0];
    const d = p[1] - lat0;
    const f = d * (S1 + d * (S2 + d * (S3 + d * (S4 + d * S5))));
    maxD2 = Math.max(maxD2, d * d);

    let dLonDeg = lon - lonPrev;
    if (dLonDeg > 180) dLonDeg -= 360;
    else if (dLonDeg < -180) dLonDeg += 360;
    lonTurn += dLonDeg;
    const dl = dLonDeg * RAD;
    const dl2 = dl * dl;
    maxL2 = Math.max(maxL2, dl2);

    const db = (d - dPrev) * (dBeta + dBeta2 * (d + dPrev));
    const db2 = db * db;
    const fm = 0.5 * (f + fPrev);
    const m = sb0 + fm;
    const uu = 1 - m * m;
    excess += dl * (fm + m * (0.25 * db2 + uu * (dl2 / 12 + qa * db2 + qb * uu * dl2)));
    const s2 = db2 + uu * dl2; // ≈ σ², for the error bound
    sumS2 += s2;
    maxS2 = Math.max(maxS2, s2);

    lonPrev = lon;
    dPrev = d;
    fPrev = f;
  }
  if (!(maxD2 <= MAX_DELTA_DEG2 && maxL2 <= MAX_DLAMBDA2 && Math.abs(lonTurn) < 180)) return NaN;
  const area = Math.abs(excess) * AUTHALIC_R2;
  // The same error model as the general path (see measure-area-sphere.ts), with Σσ⁴ ≤ σ²max·Σσ²:
  // long thin slivers go there.
  const bound = ERROR_SCALE * Math.sqrt(maxS2) * sumS2 * (3 * maxS2 + 1e-4);
  return bound <= MAX_REL_ERROR * area ? area : NaN;
}
