// The pixel grid of a raster: size, north-up geotransform and CRS (an entry of the vector import's table,
// src/core/geo/crs.ts). World ↔ pixel conversions use GDAL's own arithmetic (GDALInvGeoTransform, then
// x = igt0 + X·igt1), so a polygon vertex lands on exactly the same double in pixel space as in gdal_rasterize and the
// pixel-centre rule decides every pixel the same way (test/unit/raster-gdal.test.ts).
import type { CrsDef } from '../geo/crs.ts';
import { isPlainLonLat, toLonLat, fromLonLat, type Transform } from '../geo/crs.ts';

/** GDAL order: [originX, pixelWidth, 0, originY, 0, pixelHeight]; pixelHeight < 0 for north-up rasters. */
export type GeoTransform = readonly [number, number, number, number, number, number];

export interface RasterGrid {
  width: number;
  height: number;
  geoTransform: GeoTransform;
  crs: CrsDef;
}

/** A rectangle of pixels: columns [col, col + width), rows [row, row + height). */
export interface PixelWindow {
  col: number;
  row: number;
  width: number;
  height: number;
}

/** GDALInvGeoTransform for a north-up transform (no rotation terms), with GDAL's operation order. */
export function inverseGeoTransform(gt: GeoTransform): [number, number, number, number] {
  return [-gt[0] / gt[1], 1 / gt[1], -gt[3] / gt[5], 1 / gt[5]];
}

/** World (raster CRS) → fractional pixel coordinates, exactly as GDAL's rasterizer computes them. */
export function worldToPixel(grid: RasterGrid): (x: number, y: number) => [number, number] {
  const [a0, a1, b0, b1] = inverseGeoTransform(grid.geoTransform);
  return (x, y) => [a0 + x * a1, b0 + y * b1];
}

/** World coordinates of a pixel corner (integer col/row) or any fractional pixel position. */
export function pixelToWorld(grid: RasterGrid, col: number, row: number): [number, number] {
  const gt = grid.geoTransform;
  return [gt[0] + col * gt[1], gt[3] + row * gt[5]];
}

/** Extent in the raster's CRS: [minX, minY, maxX, maxY]. */
export function gridBounds(grid: RasterGrid): [number, number, number, number] {
  const [x0, y0] = pixelToWorld(grid, 0, 0);
  const [x1, y1] = pixelToWorld(grid, grid.width, grid.height);
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

// One proj4 converter per definition: building one parses the definition (~50 µs), far more than a transform costs,
// and 200,000 stands each asking for it would spend seconds there.
const toCache = new Map<string, Transform>();
const fromCache = new Map<string, Transform>();

/** The raster's transform to WGS84/CGCS2000 lon/lat and back (identity for plain lon/lat grids). */
export function gridToLonLat(grid: RasterGrid): Transform {
  let t = toCache.get(grid.crs.proj4);
  if (!t) toCache.set(grid.crs.proj4, (t = toLonLat(grid.crs.proj4)));
  return t;
}

export function lonLatToGrid(grid: RasterGrid): Transform {
  let t = fromCache.get(grid.crs.proj4);
  if (!t) fromCache.set(grid.crs.proj4, (t = fromLonLat(grid.crs.proj4)));
  return t;
}

/** True when grid coordinates are CGCS2000/WGS84 lon/lat already (no projection, no datum shift). */
export function isLonLatGrid(grid: RasterGrid): boolean {
  return grid.crs.kind === 'geographic' && isPlainLonLat(grid.crs.proj4);
}

/**
 * Lon/lat bounding box [west, south, east, north] of the whole grid: its outline sampled every 1/32 of a side and
 * reprojected, so a projected grid's curved outline is covered.
 */
export function gridLonLatBounds(grid: RasterGrid): [number, number, number, number] {
  const t = gridToLonLat(grid);
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (col: number, row: number) => {
    const [x, y] = pixelToWorld(grid, col, row);
    const [lon, lat] = t(x, y);
    b[0] = Math.min(b[0], lon); b[1] = Math.min(b[1], lat); b[2] = Math.max(b[2], lon); b[3] = Math.max(b[3], lat);
  };
  for (let k = 0; k <= 32; k++) {
    const c = (grid.width * k) / 32;
    const r = (grid.height * k) / 32;
    add(c, 0); add(c, grid.height); add(0, r); add(grid.width, r);
  }
  return b as [number, number, number, number];
}

/** The intersection of two windows, or null when they do not overlap. */
export function intersectWindows(a: PixelWindow, b: PixelWindow): PixelWindow | null {
  const col = Math.max(a.col, b.col);
  const row = Math.max(a.row, b.row);
  const right = Math.min(a.col + a.width, b.col + b.width);
  const bottom = Math.min(a.row + a.height, b.row + b.height);
  return right > col && bottom > row ? { col, row, width: right - col, height: bottom - row } : null;
}

export function fullWindow(grid: Pick<RasterGrid, 'width' | 'height'>): PixelWindow {
  return { col: 0, row: 0, width: grid.width, height: grid.height };
}

/** Pixel size in CRS units [x, y] (both positive). */
export function pixelSize(grid: RasterGrid): [number, number] {
  return [Math.abs(grid.geoTransform[1]), Math.abs(grid.geoTransform[5])];
}
