// Issue 25, items 5 and 6, in the built app through the real server: a site's land-cover table equals the zonal CLI's
// (`npm run zonal -- --json`, the same raster file read by Node) pixel for pixel, read in the planner's worker by HTTP
// Range (206 answers); the sites CSV carries the same areas; the dashboard's county land cover equals the CLI over
// county.geojson; the 监测图斑 list filters as a count over the GeoJSON says, and its CSV and SHP exports (read back
// here, the SHP by GDAL's ogr2ogr) hold exactly the filtered patches with their areas.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { parseCsv } from '../../src/core/io/csv.ts';
import type { PatchFeature } from '../../src/core/monitoring/patches.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { assert, type BrowserTest, openPage, type RecordedPage, waitForValue } from './harness.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

type CliZone = { index: number; classes: Record<string, { pixels: number; area_mu: number }>; nodata_pixels: number };

function zonalCli(raster: string, zones: string): CliZone[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/zonal.ts'), '--raster', raster, '--zones', zones, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`zonal CLI failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { zones: CliZone[] }).zones;
}

/** The CLI's class counts summed over zones (a county of several features). */
function sumZones(zones: CliZone[]): Map<number, { pixels: number; area_mu: number }> {
  const out = new Map<number, { pixels: number; area_mu: number }>();
  for (const z of zones) for (const [v, c] of Object.entries(z.classes)) {
    const e = out.get(Number(v)) ?? { pixels: 0, area_mu: 0 };
    out.set(Number(v), { pixels: e.pixels + c.pixels, area_mu: e.area_mu + c.area_mu });
  }
  return out;
}

/** The rows of a land-cover table in the page: class value → pixels and 亩. */
async function tableRows(page: Page, scope: string): Promise<Map<number, { pixels: number; area_mu: number }>> {
  const rows = await page.locator(`${scope} [data-testid="zonal-landcover"] tr[data-class]`).evaluateAll((trs) =>
    trs.map((tr) => [Number(tr.getAttribute('data-class')), Number(tr.getAttribute('data-pixels')), Number(tr.getAttribute('data-area-mu'))] as const));
  return new Map(rows.map(([v, pixels, area_mu]) => [v, { pixels, area_mu }]));
}

function sameCounts(what: string, page: Map<number, { pixels: number; area_mu: number }>, cli: Map<number, { pixels: number; area_mu: number }>) {
  assert(page.size > 0, `${what}: the table has rows`);
  assert(page.size === cli.size, `${what}: classes ${[...page.keys()]} vs the CLI's ${[...cli.keys()]}`);
  for (const [v, c] of cli) {
    const p = page.get(v);
    assert(p, `${what}: class ${v} missing from the table`);
    assert(p.pixels === c.pixels, `${what}: class ${v} pixels ${p.pixels} vs the CLI's ${c.pixels}`);
    // the CLI prints 亩 to 6 decimals per zone
    assert(Math.abs(p.area_mu - c.area_mu) <= 1e-6 * 5 + 1e-9 * c.area_mu, `${what}: class ${v} ${p.area_mu} 亩 vs the CLI's ${c.area_mu}`);
  }
}

