// The TypeScript COG writer checked by GDAL: validate_cloud_optimized_geotiff.py (GDAL's own COG validator, full check
// of tile leaders and trailers), gdalinfo's LAYOUT=COG, the CRS GDAL reads from our GeoKeys, and every pixel as GDAL
// and geotiff.js read it back — for class rasters with a palette, signed 16-bit, float32 with NaN nodata and RGB
// imagery. And the other way: GeoTIFFs GDAL writes (user-defined Gauss-Krüger keys, strips, LZW) read by our reader.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { Rng } from '../../src/core/random.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import { fullWindow, type RasterGrid } from '../../src/core/raster/grid.ts';
import { openGeoTiff, type PixelArray } from '../../src/core/raster/read.ts';

const VALIDATOR = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'xg-cog-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** GDAL's reading of a file: all bands, pixel-interleaved, as float64 (NaN kept). */
function gdalPixels(file: string): Float64Array {
  const py = 'import sys, numpy as np; from osgeo import gdal; a = gdal.Open(sys.argv[1]).ReadAsArray().astype("<f8"); a = np.moveaxis(a, 0, -1) if a.ndim == 3 else a; sys.stdout.buffer.write(np.ascontiguousarray(a).tobytes())';
  const out = execFileSync('/usr/bin/python3', ['-c', py, file], { maxBuffer: 1 << 28 });
  return new Float64Array(out.buffer, out.byteOffset, out.byteLength / 8);
}

function gdalJson(file: string): { coordinateSystem: { wkt: string }; metadata: Record<string, Record<string, string>>; bands: { overviews?: unknown[]; noDataValue?: number }[]; size: number[] } {
  return JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' }));
}

const samePixels = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (!(a[i] === b[i] || (a[i] !== a[i] && b[i] !== b[i]))) diff++;
  expect(diff, 'pixels that differ').toBe(0);
};

const grid = (code: number, width: number, height: number, origin: [number, number], size: number): RasterGrid => ({
  width, height, geoTransform: [origin[0], size, 0, origin[1], 0, -size], crs: crsByCode(code)!,
});

const cases: { name: string; grid: RasterGrid; type: 'uint8' | 'int16' | 'float32'; bands: 1 | 3; make: (rng: Rng, n: number) => PixelArray; nodata: number | null; palette?: boolean; epsg: number }[] = [
  { name: 'land cover, uint8 with palette (CGCS2000 GK CM 114°E)', grid: grid(4547, 1000, 700, [612000, 2934000], 10), type: 'uint8', bands: 1, nodata: 0, palette: true, epsg: 4547,
    make: (rng, n) => { const a = new Uint8Array(n); for (let i = 0; i < n; i++) a[i] = ((i % 1000) >> 6) % 7 + (rng.chance(0.01) ? 0 : 1); return a; } },
  { name: "signed 16-bit with negatives (Xi'an 1980 3° zone 38)", grid: grid(2362, 300, 257, [38612000, 2934000], 30), type: 'int16', bands: 1, nodata: -9999, epsg: 2362,
    make: (rng, n) => Int16Array.from({ length: n }, () => (rng.chance(0.05) ? -9999 : rng.int(-3000, 3000))) },
  { name: 'NDVI float32 with NaN nodata (CGCS2000 lon/lat)', grid: grid(4490, 513, 260, [115.1, 26.6], 0.0001), type: 'float32', bands: 1, nodata: NaN, epsg: 4490,
    make: (rng, n) => Float32Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : Math.fround(rng.range(-0.2, 0.95)))) },
  { name: 'RGB imagery (Beijing 1954 3° zone 38)', grid: grid(2414, 600, 400, [38612000, 2934000], 2), type: 'uint8', bands: 3, nodata: 0, epsg: 2414,
    make: (rng, n) => Uint8Array.from({ length: n }, (_, i) => ((i >> 4) % 200) + rng.int(1, 50)) },
];

