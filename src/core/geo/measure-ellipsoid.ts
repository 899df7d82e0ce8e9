// Constants of the CGCS2000 ellipsoid and of its authalic (equal-area) sphere, computed once at load.
// measure-area.ts maps every vertex to the authalic sphere; measure-length.ts uses the radii of curvature.

/** CGCS2000 ellipsoid: a = 6378137 m, f = 1/298.257222101 (GRS80's flattening). */
export const CGCS2000 = { a: 6378137, f: 1 / 298.257222101 } as const;

const { a, f } = CGCS2000;
/** First eccentricity squared. */
export const E2 = f * (2 - f);
const e = Math.sqrt(E2);

/**
 * Authalic latitude β: sin β = q(φ)/q(90°), with
 *   q(φ)/(1−e²) = sinφ/(1−e² sin²φ) + atanh(e sinφ)/e = Σ_k (2k+2)/(2k+1) · e^{2k} · sin^{2k+1}φ.
 * The power series in x = sinφ converges like e^{2k} (e² ≈ 0.0067); we keep k = 0…6 and then fix the last
 * coefficient so that the polynomial gives sin β = 1 exactly at the pole (the dropped tail is ~3e-16 there).
 * Polar caps are measured as 2π − Σ…, i.e. from sin β itself, not only from differences of sin β, so the
 * value at the pole matters: dropping the e¹⁰ and e¹² terms would shift a cap around the pole by ~1000 m².
 * A polynomial is also much cheaper than Math.atanh in the hot loop.
 * AUTHALIC_POLY[k] includes the division by q(90°)/(1−e²), so sin β = x · P(x²).
 */
const qPolarOver1mE2 = 1 / (1 - E2) + Math.atanh(e) / e;
const series = Array.from({ length: 7 }, (_, k) => ((2 * k + 2) / (2 * k + 1)) * E2 ** k / qPolarOver1mE2);
series[6] = 1 - series.slice(0, 6).reduce((sum, c) => sum + c, 0);
export const AUTHALIC_POLY: readonly number[] = series;

/** R_q²: the authalic sphere has the ellipsoid's total area, 4π R_q² = 2π a² (1 + (1−e²) atanh(e)/e). */
export const AUTHALIC_R2 = (a * a * (1 - E2) * qPolarOver1mE2) / 2;

/** sin of the authalic latitude from sin of the geodetic latitude (exact to double rounding). */
export function sinAuthalic(sinPhi: number): number {
  const y = sinPhi * sinPhi;
  const p = AUTHALIC_POLY;
  return sinPhi * (p[0] + y * (p[1] + y * (p[2] + y * (p[3] + y * (p[4] + y * (p[5] + y * p[6]))))));
}
