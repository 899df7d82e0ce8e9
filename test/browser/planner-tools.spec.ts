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

export function plannerToolsTests(browser: Browser, appUrl: string): BrowserTest[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'planner-tools-'));
  const file = (name: string, content: string | Uint8Array) => { const p = path.join(dir, name); writeFileSync(p, content); return p; };

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
            assert(!/Gauss|Kruger|degree|default|assumed|WGS 84 /.test(text), `${name}: the CRS in Chinese: ${text}`);
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
  ];
}
