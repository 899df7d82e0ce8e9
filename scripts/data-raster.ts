// npm run data:raster -- <file.tif> --kind imagery|categorical|continuous --year Y --out <release> [--classes table.json]
//                        [--id name] [--name-zh …] [--name-en …] [--nodata V] [--public] [--no-display] [--json]
// A bureau's GeoTIFF → a Cloud-Optimised GeoTIFF in the release folder and its entry in rasters.json (kind, year,
// classes, bounds, CRS, file), after checking it (scripts/raster/import.ts). Exit codes: 0 ok, 1 bad input (the
// message names the file and the problem), 2 bad usage.
import { describeError } from '../src/core/io/errors.ts';
import { RASTER_KINDS, type RasterKind } from '../src/core/raster/manifest.ts';
import { RasterError } from '../src/core/raster/read.ts';
import { cli, SHARED_OPTIONS, usageError } from './lib/args.ts';
import { importRaster } from './raster/import.ts';
import { useNodeZlib } from './raster/node-zlib.ts';

const SPEC = {
  name: 'data:raster',
  usage: 'npm run data:raster -- <file.tif> --kind imagery|categorical|continuous --year Y --out <release> [--classes table.json] [--id name] [--name-zh …] [--name-en …] [--nodata V] [--public] [--no-display] [--json]',
  about: "A GeoTIFF (CGCS2000 / Xi'an 1980 / Beijing 1954 GK zones or lon/lat) → a Cloud-Optimised GeoTIFF in a release, listed in its rasters.json.",
  options: {
    kind: { type: 'string', choices: RASTER_KINDS, help: 'what the raster is (required)' },
    year: { type: 'integer', min: 1990, max: 2100, help: 'the year it shows (required)' },
    out: { type: 'string', help: 'the release folder (required; e.g. data/ or a data:import release)' },
    classes: { type: 'string', help: 'class table (JSON) of a categorical raster (default: the built-in land-cover table)' },
    id: { type: 'string', help: 'the id in rasters.json (default: landcover-Y, imagery-Y or continuous-Y)' },
    'name-zh': { type: 'string', help: 'name shown in the app (Chinese)' },
    'name-en': { type: 'string', help: 'name shown in the app (English)' },
    nodata: { type: 'number', help: 'the value meaning "no data" when the file does not declare one' },
    public: { type: 'boolean', help: 'show it on the public page too (default: bureau only)' },
    'no-display': { type: 'boolean', help: 'skip the Web Mercator display copy (made with gdalwarp when installed)' },
    json: SHARED_OPTIONS.json,
  },
  positionals: { min: 1, max: 1, name: 'raster file' },
} as const;

const { values: v, positionals } = cli(SPEC);
if (!v.kind) usageError(SPEC, 'no --kind given');
if (v.year === undefined) usageError(SPEC, 'no --year given');
if (!v.out) usageError(SPEC, 'no --out release folder given');
useNodeZlib();
try {
  const r = await importRaster({
    file: positionals[0], kind: v.kind as RasterKind, year: v.year, out: v.out, classes: v.classes, id: v.id,
    nameZh: v['name-zh'], nameEn: v['name-en'], nodata: v.nodata, audience: v.public ? 'public' : 'internal', display: !v['no-display'],
  });
  for (const w of r.warnings) process.stderr.write(`data:raster: note: ${r.file}: ${w}\n`);
  if (v.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  else {
    const e = r.entry;
    process.stdout.write([
      `data:raster — ${r.file} → ${r.out}/${e.file}${r.display_file ? ` (+ ${r.display_file} for the map)` : ''}`,
      `  ${e.kind} ${e.year}, ${e.width} × ${e.height} px, ${e.bands} × ${e.data_type}, nodata ${e.nodata ?? 'none'}`,
      `  CRS ${e.crs} (${r.crs_how}); lon/lat box [${e.bounds.join(', ')}]`,
      ...(r.values ? [`  class values: ${Object.entries(r.values).map(([k, n]) => `${k} ×${n}`).join(', ')}`] : []),
      `  converted with ${r.converted_with}; listed as "${e.id}" in ${r.out}/rasters.json (${e.audience}); ${r.ms} ms`,
    ].join('\n') + '\n');
  }
} catch (e) {
  process.stderr.write(`data:raster: ${e instanceof RasterError ? e.message : `${positionals[0]}: ${describeError(e)}`}\n`);
  process.exit(1);
}
