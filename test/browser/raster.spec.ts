// Raster layers on the bureau's map (issue 25 items 1 and 4), on a build of a data folder into which two GeoTIFFs were
// imported with `npm run data:raster` (raster-fixture.ts), served by the real server: each appears in the layer panel
// with its legend and is drawn under the stands at the right place (the colour read from the canvas at a known
// coordinate is its class colour), its COG is read by HTTP Range; the swipe comparison shows one on each side of a
// divider moved by keyboard and mouse and follows the year control; the declared intranet tile service is the only
// origin outside the app the page may reach (CSP and requests) and is reached only when its layer is on.
import type { Browser, Page } from 'playwright-core';
import { assert, type BrowserTest, foreignRequests, openPage, type RecordedPage, screenshotPath, waitForValue } from './harness.ts';
import { FIXTURE_CLASSES, TILE_COLOUR, type RasterFixture } from './raster-fixture.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };
type RGB = [number, number, number];

const hex = (c: string): RGB => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as RGB;
const near = (a: number[], b: number[], tol = 6) => a.slice(0, 3).every((v, i) => Math.abs(v - b[i]) <= tol);

/** The canvas pixel under a lon/lat, read in MapLibre's render event (the drawing buffer still holds the frame). */
function pixelAt(page: Page, lngLat: [number, number]): Promise<number[]> {
  return page.evaluate(([lng, lat]) => new Promise<number[]>((resolve) => {
    const map = (window as MapWindow).__map!;
    map.once('render', () => {
      const canvas = map.getCanvas();
      const gl = canvas.getContext('webgl2') as WebGL2RenderingContext;
      const ratio = gl.drawingBufferWidth / canvas.clientWidth;
      const p = map.project([lng, lat]);
      const px = new Uint8Array(4);
      gl.readPixels(Math.floor(p.x * ratio), Math.floor(gl.drawingBufferHeight - p.y * ratio), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      resolve(Array.from(px));
    });
    map.triggerRepaint();
  }), lngLat);
}

/** Waits until the pixel under `lngLat` has `want` (tiles arrive asynchronously); fails with the last colour seen. */
async function waitColour(page: Page, lngLat: [number, number], want: RGB, what: string, timeoutMs = 40_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: number[] = [];
  while (Date.now() < end) {
    last = await pixelAt(page, lngLat);
    if (near(last, want)) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`${what}: expected rgb(${want.join(',')}) at ${lngLat.map((v) => v.toFixed(6)).join(', ')}, the canvas shows rgba(${last.join(',')})`);
}

async function openMap(rec: RecordedPage, appUrl: string, centre: [number, number], zoom = 17): Promise<void> {
  await rec.page.goto(appUrl);
  await waitForValue(rec.page, () => { const m = (window as MapWindow).__map; return !!m && !!m.getLayer('stands::fill') && m.loaded(); }, 120_000, 'the map loaded');
  await rec.page.evaluate(([c, z]) => (window as MapWindow).__map!.jumpTo({ center: c as [number, number], zoom: z as number }), [centre, zoom] as const);
}

/** The screen x (CSS px from the map's left edge) of a lon/lat, and the map's width. */
const screenX = (page: Page, lngLat: [number, number]) =>
  page.evaluate((c) => { const m = (window as MapWindow).__map!; return { x: m.project(c).x, width: m.getCanvas().clientWidth }; }, lngLat);

export function rasterTests(browser: Browser, appUrl: string, fixture: RasterFixture): BrowserTest[] {
  const early = `raster-${fixture.ids.early}`;
  const late = `raster-${fixture.ids.late}`;
  const [a, b, c] = FIXTURE_CLASSES.map((k) => hex(k.colour));
  return [
    {
      name: 'an imported GeoTIFF is a layer with its legend, drawn under the stands at the right place (pixel colours at known coordinates), read by HTTP Range',
      async run() {
        const rec = await openPage(browser);
        const ranges: string[] = [];
        rec.page.on('request', (r) => { if (r.url().includes('/data/rasters/')) ranges.push(`${r.url().split('/').pop()} ${r.headers().range ?? 'no range'}`); });
        await openMap(rec, appUrl, fixture.block);
        const item = rec.page.getByTestId(`layer-${late}`);
        assert(await item.getByText('测试栅格 2024').count() === 1, 'the imported raster is listed by its name');
        await item.getByRole('checkbox').check();
        // legend: one swatch per class of the imported class table, in the table's colours
        const legend = item.getByTestId(`legend-${late}`);
        assert((await legend.locator('li').allTextContents()).join('|') === FIXTURE_CLASSES.map((k) => k.name.zh).join('|'), 'legend lists the classes');
        // drawn under every stand layer (the registry's order)
        const order = await rec.page.evaluate((id) => { const ids = (window as MapWindow).__map!.getStyle().layers.map((l) => l.id); return { raster: ids.indexOf(`${id}::raster`), stands: ids.indexOf('stands::fill') }; }, late);
        assert(order.raster >= 0 && order.raster < order.stands, `raster layer below the stands (indices ${order.raster}, ${order.stands})`);
        // the colour at known coordinates, with the stands hidden so that nothing is blended over it
        await rec.page.getByTestId('layer-stands').getByRole('checkbox').uncheck();
        await waitColour(rec.page, fixture.block, b, 'the 5 × 5 block (class 2) at its centre');
        await waitColour(rec.page, fixture.background, c, 'the background (class 3) 10 pixels east');
        await rec.page.screenshot({ path: screenshotPath('raster-imported') });
        assert(ranges.length > 0 && ranges.every((r) => /bytes=\d+-\d+/.test(r)), `COG read by byte ranges: ${ranges.join('; ')}`);
        assert(foreignRequests(rec.requests, appUrl).length === 0, `requests outside the app: ${foreignRequests(rec.requests, appUrl).join(', ')}`);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await rec.page.context().close();
      },
    },
    {
      name: 'swipe: 2020 left and 2024 right of the divider; moved by keyboard and by mouse; the right side follows the year control',
      async run() {
        const rec = await openPage(browser, { width: 1100, height: 700 });
        const { page } = rec;
        // z18: a raster pixel is ~19 screen pixels and the 600 m raster covers the map
        await openMap(rec, appUrl, fixture.background, 18);
        await page.getByTestId('layer-stands').getByRole('checkbox').uncheck();
        await page.getByTestId('swipe-toggle').check();
        await page.getByTestId('swipe-left').selectOption(early);
        await page.getByTestId('swipe-right').selectOption(late);
        // the background pixel sits in the middle of the map: put it 100 px left of the divider (at 50 %)
        await page.evaluate((p) => { const m = (window as MapWindow).__map!; m.jumpTo({ center: m.unproject([m.project(p).x + 100, m.project(p).y]) }); }, fixture.background);
        const { x, width } = await screenX(page, fixture.background);
        assert(Math.abs(x - (width / 2 - 100)) < 2, `the point is left of the divider (x ${x}, width ${width})`);
        await waitColour(page, fixture.background, a, 'left of the divider: 2020 (class 1)');
        const handle = page.getByTestId('swipe-handle');
        assert(await handle.getAttribute('role') === 'slider' && await handle.getAttribute('aria-valuenow') === '50', 'the handle is a slider at 50');
        // keyboard: Shift+← three times moves the divider 30 % left, past the point: it is now on the right (2024)
        await handle.focus();
        for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
        assert(await handle.getAttribute('aria-valuenow') === '20', `Shift+← ×3 → 20 (got ${await handle.getAttribute('aria-valuenow')})`);
        await page.keyboard.press('ArrowRight');
        assert(await handle.getAttribute('aria-valuenow') === '21', '→ adds 1');
        await waitColour(page, fixture.background, c, 'right of the divider after the keyboard: 2024 (class 3)');
        const divider = await page.getByTestId('swipe-divider').boundingBox();
        const mapBox = await page.getByTestId('map').boundingBox();
        assert(divider && mapBox && Math.abs(divider.x - (mapBox.x + 0.21 * mapBox.width)) < 3, 'the divider is drawn at 21 %');
        // mouse: drag the handle to halfway between the point and one 6 raster pixels east of it (still in the raster):
        // the point is on the left again (2020), the other one on the right (2024)
        const right = fixture.east;
        const xr = (await screenX(page, right)).x;
        assert(xr > x + 60 && xr < width - 10, `the east point is on the map (x ${xr.toFixed(0)}, point ${x.toFixed(0)}, width ${width})`);
        const target = (x + xr) / 2;
        const h = (await handle.boundingBox())!;
        await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
        await page.mouse.down();
        await page.mouse.move(mapBox!.x + (h.x + h.width / 2 - mapBox!.x + target) / 2, h.y + h.height / 2, { steps: 5 });
        await page.mouse.move(mapBox!.x + target, h.y + h.height / 2, { steps: 5 });
        await page.mouse.up();
        const now = Number(await handle.getAttribute('aria-valuenow'));
        assert(Math.abs(now - (100 * target) / mapBox!.width) <= 1, `dragged to ${((100 * target) / mapBox!.width).toFixed(1)} % (aria-valuenow ${now})`);
        await waitColour(page, fixture.background, a, 'left of the divider after the drag: 2020 (class 1)');
        await waitColour(page, right, c, 'right of the divider after the drag: 2024 (class 3)');
        await page.screenshot({ path: screenshotPath('raster-swipe') });
        // the year control: at 2021 the right side shows the series' raster of 2021 — the 2020 one
        await page.getByTestId('year-slider').fill('2021');
        await waitForValue(page, () => (document.querySelector('[data-testid="swipe-right"]') as HTMLSelectElement).value, 10_000, 'right side follows the year');
        assert(await page.getByTestId('swipe-right').inputValue() === early, `right side at 2021: ${await page.getByTestId('swipe-right').inputValue()}`);
        await waitColour(page, right, a, 'right of the divider at 2021: the 2020 raster');
        await page.getByTestId('year-slider').fill('2025');
        await waitColour(page, right, c, 'right of the divider at 2025: the 2024 raster');
        // swipe off: both sides show the upper layer of the two (2024 lies above 2020 in the registry)
        await page.getByTestId('swipe-toggle').uncheck();
        await waitColour(page, fixture.background, c, 'swipe off: the 2024 raster over the whole map');
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.context().close();
      },
    },
    {
      name: 'nothing outside the origin unless declared: the CSP allows exactly the intranet tile origin, which is asked only when its layer is on',
      async run() {
        const rec = await openPage(browser);
        fixture.tiles.requests.length = 0;
        await openMap(rec, appUrl, fixture.block);
        // the page's CSP (as served): exactly the declared origin, for images and fetches only
        const csp = await rec.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
        const origins = [...new Set(csp.match(/https?:\/\/[^\s;]+/g) ?? [])];
        assert(origins.length === 1 && origins[0] === fixture.tiles.origin, `CSP origins: ${origins.join(', ')}`);
        const allows = (directive: string) => new RegExp(`${directive} [^;]*${fixture.tiles.origin.replace(/[.:/]/g, '\\$&')}`).test(csp);
        assert(allows('img-src') && allows('connect-src') && !allows('script-src') && !allows('default-src'), `the origin only for images and fetches: ${csp}`);
        await rec.page.getByTestId('layer-stands').getByRole('checkbox').uncheck();
        await rec.page.getByTestId(`layer-${late}`).getByRole('checkbox').check();
        await waitColour(rec.page, fixture.background, c, 'the COG raster');
        assert(foreignRequests(rec.requests, appUrl).length === 0 && fixture.tiles.requests.length === 0, `nothing outside the app while the service is off: ${foreignRequests(rec.requests, appUrl).join(', ')}`);
        const item = rec.page.getByTestId('layer-intranet-dom');
        await item.getByRole('checkbox').check();
        await rec.page.getByTestId(`layer-${late}`).getByRole('checkbox').uncheck();
        await waitColour(rec.page, fixture.background, TILE_COLOUR, 'the intranet tile');
        const foreign = foreignRequests(rec.requests, appUrl);
        assert(foreign.length > 0 && foreign.every((u) => u.startsWith(`${fixture.tiles.origin}/dom/`)), `outside requests go to the declared origin only: ${foreign.slice(0, 5).join(', ')}`);
        assert(fixture.tiles.requests.every((u) => /^\/dom\/\d+\/\d+\/\d+\.png$/.test(u)), `tile requests: ${fixture.tiles.requests.slice(0, 3).join(', ')}`);
        assert(rec.pageErrors.length === 0 && !rec.consoleErrors.some((e) => /Content Security Policy/i.test(e)), `errors: ${[...rec.pageErrors, ...rec.consoleErrors].join('; ')}`);
        await rec.page.context().close();
      },
    },
  ];
}
