// Browser tests of the planner on the built app: draw a polygon with the mouse and read its area; the analysis
// figures against an independent Node computation (turf intersect over every stand, measure.ts areas); a reload keeps
// the sites (IndexedDB); every import fixture and broken files through the dialog; export → import keeps geometry and
// area; a self-intersecting polygon is refused; a share link restores the sites.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { importFile } from '../../src/core/io/registry.ts';
import type { StandLike } from '../../src/core/plan/layers.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { referenceSiteOverlap } from '../fixtures/site-reference.ts';
import { writeFixtures } from '../fixtures/write-fixtures.ts';
import { assert, type BrowserTest, openPage, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';

type DrawWindow = Window & { __map?: import('maplibre-gl').Map; __draw?: { getSnapshot: () => Feature[] } };

const siteCount = (page: Page) => page.getByTestId('planner-site').count();

/** Independent figures: every stand scanned (turf bbox + intersect), areas by measure.ts, carbon pro rata. */
function independentAnalysis(site: Polygon): { mu: number; co2: number } {
  const fc = JSON.parse(readFileSync(path.join(ROOT, 'data/stands.geojson'), 'utf8')) as FeatureCollection<Polygon, StandLike>;
  return referenceSiteOverlap(site, fc.features);
}

/** Clicks the points then the first one again; `pauseMs` between clicks (a busier page needs longer to take each). */
export async function drawPolygon(page: Page, points: [number, number][], pauseMs = 120): Promise<void> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  for (const [x, y] of points) {
    await page.mouse.move(box.x + x, box.y + y, { steps: 3 });
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForTimeout(pauseMs);
  }
  // Close the ring by clicking the first vertex again.
  await page.mouse.move(box.x + points[0][0], box.y + points[0][1], { steps: 3 });
  await page.mouse.click(box.x + points[0][0], box.y + points[0][1]);
}