describe('COG writer output, judged by GDAL', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const data = c.make(new Rng(c.name), c.grid.width * c.grid.height * c.bands);
      const palette = c.palette ? new Map<number, [number, number, number]>([[1, [27, 120, 55]], [4, [243, 227, 154]]]) : undefined;
      const bytes = writeCog({ grid: c.grid, dataType: c.type, bands: c.bands, data, nodata: c.nodata, palette, resampling: c.bands === 3 || c.type === 'float32' ? 'average' : 'mode' });
      const file = join(dir, `${c.type}-${c.bands}-${c.epsg}.tif`);
      writeFileSync(file, bytes);

      const verdict = execFileSync('/usr/bin/python3', [VALIDATOR, '--full-check=yes', file], { encoding: 'utf8' });
      expect(verdict).toContain('is a valid cloud optimized GeoTIFF');
      const info = gdalJson(file);
      expect(info.metadata.IMAGE_STRUCTURE.LAYOUT).toBe('COG');
      expect(info.metadata.IMAGE_STRUCTURE.COMPRESSION).toBe('DEFLATE');
      expect(info.coordinateSystem.wkt).toMatch(new RegExp(`ID\\["EPSG",${c.epsg}\\]\\]$`));
      expect(info.size).toEqual([c.grid.width, c.grid.height]);
      expect(info.bands[0].overviews?.length).toBe(Math.ceil(Math.log2(Math.max(c.grid.width, c.grid.height) / 256)));
      if (c.nodata !== null && !Number.isNaN(c.nodata)) expect(info.bands[0].noDataValue).toBe(c.nodata);

      samePixels(gdalPixels(file), data);
      const reader = await openGeoTiff(bytes, file);
      expect(reader.info.grid.geoTransform).toEqual(c.grid.geoTransform);
      expect(reader.info.grid.crs.code).toBe(c.epsg);
      samePixels(c.bands === 1 ? await reader.read(fullWindow(c.grid)) : await reader.readInterleaved(fullWindow(c.grid)), data);
      if (c.bands === 3) samePixels(await reader.read({ col: 10, row: 20, width: 300, height: 100 }, 1), Array.from({ length: 300 * 100 }, (_, k) => data[((20 + Math.floor(k / 300)) * 600 + 10 + (k % 300)) * 3 + 1]));
    });
  }

  it('overviews: the mode of each 2 × 2 block of classes, as an independent count says', async () => {
    const g = grid(4547, 600, 520, [612000, 2934000], 10);
    const rng = new Rng('mode');
    const data = Uint8Array.from({ length: 600 * 520 }, () => rng.int(1, 3));
    const file = join(dir, 'mode.tif');
    writeFileSync(file, writeCog({ grid: g, dataType: 'uint8', bands: 1, data, nodata: 0, resampling: 'mode' }));
    const py = 'import sys; from osgeo import gdal; ds = gdal.Open(sys.argv[1]); sys.stdout.buffer.write(ds.GetRasterBand(1).GetOverview(0).ReadAsArray().tobytes())';
    const ovr = new Uint8Array(execFileSync('/usr/bin/python3', ['-c', py, file], { maxBuffer: 1 << 26 }));
    expect(ovr.length).toBe(300 * 260);
    // our reader's overview level 1 is GDAL's overview 0
    const reader = await openGeoTiff(readFileSync(file), file);
    expect(reader.info.levels).toEqual([{ width: 600, height: 520 }, { width: 300, height: 260 }, { width: 150, height: 130 }]);
    samePixels(await reader.readLevel(1, { col: 0, row: 0, width: 300, height: 260 }), ovr);
    for (let k = 0; k < 2000; k++) {
      const x = rng.int(0, 299), y = rng.int(0, 259);
      const block = [data[2 * y * 600 + 2 * x], data[2 * y * 600 + 2 * x + 1], data[(2 * y + 1) * 600 + 2 * x], data[(2 * y + 1) * 600 + 2 * x + 1]];
      const counts = block.map((v) => block.filter((w) => w === v).length);
      const most = Math.max(...counts);
      expect(ovr[y * 300 + x]).toBe(block[counts.indexOf(most)]);
    }
  });
});

