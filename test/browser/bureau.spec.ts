// Browser tests of the bureau's map page on the built app: stands render from data/, a layer toggles, a click opens the
// attribute popup, the language switches, labels render offline, and no request leaves the app's origin.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { assert, type BrowserTest, foreignRequests, openPage, OUTPUT_DIR, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

export function bureauTests(browser: Browser, appUrl: string): BrowserTest[] {
  let rec: RecordedPage;
  const timings: Record<string, number> = {};

  return [
    {
      name: 'stands from data/ are rendered (MapLibre answers queryRenderedFeatures)',
      async run() {
        rec = await openPage(browser);
        await rec.page.goto(appUrl);
        const drawnMs = await waitForValue(
          rec.page,
          () => {
            const map = (window as MapWindow).__map;
            if (!map || !map.getLayer('stands::fill') || !map.loaded()) return 0;
            const n = map.queryRenderedFeatures({ layers: ['stands::fill'] }).length;
            if (n === 0) return 0;
            // 'idle' can come before pixels exist in SwiftShader: a 1-pixel readPixels waits for the GPU work.
            const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext;
            gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
            return performance.now();
          },
          120_000,
          'rendered stands',
        );
        timings.stands_drawn_ms = Math.round(drawnMs);
        const counts = await rec.page.evaluate(() => {
          const map = (window as MapWindow).__map!;
          const count = (id: string) => map.queryRenderedFeatures({ layers: [id] }).length;
          return { stands: count('stands::fill'), townships: count('townships::hit'), townshipLabels: count('townships::label'), pv: count('pv::fill') };
        });
        assert(counts.stands > 100, `expected many rendered stands, got ${counts.stands}`);
        assert(counts.townships >= 20, `expected the townships rendered, got ${counts.townships}`);
        assert(counts.townshipLabels >= 10, `expected township labels drawn offline, got ${counts.townshipLabels}`);
        await rec.page.getByTestId('sample-badge').waitFor();
        assert((await rec.page.getByTestId('sample-badge').textContent()) === '示例数据', 'sample-data badge shows 示例数据');
        // the sample's synthetic layers say so in the layer panel (a bureau's release does not: release.spec.ts)
        const standsNote = await rec.page.getByTestId('layer-stands').getByTestId('layer-note').textContent();
        assert(standsNote === '（模拟数据）', `stands layer note on the sample: ${standsNote}`);
        assert((await rec.page.getByTestId('layer-townships').getByTestId('layer-note').textContent()) === '（界线为模拟）', 'townships note on the sample');
        await rec.page.screenshot({ path: screenshotPath('bureau-county-zh') });
      },
    },
    {
      name: 'a layer toggles off and on from the layer panel',
      async run() {
        const { page } = rec;
        const checkbox = page.getByTestId('layer-stands').getByRole('checkbox');
        await checkbox.uncheck();
        await waitForValue(page, () => (window as MapWindow).__map!.getLayoutProperty('stands::fill', 'visibility') === 'none', 5000, 'stands hidden');
        await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.loaded() && m.queryRenderedFeatures({ layers: ['stands::fill'] }).length === 0; }, 20_000, 'no stands rendered');
        await checkbox.check();
        await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.loaded() && m.queryRenderedFeatures({ layers: ['stands::fill'] }).length > 0; }, 30_000, 'stands back');
      },
    },
    {
      name: 'zoom to a township, click a stand and read its popup as text',
      async run() {
        const { page } = rec;
        await page.getByTestId('township-zoom').selectOption('360732100'); // 潋江镇
        await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.getZoom() > 10 && m.loaded(); }, 30_000, 'zoomed in');
        // Find a screen point whose top interactive feature is a stand, away from the map's controls.
        const target = await waitForValue(page, () => {
          const map = (window as MapWindow).__map!;
          if (!map.loaded()) return null;
          const canvas = map.getCanvas();
          const w = canvas.clientWidth, h = canvas.clientHeight;
          const interactive = ['carbon-pilots::fill', 'wetlands::fill', 'mines::fill', 'pv::fill', 'wind-farms::fill', 'wind-turbines::circle', 'substations::circle', 'stands::fill'];
          for (let y = Math.round(h * 0.3); y < h * 0.8; y += 17) {
            for (let x = Math.round(w * 0.2); x < w * 0.8; x += 17) {
              const hits = map.queryRenderedFeatures([x, y], { layers: interactive.filter((id) => map.getLayer(id)) });
              if (hits[0]?.layer.id === 'stands::fill') return { x, y, id: String(hits[0].properties.id), species: String(hits[0].properties.species), stock: Number(hits[0].properties.stock_m3) };
            }
          }
          return null;
        }, 30_000, 'a clickable stand');
        assert(target, 'found a stand');
        const box = (await page.getByTestId('map').boundingBox())!;
        await page.mouse.click(box.x + target.x, box.y + target.y);
        const popup = page.getByTestId('feature-popup');
        await popup.waitFor({ timeout: 10_000 });
        assert((await popup.getAttribute('data-layer')) === 'stands', 'popup belongs to the stands layer');
        const idText = await popup.locator('tr[data-field="id"] td').textContent();
        assert(idText === target.id, `popup id ${idText} equals clicked feature ${target.id}`);
        assert((await popup.locator('tr[data-field="species"] td').textContent()) === target.species, 'popup species matches the feature');
        const stockText = (await popup.locator('tr[data-field="stock_m3"] td').textContent())!;
        const shown = Number(stockText.replace(/[^\d.]/g, ''));
        const expected = target.stock >= 100 ? Math.round(target.stock) : Math.round(target.stock * 100) / 100;
        assert(Math.abs(shown - expected) < 1e-9, `stock shown ${stockText} matches ${target.stock}`);
        assert(stockText.endsWith('立方米'), `stock has its unit: ${stockText}`);
        assert((await page.locator('.feature-popup script, .feature-popup img').count()) === 0, 'popup holds text only');
        await page.screenshot({ path: screenshotPath('bureau-popup-zh') });
      },
    },
    {
      name: 'the language switches to English (UI, popup and map labels)',
      async run() {
        const { page } = rec;
        await page.getByTestId('lang-switch').click();
        await waitForValue(page, () => document.querySelector('h1')?.textContent === 'Xingguo Carbon-Sink Map', 5000, 'English title');
        assert((await page.getByTestId('layer-stands').textContent())!.includes('Forest stands'), 'layer panel in English');
        assert((await page.locator('.feature-popup tr[data-field="species"] th').textContent()) === 'Dominant species', 'popup labels in English');
        const field = await page.evaluate(() => JSON.stringify((window as MapWindow).__map!.getLayoutProperty('townships::label', 'text-field')));
        assert(field.includes('name_en'), `township labels use name_en: ${field}`);
        await waitForValue(page, () => { const m = (window as MapWindow).__map!; return m.loaded() && m.queryRenderedFeatures({ layers: ['townships::label'] }).length > 0; }, 30_000, 'English labels drawn');
        assert((await page.locator('html').getAttribute('lang')) === 'en', 'html lang is en');
        await page.screenshot({ path: screenshotPath('bureau-popup-en') });
        await page.getByTestId('lang-switch').click();
        await waitForValue(page, () => document.querySelector('h1')?.textContent === '兴国碳汇图', 5000, 'back to Chinese');
      },
    },
    {
      name: 'no request left the app origin; no page errors',
      async run() {
        const foreign = foreignRequests(rec.requests, appUrl);
        assert(rec.requests.length > 5, `requests were recorded (${rec.requests.length})`);
        assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join(' | ')}`);
        writeFileSync(path.join(OUTPUT_DIR, 'bureau-timings.json'), JSON.stringify(timings, null, 2));
        console.log(`    stands drawn ${timings.stands_drawn_ms} ms after navigation; ${rec.requests.length} requests, all same-origin`);
        await rec.page.context().close();
      },
    },
  ];
}