export function patchesTests(browser: Browser, appUrl: string): BrowserTest[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'patches-'));
  const patches = (JSON.parse(readFileSync(path.join(ROOT, 'data/monitoring-patches.geojson'), 'utf8')) as { features: PatchFeature[] }).features;
  let rec: RecordedPage;

  return [
    {
      name: "a site's land-cover table equals the zonal CLI's, read by HTTP Range; the sites CSV carries the same areas",
      async run() {
        // A 1.5 km × 1 km site (~2,250 亩) around the first planted loss patch: forest, and whatever replaced it.
        const c = patches[0].properties;
        const dx = 0.75 / (111.32 * Math.cos((c.centre_lat * Math.PI) / 180));
        const dy = 0.5 / 110.57;
        const ring = [[c.centre_lon - dx, c.centre_lat - dy], [c.centre_lon + dx, c.centre_lat - dy], [c.centre_lon + dx, c.centre_lat + dy], [c.centre_lon - dx, c.centre_lat + dy], [c.centre_lon - dx, c.centre_lat - dy]];
        const siteFile = path.join(dir, 'landcover-site.geojson');
        writeFileSync(siteFile, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '地类测试地块' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
        const cli = sumZones(zonalCli('data/rasters/landcover-2025.tif', siteFile));

        rec = await openPage(browser, { width: 1200, height: 760 });
        const { page } = rec;
        const ranged: number[] = [];
        page.on('response', (r) => { if (r.url().includes('/data/rasters/landcover-2025.tif')) ranged.push(r.status()); });
        await page.goto(`${appUrl}?planner`);
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await page.getByTestId('open-import').click();
        await page.getByTestId('import-input').setInputFiles(siteFile);
        await page.locator('[data-testid="import-report"][data-file="landcover-site.geojson"]').waitFor({ timeout: 30_000 });
        await page.getByTestId('import-add').click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="planner-site"]').length === 1, undefined, { timeout: 10_000 });
        await page.getByTestId('site-name').first().focus();
        await page.locator('[data-testid="planner-analysis"] [data-testid="zonal-landcover"]').waitFor({ timeout: 90_000 });
        sameCounts('site', await tableRows(page, '[data-testid="planner-analysis"]'), cli);
        assert(ranged.length > 0 && ranged.every((s) => s === 206), `the COG was read by Range requests (statuses ${ranged})`);
        const caption = (await page.locator('[data-testid="planner-analysis"] [data-testid="zonal-landcover"] caption').textContent()) ?? '';
        assert(caption.includes('模拟数据'), `the caption says the raster is synthetic: ${caption}`);

        const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
        const [header, row] = parseCsv('sites.csv', readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, ''), ',', 100_000).map((r) => r.cells);
        assert(row[header.indexOf('地表覆盖栅格 landcover_raster')] === 'landcover-2025', `CSV names the raster: ${header}`);
        for (const [v, cl] of cli) {
          const key = ['', 'forest', 'bamboo', 'shrub', 'cropland', 'water', 'built', 'mine'][v];
          const col = header.findIndex((h) => h.endsWith(` lc_${key}_mu`));
          assert(col >= 0, `CSV has a column for class ${key}`);
          assert(Math.abs(Number(row[col]) - cl.area_mu) <= 0.005 + 1e-9, `CSV ${key}: ${row[col]} vs ${cl.area_mu}`);
        }
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
    {
      name: "the dashboard's county land cover equals the zonal CLI over county.geojson; its card shows the loss to check next to the sink",
      async run() {
        const cli = sumZones(zonalCli('data/rasters/landcover-2025.tif', 'data/county.geojson'));
        rec = await openPage(browser, { width: 1200, height: 760 });
        const { page } = rec;
        await page.goto(`${appUrl}?dashboard`);
        await page.locator('[data-testid="dashboard-zonal"] [data-testid="zonal-landcover"]').waitFor({ timeout: 120_000 });
        sameCounts('county', await tableRows(page, '[data-testid="dashboard-zonal"]'), cli);
        const loss = patches.filter((f) => f.properties.kind === 'loss');
        const pending = page.getByTestId('monitoring-pending');
        await pending.waitFor({ timeout: 30_000 });
        assert(Number(await pending.getAttribute('data-count')) === loss.length, `pending loss patches ${await pending.getAttribute('data-count')} vs ${loss.length}`);
        const mu = loss.reduce((s, f) => s + f.properties.area_mu, 0);
        assert(Math.abs(Number(await pending.getAttribute('data-mu')) - mu) < 1e-6, 'pending loss 亩');
        assert(Number(await page.getByTestId('monitoring-confirmed').getAttribute('data-count')) === 0, 'nothing confirmed while the server has no checks');
        assert(((await page.getByTestId('monitoring-sink').textContent()) ?? '').includes('tCO₂e'), 'the sink beside it');
        // a township chosen: its land cover (the township target of the raster worker, as in its popup) equals the CLI's
        const towns = JSON.parse(readFileSync(path.join(ROOT, 'data/townships.geojson'), 'utf8')) as { features: { properties: { code: string } }[] };
        const townIndex = towns.features.findIndex((f) => f.properties.code === patches[0].properties.township_code);
        const cliTowns = zonalCli('data/rasters/landcover-2025.tif', 'data/townships.geojson');
        await page.getByTestId('township-zoom').selectOption(patches[0].properties.township_code!);
        await page.locator(`[data-testid="dashboard-zonal"][data-scope="${patches[0].properties.township_code}"] [data-testid="zonal-landcover"]`).waitFor({ timeout: 60_000 });
        sameCounts('township', await tableRows(page, '[data-testid="dashboard-zonal"]'), sumZones([cliTowns[townIndex]]));
        const townLoss = loss.filter((f) => f.properties.township_code === patches[0].properties.township_code).length;
        await waitForValue(page, (n) => document.querySelector('[data-testid="monitoring-pending"]')?.getAttribute('data-count') === String(n), 30_000, 'township loss to check', townLoss);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
    {
      name: "a stand's popup shows its land cover, equal to the zonal CLI over that stand's polygon",
      async run() {
        rec = await openPage(browser, { width: 1100, height: 720 });
        const { page } = rec;
        await page.goto(appUrl);
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded(); }, 60_000, 'the map');
        await page.getByTestId('township-zoom').selectOption('360732100'); // 潋江镇
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.getZoom() > 10 && m.loaded(); }, 60_000, 'zoomed in');
        const target = await waitForValue(page, () => {
          const map = (window as MapWindow).__map!;
          if (!map.loaded()) return null;
          const canvas = map.getCanvas();
          const w = canvas.clientWidth, h = canvas.clientHeight;
          const interactive = ['carbon-pilots::fill', 'wetlands::fill', 'mines::fill', 'pv::fill', 'wind-farms::fill', 'wind-turbines::circle', 'substations::circle', 'stands::fill'];
          for (let y = Math.round(h * 0.3); y < h * 0.8; y += 17) {
            for (let x = Math.round(w * 0.2); x < w * 0.8; x += 17) {
              const hits = map.queryRenderedFeatures([x, y], { layers: interactive.filter((id) => map.getLayer(id)) });
              if (hits[0]?.layer.id === 'stands::fill') return { x, y, id: String(hits[0].properties.id) };
            }
          }
          return null;
        }, 30_000, 'a clickable stand');
        assert(target, 'found a stand');
        const box = (await page.getByTestId('map').boundingBox())!;
        await page.mouse.click(box.x + target.x, box.y + target.y);
        const popup = page.getByTestId('feature-popup');
        await popup.waitFor({ timeout: 10_000 });
        const id = await popup.locator('tr[data-field="id"] td').textContent();
        assert(id === target.id, `popup of ${target.id}`);
        await popup.getByTestId('popup-zonal-open').click();
        await popup.locator('[data-testid="popup-zonal"] [data-testid="zonal-landcover"]').waitFor({ timeout: 60_000 });
        const stands = JSON.parse(readFileSync(path.join(ROOT, 'data/stands.geojson'), 'utf8')) as { features: { properties: { id: string } }[] };
        const stand = stands.features.find((f) => f.properties.id === target.id);
        assert(stand, `stand ${target.id} in stands.geojson`);
        const file = path.join(dir, 'stand.geojson');
        writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [stand] }));
        sameCounts('stand', await tableRows(page, '[data-testid="popup-zonal"]'), sumZones(zonalCli('data/rasters/landcover-2025.tif', file)));
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
    {
      name: 'the 监测图斑 list filters as the GeoJSON says; its CSV and SHP exports hold exactly the filtered patches',
      async run() {
        rec = await openPage(browser, { width: 1300, height: 800 });
        const { page } = rec;
        await page.goto(`${appUrl}?patches`);
        const count = page.getByTestId('patches-count');
        await count.waitFor({ timeout: 60_000 });
        const source = await page.getByTestId('patches-panel').getAttribute('data-source');
        const expectCount = async (want: PatchFeature[], what: string) => {
          await waitForValue(page, (n) => document.querySelector('[data-testid="patches-count"]')?.getAttribute('data-count') === String(n), 10_000, `${what}: ${want.length} patches`, want.length);
          const mu = Number(await count.getAttribute('data-mu'));
          const wantMu = want.reduce((s, f) => s + f.properties.area_mu, 0);
          assert(Math.abs(mu - wantMu) < 1e-6, `${what}: ${mu} 亩 vs ${wantMu}`);
        };
        await expectCount(patches, 'no filter');
        assert((await page.getByTestId('patches-row').count()) === Math.min(200, patches.length), 'rows drawn');
        await page.getByTestId('patches-filter-kind').selectOption('gain');
        await expectCount(patches.filter((f) => f.properties.kind === 'gain'), 'gain');
        await page.getByTestId('patches-filter-kind').selectOption('all');
        await page.getByTestId('patches-filter-explained').selectOption('no');
        const unexplained = patches.filter((f) => !f.properties.explained);
        await expectCount(unexplained, 'not explained');
        const ids = await page.getByTestId('patches-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
        assert(JSON.stringify([...ids].sort()) === JSON.stringify(unexplained.map((f) => f.properties.id).sort()), `the rows are the unexplained patches: ${ids}`);
        await page.getByTestId('patches-filter-explained').selectOption('all');
        // township + loss + area between 5 and 40 亩: the filtered set the exports must hold
        const inRange = (f: PatchFeature) => f.properties.kind === 'loss' && f.properties.area_mu >= 5 && f.properties.area_mu <= 40;
        const byTown = new Map<string, number>();
        for (const f of patches) if (inRange(f)) byTown.set(f.properties.township_code!, (byTown.get(f.properties.township_code!) ?? 0) + 1);
        const town = [...byTown].sort((a, b) => b[1] - a[1])[0][0];
        await page.getByTestId('patches-filter-township').selectOption(town);
        await page.getByTestId('patches-filter-kind').selectOption('loss');
        await page.getByTestId('patches-filter-min').fill('5');
        await page.getByTestId('patches-filter-max').fill('40');
        const want = patches.filter((f) => f.properties.township_code === town && inRange(f));
        assert(want.length > 0, 'the combined filter keeps some patches');
        await expectCount(want, 'township, loss, 5–40 亩');
        await page.getByTestId('patches-filter-status').selectOption('已核查·属实');
        await expectCount(source === 'server' ? want.filter((f) => f.properties.status === '已核查·属实') : [], 'status 属实 (none checked yet)');
        await page.getByTestId('patches-filter-status').selectOption('待核查');
        await expectCount(want, 'status 待核查');
        const byId = new Map(patches.map((f) => [f.properties.id, f.properties]));
        const wantIds = want.map((f) => f.properties.id).sort();

        const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('patches-csv').click()]);
        const [header, ...rows] = parseCsv('patches.csv', readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, ''), ',', 100_000).map((r) => r.cells);
        const col = (name: string) => { const i = header.indexOf(name); assert(i >= 0, `CSV column ${name}`); return i; };
        assert(JSON.stringify(rows.map((r) => r[col('图斑编号')]).sort()) === JSON.stringify(wantIds), `CSV ids ${rows.map((r) => r[0])} vs ${wantIds}`);
        for (const r of rows) {
          const p = byId.get(r[col('图斑编号')])!;
          assert(Math.abs(Number(r[col('面积(亩)')]) - p.area_mu) <= 0.005 + 1e-9, `CSV 面积 of ${p.id}`);
          assert(r[col('乡镇')] === p.township_name && r[col('核查状态')] === '待核查' && r[col('县')] === '兴国县', `CSV row of ${p.id}: ${r}`);
        }

        const [shp] = await Promise.all([page.waitForEvent('download'), page.getByTestId('patches-shp').click()]);
        const files = unzipSync(readFileSync(await shp.path()));
        for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
        const fc = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4490', '/vsistdout/', path.join(dir, 'monitoring_patches.shp')], { encoding: 'utf8', maxBuffer: 1 << 26 })) as { features: { properties: Record<string, string | number> }[] };
        assert(JSON.stringify(fc.features.map((f) => String(f.properties.TBBH)).sort()) === JSON.stringify(wantIds), 'SHP ids (read by GDAL)');
        for (const f of fc.features) {
          const p = byId.get(String(f.properties.TBBH))!;
          assert(Math.abs(Number(f.properties.MJ_MU) - p.area_mu) <= 0.005 + 1e-9 && f.properties.XIANG === p.township_name, `SHP row of ${p.id}`);
        }
        // a row frames its patch on the map and shows the layer
        await page.getByTestId('patches-row').first().getByRole('button').click();
        await page.locator('[data-testid="patches-row"][aria-selected="true"]').waitFor();
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
  ];
}