describe('GeoTIFFs written by GDAL, read by our reader', () => {
  it('recognises user-defined Gauss-Krüger keys, strips and LZW, and refuses a CRS outside the table', async () => {
    const src = join(dir, 'src.tif');
    writeFileSync(src, writeCog({ grid: grid(4547, 50, 40, [612000, 2934000], 10), dataType: 'uint8', bands: 1, data: Uint8Array.from({ length: 2000 }, (_, i) => i % 7), nodata: null, resampling: 'mode' }));
    const gk = join(dir, 'user-gk.tif');
    // the same CM 114°E zone spelt out as a proj string: GDAL writes user-defined ProjectedCSType keys (32767)
    execFileSync('gdal_translate', ['-q', '-a_srs', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', '-co', 'COMPRESS=LZW', '-co', 'TILED=NO', src, gk]);
    const r = await openGeoTiff(readFileSync(gk), gk);
    expect(r.info.grid.crs.code).toBe(4547);
    expect(r.info.crsHow).toMatch(/user-defined Gauss-Krüger/);
    expect(r.info.tiled).toBe(false);
    samePixels(await r.read(fullWindow(r.info.grid)), Uint8Array.from({ length: 2000 }, (_, i) => i % 7));

    const merc = join(dir, 'world-mercator.tif');
    execFileSync('gdal_translate', ['-q', '-a_srs', 'EPSG:3395', src, merc]);
    await expect(openGeoTiff(readFileSync(merc), merc)).rejects.toThrow(/world-mercator\.tif: projected CRS EPSG:3395 is not in the CRS table/);
    const none = join(dir, 'no-crs.tif');
    execFileSync('gdal_translate', ['-q', '-co', 'PROFILE=BASELINE', src, none]); // georeferencing only in a side file
    await expect(openGeoTiff(readFileSync(none), none)).rejects.toThrow(/no-crs\.tif: .*(no GeoKeys|no coordinate system|unknown)/);
  });
});

describe('damaged files', () => {
  it('an image-directory chain that loops back is refused, not walked for ever; truncated and scrambled files get a message', async () => {
    const g = grid(4547, 600, 520, [612000, 2934000], 10);
    const good = writeCog({ grid: g, dataType: 'uint8', bands: 1, data: new Uint8Array(600 * 520).fill(3), nodata: 0, resampling: 'mode' });
    // the last IFD's "next" pointer aimed at the first IFD
    const view = new DataView(good.buffer.slice(0));
    const bytes = new Uint8Array(view.buffer);
    let ifd = view.getUint32(4, true);
    const first = ifd;
    for (;;) {
      const n = view.getUint16(ifd, true);
      const next = view.getUint32(ifd + 2 + 12 * n, true);
      if (next === 0) { view.setUint32(ifd + 2 + 12 * n, first, true); break; }
      ifd = next;
    }
    await expect(openGeoTiff(bytes, 'loop.tif')).rejects.toThrow(/loop\.tif: .*loop/);
    await expect(openGeoTiff(good.slice(0, 100), 'cut.tif')).rejects.toThrow(/^cut\.tif: /);
    const rng = new Rng('scramble');
    for (let k = 0; k < 30; k++) {
      const bad = good.slice();
      for (let j = 0; j < 20; j++) bad[rng.int(8, 6000)] = rng.int(0, 255);
      try {
        const r = await openGeoTiff(bad, 'scrambled.tif');
        await r.read({ col: 0, row: 0, width: 600, height: 520 });
      } catch (e) {
        expect((e as Error).message.length).toBeGreaterThan(0); // an error with a message, never a hang
      }
    }
  }, 120_000);
});
