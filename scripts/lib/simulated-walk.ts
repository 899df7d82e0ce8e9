// A walk around a boundary of known geometry, as a phone's GPS would report it: fixes every `spacingM` metres along the
// true edges (and a little past the start, as walkers overshoot), each off by a correlated error whose standard
// deviation per axis matches the reported accuracy (accuracy = the 68 % radius, boundary-area.ts), varying along the
// walk as an exponentially correlated (Gauss–Markov) process with scale `correlationM`. Some fixes can be made poor:
// a large reported accuracy and an error to match, which the recorder must reject. Used by the unit tests of the
// error estimate, the field page's browser test and `npm run bench:field`.
import type { Polygon, Position } from 'geojson';
import { ACCURACY_TO_SIGMA } from '../../src/core/field/boundary-area.ts';
import { localFrame } from '../../src/core/field/local-frame.ts';
import type { Fix } from '../../src/core/field/track.ts';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { Rng } from '../../src/core/random.ts';

export interface WalkOptions {
  /** The true boundary's corners as metres east/north of `origin`, in walking order (not closed). */
  cornersM: [number, number][];
  origin: [number, number];
  spacingM: number;
  accuracyM: number;
  correlationM: number;
  seed: number | string;
  /** Metres walked past the starting corner at the end. */
  overshootM?: number;
  /** Every n-th fix is a poor one (accuracy `poorAccuracyM`), 0 = none. */
  poorEvery?: number;
  poorAccuracyM?: number;
  startTime?: number;
}

export interface SimulatedWalk {
  fixes: Fix[];
  truth: Polygon;
  trueAreaM2: number;
  poor: number;
}

export function simulatedWalk(o: WalkOptions): SimulatedWalk {
  const rng = new Rng(o.seed);
  const frame = localFrame(o.origin[1]);
  const toLonLat = (x: number, y: number): Position => {
    const [dLon, dLat] = frame.toDegrees(x, y);
    return [o.origin[0] + dLon, o.origin[1] + dLat];
  };
  const ring = [...o.cornersM, o.cornersM[0]];
  const path: [number, number][] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const len = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(1, Math.round(len / o.spacingM));
    for (let k = 0; k < steps; k++) path.push([x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps]);
  }
  // Past the start, along the first edge.
  const over = Math.round((o.overshootM ?? 0) / o.spacingM);
  for (let k = 0; k <= over && k < path.length; k++) path.push(path[k]);
  const sigma = o.accuracyM * ACCURACY_TO_SIGMA;
  const rho = Math.exp(-o.spacingM / o.correlationM);
  const innovation = sigma * Math.sqrt(1 - rho * rho);
  let ex = rng.normal(0, sigma);
  let ey = rng.normal(0, sigma);
  const t0 = o.startTime ?? Date.UTC(2026, 5, 1, 2, 0, 0);
  let poor = 0;
  const fixes = path.map(([x, y], i): Fix => {
    ex = rho * ex + rng.normal(0, innovation);
    ey = rho * ey + rng.normal(0, innovation);
    const isPoor = o.poorEvery ? i % o.poorEvery === o.poorEvery - 1 : false;
    if (isPoor) {
      poor++;
      const s = (o.poorAccuracyM ?? 40) * ACCURACY_TO_SIGMA;
      const [lon, lat] = toLonLat(x + rng.normal(0, s), y + rng.normal(0, s));
      return { lon, lat, accuracy: o.poorAccuracyM ?? 40, time: t0 + i * 1000 };
    }
    const [lon, lat] = toLonLat(x + ex, y + ey);
    return { lon, lat, accuracy: o.accuracyM, time: t0 + i * 1000 };
  });
  const truth: Polygon = { type: 'Polygon', coordinates: [ring.map(([x, y]) => toLonLat(x, y))] };
  // Walking order may be clockwise; the area does not care about the winding.
  return { fixes, truth, trueAreaM2: geodesicArea(truth), poor };
}
