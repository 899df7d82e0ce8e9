// Our pixel-centre rule and zonal class counts against GDAL's (gdal_rasterize into the same grid, then counting), on
// hand-made rasters and polygons: vertices on pixel corners, on pixel centres, diagonal edges through centres,
// horizontal edges on row centres in both directions, holes, overlapping parts, zones leaving the raster — the cases
// where two rasterizers part ways — plus random polygons through a Gauss-Krüger reprojection. Pixel sets must be
// identical, not merely close. Needs GDAL (Debian gdal-bin; .ci/run installs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { Rng } from '../../src/core/random.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import { fullWindow, gridToLonLat, lonLatToGrid, type RasterGrid } from '../../src/core/raster/grid.ts';
import { pixelAreas } from '../../src/core/raster/pixel-area.ts';
import { scanZone } from '../../src/core/raster/rasterize.ts';
import { openGeoTiff } from '../../src/core/raster/read.ts';
import { zonalCategorical } from '../../src/core/raster/zonal.ts';
import { zoneToPixels } from '../../src/core/raster/zones.ts';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'xg-raster-gdal-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function classRaster(grid: RasterGrid, seed: string): Uint8Array {
  const rng = new Rng(seed);
  const data = new Uint8Array(grid.width * grid.height);
  for (let i = 0; i < data.length; i++) data[i] = rng.chance(0.08) ? 0 : 1 + rng.int(0, 6);
  return data;
}

const GDAL_REFERENCE = join(import.meta.dirname, '../../scripts/raster/gdal_reference.py');

/** GDAL's pixels for each zone: its rasterizer (default pixel-centre rule) burning each zone into the raster's grid. */
function gdalMasks(rasterFile: string, zones: Feature[], crsUrn: string, name: string): Uint8Array[] {
  const zonesFile = join(dir, `${name}.geojson`);
  // full double precision, and the CRS named so GDAL does not reproject (the vertices must be the same doubles)
  writeFileSync(zonesFile, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: crsUrn } }, features: zones.map((f, i) => ({ ...f, properties: { zid: i } })) }));
  const all = new Uint8Array(execFileSync('/usr/bin/python3', [GDAL_REFERENCE, 'masks', rasterFile, zonesFile], { maxBuffer: 1 << 28 }));
  const size = all.length / zones.length;
  return zones.map((_, i) => all.slice(i * size, (i + 1) * size));
}

/** Our pixels of a zone given in the raster's own CRS coordinates (no reprojection: identity transform). */
function ourMask(grid: RasterGrid, geometry: Geometry, identity: boolean): Uint8Array {
  const zone = zoneToPixels(geometry, grid, identity ? (x, y) => [x, y] : lonLatToGrid(grid));
  const mask = new Uint8Array(grid.width * grid.height);
  let twice = 0;
  scanZone(zone.parts, fullWindow(grid), (r, c0, c1) => {
    for (let c = c0; c <= c1; c++) twice += mask[r * grid.width + c]++;
  });
  expect(twice, 'pixels reported twice').toBe(0);
  return mask;
}

const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings.map((r) => [...r, r[0]]) });

/** Hand-made zones in pixel units (column, row from the top-left corner), turned into world coordinates. */
function handMade(grid: RasterGrid): Feature[] {
  const gt = grid.geoTransform;
  const w = ([c, r]: number[]): Position => [gt[0] + c * gt[1], gt[3] + r * gt[5]];
  const ring = (pts: number[][]) => pts.map(w);
  const shapes: Geometry[] = [
    poly(ring([[2, 2], [12, 2], [12, 9], [2, 9]])), // on pixel corners
    poly(ring([[0, 0], [30, 10], [0, 20]])), // edges of slope 1/3 through pixel centres
    poly(ring([[3.5, 3.5], [20.5, 3.5], [20.5, 15.5], [3.5, 15.5]])), // vertices on centres: horizontal edges on row centres
    poly(ring([[3.5, 15.5], [20.5, 15.5], [20.5, 3.5], [3.5, 3.5]])), // the same, wound the other way
    poly(ring([[5, 1.5], [25, 1.5], [15, 12.5]]), ring([[12, 4], [18, 4], [15, 8]])), // a hole; top edge on a centre row
    poly(ring([[1.5, 20], [9.5, 12.5], [17.5, 20], [9.5, 27.5]])), // a diamond with vertices on centres
    { type: 'MultiPolygon', coordinates: [poly(ring([[20, 10], [34, 10], [34, 22], [20, 22]])).coordinates, poly(ring([[26.5, 16.5], [39.5, 16.5], [39.5, 28.5], [26.5, 28.5]])).coordinates] }, // overlapping parts
    poly(ring([[-5, -3], [8, -3], [8, 6.5], [-5, 6.5]])), // leaves the raster (left and top)
    poly(ring([[33, 20], [45, 24], [36, 33]])), // leaves the raster (right and bottom)
    poly(ring([[10, 25], [10.5, 25.5], [11, 25], [10.5, 24.5]])), // smaller than a pixel, around a centre
    poly(ring([[22.5, 26.5], [24.5, 26.5], [24.5, 26.5], [22.5, 26.5]])), // degenerate: zero area on a centre row
  ];
  return shapes.map((geometry) => ({ type: 'Feature', properties: {}, geometry }));
}

