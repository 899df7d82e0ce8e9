// Zonal statistics: for each zone (a site, a stand, a township, the county) the pixels whose centre lies inside it
// (rasterize.ts, GDAL's rule; holes respected; a pixel may belong to several overlapping zones), then
//   - categorical rasters: pixels and area per class value, area = Σ of each pixel's footprint on CGCS2000
//     (pixel-area.ts), in m² here and in 亩 where reported;
//   - continuous rasters: mean, min, max and the 10th/50th/90th percentiles of the pixel values (each pixel counts
//     once, as in GDAL and rasterstats; percentiles interpolate linearly between order statistics, numpy's default).
// Pixels equal to the raster's nodata (or NaN) are counted apart as nodata_pixels. Parts of a zone outside the raster
// are not counted at all (`outside` says whether there were any).
// Pure and synchronous over pixels already in memory; zonalFromReader reads the window the zones need first.
import type { Geometry } from 'geojson';
import { fullWindow, type PixelWindow, type RasterGrid } from './grid.ts';
import { pixelAreas, type PixelAreas } from './pixel-area.ts';
import type { PixelArray, RasterReader } from './read.ts';
import { scanZone } from './rasterize.ts';
import { unionWindows, zoneToPixels, zoneWindow, type PixelZone } from './zones.ts';

/** Pixels of one band over a window of the raster. */
export interface RasterBlock {
  grid: RasterGrid;
  window: PixelWindow;
  data: PixelArray;
  nodata: number | null;
}

export interface ClassCount {
  value: number;
  pixels: number;
  area_m2: number;
}

export interface CategoricalZoneStats {
  /** By class value, ascending. */
  classes: ClassCount[];
  nodata_pixels: number;
  /** True when part of the zone lies outside the raster (those parts are not counted). */
  outside: boolean;
}

