// npm run zonal and npm run change, run as a user would. zonal --json prints exactly the shape; its continuous
// statistics equal numpy's over GDAL's rasterized zones (an independent implementation of the same definitions); its
// class areas add up per township to the county's. change writes the sample's 监测图斑 and refuses bad years.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { Rng } from '../../src/core/random.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import { gridToLonLat, type RasterGrid } from '../../src/core/raster/grid.ts';
import { ensureSampleData } from '../../scripts/sample-data/ensure.ts';
import { ensureSampleRasters } from '../../scripts/sample-data/rasters.ts';

const root = resolve(__dirname, '../..');
const data = join(root, 'data');
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xg-raster-cli-'));
  await ensureSampleData(root);
  ensureSampleRasters(data);
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string, ...args: string[]) {
  const r = spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8', timeout: 180_000, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run zonal', () => {
  it('categorical --json: exactly {"zones": [{index, properties, classes, nodata_pixels}]}; townships add up to the county', () => {
    const towns = run('zonal', '--raster', 'data/rasters/landcover-2025.tif', '--zones', 'data/townships.geojson', '--json');
    expect(towns.code).toBe(0);
    const out = JSON.parse(towns.stdout);
    expect(Object.keys(out)).toEqual(['zones']);
    expect(out.zones).toHaveLength(25);
    for (const [i, z] of out.zones.entries()) {
      expect(Object.keys(z)).toEqual(['index', 'properties', 'classes', 'nodata_pixels']);
      expect(z.index).toBe(i);
      expect(z.properties.code).toMatch(/^360732\d{3}$/);
      for (const [value, c] of Object.entries(z.classes as Record<string, { pixels: number; area_mu: number }>)) {
        expect(value).toMatch(/^[1-7]$/);
        expect(Object.keys(c)).toEqual(['pixels', 'area_mu']);
        expect(c.area_mu / c.pixels).toBeGreaterThan(0.149); // a 10 m pixel is 0.15 亩, a little less off the central meridian
        expect(c.area_mu / c.pixels).toBeLessThan(0.15);
      }
    }
    const county = JSON.parse(run('zonal', '--raster', 'data/rasters/landcover-2025.tif', '--zones', 'data/county.geojson', '--json').stdout).zones[0];
    // townships tile the county: every pixel centre is in exactly one (their shared edges are the same vertices)
    for (const v of Object.keys(county.classes)) {
      const sum = out.zones.reduce((s: number, z: { classes: Record<string, { pixels: number }> }) => s + (z.classes[v]?.pixels ?? 0), 0);
      expect(Math.abs(sum - county.classes[v].pixels), `class ${v}`).toBeLessThanOrEqual(county.classes[v].pixels * 1e-4);
    }
  }, 300_000);

  it('continuous --json: mean/min/max/p10/p50/p90 equal numpy over the pixels GDAL rasterizes for each zone', () => {
    const grid: RasterGrid = { width: 240, height: 200, geoTransform: [650000, 10, 0, 2920000, 0, -10], crs: crsByCode(4547)! };
    const rng = new Rng('ndvi-cli');
    const values = Float32Array.from({ length: 240 * 200 }, (_, i) => (i % 89 === 0 ? -1 : Math.fround(rng.range(0, 1) ** 2)));
    const raster = join(dir, 'ndvi.tif');
    writeFileSync(raster, writeCog({ grid, dataType: 'float32', bands: 1, data: values, nodata: -1, resampling: 'average' }));
    const toLonLat = gridToLonLat(grid);
    const zone = (cx: number, cy: number, r: number, n: number) => {
      const ring = Array.from({ length: n }, (_, k) => toLonLat(cx + r * Math.cos((2 * Math.PI * k) / n), cy + r * Math.sin((2 * Math.PI * k) / n)));
      return { type: 'Feature', properties: { name: `z${cx}` }, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } };
    };
    const zones = { type: 'FeatureCollection', features: [zone(650600, 2919400, 333, 9), zone(651500, 2918800, 512, 13), zone(652000, 2919000, 150, 5)] };
    const zonesFile = join(dir, 'zones.geojson');
    writeFileSync(zonesFile, JSON.stringify(zones));
    const r = run('zonal', '--raster', raster, '--zones', zonesFile, '--json');
    expect(r.code).toBe(0);
    const ours = JSON.parse(r.stdout).zones;
    // numpy: GDAL rasterizes each zone into the grid; percentiles with numpy's default (linear) interpolation
    const withIds = { ...zones, features: zones.features.map((f, i) => ({ ...f, properties: { zid: i } })) };
    writeFileSync(join(dir, 'zones-ids.geojson'), JSON.stringify(withIds));
    const py = `
import sys, json, numpy as np
from osgeo import gdal, ogr
r = gdal.Open(sys.argv[1]); v = r.ReadAsArray()
src = ogr.Open(sys.argv[2]); layer = src.GetLayer(0); out = []
for i in range(layer.GetFeatureCount()):
    layer.SetAttributeFilter('zid = %d' % i)
    m = gdal.GetDriverByName('MEM').Create('', r.RasterXSize, r.RasterYSize, 1, gdal.GDT_Byte)
    m.SetGeoTransform(r.GetGeoTransform()); m.SetProjection(r.GetProjection())
    gdal.RasterizeLayer(m, [1], layer, burn_values=[1])
    inside = m.ReadAsArray() == 1; x = v[inside]; ok = x[x != -1].astype(np.float64)
    out.append({'nodata': int((x == -1).sum()), 'stats': [float(s) for s in (ok.mean(), ok.min(), ok.max(), np.percentile(ok, 10), np.percentile(ok, 50), np.percentile(ok, 90))]})
print(json.dumps(out))`;
    const numpy = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, raster, join(dir, 'zones-ids.geojson')], { encoding: 'utf8' }));
    ours.forEach((z: { properties: unknown; stats: Record<string, number>; nodata_pixels: number }, i: number) => {
      expect(Object.keys(z)).toEqual(['index', 'properties', 'stats', 'nodata_pixels']);
      expect(Object.keys(z.stats)).toEqual(['mean', 'min', 'max', 'p10', 'p50', 'p90']);
      expect(z.nodata_pixels).toBe(numpy[i].nodata);
      ['mean', 'min', 'max', 'p10', 'p50', 'p90'].forEach((k, j) => expect(z.stats[k], `zone ${i} ${k}`).toBeCloseTo(numpy[i].stats[j], 9));
    });
  }, 300_000);

  it('bad input: exit 1 naming the file; bad usage: exit 2', () => {
    writeFileSync(join(dir, 'zones.txt'), 'x');
    const bad = run('zonal', '--raster', 'data/rasters/landcover-2025.tif', '--zones', join(dir, 'zones.txt'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^zonal: ${join(dir, 'zones.txt')}: unsupported file type .txt`));
    const points = join(dir, 'points.geojson');
    writeFileSync(points, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [115.4, 26.4] } }] }));
    expect(run('zonal', '--raster', 'data/rasters/landcover-2025.tif', '--zones', points).stderr).toMatch(/points\.geojson: has no polygons/);
    expect(run('zonal', '--raster', 'data/rasters/imagery-2025.tif', '--zones', 'data/county.geojson', '--band', '4').stderr).toMatch(/imagery-2025\.tif: band 4 does not exist \(the raster has 3\)/);
    expect(run('zonal', '--zones', 'data/county.geojson').code).toBe(2);
  }, 300_000);
});

describe('npm run change', () => {
  it('2020 → 2025 on the sample: the same 监测图斑 as data/monitoring-patches.geojson; a summary with --json', () => {
    const out = join(dir, 'patches.geojson');
    const r = run('change', '--from', '2020', '--to', '2025', '--out', out, '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ from_year: 2020, to_year: 2025, mmu_mu: 1, unexplained: 8 });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(data, 'monitoring-patches.geojson'), 'utf8'));
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(summary.patches).toBe(fc.features.length);
    expect(Object.keys(fc.features[0].properties)).toEqual([
      'id', 'kind', 'from_year', 'to_year', 'from_class', 'to_class', 'transitions', 'pixels', 'area_mu', 'area_m2', 'township_code', 'township_name',
      'stand_ids', 'carbon_stock_tC', 'carbon_stock_tCO2e', 'explained', 'explanation_kind', 'explanation_share', 'explanation_ids', 'explanation_name',
      'status', 'centre_lon', 'centre_lat',
    ]);
    // a coarser minimum mapping unit keeps fewer patches
    const coarse = JSON.parse(run('change', '--from', '2020', '--to', '2025', '--out', join(dir, 'coarse.geojson'), '--json', '--mmu', '10').stdout);
    expect(coarse.patches).toBeLessThan(summary.patches);
  }, 300_000);

  it('a year rasters.json does not have, or years in the wrong order: exit 1 with the reason', () => {
    const r = run('change', '--from', '2019', '--to', '2025', '--out', join(dir, 'x.geojson'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^change: --from 2019: .*rasters\.json has no categorical raster of 2019 \(it has categorical 2020, categorical 2025, imagery 2025\)/);
    expect(run('change', '--from', '2025', '--to', '2020', '--out', join(dir, 'x.geojson')).stderr).toMatch(/--from 2025 must be earlier than --to 2020/);
    expect(run('change', '--from', '2020').code).toBe(2);
  }, 300_000);
});
