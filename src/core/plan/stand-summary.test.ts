// The multi-year stand pass (summariseStandsForYears, used by the public build for its year control) against an
// independent per-year computation: every stand's standCarbon for that year summed in stand order into plain objects,
// as the pass did before it shared work across years. Equality is exact (same additions, same order).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS } from '../carbon/factors.ts';
import { standCarbon, type StandCarbon } from '../carbon/stand.ts';
import { normaliseStands } from '../inventory/normalise.ts';
import { isForest } from '../inventory/schema.ts';
import { fixtureLayers } from './fixture.testutil.ts';
import { computeAreas, type FC, type PlanLayers, type StandLike } from './layers.ts';
import { emptyBucket, summariseStands, summariseStandsForYears, type Bucket } from './stand-summary.ts';

function add(b: Bucket, p: StandLike, c: StandCarbon): void {
  const mu = c.area_mu;
  b.count += 1;
  b.area_mu += mu;
  b.stock_m3 += c.stock_m3;
  b.carbon_stock_tCO2e += c.carbon_stock_tCO2e;
  b.annual_sink_tCO2e += c.annual_sink_tCO2e;
  b.carbon_stock_tC += c.carbon_stock_tC;
  if (isForest(p)) {
    b.forest_area_mu += mu;
    b.forest_carbon_stock_tC += c.carbon_stock_tC;
  }
  b.gross_growth_tCO2e += c.gross_growth_tCO2e;
  b.harvest_tCO2e += c.harvest_tCO2e;
  b.mortality_tCO2e += c.mortality_tCO2e;
  b.stock_by_status[c.stock_status] += Math.abs(c.carbon_stock_tCO2e);
  b.sink_by_status[c.sink_status] += Math.abs(c.annual_sink_tCO2e);
  if (p.upgrade_type && p.upgrade_type in b.upgrade_mu) b.upgrade_mu[p.upgrade_type as keyof Bucket['upgrade_mu']] += mu;
  if (p.oil_tea_work && p.oil_tea_work in b.oil_tea_mu) b.oil_tea_mu[p.oil_tea_work as keyof Bucket['oil_tea_mu']] += mu;
  if (p.carbon_afforestation) b.carbon_afforestation_mu += mu;
}

/** County, township and species × age buckets and per-stand figures for one year, stand by stand. */
function reference(stands: FC<StandLike>, areas: Float64Array, year: number) {
  const county = emptyBucket();
  const towns: Record<string, Bucket & { code: string; name: string }> = {};
  const groups: Record<string, Bucket & { species_group: string; age_group: string }> = {};
  const stock: number[] = [];
  stands.features.forEach((f, i) => {
    const p = f.properties;
    const c = standCarbon({
      species: p.species_raw ?? p.species, age_group: p.age_group, stock_m3: p.stock_m3, area_m2: areas[i], origin: p.origin,
      carbon_afforestation: !!p.carbon_afforestation, afforestation_year: p.carbon_afforestation ? p.afforestation_year : null,
      oil_tea_work: p.oil_tea_work, oil_tea_year: p.oil_tea_year,
    }, DEFAULT_FACTORS, { method: 'ipcc_bef', year });
    stock.push(c.carbon_stock_tCO2e);
    add(county, p, c);
    const code = p.township_code ?? 'unknown';
    add((towns[code] ??= { ...emptyBucket(), code, name: p.township_name ?? '' }), p, c);
    const age = p.age_group ?? '—';
    add((groups[`${c.species_group}|${age}`] ??= { ...emptyBucket(), species_group: c.species_group, age_group: age }), p, c);
  });
  return { county, towns, groups, stock };
}

function check(stands: FC<StandLike>, areas: Float64Array, years: number[]) {
  const all = summariseStandsForYears(stands, areas, DEFAULT_FACTORS, { method: 'ipcc_bef', years });
  expect(all.map((s) => s.year)).toEqual(years);
  years.forEach((year, y) => {
    const ref = reference(stands, areas, year);
    const s = all[y];
    expect(s.county).toEqual(ref.county);
    expect(s.byTownship).toEqual(ref.towns);
    expect(s.bySpeciesAge).toEqual(ref.groups);
    expect(Array.from(s.perStand.carbon_stock_tCO2e)).toEqual(ref.stock);
    // and the same as the one-year pass, down to the Monte Carlo cells and the series
    const one = summariseStands(stands, areas, DEFAULT_FACTORS, { method: 'ipcc_bef', year });
    expect(s.cells.scopes).toEqual(one.cells.scopes);
    expect(s.added).toEqual(one.added);
    expect(s.methodsUsed).toEqual(one.methodsUsed);
  });
  return all;
}

describe('summariseStandsForYears', () => {
  it('gives each year exactly the per-stand sums of that year (fixture with 油茶 and 碳汇造林 plantings on curves)', () => {
    const layers = fixtureLayers();
    const areas = computeAreas(layers).stands;
    const all = check(layers.stands, areas, [2026, 2020, 2022, 2023, 2030]);
    // the planting curves make the years differ: the pass must not reuse one year's carbon for another
    expect(all[1].county.carbon_stock_tCO2e).not.toBe(all[4].county.carbon_stock_tCO2e);
    // the series are copies, not one object shared by the years
    expect(all[0].added).not.toBe(all[1].added);
  });

  it.runIf(existsSync('data/stands.geojson'))('matches on the sample stands for 2020 and 2030', async () => {
    // read as the loader does (scripts/lib/plan-layers.ts, outside src/core): parsed, measured, normalised
    const raw = JSON.parse(readFileSync('data/stands.geojson', 'utf8')) as FC<unknown>;
    const areas = computeAreas({ stands: raw, county: { type: 'FeatureCollection', features: [] } } as unknown as PlanLayers).stands;
    const stands = { type: 'FeatureCollection', features: normaliseStands(raw.features, areas).features } as unknown as FC<StandLike>;
    check(stands, areas, [2020, 2030]);
  }, 120_000);
});

describe('monteCarloRuns (the public build\'s years at once)', () => {
  it('gives each year exactly the Monte Carlo that year gets on its own', async () => {
    const { monteCarlo, monteCarloRuns } = await import('../carbon/monte-carlo.ts');
    const { progressCells } = await import('./progress.ts');
    const layers = fixtureLayers();
    const areas = computeAreas(layers);
    const years = [2026, 2020, 2022, 2023, 2030];
    const summaries = summariseStandsForYears(layers.stands, areas.stands, DEFAULT_FACTORS, { method: 'ipcc_bef', years });
    const cells = summaries.map((s, i) => progressCells(layers, areas, s, years[i]));
    const together = monteCarloRuns(cells, DEFAULT_FACTORS, { draws: 300 });
    cells.forEach((c, i) => expect(together[i]).toEqual(monteCarlo(c, DEFAULT_FACTORS, { draws: 300 })));
    // the planting curves make the years' intervals differ
    expect(together[1].county.carbon_stock_tCO2e).not.toEqual(together[4].county.carbon_stock_tCO2e);
  });
});
