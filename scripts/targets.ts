// npm run targets -- [--json] [--data dir] [--files] [--method ipcc_bef|fang] [--grid central_2023|national_2022] [--factors t.json] [--year 2020–2030] [--timing]
// Progress of every quantitative target of 《兴国县碳达峰实施方案》 computed from the layers in data/, plus county totals
// (forest land, coverage, stock, carbon stock and sink) and PV/wind avoided emissions, which are not a sink.
// Without --data and --files, the project layers' current state (the bureau's edits) is read from the server's database
// when there is one (DATABASE_URL, or the embedded database in var/db), as the dashboard and 发布 read it.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { DEFAULT_FACTORS, parseFactorTable, type CarbonFactors } from '../src/core/carbon/factors.ts';
import type { StandMethod } from '../src/core/carbon/stand.ts';
import { fmt, textTable } from '../src/core/carbon/text-table.ts';
import { computeProgress, type PlanProgress } from '../src/core/plan/progress.ts';
import { computeAreas, type PlanLayers } from '../src/core/plan/layers.ts';
import { planLayerFiles } from '../src/layers/analysis-roles.ts';
import { STATUS_TEXT } from '../src/core/plan/status.ts';
import { FIRST_YEAR, LAST_YEAR, parseYear } from '../src/core/plan/years.ts';
import { cli, SHARED_OPTIONS, usageError } from './lib/args.ts';
import { resolveDataDir } from './lib/data-dir.ts';
import { readPlanLayers } from './lib/plan-layers.ts';

const PLAN_LAYER_FILES = planLayerFiles();

const SPEC = {
  name: 'targets',
  usage: 'npm run targets -- [--json] [--data dir] [--files] [--method ipcc_bef|fang] [--grid central_2023|national_2022] [--factors table.json] [--year 2020–2030] [--timing]',
  about: 'Progress of every quantitative target of 《兴国县碳达峰实施方案》, county totals and PV/wind avoided emissions.',
  options: {
    json: SHARED_OPTIONS.json,
    data: SHARED_OPTIONS.data,
    files: { type: 'boolean', help: "read the project layers from the data files, not the server's database" },
    method: SHARED_OPTIONS.method,
    grid: { type: 'string', help: 'grid emission factor id for avoided emissions' },
    factors: SHARED_OPTIONS.factors,
    year: { type: 'string', help: `the year (${FIRST_YEAR}–${LAST_YEAR}) the map's year control would show` },
    timing: { type: 'boolean', help: 'print how long each step took' },
  },
} as const;

function fail(message: string, code = 1): never {
  process.stderr.write(`targets: ${message}\n`);
  process.exit(code);
}

interface Args { json: boolean; data: string; dataGiven?: boolean; files?: boolean; method: StandMethod; grid?: string; factorsFile?: string; timing: boolean; year?: number }

function parseArgs(argv: string[]): Args {
  const { values: v } = cli(SPEC, argv);
  // The same year the map's year control shows: targets count work done by its end, carbon is that year's.
  const year = v.year === undefined ? undefined : parseYear(v.year) ?? usageError(SPEC, `--year must be a year from ${FIRST_YEAR} to ${LAST_YEAR}, not "${v.year}"`);
  return {
    json: v.json, data: resolveDataDir(v.data), dataGiven: v.data !== undefined, files: v.files, method: v.method,
    grid: v.grid, factorsFile: v.factors, timing: v.timing, year,
  };
}

