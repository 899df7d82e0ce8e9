// The sample's rasters (模拟数据) against the sample layers and the generator's record of what it planted: land cover
// agrees with the stands and the county; every planted change of at least 1 亩 comes out as one 监测图斑 of the right
// kind, area and explanation, nothing else does, and the 0.5 亩 clearing is dropped by the minimum mapping unit; the
// rasters are valid COGs; the whole raster stage is deterministic.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS } from '../../src/core/carbon/factors.ts';
import { standCarbon } from '../../src/core/carbon/stand.ts';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import { LAND_COVER_CLASSES } from '../../src/core/raster/classes.ts';
import { gridToLonLat, pixelToWorld } from '../../src/core/raster/grid.ts';
import { parseRasterManifest, type RasterEntry } from '../../src/core/raster/manifest.ts';
import { openGeoTiff } from '../../src/core/raster/read.ts';
import { zonalFromReader, type CategoricalZoneStats } from '../../src/core/raster/zonal.ts';
import type { StandProperties } from '../../src/core/inventory/schema.ts';
import { ensureSampleData } from '../../scripts/sample-data/ensure.ts';
import type { PlantedChange } from '../../scripts/sample-data/land-cover.ts';
import { ensureSampleRasters, generateSampleRasters, PLANTED_FILE } from '../../scripts/sample-data/rasters.ts';

const root = resolve(__dirname, '../..');
const data = join(root, 'data');
const VALIDATOR = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';

let manifest: RasterEntry[];
let planted: PlantedChange[];
let patches: Feature<Polygon, Record<string, unknown>>[];
let stands: Feature<Polygon, StandProperties>[];

beforeAll(async () => {
  await ensureSampleData(root);
  ensureSampleRasters(data);
  manifest = parseRasterManifest(readFileSync(join(data, 'rasters.json'), 'utf8')).rasters;
  planted = (JSON.parse(readFileSync(join(data, PLANTED_FILE), 'utf8')) as { changes: PlantedChange[] }).changes;
  patches = (JSON.parse(readFileSync(join(data, 'monitoring-patches.geojson'), 'utf8')) as FeatureCollection<Polygon, Record<string, unknown>>).features;
  stands = (JSON.parse(readFileSync(join(data, 'stands.geojson'), 'utf8')) as FeatureCollection<Polygon, StandProperties>).features;
}, 600_000);

const landCover = async (year: number) => {
  const e = manifest.find((r) => r.kind === 'categorical' && r.year === year)!;
  return openGeoTiff(readFileSync(join(data, e.file)), e.file);
};

describe('sample rasters: files and manifest', () => {
  it('rasters.json lists land cover 2020 and 2025 and imagery 2025, all marked sample data, in EPSG:4547 at 10/20 m', () => {
    expect(manifest.map((r) => `${r.kind}:${r.year}`)).toEqual(['categorical:2020', 'categorical:2025', 'imagery:2025']);
    for (const r of manifest) {
      expect(r.sample_data).toBe(true);
      expect(r.crs).toBe('EPSG:4547');
      expect(r.audience).toBe('internal');
      expect(r.source.made_by).toMatch(/模拟数据/);
    }
    expect(manifest[0].geotransform[1]).toBe(10);
    expect(manifest[2].geotransform[1]).toBe(20);
    expect(manifest[0].classes).toEqual(LAND_COVER_CLASSES);
  });

  it('each is a valid Cloud-Optimised GeoTIFF (GDAL validator, full check)', () => {
    for (const r of manifest) expect(execFileSync('/usr/bin/python3', [VALIDATOR, '--full-check=yes', join(data, r.file)], { encoding: 'utf8' }), r.file).toContain('is a valid cloud optimized GeoTIFF');
  }, 120_000);
});

