// The 监测图斑 list's core: statuses joined from the server (the agreed {patches: […]} contract and the field server's
// FeatureCollection), the filters against a count made here by hand, the dashboard's confirmed loss, and the
// 森林督查 exports read back by GDAL (ogr2ogr, an independent reader): one row per patch, the fields, the GK
// coordinates (against gdaltransform) and the polygons (back to lon/lat, within a millimetre).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duchaFields, patchesToCsv, patchesToShapefileZip } from '../../src/core/monitoring/patch-export.ts';
import { filterPatches, forestLoss, NO_FILTER, parsePatches, parseStatusList, totalOf, withStatuses, type PatchFeature } from '../../src/core/monitoring/patches.ts';
import { LAND_COVER_CLASSES } from '../../src/core/raster/classes.ts';
import { parseCsv } from '../../src/core/io/csv.ts';
import { ensureSampleData } from '../../scripts/sample-data/ensure.ts';
import { ensureSampleRasters } from '../../scripts/sample-data/rasters.ts';

const root = resolve(__dirname, '../..');
let features: PatchFeature[];
let dir: string;
beforeAll(async () => {
  await ensureSampleData(root);
  ensureSampleRasters(join(root, 'data'));
  features = parsePatches(readFileSync(join(root, 'data/monitoring-patches.geojson'), 'utf8'), 'monitoring-patches.geojson');
  dir = mkdtempSync(join(tmpdir(), 'xg-patches-'));
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('statuses', () => {
  it('a patch the server does not list is 待核查; the contract and the FeatureCollection form both read', () => {
    const [a, b] = features;
    const contract = parseStatusList({ patches: [{ id: a.properties.id, status: '已核查·属实', updated_at: '2026-12-01T08:00:00Z', updated_by: 'li', report_id: 'r1' }] });
    const fc = parseStatusList({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: a.properties.id, status: '已核查·属实', status_at: '2026-12-01T08:00:00Z', status_by: 'li', status_report: 'r1' } }] });
    expect(fc).toEqual(contract);
    // the field server's ASCII keys read as the same statuses
    const ascii = parseStatusList({ patches: [{ id: a.properties.id, status: 'verified_true', updated_at: '2026-12-01T08:00:00Z', updated_by: 'li', report_id: 'r1' }] });
    expect(ascii).toEqual(contract);
    expect([...parseStatusList({ patches: ['pending', 'verified_false', 'legal'].map((status, i) => ({ id: `p${i}`, status })) }).values()].map((r) => r.status)).toEqual(['待核查', '已核查·不属实', '合法']);
    const rows = withStatuses(features, contract);
    expect(rows[0].check).toEqual({ id: a.properties.id, status: '已核查·属实', updated_at: '2026-12-01T08:00:00Z', updated_by: 'li', report_id: 'r1' });
    expect(rows[1].check.status).toBe('待核查');
    expect(rows[1].feature).toBe(b);
    expect(withStatuses(features, null).every((r) => r.check.status === '待核查')).toBe(true);
  });
  it('refuses an unknown status and a body of the wrong shape, naming them', () => {
    expect(() => parseStatusList({ patches: [{ id: 'x', status: 'ok' }] })).toThrow('图斑 x has an unknown status "ok"');
    expect(() => parseStatusList([])).toThrow('expected {"patches"');
    expect(() => parsePatches('{"type":"FeatureCollection","features":[{"properties":{"id":"a"}}]}', 'p.geojson')).toThrow('p.geojson: feature 1 is not a 监测图斑');
  });
});

describe('filters and totals', () => {
  it('the sample: 210 patches, 200 loss, 10 gain, 8 not explained', () => {
    const rows = withStatuses(features, null);
    expect(rows).toHaveLength(210);
    expect(filterPatches(rows, { ...NO_FILTER, kind: 'loss' })).toHaveLength(200);
    expect(filterPatches(rows, { ...NO_FILTER, kind: 'gain' })).toHaveLength(10);
    expect(filterPatches(rows, { ...NO_FILTER, explained: 'no' })).toHaveLength(8);
  });
  it('every combination of filters keeps exactly the patches a plain loop keeps', () => {
    const statuses = new Map(features.filter((_, i) => i % 3 === 0).map((f, i) => [f.properties.id, { id: f.properties.id, status: (['已核查·属实', '已核查·不属实', '合法'] as const)[i % 3], updated_at: null, updated_by: null, report_id: null }]));
    const rows = withStatuses(features, statuses);
    const town = features[5].properties.township_code!;
    for (const status of ['all', '待核查', '已核查·属实'] as const) {
      for (const kind of ['all', 'loss', 'gain'] as const) {
        for (const explained of ['all', 'yes', 'no'] as const) {
          for (const [minMu, maxMu] of [[null, null], [5, null], [null, 20], [3, 50]] as [number | null, number | null][]) {
            for (const township of ['all', town]) {
              const got = filterPatches(rows, { status, kind, explained, minMu, maxMu, township }).map((r) => r.feature.properties.id).sort();
              const want: string[] = [];
              for (const f of features) {
                const p = f.properties;
                const s = statuses.get(p.id)?.status ?? '待核查';
                if (status !== 'all' && s !== status) continue;
                if (kind !== 'all' && p.kind !== kind) continue;
                if (explained === 'yes' && !p.explained) continue;
                if (explained === 'no' && p.explained) continue;
                if (minMu !== null && p.area_mu < minMu) continue;
                if (maxMu !== null && p.area_mu > maxMu) continue;
                if (township !== 'all' && p.township_code !== township) continue;
                want.push(p.id);
              }
              expect(got).toEqual(want.sort());
            }
          }
        }
      }
    }
  });
  it('confirmed forest loss counts only loss patches checked 属实, in the township asked', () => {
    const loss = features.filter((f) => f.properties.kind === 'loss');
    const gain = features.find((f) => f.properties.kind === 'gain')!;
    const ids = [loss[0], loss[1], loss[2], gain].map((f) => f.properties.id);
    const statuses = parseStatusList({ patches: [...ids.map((id) => ({ id, status: '已核查·属实' })), { id: loss[3].properties.id, status: '合法' }] });
    const rows = withStatuses(features, statuses);
    const county = forestLoss(rows, null);
    expect(county.confirmed.count).toBe(3);
    expect(county.confirmed.area_mu).toBeCloseTo(loss[0].properties.area_mu + loss[1].properties.area_mu + loss[2].properties.area_mu, 9);
    expect(county.confirmed.carbon_stock_tCO2e).toBeCloseTo(loss.slice(0, 3).reduce((s, f) => s + f.properties.carbon_stock_tCO2e, 0), 9);
    expect(county.pending.count).toBe(200 - 4);
    const town = loss[0].properties.township_code!;
    expect(forestLoss(rows, town).confirmed.count).toBe(loss.slice(0, 3).filter((f) => f.properties.township_code === town).length);
    expect(totalOf([]).count).toBe(0);
  });
});

