// npm run carbon -- <stands file> [--json] [--method ipcc_bef|fang] [--year 2026] [--factors table.json]
// Carbon stock and annual sink per stand and in total, for any file the import registry reads. Attributes may be
// the schema's (data/README.md) or real 二类 names (优势树种/YSSZ, 龄组/LZ, 蓄积/XJ …). With --json, stdout is exactly
// one JSON object; warnings go to stderr.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_FACTORS, parseFactorTable, type CarbonFactors } from '../src/core/carbon/factors.ts';
import { carbonForFeatures, StandFileError, type CarbonRun } from '../src/core/carbon/report.ts';
import { methodNotes, type FactorKind } from '../src/core/carbon/method-notes.ts';
import { SPECIES_GROUPS } from '../src/core/carbon/species-groups.ts';
import type { StandMethod } from '../src/core/carbon/stand.ts';
import { fmt, textTable } from '../src/core/carbon/text-table.ts';
import { importFile } from '../src/core/io/registry.ts';
import { cli, SHARED_OPTIONS, usageError } from './lib/args.ts';
import { resolveDataDir } from './lib/data-dir.ts';

const SPEC = {
  name: 'carbon',
  usage: 'npm run carbon -- <stands file | --data dir> [--json] [--method ipcc_bef|fang] [--year YYYY] [--factors table.json]',
  about: 'Carbon stock and annual sink per stand and in total, for any file the import registry reads.',
  options: {
    json: SHARED_OPTIONS.json,
    method: SHARED_OPTIONS.method,
    year: { type: 'integer', default: 2026, help: 'the year the figures are for' },
    factors: SHARED_OPTIONS.factors,
    data: { type: 'string', help: 'a data folder (data/ or a data:import release): reads its stands.geojson' },
  },
  positionals: { max: 1, name: 'stands file' },
} as const;
const HUMAN_ROWS = 40; // human mode lists the first stands, then groups; --json always lists every stand

function fail(message: string, code = 1): never {
  process.stderr.write(`carbon: ${message}\n`);
  process.exit(code);
}

interface Args { file: string; json: boolean; method: StandMethod; year: number; factorsFile?: string }

function parseArgs(argv: string[]): Args {
  const { values, positionals } = cli(SPEC, argv);
  if (positionals[0] && values.data !== undefined) usageError(SPEC, `one stands file at a time (got "${positionals[0]}" and --data ${values.data})`);
  // --data goes through the one resolver (scripts/lib/data-dir.ts) like every CLI's; a file or --data must be given.
  const file = positionals[0] ?? (values.data === undefined ? undefined : join(resolveDataDir(values.data), 'stands.geojson'));
  if (!file) usageError(SPEC, 'no stands file given (or --data <dir> for a data folder\'s stands)');
  return { file, json: values.json, method: values.method, year: values.year, factorsFile: values.factors };
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
}

