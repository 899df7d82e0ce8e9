// `npm run data:raster`: a bureau's GeoTIFF (orthophoto, land-cover product, NDVI …) → a Cloud-Optimised GeoTIFF in a
// release folder, plus its entry in the release's rasters.json. The input is checked first — readable, a CRS of the
// vector import's table (CGCS2000 / Xi'an 1980 / Beijing 1954 GK zones or lon/lat, WGS84), north-up, inside the
// county's box, a size the app can handle, bands and sample type fitting the kind, class values all in the class
// table — and every problem is a message naming the file.
// The COG keeps the raster's own CRS and grid (zonal statistics count the data's own pixels). Rasters up to
// TS_MAX_SAMPLES are converted by the TypeScript COG writer (no system package); larger ones by GDAL's COG driver
// (gdal_translate from Debian's gdal-bin), whose output is read back and checked the same way. With gdalwarp
// available a second COG in Web Mercator (EPSG:3857, GoogleMapsCompatible tiling) is written for the map.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { bboxOf } from '../../src/core/geo/positions.ts';
import { LAND_COVER_CLASSES, paletteOf, parseClassTable, type RasterClass } from '../../src/core/raster/classes.ts';
import { writeCog, type OverviewResampling } from '../../src/core/raster/cog-write.ts';
import { fullWindow, gridLonLatBounds } from '../../src/core/raster/grid.ts';
import { RASTER_MANIFEST_FILE, RASTER_MANIFEST_FORMAT, withEntry, type RasterEntry, type RasterKind } from '../../src/core/raster/manifest.ts';
import { RasterError, type PixelArray, type RasterReader } from '../../src/core/raster/read.ts';
import { SAMPLE_DATA_DIR } from '../lib/data-dir.ts';
import { nodeDeflate } from './node-zlib.ts';
import { openRasterFile, readManifest } from './release-rasters.ts';

/** Samples (width × height × bands) the TypeScript writer converts in memory; larger rasters go through GDAL. */
export const TS_MAX_SAMPLES = 400_000_000;
/** The largest raster accepted at all: a 0.5 m orthophoto of the whole county is ~13 G pixels, so tile it first. */
export const MAX_PIXELS = 4_000_000_000;

export interface RasterImportArgs {
  file: string;
  kind: RasterKind;
  year: number;
  out: string;
  classes?: string;
  id?: string;
  nameZh?: string;
  nameEn?: string;
  nodata?: number;
  audience?: 'internal' | 'public';
  /** Write the EPSG:3857 display copy when gdalwarp exists (default true). */
  display?: boolean;
}

export interface RasterImportReport {
  file: string;
  out: string;
  entry: RasterEntry;
  crs_how: string;
  converted_with: 'typescript' | 'gdal';
  display_file: string | null;
  warnings: string[];
  values?: Record<string, number>;
  ms: number;
}

const hasTool = (tool: string) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function countyBox(out: string): [number, number, number, number] {
  const file = existsSync(join(out, 'county.geojson')) ? join(out, 'county.geojson') : join(SAMPLE_DATA_DIR, 'county.geojson');
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
  const b = bboxOf(fc.features[0]?.geometry);
  if (!b) throw new Error(`${file}: no county outline`);
  return b;
}

function checkKind(reader: RasterReader, kind: RasterKind): void {
  const { bands, dataType, name } = reader.info;
  const fail = (p: string): never => { throw new RasterError(name, p); };
  if (kind === 'imagery' && !(dataType === 'uint8' && (bands === 3 || bands === 1 || bands === 4))) fail(`imagery must be 8-bit RGB (3 bands), RGBA or grey (it has ${bands} × ${dataType})`);
  if (kind === 'categorical' && (bands !== 1 || dataType.startsWith('float'))) fail(`a categorical raster must have one integer band (it has ${bands} × ${dataType})`);
  if (kind === 'continuous' && bands !== 1) fail(`a continuous raster must have one band (it has ${bands})`);
}

/** Class values present (with pixel counts), nodata left out. */
function histogram(data: PixelArray, nodata: number | null): Map<number, number> {
  const counts = new Map<number, number>();
  const dense = data instanceof Uint8Array ? new Float64Array(256) : null;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === nodata) continue;
    if (dense) dense[v]++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (dense) dense.forEach((n, v) => { if (n > 0) counts.set(v, n); });
  return counts;
}

const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

