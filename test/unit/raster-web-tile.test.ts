// Web Mercator tiles drawn from the sample's Gauss-Krüger rasters against gdalwarp (-t_srs EPSG:3857 -r near -et 0,
// exact transforms, no overviews) over the same tile: the same class in (nearly) every pixel; zoomed-out tiles come
// from the COG's overviews; tiles off the raster are null.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAND_COVER_CLASSES, paletteOf } from '../../src/core/raster/classes.ts';
import { openGeoTiff, type RasterReader } from '../../src/core/raster/read.ts';
import { renderWebTile, sourcePixelOf } from '../../src/core/raster/web-tile.ts';
import { ensureSampleData } from '../../scripts/sample-data/ensure.ts';
import { ensureSampleRasters } from '../../scripts/sample-data/rasters.ts';

const root = resolve(__dirname, '../..');
const data = join(root, 'data');
let dir: string;
let landCover: RasterReader;
let imagery: RasterReader;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xg-web-tile-'));
  await ensureSampleData(root);
  ensureSampleRasters(data);
  landCover = await openGeoTiff(readFileSync(join(data, 'rasters/landcover-2025.tif')), 'landcover-2025');
  imagery = await openGeoTiff(readFileSync(join(data, 'rasters/imagery-2025.tif')), 'imagery-2025');
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HALF = 20037508.342789244;
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  return [x, y];
}

/** gdalwarp's tile: nearest source pixel for each of 256 × 256 pixel centres, exact transforms, full resolution. */
function gdalTile(file: string, z: number, x: number, y: number, bands: number): Uint8Array {
  const span = (2 * HALF) / 2 ** z;
  const [xmin, ymax] = [-HALF + x * span, HALF - y * span];
  const out = join(dir, `tile-${z}-${x}-${y}-${bands}.tif`);
  execFileSync('gdalwarp', ['-q', '-overwrite', '-t_srs', 'EPSG:3857', '-te', String(xmin), String(ymax - span), String(xmin + span), String(ymax), '-ts', '256', '256', '-r', 'near', '-et', '0', '-ovr', 'NONE', file, out]);
  const py = 'import sys, numpy as np; from osgeo import gdal; a = gdal.Open(sys.argv[1]).ReadAsArray(); a = np.moveaxis(a, 0, -1) if a.ndim == 3 else a; sys.stdout.buffer.write(np.ascontiguousarray(a).astype(np.uint8).tobytes())';
  return new Uint8Array(execFileSync('/usr/bin/python3', ['-c', py, out], { maxBuffer: 1 << 24 }));
}

const style = { kind: 'categorical' as const, colours: paletteOf(LAND_COVER_CLASSES) };
const classOfColour = new Map([...paletteOf(LAND_COVER_CLASSES)].map(([v, c]) => [c.join(','), v]));

describe('Web Mercator tiles from the Gauss-Krüger land cover', () => {
  it('z15 over the county: the same class as gdalwarp in ≥ 99.9 % of pixels', async () => {
    const [x, y] = tileOf(115.47, 26.41, 15);
    const ours = (await renderWebTile(landCover, 15, x, y, style))!;
    const gdal = gdalTile(join(data, 'rasters/landcover-2025.tif'), 15, x, y, 1);
    // the exact source pixel of every tile pixel (no lattice), read in one window
    const exactPx = Array.from({ length: 65536 }, (_, p) => sourcePixelOf(landCover.info.grid, 15, x, y, p % 256, Math.floor(p / 256)));
    const c0 = Math.min(...exactPx.map((q) => q[0])), r0 = Math.min(...exactPx.map((q) => q[1]));
    const w = Math.max(...exactPx.map((q) => q[0])) - c0 + 1, h = Math.max(...exactPx.map((q) => q[1])) - r0 + 1;
    const block = await landCover.read({ col: c0, row: r0, width: w, height: h });
    let same = 0, exact = 0;
    for (let p = 0; p < 256 * 256; p++) {
      const v = ours[4 * p + 3] === 0 ? 0 : classOfColour.get(`${ours[4 * p]},${ours[4 * p + 1]},${ours[4 * p + 2]}`);
      if (v === gdal[p]) same++;
      if (v === block[(exactPx[p][1] - r0) * w + exactPx[p][0] - c0]) exact++;
    }
    expect(same / 65536).toBeGreaterThan(0.999);
    expect(exact / 65536).toBeGreaterThan(0.999);
    expect(new Set(gdal).size).toBeGreaterThan(1); // the tile is not all one class: the comparison has teeth
  }, 300_000);

  it('imagery: the same RGB as gdalwarp in ≥ 99.9 % of pixels (z14)', async () => {
    const [x, y] = tileOf(115.35, 26.3, 14);
    const ours = (await renderWebTile(imagery, 14, x, y, { kind: 'imagery' }))!;
    const gdal = gdalTile(join(data, 'rasters/imagery-2025.tif'), 14, x, y, 3);
    let same = 0;
    for (let p = 0; p < 256 * 256; p++) if (ours[4 * p] === gdal[3 * p] && ours[4 * p + 1] === gdal[3 * p + 1] && ours[4 * p + 2] === gdal[3 * p + 2]) same++;
    expect(same / 65536).toBeGreaterThan(0.999);
  }, 300_000);

  it('zoomed out (z9) the tile comes from an overview, only palette colours, transparent outside the county', async () => {
    const [x, y] = tileOf(115.45, 26.37, 9);
    const t0 = performance.now();
    const tile = (await renderWebTile(landCover, 9, x, y, style))!;
    expect(performance.now() - t0).toBeLessThan(5000);
    let opaque = 0, clear = 0;
    for (let p = 0; p < 256 * 256; p++) {
      if (tile[4 * p + 3] === 0) { clear++; continue; }
      opaque++;
      expect(classOfColour.has(`${tile[4 * p]},${tile[4 * p + 1]},${tile[4 * p + 2]}`)).toBe(true);
    }
    expect(opaque).toBeGreaterThan(1000);
    expect(clear).toBeGreaterThan(1000); // the county does not fill a z9 tile
    expect(await renderWebTile(landCover, 12, ...tileOf(116.5, 28, 12), style)).toBeNull(); // far from the county
  }, 120_000);
});
