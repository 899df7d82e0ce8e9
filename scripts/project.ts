// npm run project -- <project.json> [--json] [--data dir] [--other p.json …] [--land-cover shares.json] [--method ipcc_bef|fang] [--factors t.json]
// A carbon-sink project (docs/carbon-projects.md): eligibility per parcel, strata, ex-ante removals per crediting year
// by AR-ACM0003 with AR-TOOL14 (baseline, project, leakage, uncertainty deduction, net, cumulative), 95 % intervals,
// value, the methodology and every parameter with its source and status. The parcels are checked against the data
// folder's stands, wetlands, water and county outline. With --json, stdout is exactly one JSON object (the
// ProjectReport of src/core/projects/run.ts); messages go to stderr.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { DEFAULT_FACTORS, parseFactorTable, type CarbonFactors } from '../src/core/carbon/factors.ts';
import { fmt, textTable } from '../src/core/carbon/text-table.ts';
import { otherProjectOf, projectContext } from '../src/core/projects/context.ts';
import { parseProjectText, ProjectFileError, type ProjectFile } from '../src/core/projects/format.ts';
import type { LandCoverShares, OtherProject } from '../src/core/projects/overlay.ts';
import { runProject, type ProjectReport } from '../src/core/projects/run.ts';
import { cli, SHARED_OPTIONS } from './lib/args.ts';
import { resolveDataDir } from './lib/data-dir.ts';

const SPEC = {
  name: 'project',
  usage: 'npm run project -- <project.json> [--json] [--data dir] [--other project.json …] [--land-cover shares.json] [--method ipcc_bef|fang] [--factors table.json]',
  about: 'Eligibility, strata, ex-ante removals (AR-ACM0003 (CDM), not the CCER text), intervals and value of a carbon-sink project.',
  options: {
    json: SHARED_OPTIONS.json,
    data: SHARED_OPTIONS.data,
    method: SHARED_OPTIONS.method,
    factors: SHARED_OPTIONS.factors,
    other: { type: 'string', multiple: true, help: 'another project file whose parcels this one must not overlap (repeatable)' },
    'land-cover': { type: 'string', help: 'land-cover shares per parcel id, {"P1": {"forest": 0.1, "water": 0, "built": 0}, …} (the raster\'s zonal statistics)' },
  },
  positionals: { min: 1, max: 1, name: 'project file' },
} as const;

function fail(message: string, code = 1): never {
  process.stderr.write(`project: ${message}\n`);
  process.exit(code);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
}

function readProject(file: string): ProjectFile {
  try {
    return parseProjectText(readText(file));
  } catch (e) {
    if (e instanceof ProjectFileError) return fail(`${file}: ${e.message}`);
    throw e;
  }
}

