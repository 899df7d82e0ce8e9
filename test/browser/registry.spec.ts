// "Adding a display-and-analysis layer is one registry entry plus its data" (issue 13), shown end to end: a copy of
// data/ gains one GeoJSON file and one entry in extra-layers.json (src/layers/extra-layers.ts) — no code changes — and
// the bureau's app built against it draws the layer, lists it in the layer panel with a legend from its numeric colour
// channel, and reports it in the planner's site analysis with the area an independent computation (@turf/area) gives;
// the public page built from the same folder holds none of it.
import turfArea from '@turf/area';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { readExtraLayers } from '../../scripts/vite/extra-layers.ts';
import { EXTRA_LAYERS_FILE } from '../../src/layers/extra-layers.ts';
import { scanPublicBuild } from '../public-scan.ts';
import { assert, type BrowserTest, foreignRequests, openPage, screenshotPath, waitForValue } from './harness.ts';
import { signIn, type TestSite } from './server.ts';
import { publicDataFiles } from '../../src/public-page/layers.ts';
import { drawPolygon } from './planner.spec.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map; __draw?: unknown };

export const FIXTURE_LAYER = {
  id: 'nursery-plots',
  name: { zh: '苗圃地块', en: 'Tree nurseries' },
  file: 'nursery-plots.geojson',
  /** seedlings per plot: one in each class of the colour channel's breaks [1000, 5000] */
  seedlings: [800, 3000, 6000],
};

const MU = 10_000 / 15;

/** A square of `sideM` metres centred on [lon, lat] (small enough that a plane approximation is exact to well under 0.1 %). */
function square(lon: number, lat: number, sideM: number): Polygon {
  const dLat = sideM / 2 / 111_320;
  const dLon = sideM / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] };
}

export interface RegistryFixture {
  dataDir: string;
  centre: [number, number];
  plots: FeatureCollection<Polygon>;
  townshipCode: string;
}

/**
 * data/ with one added layer: every file and folder of data/ linked (data/public/ copied, since the public build writes
 * there), plus the layer's GeoJSON and its registry entry. The plots sit around a township's label point.
 */
export function writeRegistryFixture(dir: string): RegistryFixture {
  const data = path.join(ROOT, 'data');
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(data)) {
    if (name === EXTRA_LAYERS_FILE) continue;
    if (name === 'public') cpSync(path.join(data, name), path.join(dir, name), { recursive: true });
    else if (statSync(path.join(data, name)).isDirectory()) symlinkSync(path.join(data, name), path.join(dir, name), 'dir');
    else copyFileSync(path.join(data, name), path.join(dir, name));
  }
  const labels = JSON.parse(readFileSync(path.join(data, 'township-labels.geojson'), 'utf8')) as FeatureCollection<Point, { code: string }>;
  const seat = labels.features[Math.floor(labels.features.length / 2)];
  const [lon, lat] = seat.geometry.coordinates;
  const townshipCode = seat.properties.code;
  const plots: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: FIXTURE_LAYER.seedlings.map((seedlings, i): Feature<Polygon> => ({
      type: 'Feature',
      geometry: square(lon + (i - 1) * 0.005, lat, 300),
      properties: { id: `nursery-${i + 1}`, name: `苗圃${i + 1}号`, township_code: townshipCode, seedlings },
    })),
  };
  writeFileSync(path.join(dir, FIXTURE_LAYER.file), JSON.stringify(plots));
  // The one registry entry (a bureau writes this by hand; docs/architecture.md "A layer").
  const entry = {
    id: FIXTURE_LAYER.id, name: FIXTURE_LAYER.name, group: 'forest', source: { file: FIXTURE_LAYER.file },
    geometry: 'polygon', audience: 'internal', visible: true, townshipKey: 'township_code',
    style: {
      fill: { kind: 'steps', property: 'seedlings', breaks: [1000, 5000], colours: ['#e8f5e9', '#66bb6a', '#1b5e20'], missing: '#cfd8dc' },
      fillOpacity: 0.8, outline: '#1b5e20',
    },
    popup: { title: 'name', fields: [{ key: 'seedlings', label: { zh: '苗木数', en: 'Seedlings' }, format: 'integer' }] },
    analysis: { overlap: true },
  };
  writeFileSync(path.join(dir, EXTRA_LAYERS_FILE), JSON.stringify({ layers: [entry] }, null, 2));
  return { dataDir: dir, centre: [lon, lat], plots, townshipCode };
}

