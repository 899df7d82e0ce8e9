// The stand layer's build step: stands.geojson → prebuilt vector tiles (tiles/stands/{z}/{x}/{y}.pbf, tiles.json) and
// the binary columnar attributes + areas file for the analysis worker (stands.columns.bin) and the polygons for the
// planner's site analysis (stands.geometry.bin). See docs/scale.md for the choices.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { NORMALISE_VERSION, normaliseStands } from '../../src/core/inventory/normalise.ts';
import { featureAreas } from '../../src/core/plan/layers.ts';
import { STAND_SOURCE } from '../../src/layers/registry.ts';
import { encodeStandColumns, STAND_COLUMNS_FILE } from '../../src/core/io/binary/stand-columns.ts';
import { encodeStandGeometry, STAND_GEOMETRY_FILE } from '../../src/core/io/binary/stand-geometry.ts';
import { standCentroids } from '../../src/core/io/binary/stand-points.ts';
import { bboxOf } from '../../src/core/geo/positions.ts';
import { aggregateStands, type StandPoint } from './aggregate.ts';
import { writePyramid, type PyramidStats } from './pyramid.ts';

/** Bump when the tiles or columns change shape, so ensure.ts rebuilds them. */
// 3: binary columns file; 4: stands from ≥ 6 px; 5: three overview grids; 6: geometry file; 7: squares carry upgrade_year;
// 8: stands normalised (the normalisation's own version is part of it: a changed code table rebuilds the columns)
export const TILES_VERSION = `stand-tiles-8+${NORMALISE_VERSION}`;
// Where and how the map reads the tiles is declared once, in the registry (STAND_SOURCE); the builder follows it.
const TILESET = STAND_SOURCE.tiles!;
export const STAND_TILES_DIR = TILESET.dir;
export const TILES_META = 'tiles.json';
export const STAND_TILE_LAYER = TILESET.layer;
export const MIN_ZOOM = TILESET.minzoom;
export const MAX_ZOOM = TILESET.maxzoom;

export interface TilesMeta {
  version: string;
  source: { bytes: number; sha1: string };
  layer: string;
  minzoom: number;
  maxzoom: number;
  /** First zoom with individual stands; below it the tiles carry the grid overview (aggregate.ts). */
  detail_minzoom: number;
  overview_cells_m: number[];
  bounds: [number, number, number, number];
  stands: number;
  pyramid: PyramidStats;
  columns_bytes: number;
  build_ms: number;
}

export function fileStamp(file: string): { bytes: number; sha1: string } {
  const buf = readFileSync(file);
  return { bytes: buf.length, sha1: createHash('sha1').update(buf).digest('hex') };
}

/**
 * Smallest mean stand width (px) drawn as individual stands. At 3 px the 200k set started at z11, whose tiles held up to
 * 15k stands (1.9 MB): a township view then loaded ~60k polygons and panning there dropped to ~2 fps in the benchmark.
 * Squares of ~6 px show the same colours at that zoom for a fraction of the vertices.
 */
const DETAIL_MIN_PX = 6;

/** Metres per pixel of a 512-px tile at zoom z and latitude lat (MapLibre's tile size). */
const metresPerPixel = (z: number, lat: number) => (40_075_016.7 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** z);

/**
 * Individual stands from the first zoom at which a mean stand is ≥ 6 px wide (32k stands: z11; 200k: z12); below that a
 * grid of ~6 px squares, two zooms lower a 4× coarser grid and two more zooms lower a 16× one, so a square stays about
 * 1.5–6 px wide at every zoom and the county view draws a few hundred squares, not thousands.
 */
export function zoomPlan(meanStandM: number, lat: number) {
  let detail = MIN_ZOOM + 2;
  while (detail < MAX_ZOOM && meanStandM / metresPerPixel(detail, lat) < DETAIL_MIN_PX) detail++;
  const fine = Math.round(6 * metresPerPixel(detail - 1, lat));
  return { detail, fineCellM: fine, midCellM: fine * 4, coarseCellM: fine * 16 };
}

