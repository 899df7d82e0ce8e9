// The workers' zonal statistics (src/workers/raster-zonal.ts) in Node over HTTP with Range, on a release of two rasters
// made here — land cover (uint8, classes) and a continuous float32 series of two years — against the zonal CLI on the
// same files (itself checked against GDAL and numpy in raster-cli.test.ts): the latest land cover's pixels and 亩, the
// latest year's mean/min/max/percentiles, only byte ranges fetched, and a release without rasters.json answering [].
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { Rng } from '../../src/core/random.ts';
import { LAND_COVER_CLASSES } from '../../src/core/raster/classes.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import { gridToLonLat, type RasterGrid } from '../../src/core/raster/grid.ts';
import type { RasterEntry } from '../../src/core/raster/manifest.ts';
import type { LandCoverSummary, ValueSummary } from '../../src/core/raster/zone-summary.ts';
import { zoneSummaries } from '../../src/workers/raster-zonal.ts';

const root = resolve(__dirname, '../..');
let dir: string;
let server: Server;
let base: string;
const served: { file: string; range: string | undefined; bytes: number }[] = [];
const grid: RasterGrid = { width: 600, height: 500, geoTransform: [650000, 10, 0, 2920000, 0, -10], crs: crsByCode(4547)! };

function entry(id: string, kind: 'categorical' | 'continuous', year: number, dataType: RasterEntry['data_type'], nodata: number): RasterEntry {
  return {
    id, kind, year, name: { zh: id, en: id }, file: `rasters/${id}.tif`, crs: 'EPSG:4547', width: grid.width, height: grid.height,
    geotransform: grid.geoTransform as RasterEntry['geotransform'], bounds: [115, 26, 115.1, 26.1], bands: 1, data_type: dataType, nodata,
    classes: kind === 'categorical' ? [...LAND_COVER_CLASSES] : undefined, ramp: kind === 'continuous' ? { min: 0, max: 1, colours: ['#000000', '#ffffff'] } : undefined,
    audience: 'internal', sample_data: true, source: { made_by: 'test' },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xg-zonal-worker-'));
  mkdirSync(join(dir, 'release/rasters'), { recursive: true });
  mkdirSync(join(dir, 'empty'), { recursive: true });
  const rng = new Rng('zonal-worker');
  const n = grid.width * grid.height;
  const classes = Uint8Array.from({ length: n }, (_, i) => (i % 97 === 0 ? 0 : 1 + Math.floor(rng.range(0, 7))));
  writeFileSync(join(dir, 'release/rasters/landcover-2025.tif'), writeCog({ grid, dataType: 'uint8', bands: 1, data: classes, nodata: 0, resampling: 'mode' }));
  for (const year of [2020, 2024]) {
    const v = Float32Array.from({ length: n }, (_, i) => (i % 89 === 0 ? -1 : Math.fround(rng.range(0, 1) ** (year === 2024 ? 2 : 1))));
    writeFileSync(join(dir, `release/rasters/ndvi-${year}.tif`), writeCog({ grid, dataType: 'float32', bands: 1, data: v, nodata: -1, resampling: 'average' }));
  }
  writeFileSync(join(dir, 'release/rasters.json'), JSON.stringify({ format: 'xingguo-rasters-1', rasters: [entry('landcover-2025', 'categorical', 2025, 'uint8', 0), entry('ndvi-2020', 'continuous', 2020, 'float32', -1), entry('ndvi-2024', 'continuous', 2024, 'float32', -1)] }));
  // A static server answering single byte ranges (as the app's server does for rasters/*.tif).
  server = createServer((req, res) => {
    const file = join(dir, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    let size: number;
    try { size = statSync(file).size; } catch { res.writeHead(404).end(); return; }
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const body = readFileSync(file);
    if (!m) { served.push({ file, range: undefined, bytes: size }); res.writeHead(200, { 'content-length': size, 'accept-ranges': 'bytes' }).end(body); return; }
    const start = Number(m[1]);
    const end = Math.min(size - 1, m[2] ? Number(m[2]) : size - 1);
    served.push({ file, range: req.headers.range, bytes: end - start + 1 });
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1, 'accept-ranges': 'bytes' }).end(body.subarray(start, end + 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function cli(raster: string, zones: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/zonal.ts'), '--raster', raster, '--zones', zones, '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).zones as { classes?: Record<string, { pixels: number; area_mu: number }>; stats?: Record<string, number>; nodata_pixels: number }[];
}

describe('zonal statistics in the workers', () => {
  it('a site and a township-sized zone: the latest land cover and the latest NDVI, as the CLI counts them, by Range', async () => {
    const toLonLat = gridToLonLat(grid);
    const ring = (cx: number, cy: number, r: number, k: number) => {
      const pts = Array.from({ length: k }, (_, j) => toLonLat(cx + r * Math.cos((2 * Math.PI * j) / k), cy + r * Math.sin((2 * Math.PI * j) / k)));
      return { type: 'Polygon' as const, coordinates: [[...pts, pts[0]]] };
    };
    const zones = [ring(651000, 2918000, 420, 11), ring(653000, 2917500, 1900, 17)];
    const zonesFile = join(dir, 'zones.geojson');
    writeFileSync(zonesFile, JSON.stringify({ type: 'FeatureCollection', features: zones.map((geometry) => ({ type: 'Feature', properties: {}, geometry })) }));
    const lc = cli(join(dir, 'release/rasters/landcover-2025.tif'), zonesFile);
    const ndvi = cli(join(dir, 'release/rasters/ndvi-2024.tif'), zonesFile);

    served.length = 0;
    const out = await zoneSummaries(base + 'release/', zones);
    expect(out).toHaveLength(2);
    out.forEach((summaries, i) => {
      expect(summaries.map((s) => s.raster.id)).toEqual(['landcover-2025', 'ndvi-2024']);
      const land = summaries[0] as LandCoverSummary;
      expect(land.rows.map((r) => r.value)).toEqual(Object.keys(lc[i].classes!).map(Number));
      for (const r of land.rows) {
        expect(r.pixels).toBe(lc[i].classes![String(r.value)].pixels);
        expect(r.area_mu).toBeCloseTo(lc[i].classes![String(r.value)].area_mu, 5);
      }
      expect(land.nodata_pixels).toBe(lc[i].nodata_pixels);
      const values = summaries[1] as ValueSummary;
      for (const k of ['mean', 'min', 'max', 'p10', 'p50', 'p90'] as const) expect(values.stats![k]).toBeCloseTo(ndvi[i].stats![k], 12);
      expect(values.nodata_pixels).toBe(ndvi[i].nodata_pixels);
    });
    const tifs = served.filter((s) => s.file.endsWith('.tif'));
    expect(tifs.length).toBeGreaterThan(0);
    expect(tifs.every((s) => s.range)).toBe(true);
    // the small zone again: only its tiles, far less than the file
    served.length = 0;
    await zoneSummaries(base + 'release/', [zones[0]]);
    const bytes = served.filter((s) => s.file.endsWith('landcover-2025.tif')).reduce((a, s) => a + s.bytes, 0);
    expect(bytes).toBeLessThan(statSync(join(dir, 'release/rasters/landcover-2025.tif')).size / 2);
  }, 300_000);

  it('a release without rasters.json: no summaries, no error', async () => {
    expect(await zoneSummaries(base + 'empty/', [null])).toEqual([[]]);
  });
});