/** The public page built as static files (`npm run build:public`) from the fixture folder into its own output folder. */
export async function buildPublicFrom(dataDir: string, outDir: string): Promise<void> {
  const before = process.env.XINGGUO_DATA_DIR;
  process.env.XINGGUO_DATA_DIR = dataDir;
  try {
    await build({ root: ROOT, configFile: path.join(ROOT, 'vite.public.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env.XINGGUO_DATA_DIR;
    else process.env.XINGGUO_DATA_DIR = before;
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}

const textFiles = (dir: string) => filesUnder(dir).filter((f) => /\.(m?js|html|css|json|geojson)$/.test(f));

/**
 * `site`: the server started on the fixture folder as `npm start -- --data <fixture>` would (its bureau page is built
 * with the entry); `staticPublicDir`: the public page built from the same folder as static files (`npm run
 * build:public`), for a host outside the server — scanned, not served.
 */
export function registryTests(browser: Browser, site: TestSite, fixture: RegistryFixture, staticPublicDir: string): BrowserTest[] {
  const { id, name } = FIXTURE_LAYER;
  const appUrl = site.url;
  const bureauDir = site.server.pages.bureauDir;
  const open = async (url: string, viewport = { width: 1100, height: 700 }) => {
    const rec = await openPage(browser, viewport);
    await rec.page.goto(url);
    await waitForValue(rec.page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded(); }, 60_000, 'map loaded');
    return rec;
  };

  return [
    {
      name: 'an added layer (one extra-layers.json entry + its GeoJSON) is drawn, listed and has a legend from its numeric colour channel',
      async run() {
        const rec = await open(appUrl);
        const { page } = rec;
        // The map: style layers made for the entry, and its three plots rendered where the data put them.
        const own = await page.evaluate((lid) => (window as MapWindow).__map!.getStyle().layers.map((l) => l.id).filter((x) => x.startsWith(`${lid}::`)), id);
        assert(own.length > 0, `no map layer for ${id}`);
        const fill = own.find((x) => x.endsWith('::fill'));
        assert(fill, `no fill layer among ${own.join(', ')}`);
        await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c, zoom: 14 }), fixture.centre);
        const rendered = (await waitForValue(page, (layer) => {
          const m = (window as MapWindow).__map!;
          if (!m.loaded()) return null;
          const ids = new Set(m.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties?.id)));
          return ids.size === 3 ? [...ids].sort() : null;
        }, 30_000, `three ${id} plots rendered`, fill))!;
        assert(rendered.join() === 'nursery-1,nursery-2,nursery-3', `rendered ${rendered.join()}`);
        // Each plot's colour is its class of the steps rule (MapLibre's own evaluation of the registry's expression).
        const colours = await page.evaluate((layer) => (window as MapWindow).__map!.queryRenderedFeatures({ layers: [layer] })
          .map((f) => [f.properties?.seedlings, (f.layer.paint as Record<string, { r: number; g: number; b: number }>)['fill-color']] as const), fill);
        const hex = (c: { r: number; g: number; b: number }) => `#${[c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('')}`;
        const expected: Record<number, string> = { 800: '#e8f5e9', 3000: '#66bb6a', 6000: '#1b5e20' };
        for (const [seedlings, colour] of colours) assert(hex(colour) === expected[seedlings as number], `plot with ${seedlings} seedlings drawn ${hex(colour)}, expected ${expected[seedlings as number]}`);
        // The layer panel and the legend: the entry's name, and one swatch per class with its range.
        const item = page.getByTestId(`layer-${id}`);
        assert((await item.textContent())?.includes(name.zh), `layer panel entry: ${await item.textContent()}`);
        const legend = (await page.getByTestId(`legend-${id}`).locator('li').allTextContents()).map((s) => s.trim());
        assert(legend.join('|') === '< 1,000|1,000 – 5,000|≥ 5,000', `legend classes: ${legend.join('|')}`);
        assert(foreignRequests(rec.requests, appUrl).length === 0, `requests outside the app: ${foreignRequests(rec.requests, appUrl).join(', ')}`);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.screenshot({ path: screenshotPath('registry-added-layer') });
        await page.context().close();
      },
    },
    {
      name: "the added layer is in the planner's site analysis, with the area @turf/area gives for its plots",
      async run() {
        const rec = await open(`${appUrl}?planner`);
        const { page } = rec;
        await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
        await waitForValue(page, () => !!(window as MapWindow).__draw, 60_000, 'Terra Draw');
        // Put the plots at (200, 285) of the canvas, clear of the planner's panel, and draw a square around them.
        await page.evaluate((c) => {
          const m = (window as MapWindow).__map!;
          m.jumpTo({ center: c, zoom: 13.5 });
          const p = m.project(c);
          m.panBy([p.x - 200, p.y - 285], { duration: 0 });
        }, fixture.centre);
        await waitForValue(page, () => (window as MapWindow).__map!.loaded(), 20_000, 'map settled');
        await page.getByTestId('draw-polygon').click();
        await drawPolygon(page, [[90, 175], [310, 175], [310, 395], [90, 395]]);
        await page.getByTestId('planner-analysis').waitFor({ timeout: 60_000 });
        const row = page.locator(`[data-testid="analysis-overlaps"] tr[data-layer="${id}"]`);
        await row.first().waitFor({ timeout: 60_000 });
        assert(await row.count() === 1, `one township row for ${id}, got ${await row.count()}`);
        const cells = (await row.locator('td').allTextContents()).map((s) => s.trim());
        assert(cells[0] === name.zh, `layer column: ${cells[0]}`);
        const expectedMu = fixture.plots.features.reduce((s, f) => s + turfArea(f), 0) / MU;
        const shownMu = Number(cells[2].replace(/,/g, ''));
        // @turf/area is spherical, the app ellipsoidal (CGCS2000): they agree to well under 0.5 % at this latitude.
        assert(Math.abs(shownMu - expectedMu) < 0.005 * expectedMu, `${id} overlap ${shownMu} 亩 vs @turf/area ${expectedMu.toFixed(2)} 亩`);
        for (const f of fixture.plots.features) assert(cells[3].includes(String(f.properties?.name)), `names column lists ${f.properties?.name}: ${cells[3]}`);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.screenshot({ path: screenshotPath('registry-site-analysis') });
        await page.context().close();
      },
    },
    {
      name: 'the added internal layer is absent from the public page built from the same data folder (and present in the bureau build)',
      async run() {
        const extra = readExtraLayers(fixture.dataDir);
        assert(extra.length === 1 && extra[0].id === id, 'the fixture entry is read back');
        const needles = [id, name.zh, name.en, FIXTURE_LAYER.file];
        // The public page the server serves (its bundle, and its data files through the server) and the public page
        // built as static files from the same folder.
        for (const publicDir of [site.server.pages.publicDir, staticPublicDir]) {
          const scan = scanPublicBuild(publicDir, extra);
          assert(scan.findings.length === 0, `public build scan: ${scan.findings.map((f) => `${f.file}: ${f.problem}`).join('; ')}`);
          const leaks = textFiles(publicDir).flatMap((f) => needles.filter((n) => readFileSync(f, 'utf8').includes(n)).map((n) => `${path.relative(publicDir, f)}: ${n}`));
          assert(leaks.length === 0, `public page ${publicDir} holds the added layer: ${leaks.join(', ')}`);
        }
        const token = await signIn(appUrl, 'registry-reader');
        const get = async (url: string, signed: boolean) => (await fetch(`${appUrl}${url}`, { headers: signed ? { cookie: `xg_session=${token}` } : {} })).status;
        assert(await get(`public/data/${FIXTURE_LAYER.file}`, false) === 404, 'the server does not give the layer to the public page');
        assert(await get(`public/data/${FIXTURE_LAYER.file}`, true) === 404, 'not through the public page even when signed in');
        assert(await get(`data/${FIXTURE_LAYER.file}`, false) === 401, 'the bureau data needs a session');
        assert(await get(`data/${FIXTURE_LAYER.file}`, true) === 200, 'the bureau page gets the layer from the data folder');
        for (const f of publicDataFiles()) assert(await get(`public/data/${f}`, false) === 200, `the public page's own file ${f} is served`);
        // The same search finds it in the bureau's build: the needles are findable, so their absence above means something.
        const found = new Set(textFiles(bureauDir).flatMap((f) => needles.filter((n) => readFileSync(f, 'utf8').includes(n))));
        assert(needles.every((n) => found.has(n)), `bureau build should hold every needle, found ${[...found].join(', ')}`);
      },
    },
  ];
}
