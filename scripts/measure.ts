// npm run measure -- <file> [--json] [--crs EPSG:xxxx] [--encoding gbk]
// Measures every feature of a GeoJSON, KML/KMZ, GPX, CSV or (zipped or loose) Shapefile on the CGCS2000
// ellipsoid, using the same core modules as the web app. Exit codes: 0 ok, 1 bad input, 2 bad usage.
import { existsSync, statSync } from 'node:fs';
import { geodesicArea, geodesicLength, geodesicPerimeter } from '../src/core/geo/measure.ts';
import { M2_PER_HA, M2_PER_KM2, M2_PER_MU } from '../src/core/geo/units.ts';
import { ImportError, describeError } from '../src/core/io/errors.ts';
import { featureName } from '../src/core/io/finish.ts';
import type { ImportOptions, ImportResult } from '../src/core/io/types.ts';
import { cli, SHARED_OPTIONS, UsageError } from './lib/args.ts';
import { readVectorFile } from './lib/vector-file.ts';

const SPEC = {
  name: 'measure',
  usage: 'npm run measure -- <file> [--json] [--crs EPSG:xxxx] [--encoding gbk|utf-8]',
  about: 'Ellipsoidal (CGCS2000) area, length and perimeter of every feature. Exit codes: 0 ok, 1 bad input, 2 bad usage.',
  options: { json: SHARED_OPTIONS.json, crs: SHARED_OPTIONS.crs, encoding: SHARED_OPTIONS.encoding },
  positionals: { min: 1, max: 1, name: 'file' },
} as const;

interface Args {
  file: string;
  json: boolean;
  options: ImportOptions;
}

function parseArgs(argv: string[]): Args {
  const { values, positionals } = cli(SPEC, argv);
  const options: ImportOptions = {};
  if (values.crs !== undefined) options.crs = values.crs;
  if (values.encoding !== undefined) options.encoding = values.encoding;
  return { file: positionals[0], json: values.json, options };
}

function load(file: string, options: ImportOptions): ImportResult {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  if (!statSync(file).isFile()) throw new UsageError(`${file}: not a file`);
  return readVectorFile(file, options);
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

function measure(result: ImportResult) {
  const features = result.features.map((f, i) => {
    const area = geodesicArea(f.geometry);
    return {
      index: result.sourceIndex[i],
      properties: f.properties,
      geometry_type: f.geometry?.type ?? null,
      area_m2: round(area, 4),
      area_mu: round(area / M2_PER_MU, 6),
      area_ha: round(area / M2_PER_HA, 8),
      length_m: round(geodesicLength(f.geometry), 4),
      perimeter_m: round(geodesicPerimeter(f.geometry), 4),
    };
  });
  // Totals from unrounded values, so they do not accumulate per-feature rounding.
  const sumArea = result.features.reduce((s, f) => s + geodesicArea(f.geometry), 0);
  const sumLength = result.features.reduce((s, f) => s + geodesicLength(f.geometry), 0);
  const total = {
    area_m2: round(sumArea, 4),
    area_mu: round(sumArea / M2_PER_MU, 6),
    area_ha: round(sumArea / M2_PER_HA, 8),
    length_m: round(sumLength, 4),
  };
  return { features, total };
}

/** Display width: CJK characters take two columns in a terminal. */
const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s: string, w: number, right = false) => (right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s))));
const num = (n: number, d: number) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function printTable(file: string, result: ImportResult, m: ReturnType<typeof measure>): void {
  const how = { prj: 'declared by the file', assumed: 'ASSUMED', user: 'chosen by you', default: 'default for the format' }[result.crs.how];
  const lines = [`source: ${file}`, `CRS: ${result.crs.id} ${result.crs.name} (${how})${result.encoding ? `   text: ${result.encoding.toUpperCase()}` : ''}`, ''];
  const head = ['#', '名称 name', 'type', '亩 mu', '公顷 ha', 'km²', '长度 length m', '周长 perimeter m'];
  const rows = m.features.map((f) => [
    String(f.index),
    (featureName(f.properties) ?? '').slice(0, 30),
    f.geometry_type ?? '(none)',
    num(f.area_mu, 2), num(f.area_ha, 4), num(f.area_m2 / M2_PER_KM2, 6), num(f.length_m, 1), num(f.perimeter_m, 1),
  ]);
  rows.push(['', 'total 合计', `${m.features.length} features`, num(m.total.area_mu, 2), num(m.total.area_ha, 4), num(m.total.area_m2 / M2_PER_KM2, 6), num(m.total.length_m, 1), '']);
  const widths = head.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c]))));
  const fmt = (r: string[]) => r.map((cell, c) => pad(cell, widths[c], c >= 3 || c === 0)).join('  ');
  lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(0, -1).map(fmt), widths.map((w) => '-'.repeat(w)).join('  '), fmt(rows.at(-1)!));
  const { fixed, rejected, warnings } = result.report;
  if (warnings.length || fixed.length || rejected.length) lines.push('');
  for (const w of warnings) lines.push(`note: ${w}`);
  for (const f of fixed) lines.push(`fixed: ${f.what}`);
  for (const r of rejected) lines.push(`REJECTED: ${r.why}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  try {
    const result = load(args.file, args.options);
    if (result.features.length === 0 && result.report.rejected.length > 0) {
      const first = result.report.rejected[0].why;
      throw new ImportError(args.file, `no usable features: ${result.report.rejected.length} rejected (first: ${first})`);
    }
    const m = measure(result);
    if (args.json) {
      const out = {
        source: args.file,
        crs: result.crs.id,
        crs_name: result.crs.name,
        crs_how: result.crs.how,
        encoding: result.encoding ?? null,
        features: m.features,
        total: m.total,
        report: result.report,
      };
      process.stdout.write(JSON.stringify(out) + '\n');
    } else printTable(args.file, result, m);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`measure: ${e.message}\n`);
      return 2;
    }
    const msg = e instanceof ImportError ? e.message : `${args.file}: unexpected error: ${describeError(e)}`;
    process.stderr.write(`${msg}\n`);
    return 1;
  }
}

process.exitCode = main();