export interface ContinuousStats {
  mean: number;
  min: number;
  max: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface ContinuousZoneStats {
  /** null when the zone holds no valid pixel. */
  stats: ContinuousStats | null;
  pixels: number;
  nodata_pixels: number;
  outside: boolean;
}

function isOutside(zone: PixelZone, grid: RasterGrid): boolean {
  const [x0, y0, x1, y1] = zone.bbox;
  return x0 <= x1 && (x0 < 0 || y0 < 0 || x1 > grid.width || y1 > grid.height);
}

function checkInteger(block: RasterBlock): void {
  if (block.data instanceof Float32Array || block.data instanceof Float64Array) {
    throw new Error('a categorical raster must hold integer class values (this one holds floating-point numbers)');
  }
}

/**
 * Categorical statistics of each zone over `block` (the zones are lon/lat GeoJSON geometries, or zones already in
 * pixel space). Every pixel of a zone inside the raster must lie inside `block.window`.
 */
export function zonalCategorical(block: RasterBlock, zones: readonly (Geometry | PixelZone | null)[], areas: PixelAreas = pixelAreas(block.grid)): CategoricalZoneStats[] {
  checkInteger(block);
  const { grid, window: win, data, nodata } = block;
  const signed = data instanceof Int8Array || data instanceof Int16Array || data instanceof Int32Array;
  const bits = data.BYTES_PER_ELEMENT * 8;
  // Counters indexed by class value (offset for signed types); 32-bit rasters fall back to a Map.
  const dense = bits <= 16;
  const offset = signed ? 2 ** (bits - 1) : 0;
  const size = dense ? 2 ** bits : 0;
  const counts = new Float64Array(size);
  const sums = new Float64Array(size);
  const sparse = new Map<number, [number, number]>();
  const touched: number[] = [];
  let rowArea = new Float64Array(256);
  const out: CategoricalZoneStats[] = [];
  for (const z of zones) {
    const zone = toPixelZone(z, grid);
    let nodataPixels = 0;
    scanZone(zone.parts, win, (row, c0, c1) => {
      const n = c1 - c0 + 1;
      if (n > rowArea.length) rowArea = new Float64Array(Math.max(n, rowArea.length * 2));
      areas.fillRow(row, c0, c1, rowArea);
      const base = (row - win.row) * win.width - win.col;
      for (let c = c0; c <= c1; c++) {
        const v = data[base + c];
        if (v === nodata) { nodataPixels++; continue; }
        const a = rowArea[c - c0];
        if (dense) {
          const k = v + offset;
          if (counts[k] === 0) touched.push(k);
          counts[k]++;
          sums[k] += a;
        } else {
          const e = sparse.get(v);
          if (e) { e[0]++; e[1] += a; } else sparse.set(v, [1, a]);
        }
      }
    });
    const classes: ClassCount[] = [];
    if (dense) {
      touched.sort((p, q) => p - q);
      for (const k of touched) {
        classes.push({ value: k - offset, pixels: counts[k], area_m2: sums[k] });
        counts[k] = 0;
        sums[k] = 0;
      }
      touched.length = 0;
    } else {
      for (const [value, [pixels, area]] of [...sparse].sort((p, q) => p[0] - q[0])) classes.push({ value, pixels, area_m2: area });
      sparse.clear();
    }
    out.push({ classes, nodata_pixels: nodataPixels, outside: isOutside(zone, grid) });
  }
  return out;
}

/** Linear interpolation between order statistics (numpy.percentile's default) of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Continuous statistics of each zone over `block`. */
export function zonalContinuous(block: RasterBlock, zones: readonly (Geometry | PixelZone | null)[]): ContinuousZoneStats[] {
  const { grid, window: win, data, nodata } = block;
  let values = new Float64Array(1024);
  const out: ContinuousZoneStats[] = [];
  for (const z of zones) {
    const zone = toPixelZone(z, grid);
    let n = 0;
    let nodataPixels = 0;
    scanZone(zone.parts, win, (row, c0, c1) => {
      const base = (row - win.row) * win.width - win.col;
      if (n + c1 - c0 + 1 > values.length) {
        const bigger = new Float64Array(Math.max(values.length * 2, n + c1 - c0 + 1));
        bigger.set(values.subarray(0, n));
        values = bigger;
      }
      for (let c = c0; c <= c1; c++) {
        const v = data[base + c];
        if (v === nodata || v !== v) nodataPixels++;
        else values[n++] = v;
      }
    });
    let stats: ContinuousStats | null = null;
    if (n > 0) {
      const sorted = values.slice(0, n).sort();
      let sum = 0;
      for (let i = 0; i < n; i++) sum += sorted[i];
      stats = { mean: sum / n, min: sorted[0], max: sorted[n - 1], p10: percentile(sorted, 10), p50: percentile(sorted, 50), p90: percentile(sorted, 90) };
    }
    out.push({ stats, pixels: n, nodata_pixels: nodataPixels, outside: isOutside(zone, grid) });
  }
  return out;
}

function toPixelZone(z: Geometry | PixelZone | null, grid: RasterGrid): PixelZone {
  if (z && 'parts' in z) return z;
  return zoneToPixels(z as Geometry | null, grid);
}

export type ZonalKind = 'categorical' | 'continuous';

/**
 * Reads the smallest window of band `band` that holds every zone, then computes the statistics. One site reads a few
 * tiles; the 200,000 stands of a county read the whole raster once.
 */
export async function zonalFromReader(
  reader: RasterReader,
  geometries: readonly (Geometry | null)[],
  kind: ZonalKind,
  options: { band?: number; areas?: PixelAreas } = {},
): Promise<CategoricalZoneStats[] | ContinuousZoneStats[]> {
  const { grid, nodata } = reader.info;
  const zones = geometries.map((g) => zoneToPixels(g, grid));
  const window = unionWindows(zones.map((z) => zoneWindow(z, grid))) ?? { ...fullWindow(grid), width: 1, height: 1 };
  const data = await reader.read(window, options.band ?? 0);
  const block: RasterBlock = { grid, window, data, nodata };
  return kind === 'categorical' ? zonalCategorical(block, zones, options.areas ?? pixelAreas(grid)) : zonalContinuous(block, zones);
}
