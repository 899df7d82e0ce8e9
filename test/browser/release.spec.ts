// The app on a bureau's own inventory, as a user gets it: a 二类 export (GK zone 38, GBK, codes, per-ha stock) imported
// with `npm run data:import -- <zip> --out <dir>` (the CLI), then `npm start -- --data <dir>` (scripts/start.ts in a
// process of its own, with PORT and its own embedded database), the first editor made through the set-up link it
// prints, and every page checked to come from the release, not from the sample in data/:
//   - the files the bureau page and the public page fetch are the release's, byte for byte;
//   - the stands drawn are the release's: at a fixture stand's own position the map draws that stand, and its popup
//     shows the stock an independent computation gives (GeographicLib area × the fixture's per-ha stock) and the
//     fields the import kept (XBMJ), which no sample stand has;
//   - the dashboard's forest land, forest area and stock equal the independent computation and every target card
//     equals the targets CLI on the release; no 示例数据 badge, no 模拟 note;
//   - the planner analyses a site around three of the release's stands against the release's own stands (issue 24: one
//     stand source), = the sum of their figures computed independently;
//   - the public page (signed out) shows the release's forest land and no sample badge.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { formatTargetValue } from '../../src/ui/widgets/format-target.ts';
import { MU, refArea } from '../../src/core/plan/fixture.testutil.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { erleiInventory, type ErleiFixture } from '../fixtures/erlei-inventory.ts';
import { assert, type BrowserTest, foreignRequests, openPage, screenshotPath, setContextCookies, waitForValue } from './harness.ts';
import { sessionCookie, signIn } from './server.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { independent as independentStand, near, threeStands } from '../fixtures/erlei-picks.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

const num = (text: string | null) => Number((text ?? '').replace(/[^\d.-]/g, ''));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const EDITOR = { user: 'release-editor', password: 'release suite password 1' };
/** The layers a click can pick (bureau.spec.ts): a stand's popup opens only where a stand is the top one. */
const INTERACTIVE = ['carbon-pilots::fill', 'wetlands::fill', 'mines::fill', 'pv::fill', 'wind-farms::fill', 'wind-turbines::circle', 'substations::circle', 'oil-tea-bases::fill', 'oil-tea-bases::circle', 'gas-pipelines::line', 'stands::fill'];

interface CliTarget { id: string; unit: 'mu' | 'm3' | 'kW' | '%' | 'count'; value: number; status: string }

/** `npm start -- --data <dir>` as a user runs it, in its own process; resolves when it prints its address. */
export interface StartedProcess {
  url: string;
  setupLink: string | null;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function npmStart(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): Promise<StartedProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not print its address in ${timeoutMs / 1000} s:\n${out.slice(-3000)}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m && /Ctrl\+C to stop/.test(out)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`npm start exited (${code}) before it served:\n${out.slice(-3000)}`)); });
  });
  return {
    url,
    setupLink: /(http:\/\/\S+\/login\/#setup=\S+)/.exec(out)?.[1] ?? null,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
      if (code === 'timeout') child.kill('SIGKILL');
    },
  };
}

