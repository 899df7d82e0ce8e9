// The bureau keeps the plan's projects current (issue 16): an editor marks the 方岭排 mine 已修复 (2025) in its popup; the
// dashboard's mine-restoration target moves at once; the public page moves only after 发布; the change and its revert
// appear in the popup's history with the editor's name. Then the editor draws a mine by clicking on the map, imports one
// from a GeoJSON file (a broken file and a file of the wrong kind are refused with messages naming them) and retires the
// drawn one with a reason: the map, the histories and the dashboard's carbon stock follow, checked against turf's area
// and the core's mine-carbon function; the public page only after 发布. A viewer sees none of the editing tools.
// Served by the server as `npm start` runs it, with the project layers in its database (a throw-away PGlite loaded from data/).
import { area as turfArea, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_FACTORS } from '../../src/core/carbon/factors.ts';
import { mineCarbon } from '../../src/core/carbon/other-sinks.ts';
import type { RunningServer } from '../../src/server/main.ts';
import { assert, type BrowserTest, openPage, type RecordedPage, setContextCookies, waitForValue } from './harness.ts';
import { serveSignedIn, sessionCookie, signIn } from './server.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

export async function serveProjects(): Promise<{ url: string; server: RunningServer; close: () => Promise<void> }> {
  const site = await serveSignedIn(undefined, [['eve', 'editor'], ['vic', 'viewer']]);
  const token = await signIn(site.url, 'eve');
  setContextCookies(async () => [sessionCookie(site.url, token)]);
  return { url: site.url, server: site.server, close: site.close };
}

interface PublicProgress { as_of_year: number; county: { carbon_stock_tCO2e: number }; targets: { id: string; status: string }[] }

/** The plan-progress file the public page loads (opened as the public page, so it is what a visitor gets). */
async function publicProgress(page: Page, url: string): Promise<PublicProgress> {
  const response = page.waitForResponse((r) => r.url().includes('plan-progress.json'), { timeout: 60_000 });
  await page.goto(`${url}public/`);
  return (await (await response).json()) as PublicProgress;
}

/** The mine target's status in the plan-progress file the public page loads. */
async function publicMineStatus(page: Page, url: string): Promise<string> {
  return (await publicProgress(page, url)).targets.find((t) => t.id === 'mine_fanglingpai')!.status;
}

/** The dashboard's county carbon stock (t CO₂e), the number before its interval. */
async function dashboardStock(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="totals"] tr[data-total="carbon_stock_tCO2e"] td').textContent();
  return Number(/^[\d,]+/.exec(text ?? '')![0].replace(/,/g, ''));
}

/** A point on screen where MapView would pick `id` of `layer` (its top interactive feature there), or null. */
async function featurePixel(page: Page, layer: string, id: string): Promise<{ x: number; y: number } | null> {
  return waitForValue(page, ({ layer, id }) => {
    const map = (window as MapWindow).__map!;
    if (!map.loaded() || !map.getLayer(layer)) return null;
    const canvas = map.getCanvas();
    const w = canvas.clientWidth, h = canvas.clientHeight;
    const parts = map.queryRenderedFeatures({ layers: [layer] }).filter((f) => f.properties.id === id);
    if (!parts.length) return null;
    // Scan the feature's box on screen and take the pickable point nearest its middle (a popup there stays on the map).
    const pts = parts.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates.flat() : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.flat(2) : []))
      .map((c) => map.project(c as [number, number]));
    const x0 = Math.max(10, Math.min(...pts.map((p) => p.x))), x1 = Math.min(w - 10, Math.max(...pts.map((p) => p.x)));
    const y0 = Math.max(10, Math.min(...pts.map((p) => p.y))), y1 = Math.min(h - 10, Math.max(...pts.map((p) => p.y)));
    const mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
    const interactive = ['carbon-pilots::fill', 'wetlands::fill', 'mines::fill', 'pv::fill', 'wind-farms::fill', 'wind-turbines::circle', 'substations::circle', 'stands::fill'];
    const rect = canvas.getBoundingClientRect();
    let best: { x: number; y: number } | null = null;
    for (let y = y0; y <= y1; y += 4) {
      for (let x = x0; x <= x1; x += 4) {
        const hit = map.queryRenderedFeatures([x, y], { layers: interactive.filter((l) => map.getLayer(l)) })[0];
        if (hit?.layer.id === layer && hit.properties.id === id && document.elementFromPoint(rect.left + x, rect.top + y) === canvas) {
          if (!best || Math.hypot(x - mx, y - my) < Math.hypot(best.x - mx, best.y - my)) best = { x, y };
        }
      }
    }
    return best;
  }, 60_000, `feature ${id} of ${layer} on screen`, { layer, id });
}