function loadFactors(file?: string): CarbonFactors {
  if (!file) return DEFAULT_FACTORS;
  try {
    return parseFactorTable(readFileSync(file, 'utf8'));
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
}

const digits = (unit: string) => (unit === '%' ? 2 : unit === 'count' ? 0 : unit === 'm3' ? 0 : 1);

function printHuman(p: PlanProgress, args: Args, timing: string): void {
  const out: string[] = [`兴国县碳达峰实施方案 — target progress as of ${p.as_of_year} (data: ${args.data})`, ''];
  out.push(textTable(
    ['target', '目标', 'section', 'year', 'value', 'target', 'unit', 'ratio', 'status', 'shortfall'],
    p.targets.map((t) => [t.id, t.text_zh.length > 26 ? `${t.text_zh.slice(0, 25)}…` : t.text_zh, t.section, String(t.target_year ?? '—'),
      fmt(t.value, digits(t.unit)), fmt(t.target, digits(t.unit)), t.unit, t.ratio == null ? '—' : `${fmt(t.ratio * 100, 1)}%`,
      `${t.status} ${STATUS_TEXT[t.status].zh}`, fmt(t.shortfall, digits(t.unit))]),
    new Set([4, 5, 7, 9]),
  ));
  out.push('', 'Notes:');
  for (const t of p.targets) if (t.note) out.push(`  ${t.id}: ${t.note}`);

  const c = p.county;
  const a = c.avoided_emissions;
  out.push('', 'County totals:',
    `  land area            ${fmt(c.land_area_mu, 0)} mu`,
    `  forest land (林地)    ${fmt(c.forest_land_mu, 0)} mu`,
    `  forest (森林)         ${fmt(c.forest_area_mu, 0)} mu   coverage ${fmt(c.coverage_pct, 2)}%`,
    `  growing stock        ${fmt(c.stock_m3, 0)} m³`,
    `  carbon stock         ${fmt(c.carbon_stock_tCO2e, 0)} t CO2e (stands ${fmt(c.carbon_stock_by_source_tCO2e.stands, 0)}, mines ${fmt(c.carbon_stock_by_source_tCO2e.mines, 0)}, pilot polygons ${fmt(c.carbon_stock_by_source_tCO2e.carbon_pilots, 0)})`,
    `                       95 %: ${fmt(c.uncertainty.carbon_stock_tCO2e[0], 0)}–${fmt(c.uncertainty.carbon_stock_tCO2e[1], 0)} t CO2e; density ${fmt(c.carbon_density_tC_per_ha, 1)} t C/ha of forest (${fmt(c.carbon_density_tC_per_ha * 44 / 12, 1)} t CO2e/ha)`,
    `  gross growth         ${fmt(c.gross_growth_tCO2e, 0)} t CO2e/yr − harvest ${fmt(c.harvest_tCO2e, 0)} − mortality ${fmt(c.mortality_tCO2e, 0)}`,
    `  net annual sink      ${fmt(c.annual_sink_tCO2e, 0)} t CO2e/yr, 95 %: ${fmt(c.uncertainty.annual_sink_tCO2e[0], 0)}–${fmt(c.uncertainty.annual_sink_tCO2e[1], 0)} (stands ${fmt(c.annual_sink_by_source_tCO2e.stands, 0)}, wetlands ${fmt(c.annual_sink_by_source_tCO2e.wetlands, 0)}, mines ${fmt(c.annual_sink_by_source_tCO2e.mines, 0)}, pilot polygons ${fmt(c.annual_sink_by_source_tCO2e.carbon_pilots, 0)})`,
    `  ${a.label}: ${fmt(a.total_tco2_per_yr, 0)} t CO2/yr from ${fmt(a.grid_connected_kw, 0)} kW grid-connected (PV ${fmt(a.pv_tco2_per_yr, 0)}, wind ${fmt(a.wind_tco2_per_yr, 0)}; grid factor ${a.grid_factor_id} ${a.grid_factor_tco2_per_mwh} tCO2/MWh) — not a sink, not added above`,
  );
  out.push(`  method ${p.method}, factor table ${c.provenance.factors_version}; resting on unverified factors: stock ${fmt(c.provenance.unverified_share.carbon_stock * 100, 0)}%, net sink ${fmt(c.provenance.unverified_share.annual_sink * 100, 0)}%; intervals: ${c.uncertainty.method}, ${c.uncertainty.draws} draws`);
  out.push('', 'By township:');
  out.push(textTable(
    ['code', 'township', 'forest land (mu)', 'coverage', 'stock (m³)', 'C stock, all sources (t CO2e)', 'net sink, all sources (t CO2e/yr)', 'upgraded (mu)', 'PV+wind (kW)'],
    p.by_township.map((r) => [r.code, r.name, fmt(r.forest_land_mu, 0), r.coverage_pct == null ? '—' : `${fmt(r.coverage_pct, 1)}%`,
      fmt(r.stock_m3, 0), fmt(r.carbon_stock_tCO2e, 0), fmt(r.annual_sink_tCO2e, 0),
      fmt(Object.values(r.upgrade_by_type_mu).reduce((s, v) => s + v, 0), 0), fmt(r.avoided_emissions.grid_connected_kw, 0)]),
    new Set([2, 3, 4, 5, 6, 7, 8]),
  ));
  out.push('', 'By year (cumulative):');
  out.push(textTable(
    ['year', '更新', '补植', '抚育', '封育', 'upgrade total', '新造高产油茶', '油茶改造', '碳汇造林', 'PV+wind (kW)'],
    p.by_year.map((y) => [String(y.year), fmt(y.upgrade_mu.更新, 0), fmt(y.upgrade_mu.补植, 0), fmt(y.upgrade_mu.抚育, 0), fmt(y.upgrade_mu.封育, 0),
      fmt(y.upgrade_total_mu, 0), fmt(y.oil_tea_mu.新造高产, 0), fmt(y.oil_tea_mu.低产改造, 0), fmt(y.carbon_afforestation_mu, 0), fmt(y.grid_connected_kw, 0)]),
    new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]),
  ));
  out.push('', `Method: ${p.method}: ${p.method_label}`, `Factor table: ${p.factors_version}. Areas: ellipsoidal (CGCS2000), 1 mu = 10000/15 m².`);
  if (timing) out.push(timing);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.data) || !statSync(args.data).isDirectory()) fail(`${args.data}: no such data directory`);
  const factors = loadFactors(args.factorsFile);
  if (args.grid && !factors.gridFactors[args.grid]) fail(`--grid: unknown grid factor "${args.grid}" (have: ${Object.keys(factors.gridFactors).join(', ')})`, 2);

  const t0 = performance.now();
  // The one loader (scripts/lib/plan-layers.ts): plain GeoJSON, ellipsoidal areas, stands through the shared normalisation.
  let loaded;
  try {
    loaded = readPlanLayers(args.data);
  } catch (e) {
    return fail((e as Error).message);
  }
  let { layers, areas } = loaded;
  let projectSource = 'files';
  const fromDbKeys = new Set<string>();
  if (!args.dataGiven && !args.files) {
    const { projectLayersFromDb } = await import('../src/server/project-source.ts');
    const fromDb = await projectLayersFromDb(process.env, args.data, (l) => process.stderr.write(`targets: ${l}\n`)).catch((e: Error) => fail(e.message));
    if (fromDb) {
      for (const key of Object.keys(fromDb.layers)) fromDbKeys.add(key);
      layers = { ...layers, ...fromDb.layers } as PlanLayers;
      // The database's project layers measured by the same core function as the files (the stands keep their areas).
      try {
        areas = { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: areas.stands };
      } catch (e) {
        return fail(`${fromDb.source}: ${(e as Error).message}`);
      }
      projectSource = fromDb.source;
      process.stderr.write(`targets: project layers from the ${fromDb.source}\n`);
    }
  }
  for (const file of loaded.missing) {
    if (![...fromDbKeys].some((key) => file.endsWith(PLAN_LAYER_FILES[key as keyof PlanLayers]))) process.stderr.write(`targets: ${file}: missing, targets that need it show no progress\n`);
  }
  const t1 = performance.now();
  const t2 = performance.now();
  const progress = computeProgress(layers, { factors, method: args.method, areas, gridFactorId: args.grid, asOfYear: args.year });
  const t3 = performance.now();
  const timing = `Timing: read ${(t1 - t0).toFixed(0)} ms, areas ${(t2 - t1).toFixed(0)} ms, progress ${(t3 - t2).toFixed(0)} ms for ${layers.stands.features.length} stands`;
  if (args.timing) process.stderr.write(`targets: ${timing}\n`);

  if (args.json) {
    const { summary: _omit, ...rest } = progress; // per-stand arrays are for the map, not the report
    const c = progress.county;
    process.stdout.write(`${JSON.stringify({
      data_dir: args.data,
      project_source: projectSource,
      ...rest,
      county: c,
    })}\n`);
  } else printHuman(progress, args, timing);
}

void main();