export function plannerTests(browser: Browser, appUrl: string): BrowserTest[] {
  let rec: RecordedPage;
  let drawn: Polygon;
  const dir = mkdtempSync(path.join(tmpdir(), 'planner-'));
  const url = `${appUrl}?planner`;

  const open = async () => {
    await rec.page.goto(url);
    await rec.page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
    await waitForValue(rec.page, () => { const m = (window as DrawWindow).__map; return !!m && m.loaded() && !!(window as DrawWindow).__draw; }, 60_000, 'map and Terra Draw');
  };

  return [
    {
      name: 'draw a polygon with the mouse; the live area equals geodesicArea of the drawn coordinates',
      async run() {
        rec = await openPage(browser, { width: 1100, height: 700 });
        await open();
        // Centre on a stand in the middle of the data so the site takes forest land.
        const stands = JSON.parse(readFileSync(path.join(ROOT, 'data/stands.geojson'), 'utf8')) as FeatureCollection<Polygon>;
        const [x0, y0, x1, y1] = bbox(stands.features[Math.floor(stands.features.length * 0.4)]);
        await rec.page.evaluate((c) => (window as DrawWindow).__map!.jumpTo({ center: c, zoom: 13.5 }), [(x0 + x1) / 2, (y0 + y1) / 2] as [number, number]);
        await rec.page.getByTestId('draw-polygon').click();
        await drawPolygon(rec.page, [[80, 200], [300, 190], [320, 360], [110, 380]]);
        await waitForValue(rec.page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 1, 10_000, 'one site in the workspace');
        const feature = await rec.page.evaluate(() => (window as DrawWindow).__draw!.getSnapshot().find((f) => f.geometry.type === 'Polygon' && !f.properties?.currentlyDrawing)!);
        drawn = feature.geometry as Polygon;
        assert(drawn.coordinates[0].length === 5, `expected 4 vertices + closing, got ${drawn.coordinates[0].length}`);
        const shown = Number(await rec.page.getByTestId('planner-measure').getAttribute('data-area-m2'));
        const expected = geodesicArea(drawn);
        assert(expected > 100_000, `drawn polygon too small: ${expected} m²`);
        assert(Math.abs(shown - expected) < 1e-6 * expected, `area shown ${shown} m² vs geodesicArea ${expected} m²`);
        const text = await rec.page.getByTestId('planner-area').textContent();
        assert(text?.includes('亩') && text.includes((expected / (10000 / 15)).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })), `area text in 亩: ${text}`);
        await rec.page.getByTestId('planner-unit').selectOption('ha');
        assert((await rec.page.getByTestId('planner-area').textContent())?.includes('公顷'), 'unit switches to 公顷');
        await rec.page.screenshot({ path: screenshotPath('planner-drawn') });
      },
    },
    {
      name: 'site analysis figures match a full turf scan of every stand in Node',
      async run() {
        const { page } = rec;
        await page.getByTestId('planner-analysis').waitFor({ timeout: 60_000 });
        const mu = Number(await page.getByTestId('planner-analysis').getAttribute('data-stands-mu'));
        const co2 = Number(await page.getByTestId('planner-analysis').getAttribute('data-carbon-tco2e'));
        const ref = independentAnalysis(drawn);
        assert(ref.mu > 1, `the drawn site should cover stands (independent: ${ref.mu} mu)`);
        assert(Math.abs(mu - ref.mu) < 1e-4 * ref.mu + 0.01, `stands mu ${mu} vs independent ${ref.mu}`);
        assert(Math.abs(co2 - ref.co2) < 1e-4 * ref.co2 + 0.01, `carbon ${co2} vs independent ${ref.co2}`);
        assert((await page.getByTestId('analysis-species').locator('tbody tr').count()) > 0, 'species table has rows');
      },
    },
    {
      name: 'a self-intersecting polygon is refused with a message',
      async run() {
        const { page } = rec;
        await page.getByTestId('draw-polygon').click();
        // Right of the first site and above the year control (with the 外业 and 监测图斑 switches the header takes two
        // rows at 1100 px, and the old spot lay under the year control).
        await drawPolygon(page, [[360, 400], [480, 520], [480, 400], [360, 520]]);
        await page.keyboard.press('Escape');
        const msg = await page.getByTestId('planner-message').textContent({ timeout: 5000 }).catch(() => '');
        assert(msg?.includes('自相交'), `expected a self-intersection message, got "${msg}"`);
        assert((await siteCount(page)) === 1, 'no site was added');
      },
    },
    {
      name: 'a reload keeps the sites (IndexedDB)',
      async run() {
        const { page } = rec;
        await page.getByTestId('site-name').first().fill('光伏候选A');
        await page.getByTestId('site-type').first().selectOption('光伏');
        await page.waitForTimeout(300);
        await page.reload();
        await open();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 1, 20_000, 'site restored');
        assert((await page.getByTestId('site-name').first().inputValue()) === '光伏候选A', 'name kept');
        assert((await page.getByTestId('site-type').first().inputValue()) === '光伏', 'type kept');
        assert((await page.getByTestId('planner-persistence').textContent())?.includes('已保存'), 'store is persistent');
      },
    },
    {
      name: 'import every fixture format and broken files through the dialog',
      async run() {
        const { page } = rec;
        const files = writeFixtures(dir);
        const broken = {
          zip: path.join(dir, '坏的.zip'), json: path.join(dir, 'broken.geojson'), ext: path.join(dir, 'notes.docx'), kml: path.join(dir, 'bad.kml'),
        };
        writeFileSync(broken.zip, 'PK not a zip');
        writeFileSync(broken.json, '{"type":"FeatureCollection","features":[');
        writeFileSync(broken.ext, 'hello');
        writeFileSync(broken.kml, '<kml><Document><Placemark><Polygon><coordinates>1,2 3</coordinates></Polygon>');
        await page.getByTestId('open-import').click();
        for (const [key, file] of Object.entries(files)) {
          if (key === 'looseShp') continue; // loose .shp needs its siblings; the dialog takes the zipped form
          await page.getByTestId('import-input').setInputFiles(file);
          const report = page.locator(`[data-testid="import-report"][data-file="${path.basename(file)}"]`);
          await report.waitFor({ timeout: 30_000 });
          assert((await report.getAttribute('data-ok')) === 'true', `${key}: ${await report.textContent()}`);
          assert(Number(await report.getAttribute('data-features')) > 0, `${key}: features read`);
          assert((await report.getByTestId('import-crs').textContent())?.length, `${key}: CRS shown`);
        }
        for (const file of Object.values(broken)) {
          await page.getByTestId('import-input').setInputFiles(file);
          const report = page.locator(`[data-testid="import-report"][data-file="${path.basename(file)}"]`);
          await report.waitFor({ timeout: 30_000 });
          const text = (await report.textContent()) ?? '';
          const bad = (await report.getAttribute('data-ok')) === 'false' || Number(await report.getAttribute('data-rejected')) > 0;
          assert(bad, `${path.basename(file)} should fail or reject: ${text}`);
          if ((await report.getAttribute('data-ok')) === 'false') assert(text.includes(path.basename(file)), `message names the file: ${text}`);
        }
        // Add the shapefile's features.
        await page.getByTestId('import-input').setInputFiles(files.shapefileZip);
        await page.locator(`[data-testid="import-report"][data-file="兴国小班.zip"]`).waitFor();
        const before = await siteCount(page);
        await page.getByTestId('import-add').click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-site"]').length > n, before, { timeout: 10_000 });
      },
    },
    {
      name: 'export GeoJSON, KML and Shapefile, import them again: geometry and area kept',
      async run() {
        const { page } = rec;
        await page.getByTestId('site-select').first().click();
        await page.getByTestId('export-scope-selected').check();
        for (const [button, ext] of [['export-geojson', 'geojson'], ['export-kml', 'kml'], ['export-shp', 'zip']] as const) {
          const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
          const file = path.join(dir, `export-${ext}.${ext}`);
          await download.saveAs(file);
          const back = importFile(path.basename(file), readFileSync(file));
          assert(back.features.length === 1, `${ext}: one feature back, got ${back.features.length}`);
          const g = back.features[0].geometry as Geometry;
          assert(Math.abs(geodesicArea(g) - geodesicArea(drawn)) < 1e-7 * geodesicArea(drawn), `${ext}: area ${geodesicArea(g)} vs ${geodesicArea(drawn)}`);
          // And through the dialog: the re-imported site shows the same area.
          await page.getByTestId('open-import').click();
          await page.getByTestId('import-input').setInputFiles(file);
          await page.locator(`[data-testid="import-report"][data-file="${path.basename(file)}"]`).waitFor();
          await page.getByTestId('import-add').click();
          const shown = Number(await page.getByTestId('planner-measure').getAttribute('data-area-m2'));
          assert(Math.abs(shown - geodesicArea(drawn)) < 1e-7 * geodesicArea(drawn), `${ext}: re-imported area ${shown}`);
          await page.getByTestId('site-select').first().click();
        }
        const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
        const csvText = readFileSync(await csv.path(), 'utf8');
        assert(csvText.includes('光伏候选A') && csvText.includes('tCO2e'), 'CSV has the site and the analysis columns');
        const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
        const pngBytes = readFileSync(await png.path());
        assert(pngBytes.length > 1000 && pngBytes[1] === 0x50, `PNG written (${pngBytes.length} bytes)`);
      },
    },
    {
      name: 'a share link restores the view and the site in a fresh browser',
      async run() {
        const { page } = rec;
        await page.getByTestId('export-share').click();
        const link = await page.getByTestId('share-url').inputValue();
        assert(link.includes('#share='), `share link: ${link.slice(0, 80)}`);
        const other = await openPage(browser, { width: 1100, height: 700 });
        await other.page.goto(link);
        await other.page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(other.page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 1, 30_000, 'shared site');
        const shown = Number(await other.page.getByTestId('planner-measure').getAttribute('data-area-m2'));
        assert(Math.abs(shown - geodesicArea(drawn)) < 1e-5 * geodesicArea(drawn), `shared site area ${shown} vs ${geodesicArea(drawn)}`);
        await other.page.context().close();
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await rec.page.context().close();
      },
    },
  ];
}
