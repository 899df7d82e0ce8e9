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
 * The power series in x = sinφ converges like e^{2k} (e² ≈ 0.0067), so 7 terms (k = 0…6) leave a truncation
 * of ~e^14 ≈ 6e-16, below double rounding; a polynomial is much cheaper than Math.atanh in the hot loop.
 * AUTHALIC_POLY[k] already includes the division by q(90°)/(1−e²), so sin β = x · P(x²).
 */
const qPolarOver1mE2 = 1 / (1 - E2) + Math.atanh(e) / e;
export const AUTHALIC_POLY: readonly number[] = Array.from(
  { length: 7 },
  (_, k) => ((2 * k + 2) / (2 * k + 1)) * E2 ** k / qPolarOver1mE2,
);

/** R_q²: the authalic sphere has the ellipsoid's total area, 4π R_q² = 2π a² (1 + (1−e²) atanh(e)/e). */
export const AUTHALIC_R2 = (a * a * (1 - E2) * qPolarOver1mE2) / 2;

/** sin of the authalic latitude from sin of the geodetic latitude (exact to double rounding). */
export function sinAuthalic(sinPhi: number): number {
  const y = sinPhi * sinPhi;
  const p = AUTHALIC_POLY;
  return sinPhi * (p[0] + y * (p[1] + y * (p[2] + y * (p[3] + y * (p[4] + y * (p[5] + y * p[6]))))));
}
