// Browser tests of the planner's second pass (issue 24): each defect a careful planner met, reproduced first — the
// dashboard squeezing the map when both panels are open, Ctrl+Z only with the map focused, a banner left in the old
// language, "Read 1 features", the CRS in English, MapLibre's tooltips in English, loose shapefile parts refused while
// the advice says to choose them, the reference layer as a dark-green grid at every zoom, a 23-site panel with the
// analysis at its bottom, and the printed report (legend of layers not in its frame, one swatch for species-coloured
// stands, no labels, timings) — then picking and merging stands of an imported inventory, analysed against THOSE
// stands, the 界址点 table, WKT CSV round trip, DMS coordinates and a report for several sites.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bbox as turfBbox, booleanIntersects, bboxPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { writeShapefile, zipShapefile } from '../../src/core/io/shapefile-write.ts';
import { layerById } from '../../src/layers/registry.ts';
import { square } from '../fixtures/geo-samples.ts';
import { inventoryZip } from '../fixtures/write-inventory.ts';
import { erleiInventory, type ErleiFixture } from '../fixtures/erlei-inventory.ts';
import { MU, refArea } from '../../src/core/plan/fixture.testutil.ts';
import { independent, near, threeStands } from '../fixtures/erlei-picks.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { parseCsv } from '../../src/core/io/csv.ts';
import { fromLonLat } from '../../src/core/geo/crs.ts';
import { assert, type BrowserTest, openPage, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';

type ToolsWindow = Window & { __map?: import('maplibre-gl').Map; __draw?: unknown };

async function openPlanner(browser: Browser, appUrl: string, query = '', viewport = { width: 1400, height: 760 }): Promise<RecordedPage> {
  const rec = await openPage(browser, viewport);
  await rec.page.goto(`${appUrl}?planner${query}`);
  await rec.page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
  await waitForValue(rec.page, () => { const w = window as ToolsWindow; return !!w.__map && w.__map.loaded() && !!w.__draw; }, 60_000, 'map and Terra Draw');
  return rec;
}

async function importFiles(page: Page, files: string[]): Promise<void> {
  if (!(await page.getByTestId('import-dialog').isVisible().catch(() => false))) await page.getByTestId('open-import').click();
  await page.getByTestId('import-input').setInputFiles(files);
}

async function typeSite(page: Page, text: string): Promise<void> {
  await page.getByTestId('coords-open').click();
  await page.getByTestId('coords-text').fill(text);
  await page.getByTestId('coords-add').click();
}

const siteCount = (page: Page) => page.getByTestId('planner-site').count();

/** A site over the sample stands: `k` times the box of a stand in the middle of the data. */
function siteOverStands(k = 1.5): string {
  const stands = JSON.parse(readFileSync(path.join(ROOT, 'data/stands.geojson'), 'utf8')) as FeatureCollection<Polygon>;
  const [x0, y0, x1, y1] = turfBbox(stands.features[Math.floor(stands.features.length * 0.4)]);
  const [cx, cy, w, h] = [(x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * k, (y1 - y0) * k];
  return [[cx - w, cy - h], [cx + w, cy - h], [cx + w, cy + h], [cx - w, cy + h]].map((p) => `${p[0].toFixed(6)}, ${p[1].toFixed(6)}`).join('\n');
}


/** Pixel of a lon/lat on the map canvas. */
const pixelOf = (page: Page, p: number[]) => page.evaluate((q) => { const x = (window as ToolsWindow).__map!.project(q as [number, number]); return [x.x, x.y] as [number, number]; }, p);


export function plannerToolsTests(browser: Browser, appUrl: string): BrowserTest[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'planner-tools-'));
  const file = (name: string, content: string | Uint8Array) => { const p = path.join(dir, name); writeFileSync(p, content); return p; };
  // The inventory tests share one page (the 3,000-stand reference layer is imported once) and the merged stands.
  let inv: RecordedPage;
  let merged: { indices: number[]; fx: ErleiFixture } | null = null;
  const townships = JSON.parse(readFileSync(path.join(ROOT, 'data/townships.geojson'), 'utf8')) as FeatureCollection;
  const towns = (code: string) => String(townships.features.find((t) => t.properties?.code === code)?.properties?.name ?? '');

  return [
    {
      name: 'defect: the dashboard and the planner open together keep the map at least half the width and the year control on screen (1366×768, 1920×1080)',
      async run() {
        for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
          const rec = await openPlanner(browser, appUrl, '&dashboard', viewport);
          const { page } = rec;
          try {
            await page.getByTestId('dashboard').waitFor({ timeout: 120_000 });
            await waitForValue(page, () => {
              const w = window as ToolsWindow;
              const a = document.querySelector('.map-area')!.getBoundingClientRect();
              const c = w.__map!.getCanvas().getBoundingClientRect();
              return Math.abs(a.width - c.width) < 1.5 && Math.abs(a.height - c.height) < 1.5;
            }, 10_000, 'the canvas follows the map area');
            const r = await page.evaluate(() => {
              const rect = (el: Element | null) => { const b = el!.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width, height: b.height }; };
              return {
                canvas: rect((window as ToolsWindow).__map!.getCanvas()),
                year: rect(document.querySelector('[data-testid="year-control"]')),
                planner: rect(document.querySelector('[data-testid="planner-panel"]')),
                dashboard: rect(document.querySelector('[data-testid="dashboard"]')),
              };
            });
            await page.screenshot({ path: screenshotPath(`planner-tools-both-panels-${viewport.width}`) });
            const label = `${viewport.width}×${viewport.height}`;
            assert(r.canvas.width >= viewport.width / 2, `${label}: the map is ${r.canvas.width.toFixed(0)} px wide, less than half the window`);
            assert(r.canvas.height >= viewport.height - 120, `${label}: the map is ${r.canvas.height.toFixed(0)} px tall`);
            assert(r.year.right <= viewport.width && r.year.bottom <= viewport.height && r.year.left >= r.canvas.left - 1 && r.year.right <= r.canvas.right + 1,
              `${label}: the year control ${JSON.stringify(r.year)} is not on the map ${JSON.stringify(r.canvas)}`);
            for (const k of ['planner', 'dashboard'] as const) {
              assert(r[k].width >= 250 && r[k].right <= viewport.width + 1 && r[k].top < viewport.height - 200, `${label}: the ${k} is not shown whole: ${JSON.stringify(r[k])}`);
            }
          } finally {
            await page.context().close();
          }
        }
      },
    },
    {
      name: 'defect: Ctrl+Z undoes with the focus on the panel, and leaves the workspace alone while typing in a field',
      async run() {
        const rec = await openPlanner(browser, appUrl);
        const { page } = rec;
        try {
          await typeSite(page, '115.36, 26.31\n115.365, 26.31\n115.365, 26.315\n115.36, 26.315');
          await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 1, 10_000, 'one site');
          await page.getByTestId('draw-delete').click(); // the focus stays on the button, in the panel
          await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 0, 5_000, 'deleted');
          await page.keyboard.press('Control+z');
          await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 1, 5_000, 'Ctrl+Z with the focus on the panel brings the site back');
          const name = page.getByTestId('site-name').first();
          const before = await name.inputValue();
          await name.click();
          await page.keyboard.press('End');
          await page.keyboard.type('甲');
          await page.keyboard.press('Control+z');
          await page.waitForTimeout(600);
          assert((await siteCount(page)) === 1, 'Ctrl+Z in a text field leaves the sites alone');
          assert((await name.inputValue()) === before || (await name.inputValue()) === `${before}甲`, `the field keeps its own undo: ${await name.inputValue()}`);
        } finally {
          await page.context().close();
        }
      },
    },
    {
      name: 'defect: the planner\'s banner follows a switch of language; an import of one feature does not say "1 features"',
      async run() {
        const rec = await openPlanner(browser, appUrl, '&lang=en');
        const { page } = rec;
        try {
          await typeSite(page, '115.36, 26.31\n115.365, 26.31\n115.365, 26.315');
          const banner = page.getByTestId('planner-message');
          await waitForValue(page, () => /from coordinates/.test(document.querySelector('[data-testid="planner-message"]')?.textContent ?? ''), 5_000, 'the English banner');
          await page.getByTestId('lang-switch').click();
          await waitForValue(page, () => document.documentElement.lang.startsWith('zh'), 5_000, 'Chinese');
          const zh = (await banner.textContent()) ?? '';
          assert(/已按坐标添加/.test(zh) && !/coordinates/.test(zh), `the banner after switching to Chinese: ${zh}`);
          await page.getByTestId('lang-switch').click();
          await waitForValue(page, () => document.documentElement.lang.startsWith('en'), 5_000, 'English again');
          const one = file('one.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'one' }, geometry: square(115.37, 26.32, 0.003) }] }));
          await importFiles(page, [one]);
          const report = page.locator('[data-testid="import-report"][data-file="one.geojson"]');
          await report.waitFor({ timeout: 30_000 });
          const text = (await report.textContent()) ?? '';
          assert(!/\b1 features\b/.test(text), `singular: ${text}`);
          await page.getByTestId('import-cancel').click();
        } finally {
          await page.context().close();
        }
      },
    },
    {
      name: 'defect: the CRS of an import and MapLibre\'s control tooltips are in the UI language',
      async run() {
        const rec = await openPlanner(browser, appUrl);
        const { page } = rec;
        try {
          const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
          const zhTitle = (await zoomIn.getAttribute('title')) ?? '';
          assert(/[\u4e00-\u9fff]/.test(zhTitle), `the zoom-in tooltip in Chinese: "${zhTitle}"`);
          const gk = zipShapefile('gk38', writeShapefile([{ type: 'Feature', properties: { MC: '甲' }, geometry: square(115.37, 26.32, 0.003) }], { crs: 4526, encoding: 'gbk' }));
          const plain = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square(115.37, 26.32, 0.003) }] });
          await importFiles(page, [file('gk38.zip', gk), file('plain.geojson', plain)]);
          for (const name of ['gk38.zip', 'plain.geojson']) {
            const crs = page.locator(`[data-testid="import-report"][data-file="${name}"] [data-testid="import-crs"]`);
            await crs.waitFor({ timeout: 30_000 });
            const text = (await crs.textContent()) ?? '';
            assert(!/Gauss|Kruger|degree|default|assumed|inferred/.test(text), `${name}: the CRS in Chinese: ${text}`);
          }
          await page.getByTestId('import-cancel').click();
          await page.getByTestId('lang-switch').click();
          await waitForValue(page, () => document.querySelector('.maplibregl-ctrl-zoom-in')?.getAttribute('title') === 'Zoom in', 5_000, 'the tooltip in English after the switch');
        } finally {
          await page.context().close();
        }
      },
    },
    {
      name: 'defect: loose .shp/.shx/.dbf/.prj files chosen together import (the advice to choose them can be followed)',
      async run() {
        const rec = await openPlanner(browser, appUrl);
        const { page } = rec;
        try {
          const parts = writeShapefile([{ type: 'Feature', properties: { MC: '散件' }, geometry: square(115.37, 26.32, 0.003) }], { crs: 4526, encoding: 'gbk' });
          const names = (['shp', 'shx', 'dbf', 'prj'] as const).map((ext) => file(`散件.${ext}`, parts[ext]!));
          await importFiles(page, names);
          const report = page.locator('[data-testid="import-report"][data-file="散件.shp"]');
          await report.waitFor({ timeout: 30_000 });
          assert((await report.getAttribute('data-ok')) === 'true' && (await report.getAttribute('data-read')) === '1', `loose parts: ${await report.textContent()}`);
          await page.getByTestId('import-cancel').click();
        } finally {
          await page.context().close();
        }
      },
    },
    {
      name: 'defect: a reference layer draws no outline grid at township zoom, and its outline is not green',
      async run() {
        const rec = await openPlanner(browser, appUrl);
        const { page } = rec;
        try {
          await importFiles(page, [file('二类小班.zip', inventoryZip(3000))]);
          await page.locator('[data-testid="import-report"][data-file="二类小班.zip"]').waitFor({ timeout: 60_000 });
          await page.getByTestId('import-add-reference').click();
          await page.locator('[data-testid="reference-layer"][data-count="3000"]').waitFor({ timeout: 30_000 });
          const id = (await page.getByTestId('reference-layer').first().getAttribute('data-layer-id'))!;
          const outlines = async (zoom: number) => page.evaluate(async ([layer, z]) => {
            const m = (window as ToolsWindow).__map!;
            m.jumpTo({ center: [115.3, 26.3], zoom: z as number });
            await new Promise((r) => m.once('idle', r));
            return m.queryRenderedFeatures({ layers: [`planner-ref-${layer}::line`] }).length;
          }, [id, zoom] as const);
          const low = await outlines(11);
          const high = await outlines(15.5);
          const colour = await page.evaluate((layer) => String((window as ToolsWindow).__map!.getPaintProperty(`planner-ref-${layer}::line`, 'line-color')), id);
          const [r, g, b] = (/#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(colour) ?? []).slice(1).map((h) => parseInt(h, 16));
          assert(low === 0, `at zoom 11 the reference layer draws ${low} outlines (a grid over the stands)`);
          assert(high > 0, 'at zoom 15.5 its outlines are drawn');
          assert(!(g > r && g > b), `its outline colour ${colour} is not green`);
        } finally {
          await page.context().close();
        }
      },
    },
    {
      name: 'defect: with 23 sites the selected site\'s analysis is in view next to it; the list is collapsible and searchable',
      async run() {
        const rec = await openPlanner(browser, appUrl, '', { width: 1366, height: 768 });
        const { page } = rec;
        try {
          const features = Array.from({ length: 23 }, (_, i) => ({ type: 'Feature', properties: { MC: `地块${String(i + 1).padStart(2, '0')}` }, geometry: square(115.30 + (i % 6) * 0.01, 26.28 + Math.floor(i / 6) * 0.01, 0.004) }));
          await importFiles(page, [file('sites23.geojson', JSON.stringify({ type: 'FeatureCollection', features }))]);
          await page.locator('[data-testid="import-report"][data-file="sites23.geojson"]').waitFor({ timeout: 30_000 });
          await page.getByTestId('import-add').click();
          await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 23, 10_000, '23 sites');
          // The first site: with the analysis below all 23 sites (and the export menu), it was 1,500 px further down.
          await page.locator('[data-testid="planner-site"]').first().getByTestId('site-select').click();
          await page.getByTestId('planner-analysis').waitFor({ timeout: 60_000 });
          await page.waitForTimeout(500);
          const r = await page.evaluate(() => {
            const a = document.querySelector('[data-testid="planner-analysis"]')!.getBoundingClientRect();
            const s = document.querySelector('[data-testid="planner-site"].is-selected')!.getBoundingClientRect();
            return { analysisTop: a.top, siteBottom: s.bottom, viewport: innerHeight };
          });
          assert(r.analysisTop < r.viewport - 40 && r.analysisTop > 0, `the analysis starts at ${r.analysisTop.toFixed(0)} px, outside the ${r.viewport} px window`);
          assert(Math.abs(r.analysisTop - r.siteBottom) < 400, `the analysis (${r.analysisTop.toFixed(0)}) is next to the selected site (${r.siteBottom.toFixed(0)})`);
          await page.getByTestId('site-search').fill('地块07');
          await waitForValue(page, () => [...document.querySelectorAll('[data-testid="planner-site"]')].filter((e) => (e as HTMLElement).offsetParent !== null).length === 1, 5_000, 'the search keeps one site');
          await page.getByTestId('site-search').fill('');
          await page.getByTestId('sites-toggle').click();
          await waitForValue(page, () => [...document.querySelectorAll('[data-testid="planner-site"]')].every((e) => (e as HTMLElement).offsetParent === null), 5_000, 'the list collapses');
        } finally {
          await page.context().close();
        }
      },
    },
    {
      name: 'defect: the printed report lists only the layers in its frame, a swatch per species there, labels the map and prints no timings',
      async run() {
        const rec = await openPlanner(browser, appUrl);
        const { page } = rec;
        try {
          await page.addInitScript(() => { (window as unknown as { print: () => void }).print = () => undefined; });
          await page.reload();
          await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
          await waitForValue(page, () => { const w = window as ToolsWindow; return !!w.__map && w.__map.loaded() && !!w.__draw; }, 60_000, 'map');
          await typeSite(page, siteOverStands(1.5));
          await page.getByTestId('planner-analysis').waitFor({ timeout: 60_000 });
          await page.getByTestId('export-print').click();
          const report = page.getByTestId('print-report');
          await report.waitFor({ state: 'attached', timeout: 60_000 });
          await waitForValue(page, () => { const i = document.querySelector('[data-testid="print-map"]') as HTMLImageElement | null; return !!i && i.complete && i.naturalWidth > 100; }, 30_000, 'the report map');
          const text = (await report.textContent()) ?? '';
          assert(!/\d ms\)/.test(text), 'no timings in the printed report');
          const bounds = JSON.parse((await page.getByTestId('print-map').first().getAttribute('data-bounds')) ?? 'null') as [number, number, number, number] | null;
          assert(bounds, 'the report map says which area it shows');
          const frame = bboxPolygon(bounds);
          const listed = await page.getByTestId('print-legend').first().locator('li[data-layer]').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer')!));
          for (const id of new Set(listed)) {
            if (id === 'stands') continue;
            const fc = JSON.parse(readFileSync(path.join(ROOT, 'data', layerById(id).source.file), 'utf8')) as FeatureCollection;
            assert(fc.features.some((f) => f.geometry && booleanIntersects(f as Feature<Geometry>, frame)), `the legend lists ${id}, which has nothing in the report's frame`);
          }
          const stands = listed.filter((id) => id === 'stands').length;
          assert(stands >= 2, `one swatch per species group of the stands in the frame (got ${stands})`);
          const labels = Number(await page.getByTestId('print-map').first().getAttribute('data-labels'));
          assert(labels > 0, `the report map carries labels (${labels})`);
        } finally {
          await page.context().close();
        }
      },
    },

    {
      name: 'a box around three stands of an imported 二类 inventory picks them; merged, the analysis equals the sum of their figures computed independently',
      async run() {
        const fx = erleiInventory(townships, 3000);
        const props = importFile('二类.zip', fx.zip).features.map((f) => f.properties ?? {});
        const { indices, box } = threeStands(fx);
        inv = await openPlanner(browser, appUrl);
        const { page } = inv;
        await importFiles(page, [file('兴国县二类小班.zip', fx.zip)]);
        await page.locator('[data-testid="import-report"][data-file="兴国县二类小班.zip"]').waitFor({ timeout: 120_000 });
        await page.getByTestId('import-add-reference').click();
        await page.locator(`[data-testid="reference-layer"][data-count="${fx.expected.length}"]`).waitFor({ timeout: 60_000 });
        // Frame the three stands, then drag the box around them.
        await page.evaluate((b) => { const m = (window as ToolsWindow).__map!; m.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 120, duration: 0 }); }, box);
        await page.waitForTimeout(400);
        const [x0, y0] = await pixelOf(page, [box[0], box[3]]);
        const [x1, y1] = await pixelOf(page, [box[2], box[1]]);
        const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
        const centre = await page.evaluate(() => (window as ToolsWindow).__map!.getCenter().toArray());
        await page.getByTestId('pick-box').click();
        await page.mouse.move(canvas.x + x0, canvas.y + y0);
        await page.mouse.down();
        await page.mouse.move(canvas.x + (x0 + x1) / 2, canvas.y + (y0 + y1) / 2, { steps: 5 });
        await page.mouse.move(canvas.x + x1, canvas.y + y1, { steps: 5 });
        await page.mouse.up();
        const result = page.getByTestId('pick-result');
        await result.waitFor({ timeout: 10_000 });
        const after = await page.evaluate(() => (window as ToolsWindow).__map!.getCenter().toArray());
        assert(Math.abs(after[0] - centre[0]) + Math.abs(after[1] - centre[1]) < 1e-9, 'the box drag did not pan the map');
        assert((await result.getAttribute('data-count')) === '3', `three stands picked: ${await result.textContent()}`);
        const pickedM2 = Number(await result.getAttribute('data-area-m2'));
        const want = indices.map((i) => independent(fx, props, i));
        const sum = (k: keyof (typeof want)[number]) => want.reduce((t, w) => t + w[k], 0);
        assert(near(pickedM2 / MU, sum('mu')), `picked area ${pickedM2 / MU} 亩 vs ${sum('mu')}`);
        await page.getByTestId('pick-merge').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 1, 10_000, 'the merged site');
        const analysis = page.getByTestId('planner-analysis');
        await analysis.waitFor({ timeout: 60_000 });
        const source = page.getByTestId('analysis-stand-source');
        assert((await source.getAttribute('data-kind')) === 'reference' && (await source.getAttribute('data-count')) === String(fx.expected.length), `analysed against the inventory: ${await source.textContent()}`);
        const got = {
          mu: Number(await analysis.getAttribute('data-stands-mu')), stock: Number(await analysis.getAttribute('data-stock-m3')),
          carbon: Number(await analysis.getAttribute('data-carbon-tco2e')), sink: Number(await analysis.getAttribute('data-sink-tco2e')),
        };
        const shownArea = Number(await page.getByTestId('planner-measure').getAttribute('data-area-m2'));
        console.log(`    planner-tools: merged stands ${indices.join(', ')}: ${got.mu.toFixed(4)} 亩 (independent ${sum('mu').toFixed(4)}), stock ${got.stock.toFixed(2)} m³ (${sum('stock').toFixed(2)}), carbon ${got.carbon.toFixed(2)} tCO2e (${sum('carbon').toFixed(2)}), sink ${got.sink.toFixed(3)} (${sum('sink').toFixed(3)})`);
        assert(near(shownArea / MU, sum('mu')), `the site's area ${shownArea / MU} 亩 vs the stands' ${sum('mu')}`);
        assert(near(got.mu, sum('mu')), `stands in the analysis ${got.mu} 亩 vs ${sum('mu')}`);
        assert(near(got.stock, sum('stock')), `stock ${got.stock} vs ${sum('stock')}`);
        assert(sum('carbon') > 0 && near(got.carbon, sum('carbon')), `carbon ${got.carbon} vs ${sum('carbon')}`);
        assert(near(got.sink, sum('sink')), `annual sink ${got.sink} vs ${sum('sink')}`);
        const towns3 = new Set(indices.map((i) => towns(fx.expected[i].township_code)));
        const townText = (await page.getByTestId('analysis-townships').textContent()) ?? '';
        for (const t of towns3) assert(townText.includes(t), `the inventory's township ${t} in the analysis: ${townText}`);
        await page.screenshot({ path: screenshotPath('planner-tools-merged') });
        merged = { indices, fx };
      },
    },
    {
      name: 'the merged site\'s 界址点坐标表: every vertex in CGCS2000 GK zone 38 (checked with proj4), numbered clockwise from the north-west, and as CSV',
      async run() {
        const { page } = inv;
        const { fx, indices } = merged!;
        await page.getByTestId('boundary-points').locator('summary').click();
        const table = page.getByTestId('boundary-table');
        assert((await table.getAttribute('data-zone')) === '38' && (await table.getAttribute('data-epsg')) === '4526', 'zone 38, EPSG:4526');
        const vertices = indices.flatMap((i) => fx.expected[i].ring.slice(0, -1));
        assert(Number(await table.getAttribute('data-points')) === vertices.length, `${vertices.length} boundary points`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('boundary-csv').click()]);
        const rows = parseCsv('b.csv', readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''), ',', 1e6).slice(1).map((r) => r.cells);
        assert(rows.length === vertices.length && rows.every((r, k) => r[1] === `J${k + 1}`), `J1 … J${vertices.length}`);
        const gk = fromLonLat('+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
        const expected = vertices.map((v) => gk(v[0], v[1]));
        for (const r of rows) {
          const [x, y] = [Number(r[4]), Number(r[5])];
          assert(expected.some(([e, n]) => Math.abs(n - x) < 0.002 && Math.abs(e - y) < 0.002), `${r[1]} (${x}, ${y}) is a vertex of the stands`);
        }
        // J1 is the north-west point of the northernmost part; J2 follows clockwise (east of it or south-east).
        const top = Math.max(...rows.map((r) => Number(r[4])));
        const firstPart = rows.filter((r) => r[2] === '1');
        assert(Math.max(...firstPart.map((r) => Number(r[4]))) === top, 'part 1 is the northernmost');
        const [j1, j2] = [firstPart[0], firstPart[1]];
        const minY = Math.min(...firstPart.map((r) => Number(r[5])));
        assert(Number(j1[5]) - minY < 0.4 * (Math.max(...firstPart.map((r) => Number(r[5]))) - minY) && Number(j2[5]) > Number(j1[5]), `J1 (${j1[4]}, ${j1[5]}) in the west, J2 east of it (clockwise)`);
      },
    },
    {
      name: 'a clicked 0132 stand shows 其他灌木林地 and QI_YUAN by name; as a site it is analysed against the inventory (its township, 一般灌木林地)',
      async run() {
        const { page } = inv;
        const { fx } = merged!;
        const skip = new Set([...fx.repeated, ...fx.spiked]);
        const i = fx.expected.findIndex((e, k) => e.land_code === '0132' && !skip.has(k));
        const ring = fx.expected[i].ring;
        const c = [ring.slice(0, 4).reduce((a, p) => a + p[0], 0) / 4, ring.slice(0, 4).reduce((a, p) => a + p[1], 0) / 4];
        await page.evaluate((q) => (window as ToolsWindow).__map!.jumpTo({ center: q as [number, number], zoom: 16 }), c);
        await page.waitForTimeout(500);
        const px = await pixelOf(page, c);
        const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
        await page.mouse.click(canvas.x + px[0], canvas.y + px[1]);
        const popup = page.getByTestId('reference-popup');
        await popup.waitFor({ timeout: 10_000 });
        const dilei = (await popup.locator('tr[data-field="DI_LEI"]').textContent()) ?? '';
        const qiyuan = (await popup.locator('tr[data-field="QI_YUAN"]').textContent()) ?? '';
        assert(dilei.includes('0132') && dilei.includes('其他灌木林地'), `DI_LEI by name: ${dilei}`);
        assert(/天然|人工/.test(qiyuan), `QI_YUAN by name: ${qiyuan}`);
        await page.getByTestId('reference-make-site').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 2, 10_000, 'a second site');
        const siteName = await page.locator('[data-testid="planner-site"].is-selected [data-testid="site-name"]').inputValue();
        await waitForValue(page, (n) => (document.querySelector('[data-testid="planner-site-analysis"] h3')?.textContent ?? '').includes(n)
          && document.querySelector('[data-testid="analysis-stand-source"]')?.getAttribute('data-kind') === 'reference' && !!document.querySelector('[data-testid="planner-analysis"]'), 60_000, 'its analysis', siteName);
        const a = page.getByTestId('planner-analysis');
        const mu = Number(await a.getAttribute('data-stands-mu'));
        assert(near(mu, refArea(ring) / MU), `the stand's own area ${mu} vs ${refArea(ring) / MU} 亩`);
        const classes = (await page.getByTestId('analysis-landclass').textContent()) ?? '';
        assert(classes.includes('一般灌木林地') && !classes.includes('乔木林地'), `land class: ${classes}`);
        const town = towns(fx.expected[i].township_code);
        assert(((await page.getByTestId('analysis-townships').textContent()) ?? '').includes(town), `township ${town}`);
      },
    },
    {
      name: 'filter-select by township and 地类 picks exactly the fixture\'s matching stands and merges them',
      async run() {
        const { page } = inv;
        const { fx } = merged!;
        const code = fx.expected.find((e) => e.land_code === '0111')!.township_code;
        const town = towns(code);
        const want = fx.expected.filter((e) => e.township_code === code && e.land_code === '0111');
        await page.getByTestId('pick-filter').locator('summary').click();
        await page.getByTestId('pick-filter-township').selectOption(town);
        await page.getByTestId('pick-filter-landClass').selectOption('0111');
        const label = await page.getByTestId('pick-filter-landClass').locator('option:checked').textContent();
        assert(label?.includes('乔木林'), `地类 shown by name: ${label}`);
        await page.getByTestId('pick-filter-apply').click();
        await waitForValue(page, (n) => document.querySelector('[data-testid="pick-result"]')?.getAttribute('data-count') === String(n), 10_000, `${want.length} stands picked`, want.length);
        const m2 = Number(await page.getByTestId('pick-result').getAttribute('data-area-m2'));
        const refM2 = want.reduce((t, e) => t + refArea(e.ring), 0);
        // The repaired stands (a repeated vertex, a spike) have the area of their true rings.
        assert(Math.abs(m2 - refM2) < 1e-5 * refM2, `picked area ${m2} vs ${refM2} m²`);
        await page.getByTestId('pick-merge').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 3, 30_000, 'the merged site');
        const name = await page.locator('[data-testid="planner-site"].is-selected [data-testid="site-name"]').inputValue();
        assert(name.includes(String(want.length)), `named with the count: ${name}`);
      },
    },
    {
      name: 'the sites CSV carries WKT and imports back through the CSV importer: same shapes, same areas, same names',
      async run() {
        const { page } = inv;
        const stored = await page.evaluate(() => [...document.querySelectorAll('[data-testid="site-name"]')].map((e) => (e as HTMLInputElement).value));
        await page.getByTestId('export-scope-all').check();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-csv').click()]);
        const csvPath = path.join(dir, 'sites-back.csv');
        writeFileSync(csvPath, readFileSync((await download.path())!));
        const text = readFileSync(csvPath, 'utf8');
        assert(/"(MULTI)?POLYGON \(\(/.test(text) && !/,Polygon,|,MultiPolygon,/.test(text), 'the geometry column holds WKT');
        const before = await page.evaluate(() => [...document.querySelectorAll('[data-testid="planner-site"] [data-testid="site-select"]')].map((e) => e.textContent));
        await importFiles(page, [csvPath]);
        const report = page.locator('[data-testid="import-report"][data-file="sites-back.csv"]');
        await report.waitFor({ timeout: 30_000 });
        assert((await report.getAttribute('data-features')) === String(stored.length) && (await report.getAttribute('data-rejected')) === '0', `all ${stored.length} rows back: ${await report.textContent()}`);
        await page.getByTestId('import-add').click();
        await waitForValue(page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n, 10_000, 'the sites twice', stored.length * 2);
        const names = await page.evaluate(() => [...document.querySelectorAll('[data-testid="site-name"]')].map((e) => (e as HTMLInputElement).value));
        const areas = await page.evaluate(() => [...document.querySelectorAll('[data-testid="planner-site"] [data-testid="site-select"]')].map((e) => e.textContent));
        assert(JSON.stringify(names.slice(stored.length)) === JSON.stringify(stored), `names back: ${names.slice(stored.length)}`);
        assert(JSON.stringify(areas.slice(stored.length)) === JSON.stringify(before), `areas back: ${areas.slice(stored.length)} vs ${before}`);
      },
    },
    {
      name: 'DMS coordinates make the site they say; a line that is not one pair is refused naming it',
      async run() {
        const { page } = inv;
        await page.getByTestId('coords-open').click();
        await page.getByTestId('coords-text').fill(`115°21'22"E 26°19'49"N\n115 21 22 26 19 49`);
        await page.getByTestId('coords-add').click();
        const err = (await page.getByTestId('coords-error').textContent()) ?? '';
        assert(err.startsWith('第 2 行有 6 个数'), `refused, naming the line: ${err}`);
        const count = await siteCount(page);
        const dms = [[115, 21, 22, 26, 19, 49], [115, 21, 58, 26, 19, 49], [115, 21, 58, 26, 20, 17], [115, 21, 22, 26, 20, 17]];
        await page.getByTestId('coords-text').fill(dms.map((d) => `${d[0]}°${d[1]}'${d[2]}"E ${d[3]}°${d[4]}'${d[5]}"N`).join('\n'));
        await page.getByTestId('coords-add').click();
        await waitForValue(page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n, 10_000, 'the DMS site', count + 1);
        const ring = dms.map((d) => [d[0] + d[1] / 60 + d[2] / 3600, d[3] + d[4] / 60 + d[5] / 3600]);
        const want = refArea([...ring, ring[0]]);
        const shown = Number(await page.getByTestId('planner-measure').getAttribute('data-area-m2'));
        assert(Math.abs(shown - want) < 1e-6 * want && want > 100_000, `DMS site area ${shown} vs ${want} m² (not a 200,000 亩 sliver)`);
      },
    },
    {
      name: 'a report of every site at once: a section per site, each with its own framed map, legend and 界址点 table',
      async run() {
        const { page } = inv;
        await page.evaluate(() => { (window as unknown as { __printed: number; print: () => void }).__printed = 0; window.print = () => { (window as unknown as { __printed: number }).__printed++; }; });
        const n = await siteCount(page);
        await page.getByTestId('export-print-all').click();
        await waitForValue(page, (k) => document.querySelectorAll('[data-testid="print-report"]').length === k, 180_000, `${n} report sections`, n);
        await waitForValue(page, () => (window as unknown as { __printed: number }).__printed === 1, 60_000, 'the print dialog opened once, after every map loaded');
        const sections = await page.evaluate(() => [...document.querySelectorAll('[data-testid="print-report"]')].map((r) => ({
          name: r.querySelector('h1 [data-value]')?.textContent, zoom: Number(r.getAttribute('data-zoom')), img: (r.querySelector('[data-testid="print-map"]') as HTMLImageElement).src.length,
          boundary: r.querySelector('[data-testid="boundary-table"]') !== null,
        })));
        const names = await page.evaluate(() => [...document.querySelectorAll('[data-testid="site-name"]')].map((e) => (e as HTMLInputElement).value));
        assert(JSON.stringify(sections.map((x) => x.name)) === JSON.stringify(names), `one section per site in order: ${sections.map((x) => x.name)}`);
        assert(sections.every((x) => x.img > 1000 && x.boundary), 'each with its map and boundary table');
        assert(new Set(sections.map((x) => x.zoom.toFixed(2))).size > 1, 'each map framed on its own site');
        const pdf = path.join(dir, 'all.pdf');
        await page.pdf({ path: pdf, format: 'A4', printBackground: true });
        await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
        assert(inv.pageErrors.length === 0, `page errors: ${inv.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
  ];
}
