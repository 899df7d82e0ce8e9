// Pixel footprints against GeographicLib (Karney's geodesic polygon areas on CGCS2000): single pixels, a whole block
// summed pixel by pixel, and a lon/lat row — every one within 1e-6 relative, the bound. They agree far better:
// on a single 100 m² pixel GeographicLib's own rounding noise is ~2e-8 (its per-edge terms are areas from the equator,
// ~3e7 m², summed), so single pixels are held to 1e-7 and larger blocks to 1e-8.
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { crsByCode } from '../geo/crs.ts';
import { referenceRingArea } from '../geo/geodesic-reference.ts';
import { gridToLonLat, pixelToWorld, type RasterGrid } from './grid.ts';
import { exactPixelArea, pixelAreas } from './pixel-area.ts';

/** The outline of pixels [c0, c1) × [r0, r1), every edge straight in the grid's CRS and densified `per` times per pixel. */
function outline(grid: RasterGrid, c0: number, r0: number, c1: number, r1: number, per: number): Position[] {
  const t = gridToLonLat(grid);
  const pts: Position[] = [];
  const walk = (ca: number, ra: number, cb: number, rb: number) => {
    const steps = Math.max(Math.abs(cb - ca), Math.abs(rb - ra)) * per;
    for (let k = 0; k < steps; k++) {
      const [x, y] = pixelToWorld(grid, ca + ((cb - ca) * k) / steps, ra + ((rb - ra) * k) / steps);
      pts.push(t(x, y));
    }
  };
  walk(c0, r0, c1, r0); walk(c1, r0, c1, r1); walk(c1, r1, c0, r1); walk(c0, r1, c0, r0);
  pts.push(pts[0]);
  return pts;
}

const gk = (code: number, x0: number, y0: number, size = 10, width = 4000, height = 4000): RasterGrid => ({
  width, height, geoTransform: [x0, size, 0, y0, 0, -size], crs: crsByCode(code)!,
});

const rel = (a: number, b: number) => Math.abs(a - b) / b;

describe('pixel footprints on CGCS2000 against GeographicLib', () => {
  // 兴国县 in CGCS2000 3° GK CM 114°E (EPSG:4547): x ≈ 600–690 km, 1.0–1.9° east of the central meridian.
  const county = gk(4547, 600000, 2955000);

  it('one GK pixel: the exact footprint and the interpolated value agree with GeographicLib', () => {
    for (const [c, r] of [[0, 0], [1234, 3321], [3999, 17], [2500, 2500]]) {
      const reference = referenceRingArea(outline(county, c, r, c + 1, r + 1, 1));
      expect(rel(exactPixelArea(county, c, r), reference)).toBeLessThan(1e-7);
      expect(rel(pixelAreas(county).at(c, r), reference)).toBeLessThan(1e-7);
      // the interpolation itself is far below that: against the exact footprint of the same pixel
      expect(rel(pixelAreas(county).at(c + 0.5, r + 0.5), exactPixelArea(county, c + 0.5, r + 0.5))).toBeLessThan(1e-8);
    }
  });

  it('the footprint is not the nominal 100 m²: 120 km off the central meridian it is ~0.035 % smaller (1/k²)', () => {
    const a = pixelAreas(county).at(2000, 2000);
    expect(a).toBeLessThan(100 * (1 - 2e-4));
    expect(a).toBeGreaterThan(100 * (1 - 5e-4));
  });

  it('a 300 × 200 block summed pixel by pixel (fillRow) equals the block outline measured by GeographicLib', () => {
    const areas = pixelAreas(county);
    const row = new Float64Array(300);
    let sum = 0;
    for (let r = 1700; r < 1900; r++) {
      areas.fillRow(r, 900, 1199, row);
      for (let k = 0; k < 300; k++) sum += row[k];
    }
    const reference = referenceRingArea(outline(county, 900, 1700, 1200, 1900, 1));
    expect(rel(sum, reference)).toBeLessThan(1e-6);
    expect(rel(sum, reference)).toBeLessThan(1e-8);
  });

  it("Xi'an 1980 and Beijing 1954 GK grids: footprints through the datum shift to CGCS2000", () => {
    for (const code of [2362 /* Xi'an 1980 3° zone 38 */, 2414 /* Beijing 1954 3° zone 38 */]) {
      const g = gk(code, 38600000, 2955000);
      const reference = referenceRingArea(outline(g, 100, 200, 101, 201, 1));
      expect(rel(pixelAreas(g).at(100, 200), reference), String(code)).toBeLessThan(1e-7);
    }
  });

  it('a lon/lat grid: each row is exact in closed form (a 1000-pixel row against GeographicLib)', () => {
    const ll: RasterGrid = { width: 8000, height: 7000, geoTransform: [115, 0.0001, 0, 26.7, 0, -0.0001], crs: crsByCode(4490)! };
    const areas = pixelAreas(ll);
    expect(areas.method).toBe('rows');
    for (const r of [0, 3500, 6999]) {
      const reference = referenceRingArea(outline(ll, 2000, r, 3000, r + 1, 1));
      expect(rel(1000 * areas.at(2500, r), reference)).toBeLessThan(1e-7);
      expect(rel(areas.at(2500, r), referenceRingArea(outline(ll, 2500, r, 2501, r + 1, 1)))).toBeLessThan(1e-7);
    }
  });

  it('a wrong model is caught: nominal areas or Web Mercator would fail these tolerances', () => {
    const reference = referenceRingArea(outline(county, 10, 10, 11, 11, 16));
    expect(rel(100, reference)).toBeGreaterThan(1e-6);
  });
});
