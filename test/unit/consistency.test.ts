// One figure, one number: the dashboard's analysis worker (its computation, analysis-core.ts, run here in Node on the
// same files the browser fetches), the targets CLI's JSON and the public aggregates must agree on every county and
// township figure — on the sample data and on a realistic 二类 export imported with `npm run data:import`.
// The 二类 release's totals are also checked against an independent computation (GeographicLib areas of the fixture's
// own rings × its own attributes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refArea, MU } from '../../src/core/plan/fixture.testutil.ts';
import type { PlanProgress } from '../../src/core/plan/progress.ts';
import type { PlanProgressFile } from '../../src/public-page/public-data.ts';
import { planForYear } from '../../src/public-page/year-figures.ts';
import { createAnalysis } from '../../src/workers/analysis-core.ts';
import { buildPublicData } from '../../scripts/build-public-data.ts';
import { erleiInventory, type ErleiFixture } from '../fixtures/erlei-inventory.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(ROOT, 'data');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const work = mkdtempSync(path.join(tmpdir(), 'consistency-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (script: string, args: string[]) => execFileSync(TSX, [path.join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });

function fsReader(dir: string) {
  return async (file: string) => {
    try {
      return new Uint8Array(readFileSync(path.join(dir, file)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
}

type Cli = Omit<PlanProgress, 'summary'>;

interface Figures {
  worker: { county: PlanProgress; towns: Map<string, PlanProgress> };
  cli: Cli;
  pub: PlanProgressFile;
}

/**
 * The three paths' figures for the data's own year, or for `year` (issue 18's year control: the worker's year option,
 * `targets --year`, and the public file's per-year figures, which hold the same county and township fields).
 */
async function figures(dir: string, year?: number): Promise<Figures> {
  buildPublicData({ dataDir: dir }); // rebuilt only when something it depends on changed
  const analysis = createAnalysis(fsReader(dir));
  const load = await analysis.load();
  expect(load.stands_from).toBe('columns'); // what the browser reads
  const county = analysis.progress(null, 'ipcc_bef', year);
  const towns = new Map<string, PlanProgress>();
  const cli = JSON.parse(run('scripts/targets.ts', ['--data', dir, '--json', ...(year === undefined ? [] : ['--year', String(year)])])) as Cli;
  for (const r of cli.by_township) if (r.land_area_mu !== null) towns.set(r.code, analysis.progress(r.code, 'ipcc_bef', year));
  const file = JSON.parse(readFileSync(path.join(dir, 'public/plan-progress.json'), 'utf8')) as PlanProgressFile;
  if (year === undefined) return { worker: { county, towns }, cli, pub: file };
  const y = file.years?.[year];
  expect(y, `public figures for ${year}`).toBeDefined();
  expect(cli.as_of_year).toBe(year);
  // what the page shows for that year (year-figures.ts)
  return { worker: { county, towns }, cli, pub: planForYear(file, year) };
}

/** a equals b; `digits` is the rounding the public file applies (its value may differ by half a unit of it). */
const same = (what: string, a: number, b: number, digits?: number) => {
  const tol = digits === undefined ? 1e-9 * Math.max(1, Math.abs(b)) : 0.5 * 10 ** -digits + 1e-9 * Math.abs(b);
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(tol);
};

function checkAgree(f: Figures): void {
  const w = f.worker.county.county;
  const c = f.cli.county;
  const p = f.pub.county;
  for (const [k, digits] of [['land_area_mu', 1], ['forest_land_mu', 1], ['forest_area_mu', 1], ['coverage_pct', 2], ['stock_m3', 0], ['carbon_stock_tCO2e', 0], ['annual_sink_tCO2e', 0]] as const) {
    same(`county ${k} worker vs CLI`, w[k], c[k]);
    same(`county ${k} CLI vs public`, c[k], k === 'stock_m3' ? p.growing_stock_m3 : p[k], digits);
  }
  // issue 17's figures: net = gross − harvest − mortality, carbon in t C, density per ha of forest, and the Monte Carlo
  // intervals (deterministic for the seed: every path runs the same draws), provenance shares.
  for (const [k, digits] of [['gross_growth_tCO2e', 0], ['harvest_tCO2e', 0], ['mortality_tCO2e', 0], ['carbon_density_tC_per_ha', 1]] as const) {
    same(`county ${k} worker vs CLI`, w[k], c[k]);
    same(`county ${k} CLI vs public`, c[k], p[k], digits);
  }
  same('county carbon t C worker vs CLI', w.carbon_stock_tC, c.carbon_stock_tC);
  same('county net = gross − harvest − mortality', c.annual_sink_tCO2e, c.gross_growth_tCO2e - c.harvest_tCO2e - c.mortality_tCO2e, 6);
  expect(c.annual_sink_tCO2e).toBeLessThan(c.gross_growth_tCO2e);
  for (const k of ['carbon_stock_tCO2e', 'annual_sink_tCO2e'] as const) {
    expect(c.uncertainty.draws).toBeGreaterThanOrEqual(1000);
    for (const j of [0, 1]) {
      same(`county ${k} interval[${j}] worker vs CLI`, w.uncertainty[k][j], c.uncertainty[k][j]);
      same(`county ${k} interval[${j}] CLI vs public`, c.uncertainty[k][j], p.uncertainty[k][j], 0);
    }
    // the interval contains the central figure it is shown beside
    expect(c.uncertainty[k][0], `county ${k} low`).toBeLessThan(c[k]);
    expect(c.uncertainty[k][1], `county ${k} high`).toBeGreaterThan(c[k]);
  }
  for (const k of ['carbon_stock', 'annual_sink'] as const) {
    same(`county unverified share ${k} worker vs CLI`, w.provenance.unverified_share[k], c.provenance.unverified_share[k]);
    same(`county unverified share ${k} CLI vs public`, c.provenance.unverified_share[k], f.pub.unverified_share[k], 4);
  }
  expect(f.pub.factors_version).toBe(f.cli.factors_version);
  expect(f.worker.county.factors_version).toBe(f.cli.factors_version);
  same('county grid-connected kW', w.avoided_emissions.grid_connected_kw, c.avoided_emissions.grid_connected_kw);
  same('county grid-connected kW public', c.avoided_emissions.grid_connected_kw, p.grid_connected_kw, 0);
  for (const t of f.worker.county.targets) same(`target ${t.id}`, t.value, f.cli.targets.find((x) => x.id === t.id)!.value);

  expect(f.worker.towns.size).toBeGreaterThan(0);
  for (const [code, scoped] of f.worker.towns) {
    const row = f.cli.by_township.find((r) => r.code === code)!;
    const pub = f.pub.townships.find((r) => r.code === code)!;
    expect(pub, `public row for ${code}`).toBeDefined();
    const s = scoped.county; // the dashboard's township view: the same computeProgress on the township's features
    same(`${code} land`, s.land_area_mu, row.land_area_mu!);
    same(`${code} forest land`, s.forest_land_mu, row.area_mu);
    same(`${code} forest`, s.forest_area_mu, row.forest_area_mu);
    same(`${code} coverage`, s.coverage_pct, row.coverage_pct!);
    same(`${code} stock`, s.stock_m3, row.stock_m3);
    same(`${code} carbon stock`, s.carbon_stock_tCO2e, row.carbon_stock_all_sources_tCO2e);
    same(`${code} annual sink`, s.annual_sink_tCO2e, row.annual_sink_all_sources_tCO2e);
    same(`${code} grid kW`, s.avoided_emissions.grid_connected_kw, row.grid_connected_kw);
    same(`${code} public land`, row.land_area_mu!, pub.land_area_mu, 1);
    same(`${code} public forest land`, row.area_mu, pub.forest_land_mu, 1);
    same(`${code} public forest`, row.forest_area_mu, pub.forest_area_mu, 1);
    same(`${code} public coverage`, row.coverage_pct!, pub.coverage_pct, 2);
    same(`${code} public carbon stock`, row.carbon_stock_all_sources_tCO2e, pub.carbon_stock_tCO2e, 0);
    same(`${code} public annual sink`, row.annual_sink_all_sources_tCO2e, pub.annual_sink_tCO2e, 0);
    // issue 17's township figures: gross growth, density, and the 95 % intervals of the all-sources stock and net sink
    // (the township view's own Monte Carlo run draws each factor from the same stream as the county run)
    same(`${code} gross growth`, s.gross_growth_tCO2e, row.gross_growth_all_sources_tCO2e);
    same(`${code} net = gross − harvest − mortality`, row.annual_sink_all_sources_tCO2e, row.gross_growth_all_sources_tCO2e - row.harvest_tCO2e - row.mortality_tCO2e, 6);
    same(`${code} density`, s.carbon_density_tC_per_ha, row.carbon_density_tC_per_ha);
    same(`${code} public density`, row.carbon_density_tC_per_ha, pub.carbon_density_tC_per_ha, 1);
    for (const [k, central] of [['carbon_stock_tCO2e', row.carbon_stock_all_sources_tCO2e], ['annual_sink_tCO2e', row.annual_sink_all_sources_tCO2e]] as const) {
      const [lo, hi] = row.uncertainty[k];
      same(`${code} ${k} low worker vs CLI`, s.uncertainty[k][0], lo);
      same(`${code} ${k} high worker vs CLI`, s.uncertainty[k][1], hi);
      same(`${code} ${k} low public`, lo, k === 'carbon_stock_tCO2e' ? pub.carbon_stock_lo_tCO2e : pub.annual_sink_lo_tCO2e, 0);
      same(`${code} ${k} high public`, hi, k === 'carbon_stock_tCO2e' ? pub.carbon_stock_hi_tCO2e : pub.annual_sink_hi_tCO2e, 0);
      // the interval is about the figure shown beside it (stands + wetlands + mines + pilots): it contains it
      if (central !== 0) {
        expect(lo, `${code} ${k} low`).toBeLessThan(central);
        expect(hi, `${code} ${k} high`).toBeGreaterThan(central);
      }
    }
    // the upgrade figure: the dashboard's township target value (done by the deadline) = the public row
    same(`${code} public upgrade`, scoped.targets.find((t) => t.id === 'low_yield_forest_upgrade')!.value, pub.upgrade_mu, 1);
  }
  // the townships add up to the county (every stand of these data sets lies in a township)
  const sum = (k: 'area_mu' | 'forest_area_mu' | 'carbon_stock_all_sources_tCO2e' | 'annual_sink_all_sources_tCO2e' | 'gross_growth_all_sources_tCO2e') => f.cli.by_township.reduce((a, r) => a + r[k], 0);
  same('townships Σ gross growth', sum('gross_growth_all_sources_tCO2e'), c.gross_growth_tCO2e, 3);
  same('townships Σ forest land', sum('area_mu'), c.forest_land_mu, 6);
  same('townships Σ forest', sum('forest_area_mu'), c.forest_area_mu, 6);
  same('townships Σ carbon stock', sum('carbon_stock_all_sources_tCO2e'), c.carbon_stock_tCO2e, 3);
  same('townships Σ annual sink', sum('annual_sink_all_sources_tCO2e'), c.annual_sink_tCO2e, 3);
}

describe('one figure everywhere: sample data', () => {
  it('dashboard worker = targets CLI JSON = public aggregates, county and every township', async () => {
    const f = await figures(SAMPLE);
    expect(f.worker.towns.size).toBe(25);
    checkAgree(f);
  }, 240_000);

  it('the same for a year of the year control: 2022 (work done by its end) and 2030 (carbon projected)', async () => {
    for (const year of [2022, 2030]) {
      const f = await figures(SAMPLE, year);
      expect(f.worker.county.as_of_year).toBe(year);
      checkAgree(f);
    }
  }, 240_000);
});

describe('one figure everywhere: a 二类 export imported with data:import', () => {
  let fixture: ErleiFixture;
  let report: Record<string, unknown> & { by_township: { code: string; count: number; area_mu: number; forest_area_mu: number }[] };
  const release = path.join(work, 'release');

  beforeAll(() => {
    const towns = JSON.parse(readFileSync(path.join(SAMPLE, 'townships.geojson'), 'utf8'));
    fixture = erleiInventory(towns, 3000);
    const zip = path.join(work, '兴国县二类小班.zip');
    writeFileSync(zip, fixture.zip);
    // the township layer a bureau would give: polygons with 乡镇代码 and 乡镇名称 (no sample-data flags)
    const layer = { type: 'FeatureCollection', features: towns.features.map((f: { geometry: unknown; properties: { code: string; name: string } }) => ({ type: 'Feature', geometry: f.geometry, properties: { XZDM: f.properties.code, XZMC: f.properties.name } })) };
    writeFileSync(path.join(work, '乡镇界.geojson'), JSON.stringify(layer));
    report = JSON.parse(run('scripts/data-import.ts', [zip, '--townships', path.join(work, '乡镇界.geojson'), '--out', release, '--json']));
  }, 240_000);

  it('the import report: every stand imported, codes read, unknown values counted and not guessed', () => {
    expect(report.stands_read).toBe(3000);
    expect(report.stands_imported).toBe(3000);
    expect(report.rejected).toEqual([]);
    // safe repairs are made and reported, never rejected
    const fixed = report.fixed as { index: number; what: string }[];
    for (const i of fixture.repeated) expect(fixed.find((x) => x.index === i)?.what, `stand ${i}`).toMatch(/removed 1 repeated point/);
    for (const i of fixture.spiked) expect(fixed.find((x) => x.index === i)?.what, `stand ${i}`).toMatch(/removed 1 zero-area spike/);
    expect(fixture.spiked.length).toBeGreaterThan(0);
    expect(report.unrecognised_values).toEqual(fixture.unrecognised); // 地类 0199 and 竹柏, with their counts
    expect(report.mapping).toMatchObject({ land_class: 'DI_LEI', species: 'YOU_SHI_SZ', stock_per_ha: 'MEI_GQ_XJ', township_code: 'XIANG', age_group: 'LING_ZU', origin: 'QI_YUAN' });
    expect(report.unmapped_fields).toEqual(expect.arrayContaining(['PINGJUN_NL', 'MEI_GQ_ZS', 'DLBM', 'SEN_LIN_LB', 'LD_QS', 'HAI_BA']));
    expect(report.declared_vs_measured).toMatchObject({ unit: 'ha', stands: 3000 });
    expect((report.declared_vs_measured as { worst_rel_diff: number }).worst_rel_diff).toBeLessThan(0.02);
  });

  it('forest area, stock and township totals equal an independent computation (GeographicLib × the fixture attributes)', () => {
    const areas = fixture.expected.map((s) => refArea(s.ring));
    const forest = fixture.expected.reduce((a, s, i) => a + (s.forest ? areas[i] : 0), 0) / MU;
    const stock = fixture.expected.reduce((a, s, i) => a + s.stock_per_ha * (areas[i] / 10_000), 0);
    const cli = JSON.parse(run('scripts/targets.ts', ['--data', release, '--json'])) as Cli;
    same('forest area', cli.county.forest_area_mu, forest, 3);
    same('stock', cli.county.stock_m3, stock, 2);
    same('report forest area', report.forest_area_mu as number, forest, 3);
    same('report stock', report.stock_m3 as number, stock, 2);
    for (const code of new Set(fixture.expected.map((s) => s.township_code))) {
      const mine = fixture.expected.map((s, i) => [s, areas[i]] as const).filter(([s]) => s.township_code === code);
      const row = cli.by_township.find((r) => r.code === code)!;
      same(`${code} stands`, row.count, mine.length);
      same(`${code} forest land`, row.area_mu, mine.reduce((a, [, m2]) => a + m2, 0) / MU, 4);
      same(`${code} forest`, row.forest_area_mu, mine.reduce((a, [s, m2]) => a + (s.forest ? m2 : 0), 0) / MU, 4);
      same(`${code} report forest`, report.by_township.find((r) => r.code === code)!.forest_area_mu, row.forest_area_mu);
    }
    // 竹柏 is not counted as bamboo: those stands carry no carbon (unknown species), not 毛竹's per-area density
    const bambooMu = fixture.expected.reduce((a, s, i) => a + (s.species === '毛竹' ? areas[i] : 0), 0) / MU;
    const bamboo = cli.by_species_age.filter((r) => r.species_group === '毛竹').reduce((a, r) => a + r.area_mu, 0);
    same('毛竹 area', bamboo, bambooMu, 4);
  }, 120_000);

  it('dashboard worker = targets CLI JSON = public aggregates, county and every township', async () => {
    const f = await figures(release);
    expect(f.worker.towns.size).toBe(25); // every township polygon, with or without stands
    expect(f.cli.county.forest_area_mu).toBeGreaterThan(0);
    expect(f.cli.county.carbon_stock_tCO2e).toBeGreaterThan(0);
    expect(f.pub.sample_data).toBe(false);
    checkAgree(f);
    // `npm run carbon -- --data <release>` reads the same stands through the same field mapping: same stand carbon
    const carbon = JSON.parse(run('scripts/carbon.ts', ['--data', release, '--json'])) as { total: { carbon_stock_tCO2e: number; annual_sink_tCO2e: number; stock_m3: number } };
    same('carbon CLI stock', carbon.total.carbon_stock_tCO2e, f.cli.county.carbon_stock_by_source_tCO2e.stands);
    same('carbon CLI sink', carbon.total.annual_sink_tCO2e, f.cli.county.annual_sink_by_source_tCO2e.stands);
    same('carbon CLI volume', carbon.total.stock_m3, f.cli.county.stock_m3);
  }, 240_000);
});
