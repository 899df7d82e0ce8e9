// npm run data:import -- <stands file> --out <dir> [--townships file] [--projects dir] [--constraints dir] [--species-codes table.json]
//                        [--crs EPSG:4526] [--encoding gbk] [--no-tiles] [--json] [--timings]
// A bureau's forest inventory (二类 export: zipped shapefile, GeoJSON, KML, CSV …) → a data release folder the app, the
// CLIs and both builds use with --data <dir> (or XINGGUO_DATA_DIR). Progress goes to stderr; with --json stdout is
// exactly one JSON object (the report), else a readable summary. --timings adds, on stderr, each stage's wall and CPU
// time (CPU time tells the work apart from the waiting on a loaded machine).
import { fmt, textTable } from '../src/core/carbon/text-table.ts';
import { cli, SHARED_OPTIONS, usageError } from './lib/args.ts';
import { ImportFailure, importInventory, type ImportArgs, type ImportReportJson } from './import/release.ts';

const SPEC = {
  name: 'data:import',
  usage: 'npm run data:import -- <stands file> --out <dir> [--townships file] [--projects dir] [--constraints dir] [--species-codes table.json] [--crs EPSG:4526] [--encoding gbk] [--no-tiles] [--json] [--timings]',
  about: "A bureau's forest inventory (二类 export) → a data release folder for --data <dir> or XINGGUO_DATA_DIR.",
  options: {
    out: { type: 'string', help: 'the release folder to write (required)' },
    townships: { type: 'string', help: 'township boundaries (any supported format)' },
    projects: { type: 'string', help: 'a folder of project layers named as in data/ (the ones not given are written empty)' },
    constraints: { type: 'string', help: 'a folder of 三区三线 layers, each named after its layer (永久基本农田.zip, 生态保护红线.geojson, 城镇开发边界.zip; any supported format and CRS)' },
    'species-codes': { type: 'string', help: 'a species code table (JSON) for codes the built-in tables do not know' },
    crs: SHARED_OPTIONS.crs,
    encoding: SHARED_OPTIONS.encoding,
    'no-tiles': { type: 'boolean', help: 'skip building the vector tiles' },
    json: SHARED_OPTIONS.json,
    timings: { type: 'boolean', help: "each stage's wall and CPU time on stderr" },
  },
  positionals: { min: 1, max: 1, name: 'stands file' },
} as const;

function fail(message: string, code = 1): never {
  process.stderr.write(`data:import: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): ImportArgs & { json: boolean; timings: boolean } {
  const { values: v, positionals } = cli(SPEC, argv);
  if (v.out === undefined) usageError(SPEC, 'no --out folder given');
  return {
    stands: positionals[0], out: v.out, townships: v.townships, projects: v.projects, constraints: v.constraints, speciesCodes: v['species-codes'],
    crs: v.crs, encoding: v.encoding, tiles: !v['no-tiles'], json: v.json, timings: v.timings,
  };
}

/** stage, count and percent on stderr; at most one line per stage and 10 % step. */
function progressPrinter() {
  const last = new Map<string, number>();
  const t0 = performance.now();
  return (stage: string, done: number, total: number) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    const step = Math.floor(pct / 10);
    if (last.get(stage) === step) return;
    last.set(stage, step);
    process.stderr.write(`data:import: ${stage.padEnd(8)} ${String(done).padStart(8)} / ${total}  ${String(pct).padStart(3)}%  ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  };
}