describe('pixel-centre rule: identical pixels to gdal_rasterize', () => {
  it('hand-made polygons on a lon/lat raster (exact ties: vertices on corners and centres, edges on row centres)', async () => {
    const grid: RasterGrid = { width: 40, height: 30, geoTransform: [115.25, 0.0001, 0, 26.5, 0, -0.0001], crs: crsByCode(4326)! };
    const file = join(dir, 'hand-ll.tif');
    writeFileSync(file, writeCog({ grid, dataType: 'uint8', bands: 1, data: classRaster(grid, 'hand-ll'), nodata: 0, resampling: 'mode' }));
    const zones = handMade(grid);
    const gdal = gdalMasks(file, zones, 'urn:ogc:def:crs:OGC:1.3:CRS84', 'hand-ll');
    zones.forEach((z, i) => expect(ourMask(grid, z.geometry, true), `zone ${i}`).toEqual(gdal[i]));
    // the test has teeth: the cases above do produce ties, and some zones do cover pixels
    expect(gdal.filter((m) => m.some((v) => v === 1)).length).toBeGreaterThanOrEqual(9);
  });

  it('hand-made polygons on a Gauss-Krüger raster (EPSG:4547, the same vertices given to both)', async () => {
    const grid: RasterGrid = { width: 40, height: 30, geoTransform: [612340, 10, 0, 2934560, 0, -10], crs: crsByCode(4547)! };
    const file = join(dir, 'hand-gk.tif');
    writeFileSync(file, writeCog({ grid, dataType: 'uint8', bands: 1, data: classRaster(grid, 'hand-gk'), nodata: 0, resampling: 'mode' }));
    const zones = handMade(grid);
    const gdal = gdalMasks(file, zones, 'urn:ogc:def:crs:EPSG::4547', 'hand-gk');
    zones.forEach((z, i) => expect(ourMask(grid, z.geometry, true), `zone ${i}`).toEqual(gdal[i]));
  });

  it('random lon/lat polygons reprojected to GK by each side (proj4js here, PROJ in GDAL): same pixels', async () => {
    const grid: RasterGrid = { width: 300, height: 240, geoTransform: [640000, 10, 0, 2930000, 0, -10], crs: crsByCode(4547)! };
    const file = join(dir, 'random-gk.tif');
    writeFileSync(file, writeCog({ grid, dataType: 'uint8', bands: 1, data: classRaster(grid, 'random-gk'), nodata: 0, resampling: 'mode' }));
    const toLonLat = gridToLonLat(grid);
    const rng = new Rng('random-zones');
    const zones: Feature[] = [];
    for (let k = 0; k < 12; k++) {
      const cx = 640000 + rng.range(200, 2800), cy = 2930000 - rng.range(200, 2200), n = rng.int(5, 14);
      const ring: Position[] = [];
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * i) / n, rad = rng.range(60, 400);
        ring.push(toLonLat(cx + rad * Math.cos(a), cy + rad * Math.sin(a)));
      }
      zones.push({ type: 'Feature', properties: {}, geometry: poly(ring) });
    }
    const gdal = gdalMasks(file, zones, 'urn:ogc:def:crs:OGC:1.3:CRS84', 'random-gk');
    zones.forEach((z, i) => expect(ourMask(grid, z.geometry, false), `zone ${i}`).toEqual(gdal[i]));
  });
});

describe('zonal class counts and areas against GDAL rasterize-based counting', () => {
  it('per class: pixels equal GDAL mask ∩ class counts; areas are the same pixels’ ellipsoidal footprints', async () => {
    const grid: RasterGrid = { width: 40, height: 30, geoTransform: [612340, 10, 0, 2934560, 0, -10], crs: crsByCode(4547)! };
    const data = classRaster(grid, 'zonal');
    const file = join(dir, 'zonal.tif');
    writeFileSync(file, writeCog({ grid, dataType: 'uint8', bands: 1, data, nodata: 0, resampling: 'mode' }));
    const zones = handMade(grid);
    const gdal = gdalMasks(file, zones, 'urn:ogc:def:crs:EPSG::4547', 'zonal');
    // our side reads the COG back
    const reader = await openGeoTiff(new Uint8Array(execFileSync('cat', [file], { maxBuffer: 1 << 26 })), file);
    const block = { grid: reader.info.grid, window: fullWindow(grid), data: await reader.read(fullWindow(grid)), nodata: reader.info.nodata };
    const ours = zonalCategorical(block, zones.map((z) => zoneToPixels(z.geometry, grid, (x, y) => [x, y])));
    const areas = pixelAreas(grid);
    zones.forEach((_, i) => {
      const counts = new Map<number, { pixels: number; area_m2: number }>();
      let nodata = 0;
      gdal[i].forEach((m, p) => {
        if (!m) return;
        const v = data[p];
        if (v === 0) { nodata++; return; }
        const e = counts.get(v) ?? { pixels: 0, area_m2: 0 };
        e.pixels++;
        e.area_m2 += areas.at(p % grid.width, Math.floor(p / grid.width));
        counts.set(v, e);
      });
      const expected = [...counts].sort((a, b) => a[0] - b[0]);
      expect(ours[i].classes.map((c) => [c.value, c.pixels]), `zone ${i}`).toEqual(expected.map(([v, e]) => [v, e.pixels]));
      ours[i].classes.forEach((c, k) => expect(Math.abs(c.area_m2 - expected[k][1].area_m2)).toBeLessThan(1e-9 * c.area_m2));
      expect(ours[i].nodata_pixels).toBe(nodata);
    });
    expect(ours[7].outside).toBe(true);
    expect(ours[0].outside).toBe(false);
  });
});
