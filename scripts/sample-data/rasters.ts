// The sample's rasters (模拟数据), made from the sample layers in data/ after they are generated, with no system
// package (the COG writer is TypeScript): land cover 2020 and 2025 at 10 m and a 2025 pseudo-imagery layer at 20 m,
// all in CGCS2000 3° Gauss-Krüger CM 114°E (EPSG:4547) as a bureau's would be; rasters.json listing them; the planted
// changes (rasters/planted-changes.json, the truth the tests check against); and the 监测图斑 of 2020 → 2025
// (monitoring-patches.geojson) found by the same code as `npm run change`. See data/README.md.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { LAND_COVER_CLASSES, LAND_COVER_NODATA, paletteOf } from '../../src/core/raster/classes.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import { gridLonLatBounds, type RasterGrid } from '../../src/core/raster/grid.ts';
import { RASTER_MANIFEST_FILE, RASTER_MANIFEST_FORMAT, type RasterEntry, type RasterManifest } from '../../src/core/raster/manifest.ts';
import { pixelAreas } from '../../src/core/raster/pixel-area.ts';
import { hashSeed } from '../../src/core/random.ts';
import { changeFromArrays, changeGeoJSON, MONITORING_FILE } from '../raster/change-run.ts';
import { nodeDeflate } from '../raster/node-zlib.ts';
import { pseudoImagery } from './imagery.ts';
import { countyGrid, paintLandCover, type PlantedChange, type SampleLayers } from './land-cover.ts';

/** Bump when the rasters change, so ensure-data regenerates them. */
export const RASTER_GENERATOR_VERSION = 'sample-rasters-2';
export const SAMPLE_RASTER_INFO = 'rasters/sample-info.json';
export const PLANTED_FILE = 'rasters/planted-changes.json';
const SEED = 'xingguo-sample-rasters';
const SIZE_M = 10;

type Props = Record<string, unknown>;

function layer<G extends Geometry = Geometry>(dir: string, file: string): Feature<G, Props>[] {
  return (JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<G, Props>).features;
}

function standsHash(dir: string): string {
  return createHash('sha1').update(readFileSync(join(dir, 'stands.geojson'))).digest('hex');
}

/** Why the sample rasters in `dir` must be (re)made, or null when they are current. */
export function rasterStaleReason(dir: string): string | null {
  for (const f of [RASTER_MANIFEST_FILE, SAMPLE_RASTER_INFO, PLANTED_FILE, MONITORING_FILE, 'rasters/landcover-2020.tif', 'rasters/landcover-2025.tif', 'rasters/imagery-2025.tif']) {
    if (!existsSync(join(dir, f))) return `missing ${f}`;
  }
  try {
    const info = JSON.parse(readFileSync(join(dir, SAMPLE_RASTER_INFO), 'utf8')) as { generator_version?: string; stands_sha1?: string };
    if (info.generator_version !== RASTER_GENERATOR_VERSION) return `made by ${info.generator_version}, current is ${RASTER_GENERATOR_VERSION}`;
    if (info.stands_sha1 !== standsHash(dir)) return 'stands.geojson changed since the rasters were made';
  } catch (e) {
    return `${SAMPLE_RASTER_INFO} unreadable (${(e as Error).message})`;
  }
  return null;
}

function entry(id: string, kind: RasterEntry['kind'], year: number, name: RasterEntry['name'], grid: RasterGrid, extra: Partial<RasterEntry>): RasterEntry {
  return {
    id, kind, year, name, file: `rasters/${id}.tif`, crs: `EPSG:${grid.crs.code}`, width: grid.width, height: grid.height,
    geotransform: [...grid.geoTransform] as RasterEntry['geotransform'], bounds: gridLonLatBounds(grid).map((v) => Math.round(v * 1e7) / 1e7) as RasterEntry['bounds'],
    bands: 1, data_type: 'uint8', nodata: LAND_COVER_NODATA, audience: 'internal', sample_data: true,
    source: { made_by: `npm run data (scripts/sample-data/rasters.ts, ${RASTER_GENERATOR_VERSION}; synthetic, 模拟数据)` },
    ...extra,
  };
}

/** Writes a file by way of a temporary name, so a reader never sees half of it. */
function put(path: string, bytes: Uint8Array | string): number {
  writeFileSync(`${path}.partial`, bytes);
  renameSync(`${path}.partial`, path);
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
}

export interface RasterSummary {
  grid: { width: number; height: number; pixel_m: number; crs: string };
  bytes: Record<string, number>;
  planted: number;
  patches: { loss: number; gain: number; explained: number; below_mmu: number };
  ms: number;
}

