// Our vectoriser against gdal_polygonize (4- and 8-connected) on a hand-made label raster with the awkward cases:
// pixels touching only at a corner, holes, a hole touching its outer ring at a corner, an island inside a hole, a
// one-pixel-wide snake. Same number of polygons per value and the same areas; and every one of our polygons
// rasterizes back to exactly its component's pixels (the round trip the change detection relies on).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { Rng } from '../../src/core/random.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import type { RasterGrid } from '../../src/core/raster/grid.ts';
import { scanPolygon } from '../../src/core/raster/rasterize.ts';
import { componentRings, connectedComponents, ringArea2, type Connectivity } from '../../src/core/raster/vectorise.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'xg-vectorise-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 48, H = 40;
const grid: RasterGrid = { width: W, height: H, geoTransform: [620000, 10, 0, 2940000, 0, -10], crs: crsByCode(4547)! };

function labels(): Uint8Array {
  const a = new Uint8Array(W * H);
  const set = (x: number, y: number, v: number) => { if (x >= 0 && y >= 0 && x < W && y < H) a[y * W + x] = v; };
  const rect = (x0: number, y0: number, x1: number, y1: number, v: number) => { for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) set(x, y, v); };
  rect(2, 2, 12, 10, 1); rect(4, 4, 7, 7, 0); rect(5, 5, 6, 6, 2); // a hole with an island of another value
  rect(8, 7, 10, 9, 0); set(8, 6, 0); // a second hole
  set(13, 11, 1); set(14, 12, 1); set(15, 13, 1); // a diagonal chain: 4-connected apart, 8-connected together
  rect(20, 2, 30, 12, 3); rect(23, 5, 27, 9, 0); set(22, 4, 0); // hole touching the outer boundary at a corner? (22,4) is inside
  rect(20, 15, 21, 15, 3); set(22, 16, 3); rect(23, 17, 24, 17, 3); // corner-touching steps
  for (let x = 2; x < 40; x++) set(x, 30 + (x % 3 === 0 ? 1 : 0), 4); // a one-pixel snake
  const rng = new Rng('vectorise-noise');
  for (let i = 0; i < 120; i++) set(rng.int(30, 47), rng.int(14, 39), rng.int(1, 4)); // speckle
  rect(34, 18, 40, 24, 2); rect(36, 20, 38, 22, 0); set(35, 19, 0); set(39, 23, 0); // holes touching at corners
  return a;
}

function gdalPolygons(file: string, connectivity: Connectivity): { value: number; area: number; holes: number }[] {
  const out = join(dir, `poly-${connectivity}.geojson`);
  execFileSync('/usr/bin/python3', ['/usr/bin/gdal_polygonize.py', '-q', ...(connectivity === 8 ? ['-8'] : []), file, '-f', 'GeoJSON', out, 'out', 'DN']);
  const fc = JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection<Polygon, { DN: number }>;
  // world → pixel units (exact: the grid is on whole metres)
  const px = (r: number[][]) => r.map(([x, y]) => [(x - 620000) / 10, (2940000 - y) / 10]);
  return fc.features.map((f) => ({
    value: f.properties.DN,
    area: Math.abs(ringArea2(px(f.geometry.coordinates[0]))) / 2 - f.geometry.coordinates.slice(1).reduce((s, h) => s + Math.abs(ringArea2(px(h))) / 2, 0),
    holes: f.geometry.coordinates.length - 1,
  }));
}

describe('vectorising against gdal_polygonize', () => {
  for (const connectivity of [4, 8] as const) {
    it(`${connectivity}-connected: the same polygons (value and area) as GDAL, and each rasterizes back to its pixels`, () => {
      const data = labels();
      const file = join(dir, 'labels.tif');
      writeFileSync(file, writeCog({ grid, dataType: 'uint8', bands: 1, data, nodata: 0, resampling: 'mode' }));
      const components = connectedComponents(data.slice(), W, H, 0, connectivity);
      const ours = components.map((c) => {
        const rings = componentRings(c.pixels, W);
        // winding: outer ring clockwise on screen (y down), holes the other way
        expect(ringArea2(rings[0])).toBeGreaterThan(0);
        for (const h of rings.slice(1)) expect(ringArea2(h)).toBeLessThan(0);
        const area = rings.reduce((s, r) => s + ringArea2(r) / 2, 0);
        expect(area).toBe(c.pixels.length);
        const back: number[] = [];
        scanPolygon(rings.map((r) => Float64Array.from(r.flat())), { col: 0, row: 0, width: W, height: H }, (row, c0, c1) => {
          for (let x = c0; x <= c1; x++) back.push(row * W + x);
        });
        expect(back.sort((p, q) => p - q)).toEqual([...c.pixels].sort((p, q) => p - q));
        return { value: c.value, area, holes: rings.length - 1 };
      });
      // holes counted too: where a hole touches another hole or the outer ring at a corner, the turn rule decides
      // whether they are one self-touching ring (invalid in OGC terms) or two rings touching at a point (GDAL's)
      const key = (p: { value: number; area: number; holes: number }) => `${p.value}:${p.area}:${p.holes}`;
      const gdal = gdalPolygons(file, connectivity);
      expect(ours.map(key).sort()).toEqual(gdal.map(key).sort());
      expect(ours.length).toBeGreaterThan(connectivity === 4 ? 60 : 40);
    });
  }

  it('4- and 8-connectivity differ where pixels touch only at corners', () => {
    const four = connectedComponents(labels(), W, H, 0, 4).length;
    const eight = connectedComponents(labels(), W, H, 0, 8).length;
    expect(four).toBeGreaterThan(eight);
  });
});
