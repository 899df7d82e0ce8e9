// A pseudo-imagery RGB layer for 2025 (模拟影像, not a photograph): the 2025 land cover at half its resolution,
// coloured roughly as a true-colour satellite image sees each class, with smooth texture (canopy and relief shading,
// fields of different crops, roofs) so the map has something image-like under the stands. Deterministic.
import type { RasterGrid } from '../../src/core/raster/grid.ts';
import { BAMBOO, BUILT, CROPLAND, FOREST, lattice, MINE, SHRUB, smoothNoise, WATER } from './land-cover.ts';

const BASE: Record<number, [number, number, number]> = {
  [FOREST]: [38, 72, 40],
  [BAMBOO]: [78, 112, 52],
  [SHRUB]: [112, 122, 74],
  [CROPLAND]: [150, 146, 98],
  [WATER]: [36, 62, 84],
  [BUILT]: [156, 150, 144],
  [MINE]: [176, 156, 134],
};

/** RGB pixels (pixel-interleaved) over a grid `factor` times coarser than the land cover's. */
export function pseudoImagery(grid: RasterGrid, cover: Uint8Array, factor: number, seed: number): { grid: RasterGrid; rgb: Uint8Array } {
  const width = Math.ceil(grid.width / factor);
  const height = Math.ceil(grid.height / factor);
  const gt = grid.geoTransform;
  const out: RasterGrid = { width, height, geoTransform: [gt[0], gt[1] * factor, 0, gt[3], 0, gt[5] * factor], crs: grid.crs };
  const rgb = new Uint8Array(width * height * 3);
  const size = gt[1] * factor;
  for (let r = 0; r < height; r++) {
    const y = r * size;
    for (let c = 0; c < width; c++) {
      const cls = cover[Math.min(r * factor, grid.height - 1) * grid.width + Math.min(c * factor, grid.width - 1)];
      const base = BASE[cls];
      if (!base) continue; // nodata outside the county stays 0, 0, 0
      const x = c * size;
      const shade = smoothNoise(seed, x, y, 900) - 0.5; // relief
      let tex = 0;
      if (cls === FOREST || cls === BAMBOO) tex = 14 * (smoothNoise(seed + 1, x, y, 60) - 0.5);
      else if (cls === CROPLAND) tex = 34 * (lattice(seed + 2, Math.floor(x / 90), Math.floor(y / 60)) - 0.5); // fields
      else if (cls === BUILT) tex = 30 * (lattice(seed + 3, Math.floor(x / 40), Math.floor(y / 40)) - 0.5); // blocks
      else if (cls === SHRUB || cls === MINE) tex = 16 * (smoothNoise(seed + 4, x, y, 120) - 0.5);
      const k = 3 * (r * width + c);
      for (let b = 0; b < 3; b++) rgb[k + b] = Math.max(1, Math.min(255, Math.round(base[b] * (1 + 0.35 * shade) + tex)));
    }
  }
  return { grid: out, rgb };
}