describe('sample land cover agrees with the sample layers', () => {
  it('the county: its pixels add up to its ellipsoidal area; nothing is nodata inside', async () => {
    const county = (JSON.parse(readFileSync(join(data, 'county.geojson'), 'utf8')) as FeatureCollection).features[0];
    const [s] = await zonalFromReader(await landCover(2025), [county.geometry], 'categorical') as CategoricalZoneStats[];
    const area = s.classes.reduce((a, c) => a + c.area_m2, 0);
    expect(Math.abs(area / geodesicArea(county.geometry) - 1)).toBeLessThan(1e-4); // pixelisation of a 3,213 km² outline
    expect(s.nodata_pixels).toBe(0);
    expect(s.classes.map((c) => c.value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  }, 120_000);

  it('stands: 乔木林地 is forest, 竹林地 bamboo, shrub land shrub (2025, ≥ 97 % of their pixels over 300 stands)', async () => {
    const reader = await landCover(2025);
    const pick = stands.filter((f, i) => i % 80 === 0 && !f.properties.upgrade_type && !f.properties.carbon_afforestation);
    const stats = await zonalFromReader(reader, pick.map((f) => f.geometry), 'categorical') as CategoricalZoneStats[];
    const want = (p: StandProperties) => (p.land_class === '乔木林地' ? 1 : p.land_class === '竹林地' ? 2 : 3);
    let match = 0, all = 0;
    stats.forEach((s, i) => {
      for (const c of s.classes) { all += c.pixels; if (c.value === want(pick[i].properties)) match += c.pixels; }
    });
    expect(pick.length).toBeGreaterThan(300);
    expect(match / all).toBeGreaterThan(0.97);
  }, 120_000);
});

describe('planted changes come out as 监测图斑', () => {
  const CAUSE_TO_EXPLANATION: Record<string, string> = { upgrade: 'upgrade', project: 'project', afforestation: 'afforestation', mine_restoration: 'mine_restoration' };

  it('every planted change ≥ 1 亩 is in exactly one patch of its kind; no patch without a planted change; the 0.5 亩 clearing is not a patch', async () => {
    const grid = (await landCover(2020)).info.grid;
    const toLonLat = gridToLonLat(grid);
    const boxes = patches.map((p) => turf.bbox(p));
    const holder = (pl: PlantedChange) => {
      const [lon, lat] = toLonLat(...pixelToWorld(grid, pl.pixel[0] + 0.5, pl.pixel[1] + 0.5));
      return patches.filter((p, i) => lon >= boxes[i][0] && lon <= boxes[i][2] && lat >= boxes[i][1] && lat <= boxes[i][3] && turf.booleanPointInPolygon([lon, lat], p));
    };
    const byPatch = new Map<string, PlantedChange[]>();
    const smallInPatch: string[] = [];
    for (const pl of planted) {
      const hits = holder(pl);
      if (pl.below_mmu) {
        // below 1 亩 it is no patch of its own (it may touch a bigger planted change and be part of that one)
        if (hits.length) smallInPatch.push(String(hits[0].properties.id));
        continue;
      }
      expect(hits, `${pl.cause} ${pl.ref}`).toHaveLength(1);
      expect(hits[0].properties.kind).toBe(pl.kind);
      const id = String(hits[0].properties.id);
      byPatch.set(id, [...(byPatch.get(id) ?? []), pl]);
    }
    expect(planted.some((p) => p.below_mmu && p.ref.startsWith('clearing'))).toBe(true);
    for (const id of smallInPatch) expect(byPatch.has(id), `${id} holds only changes below 1 亩`).toBe(true);
    expect(byPatch.size).toBe(patches.length); // classification noise made no patch of its own
    for (const p of patches) {
      const items = byPatch.get(String(p.properties.id))!;
      // area: the planted pixels, give or take a few noise pixels at the edge
      const plantedM2 = items.reduce((a, x) => a + x.area_m2, 0);
      expect(Math.abs(Number(p.properties.area_m2) - plantedM2), String(p.properties.id)).toBeLessThanOrEqual(Math.max(400, 0.01 * plantedM2));
      // explanation: the cause of most of the planted area
      const causes = new Map<string, number>();
      for (const x of items) causes.set(x.cause, (causes.get(x.cause) ?? 0) + x.area_m2);
      const main = [...causes].sort((a, b) => b[1] - a[1])[0][0];
      if (main === 'unexplained') {
        expect(p.properties.explained, `${p.properties.id} should not be explained`).toBe(false);
      } else {
        expect(p.properties.explained, `${p.properties.id}`).toBe(true);
        expect(p.properties.explanation_kind).toBe(CAUSE_TO_EXPLANATION[main]);
      }
      expect(p.properties.status).toBe('待核查');
    }
    const count = (kind: string, explained: boolean) => patches.filter((p) => p.properties.kind === kind && p.properties.explained === explained).length;
    expect(count('loss', false)).toBe(7); // six clearings and the pad of the planned wind farm
    expect(count('gain', false)).toBe(1);
    expect(count('gain', true)).toBeGreaterThanOrEqual(8); // four restored mines and the 碳汇造林 plots
  }, 120_000);

  it('area in 亩 equals the polygon measured on the ellipsoid; township and stands are those of the planted stand', () => {
    const standById = new Map(stands.map((s) => [s.properties.id, s]));
    for (const p of patches) {
      expect(Math.abs(Number(p.properties.area_mu) / (geodesicArea(p.geometry) / M2_PER_MU) - 1)).toBeLessThan(2e-3);
    }
    let checked = 0;
    for (const pl of planted.filter((x) => x.cause === 'upgrade' || x.cause === 'afforestation')) {
      const stand = standById.get(pl.ref)!;
      const patch = patches.find((p) => String(p.properties.stand_ids).split(',').includes(pl.ref) && String(p.properties.explanation_ids).split(',').includes(pl.ref));
      expect(patch, pl.ref).toBeTruthy();
      if (String(patch!.properties.stand_ids).split(',').length === 1) {
        expect(patch!.properties.township_code).toBe(stand.properties.township_code);
        // carbon at stake: the stand's stock per 亩 (src/core/carbon) × the patch's area
        const c = standCarbon({ ...stand.properties, area_m2: geodesicArea(stand.geometry) }, DEFAULT_FACTORS, { method: 'ipcc_bef', year: 2025 });
        const perMu = c.carbon_stock_tC / (geodesicArea(stand.geometry) / M2_PER_MU);
        expect(Number(patch!.properties.carbon_stock_tC)).toBeCloseTo(perMu * Number(patch!.properties.area_mu), 0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('the raster stage is deterministic', () => {
  it('regenerated from the same layers in another folder: the same bytes', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'xg-sample-rasters-'));
    try {
      for (const f of ['county.geojson', 'township-labels.geojson', 'townships.geojson', 'stands.geojson', 'mines.geojson', 'pv.geojson', 'wind-farms.geojson', 'wind-turbines.geojson', 'water.geojson', 'rivers.geojson']) copyFileSync(join(data, f), join(tmp, f));
      mkdirSync(join(tmp, 'rasters'));
      generateSampleRasters(tmp);
      const sha = (dir: string, f: string) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
      for (const f of ['rasters/landcover-2020.tif', 'rasters/landcover-2025.tif', 'rasters/imagery-2025.tif', 'rasters.json', PLANTED_FILE, 'monitoring-patches.geojson']) {
        expect(sha(tmp, f), f).toBe(sha(data, f));
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 600_000);
});
