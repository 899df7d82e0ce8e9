// Benchmark: ellipsoidal area of 100,000 stand-like polygons (12–60 vertices, 1–50 ha, around Xingguo) with
// src/core/geo/measure.ts, with @turf/area (spherical, the speed baseline) and with GeographicLib (exact, the accuracy
// reference), all on the same seeded input in the same run. Each method is warmed up, then timed several times;
// the median counts; measure.ts and Turf are interleaved chunk by chunk. The last line printed is exactly one JSON object (see the measurement issue).
//
// Usage: npm run bench:area [-- --polygons N --reps R]
import turfArea from '@turf/area';
import type { Polygon } from 'geojson';
import { geodesicArea, geodesicPerimeter } from '../../src/core/geo/measure';
import { referenceArea, referenceLength } from '../../src/core/geo/geodesic-reference';
import { standLikePolygons } from '../../src/core/geo/random-polygons';
import { cli } from '../lib/args.ts';

const { values: { polygons: N, reps: REPS } } = cli({
  name: 'bench:area',
  usage: 'npm run bench:area [-- --polygons N --reps R]',
  options: {
    polygons: { type: 'integer', default: 100_000, min: 1, help: 'stand-like polygons' },
    reps: { type: 'integer', default: 7, min: 1, help: 'timed repetitions (the median counts)' },
  },
});
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

// measure.ts and Turf: each repetition walks the input in chunks of 5,000 polygons and times both methods on every
// chunk, alternating which goes first, so that other load on the machine hits both alike.
const CHUNK = 5000;
for (let r = 0; r < REPS; r++) {
  const total = { measure: 0, turf: 0 };
  for (let start = 0, c = 0; start < N; start += CHUNK, c++) {
    const chunk = polys.slice(start, start + CHUNK);
    const order: ('measure' | 'turf')[] = (c + r) % 2 ? ['measure', 'turf'] : ['turf', 'measure'];
    for (const name of order) {
      const out = results[name].subarray(start, start + chunk.length);
      total[name] += runOnce(methods[name], chunk, out);
    }
  }
  times.measure.push(total.measure);
  times.turf.push(total.turf);
}
// GeographicLib is ~50× slower; a few whole passes give a stable enough median (it is not part of the ratio).
for (let r = 0; r < GEOGRAPHICLIB_REPS; r++) times.geographiclib.push(runOnce(methods.geographiclib, polys, results.geographiclib));

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

// Side figure (not in the JSON): perimeters of the first 10,000 polygons, measure.ts against GeographicLib's Inverse.
const sample = polys.slice(0, Math.min(N, 10_000));
const perim = { measure: new Float64Array(sample.length), geographiclib: new Float64Array(sample.length) };
const perimMs = { measure: [] as number[], geographiclib: [] as number[] };
for (let r = 0; r < 4; r++) {
  perimMs.measure.push(runOnce((p) => geodesicPerimeter(p), sample, perim.measure));
  if (r < 2) perimMs.geographiclib.push(runOnce((p) => referenceLength(p), sample, perim.geographiclib));
}
let maxRelPerim = 0;
for (let i = 0; i < sample.length; i++) maxRelPerim = Math.max(maxRelPerim, Math.abs(perim.measure[i] / perim.geographiclib[i] - 1));
console.log(
  `perimeters of ${sample.length} polygons: measure.ts ${median(perimMs.measure.slice(1)).toFixed(1)} ms, ` +
    `GeographicLib ${perimMs.geographiclib[1].toFixed(1)} ms, max rel err ${maxRelPerim.toExponential(2)}`,
);
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