/** Wall and CPU time of each stage, from its first progress call (done = 0) to its last (done = total). */
function stageTimer() {
  const open = new Map<string, { wall: number; cpu: number }>();
  const rows: { stage: string; wall: number; cpu: number }[] = [];
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  return {
    progress(stage: string, done: number, total: number): void {
      if (done === 0 && !open.has(stage)) open.set(stage, { wall: performance.now(), cpu: cpuMs() });
      const start = open.get(stage);
      if (start && done >= total) {
        rows.push({ stage, wall: performance.now() - start.wall, cpu: cpuMs() - start.cpu });
        open.delete(stage);
      }
    },
    print(): void {
      const line = (stage: string, wall: number, cpu: number) => `data:import: timing ${stage.padEnd(9)} ${wall.toFixed(0).padStart(7)} ms wall ${cpu.toFixed(0).padStart(7)} ms CPU\n`;
      for (const r of rows) process.stderr.write(line(r.stage, r.wall, r.cpu));
      process.stderr.write(line('total', performance.now(), cpuMs()));
    },
  };
}

function printHuman(r: ImportReportJson): void {
  const pct = (v: number) => `${fmt(v * 100, 2)}%`;
  const out = [
    `data:import — ${r.stands_file} → ${r.out}`,
    `  stands read ${r.stands_read}, imported ${r.stands_imported}, rejected ${r.rejected.length}, repaired ${r.fixed.length}`,
    `  CRS ${r.crs}; text ${r.encoding ?? '—'}`,
    `  area ${fmt(r.forest_land_mu, 0)} mu; forest (森林) ${fmt(r.forest_area_mu, 0)} mu; stock ${fmt(r.stock_m3, 0)} m³`,
    r.declared_vs_measured
      ? `  declared area (unit ${r.declared_vs_measured.unit === 'mu' ? '亩' : '公顷'}) vs measured: median ${pct(r.declared_vs_measured.median_rel_diff)}, worst ${pct(r.declared_vs_measured.worst_rel_diff)} (feature ${r.declared_vs_measured.worst_index})`
      : '  no declared area field',
    `  townships: ${r.townships_from}`,
    `  三区三线: ${r.constraints_read.map((c) => `${c.layer} ${c.features} polygons (${c.file})`).join('; ') || 'none given'}${r.constraints_missing.length ? `; not given (the planner cannot check them): ${r.constraints_missing.join(', ')}` : ''}`,
    '',
    'Field mapping:',
    ...Object.entries(r.mapping).map(([to, from]) => `  ${String(from).padEnd(14)} → ${to}`),
    `  kept as they are (shown in popups): ${r.unmapped_fields.join(', ') || 'none'}`,
    `  species table: ${r.species_table ?? '—'}`,
  ];
  if (r.rules.length) out.push('', 'Rules applied:', ...r.rules.map((x) => `  ${x}`));
  const unknown = Object.entries(r.unrecognised_values);
  out.push('', unknown.length ? 'Values no code table knows (not guessed; counted as unknown):' : 'Every coded value was recognised.');
  for (const [field, values] of unknown) out.push(`  ${field}: ${Object.entries(values).map(([v, n]) => `"${v}" ×${n}`).join(', ')}`);
  for (const x of r.rejected.slice(0, 20)) out.push(`  rejected ${x.index}: ${x.why}`);
  for (const x of r.fixed.slice(0, 20)) out.push(`  repaired ${x.index}: ${x.what}`);
  out.push('', 'By township:', textTable(['code', 'township', 'stands', 'area (mu)', 'forest (mu)'],
    r.by_township.map((t) => [t.code, t.name || '(unmatched)', String(t.count), fmt(t.forest_land_mu, 0), fmt(t.forest_area_mu, 0)]), new Set([2, 3, 4])));
  out.push('', `Done in ${(r.ms / 1000).toFixed(1)} s. Use it: npm start -- --data ${r.out}   ·   npm run targets -- --data ${r.out}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

const args = parseArgs(process.argv.slice(2));
try {
  const printer = progressPrinter();
  const timer = args.timings ? stageTimer() : null;
  const report = importInventory({
    ...args,
    progress: timer ? (stage, done, total) => (timer.progress(stage, done, total), printer(stage, done, total)) : printer,
  });
  timer?.print();
  if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printHuman(report);
} catch (e) {
  if (e instanceof ImportFailure) fail(e.message);
  fail(`${args.stands}: ${(e as Error).message}`);
}
