// npm run zonal -- --raster <file.tif> --zones <any supported vector file> [--json] [--kind categorical|continuous]
// Zonal statistics of a raster for every zone of a vector file (sites, stands, townships, the county), on the same core
// as the app (src/core/raster/zonal.ts): a pixel counts for a zone when its centre lies inside it; areas are pixel
// footprints on the CGCS2000 ellipsoid. With --json stdout is exactly one JSON object:
//   categorical: {"zones": [{"index": i, "properties": {…}, "classes": {"<value>": {"pixels": n, "area_mu": x}}, "nodata_pixels": n}]}
//   continuous:  {"zones": [{"index": i, "properties": {…}, "stats": {mean, min, max, p10, p50, p90} | null, "nodata_pixels": n}]}
// Exit codes: 0 ok, 1 bad input (the message names the file and the problem), 2 bad usage.
import { readFileSync } from 'node:fs';
import { M2_PER_HA, M2_PER_MU } from '../src/core/geo/units.ts';
import { describeError, ImportError } from '../src/core/io/errors.ts';
import { featureName } from '../src/core/io/finish.ts';
import { classByValue, parseClassTable, type RasterClass } from '../src/core/raster/classes.ts';
import { RasterError } from '../src/core/raster/read.ts';
import { zonalFromReader, type CategoricalZoneStats, type ContinuousZoneStats } from '../src/core/raster/zonal.ts';
import { cli, SHARED_OPTIONS } from './lib/args.ts';
import { readVectorFile } from './lib/vector-file.ts';
import { useNodeZlib } from './raster/node-zlib.ts';
import { entryForFile, openRasterFile } from './raster/release-rasters.ts';

const SPEC = {
  name: 'zonal',
  usage: 'npm run zonal -- --raster <file.tif> --zones <vector file> [--json] [--kind categorical|continuous] [--band 1] [--classes table.json] [--crs EPSG:4526] [--encoding gbk]',
  about: 'Area by class (categorical) or mean/min/max/percentiles (continuous) of a raster in every zone. Exit codes: 0 ok, 1 bad input, 2 bad usage.',
  options: {
    raster: { type: 'string', help: 'the GeoTIFF / Cloud-Optimised GeoTIFF (required)' },
    zones: { type: 'string', help: 'the zones: any supported vector file (required)' },
    kind: { type: 'string', choices: ['categorical', 'continuous'], help: 'default: from rasters.json, else categorical for integer rasters' },
    band: { type: 'integer', min: 1, default: 1, help: 'band number' },
    classes: { type: 'string', help: 'a class table (JSON) to name the classes in the table output' },
    json: SHARED_OPTIONS.json,
    crs: SHARED_OPTIONS.crs,
    encoding: SHARED_OPTIONS.encoding,
  },
} as const;

const round = (n: number, digits: number) => Number(n.toFixed(digits));

async function main(): Promise<number> {
  const { values: v } = cli(SPEC);
  if (!v.raster || !v.zones) {
    process.stderr.write(`zonal: ${!v.raster ? 'no --raster given' : 'no --zones given'}\nusage: ${SPEC.usage}\n`);
    return 2;
  }
  useNodeZlib();
  try {
    const reader = await openRasterFile(v.raster);
    if (v.band > reader.info.bands) throw new RasterError(v.raster, `band ${v.band} does not exist (the raster has ${reader.info.bands})`);
    const entry = entryForFile(v.raster);
    const isFloat = reader.info.dataType.startsWith('float');
    const kind = v.kind ?? (entry?.kind === 'continuous' || entry?.kind === 'categorical' ? entry.kind : isFloat ? 'continuous' : 'categorical');
    if (kind === 'categorical' && isFloat) throw new RasterError(v.raster, 'holds floating-point values, so it cannot be categorical (use --kind continuous)');
    const classes: RasterClass[] | undefined = v.classes ? parseClassTable(readFileSync(v.classes, 'utf8'), v.classes) : entry?.classes;
    const zones = readVectorFile(v.zones, { ...(v.crs ? { crs: v.crs } : {}), ...(v.encoding ? { encoding: v.encoding } : {}) });
    if (zones.features.length === 0) throw new ImportError(v.zones, zones.report.rejected.length ? `no usable zones (${zones.report.rejected[0].why})` : 'no zones in the file');
    const polygons = zones.features.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon').length;
    if (polygons === 0) throw new ImportError(v.zones, 'has no polygons (zones must be Polygon or MultiPolygon features)');
    const stats = await zonalFromReader(reader, zones.features.map((f) => f.geometry), kind, { band: v.band - 1 });
    stats.forEach((s, i) => {
      if (s.outside) process.stderr.write(`zonal: zone ${zones.sourceIndex[i]} lies partly outside the raster; only the part inside is counted\n`);
    });
    const out = zones.features.map((f, i) => {
      const base = { index: zones.sourceIndex[i], properties: f.properties ?? {} };
      if (kind === 'categorical') {
        const s = stats[i] as CategoricalZoneStats;
        return { ...base, classes: Object.fromEntries(s.classes.map((c) => [String(c.value), { pixels: c.pixels, area_mu: round(c.area_m2 / M2_PER_MU, 6) }])), nodata_pixels: s.nodata_pixels };
      }
      const s = stats[i] as ContinuousZoneStats;
      return { ...base, stats: s.stats, nodata_pixels: s.nodata_pixels };
    });
    if (v.json) process.stdout.write(`${JSON.stringify({ zones: out })}\n`);
    else printTable(v.raster, v.zones, kind, out, classes);
    return 0;
  } catch (e) {
    if (e instanceof RasterError || e instanceof ImportError) process.stderr.write(`zonal: ${e.message}\n`);
    else process.stderr.write(`zonal: ${v.raster}: ${describeError(e)}\n`);
    return 1;
  }
}

type Row = { index: number; properties: Record<string, unknown>; classes?: Record<string, { pixels: number; area_mu: number }>; stats?: ContinuousZoneStats['stats']; nodata_pixels: number };

function printTable(raster: string, zonesFile: string, kind: string, rows: Row[], classes?: RasterClass[]): void {
  const names = classes ? classByValue(classes) : new Map<number, RasterClass>();
  const n = (x: number, d: number) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const lines = [`raster: ${raster} (${kind})`, `zones:  ${zonesFile}`, ''];
  for (const r of rows) {
    lines.push(`#${r.index} ${featureName(r.properties) ?? ''}`.trimEnd());
    if (r.classes) {
      for (const [value, c] of Object.entries(r.classes)) {
        const cls = names.get(Number(value));
        lines.push(`  ${value.padStart(4)} ${(cls ? `${cls.name.zh} ${cls.name.en}` : '').padEnd(24)} ${n(c.area_mu, 2).padStart(14)} 亩 ${n((c.area_mu * M2_PER_MU) / M2_PER_HA, 4).padStart(12)} 公顷 ${String(c.pixels).padStart(10)} px`);
      }
      if (Object.keys(r.classes).length === 0) lines.push('  (no pixel centre inside)');
    } else if (r.stats) {
      const s = r.stats;
      lines.push(`  mean ${s.mean.toPrecision(6)}  min ${s.min}  max ${s.max}  p10 ${s.p10.toPrecision(6)}  p50 ${s.p50.toPrecision(6)}  p90 ${s.p90.toPrecision(6)}`);
    } else lines.push('  (no valid pixel inside)');
    if (r.nodata_pixels) lines.push(`  nodata ${r.nodata_pixels} px`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

process.exitCode = await main();