async function openDashboard(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}?dashboard`);
  await page.getByTestId('dashboard').waitFor({ timeout: 120_000 });
  await page.locator('tr[data-total="forest_area_mu"] td').waitFor({ timeout: 120_000 });
}

export function releaseTests(browser: Browser, server: StartedProcess, releaseDir: string, fixture: ErleiFixture): BrowserTest[] {
  const appUrl = server.url;
  const areas = fixture.expected.map((s) => refArea(s.ring));
  const independent = {
    forestLand: areas.reduce((a, m2) => a + m2, 0) / MU,
    forest: fixture.expected.reduce((a, s, i) => a + (s.forest ? areas[i] : 0), 0) / MU,
    stock: fixture.expected.reduce((a, s, i) => a + s.stock_per_ha * (areas[i] / 10_000), 0),
  };
  const released = JSON.parse(readFileSync(path.join(releaseDir, 'stands.geojson'), 'utf8')) as FeatureCollection<Polygon, Record<string, unknown>>;
  return [
    {
      name: 'npm start -- --data <release>: the set-up link it prints makes the first editor, who lands on the bureau page',
      async run() {
        assert(server.setupLink, `npm start printed no set-up link:\n${server.output()}`);
        assert(server.output().includes(`data: ${releaseDir}`), `npm start names the data folder it serves:\n${server.output()}`);
        const rec = await openPage(browser);
        await rec.page.goto(server.setupLink);
        await rec.page.locator('#setup-note').waitFor({ state: 'visible', timeout: 30_000 });
        await rec.page.fill('#username', EDITOR.user);
        await rec.page.fill('#password', EDITOR.password);
        await rec.page.click('#submit');
        await rec.page.waitForURL(appUrl, { timeout: 30_000 });
        await rec.page.getByTestId('layer-stands').waitFor({ timeout: 60_000 });
        await rec.page.context().close();
        // Every page the next tests open is signed in as this editor.
        setContextCookies(async () => [sessionCookie(appUrl, await signIn(appUrl, EDITOR.user, EDITOR.password))]);
      },
    },
    {
      name: 'the files both pages fetch are the release\'s, byte for byte (release.json, stand columns and geometry, a stand tile, the public aggregates)',
      async run() {
        const token = await signIn(appUrl, EDITOR.user, EDITOR.password);
        const get = async (url: string, cookie = true) => {
          const r = await fetch(`${appUrl}${url}`, { headers: cookie ? { cookie: `xg_session=${token}` } : {} });
          assert(r.ok, `${url}: HTTP ${r.status}`);
          return new Uint8Array(await r.arrayBuffer());
        };
        const release = JSON.parse(new TextDecoder().decode(await get('data/release.json'))) as { sample_data?: boolean };
        assert(release.sample_data !== true, `/data/release.json is the sample's: ${JSON.stringify(release)}`);
        const tileDir = path.join(releaseDir, 'tiles', 'stands', '14');
        const column = readdirSync(tileDir)[0];
        const tile = `tiles/stands/14/${column}/${readdirSync(path.join(tileDir, column))[0]}`;
        for (const file of ['release.json', 'stands.columns.bin', 'stands.geometry.bin', 'tiles/stands/tiles.json', tile, 'public/township-stats.geojson']) {
          assert(sha(await get(`data/${file}`)) === sha(readFileSync(path.join(releaseDir, file))), `bureau page's data/${file} is not the release's`);
        }
        for (const file of ['public/plan-progress.json', 'public/township-stats.geojson']) {
          assert(sha(await get(`public/data/${file}`, false)) === sha(readFileSync(path.join(releaseDir, file))), `public page's data/${file} is not the release's`);
        }
        const plan = JSON.parse(readFileSync(path.join(releaseDir, 'public/plan-progress.json'), 'utf8')) as { sample_data: boolean };
        assert(plan.sample_data === false, 'the release\'s public figures say sample_data: false');
      },
    },
    {
      name: 'the stands drawn are the release\'s: at fixture stands\' positions the map draws them, and their popups show the independent stock and the kept 二类 fields',
      async run() {
        const rec = await openPage(browser, { width: 1000, height: 700 });
        const { page } = rec;
        await page.goto(appUrl);
        await waitForValue(page, () => { const m = (window as MapWindow).__map; return !!m && m.loaded() && !!m.getLayer('stands::fill'); }, 120_000, 'map loaded');
        const box = (await page.getByTestId('map').boundingBox())!;
        let checked = 0;
        const tried: string[] = [];
        for (let i = 0; i < fixture.expected.length && checked < 3; i++) {
          const s = fixture.expected[i];
          if (!s.forest || s.stock_per_ha <= 0 || fixture.repeated.includes(i) || fixture.spiked.includes(i)) continue;
          const feature = released.features[i];
          // The import keeps the stands' order: the i-th released stand is the fixture's i-th (same first corner).
          const first = feature.geometry.coordinates[0][0];
          assert(Math.abs(first[0] - s.ring[0][0]) < 1e-6 && Math.abs(first[1] - s.ring[0][1]) < 1e-6, `released stand ${i} is not fixture stand ${i}`);
          const centre = [0, 1, 2, 3].reduce((c, k) => [c[0] + s.ring[k][0] / 4, c[1] + s.ring[k][1] / 4], [0, 0]) as [number, number];
          await page.evaluate((c) => (window as MapWindow).__map!.jumpTo({ center: c, zoom: 16 }), centre);
          const hit = (await waitForValue(page, ({ c, layers }) => {
            const m = (window as MapWindow).__map!;
            if (!m.loaded() || !m.areTilesLoaded()) return null;
            const p = m.project(c);
            const top = m.queryRenderedFeatures([p.x, p.y], { layers: layers.filter((l) => m.getLayer(l)) })[0];
            return top ? { layer: top.layer.id, id: String(top.properties.id), x: p.x, y: p.y } : { layer: '', id: '', x: p.x, y: p.y };
          }, 60_000, `the map at stand ${i}`, { c: centre, layers: INTERACTIVE }))!;
          tried.push(`${i}:${hit.layer}/${hit.id}`);
          if (hit.layer !== 'stands::fill') continue; // a project polygon lies over it: try the next stand
          assert(hit.id === feature.properties.id, `at fixture stand ${i} the map draws stand ${hit.id}, the release has ${String(feature.properties.id)} there`);
          await page.mouse.click(box.x + hit.x, box.y + hit.y);
          const popup = page.getByTestId('feature-popup');
          await popup.waitFor({ timeout: 10_000 });
          const title = (await popup.locator('.feature-popup__title').textContent())?.trim();
          assert(title === feature.properties.id, `popup title ${title}, expected ${String(feature.properties.id)}`);
          const stock = num(await popup.locator('tr[data-field="stock_m3"] td').textContent());
          const expected = s.stock_per_ha * (areas[i] / 10_000);
          assert(Math.abs(stock - expected) <= 0.01 * expected + 0.5, `stand ${i} popup stock ${stock} m³, independent ${expected.toFixed(1)}`);
          const xbmj = (await popup.locator('tr[data-field="XBMJ"] td').textContent())?.trim();
          assert(xbmj === String(feature.properties.XBMJ), `stand ${i} popup XBMJ ${xbmj}, release ${String(feature.properties.XBMJ)}`);
          checked++;
        }
        assert(checked === 3, `checked ${checked} stands' positions and popups (tried ${tried.join(', ')})`);
        assert(foreignRequests(rec.requests, appUrl).length === 0, `requests outside the app: ${foreignRequests(rec.requests, appUrl).join(', ')}`);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await page.screenshot({ path: screenshotPath('release-stand-popup') });
        await page.context().close();
      },
    },
    {
      name: 'the dashboard: forest land, forest area and stock = the independent computation; targets = the targets CLI; no 示例数据 badge',
      async run() {
        const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/targets.ts'), '--json', '--data', releaseDir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
        assert(out.status === 0, `targets CLI failed: ${out.stderr}`);
        const cli = JSON.parse(out.stdout) as { targets: CliTarget[]; county: { forest_land_mu: number; forest_area_mu: number; stock_m3: number } };
        const rec = await openPage(browser, { width: 1280, height: 800 });
        await openDashboard(rec.page, appUrl).catch(async (e: Error) => {
          const text = await rec.page.locator('body').innerText().catch(() => '');
          throw new Error(`${e.message.split('\n')[0]}; console: ${rec.consoleErrors.join(' | ')}; page: ${rec.pageErrors.join(' | ')}; text: ${text.slice(0, 600)}`);
        });
        for (const t of cli.targets) {
          const shown = await rec.page.getByTestId(`target-${t.id}`).getByTestId('target-value').textContent();
          assert(shown === formatTargetValue(t.value, t.unit, 'zh'), `${t.id}: dashboard shows ${shown}, CLI ${t.value} ${t.unit}`);
        }
        const total = async (key: string) => num(await rec.page.locator(`tr[data-total="${key}"] td`).textContent());
        for (const [key, want] of [['forest_land_mu', independent.forestLand], ['forest_area_mu', independent.forest], ['stock_m3', independent.stock]] as const) {
          const shown = await total(key);
          assert(Math.abs(shown - want) <= 1, `dashboard ${key} ${shown} vs independent ${want.toFixed(1)}`);
        }
        assert(Math.abs((await total('forest_area_mu')) - cli.county.forest_area_mu) <= 1, 'forest area = CLI');
        // the badge is for the sample only: wait until release.json has been read, then it must be gone
        await rec.page.waitForFunction(() => !document.querySelector('[data-testid="sample-badge"]'), undefined, { timeout: 30_000 });
        assert(await rec.page.getByTestId('sample-note').count() === 0, 'no sample-data note on a release');
        // nor the layer panel's 模拟数据 / 界线为模拟 notes: the layers are the bureau's own
        await rec.page.getByTestId('layer-stands').waitFor({ timeout: 30_000 });
        const notes = await rec.page.locator('.layer-panel [data-testid="layer-note"]').allTextContents();
        assert(notes.every((n) => !n.includes('模拟')), `synthetic notes on a release's layers: ${notes.join(' ')}`);
        assert(foreignRequests(rec.requests, appUrl).length === 0, `requests outside the app: ${foreignRequests(rec.requests, appUrl).join(', ')}`);
        assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.join('; ')}`);
        await rec.page.screenshot({ path: screenshotPath('release-dashboard-zh') });
        await rec.page.context().close();
      },
    },
    {
      name: 'the planner on a release: a site around three of its stands is analysed against the release\'s stands, = the sum of their figures computed independently',
      async run() {
        const props = importFile('二类.zip', fixture.zip).features.map((f) => f.properties ?? {});
        const { indices, box } = threeStands(fixture);
        const rec = await openPage(browser, { width: 1280, height: 800 });
        const { page } = rec;
        try {
          await page.goto(`${appUrl}?planner`);
          await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
          await waitForValue(page, () => { const w = window as Window & { __map?: { loaded: () => boolean }; __draw?: unknown }; return !!w.__map?.loaded() && !!w.__draw; }, 60_000, 'map and Terra Draw');
          await page.getByTestId('coords-open').click();
          await page.getByTestId('coords-text').fill([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]].map((p) => p.map((v) => v.toFixed(7)).join(', ')).join('\n'));
          await page.getByTestId('coords-add').click();
          const analysis = page.getByTestId('planner-analysis');
          await analysis.waitFor({ timeout: 60_000 });
          const source = page.getByTestId('analysis-stand-source');
          assert((await source.getAttribute('data-kind')) === 'release' && (await source.getAttribute('data-count')) === String(fixture.expected.length), `the release's ${fixture.expected.length} stands: ${await source.textContent()}`);
          const want = indices.map((i) => independentStand(fixture, props, i));
          const sum = (k: keyof (typeof want)[number]) => want.reduce((t, w) => t + w[k], 0);
          const got = { mu: Number(await analysis.getAttribute('data-stands-mu')), stock: Number(await analysis.getAttribute('data-stock-m3')), carbon: Number(await analysis.getAttribute('data-carbon-tco2e')) };
          console.log(`    release: planner site over stands ${indices.join(', ')}: ${got.mu.toFixed(3)} 亩 (independent ${sum('mu').toFixed(3)}), stock ${got.stock.toFixed(1)} m³ (${sum('stock').toFixed(1)}), carbon ${got.carbon.toFixed(1)} tCO2e (${sum('carbon').toFixed(1)})`);
          assert(near(got.mu, sum('mu')) && near(got.stock, sum('stock')) && near(got.carbon, sum('carbon')), `analysis ${JSON.stringify(got)} vs independent ${sum('mu')} 亩, ${sum('stock')} m³, ${sum('carbon')} tCO2e`);
        } finally {
          await page.context().close();
        }
      },
    },
    {
      name: 'the public page (signed out) shows the release\'s forest land and coverage, and no sample badge',
      async run() {
        setContextCookies(null);
        const rec = await openPage(browser, { width: 1280, height: 800 });
        await rec.page.goto(`${appUrl}public/`);
        const cell = rec.page.locator('[data-total="forest-land"] dd');
        await cell.waitFor({ timeout: 60_000 });
        const forestLand = num(await cell.textContent());
        assert(Math.abs(forestLand - independent.forestLand) <= 1, `public forest land ${forestLand} vs independent ${independent.forestLand.toFixed(1)}`);
        // coverage = forest area / the county's land area (GeographicLib on the release's county outline, holes out)
        const county = JSON.parse(readFileSync(path.join(releaseDir, 'county.geojson'), 'utf8')) as FeatureCollection<MultiPolygon | Polygon>;
        const landM2 = county.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates))
          .reduce((a, rings) => a + refArea(rings[0]) - rings.slice(1).reduce((h, r) => h + refArea(r), 0), 0);
        const coverage = num(await rec.page.locator('[data-total="coverage"] dd').textContent());
        const want = (independent.forest / (landM2 / MU)) * 100;
        assert(Math.abs(coverage - want) <= 0.006, `public coverage ${coverage} % vs independent ${want.toFixed(3)} %`);
        assert(await rec.page.getByTestId('sample-badge').count() === 0, 'no sample badge on the public page of a release');
        assert(foreignRequests(rec.requests, appUrl).length === 0, `requests outside the app: ${foreignRequests(rec.requests, appUrl).join(', ')}`);
        await rec.page.screenshot({ path: screenshotPath('release-public-zh') });
        await rec.page.context().close();
      },
    },
  ];
}

/** Import the fixture with the CLI, start `npm start -- --data` on it, run the tests, stop the server. */
export async function runReleaseSuite(browser: Browser, runTests: (suite: string, tests: BrowserTest[]) => Promise<number>): Promise<number> {
  const work = mkdtempSync(path.join(tmpdir(), 'release-suite-'));
  let server: StartedProcess | null = null;
  try {
    const fixture = erleiInventory(JSON.parse(readFileSync(path.join(ROOT, 'data/townships.geojson'), 'utf8')), 1500);
    const zip = path.join(work, '二类.zip');
    writeFileSync(zip, fixture.zip);
    const releaseDir = path.join(work, 'release');
    console.log('browser tests: npm run data:import on a 二类 fixture, then npm start -- --data <release> …');
    const imported = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/data-import.ts'), zip, '--out', releaseDir], { cwd: ROOT, encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(`data:import failed: ${imported.stderr}`);
    server = await npmStart(['--data', releaseDir], { ...process.env, PORT: String(await freePort()), DATABASE_URL: '', XG_DB_DIR: path.join(work, 'db') });
    return await runTests('release', releaseTests(browser, server, releaseDir, fixture));
  } finally {
    setContextCookies(null);
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
