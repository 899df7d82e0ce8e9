// The area of a walked boundary and how far it may be off, from the accuracies the phone reported.
//
// Area: the polygon's ellipsoidal area on CGCS2000 (geodesicArea, the app's one area method).
//
// Error (docs/field.md derives it):
//  1. A fix's reported accuracy r is the radius of ~68 % confidence of a horizontal position. For an isotropic normal
//     error with standard deviation σ per axis, P(|e| ≤ R) = 1 − exp(−R²/2σ²), so 68 % gives R = 1.51 σ: σ = r / 1.51.
//  2. The shoelace area A = ½ Σ (x_i y_{i+1} − x_{i+1} y_i) has ∂A/∂x_i = ½ (y_{i+1} − y_{i−1}) and
//     ∂A/∂y_i = ½ (x_{i−1} − x_{i+1}). With independent errors of σ_i per axis at vertex i, first-order propagation
//     gives Var A = Σ σ_i² · d_i² / 4, where d_i = |V_{i+1} − V_{i−1}| is the distance between its neighbours.
//  3. GPS errors of fixes taken a few metres apart are not independent (they share satellites, atmosphere and
//     multipath); treating 1,000 fixes as independent would shrink the error far too much. Model: along the walk each
//     axis's error is a process with exponential autocorrelation, Cov(e_i, e_j) = σ_i σ_j exp(−|s_i − s_j|/ℓ), s the
//     distance walked. Then Var A = Σ_axis Σ_i Σ_j g_i g_j σ_i σ_j exp(−|s_i − s_j|/ℓ), g the derivatives of step 2,
//     computed in O(n) with one forward and one backward pass (the exponential kernel factorises), twice round the
//     ring so that the fixes before the start count for those after it. ℓ → 0 gives step 2; ℓ = 12.5 m by default
//     (about 10–15 s of walking). For a perimeter P ≫ ℓ this is Var A ≈ 2 σ² P ℓ (the area error is ∮ e_n ds), so the
//     estimate grows as σ √(P ℓ): between the independent-fix value and the pessimistic "whole band" P·σ (every fix
//     off outwards at once).
//  4. The interval shown is ±1.96 σ_A (≈ 95 %).
// test: test/unit/field-boundary-area.test.ts checks step 2 against a Monte Carlo simulation and the coverage of the
// 95 % interval under correlated noise.
import type { Polygon } from 'geojson';
import { geodesicArea, geodesicPerimeter } from '../geo/measure.ts';
import type { Fix } from './track.ts';
import { localFrame } from './local-frame.ts';

/** Accuracy (68 % radius) → standard deviation per axis. */
export const ACCURACY_TO_SIGMA = 1 / Math.sqrt(-2 * Math.log(1 - 0.68));
/** ℓ, the distance over which a phone's position error changes (step 3). */
export const DEFAULT_CORRELATION_M = 12.5;
export const Z95 = 1.96;
const SMOOTH = 5;

export interface BoundaryEstimate {
  area_m2: number;
  /** Standard deviation of the area from the fixes' accuracies, m². */
  sigma_m2: number;
  /** Half-width of the ≈95 % interval, m² (1.96 σ). */
  error95_m2: number;
  perimeter_m: number;
  /** Fixes in the ring. */
  vertices: number;
  /** ℓ of the error model (step 3). */
  correlation_m: number;
}

/** Var A = Σ σ_i² d_i² / 4 over a closed ring of local x/y vertices (no repeated closing vertex): independent errors. */
export function shoelaceSigma(xy: readonly [number, number][], sigma: readonly number[]): number {
  return correlatedSigma(xy, sigma, 0);
}

/**
 * σ_A under errors correlated along the ring as exp(−Δs/ℓ) (step 3); ℓ = 0: independent errors. The double sum
 * Σ_i Σ_j u_i u_j exp(−|s_i − s_j|/ℓ) is a forward and a backward recursion, each run twice round the ring.
 */
export function correlatedSigma(xy: readonly [number, number][], sigma: readonly number[], ell: number): number {
  const n = xy.length;
  const gx = new Float64Array(n);
  const gy = new Float64Array(n);
  const step = new Float64Array(n); // distance from fix i to fix i+1
  for (let i = 0; i < n; i++) {
    const [xp, yp] = xy[(i - 1 + n) % n];
    const [xn, yn] = xy[(i + 1) % n];
    gx[i] = ((yn - yp) / 2) * sigma[i];
    gy[i] = ((xp - xn) / 2) * sigma[i];
  }
  // Distance walked, from the track smoothed over ±SMOOTH fixes: jitter between fixes would otherwise lengthen the
  // walk (2 m steps with 2 m of jitter measure ~3.5 m each) and decorrelate the errors too fast.
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const w = Math.min(SMOOTH, Math.floor((n - 1) / 2));
  for (let i = 0; i < n; i++) {
    let ax = 0, ay = 0;
    for (let k = -w; k <= w; k++) {
      const [x, y] = xy[(i + k + n) % n];
      ax += x;
      ay += y;
    }
    sx[i] = ax / (2 * w + 1);
    sy[i] = ay / (2 * w + 1);
  }
  for (let i = 0; i < n; i++) step[i] = Math.hypot(sx[(i + 1) % n] - sx[i], sy[(i + 1) % n] - sy[i]);
  let variance = 0;
  for (const u of [gx, gy]) {
    let own = 0;
    for (let i = 0; i < n; i++) own += u[i] * u[i];
    if (!(ell > 0)) {
      variance += own;
      continue;
    }
    // forward: F_i = Σ_{j before i} u_j e^{−(s_i − s_j)/ℓ} (excluding j = i); backward likewise for j after i.
    const fwd = new Float64Array(n);
    let f = 0;
    for (let lap = 0; lap < 2; lap++) {
      for (let i = 0; i < n; i++) {
        const prev = (i - 1 + n) % n;
        f = (f + u[prev]) * Math.exp(-step[prev] / ell);
        if (lap === 1) fwd[i] = f;
      }
    }
    let cross = 0;
    let b = 0;
    for (let lap = 0; lap < 2; lap++) {
      for (let i = n - 1; i >= 0; i--) {
        const next = (i + 1) % n;
        b = (b + u[next]) * Math.exp(-step[i] / ell);
        if (lap === 1) cross += u[i] * (fwd[i] + b);
      }
    }
    variance += own + cross;
  }
  return Math.sqrt(Math.max(variance, 0));
}

/** Area, perimeter and the error estimate of a closed boundary made of these fixes (closeBoundary's output). */
export function estimateBoundary(polygon: Polygon, fixes: readonly Fix[], correlationM = DEFAULT_CORRELATION_M): BoundaryEstimate {
  const area = geodesicArea(polygon);
  const perimeter = geodesicPerimeter(polygon);
  const lat0 = fixes.reduce((s, f) => s + f.lat, 0) / fixes.length;
  const lon0 = fixes.reduce((s, f) => s + f.lon, 0) / fixes.length;
  const frame = localFrame(lat0);
  const xy = fixes.map((f) => frame.toXY(f.lon - lon0, f.lat - lat0));
  const sigma = fixes.map((f) => f.accuracy * ACCURACY_TO_SIGMA);
  const s = correlatedSigma(xy, sigma, correlationM);
  return { area_m2: area, sigma_m2: s, error95_m2: Z95 * s, perimeter_m: perimeter, vertices: fixes.length, correlation_m: correlationM };
}
