// The walked boundary's area error (boundary-area.ts) against simulation: the propagation formula against a Monte Carlo
// of independent vertex errors, and the ≈95 % interval's coverage when the errors are correlated along the walk as the
// model assumes (and when they are not: independent per fix, where the estimate must be conservative).
import { describe, expect, it } from 'vitest';
import { simulatedWalk } from '../../scripts/lib/simulated-walk.ts';
import { Rng } from '../../src/core/random.ts';
import { correlatedSigma, estimateBoundary, shoelaceSigma } from '../../src/core/field/boundary-area.ts';
import { addFix, closeBoundary, keptFixes, newRecorder } from '../../src/core/field/track.ts';

const shoelace = (xy: [number, number][]) => {
  let s = 0;
  for (let i = 0; i < xy.length; i++) {
    const [x0, y0] = xy[i];
    const [x1, y1] = xy[(i + 1) % xy.length];
    s += x0 * y1 - x1 * y0;
  }
  return s / 2;
};

describe('area error propagation', () => {
  it('matches a Monte Carlo of independent vertex errors (σ_A = ½ √Σ σ_i² d_i²)', () => {
    const poly: [number, number][] = [[0, 0], [180, -20], [260, 90], [200, 210], [60, 190], [-30, 100]];
    const sigma = [3, 5, 4, 8, 2, 6];
    const rng = new Rng(7);
    const trials = 20_000;
    const a0 = shoelace(poly);
    let sum = 0;
    let sum2 = 0;
    for (let t = 0; t < trials; t++) {
      const a = shoelace(poly.map(([x, y], i) => [x + rng.normal(0, sigma[i]), y + rng.normal(0, sigma[i])]));
      sum += a - a0;
      sum2 += (a - a0) ** 2;
    }
    const sd = Math.sqrt(sum2 / trials - (sum / trials) ** 2);
    const formula = shoelaceSigma(poly, sigma);
    expect(Math.abs(sd / formula - 1)).toBeLessThan(0.03);
  });

  it('with correlated errors, matches a Monte Carlo of errors correlated as modelled (exp(−Δs/ℓ))', () => {
    // A 200 m × 120 m rectangle with a vertex every 4 m; AR(1) errors along the ring.
    const xy: [number, number][] = [];
    for (let x = 0; x < 200; x += 4) xy.push([x, 0]);
    for (let y = 0; y < 120; y += 4) xy.push([200, y]);
    for (let x = 200; x > 0; x -= 4) xy.push([x, 120]);
    for (let y = 120; y > 0; y -= 4) xy.push([0, y]);
    const sigma = xy.map((_, i) => 3 + (i % 5));
    const ell = 20;
    const rho = Math.exp(-4 / ell);
    const rng = new Rng(11);
    const a0 = shoelace(xy);
    let sum2 = 0;
    const trials = 6000;
    for (let t = 0; t < trials; t++) {
      // a stationary unit AR(1) per axis, scaled by each vertex's σ (a burn-in lap makes the start stationary too)
      let ex = rng.normal();
      let ey = rng.normal();
      const pts = xy.map(([x, y], i) => {
        if (i > 0) {
          ex = rho * ex + Math.sqrt(1 - rho * rho) * rng.normal();
          ey = rho * ey + Math.sqrt(1 - rho * rho) * rng.normal();
        }
        return [x + sigma[i] * ex, y + sigma[i] * ey] as [number, number];
      });
      sum2 += (shoelace(pts) - a0) ** 2;
    }
    const sd = Math.sqrt(sum2 / trials);
    // The model correlates the last vertices with the first across the start too; this simulation does not, so allow 5 %.
    expect(Math.abs(sd / correlatedSigma(xy, sigma, ell) - 1)).toBeLessThan(0.05);
    // ℓ = 0 is the independent case.
    expect(correlatedSigma(xy, sigma, 0)).toBeCloseTo(shoelaceSigma(xy, sigma), 9);
  });
});

describe('a walked boundary of known geometry', () => {
  const corners: [number, number][] = [[0, 0], [240, 0], [260, 170], [40, 210], [-20, 110]];
  const origin: [number, number] = [115.36, 26.35];

  function run(seed: number, correlationM: number) {
    const walk = simulatedWalk({ cornersM: corners, origin, spacingM: 2, accuracyM: 6, correlationM, seed, overshootM: 12 });
    const rec = newRecorder({ thresholdM: 15, minSpacingM: 1 });
    for (const f of walk.fixes) addFix(rec, f);
    const closed = closeBoundary(keptFixes(rec));
    expect(closed.problem).toBeNull();
    const est = estimateBoundary(closed.polygon!, closed.fixes);
    return { err: est.area_m2 - walk.trueAreaM2, est, walk };
  }

  it('closes the overshoot and keeps the area within the 95 % interval about 95 % of the time (errors as modelled)', () => {
    let inside = 0;
    let z2 = 0;
    const trials = 150;
    for (let s = 0; s < trials; s++) {
      const r = run(1000 + s, 12.5);
      if (Math.abs(r.err) <= r.est.error95_m2) inside++;
      z2 += (r.err / r.est.sigma_m2) ** 2;
    }
    // Binomial(150, 0.95): the 2.5–97.5 % range is about 137–147 (0.91–0.98).
    expect(inside / trials).toBeGreaterThan(0.9);
    // The errors in units of the estimated σ have an RMS near 1 (not far above: under-estimated; nor below: inflated).
    expect(Math.sqrt(z2 / trials)).toBeGreaterThan(0.8);
    expect(Math.sqrt(z2 / trials)).toBeLessThan(1.2);
  });

  it('is conservative when fix errors are independent, and honest about its scale', () => {
    const { est, walk } = run(5, 0.5);
    const sd = [...Array(60)].map((_, s) => run(2000 + s, 0.5).err);
    const rms = Math.sqrt(sd.reduce((a, e) => a + e * e, 0) / sd.length);
    expect(est.sigma_m2).toBeGreaterThan(rms);
    // The interval is a small share of the parcel: 6 m fixes on a ~5 ha parcel.
    expect(est.error95_m2 / walk.trueAreaM2).toBeLessThan(0.05);
  });

  it('rejects fixes worse than the threshold and still measures the area', () => {
    const walk = simulatedWalk({ cornersM: corners, origin, spacingM: 2, accuracyM: 5, correlationM: 12.5, seed: 3, poorEvery: 7, poorAccuracyM: 45 });
    const rec = newRecorder({ thresholdM: 15, minSpacingM: 1 });
    const verdicts = walk.fixes.map((f) => addFix(rec, f));
    expect(verdicts.filter((v) => v === 'poor-accuracy').length).toBe(walk.poor);
    expect(rec.rejectedPoor).toBe(walk.poor);
    expect(keptFixes(rec).every((f) => f.accuracy <= 15)).toBe(true);
    const closed = closeBoundary(keptFixes(rec));
    const est = estimateBoundary(closed.polygon!, closed.fixes);
    expect(Math.abs(est.area_m2 - walk.trueAreaM2)).toBeLessThan(est.error95_m2 * 1.5);
  });
});
