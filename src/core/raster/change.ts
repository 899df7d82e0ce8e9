// Change between two years of a categorical raster → candidate patches of forest loss and gain (监测图斑).
// A pixel is loss when it goes from a class that holds forest carbon (classes.ts: carbon 'forest' or 'bamboo') to one
// that does not, gain the other way round; forest ↔ bamboo and changes among non-forest classes are not carbon
// changes here. Loss and gain pixels are grouped into 4-connected patches (as gdal_polygonize; 8 on request), patches
// smaller than the minimum mapping unit (1 亩 by default, measured on CGCS2000 like every area) are dropped, and each
// kept patch is vectorised along pixel edges (vectorise.ts). What the patch means — township, stands, carbon,
// explanation — is change-context.ts's job.
import type { Polygon, Position } from 'geojson';
import { M2_PER_MU } from '../geo/units.ts';
import type { RasterClass } from './classes.ts';
import { gridToLonLat, pixelToWorld, type RasterGrid } from './grid.ts';
import { pixelAreas, type PixelAreas } from './pixel-area.ts';
import type { PixelArray } from './read.ts';
import { componentRings, connectedComponents, type Connectivity } from './vectorise.ts';

export type ChangeKind = 'loss' | 'gain';

export interface Transition {
  from: number;
  to: number;
  pixels: number;
}

export interface ChangePatch {
  kind: ChangeKind;
  /** Pixel indices (row × width + column) of the whole grid, row-major. */
  pixels: Int32Array;
  area_m2: number;
  /** Class pairs inside the patch, most pixels first. */
  transitions: Transition[];
  /** Rings in pixel-corner coordinates [column, row]: the outer ring, then holes. */
  rings: [number, number][][];
}

export interface ChangeOptions {
  /** Minimum mapping unit in 亩 (default 1). */
  mmuMu?: number;
  connectivity?: Connectivity;
  areas?: PixelAreas;
}

export interface ChangeResult {
  patches: ChangePatch[];
  /** Pixels that changed across the forest line, before grouping. */
  changed_pixels: number;
  /** Patches dropped as smaller than the minimum mapping unit, and their pixels. */
  below_mmu: { patches: number; pixels: number };
}

const NONE = 0, LOSS = 1, GAIN = 2;

/** Which of 65,536 (from, to) pairs of 8-bit classes is loss or gain; other pairs and nodata are none. */
function transitionTable(classes: readonly RasterClass[], nodata: number | null): Uint8Array {
  const table = new Uint8Array(256 * 256);
  const forest = new Set(classes.filter((c) => c.carbon !== null).map((c) => c.value));
  const known = new Set(classes.map((c) => c.value));
  for (const a of known) {
    for (const b of known) {
      if (a === nodata || b === nodata || a < 0 || b < 0 || a > 255 || b > 255) continue;
      if (forest.has(a) && !forest.has(b)) table[a * 256 + b] = LOSS;
      else if (!forest.has(a) && forest.has(b)) table[a * 256 + b] = GAIN;
    }
  }
  return table;
}

/** Requires the two rasters to share one grid: the same CRS, geotransform and size, pixel for pixel. */
export function sameGrid(a: RasterGrid, b: RasterGrid): string | null {
  if (a.crs.code !== b.crs.code) return `different CRS (EPSG:${a.crs.code} and EPSG:${b.crs.code})`;
  if (a.width !== b.width || a.height !== b.height) return `different sizes (${a.width} × ${a.height} and ${b.width} × ${b.height})`;
  if (a.geoTransform.some((v, i) => v !== b.geoTransform[i])) return `different grids (origin or pixel size: ${a.geoTransform.join(', ')} and ${b.geoTransform.join(', ')})`;
  return null;
}

/**
 * Loss and gain patches between `from` and `to` (8-bit class rasters over the same whole grid). Patches come in
 * row-major order of their first pixel, so the same inputs always give the same list.
 */
export function detectChange(
  grid: RasterGrid,
  from: PixelArray,
  to: PixelArray,
  nodata: number | null,
  classes: readonly RasterClass[],
  options: ChangeOptions = {},
): ChangeResult {
  const n = grid.width * grid.height;
  if (from.length !== n || to.length !== n) throw new Error(`change: each raster must hold ${n} pixels (got ${from.length} and ${to.length})`);
  if (!(from instanceof Uint8Array) || !(to instanceof Uint8Array)) throw new Error('change: class rasters must be 8-bit (uint8)');
  const table = transitionTable(classes, nodata);
  const kind = new Uint8Array(n);
  let changed = 0;
  let seeds = new Int32Array(4096);
  for (let i = 0; i < n; i++) {
    const k = table[(from[i] << 8) | to[i]];
    if (k === NONE) continue;
    kind[i] = k;
    if (changed === seeds.length) {
      const bigger = new Int32Array(seeds.length * 2);
      bigger.set(seeds);
      seeds = bigger;
    }
    seeds[changed++] = i;
  }
  const areas = options.areas ?? pixelAreas(grid);
  const mmuM2 = (options.mmuMu ?? 1) * M2_PER_MU;
  const below = { patches: 0, pixels: 0 };
  const areaOf = (pixels: Int32Array) => {
    let a = 0;
    for (let i = 0; i < pixels.length; i++) {
      const p = pixels[i];
      const c = p % grid.width;
      a += areas.at(c, (p - c) / grid.width);
    }
    return a;
  };
  const components = connectedComponents(kind, grid.width, grid.height, NONE, options.connectivity ?? 4, (_value, pixels) => {
    if (areaOf(pixels) >= mmuM2) return true;
    below.patches++;
    below.pixels += pixels.length;
    return false;
  }, seeds.subarray(0, changed));
  const patches = components.map((c): ChangePatch => {
    const pixels = c.pixels.slice().sort();
    const pairs = new Map<number, number>();
    for (let i = 0; i < pixels.length; i++) {
      const key = (from[pixels[i]] << 8) | to[pixels[i]];
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    const transitions = [...pairs].map(([key, count]) => ({ from: key >> 8, to: key & 255, pixels: count }))
      .sort((a, b) => b.pixels - a.pixels || a.from - b.from || a.to - b.to);
    return { kind: c.value === LOSS ? 'loss' : 'gain', pixels, area_m2: areaOf(pixels), transitions, rings: componentRings(c.pixels, grid.width) };
  });
  return { patches, changed_pixels: changed, below_mmu: below };
}

/** A patch's rings as a lon/lat GeoJSON polygon (anticlockwise outer ring in a north-up grid, RFC 7946). */
export function patchPolygon(grid: RasterGrid, patch: Pick<ChangePatch, 'rings'>, toLonLat = gridToLonLat(grid), digits = 7): Polygon {
  const f = 10 ** digits;
  const round = (v: number) => Math.round(v * f) / f;
  const ring = (r: [number, number][]): Position[] => r.map(([c, row]) => {
    const [x, y] = pixelToWorld(grid, c, row);
    const [lon, lat] = toLonLat(x, y);
    return [round(lon), round(lat)];
  });
  return { type: 'Polygon', coordinates: patch.rings.map(ring) };
}