/** Mine ids on the map's mines source right now. */
async function minesOnMap(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as MapWindow).__map!.querySourceFeatures('src:mines.geojson').map((f) => String(f.properties.id)));
}

async function api<T>(page: Page, url: string, path: string): Promise<T> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'xg_session')!.value;
  return (await fetch(`${url}${path}`, { headers: { cookie: `xg_session=${cookie}` } })).json() as Promise<T>;
}

export function projectsTests(browser: Browser, url: string): BrowserTest[] {
  let bureau: RecordedPage;
  let pub: RecordedPage;
  const card = () => bureau.page.getByTestId('target-mine_fanglingpai');
  return [
    {
      name: 'an editor marks the 方岭排 mine 已修复 (2025): the dashboard moves at once, the public page only after 发布, history shows edit and revert',
      async run() {
        pub = await openPage(browser);
        const publicBefore = await publicMineStatus(pub.page, url);
        assert(publicBefore !== 'achieved', `the public page starts with the mine not restored (${publicBefore})`);

        bureau = await openPage(browser, { width: 1280, height: 900 });
        const { page } = bureau;
        await page.goto(`${url}?dashboard`);
        await card().waitFor({ timeout: 120_000 });
        const before = await card().getAttribute('data-status');
        assert(before !== 'achieved', `the dashboard starts with the mine not restored (${before})`);

        // Fly to the mine and click it.
        const mine = await (await fetch(`${url}api/projects/mines`, { headers: { cookie: `xg_session=${(await bureau.page.context().cookies())[0].value}` } })).json() as { features: { properties: { id: string }; geometry: { coordinates: number[][][] } }[] };
        const ring = mine.features.find((f) => f.properties.id === 'mine-01')!.geometry.coordinates[0];
        const centre = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
        await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c as [number, number], zoom: 16 }), centre);
        const target = await waitForValue(page, () => {
          const map = (window as MapWindow).__map!;
          if (!map.loaded() || !map.getLayer('mines::fill')) return null;
          const canvas = map.getCanvas();
          const w = canvas.clientWidth, h = canvas.clientHeight;
          const hits = map.queryRenderedFeatures({ layers: ['mines::fill'] }).filter((f) => f.properties.id === 'mine-01');
          if (!hits.length) return { none: true, n: map.queryRenderedFeatures().length, w, h } as unknown as null;
          for (let y = 10; y < h - 10; y += 6) {
            for (let x = 10; x < w - 10; x += 6) {
              // As MapView picks: the top interactive feature, at a point where the map itself is under the pointer.
              const interactive = ['carbon-pilots::fill', 'wetlands::fill', 'mines::fill', 'pv::fill', 'wind-farms::fill', 'wind-turbines::circle', 'substations::circle', 'stands::fill'];
              const hit = map.queryRenderedFeatures([x, y], { layers: interactive.filter((id) => map.getLayer(id)) })[0];
              const rect = canvas.getBoundingClientRect();
              if (hit?.layer.id === 'mines::fill' && hit.properties.id === 'mine-01' && document.elementFromPoint(rect.left + x, rect.top + y) === canvas) return { x, y };
            }
          }
          return null;
        }, 60_000, 'the 方岭排 mine on screen');
        if ((target as unknown as { none?: boolean }).none) await page.screenshot({ path: '/tmp/i16-shot.png' });
        assert(!(target as unknown as { none?: boolean }).none, `mine-01 rendered: ${JSON.stringify(target)}`);
        const box = (await page.locator('[data-testid="map"] canvas').first().boundingBox())!;
        await page.mouse.click(box.x + target!.x, box.y + target!.y);
        const popup = page.getByTestId('feature-popup');
        await popup.waitFor({ timeout: 10_000 });
        await popup.getByTestId('project-edit').click();
        await popup.getByTestId('project-form-status').selectOption('已修复');
        await popup.getByTestId('project-form-year').fill('1999');
        await popup.getByTestId('project-save').click();
        await waitForValue(page, () => document.querySelector('[data-testid="project-message"]')?.textContent?.includes('2000') ?? false, 10_000, 'a bad year is refused with its reason');
        // A completion year in the future is refused, in Chinese, in red.
        const future = new Date().getFullYear() + 1;
        await popup.getByTestId('project-form-year').fill(String(future));
        await popup.getByTestId('project-save').click();
        await waitForValue(page, (y) => document.querySelector('[data-testid="project-message"]')?.textContent?.includes(`完成年份 ${y} 晚于今年`) ?? false, 10_000, 'a future completion year refused', future);
        const refusal = popup.getByTestId('project-message');
        assert(await refusal.getAttribute('data-bad') === 'true' && (await refusal.evaluate((e) => getComputedStyle(e).color)) === 'rgb(183, 28, 28)', 'a refusal is red');
        assert((await api<FeatureCollection>(page, url, 'api/projects/mines')).features.find((f) => f.properties!.id === 'mine-01')!.properties!.status !== '已修复', 'nothing saved');
        await popup.getByTestId('project-form-year').fill('2025');
        await popup.getByTestId('project-save').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="project-change"]').length === 1, 20_000, 'the change in the history');
        // Saved: said in green, not red; the popup's own table shows the new year at once (it showed the old one).
        const saved = popup.getByTestId('project-message');
        assert((await saved.textContent()) === '已保存' && await saved.getAttribute('data-bad') === 'false', `the success message: ${await saved.textContent()}`);
        const savedColour = await saved.evaluate((e) => getComputedStyle(e).color);
        assert(savedColour !== 'rgb(183, 28, 28)' && savedColour === 'rgb(27, 94, 32)', `success is not red (${savedColour})`);
        assert((await popup.locator('tr[data-field="restored_year"] td').textContent())?.includes('2025'), `the popup table re-read: ${await popup.locator('tr[data-field="restored_year"] td').textContent()}`);
        assert((await popup.locator('tr[data-field="status"] td').textContent()) === '已修复', 'and its status');
        const row = (await popup.getByTestId('project-change').first().textContent())!;
        assert(row.includes('eve') && row.includes('状态：修复中 → 已修复') && row.includes('修复年度：— → 2025'), `the history names the editor and the change, fields by name: ${row}`);
        assert(!/restored_year|status:/.test(row), `no raw field keys: ${row}`);

        await waitForValue(page, () => document.querySelector('[data-testid="target-mine_fanglingpai"]')?.getAttribute('data-status') === 'achieved', 30_000, 'the dashboard target achieved at once');
        assert((await publicMineStatus(pub.page, url)) === publicBefore, 'the public page has not moved before 发布');

        await page.getByTestId('publish').click();
        await waitForValue(page, () => /第 1 版/.test(document.querySelector('[data-testid="publish-message"]')?.textContent ?? ''), 120_000, 'published snapshot 1');
        assert((await publicMineStatus(pub.page, url)) === 'achieved', 'the public page moved after 发布');

        await popup.getByTestId('project-revert').first().click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="project-change"]').length === 2, 20_000, 'the revert in the history');
        const rows = await popup.getByTestId('project-change').allTextContents();
        assert(rows[0].includes('eve') && rows[0].includes('撤销') && rows[1].includes('修改'), `revert then edit, by eve: ${rows.join(' | ')}`);
        await waitForValue(page, () => document.querySelector('[data-testid="target-mine_fanglingpai"]')?.getAttribute('data-status') !== 'achieved', 30_000, 'the dashboard back after the revert');
        assert((await publicMineStatus(pub.page, url)) === 'achieved', 'the public page keeps snapshot 1 until the next 发布');
        assert(bureau.pageErrors.length === 0, `no page errors: ${bureau.pageErrors.join('; ')}`);
        await bureau.page.context().close();
        await pub.page.context().close();
      },
    },
    {
      name: 'an editor draws a mine on the map, imports one from GeoJSON (bad files named) and retires the drawn one: map, histories, dashboard stock vs turf, public only after 发布',
      async run() {
        bureau = await openPage(browser, { width: 1280, height: 900 });
        const { page } = bureau;
        await page.goto(`${url}?dashboard`);
        await page.locator('[data-testid="totals"] tr[data-total="carbon_stock_tCO2e"] td').waitFor({ timeout: 120_000 });
        // The public baseline: a 发布 of the state as this test finds it (earlier tests edited and published).
        const first = (await api<{ snapshots: unknown[] }>(page, url, 'api/public-snapshots')).snapshots.length + 1;
        await page.getByTestId('publish').click();
        await waitForValue(page, (n) => (document.querySelector('[data-testid="publish-message"]')?.textContent ?? '').includes(`第 ${n} 版`), 180_000, `published snapshot ${first}`, first);
        pub = await openPage(browser);
        const publicBefore = await publicProgress(pub.page, url);
        const year = Number(await page.getByTestId('dashboard-year').getAttribute('data-year'));
        const stock0 = await dashboardStock(page);
        const tools = page.getByTestId('project-tools');
        await tools.waitFor({ timeout: 30_000 });
        assert(await tools.getByTestId('project-tools-layer').inputValue() === 'mines', 'the tools start on the mines layer');

        // An empty stretch inside a township, well away from the plan's mines.
        const towns = await api<FeatureCollection<Polygon>>(page, url, 'api/projects/townships');
        const anchor = pointOnFeature(towns.features[3] as Feature<Polygon>).geometry.coordinates as [number, number];
        await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c, zoom: 15 }), anchor);
        await waitForValue(page, () => (window as MapWindow).__map!.loaded(), 60_000, 'the map settled');

        // Draw: four clicks and the first vertex again.
        await tools.getByTestId('project-draw').click();
        await page.getByTestId('project-draw-hint').waitFor({ timeout: 30_000 });
        await waitForValue(page, () => !!(window as unknown as { __projectDraw?: unknown }).__projectDraw, 30_000, 'Terra Draw on the map');
        const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
        const cx = box.width / 2, cy = box.height / 2;
        const pts: [number, number][] = [[cx - 80, cy - 60], [cx + 80, cy - 60], [cx + 80, cy + 60], [cx - 80, cy + 60]];
        for (const [x, y] of [...pts, pts[0]]) {
          await page.mouse.move(box.x + x, box.y + y, { steps: 3 });
          await page.mouse.click(box.x + x, box.y + y);
          await page.waitForTimeout(250);
        }
        const draft = page.getByTestId('project-draft');
        await draft.waitFor({ timeout: 30_000 });
        assert(await page.getByTestId('feature-popup').count() === 0, 'no popup opened by the drawing clicks');
        const shownArea = Number(await draft.getByTestId('project-draft-area').getAttribute('data-area-m2'));
        const areaText = (await draft.getByTestId('project-draft-area').textContent())!;
        assert(/亩/.test(areaText) && /公顷/.test(areaText), `the area in 亩 and 公顷: ${areaText}`);
        await draft.getByTestId('project-draft-name').fill('测试绘制矿山');
        await draft.getByTestId('project-draft-status').selectOption('已修复');
        await draft.getByTestId('project-draft-year').fill('2020');
        await draft.getByTestId('project-draft-save').click();
        await waitForValue(page, () => document.querySelector('[data-testid="project-tools-message"]')?.textContent?.includes('测试绘制矿山') ?? false, 30_000, 'the drawn mine saved');

        const mines = await api<FeatureCollection<Polygon>>(page, url, 'api/projects/mines');
        const drawnMine = mines.features.find((f) => f.properties!.name === '测试绘制矿山')!;
        assert(drawnMine, 'the drawn mine is in the API');
        const drawnId = String(drawnMine.properties!.id);
        assert(drawnMine.properties!.status === '已修复' && drawnMine.properties!.restored_year === 2020, `its fields: ${JSON.stringify(drawnMine.properties)}`);
        assert(drawnMine.geometry.coordinates[0].length === 5, `four corners and the closing vertex: ${JSON.stringify(drawnMine.geometry.coordinates)}`);
        const drawnArea = turfArea(drawnMine);
        assert(drawnArea > 50_000 && Math.abs(shownArea - drawnArea) / drawnArea < 0.01, `the area shown (${shownArea.toFixed(0)} m²) is turf's of the stored polygon (${drawnArea.toFixed(0)} m²)`);
        await waitForValue(page, (id) => (window as MapWindow).__map!.querySourceFeatures('src:mines.geojson').some((f) => String(f.properties.id) === id), 30_000, 'the drawn mine on the map', drawnId);
        const firstChange = (await tools.getByTestId('project-tools-change').first().textContent())!;
        assert(firstChange.includes('eve') && firstChange.includes('新建') && firstChange.includes('测试绘制矿山'), `the tools' history: ${firstChange}`);

        const tolerance = (v: number) => Math.max(2, Math.abs(v) * 0.01);
        const drawnStock = mineCarbon(drawnArea, 2020, year, DEFAULT_FACTORS).carbon_stock_tCO2e;
        assert(drawnStock > 10, `a restored mine of ${drawnArea.toFixed(0)} m² adds carbon (${drawnStock})`);
        await waitForValue(page, () => document.querySelector('[data-testid="totals"] tr[data-total="carbon_stock_tCO2e"] td')?.textContent, 30_000, 'the stock');
        const stock1 = (await waitForValue(page, (s0) => {
          const t = document.querySelector('[data-testid="totals"] tr[data-total="carbon_stock_tCO2e"] td')?.textContent ?? '';
          const v = Number(/^[\d,]+/.exec(t)?.[0].replace(/,/g, ''));
          return v !== s0 ? v : null;
        }, 60_000, 'the dashboard stock moved', stock0))!;
        assert(Math.abs(stock1 - stock0 - drawnStock) <= tolerance(drawnStock), `dashboard stock +${stock1 - stock0} t CO₂e, independent ${drawnStock.toFixed(1)}`);

        // Bad files: a broken GeoJSON and points for a polygon layer, each refused with a message naming the file.
        const input = tools.getByTestId('project-import-file');
        await input.setInputFiles({ name: '坏文件.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature",') });
        await waitForValue(page, () => document.querySelector('[data-testid="project-tools-message"]')?.textContent?.startsWith('坏文件.geojson') ?? false, 30_000, 'the broken file named');
        const pointFile = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [anchor[0], anchor[1]] } }] };
        await input.setInputFiles({ name: 'points.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(pointFile)) });
        await waitForValue(page, () => /^points\.geojson：.*是 点，.*多边形/.test(document.querySelector('[data-testid="project-tools-message"]')?.textContent ?? ''), 30_000, 'the wrong kind named (in Chinese)');
        assert(await page.getByTestId('project-draft').count() === 0, 'nothing offered for saving after a bad file');

        // A good file: one polygon 0.02° east of the drawing.
        const [ax, ay] = [anchor[0] + 0.02, anchor[1]];
        const square: Feature<Polygon> = { type: 'Feature', properties: { name: '导入矿山甲' }, geometry: { type: 'Polygon', coordinates: [[[ax, ay], [ax + 0.004, ay], [ax + 0.004, ay + 0.003], [ax, ay + 0.003], [ax, ay]]] } };
        await input.setInputFiles({ name: 'mines-2026.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [square] })) });
        await draft.waitFor({ timeout: 30_000 });
        assert(await draft.getByTestId('project-draft-name').inputValue() === '导入矿山甲', 'the name comes from the file');
        await draft.getByTestId('project-draft-status').selectOption('已修复');
        await draft.getByTestId('project-draft-year').fill('2021');
        await draft.getByTestId('project-draft-save').click();
        await waitForValue(page, () => /mines-2026\.geojson：已添加 1 个要素/.test(document.querySelector('[data-testid="project-tools-message"]')?.textContent ?? ''), 30_000, 'the import saved');
        const importedStock = mineCarbon(turfArea(square), 2021, year, DEFAULT_FACTORS).carbon_stock_tCO2e;
        const stock2 = (await waitForValue(page, (s1) => {
          const t = document.querySelector('[data-testid="totals"] tr[data-total="carbon_stock_tCO2e"] td')?.textContent ?? '';
          const v = Number(/^[\d,]+/.exec(t)?.[0].replace(/,/g, ''));
          return v !== s1 ? v : null;
        }, 60_000, 'the dashboard stock moved again', stock1))!;
        assert(Math.abs(stock2 - stock1 - importedStock) <= tolerance(importedStock), `dashboard stock +${stock2 - stock1} after the import, independent ${importedStock.toFixed(1)}`);
        const importedId = String((await api<FeatureCollection<Polygon>>(page, url, 'api/projects/mines')).features.find((f) => f.properties!.name === '导入矿山甲')!.properties!.id);
        // Both mines in view (querySourceFeatures sees the tiles on screen only).
        await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c, zoom: 13.5 }), [anchor[0] + 0.011, anchor[1]] as [number, number]);
        await waitForValue(page, (ids) => ids.every((id) => (window as MapWindow).__map!.querySourceFeatures('src:mines.geojson').some((f) => String(f.properties.id) === id)), 30_000, 'the drawn and the imported mine on the map', [drawnId, importedId]);

        // Retire the drawn mine from its popup: a reason is required; then it leaves the map and the figure.
        const at = (await featurePixel(page, 'mines::fill', drawnId))!;
        await page.mouse.click(box.x + at.x, box.y + at.y);
        const popup = page.getByTestId('feature-popup');
        await popup.waitFor({ timeout: 20_000 });
        await popup.getByTestId('project-retire').click();
        const confirm = popup.getByTestId('project-retire-confirm');
        assert((await confirm.textContent())!.includes('测试绘制矿山'), 'the confirmation names the feature');
        await popup.getByTestId('project-retire-yes').click();
        await waitForValue(page, () => document.querySelector('[data-testid="project-message"]')?.textContent?.includes('停用原因') ?? false, 10_000, 'a reason is required');
        assert((await api<FeatureCollection>(page, url, 'api/projects/mines')).features.some((f) => String(f.properties!.id) === drawnId), 'nothing retired without a reason');
        await popup.getByTestId('project-retire-reason').fill('与相邻图斑重复，测试停用');
        await popup.getByTestId('project-retire-yes').click();
        await waitForValue(page, () => document.querySelector('[data-testid="project-change"]')?.getAttribute('data-action') === 'retire', 20_000, 'the retirement in the popup history');
        const retireRow = (await popup.getByTestId('project-change').first().textContent())!;
        assert(retireRow.includes('eve') && retireRow.includes('停用') && retireRow.includes('与相邻图斑重复，测试停用'), `the popup history names the editor and the reason: ${retireRow}`);
        assert(await popup.getByTestId('project-edit').count() === 0, 'a retired feature is not edited');
        await waitForValue(page, (id) => !(window as MapWindow).__map!.querySourceFeatures('src:mines.geojson').some((f) => String(f.properties.id) === id), 30_000, 'the retired mine off the map', drawnId);
        assert((await minesOnMap(page)).includes(importedId), 'the imported mine stays');
        await waitForValue(page, () => document.querySelector('[data-testid="project-tools-change"]')?.getAttribute('data-action') === 'retire', 20_000, 'the retirement in the tools history');
        const stock3 = (await waitForValue(page, (s2) => {
          const t = document.querySelector('[data-testid="totals"] tr[data-total="carbon_stock_tCO2e"] td')?.textContent ?? '';
          const v = Number(/^[\d,]+/.exec(t)?.[0].replace(/,/g, ''));
          return v !== s2 ? v : null;
        }, 60_000, 'the dashboard stock after the retirement', stock2))!;
        assert(Math.abs(stock3 - stock0 - importedStock) <= tolerance(importedStock), `after retiring the drawn mine the stock is the start + the imported mine: ${stock3} vs ${stock0} + ${importedStock.toFixed(1)}`);

        // The public page: unchanged until 发布, then the imported (not the retired) mine is in its county stock.
        const publicMid = await publicProgress(pub.page, url);
        assert(publicMid.county.carbon_stock_tCO2e === publicBefore.county.carbon_stock_tCO2e, `the public stock has not moved before 发布 (${publicMid.county.carbon_stock_tCO2e})`);
        const next = (await api<{ snapshots: unknown[] }>(page, url, 'api/public-snapshots')).snapshots.length + 1;
        await page.getByTestId('publish').click();
        await waitForValue(page, (n) => (document.querySelector('[data-testid="publish-message"]')?.textContent ?? '').includes(`第 ${n} 版`), 180_000, `published snapshot ${next}`, next);
        const publicAfter = await publicProgress(pub.page, url);
        const publicImported = mineCarbon(turfArea(square), 2021, publicAfter.as_of_year, DEFAULT_FACTORS).carbon_stock_tCO2e;
        const publicDelta = publicAfter.county.carbon_stock_tCO2e - publicBefore.county.carbon_stock_tCO2e;
        assert(Math.abs(publicDelta - publicImported) <= tolerance(publicImported), `public stock +${publicDelta} after 发布, independent ${publicImported.toFixed(1)}`);

        // Revert the retirement from the tools' history: the drawn mine comes back.
        await tools.getByTestId('project-tools-revert').first().click();
        await waitForValue(page, (id) => (window as MapWindow).__map!.querySourceFeatures('src:mines.geojson').some((f) => String(f.properties.id) === id), 30_000, 'the drawn mine back on the map after the revert', drawnId);
        assert(bureau.pageErrors.length === 0, `no page errors: ${bureau.pageErrors.join('; ')}`);
        await bureau.page.context().close();
        await pub.page.context().close();
      },
    },
    {
      name: 'reverting an older change in the popup reverts only its own fields (a later rename stays); when a later change touched the same field it asks, names that change, and only then overwrites',
      async run() {
        bureau = await openPage(browser, { width: 1280, height: 900 });
        const { page } = bureau;
        await page.goto(url);
        const mine = (await api<FeatureCollection<Polygon>>(page, url, 'api/projects/mines')).features.find((f) => f.properties!.id === 'mine-03')!;
        const year0 = mine.properties!.restored_year as number;
        await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c, zoom: 16 }), pointOnFeature(mine).geometry.coordinates as [number, number]);
        const at = (await featurePixel(page, 'mines::fill', 'mine-03'))!;
        const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
        await page.mouse.click(box.x + at.x, box.y + at.y);
        const popup = page.getByTestId('feature-popup');
        await popup.getByTestId('project-history').waitFor({ timeout: 20_000 });
        const edit = async (field: 'notes' | 'name' | 'year', value: string, changes: number) => {
          await popup.getByTestId('project-edit').click();
          await popup.getByTestId(`project-form-${field}`).fill(value);
          await popup.getByTestId('project-save').click();
          await waitForValue(page, (n) => document.querySelectorAll('[data-testid="project-change"]').length === n, 20_000, `${changes} changes in the history`, changes);
        };
        const server = async () => (await api<FeatureCollection<Polygon>>(page, url, 'api/projects/mines')).features.find((f) => f.properties!.id === 'mine-03')!.properties!;
        await edit('notes', '第一次修改', 1);
        await edit('name', '三号矿改名', 2);
        const rows = await popup.getByTestId('project-change-summary').allTextContents();
        assert(rows[1] === '备注：— → 第一次修改' && rows[0].startsWith('名称：') && rows[0].endsWith('→ 三号矿改名'), `the history in field names: ${rows.join(' | ')}`);
        // 撤销 on the older change (#1): only its field goes back; the rename (#2) stays — the old revert renamed it back too.
        await popup.getByTestId('project-revert').nth(1).click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="project-change"]').length === 3, 20_000, 'the revert in the history');
        const note = (await popup.getByTestId('project-message').textContent())!;
        assert(note.includes('已撤销：备注') && note.includes('此后 1 次修改（名称）保留不变'), `the revert says what it did and kept: ${note}`);
        const after = await server();
        assert(after.name === '三号矿改名' && (after.notes ?? '') === '', `the server kept the rename, reverted the note: ${JSON.stringify(after)}`);
        assert((await popup.locator('.feature-popup__title').textContent()) === '三号矿改名', 'the popup keeps the new name');
        // Two year changes; reverting the first would overwrite the second: it asks, naming it.
        await edit('year', String(year0 + 1), 4);
        await edit('year', String(year0 + 2), 5);
        await popup.getByTestId('project-revert').nth(1).click();
        const ask = popup.getByTestId('project-revert-confirm');
        await ask.waitFor({ timeout: 10_000 });
        const later = await ask.getByTestId('project-revert-later').allTextContents();
        assert(later.length === 1 && later[0].includes('eve') && later[0].includes('修复年度'), `the later change named: ${later.join(' | ')}`);
        assert((await ask.textContent())!.includes('撤销这次修改（修复年度）会覆盖此后的修改'), `the question: ${await ask.textContent()}`);
        await ask.getByTestId('project-revert-cancel').click();
        assert((await server()).restored_year === year0 + 2 && await popup.getByTestId('project-change').count() === 5, 'cancelled: nothing changed');
        await popup.getByTestId('project-revert').nth(1).click();
        await popup.getByTestId('project-revert-yes').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="project-change"]').length === 6, 20_000, 'the confirmed revert in the history');
        assert((await server()).restored_year === year0, `the year before that change (${year0})`);
        assert((await popup.locator('tr[data-field="restored_year"] td').textContent())?.includes(String(year0)), 'the popup table follows');
        assert((await popup.getByTestId('project-message').textContent())!.includes('覆盖了此后 1 次修改'), 'the overwrite is said');
        assert(bureau.pageErrors.length === 0, `no page errors: ${bureau.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
    {
      name: 'a viewer sees no editing tools: no project panel, no 编辑 / 停用, no 发布; the server refuses a retirement',
      async run() {
        const viewer = await openPage(browser, { width: 1280, height: 900 });
        const { page } = viewer;
        await page.context().clearCookies();
        const token = await signIn(url, 'vic');
        await page.context().addCookies([sessionCookie(url, token)]);
        await page.goto(url);
        await page.getByTestId('session-user').waitFor({ timeout: 60_000 });
        assert((await page.getByTestId('session-user').textContent())!.includes('vic'), 'signed in as the viewer');
        const mine = (await api<FeatureCollection<Polygon>>(page, url, 'api/projects/mines')).features.find((f) => f.properties!.id === 'mine-01')!;
        await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c, zoom: 16 }), pointOnFeature(mine).geometry.coordinates as [number, number]);
        const at = (await featurePixel(page, 'mines::fill', 'mine-01'))!;
        const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
        await page.mouse.click(box.x + at.x, box.y + at.y);
        await page.getByTestId('project-history').waitFor({ timeout: 20_000 });
        assert(await page.getByTestId('project-tools').count() === 0, 'no project tools for a viewer');
        assert(await page.getByTestId('project-edit').count() === 0 && await page.getByTestId('project-retire').count() === 0, 'no 编辑 / 停用 for a viewer');
        assert(await page.getByTestId('project-revert').count() === 0 && await page.getByTestId('publish').count() === 0, 'no 撤销 / 发布 for a viewer');
        const status = await page.evaluate(async () => {
          const s = await (await fetch('api/session')).json() as { csrf: string };
          const r = await fetch('api/projects/mines/mine-01', { method: 'DELETE', headers: { 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'viewer' }) });
          return r.status;
        });
        assert(status === 403, `the server refuses the viewer's retirement (${status})`);
        assert(viewer.pageErrors.length === 0, `no page errors: ${viewer.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
  ];
}
