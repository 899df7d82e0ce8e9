// The app at 200k stands (data-stress/, `npm run data:stress`), built and served on its own: the stands render from the
// prebuilt tiles within the draw target, the main thread is never blocked long, the 130 MB stands.geojson is never
// downloaded, a click on a stand gives its popup and highlight, the dashboard fills with the generator's totals, and a
// site drawn in the planner is analysed from the binary stand files with the figures of a full scan.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import type { Browser } from 'playwright-core';
import { frameRates, LONGTASK_SCRIPT, longestTask, standsDrawnProbe } from '../../scripts/bench/map-probe.ts';
import type { StandLike } from '../../src/core/plan/layers.ts';
import { readStandColumns, STAND_COLUMNS_FILE } from '../../src/core/io/binary/stand-columns.ts';
import { referenceSiteOverlap } from '../fixtures/site-reference.ts';
import { assert, type BrowserTest, foreignRequests, openPage, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';
import { drawPolygon } from './planner.spec.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };
const num = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));

/**
 * Regression guards, not the targets (3 s, 200 ms): this machine is shared with other test runs (load 8–12), which
 * multiplies times several-fold. The naive GeoJSON page did not draw 200k stands within 4 minutes in the same conditions;
 * `npm run bench` measures the targets against it.
 */
const DRAWN_LIMIT_MS = 30_000;
const LONG_TASK_LIMIT_MS = 1500;

