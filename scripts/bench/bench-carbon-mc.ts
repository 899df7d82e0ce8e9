// Benchmark: Monte Carlo uncertainty (IPCC 2006 Vol.1 Ch.3 Approach 2) for 200,000 stands, 1,000 draws.
// Ours: stands summed into cells (township × method × species group × age group × origin …) during the one pass over
// the stands, then each draw evaluates one closure per cell. Baseline, in the same run on the same stands: the same
// model with one cell per stand (per-stand Monte Carlo). Both must give the same intervals; the aggregated run must fit
// in the 1 s budget the dashboard's worker has (the worker runs this same code: computeProgress → monteCarlo).
// The last line printed is one JSON object.
//
// Usage: npx tsx scripts/bench/bench-carbon-mc.ts [--stands N] [--draws D]
import { DEFAULT_FACTORS as F } from '../../src/core/carbon/factors.ts';
import { monteCarlo, mulberry32, UncertaintyCells, type McCell } from '../../src/core/carbon/monte-carlo.ts';
import { standCarbon, type StandCarbon } from '../../src/core/carbon/stand.ts';
import { cli } from '../lib/args.ts';

const { values: { stands: N, draws: DRAWS } } = cli({
  name: 'bench:carbon',
  usage: 'npm run bench:carbon [-- --stands 200000 --draws 1000]',
  options: {
    stands: { type: 'integer', default: 200_000, min: 1, help: 'synthetic stands' },
    draws: { type: 'integer', default: 1000, min: 1, help: 'Monte Carlo draws' },
  },
});

// Seeded synthetic stands with the sample data's mix of species, ages and origins, 25 townships.
const rand = mulberry32(42);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const SPECIES = ['杉木', '杉木', '马尾松', '马尾松', '马尾松', '湿地松', '硬阔', '软阔', '针阔混', '阔叶混', '毛竹', '油茶', '灌木'];
const AGES = ['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林'];
const results: StandCarbon[] = new Array(N);
const towns: string[] = new Array(N);
for (let i = 0; i < N; i++) {
  const species = pick(SPECIES);
  const tree = !['毛竹', '油茶', '灌木'].includes(species);
  const newOilTea = species === '油茶' && rand() < 0.3;
  results[i] = standCarbon({
    species, age_group: tree ? pick(AGES) : null, stock_m3: tree ? 20 + rand() * 800 : 0, area_m2: 5_000 + rand() * 150_000,
    origin: rand() < 0.5 ? '人工' : '天然', oil_tea_work: newOilTea ? '新造高产' : null, oil_tea_year: newOilTea ? 2021 + Math.floor(rand() * 5) : null,
    carbon_afforestation: tree && rand() < 0.003, afforestation_year: 2021 + Math.floor(rand() * 5),
  }, F, { method: 'ipcc_bef', year: 2026 });
  towns[i] = `3607321${String(Math.floor(rand() * 25)).padStart(2, '0')}`;
}

function timeIt<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

// Warm up both paths on a small slice so that neither pays the JIT alone.
{
  const w = new UncertaintyCells();
  for (let i = 0; i < 2000; i++) w.addStand(towns[i], results[i]);
  monteCarlo(w, F, { draws: 50 });
}

// Ours: aggregate (the part added to the worker's pass over the stands), then the draws.
const agg = timeIt(() => {
  const cells = new UncertaintyCells();
  for (let i = 0; i < N; i++) cells.addStand(towns[i], results[i]);
  return cells;
});
const ours = timeIt(() => monteCarlo(agg.value, F, { draws: DRAWS }));

// Baseline: one cell per stand (same closures, same draws).
const perStandCells = new UncertaintyCells();
for (let i = 0; i < N; i++) {
  const r = results[i];
  if (r.method === 'not_modelled' || !(r.area_ha > 0)) continue;
  let scope = perStandCells.scopes.get(towns[i]);
  if (!scope) perStandCells.scopes.set(towns[i], (scope = new Map()));
  const c: McCell = {
    model: r.method, group: r.species_group, age: r.age_group, origin: r.origin, t: r.years_since_planting, noHarvest: r.no_harvest,
    volume_m3: r.stock_m3, ha: r.area_ha, ha_stocked: r.stock_m3 > 0 ? r.area_ha : 0,
  };
  scope.set(String(i), c);
}
const baseline = timeIt(() => monteCarlo(perStandCells, F, { draws: DRAWS }));

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const o = ours.value.county, b = baseline.value.county;
const maxDiff = Math.max(
  relDiff(o.carbon_stock_tCO2e.lo, b.carbon_stock_tCO2e.lo), relDiff(o.carbon_stock_tCO2e.hi, b.carbon_stock_tCO2e.hi),
  relDiff(o.annual_sink_tCO2e.lo, b.annual_sink_tCO2e.lo), relDiff(o.annual_sink_tCO2e.hi, b.annual_sink_tCO2e.hi),
);
const total = agg.ms + ours.ms;
console.log(`${N} stands, ${DRAWS} draws, ${ours.value.cells} cells`);
console.log(`aggregated: sum into cells ${agg.ms.toFixed(0)} ms + draws ${ours.ms.toFixed(0)} ms = ${total.toFixed(0)} ms (budget 1000 ms: ${total <= 1000 ? 'met' : 'NOT met'})`);
console.log(`per-stand baseline: ${baseline.ms.toFixed(0)} ms → aggregated is ${(baseline.ms / total).toFixed(1)}× faster`);
console.log(`county stock 95 %: ${(o.carbon_stock_tCO2e.lo / 1e6).toFixed(3)}–${(o.carbon_stock_tCO2e.hi / 1e6).toFixed(3)} Mt CO2e (central ${(o.carbon_stock_tCO2e.central / 1e6).toFixed(3)}); max relative difference to the per-stand run ${maxDiff.toExponential(1)}`);
console.log(JSON.stringify({
  stands: N, draws: DRAWS, cells: ours.value.cells, aggregate_ms: Math.round(agg.ms), draws_ms: Math.round(ours.ms), total_ms: Math.round(total),
  baseline_per_stand_ms: Math.round(baseline.ms), speedup: Math.round((baseline.ms / total) * 10) / 10, max_rel_diff: maxDiff, budget_met: total <= 1000,
}));
