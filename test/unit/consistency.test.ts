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

// ---- one key, one meaning: figures are compared by key, and every key is accounted for ----

type Json = Record<string, unknown>;
/** Every leaf of an object by its key path ('avoided_emissions.grid_connected_kw', 'uncertainty.carbon_stock_tCO2e.0'). */
function leaves(o: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (o !== null && typeof o === 'object') {
    for (const [k, v] of Object.entries(o as Json)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, o);
  return out;
}
const sorted = (keys: Iterable<string>) => [...keys].sort();

/** Two objects with the same key paths and the same leaves (numbers to 1e-9 relative, the rest exactly). */
function sameFigures(what: string, a: unknown, b: unknown, skip: (path: string) => boolean = () => false): void {
  const la = leaves(a), lb = leaves(b);
  expect(sorted([...la.keys()].filter((k) => !skip(k))), `${what}: key paths`).toEqual(sorted([...lb.keys()].filter((k) => !skip(k))));
  for (const [k, v] of la) {
    if (skip(k)) continue;
    const w = lb.get(k);
    if (typeof v === 'number' && typeof w === 'number') same(`${what} ${k}`, v, w);
    else expect(v, `${what} ${k}`).toEqual(w);
  }
}

/** The keys a township row has beyond the county's (identity and the work done in it); every other key is a county key. */
const TOWNSHIP_ONLY = ['code', 'name', 'count', 'upgrade_by_type_mu', 'oil_tea_mu', 'carbon_afforestation_mu'];
/** County keys whose township values do not add up to the county value, and why. */
const NOT_ADDITIVE: [RegExp, string][] = [
  [/^coverage_pct$|^carbon_density_tC_per_ha$/, 'ratios'],
  [/^uncertainty\./, 'interval ends of the township figures do not add up (uncertainty is not additive)'],
  [/^provenance\./, 'shares and labels'],
  [/^carbon_pilots_counted$/, 'a flag'],
  [/^avoided_emissions\.(label|grid_factor_id|grid_factor_tco2_per_mwh)$/, 'the grid factor used, the same everywhere'],
];
const additive = (path: string) => !NOT_ADDITIVE.some(([re]) => re.test(path));

/** Public county keys that are not CLI county keys: what each one is in the CLI's terms, and its rounding. */
const PUBLIC_COUNTY_DERIVED: Record<string, [(c: Cli['county']) => number, number]> = {
  // (public files may not carry a stand field name such as stock_m3: the leak scan refuses it)
  growing_stock_m3: [(c) => c.stock_m3, 0],
  carbon_density_tCO2e_per_ha: [(c) => (c.carbon_density_tC_per_ha * 44) / 12, 1],
  avoided_tCO2_per_yr: [(c) => c.avoided_emissions.total_tco2_per_yr, 0],
  grid_connected_kw: [(c) => c.avoided_emissions.grid_connected_kw, 0],
};
/** Rounding of the public files by key (0 decimals unless listed). */
const PUBLIC_DIGITS: Record<string, number> = { land_area_mu: 1, forest_land_mu: 1, forest_area_mu: 1, coverage_pct: 2, carbon_density_tC_per_ha: 1, carbon_density_tCO2e_per_ha: 1, upgrade_mu: 1, upgrade_share_pct: 2 };
const digitsOf = (path: string) => PUBLIC_DIGITS[path.split('.')[0]] ?? 0;

function checkAgree(f: Figures): void {
  const w = f.worker.county.county;
  const c = f.cli.county;
  const p = f.pub.county;
  // County: the dashboard's worker and the CLI have the same keys and the same value under every key.
  sameFigures('county worker vs CLI', w, c);
  // One figure, one name: the stands-only keys are the stands entries of the by-source breakdowns; all-sources keys sum them.
  same('county stands stock = by source', c.stands_carbon_stock_tCO2e, c.carbon_stock_by_source_tCO2e.stands);
  same('county stands sink = by source', c.stands_annual_sink_tCO2e, c.annual_sink_by_source_tCO2e.stands);
  same('county stock = Σ sources', c.carbon_stock_tCO2e, Object.values(c.carbon_stock_by_source_tCO2e).reduce((a, x) => a + x, 0), 6);
  same('county sink = Σ sources', c.annual_sink_tCO2e, Object.values(c.annual_sink_by_source_tCO2e).reduce((a, x) => a + x, 0), 6);
  same('county net = gross − harvest − mortality', c.annual_sink_tCO2e, c.gross_growth_tCO2e - c.harvest_tCO2e - c.mortality_tCO2e, 6);
  same('county stands net = stands gross − harvest − mortality', c.stands_annual_sink_tCO2e, c.stands_gross_growth_tCO2e - c.harvest_tCO2e - c.mortality_tCO2e, 6);
  expect(c.annual_sink_tCO2e).toBeLessThan(c.gross_growth_tCO2e);
  expect(c.uncertainty.draws).toBeGreaterThanOrEqual(1000);
  for (const k of ['carbon_stock_tCO2e', 'annual_sink_tCO2e'] as const) {
    // the interval contains the central figure it is shown beside
    expect(c.uncertainty[k][0], `county ${k} low`).toBeLessThan(c[k]);
    expect(c.uncertainty[k][1], `county ${k} high`).toBeGreaterThan(c[k]);
  }
  // County: every key of the public file is a CLI county key with the same value (to its rounding), or a listed derivation.
  for (const [path, v] of leaves(p)) {
    const cliValue = leaves(c).get(path);
    if (cliValue !== undefined) {
      if (typeof v === 'number') same(`county ${path} CLI vs public`, cliValue as number, v, digitsOf(path));
      else expect(v, `county ${path} public`).toEqual(cliValue);
    } else {
      const derived = PUBLIC_COUNTY_DERIVED[path];
      expect(derived, `public county key "${path}" is not a CLI county key, nor a listed derivation of one`).toBeDefined();
      same(`county ${path} public`, derived[0](c), v as number, derived[1]);
    }
  }
  for (const k of ['carbon_stock', 'annual_sink'] as const) same(`county unverified share ${k} CLI vs public`, c.provenance.unverified_share[k], f.pub.unverified_share[k], 4);
  expect(f.pub.factors_version).toBe(f.cli.factors_version);
  expect(f.worker.county.factors_version).toBe(f.cli.factors_version);
  for (const t of f.worker.county.targets) same(`target ${t.id}`, t.value, f.cli.targets.find((x) => x.id === t.id)!.value);

  // Townships: a row has exactly the county's keys plus TOWNSHIP_ONLY, so a key means at township level what it means
  // for the county — the dashboard's township view (computeProgress on the township's features) agrees under every key.
  const countyKeys = sorted(Object.keys(c));
  expect(f.worker.towns.size).toBeGreaterThan(0);
  for (const row of f.cli.by_township) {
    expect(sorted(Object.keys(row).filter((k) => !TOWNSHIP_ONLY.includes(k))), `${row.code}: keys beside the township-only ones`).toEqual(countyKeys);
    same(`${row.code} stands sink = by source`, row.stands_annual_sink_tCO2e, row.annual_sink_by_source_tCO2e.stands);
  }
  for (const [code, scoped] of f.worker.towns) {
    const row = f.cli.by_township.find((r) => r.code === code)!;
    sameFigures(`${code} worker township view vs CLI row`, scoped.county, row, (k) => TOWNSHIP_ONLY.includes(k.split('.')[0]));
    for (const k of ['carbon_stock_tCO2e', 'annual_sink_tCO2e'] as const) {
      // the interval is about the figure shown beside it (stands + wetlands + mines + pilots): it contains it
      if (row[k] !== 0) {
        expect(row.uncertainty[k][0], `${code} ${k} low`).toBeLessThan(row[k]);
        expect(row.uncertainty[k][1], `${code} ${k} high`).toBeGreaterThan(row[k]);
      }
    }
    // Public township rows: every key is a CLI row key with the same value, or a listed derivation of the row.
    const pub = f.pub.townships.find((r) => r.code === code)!;
    expect(pub, `public row for ${code}`).toBeDefined();
    const upgrade = scoped.targets.find((t) => t.id === 'low_yield_forest_upgrade')!.value; // done by the plan's deadline
    const derived: Record<string, number | string> = {
      id: row.code, name_en: pub.name_en,
      carbon_stock_lo_tCO2e: row.uncertainty.carbon_stock_tCO2e[0], carbon_stock_hi_tCO2e: row.uncertainty.carbon_stock_tCO2e[1],
      annual_sink_lo_tCO2e: row.uncertainty.annual_sink_tCO2e[0], annual_sink_hi_tCO2e: row.uncertainty.annual_sink_tCO2e[1],
      carbon_density_tCO2e_per_ha: (row.carbon_density_tC_per_ha * 44) / 12,
      upgrade_mu: upgrade, upgrade_share_pct: row.forest_land_mu > 0 ? (upgrade / row.forest_land_mu) * 100 : 0,
    };
    for (const [k, v] of Object.entries(pub)) {
      const want = k in row ? (row as unknown as Json)[k] : derived[k];
      expect(want, `public township key "${k}" is not a CLI row key, nor a listed derivation of one`).toBeDefined();
      if (typeof v === 'number') same(`${code} public ${k}`, want as number, v, digitsOf(k));
      else expect(v, `${code} public ${k}`).toEqual(want);
    }
  }
  // Same meaning, checked: every additive county figure is the sum of the townships' figures under the same key (every
  // stand of these data sets lies in a township). A township figure that counted less (the stands alone) would fail here.
  const rows = f.cli.by_township.map((r) => leaves(r));
  let checked = 0;
  for (const [path, v] of leaves(c)) {
    if (typeof v !== 'number' || !additive(path)) continue;
    const sum = rows.reduce((a, r) => a + ((r.get(path) as number | null) ?? 0), 0);
    // (relative 1e-8: the township polygons tile the county; their ellipsoidal areas add up to ~1e-9)
    expect(Math.abs(sum - v), `Σ townships ${path} = county: ${sum} vs ${v}`).toBeLessThanOrEqual(1e-8 * Math.abs(v) + 1e-6);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(20);
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
  let report: Record<string, unknown> & { by_township: { code: string; count: number; forest_land_mu: number; forest_area_mu: number }[] };
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
      same(`${code} forest land`, row.forest_land_mu, mine.reduce((a, [, m2]) => a + m2, 0) / MU, 4);
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
    const carbon = JSON.parse(run('scripts/carbon.ts', ['--data', release, '--json'])) as { total: { carbon_stock_tCO2e: number; annual_sink_tCO2e: number; gross_growth_tCO2e: number; stock_m3: number } };
    // (its total is the sum over one stands file: the county's stands_ figures)
    same('carbon CLI stock', carbon.total.carbon_stock_tCO2e, f.cli.county.stands_carbon_stock_tCO2e);
    same('carbon CLI sink', carbon.total.annual_sink_tCO2e, f.cli.county.stands_annual_sink_tCO2e);
    same('carbon CLI gross growth', carbon.total.gross_growth_tCO2e, f.cli.county.stands_gross_growth_tCO2e);
    same('carbon CLI volume', carbon.total.stock_m3, f.cli.county.stock_m3);
  }, 240_000);
});