export function stressTests(browser: Browser, appUrl: string, dataDir: string): BrowserTest[] {
  let rec: RecordedPage;
  const summary = JSON.parse(readFileSync(path.join(dataDir, 'summary.json'), 'utf8')) as { stands: number; forest_land_mu: number; stock_m3: number };
  return [
    {
      name: `${summary.stands} stands render from tiles without blocking the main thread`,
      async run() {
        rec = await openPage(browser, { width: 960, height: 640 });
        await rec.page.context().addInitScript(LONGTASK_SCRIPT);
        await rec.page.goto(appUrl);
        const drawnMs = await waitForValue(rec.page, standsDrawnProbe, 60_000, 'rendered stands');
        const tasks = await longestTask(rec.page);
        const fps = await frameRates(rec.page, 10);
        console.log(`    ${summary.stands} stands drawn ${Math.round(drawnMs)} ms after navigation; longest task ${Math.round(tasks.longest_ms)} ms; pan ${fps.pan_fps.toFixed(1)} fps (960×640)`);
        assert(summary.stands >= 200_000, `stress data holds ${summary.stands} stands`);
        assert(drawnMs <= DRAWN_LIMIT_MS, `stands drawn after ${Math.round(drawnMs)} ms (limit ${DRAWN_LIMIT_MS})`);
        assert(tasks.longest_ms <= LONG_TASK_LIMIT_MS, `longest main-thread task ${Math.round(tasks.longest_ms)} ms (limit ${LONG_TASK_LIMIT_MS})`);
        const n = await rec.page.evaluate(() => (window as MapWindow).__map!.queryRenderedFeatures({ layers: ['stands::fill'] }).length);
        assert(n > 100, `expected many rendered stand features, got ${n}`);
        assert(rec.requests.some((u) => /\/data\/tiles\/stands\/\d+\/\d+\/\d+\.pbf$/.test(u)), 'stand tiles were requested');
        assert(!rec.requests.some((u) => u.endsWith('/stands.geojson')), 'the whole stands.geojson was not downloaded');
        // (textContent only when the box exists: on a missing element it would wait out its 30 s timeout.)
        if ((await rec.page.getByTestId('error-box').count()) > 0) assert(false, `data failed to load: ${await rec.page.getByTestId('error-box').textContent()}`);
        await rec.page.screenshot({ path: screenshotPath('stress-county') });
      },
    },
    {
      name: 'zoomed in, a click on a stand gives its popup and highlights it',
      async run() {
        const { page } = rec;
        // A stand away from project layers drawn above the stands, at its centre (columns file: vertex average).
        const cols = readStandColumns(readFileSync(path.join(dataDir, STAND_COLUMNS_FILE)));
        const get = (k: string, i: number) => cols.get(k, i);
        let i = Math.floor(cols.count * 0.37);
        while (get('carbon_afforestation', i) || get('oil_tea_work', i) !== null) i++;
        const id = String(get('id', i));
        await page.evaluate(([lon, lat]) => (window as MapWindow).__map!.jumpTo({ center: [lon, lat], zoom: 15 }), [cols.centres[2 * i], cols.centres[2 * i + 1]]);
        await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.loaded() && m.queryRenderedFeatures({ layers: ['stands::fill'] }).length > 0; }, 30_000, 'stands at zoom 15');
        const box = (await page.getByTestId('map').boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        const popup = page.getByTestId('feature-popup');
        await popup.waitFor({ timeout: 10_000 });
        assert((await popup.getAttribute('data-layer')) === 'stands', 'popup belongs to the stands layer');
        const shownId = await popup.locator('tr[data-field="id"] td').textContent();
        assert(shownId === id, `popup shows stand ${shownId}, clicked ${id}`);
        assert((await popup.locator('tr[data-field="species"] td').textContent()) === String(get('species', i)), 'popup species matches the data');
        const selected = await waitForValue(page, (sid) => (window as MapWindow).__map!.getFeatureState({ source: 'src:stands.geojson', sourceLayer: 'stands', id: sid }).selected === true, 5000, 'highlight', id);
        assert(selected, 'the clicked stand is highlighted (feature-state on the tiled source)');
        await page.screenshot({ path: screenshotPath('stress-popup') });
      },
    },
    {
      name: 'the dashboard fills from the worker with the generator’s totals',
      async run() {
        const { page } = rec;
        await page.getByTestId('dashboard-switch').click();
        await page.getByTestId('dashboard').waitFor({ timeout: 60_000 });
        const total = (key: string) => waitForValue(page, (k) => document.querySelector(`tr[data-total="${k}"] td`)?.textContent ?? null, 60_000, `total ${key}`, key);
        const forestLand = num(await total('forest_land_mu'));
        assert(Math.abs(forestLand - summary.forest_land_mu) <= 1, `forest land ${forestLand} vs generator ${summary.forest_land_mu}`);
        const stock = num(await total('stock_m3'));
        assert(Math.abs(stock - summary.stock_m3) <= 1, `stock ${stock} vs generator ${summary.stock_m3}`);
        // A record, not a timed assertion: the first county computation in the worker (stand pass with the Monte Carlo
        // cells, then 1,000 draws); the speed goal itself is measured by npm run bench:carbon.
        const timing = await page.evaluate(() => {
          const p = (window as unknown as { __progress?: { compute_ms: number; mc_ms: number; mc: { cells: number; draws: number } } }).__progress;
          return p && { compute_ms: Math.round(p.compute_ms), mc_ms: Math.round(p.mc_ms), cells: p.mc.cells, draws: p.mc.draws };
        });
        console.log(`    dashboard worker at 200k stands: ${JSON.stringify(timing)}`);
        const [cs, , clo, chi] = ((await total('carbon_stock_tCO2e')) ?? '').match(/\d[\d,]*(\.\d+)?/g)!.map((x) => Number(x.replace(/,/g, '')));
        assert(clo < cs && cs < chi, `the county stock ${cs} sits inside its 95 % interval ${clo}–${chi}`);
        await page.screenshot({ path: screenshotPath('stress-dashboard') });
        assert(foreignRequests(rec.requests, appUrl).length === 0, 'all requests same-origin');
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
        await rec.page.context().close();
      },
    },
    {
      name: 'a site drawn in the planner is analysed against the 200k stands from the binary files, equal to a full scan',
      async run() {
        const planner = await openPage(browser, { width: 1100, height: 700 });
        const { page } = planner;
        await page.goto(`${appUrl}?planner`);
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && !!(window as { __draw?: unknown }).__draw; }, 60_000, 'map and Terra Draw');
        const cols = readStandColumns(readFileSync(path.join(dataDir, STAND_COLUMNS_FILE)));
        const i = Math.floor(cols.count * 0.41);
        await page.evaluate(([lon, lat]) => (window as MapWindow).__map!.jumpTo({ center: [lon, lat], zoom: 14.5 }), [cols.centres[2 * i], cols.centres[2 * i + 1]]);
        await page.getByTestId('draw-polygon').click();
        await drawPolygon(page, [[80, 200], [300, 190], [320, 360], [110, 380]], 800);
        const t0 = Date.now();
        await page.getByTestId('planner-analysis').waitFor({ timeout: 120_000 });
        const firstAnalysisMs = Date.now() - t0;
        type DrawWindow = Window & { __draw: { getSnapshot: () => { geometry: Polygon; properties?: { currentlyDrawing?: boolean } }[] } };
        const drawn = await page.evaluate(() => (window as unknown as DrawWindow).__draw.getSnapshot().find((f) => f.geometry.type === 'Polygon' && !f.properties?.currentlyDrawing)!.geometry);
        const mu = Number(await page.getByTestId('planner-analysis').getAttribute('data-stands-mu'));
        const co2 = Number(await page.getByTestId('planner-analysis').getAttribute('data-carbon-tco2e'));
        const stands = JSON.parse(readFileSync(path.join(dataDir, 'stands.geojson'), 'utf8')) as FeatureCollection<Polygon, StandLike>;
        const ref = referenceSiteOverlap(drawn, stands.features);
        console.log(`    first site analysis over ${summary.stands} stands shown ${firstAnalysisMs} ms after drawing: ${mu.toFixed(2)} mu (full scan ${ref.mu.toFixed(2)})`);
        assert(ref.mu > 1, `the drawn site should cover stands (full scan: ${ref.mu} mu)`);
        assert(Math.abs(mu - ref.mu) < 1e-4 * ref.mu + 0.01, `stands mu ${mu} vs full scan ${ref.mu}`);
        assert(Math.abs(co2 - ref.co2) < 1e-4 * ref.co2 + 0.01, `carbon ${co2} vs full scan ${ref.co2}`);
        assert(planner.requests.some((u) => u.endsWith('/data/stands.geometry.bin')), 'the planner read the binary geometry file');
        assert(!planner.requests.some((u) => u.endsWith('/stands.geojson')), 'the 131 MB stands.geojson was not downloaded');
        assert(planner.pageErrors.length === 0, `page errors: ${planner.pageErrors.join(' | ')}`);
        await page.screenshot({ path: screenshotPath('stress-planner') });
        await page.context().close();
      },
    },
  ];
}