export async function importRaster(args: RasterImportArgs): Promise<RasterImportReport> {
  const t0 = performance.now();
  const warnings: string[] = [];
  const reader = await openRasterFile(args.file);
  const { info } = reader;
  const fail = (p: string): never => { throw new RasterError(args.file, p); };
  checkKind(reader, args.kind);
  const { grid } = info;
  const pixels = grid.width * grid.height;
  if (pixels > MAX_PIXELS) fail(`${grid.width} × ${grid.height} pixels is more than ${MAX_PIXELS / 1e9} G pixels; split it into tiles (gdal_retile.py) first`);
  const bounds = gridLonLatBounds(grid);
  const county = countyBox(args.out);
  const overlaps = bounds[0] < county[2] && bounds[2] > county[0] && bounds[1] < county[3] && bounds[3] > county[1];
  const fmt = (b: number[]) => `[${b.map((v) => v.toFixed(4)).join(', ')}]`;
  if (!overlaps) fail(`lies outside the county: its lon/lat box ${fmt(bounds)} does not meet the county's ${fmt(county)} (wrong CRS or zone declared?)`);
  const inside = bounds[0] >= county[0] - 0.05 && bounds[2] <= county[2] + 0.05 && bounds[1] >= county[1] - 0.05 && bounds[3] <= county[3] + 0.05;
  if (!inside) warnings.push(`the raster reaches beyond the county's box (${fmt(bounds)} vs ${fmt(county)}); only the part over the county matters`);
  if (!Number.isInteger(args.year) || args.year < 1990 || args.year > 2100) fail(`--year ${args.year} is not a year between 1990 and 2100`);
  const nodata = args.nodata ?? info.nodata;
  if (nodata === null) warnings.push('no nodata value declared (GDAL_NODATA): every pixel counts as data; give --nodata V if some value means "no data"');

  let classes: RasterClass[] | undefined;
  let values: Record<string, number> | undefined;
  let ramp: RasterEntry['ramp'];
  const samples = pixels * info.bands;
  const inMemory = samples <= TS_MAX_SAMPLES;
  if (!inMemory && !hasTool('gdal_translate')) fail(`${samples} samples is too large for the built-in converter (≤ ${TS_MAX_SAMPLES}); install GDAL (Debian: apt-get install gdal-bin) or resample the raster`);
  let data: PixelArray | null = null;
  if (inMemory) {
    data = info.bands === 1 ? await reader.read(fullWindow(grid)) : await reader.readInterleaved(fullWindow(grid));
  }
  if (args.kind === 'categorical') {
    classes = args.classes ? parseClassTable(readFileSync(args.classes, 'utf8'), args.classes) : [...LAND_COVER_CLASSES];
    if (data) {
      const present = histogram(data, nodata);
      const known = new Set(classes.map((c) => c.value));
      const unknown = [...present.keys()].filter((v) => !known.has(v)).sort((a, b) => a - b);
      if (unknown.length) {
        fail(`holds class values the class table does not know: ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ' …' : ''} (${args.classes ? `table ${args.classes}` : 'the built-in land-cover table; give --classes table.json'}${nodata === null ? ', or --nodata V for the value meaning "no data"' : ''})`);
      }
      values = Object.fromEntries([...present].sort((a, b) => a[0] - b[0]).map(([v, n]) => [String(v), n]));
      if (present.size === 0) fail('holds no pixel with data (all are nodata)');
    }
  } else if (args.kind === 'continuous' && data) {
    const valid: number[] = [];
    const step = Math.max(1, Math.floor(data.length / 200_000));
    for (let i = 0; i < data.length; i += step) if (data[i] !== nodata && data[i] === data[i]) valid.push(data[i]);
    if (valid.length === 0) fail('holds no pixel with data (all are nodata)');
    valid.sort((a, b) => a - b);
    ramp = { min: valid[Math.floor(valid.length * 0.02)], max: valid[Math.floor(valid.length * 0.98)], colours: VIRIDIS };
  }

  // The release entry and files: written beside their final names, moved into place when complete.
  const id = args.id ?? `${args.kind === 'categorical' ? 'landcover' : args.kind}-${args.year}`;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(`--id "${id}" must be lower-case letters, digits and dashes`);
  mkdirSync(join(args.out, 'rasters'), { recursive: true });
  const rel = `rasters/${id}.tif`;
  const target = join(args.out, rel);
  const partial = `${target}.partial`;
  let converted: RasterImportReport['converted_with'];
  const resampling: OverviewResampling = args.kind === 'categorical' ? 'mode' : 'average';
  if (data && (info.bands === 1 || info.bands === 3)) {
    writeFileSync(partial, writeCog({
      grid, dataType: info.dataType, bands: info.bands as 1 | 3, data, nodata, resampling, deflate: nodeDeflate,
      palette: args.kind === 'categorical' && info.dataType === 'uint8' && classes ? paletteOf(classes) : undefined,
    }));
    converted = 'typescript';
  } else {
    if (!hasTool('gdal_translate')) fail(`${info.bands} bands need GDAL for the conversion (Debian: apt-get install gdal-bin)`);
    execFileSync('gdal_translate', ['-q', '-of', 'COG', '-co', 'COMPRESS=DEFLATE', '-co', 'BLOCKSIZE=256', '-co', 'OVERVIEWS=AUTO', '-co', `RESAMPLING=${args.kind === 'categorical' ? 'MODE' : 'AVERAGE'}`, ...(nodata !== null ? ['-a_nodata', String(nodata)] : []), args.file, partial]);
    converted = 'gdal';
  }
  // the written COG must read back as the same grid in a CRS of the table
  const back = await openRasterFile(partial);
  if (back.info.grid.crs.code !== grid.crs.code || back.info.grid.width !== grid.width || back.info.grid.geoTransform.some((v, i) => v !== grid.geoTransform[i])) {
    rmSync(partial, { force: true });
    fail('the converted COG does not keep the grid or CRS of the input (not imported)');
  }
  renameSync(partial, target);

  let displayFile: string | null = null;
  if (args.display !== false && hasTool('gdalwarp')) {
    const displayRel = `rasters/${id}.3857.tif`;
    const display = join(args.out, displayRel);
    execFileSync('gdalwarp', ['-q', '-overwrite', '-t_srs', 'EPSG:3857', '-r', args.kind === 'categorical' ? 'near' : 'bilinear', '-of', 'COG', '-co', 'TILING_SCHEME=GoogleMapsCompatible', '-co', 'COMPRESS=DEFLATE', '-co', `RESAMPLING=${args.kind === 'categorical' ? 'NEAREST' : 'AVERAGE'}`, ...(nodata !== null ? ['-srcnodata', String(nodata), '-dstnodata', String(nodata)] : []), target, `${display}.partial.tif`]);
    renameSync(`${display}.partial.tif`, display);
    displayFile = displayRel;
  } else if (args.display !== false) warnings.push('gdalwarp not found: no Web Mercator display copy written (the map needs one; install gdal-bin and import again)');

  const sha256 = createHash('sha256').update(readFileSync(args.file)).digest('hex');
  const entry: RasterEntry = {
    id, kind: args.kind, year: args.year,
    name: { zh: args.nameZh ?? `${{ imagery: '影像', categorical: '土地覆盖', continuous: '栅格' }[args.kind]} ${args.year}`, en: args.nameEn ?? `${{ imagery: 'Imagery', categorical: 'Land cover', continuous: 'Raster' }[args.kind]} ${args.year}` },
    file: rel, crs: `EPSG:${grid.crs.code}`, width: grid.width, height: grid.height,
    geotransform: [...grid.geoTransform] as RasterEntry['geotransform'], bounds: bounds.map((v) => Math.round(v * 1e7) / 1e7) as RasterEntry['bounds'],
    bands: info.bands, data_type: info.dataType, nodata,
    ...(classes ? { classes } : {}), ...(ramp ? { ramp } : {}),
    ...(displayFile ? { display_file: displayFile } : {}),
    audience: args.audience ?? 'internal', sample_data: false,
    source: { file: basename(args.file), sha256, imported_at: new Date().toISOString(), converted_with: converted === 'gdal' ? 'gdal_translate -of COG (GDAL, Debian gdal-bin)' : 'scripts/raster/import.ts (TypeScript COG writer)' },
  };
  const manifest = withEntry(readManifest(args.out), entry);
  const manifestPath = join(args.out, RASTER_MANIFEST_FILE);
  writeFileSync(`${manifestPath}.partial`, `${JSON.stringify({ ...manifest, format: RASTER_MANIFEST_FORMAT }, null, 2)}\n`);
  renameSync(`${manifestPath}.partial`, manifestPath);
  return { file: args.file, out: args.out, entry, crs_how: info.crsHow, converted_with: converted, display_file: displayFile, warnings, values, ms: Math.round(performance.now() - t0) };
}
