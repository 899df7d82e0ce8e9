// A Web Mercator map tile (z/x/y, 256 × 256 RGBA) drawn from a raster in its own CRS — for rasters without an EPSG:3857
// display copy (the sample's, or any imported without GDAL), so a map protocol handler in a worker can show them.
// Each tile pixel's centre is taken to the raster's CRS (proj4 on a 17 × 17 lattice over the tile, bilinear in
// between: the projections are smooth, the lattice error is far below a pixel), the coarsest level (full image or COG
// overview) still at least as fine as the tile is chosen, only its window under the tile is read, and every tile
// pixel takes its nearest source pixel (classes are never blended), coloured by the class table, the value ramp, or
// the RGB bands. Outside the raster and nodata are transparent. Compared with gdalwarp in
// test/unit/raster-web-tile.test.ts.
import { lonLatToGrid, type RasterGrid } from './grid.ts';
import type { PixelArray, RasterReader } from './read.ts';

/** How values become colours. */
export type TileStyle =
  | { kind: 'categorical'; colours: ReadonlyMap<number, readonly [number, number, number]> }
  | { kind: 'continuous'; min: number; max: number; colours: readonly string[] }
  | { kind: 'imagery' };

const HALF = 20037508.342789244; // half the Web Mercator world, m
const R = 6378137;
const LATTICE = 16;

/** Web Mercator tile pixel (fractional, 0…256 over the tile) → lon/lat. */
export function tilePixelToLonLat(z: number, x: number, y: number, px: number, py: number, size = 256): [number, number] {
  const span = (2 * HALF) / 2 ** z;
  const mx = -HALF + (x + px / size) * span;
  const my = HALF - (y + py / size) * span;
  return [(mx / R) * (180 / Math.PI), Math.atan(Math.sinh(my / R)) * (180 / Math.PI)];
}

function hex(c: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
}

/** RGBA for a value on a ramp (linear between its colours, clamped at both ends). */
function rampColour(v: number, min: number, max: number, stops: [number, number, number][]): [number, number, number] {
  const t = Math.max(0, Math.min(1, (v - min) / (max - min || 1))) * (stops.length - 1);
  const i = Math.min(Math.floor(t), stops.length - 2);
  const f = t - i;
  return [0, 1, 2].map((k) => Math.round(stops[i][k] + f * (stops[i + 1][k] - stops[i][k]))) as [number, number, number];
}

/**
 * The tile as RGBA (size × size × 4), or null when the raster does not reach it. `size` is the tile's pixel size
 * (256 for MapLibre raster sources).
 */
export async function renderWebTile(reader: RasterReader, z: number, x: number, y: number, style: TileStyle, size = 256): Promise<Uint8ClampedArray | null> {
  const { grid, levels, nodata } = reader.info;
  const toGrid = lonLatToGrid(grid);
  const gt = grid.geoTransform;
  // full-resolution pixel coordinates of the lattice points
  const n = LATTICE + 1;
  const lx = new Float64Array(n * n), ly = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const [lon, lat] = tilePixelToLonLat(z, x, y, (i * size) / LATTICE, (j * size) / LATTICE, size);
      const [gx, gy] = toGrid(lon, lat);
      lx[j * n + i] = (gx - gt[0]) / gt[1];
      ly[j * n + i] = (gy - gt[3]) / gt[5];
    }
  }
  // the level: coarsest whose pixels are still no bigger than the tile's (source pixels per tile pixel ≥ 1)
  const perTilePixel = Math.hypot(lx[1] - lx[0], ly[1] - ly[0]) * (LATTICE / size);
  let level = 0;
  while (level + 1 < levels.length && grid.width / levels[level + 1].width <= perTilePixel) level++;
  const sx = levels[level].width / grid.width, sy = levels[level].height / grid.height;
  // the window under the tile, at that level
  let c0 = Infinity, r0 = Infinity, c1 = -Infinity, r1 = -Infinity;
  for (let k = 0; k < n * n; k++) {
    c0 = Math.min(c0, lx[k] * sx); c1 = Math.max(c1, lx[k] * sx);
    r0 = Math.min(r0, ly[k] * sy); r1 = Math.max(r1, ly[k] * sy);
  }
  const W = levels[level].width, H = levels[level].height;
  const col = Math.max(0, Math.floor(c0) - 1), row = Math.max(0, Math.floor(r0) - 1);
  const right = Math.min(W, Math.ceil(c1) + 1), bottom = Math.min(H, Math.ceil(r1) + 1);
  if (right <= col || bottom <= row) return null;
  const win = { col, row, width: right - col, height: bottom - row };
  const imagery = style.kind === 'imagery';
  const bands = imagery ? reader.info.bands : 1;
  const data: PixelArray = await reader.readLevel(level, win, imagery && bands > 1 ? 'all' : 0);
  const stops = style.kind === 'continuous' ? style.colours.map(hex) : [];
  const out = new Uint8ClampedArray(size * size * 4);
  let any = false;
  for (let py = 0; py < size; py++) {
    const fy = ((py + 0.5) / size) * LATTICE;
    const j = Math.min(Math.floor(fy), LATTICE - 1), v = fy - j;
    for (let px = 0; px < size; px++) {
      const fx = ((px + 0.5) / size) * LATTICE;
      const i = Math.min(Math.floor(fx), LATTICE - 1), u = fx - i;
      const k = j * n + i;
      const gx = (1 - v) * ((1 - u) * lx[k] + u * lx[k + 1]) + v * ((1 - u) * lx[k + n] + u * lx[k + n + 1]);
      const gy = (1 - v) * ((1 - u) * ly[k] + u * ly[k + 1]) + v * ((1 - u) * ly[k + n] + u * ly[k + n + 1]);
      const c = Math.floor(gx * sx) - col, r = Math.floor(gy * sy) - row;
      if (c < 0 || r < 0 || c >= win.width || r >= win.height || gx < 0 || gy < 0 || gx >= grid.width || gy >= grid.height) continue;
      const o = (py * size + px) * 4;
      const p = r * win.width + c;
      if (imagery) {
        const a = data[p * bands];
        if (bands >= 3) {
          const g = data[p * bands + 1], b = data[p * bands + 2];
          if (nodata !== null && a === nodata && g === nodata && b === nodata) continue;
          out[o] = a; out[o + 1] = g; out[o + 2] = b;
        } else {
          if (a === nodata) continue;
          out[o] = a; out[o + 1] = a; out[o + 2] = a;
        }
      } else {
        const value = data[p];
        if (value === nodata || value !== value) continue;
        let rgb: readonly [number, number, number] | undefined;
        if (style.kind === 'categorical') rgb = style.colours.get(value);
        else rgb = rampColour(value, style.min, style.max, stops);
        if (!rgb) continue;
        out[o] = rgb[0]; out[o + 1] = rgb[1]; out[o + 2] = rgb[2];
      }
      out[o + 3] = 255;
      any = true;
    }
  }
  return any ? out : null;
}

/** The source pixel (full resolution) under a tile pixel's centre, exactly (no lattice), for checks. */
export function sourcePixelOf(grid: RasterGrid, z: number, x: number, y: number, px: number, py: number, size = 256): [number, number] {
  const [lon, lat] = tilePixelToLonLat(z, x, y, px + 0.5, py + 0.5, size);
  const [gx, gy] = lonLatToGrid(grid)(lon, lat);
  const gt = grid.geoTransform;
  return [Math.floor((gx - gt[0]) / gt[1]), Math.floor((gy - gt[3]) / gt[5])];
}