function readLayer(dir: string, name: string, required: boolean): FeatureCollection<Geometry | null> | undefined {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    if (required) fail(`${file}: no such file (is ${dir} a data folder? \`npm run data\` makes the sample)`);
    return undefined;
  }
  try {
    const fc = JSON.parse(text);
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) fail(`${file}: not a GeoJSON FeatureCollection`);
    return fc;
  } catch (e) {
    return fail(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

function readLandCover(file: string): Record<string, LandCoverShares | null> {
  let v: unknown;
  try {
    v = JSON.parse(readText(file));
  } catch (e) {
    return fail(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(`${file}: must be an object of parcel id → {forest, water, wetland, built, cropland, other} shares`);
  for (const [id, shares] of Object.entries(v as Record<string, unknown>)) {
    if (shares === null) continue;
    if (!shares || typeof shares !== 'object') fail(`${file}: ${id}: must be an object of shares or null`);
    for (const [k, x] of Object.entries(shares as Record<string, unknown>)) {
      if (!['forest', 'water', 'wetland', 'built', 'cropland', 'other'].includes(k)) fail(`${file}: ${id}.${k}: unknown land-cover class`);
      if (typeof x !== 'number' || !(x >= 0 && x <= 1)) fail(`${file}: ${id}.${k}: must be a share from 0 to 1`);
    }
  }
  return v as Record<string, LandCoverShares | null>;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const range = (r: [number, number], d = 0) => `${fmt(r[0], d)}–${fmt(r[1], d)}`;

function printHuman(r: ProjectReport, file: string): void {
  const out: string[] = [];
  const P = r.project;
  out.push(`兴国碳汇图 — carbon-sink project ${P.name} (${file})`,
    `Methodology: ${r.methodology.label} — ${r.methodology.label_zh}`,
    `  ${r.methodology.reason}`,
    `Start ${P.start_date}; crediting period ${P.crediting_years} years (${P.first_year}–${P.last_year}; allowed ${r.methodology.crediting.min_years}–${r.methodology.crediting.max_years}: ${r.methodology.crediting.source}); pools ${P.pools.join(', ')} (estimated ex ante: ${P.pools_estimated.join(', ')})`, '');

  out.push('Eligibility (pass · fail ✗ · unknown ? · skipped –):');
  const mark = { pass: '·', fail: '✗', unknown: '?', skipped: '–' } as const;
  const ruleIds = r.eligibility.parcels[0]?.rules.map((x) => x.rule) ?? [];
  out.push(textTable(['parcel', 'design', 'area (mu)', 'eligible', ...ruleIds],
    r.eligibility.parcels.map((p) => [p.id, p.design, fmt(p.area_mu), p.eligible ? 'yes' : 'NO', ...p.rules.map((x) => mark[x.status])]), new Set([2])));
  for (const p of r.eligibility.parcels.filter((x) => !x.eligible)) {
    for (const x of p.rules.filter((y) => y.status === 'fail')) {
      const t = r.eligibility.rules[x.rule];
      out.push(`  ✗ ${p.id} ${t.title_zh} (${t.title_en}): ${x.reason}`, `      「${t.quote}」 — ${t.source}`);
    }
  }
  out.push(`  eligible: ${r.eligibility.eligible.length} of ${r.eligibility.parcels.length} parcels, ${fmt(r.eligibility.eligible_area_mu)} mu = ${fmt(r.eligibility.eligible_area_ha)} ha`, '');

  out.push('Strata:');
  out.push(textTable(['stratum', 'design', 'baseline', 'parcels', 'area (mu)', 'area (ha)', 'species (share, curve)', 'planted', 'site', 'stems/ha', 'baseline trees (t CO2e/yr)', 'shrub loss (t CO2e)'],
    r.strata.map((s) => [s.id, s.design, s.baseline_kind, String(s.parcels.length), fmt(s.area_mu), fmt(s.area_ha),
      s.species.map((c) => `${c.group} ${c.share} (${c.row || c.group === '杉木' ? 'own curve' : '杉木 curve'})`).join(' + '), String(s.planting_year), s.site_class, fmt(s.density_per_ha, 0),
      fmt(s.baseline_tree_removal_tCO2e_per_yr), fmt(s.shrub_loss_tCO2e)]), new Set([3, 4, 5, 9, 10, 11])), '');

  out.push('Ex-ante removals per crediting year, t CO2e (equation per column below):');
  out.push(textTable(['t', 'year', 'trees ΔC_TREE_PROJ', 'shrubs', 'ΔC_ACTUAL', 'baseline ΔC_BSL', 'leakage LK', 'deduction', 'net ΔC_AR', 'net 95 %', 'cumulative', 'cumulative 95 %', 'value (CNY, central)'],
    r.years.map((y) => [String(y.t), String(y.year), fmt(y.tree_project_tCO2e, 1), fmt(y.shrub_project_tCO2e, 1), fmt(y.actual_tCO2e, 1), fmt(y.baseline_tCO2e, 1),
      fmt(y.leakage_tCO2e, 1), fmt(y.deduction_project_tCO2e + y.deduction_baseline_tCO2e, 1), fmt(y.net_tCO2e, 1), range(y.net_95), fmt(y.cumulative_net_tCO2e, 1), range(y.cumulative_95),
      fmt(r.value.by_year.find((v) => v.year === y.year)?.revenue_cny.central ?? 0, 0)]),
    new Set([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])), '');
  for (const [col, id] of Object.entries(r.methodology.column_equations)) {
    const e = r.methodology.equations.find((x) => x.id === id)!;
    out.push(`  ${col}: ${e.number} — ${e.formula}${e.numbering === 'recalled' ? ' [numbering recalled, text not read]' : ''}`);
  }

  const T = r.totals, U = r.uncertainty, V = r.value;
  out.push('', `Totals over ${P.crediting_years} years: project ${fmt(T.project_tCO2e, 0)} − baseline ${fmt(T.baseline_tCO2e, 0)} − leakage ${fmt(T.leakage_tCO2e, 0)} − deductions ${fmt(T.deduction_tCO2e, 0)}`,
    `  = net ${fmt(T.net_tCO2e, 0)} t CO2e (95 %: ${range(T.net_95)}), ${fmt(T.mean_net_per_year_tCO2e, 1)} t CO2e/yr, ${fmt(T.net_per_ha_per_year_tCO2e, 2)} t CO2e/ha/yr; tree stock at the end ${fmt(T.tree_stock_end_tCO2e, 0)} t CO2e`,
    `Uncertainty: ${U.method}, ${U.draws} draws, seed ${U.seed}; AR-TOOL14 U project ${pct(U.project.U)} → discount ${pct(U.project.discount)} of U (${pct(U.project.share_deducted)} of removals deducted), baseline U ${pct(U.baseline.U)} (+${pct(U.baseline.share_added)})${U.deduction === 'none' ? ' — deduction switched off in the project file' : ''}`,
    `  ${U.note}`,
    `Value at ${fmt(V.price_cny_per_tCO2e.low, 0)} / ${fmt(V.price_cny_per_tCO2e.central, 0)} / ${fmt(V.price_cny_per_tCO2e.high, 0)} CNY/t CO2e (${V.price_source}), discount rate ${pct(V.discount_rate)} (${V.discount_source}):`,
    `  undiscounted ${fmt(V.totals.revenue_cny.low, 0)} / ${fmt(V.totals.revenue_cny.central, 0)} / ${fmt(V.totals.revenue_cny.high, 0)} CNY; present value ${fmt(V.totals.present_revenue_cny.low, 0)} / ${fmt(V.totals.present_revenue_cny.central, 0)} / ${fmt(V.totals.present_revenue_cny.high, 0)} CNY`,
    `  costs ${fmt(V.totals.cost_cny, 0)} CNY (present ${fmt(V.totals.present_cost_cny, 0)}); net present value ${fmt(V.totals.net_present_value_cny.low, 0)} / ${fmt(V.totals.net_present_value_cny.central, 0)} / ${fmt(V.totals.net_present_value_cny.high, 0)} CNY`, '');

  out.push(`Parameters (factor table ${r.provenance.factors_version}; share of project removals resting on unverified factors ${pct(r.provenance.unverified_share.project_removals)}, of baseline removals ${pct(r.provenance.unverified_share.baseline_removals)}):`);
  for (const note of r.parameters.carbon) {
    out.push(`  ${note.figure}: ${note.formula}`);
    for (const p of note.parameters) out.push(`    ${p.name} = ${p.value} ${p.unit} [${p.status}] ${p.source}`);
  }
  out.push('  project model:');
  for (const p of r.parameters.project) out.push(`    ${p.key} = ${p.value ?? p.note} ${p.unit} [${p.status}] ${p.source}`);
  for (const w of r.warnings) out.push(`warning: ${w}`);
  out.push('Areas: ellipsoidal (CGCS2000), 1 mu = 10000/15 m². t CO2e = t C × 44/12.');
  process.stdout.write(`${out.join('\n')}\n`);
}

function main(): void {
  const { values, positionals } = cli(SPEC);
  const file = positionals[0];
  const project = readProject(file);
  let factors: CarbonFactors = DEFAULT_FACTORS;
  if (values.factors) {
    try {
      factors = parseFactorTable(readText(values.factors));
    } catch (e) {
      fail(`${values.factors}: ${(e as Error).message}`);
    }
  }
  const others: OtherProject[] = values.other.map((f, i) => otherProjectOf(readProject(f), `other-${i + 1}`));
  const lc = values['land-cover'] ? readLandCover(values['land-cover']) : null;
  const dir = resolveDataDir(values.data);
  const stands = readLayer(dir, 'stands.geojson', true)!;
  const wetlands = [readLayer(dir, 'wetlands.geojson', false), readLayer(dir, 'water.geojson', false)].filter((x) => !!x);
  const county = readLayer(dir, 'county.geojson', false) ?? null;
  const ctx = projectContext({ stands, wetlands, county }, {
    factors, method: values.method, ...(values.other.length ? { otherProjects: others } : {}),
    ...(lc ? { landCover: (p: { id: string }) => (p.id in lc ? lc[p.id] : null) } : {}),
  });
  const report = runProject(project, ctx);
  for (const w of report.warnings) process.stderr.write(`project: ${file}: ${w}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printHuman(report, file);
}

main();
