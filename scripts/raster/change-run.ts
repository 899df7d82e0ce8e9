// Change between two years for a data release (the sample's data/ or a bureau's release): the two land-cover rasters
// from rasters.json (or given as files), the stands, townships and project layers from the release, through the core
// (src/core/raster/change.ts and change-context.ts). Used by `npm run change` and by the sample generator, which
// writes the result as monitoring-patches.geojson.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { detectChange, sameGrid, type ChangeResult } from '../../src/core/raster/change.ts';
import { describePatches, explainersFromLayers, patchesToGeoJSON, type DescribedPatch } from '../../src/core/raster/change-context.ts';
import type { RasterClass } from '../../src/core/raster/classes.ts';
import { fullWindow, type RasterGrid } from '../../src/core/raster/grid.ts';
import { categoricalOfYear, RASTER_MANIFEST_FILE } from '../../src/core/raster/manifest.ts';
import { pixelAreas } from '../../src/core/raster/pixel-area.ts';
import { RasterError, type PixelArray } from '../../src/core/raster/read.ts';
import { openRasterFile, readManifest } from './release-rasters.ts';

export const MONITORING_FILE = 'monitoring-patches.geojson';

type Layer = Feature<Geometry | null, Record<string, unknown>>[];

/** A layer of the release, or an empty one when the release has no such file. */
export function readLayer(dataDir: string, file: string): Layer {
  const path = join(dataDir, file);
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Geometry | null, Record<string, unknown>>).features;
}

export interface ChangeRun {
  result: ChangeResult;
  patches: DescribedPatch[];
  classes: RasterClass[];
  grid: RasterGrid;
  ms: { detect: number; describe: number };
}

/** Change between two class rasters already in memory (same grid), described against the release's layers. */
export function changeFromArrays(
  dataDir: string,
  grid: RasterGrid,
  from: { year: number; data: PixelArray },
  to: { year: number; data: PixelArray },
  nodata: number | null,
  classes: RasterClass[],
  mmuMu = 1,
): ChangeRun {
  const areas = pixelAreas(grid);
  const t0 = performance.now();
  const result = detectChange(grid, from.data, to.data, nodata, classes, { mmuMu, areas });
  const t1 = performance.now();
  const stands = readLayer(dataDir, 'stands.geojson');
  const explainers = explainersFromLayers({ stands, mines: readLayer(dataDir, 'mines.geojson'), pv: readLayer(dataDir, 'pv.geojson'), windFarms: readLayer(dataDir, 'wind-farms.geojson') }, from.year, to.year);
  const patches = describePatches(grid, result.patches, { townships: readLayer(dataDir, 'townships.geojson'), stands, explainers, fromYear: from.year, toYear: to.year }, areas);
  return { result, patches, classes, grid, ms: { detect: t1 - t0, describe: performance.now() - t1 } };
}

export class ChangeInputError extends Error {}

/** A year of the release's rasters.json, or a .tif file (then `classes` must come from the manifest or the caller). */
async function load(dataDir: string, which: string, label: string) {
  const manifestPath = join(dataDir, RASTER_MANIFEST_FILE);
  const manifest = existsSync(manifestPath) ? readManifest(dataDir) : null;
  let file = which;
  let year = Number.NaN;
  let classes: RasterClass[] | undefined;
  if (/^\d{4}$/.test(which)) {
    year = Number(which);
    if (!manifest) throw new ChangeInputError(`${label} ${which}: ${manifestPath} does not exist (import a land-cover raster with npm run data:raster first)`);
    const entry = categoricalOfYear(manifest, year);
    if (!entry) throw new ChangeInputError(`${label} ${which}: ${manifestPath} has no categorical raster of ${year} (it has ${manifest.rasters.map((r) => `${r.kind} ${r.year}`).join(', ') || 'none'})`);
    file = join(dataDir, entry.file);
    classes = entry.classes;
  } else {
    const m = /(\d{4})/.exec(which.split('/').pop() ?? '');
    year = m ? Number(m[1]) : Number.NaN;
    const entry = manifest?.rasters.find((r) => resolve(dataDir, r.file) === resolve(which));
    classes = entry?.classes;
    if (entry) year = entry.year;
  }
  const reader = await openRasterFile(file);
  if (reader.info.dataType !== 'uint8' || reader.info.bands !== 1) throw new RasterError(file, `a land-cover raster must have one 8-bit band (it has ${reader.info.bands} × ${reader.info.dataType})`);
  return { file, year, classes, reader };
}

/** Change between two years (or files) of a release. */
export async function changeFromRelease(dataDir: string, fromWhich: string, toWhich: string, mmuMu: number, classTable?: RasterClass[]): Promise<ChangeRun & { files: [string, string] }> {
  const a = await load(dataDir, fromWhich, '--from');
  const b = await load(dataDir, toWhich, '--to');
  const problem = sameGrid(a.reader.info.grid, b.reader.info.grid);
  if (problem) throw new ChangeInputError(`${a.file} and ${b.file}: ${problem}; resample one onto the other's grid first (gdalwarp -te … -tr …)`);
  const classes = classTable ?? a.classes ?? b.classes;
  if (!classes) throw new ChangeInputError(`${a.file}: no class table (give --classes table.json, or import the raster with npm run data:raster)`);
  if (!Number.isFinite(a.year) || !Number.isFinite(b.year)) throw new ChangeInputError(`${Number.isFinite(a.year) ? b.file : a.file}: cannot tell the year (name the year with --from/--to as a year of rasters.json, or put it in the file name)`);
  if (a.year >= b.year) throw new ChangeInputError(`--from ${a.year} must be earlier than --to ${b.year}`);
  const grid = a.reader.info.grid;
  const from = await a.reader.read(fullWindow(grid));
  const to = await b.reader.read(fullWindow(grid));
  const run = changeFromArrays(dataDir, grid, { year: a.year, data: from }, { year: b.year, data: to }, a.reader.info.nodata, classes, mmuMu);
  return { ...run, files: [a.file, b.file] };
}

export function changeGeoJSON(run: ChangeRun): string {
  const fc = patchesToGeoJSON(run.patches, run.classes);
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