export function generateSampleRasters(dir: string, log: (line: string) => void = () => {}): RasterSummary {
  const t0 = performance.now();
  const lap = (what: string) => log(`  ${what.padEnd(28)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const layers: SampleLayers = {
    county: layer(dir, 'county.geojson')[0],
    townshipLabels: layer<Point>(dir, 'township-labels.geojson'),
    stands: layer(dir, 'stands.geojson'),
    mines: layer(dir, 'mines.geojson'),
    pv: layer(dir, 'pv.geojson'),
    windFarms: layer(dir, 'wind-farms.geojson'),
    turbines: layer<Point>(dir, 'wind-turbines.geojson'),
    water: layer(dir, 'water.geojson'),
    rivers: layer(dir, 'rivers.geojson'),
  };
  const grid = countyGrid(layers.county.geometry, SIZE_M, crsByCode(4547)!);
  const areas = pixelAreas(grid);
  const cover = paintLandCover(grid, layers, areas, SEED);
  lap(`land cover ${grid.width} × ${grid.height}`);

  mkdirSync(join(dir, 'rasters'), { recursive: true });
  const bytes: Record<string, number> = {};
  const palette = paletteOf(LAND_COVER_CLASSES);
  for (const [year, data] of [[2020, cover.y2020], [2025, cover.y2025]] as const) {
    const file = `rasters/landcover-${year}.tif`;
    bytes[file] = put(join(dir, file), writeCog({ grid, dataType: 'uint8', bands: 1, data, nodata: LAND_COVER_NODATA, palette, resampling: 'mode', deflate: nodeDeflate }));
  }
  lap('land-cover COGs');
  const imagery = pseudoImagery(grid, cover.y2025, 2, hashSeed(SEED));
  bytes['rasters/imagery-2025.tif'] = put(join(dir, 'rasters/imagery-2025.tif'), writeCog({ grid: imagery.grid, dataType: 'uint8', bands: 3, data: imagery.rgb, nodata: 0, resampling: 'average', deflate: nodeDeflate }));
  lap('pseudo-imagery COG');

  const manifest: RasterManifest = {
    format: RASTER_MANIFEST_FORMAT,
    rasters: [
      entry('landcover-2020', 'categorical', 2020, { zh: '土地覆盖 2020（模拟）', en: 'Land cover 2020 (simulated)' }, grid, { classes: [...LAND_COVER_CLASSES] }),
      entry('landcover-2025', 'categorical', 2025, { zh: '土地覆盖 2025（模拟）', en: 'Land cover 2025 (simulated)' }, grid, { classes: [...LAND_COVER_CLASSES] }),
      entry('imagery-2025', 'imagery', 2025, { zh: '影像 2025（模拟）', en: 'Imagery 2025 (simulated)' }, imagery.grid, { bands: 3, nodata: 0 }),
    ],
  };
  bytes[RASTER_MANIFEST_FILE] = put(join(dir, RASTER_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  bytes[PLANTED_FILE] = put(join(dir, PLANTED_FILE), `${JSON.stringify({ note: 'Changes planted by the sample generator between land cover 2020 and 2025 (模拟数据), with their causes.', changes: cover.planted.map(roundPlanted) }, null, 1)}\n`);

  const run = changeFromArrays(dir, grid, { year: 2020, data: cover.y2020 }, { year: 2025, data: cover.y2025 }, LAND_COVER_NODATA, [...LAND_COVER_CLASSES]);
  bytes[MONITORING_FILE] = put(join(dir, MONITORING_FILE), changeGeoJSON(run));
  lap(`监测图斑 ${run.patches.length}`);
  const info = { generator_version: RASTER_GENERATOR_VERSION, stands_sha1: standsHash(dir), seed: SEED };
  put(join(dir, SAMPLE_RASTER_INFO), `${JSON.stringify(info, null, 2)}\n`);
  return {
    grid: { width: grid.width, height: grid.height, pixel_m: SIZE_M, crs: `EPSG:${grid.crs.code}` },
    bytes,
    planted: cover.planted.length,
    patches: {
      loss: run.patches.filter((p) => p.kind === 'loss').length,
      gain: run.patches.filter((p) => p.kind === 'gain').length,
      explained: run.patches.filter((p) => p.explained).length,
      below_mmu: run.result.below_mmu.patches,
    },
    ms: Math.round(performance.now() - t0),
  };
}

function roundPlanted(p: PlantedChange): PlantedChange {
  return { ...p, area_m2: Math.round(p.area_m2 * 100) / 100 };
}

/** Makes the sample rasters when missing or stale; returns the summary when it did. */
export function ensureSampleRasters(dir: string, log: (line: string) => void = () => {}): RasterSummary | null {
  const reason = rasterStaleReason(dir);
  if (!reason) return null;
  log(`sample rasters: ${reason} — generating`);
  return generateSampleRasters(dir, log);
}