function loadFactors(file: string | undefined): CarbonFactors {
  if (!file) return DEFAULT_FACTORS;
  try {
    return parseFactorTable(new TextDecoder().decode(readBytes(file)));
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Factor kinds behind the features of this file, for the parameter listing. */
function kindsUsed(methods: readonly string[]): FactorKind[] {
  const m = new Set(methods);
  const kinds: FactorKind[] = [];
  if (m.has('ipcc_bef') || m.has('fang')) kinds.push('tree_stock', 'tree_growth', 'tree_consumption');
  if (m.has('bamboo_net_rate')) kinds.push('bamboo');
  if (m.has('oil_tea_density') || m.has('oil_tea_planting')) kinds.push('oil_tea');
  if (m.has('afforestation_curve')) kinds.push('afforestation_curve');
  return kinds;
}

function printHuman(run: CarbonRun, args: Args, factors: CarbonFactors): void {
  const { report } = run;
  const out: string[] = [];
  out.push(`兴国碳汇图 — carbon of ${args.file} (assessment year ${args.year})`, '');
  const shown = report.features.slice(0, HUMAN_ROWS);
  out.push(textTable(
    ['#', 'species group', 'formula', 'area (mu)', 'stock (m³)', 'C stock (t C)', 'C stock (t CO2e)', 'gross (t CO2e/yr)', 'net sink (t CO2e/yr)'],
    shown.map((r) => [String(r.index), r.species_group, r.method, fmt(r.area_mu), fmt(r.stock_m3, 1),
      fmt(r.carbon_stock_tC), fmt(r.carbon_stock_tCO2e), fmt(r.gross_growth_tCO2e), fmt(r.annual_sink_tCO2e)]),
    new Set([0, 3, 4, 5, 6, 7, 8]),
  ));
  if (report.features.length > shown.length) out.push(`… ${report.features.length - shown.length} more stands (use --json for all)`);

  const groups = new Map<string, { n: number; mu: number; m3: number; co2: number; gross: number; sink: number }>();
  for (const r of report.features) {
    const g = groups.get(r.species_group) ?? { n: 0, mu: 0, m3: 0, co2: 0, gross: 0, sink: 0 };
    g.n++; g.mu += r.area_mu; g.m3 += r.stock_m3; g.co2 += r.carbon_stock_tCO2e; g.gross += r.gross_growth_tCO2e; g.sink += r.annual_sink_tCO2e;
    groups.set(r.species_group, g);
  }
  out.push('', 'By species group:');
  out.push(textTable(
    ['species group', 'stands', 'area (mu)', 'stock (m³)', 'C stock (t CO2e)', 'gross growth (t CO2e/yr)', 'net sink (t CO2e/yr)'],
    [...groups].sort((a, b) => b[1].co2 - a[1].co2).map(([g, v]) => [g, String(v.n), fmt(v.mu), fmt(v.m3, 0), fmt(v.co2), fmt(v.gross), fmt(v.sink)]),
    new Set([1, 2, 3, 4, 5, 6]),
  ));
  const t = report.total;
  const u = t.uncertainty;
  out.push('', `Total: ${report.features.length} stands, ${fmt(t.area_mu)} mu (forest ${fmt(t.forest_area_mu)} mu), stock ${fmt(t.stock_m3, 1)} m³`,
    `  carbon stock ${fmt(t.carbon_stock_tC)} t C = ${fmt(t.carbon_stock_tCO2e)} t CO2e (95 %: ${fmt(u.carbon_stock_tCO2e[0], 0)}–${fmt(u.carbon_stock_tCO2e[1], 0)})`,
    `  carbon density ${fmt(t.carbon_density_tC_per_ha)} t C/ha of forest area (${fmt(t.carbon_density_tC_per_ha * 44 / 12)} t CO2e/ha)`,
    `  gross growth ${fmt(t.gross_growth_tCO2e)} − harvest ${fmt(t.harvest_tCO2e)} − mortality ${fmt(t.mortality_tCO2e)}`,
    `  = net annual sink ${fmt(t.annual_sink_tCO2e)} t CO2e/yr (95 %: ${fmt(u.annual_sink_tCO2e[0], 0)}–${fmt(u.annual_sink_tCO2e[1], 0)})`,
    `  intervals: ${u.method}, ${u.draws} draws, seed ${u.seed}`);

  out.push('', `Method: ${report.method}`, `Factor table: ${report.factors_version}`,
    `Resting on factors not verified against their source: stock ${pct(report.unverified_share.carbon_stock)}, net sink ${pct(report.unverified_share.annual_sink)}`);
  const groupsUsed = new Set(report.features.map((r) => r.species_group));
  if (args.method === 'ipcc_bef') out.push(`  V × D × BEF × (1+R) × CF — ${factors.bef.status}: ${factors.bef.note}`, `  source: ${factors.bef.source}`);
  for (const g of groupsUsed) {
    const sg = SPECIES_GROUPS[g];
    if (sg?.kind !== 'tree') continue;
    if (args.method === 'ipcc_bef') {
      const row = factors.bef.rows[sg.befRow!];
      if (row) out.push(`  ${g}: D ${row.D}  BEF ${row.BEF}  R ${row.R}  CF ${row.CF}${sg.note ? `  (${sg.note})` : ''}`);
    } else {
      const row = factors.fang.rows[sg.fangRow!];
      if (row) out.push(`  ${g}: a ${row.a}  b ${row.b}`);
    }
  }
  for (const note of methodNotes(factors, args.method, groupsUsed, kindsUsed(run.featureMethods))) {
    if (note.figure === 'stand carbon stock') continue; // listed row by row above
    out.push(`  ${note.figure}: ${note.formula}`);
    for (const p of note.parameters) out.push(`    ${p.name} = ${p.value} ${p.unit} [${p.status}] uncertainty ${p.uncertainty.split(';')[0]}`);
  }
  out.push('  Areas: ellipsoidal (CGCS2000), 1 mu = 10000/15 m². t CO2e = t C × 44/12.');
  process.stdout.write(`${out.join('\n')}\n`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const factors = loadFactors(args.factorsFile);
  const bytes = readBytes(args.file);
  let run: CarbonRun;
  try {
    const imported = importFile(basename(args.file), bytes);
    for (const r of imported.report.rejected.slice(0, 10)) process.stderr.write(`carbon: ${args.file}: feature ${r.index} skipped: ${r.why}\n`);
    run = carbonForFeatures(imported.features, factors, { method: args.method, year: args.year, sourceIndex: imported.sourceIndex });
  } catch (e) {
    const msg = (e as Error).message;
    // ImportError messages already start with the file name
    fail(e instanceof StandFileError || !msg.startsWith(basename(args.file)) ? `${args.file}: ${msg}` : msg.replace(basename(args.file), args.file));
  }
  const shownIssues = run.issues.slice(0, 20);
  for (const m of shownIssues) process.stderr.write(`carbon: ${args.file}: ${m}\n`);
  if (run.issues.length > shownIssues.length) process.stderr.write(`carbon: ${args.file}: … ${run.issues.length - shownIssues.length} more issues\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(run.report)}\n`);
  else printHuman(run, args, factors);
}

main();
