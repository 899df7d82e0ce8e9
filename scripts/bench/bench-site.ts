// Benchmark: site analysis of a 2,000 mu site against the full sample data (data/) — stands, overlap layers and the
// 三区三线 the siting rules read — with the flatbush index against a naive scan of every stand and polygon (each box
// computed from its coordinates, no index), in the same run on the same sites; and the selected site's extra cost of
// the map highlight (each finding's geometry). Sites are irregular 40-gons scaled to 2,000 mu, centred on stands spread over the county. Each site is
// analysed once to warm up, then timed; the median over sites counts. Last line: one JSON object.
//
// Usage: npm run bench:site [-- --sites N --mu M]
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { analyseSite, buildSiteIndex } from '../../src/core/analysis/index.ts';
import { bboxOf } from '../../src/core/geo/positions.ts';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { fromSquareMetres } from '../../src/core/geo/units.ts';
import { planLayerFiles } from '../../src/layers/analysis-roles.ts';
import { computeAreas, type PlanLayers } from '../../src/core/plan/layers.ts';
import { mulberry32 } from '../../src/core/random.ts';
import { cli } from '../lib/args.ts';
import { constraintLayers, constraintSources, overlapSources } from '../../src/layers/analysis-roles.ts';

const PLAN_LAYER_FILES = planLayerFiles();

const DATA = path.resolve(import.meta.dirname, '../../data');

const { values: { sites: SITES, mu: SITE_MU } } = cli({
  name: 'bench:site',
  usage: 'npm run bench:site [-- --sites N --mu M]',
  options: {
    sites: { type: 'integer', default: 20, min: 1, help: 'how many sites' },
    mu: { type: 'number', default: 2000, min: 1, help: 'the area of each site in 亩' },
  },
});

function load(): PlanLayers {
  if (!existsSync(path.join(DATA, 'stands.geojson'))) {
    console.error(`bench:site: ${DATA}/stands.geojson is missing; run npm run data first`);
    process.exit(2);
  }
  const out: Record<string, FeatureCollection> = {};
  for (const [key, file] of Object.entries(PLAN_LAYER_FILES)) {
    const p = path.join(DATA, file);
    if (existsSync(p)) out[key] = JSON.parse(readFileSync(p, 'utf8')) as FeatureCollection;
  }
  return out as unknown as PlanLayers;
}

/** An irregular polygon of `mu` 亩 around (lon, lat): 40 vertices with ±15 % radius noise, then scaled exactly. */
function siteAround(lon: number, lat: number, mu: number, rand: () => number): Polygon {
  const noise = Array.from({ length: 40 }, () => 0.85 + 0.3 * rand());
  const ring = (r: number) => {
    const pts = noise.map((k, i) => {
      const a = (2 * Math.PI * i) / noise.length;
      return [lon + (r * k * Math.cos(a)) / Math.cos((lat * Math.PI) / 180), lat + r * k * Math.sin(a)];
    });
    return [...pts, pts[0]];
  };
  const r0 = 0.006;
  const area = geodesicArea({ type: 'Polygon', coordinates: [ring(r0)] });
  return { type: 'Polygon', coordinates: [ring(r0 * Math.sqrt(fromSquareMetres(area, 'mu') > 0 ? mu / fromSquareMetres(area, 'mu') : 1))] };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const layers = load();
const t0 = performance.now();
const areas = computeAreas(layers);
const t1 = performance.now();
const constraints = Object.fromEntries(constraintLayers().filter((c) => existsSync(path.join(DATA, c.file))).map((c) => [c.id, JSON.parse(readFileSync(path.join(DATA, c.file), 'utf8')) as FeatureCollection]));
const index = buildSiteIndex(layers, areas, overlapSources(layers), constraintSources(constraints as never));
const t2 = performance.now();
const n = layers.stands.features.length;
console.log(`stands: ${n}; areas ${(t1 - t0).toFixed(0)} ms, index build ${(t2 - t1).toFixed(1)} ms (once per data load)`);

const rand = mulberry32(7);
const sites: Polygon[] = [];
for (let k = 0; k < SITES; k++) {
  const b = bboxOf(layers.stands.features[Math.floor(((k + 0.5) / SITES) * n)].geometry)!;
  sites.push(siteAround((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, SITE_MU, rand));
}
const fast: number[] = [], slow: number[] = [], lit: number[] = [], mus: number[] = [], clipped: number[] = [], findings: number[] = [];
for (const site of sites) {
  analyseSite(index, site, { type: '光伏', year: 2026 }); // warm-up
  let t = performance.now();
  const a = analyseSite(index, site, { type: '光伏', year: 2026 });
  fast.push(performance.now() - t);
  if (process.env.BENCH_DEBUG) console.log(fast.length, (performance.now() - t).toFixed(1), a.candidates, a.overlaps.map((o) => `${o.layer}:${o.count}`).join(" "));
  t = performance.now();
  const b = analyseSite(index, site, { type: '光伏', year: 2026, naive: true });
  slow.push(performance.now() - t);
  if (Math.abs(a.stands.carbon_stock_tCO2e - b.stands.carbon_stock_tCO2e) > 1e-6) throw new Error('index and scan disagree');
  const sameSiting = a.siting.findings.length === b.siting.findings.length && a.siting.findings.every((f, i) => f.rule === b.siting.findings[i].rule && Math.abs(f.area_mu - b.siting.findings[i].area_mu) <= 1e-9 * Math.max(1, f.area_mu));
  if (!sameSiting) throw new Error('index and scan disagree on the siting rules');
  t = performance.now();
  analyseSite(index, site, { type: '光伏', year: 2026, highlights: true });
  lit.push(performance.now() - t);
  findings.push(a.siting.findings.length);
  mus.push(a.area_mu);
  clipped.push(a.stands.count);
}
const ms = median(fast), naiveMs = median(slow);
console.log(`${SITES} sites of ${median(mus).toFixed(1)} mu, median ${median(clipped)} stands overlapped`);
console.log(`indexed: median ${ms.toFixed(2)} ms, max ${Math.max(...fast).toFixed(2)} ms; naive scan: median ${naiveMs.toFixed(2)} ms; ratio ${(naiveMs / ms).toFixed(1)}×`);
console.log(`with the map highlight (the selected site): median ${median(lit).toFixed(2)} ms; median ${median(findings)} siting findings`);
console.log(`target ≤ 50 ms: ${ms <= 50 ? 'met' : 'NOT met'}`);
console.log(JSON.stringify({ site_mu: Math.round(median(mus)), stands: n, constraint_layers: Object.keys(index.constraints).length, ms: Number(ms.toFixed(2)), naive_ms: Number(naiveMs.toFixed(2)), highlight_ms: Number(median(lit).toFixed(2)) }));
