// Benchmark: ellipsoidal area of 100,000 stand-like polygons (12–60 vertices, 1–50 ha, around Xingguo) with
// src/core/geo/measure.ts, with @turf/area (spherical, the speed baseline) and with GeographicLib (exact, the accuracy
// reference), all on the same seeded input in the same run. Each method is warmed up, then timed several times;
// the median counts. The last line printed is exactly one JSON object (see the measurement issue).
//
// Usage: npm run bench:area [-- --polygons N --reps R]
import turfArea from '@turf/area';
import type { Polygon } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure';
import { referenceArea } from '../../src/core/geo/geodesic-reference';
import { standLikePolygons } from '../../src/core/geo/random-polygons';

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} needs a positive integer, got ${process.argv[i + 1]}`);
  return v;
}

const N = argValue('polygons', 100_000);
const REPS = argValue('reps', 5);
const GEOGRAPHICLIB_REPS = Math.min(REPS, 3); // ~40× slower; three runs are enough for a stable median

type AreaFn = (p: Polygon) => number;
const methods: Record<string, AreaFn> = {
  measure: (p) => geodesicArea(p),
  turf: (p) => turfArea(p),
  geographiclib: (p) => referenceArea(p),
};

function runOnce(fn: AreaFn, polys: Polygon[], out: Float64Array): number {
  const t0 = performance.now();
  for (let i = 0; i < polys.length; i++) out[i] = fn(polys[i]);
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const polys = standLikePolygons(N);
const vertices = polys.reduce((s, p) => s + p.coordinates[0].length - 1, 0);
const results: Record<string, Float64Array> = {};
const times: Record<string, number[]> = {};
for (const name of Object.keys(methods)) {
  results[name] = new Float64Array(N);
  times[name] = [];
  runOnce(methods[name], polys.slice(0, Math.min(N, 20_000)), results[name]); // warm-up: let the JIT optimise
}
// Interleave the repetitions so that drifting machine load affects every method alike.
for (let r = 0; r < REPS; r++) {
  for (const name of Object.keys(methods)) {
    if (name === 'geographiclib' && r >= GEOGRAPHICLIB_REPS) continue;
    times[name].push(runOnce(methods[name], polys, results[name]));
  }
}

const ms = median(times.measure);
const turfMs = median(times.turf);
const geographiclibMs = median(times.geographiclib);
let maxRel = 0;
let maxRelTurf = 0;
for (let i = 0; i < N; i++) {
  const ref = results.geographiclib[i];
  maxRel = Math.max(maxRel, Math.abs(results.measure[i] - ref) / ref);
  maxRelTurf = Math.max(maxRelTurf, Math.abs(results.turf[i] - ref) / ref);
}
let total = 0;
for (let i = 0; i < N; i++) total += results.geographiclib[i];

const round = (x: number, d: number) => Number(x.toFixed(d));
console.log(`${N} stand-like polygons, ${vertices} vertices, ${round(total / 1e4, 1)} ha in total (seeded, around 26.3N 115.4E)`);
console.log(`median of ${REPS} runs (GeographicLib: ${GEOGRAPHICLIB_REPS}) after a warm-up\n`);
console.log('method              median ms   ns/vertex   ratio vs turf   max rel err vs GeographicLib');
const row = (label: string, t: number, err: number | null) =>
  console.log(
    `${label.padEnd(18)}${t.toFixed(1).padStart(11)}${((t * 1e6) / vertices).toFixed(1).padStart(12)}` +
      `${(t / turfMs).toFixed(2).padStart(16)}   ${err === null ? '(reference)' : err.toExponential(2)}`,
  );
row('measure.ts', ms, maxRel);
row('@turf/area', turfMs, maxRelTurf);
row('GeographicLib', geographiclibMs, null);
console.log(`\nall runs (ms): ${Object.entries(times).map(([k, v]) => `${k} [${v.map((x) => x.toFixed(0)).join(', ')}]`).join('; ')}`);
console.log(
  JSON.stringify({
    polygons: N,
    ms: round(ms, 1),
    turf_ms: round(turfMs, 1),
    geographiclib_ms: round(geographiclibMs, 1),
    ratio_vs_turf: round(ms / turfMs, 3),
    max_rel_err_vs_geographiclib: Number(maxRel.toPrecision(3)),
  }),
);