export function buildStandTiles(dataDir: string, log: (l: string) => void = () => {}): TilesMeta {
  const t0 = Date.now();
  const file = join(dataDir, 'stands.geojson');
  if (!existsSync(file)) throw new Error(`${file}: missing (run npm run data)`);
  const source = fileStamp(file);
  let fc: FeatureCollection<Geometry | null, Record<string, unknown>>;
  try {
    fc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const areas = featureAreas(fc.features);
  // The shared normalisation (二类 names and codes → the schema), so the columns the workers read and the tiles the map
  // draws carry the same attributes every other consumer computes with.
  const features = normaliseStands(fc.features, areas).features as Feature<Geometry | null, Record<string, unknown>>[];
  const n = features.length;
  const packed = standCentroids(features, areas, new Float64Array(n));
  if (packed.count !== n) throw new Error(`${file}: ${n - packed.count} stands have no polygon geometry`);
  const centres = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) (centres[2 * i] = packed.data[4 * i]), (centres[2 * i + 1] = packed.data[4 * i + 1]);
  log(`  stand tiles: ${n} stands read, areas and centres in ${Date.now() - t0} ms`);

  const columnsBytes = encodeStandColumns(features, areas, centres, source);
  writeFileSync(join(dataDir, STAND_COLUMNS_FILE), columnsBytes);
  // The polygons alone, for the planner's site analysis (the columns carry the attributes and areas).
  writeFileSync(join(dataDir, STAND_GEOMETRY_FILE), encodeStandGeometry(features, source));

  const [w, s, e, nn] = bboxOf({ type: 'GeometryCollection', geometries: features.flatMap((f) => (f.geometry ? [f.geometry] : [])) }) ?? [Infinity, Infinity, -Infinity, -Infinity];
  const [bw, bs, be, bn] = TILESET.bounds;
  if (w < bw || s < bs || e > be || nn > bn) throw new Error(`${file}: stands reach [${w}, ${s}, ${e}, ${nn}], outside the tile bounds ${TILESET.bounds.join(', ')} (src/layers/registry.ts)`);
  const bounds = TILESET.bounds;
  const lat = (s + nn) / 2;
  const totalM2 = areas.reduce((a, b) => a + b, 0);
  const plan = zoomPlan(Math.sqrt(totalM2 / Math.max(1, n)), lat);
  const points: StandPoint[] = features.map((f, i) => ({ lon: centres[2 * i], lat: centres[2 * i + 1], area_m2: areas[i], properties: f.properties ?? {} }));
  const fine = aggregateStands(points, plan.fineCellM);
  const mid = aggregateStands(points, plan.midCellM);
  const coarse = aggregateStands(points, plan.coarseCellM);
  const collection = (fs: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features: fs });

  const outDir = join(dataDir, STAND_TILES_DIR);
  const tmpDir = `${outDir}.building`;
  rmSync(tmpDir, { recursive: true, force: true });
  const pyramid = writePyramid(tmpDir, STAND_TILE_LAYER, [
    { minzoom: MIN_ZOOM, maxzoom: plan.detail - 5, features: collection(coarse) },
    { minzoom: Math.max(MIN_ZOOM, plan.detail - 4), maxzoom: plan.detail - 3, features: collection(mid) },
    { minzoom: Math.max(MIN_ZOOM, plan.detail - 2), maxzoom: plan.detail - 1, features: collection(fine) },
    { minzoom: plan.detail, maxzoom: MAX_ZOOM, features: collection(features as Feature[]) },
  ], bounds);
  const meta: TilesMeta = {
    version: TILES_VERSION, source, layer: STAND_TILE_LAYER, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM, detail_minzoom: plan.detail,
    overview_cells_m: [plan.fineCellM, plan.midCellM, plan.coarseCellM], bounds, stands: n, pyramid, columns_bytes: columnsBytes.length, build_ms: 0,
  };
  meta.build_ms = Date.now() - t0;
  writeFileSync(join(tmpDir, TILES_META), `${JSON.stringify(meta, null, 2)}\n`);
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmpDir, outDir);
  log(`  stand tiles: z${MIN_ZOOM}–${MAX_ZOOM} (stands from z${plan.detail}; overview squares ${plan.fineCellM} / ${plan.midCellM} / ${plan.coarseCellM} m: ${fine.length} / ${mid.length} / ${coarse.length}), ` +
    `${pyramid.tiles} tiles (${pyramid.empty} empty), ${(pyramid.bytes / 1e6).toFixed(1)} MB; columns ${(meta.columns_bytes / 1e6).toFixed(1)} MB; ${(meta.build_ms / 1000).toFixed(1)} s`);
  return meta;
}