describe('森林督查 exports', () => {
  it('CSV: one row per patch, in the list order, with the Chinese headers and the figures of the GeoJSON', () => {
    const rows = filterPatches(withStatuses(features, parseStatusList({ patches: [{ id: features[0].properties.id, status: '已核查·属实', updated_by: 'li', updated_at: '2026-12-01T08:00:00Z', report_id: 'r9' }] })), NO_FILTER);
    const text = patchesToCsv(rows, LAND_COVER_CLASSES);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...body] = parseCsv('patches.csv', text.slice(1), ',', 10_000).map((r) => r.cells);
    expect(header).toEqual(duchaFields(LAND_COVER_CLASSES).map((f) => f.zh));
    const table = body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    expect(table).toHaveLength(210);
    const byId = new Map(features.map((f) => [f.properties.id, f.properties]));
    for (const [i, r] of table.entries()) {
      const p = byId.get(r['图斑编号'])!;
      expect(r['图斑编号']).toBe(rows[i].feature.properties.id);
      expect(Math.abs(Number(r['面积(亩)']) - p.area_mu)).toBeLessThanOrEqual(0.005 + 1e-12);
      expect(Math.abs(Number(r['面积(公顷)']) - p.area_m2 / 10000)).toBeLessThanOrEqual(0.00005 + 1e-12);
      expect(r['乡镇']).toBe(p.township_name);
      expect(r['前期地类']).toBe(LAND_COVER_CLASSES.find((c) => c.key === p.from_class)!.name.zh);
      expect(r['变化原因']).toBe(p.explanation_name ?? '无依据');
      expect(r['林班']).toBe(p.stand_ids ? p.stand_ids.split(',')[0].split('-')[1] : '');
    }
    const first = table.find((r) => r['图斑编号'] === features[0].properties.id)!;
    expect([first['核查状态'], first['核查结论'], first['核查人'], first['核查报告编号']]).toEqual(['已核查·属实', '属实', 'li', 'r9']);
  });

  it('SHP: GDAL reads the zip — EPSG:4526, GBK attributes, HZB/ZZB as gdaltransform puts the centre, polygons back to lon/lat', () => {
    const rows = filterPatches(withStatuses(features, null), { ...NO_FILTER, kind: 'loss', minMu: 10 });
    expect(rows.length).toBeGreaterThan(20);
    const files = unzipSync(patchesToShapefileZip(rows, LAND_COVER_CLASSES));
    expect(Object.keys(files).sort()).toEqual(['cpg', 'dbf', 'prj', 'shp', 'shx'].map((e) => `monitoring_patches.${e}`));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const shp = join(dir, 'monitoring_patches.shp');
    const info = execFileSync('ogrinfo', ['-so', '-al', shp], { encoding: 'utf8' });
    expect(info).toMatch(/Gauss[-_ ]Kruger zone 38|GK_Zone_38|zone 38/i);
    const gk = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', shp], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    const ll = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '/vsistdout/', shp], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    expect(gk.features).toHaveLength(rows.length);
    // the centres through GDAL's own projection
    const centres = rows.map((r) => `${r.feature.properties.centre_lon} ${r.feature.properties.centre_lat}`).join('\n');
    const projected = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4490', '-t_srs', 'EPSG:4526', '-output_xy'], { input: centres, encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
    rows.forEach((r, i) => {
      const p = gk.features[i].properties;
      expect(p.TBBH).toBe(r.feature.properties.id);
      expect(p.XIANG).toBe(r.feature.properties.township_name);
      expect(p.XIAN).toBe('兴国县');
      expect(p.MJ_MU).toBeCloseTo(r.feature.properties.area_mu, 2);
      expect(p.HCZT).toBe('待核查');
      expect(p.HZB).toBeGreaterThan(38_000_000);
      expect(Math.abs(p.HZB - projected[i][0])).toBeLessThan(0.01);
      expect(Math.abs(p.ZZB - projected[i][1])).toBeLessThan(0.01);
      // the outer ring's vertices come back to the GeoJSON's within ~1 mm (1e-8°)
      const want = r.feature.geometry.type === 'Polygon' ? r.feature.geometry.coordinates[0] : r.feature.geometry.coordinates[0][0];
      const g = ll.features[i].geometry;
      const got: number[][] = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
      expect(got).toHaveLength(want.length);
      const set = new Set(want.map(([x, y]) => `${x.toFixed(7)},${y.toFixed(7)}`));
      for (const [x, y] of got) expect(set.has(`${x.toFixed(7)},${y.toFixed(7)}`)).toBe(true);
    });
  });
});
