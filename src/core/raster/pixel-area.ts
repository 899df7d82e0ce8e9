// Pixel footprint areas on the CGCS2000 ellipsoid — never Web Mercator, never the nominal 10 m × 10 m.
//   - Lon/lat grids (CGCS2000/WGS84): a pixel row is bounded by two parallels and two meridians, and its area is exact
//     in closed form: Δλ · R_q² · (sin β₂ − sin β₁), β the authalic latitude (measure-ellipsoid.ts).
//   - Projected grids (Gauss-Krüger) and lon/lat on another datum: a pixel's footprint is the pixel square taken through
//     the inverse projection to CGCS2000 lon/lat and measured as an ellipsoidal polygon (geodesicArea). Doing that for
//     every one of 30 M pixels would cost seconds, so it is done on a lattice of nodes every LATTICE_STEP pixels and
//     interpolated bilinearly in between: the footprint varies with the point scale factor (1/k² for a conformal
//     projection, a smooth function of position), and the interpolation error is below 1e-8 of a pixel's area at
//     64-pixel spacing (tested against the exact footprint and against GeographicLib).
// The lattice is aligned to the whole raster's pixel indices and filled lazily, so a window read for one site gives
// the same areas as the whole county.
import { geodesicArea } from '../geo/measure.ts';
import { AUTHALIC_R2, sinAuthalic } from '../geo/measure-ellipsoid.ts';
import { gridToLonLat, isLonLatGrid, pixelToWorld, type RasterGrid } from './grid.ts';

export const LATTICE_STEP = 64;

export interface PixelAreas {
  /** 'rows': exact per row (lon/lat grids); 'lattice': interpolated footprints (projected grids). */
  readonly method: 'rows' | 'lattice';
  /** Area in m² of pixel (col, row) of the whole raster. */
  at(col: number, row: number): number;
  /**
   * For the lattice method: per-pixel areas of row `row` for columns [c0, c1] into `out` (out[k] = area of c0 + k).
   * Zonal loops call this once per run instead of `at` per pixel.
   */
  fillRow(row: number, c0: number, c1: number, out: Float64Array): void;
}

const DEG = Math.PI / 180;

/** Exact area of every pixel in `row` of a plain lon/lat grid (they are all equal). */
function lonLatRowArea(grid: RasterGrid, row: number): number {
  const gt = grid.geoTransform;
  const lat1 = gt[3] + row * gt[5];
  const lat2 = gt[3] + (row + 1) * gt[5];
  const dLon = Math.abs(gt[1]) * DEG;
  return dLon * AUTHALIC_R2 * Math.abs(sinAuthalic(Math.sin(lat2 * DEG)) - sinAuthalic(Math.sin(lat1 * DEG)));
}

/**
 * The footprint of one pixel through the inverse projection, measured on CGCS2000: the square's corners and edge
 * midpoints in lon/lat as an ellipsoidal polygon. Fractional col/row are allowed (a pixel-sized square there).
 */
export function exactPixelArea(grid: RasterGrid, col: number, row: number, toLonLat = gridToLonLat(grid)): number {
  const ring: number[][] = [];
  const corner = (c: number, r: number) => {
    const [x, y] = pixelToWorld(grid, c, r);
    ring.push(toLonLat(x, y));
  };
  corner(col, row); corner(col + 0.5, row); corner(col + 1, row); corner(col + 1, row + 0.5);
  corner(col + 1, row + 1); corner(col + 0.5, row + 1); corner(col, row + 1); corner(col, row + 0.5);
  ring.push(ring[0]);
  return geodesicArea({ type: 'Polygon', coordinates: [ring] });
}

class RowAreas implements PixelAreas {
  readonly method = 'rows';
  private readonly rows: Float64Array;
  constructor(private readonly grid: RasterGrid) {
    this.rows = new Float64Array(grid.height).fill(NaN);
  }
  rowArea(row: number): number {
    if (row < 0 || row >= this.rows.length) return lonLatRowArea(this.grid, row);
    let a = this.rows[row];
    if (a !== a) a = this.rows[row] = lonLatRowArea(this.grid, row);
    return a;
  }
  at(_col: number, row: number): number {
    return this.rowArea(row);
  }
  fillRow(row: number, c0: number, c1: number, out: Float64Array): void {
    out.fill(this.rowArea(row), 0, c1 - c0 + 1);
  }
}

class LatticeAreas implements PixelAreas {
  readonly method = 'lattice';
  private readonly nodesX: number;
  private readonly values: Float64Array;
  private readonly toLonLat;
  constructor(private readonly grid: RasterGrid, private readonly step: number) {
    this.nodesX = Math.floor((grid.width - 1) / step) + 2;
    const nodesY = Math.floor((grid.height - 1) / step) + 2;
    this.values = new Float64Array(this.nodesX * nodesY).fill(NaN);
    this.toLonLat = gridToLonLat(grid);
  }
  /** Exact footprint of the pixel at lattice node (i, j): column j·step, row i·step. */
  private node(i: number, j: number): number {
    const k = i * this.nodesX + j;
    let v = this.values[k];
    if (v !== v) v = this.values[k] = exactPixelArea(this.grid, j * this.step, i * this.step, this.toLonLat);
    return v;
  }
  at(col: number, row: number): number {
    const s = this.step;
    const i = Math.min(Math.floor(row / s), Math.floor((this.grid.height - 1) / s));
    const j = Math.min(Math.floor(col / s), Math.floor((this.grid.width - 1) / s));
    const t = row / s - i;
    const u = col / s - j;
    const a = this.node(i, j) + t * (this.node(i + 1, j) - this.node(i, j));
    const b = this.node(i, j + 1) + t * (this.node(i + 1, j + 1) - this.node(i, j + 1));
    return a + u * (b - a);
  }
  fillRow(row: number, c0: number, c1: number, out: Float64Array): void {
    const s = this.step;
    const i = Math.min(Math.floor(row / s), Math.floor((this.grid.height - 1) / s));
    const t = row / s - i;
    const lastJ = Math.floor((this.grid.width - 1) / s);
    // segment by segment between lattice columns: linear in the column, so one add per pixel
    for (let c = c0; c <= c1;) {
      const j = Math.min(Math.floor(c / s), lastJ);
      const end = j === lastJ ? c1 : Math.min(c1, (j + 1) * s - 1);
      const a = this.node(i, j) + t * (this.node(i + 1, j) - this.node(i, j));
      const b = this.node(i, j + 1) + t * (this.node(i + 1, j + 1) - this.node(i, j + 1));
      const step = (b - a) / s;
      let v = a + (c - j * s) * step;
      for (; c <= end; c++, v += step) out[c - c0] = v;
    }
  }
}

/** The pixel-area model of a grid (cheap to create; values are computed on first use and kept). */
export function pixelAreas(grid: RasterGrid, step = LATTICE_STEP): PixelAreas {
  return isLonLatGrid(grid) ? new RowAreas(grid) : new LatticeAreas(grid, step);
}
