// Storage faults in real Chromium with real IndexedDB, each injected in the page: IndexedDB missing or refusing to open,
// quota exceeded (a real quota set through the DevTools protocol, and a put that throws QuotaExceededError after three
// saves), corrupt records written next to good ones, two tabs editing the same workspace, and another tab upgrading
// the database. In each case the app must say what happened, keep working in memory, delete none of the saved sites
// and still export. The suite counts the faults it injected and the sites lost (which must be 0) and prints both.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { assert, type BrowserTest, openPage, type RecordedPage, waitForValue } from './harness.ts';

type DrawWindow = Window & { __map?: import('maplibre-gl').Map; __draw?: { getSnapshot: () => Feature[] } };
interface RawRecord { id: string; name?: unknown; type?: unknown; json: string }

const DB = 'xingguo-planner';

/** n small squares in the county, named `${prefix}-1` … (a big one has `vertices` points on a circle instead). */
function sitesFile(dir: string, prefix: string, n: number, vertices = 0): string {
  const features = Array.from({ length: n }, (_, i): Feature<Polygon> => {
    const x = 115.3 + (i % 8) * 0.012 + prefix.length * 0.001, y = 26.3 + Math.floor(i / 8) * 0.012;
    const ring: [number, number][] = vertices > 0
      ? Array.from({ length: vertices }, (_, k) => [x + 0.004 * Math.cos((2 * Math.PI * k) / vertices), y + 0.004 * Math.sin((2 * Math.PI * k) / vertices)])
      : [[x, y], [x + 0.008, y], [x + 0.008, y + 0.008], [x, y + 0.008]];
    ring.push(ring[0]);
    return { type: 'Feature', properties: { name: `${prefix}-${i + 1}` }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  const file = path.join(dir, `${prefix}.geojson`);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

export async function openPlanner(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}?planner`);
  await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
  await waitForValue(page, () => { const m = (window as DrawWindow).__map; return !!m && m.loaded() && !!(window as DrawWindow).__draw; }, 60_000, 'map and Terra Draw');
}

export const siteNames = (page: Page) => page.getByTestId('site-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

async function waitSites(page: Page, n: number, what: string): Promise<void> {
  await waitForValue(page, (n) => document.querySelectorAll('[data-testid="planner-site"]').length === n, 20_000, `${what} (${n} sites)`, n);
}

async function importSites(page: Page, file: string): Promise<void> {
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-input').setInputFiles(file);
  const report = page.locator(`[data-testid="import-report"][data-file="${path.basename(file)}"]`);
  await report.waitFor({ timeout: 30_000 });
  assert((await report.getAttribute('data-ok')) === 'true', `import ${path.basename(file)}: ${await report.textContent()}`);
  await page.getByTestId('import-add').click();
  // By name, not by count: another tab's sites may arrive meanwhile.
  const names = (JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection).features.map((f) => String(f.properties?.name));
  await waitForValue(page, (names) => {
    const shown = [...document.querySelectorAll('[data-testid="site-name"]')].map((e) => (e as HTMLInputElement).value);
    return names.every((n) => shown.includes(n));
  }, 20_000, `the sites of ${path.basename(file)}`, names);
}

/** Every record in the planner's store, read through raw IndexedDB (the app's own connection is not used). */
export function rawRecords(page: Page): Promise<RawRecord[]> {
  return page.evaluate((name) => new Promise<RawRecord[]>((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('sites')) { db.close(); resolve([]); return; }
      const g = db.transaction('sites').objectStore('sites').getAll();
      g.onerror = () => reject(g.error);
      g.onsuccess = () => {
        db.close();
        resolve((g.result as Record<string, unknown>[]).map((x) => ({ id: String(x.id), name: x.name, type: x.type, json: JSON.stringify(x) })));
      };
    };
  }), DB);
}

/**
 * The stored records once every name is there and nothing has changed for a second: the planner re-saves a site when
 * Terra Draw hands back its geometry at 9 decimals (115.31099999999999 → 115.311), and on a slow machine that second
 * write can land after the names first appear — a snapshot taken in between is not what the store settles on.
 */
async function waitStored(page: Page, names: string[], what: string): Promise<RawRecord[]> {
  const started = Date.now();
  let last = '';
  for (;;) {
    const recs = await rawRecords(page);
    const now = JSON.stringify(recs.map((r) => r.json).sort());
    if (names.every((n) => recs.some((r) => r.name === n)) && now === last) return recs;
    if (Date.now() - started > 20_000) throw new Error(`${what}: stored names ${JSON.stringify(recs.map((r) => r.name))}, expected ${JSON.stringify(names)}, still changing`);
    last = now;
    await page.waitForTimeout(1000);
  }
}

/** Export every site as GeoJSON through the menu and return the names in the file. */
async function exportedNames(page: Page, dir: string, tag: string): Promise<string[]> {
  await page.getByTestId('export-scope-all').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-geojson').click()]);
  const file = path.join(dir, `${tag}.geojson`);
  await download.saveAs(file);
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
  return fc.features.map((f) => String(f.properties?.name));
}

/** The storage messages as shown (in Chinese: the browser's English reason is only in the title, for the curious). */
async function faultText(page: Page): Promise<string> {
  await page.getByTestId('planner-store-faults').waitFor({ timeout: 10_000 });
  const text = (await page.getByTestId('planner-store-faults').textContent()) ?? '';
  assert(!/[a-z]{4,}/.test(text.replace(/IndexedDB/g, '')), `the storage message is in Chinese: "${text}"`);
  return text;
}

/** The same faults in English (the items' titles): the browser's own reason, for logs. */
async function faultDetail(page: Page): Promise<string> {
  return (await page.locator('[data-testid="planner-store-faults"] li').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))).join(' | ');
}

const missing = (expected: string[], have: string[]) => expected.filter((n) => !have.includes(n));

async function drawSquare(page: Page): Promise<Polygon> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.getByTestId('draw-polygon').click();
  const pts: [number, number][] = [[200, 200], [380, 210], [370, 380], [210, 370], [200, 200]];
  for (const [x, y] of pts) {
    await page.mouse.move(box.x + x, box.y + y, { steps: 3 });
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForTimeout(120);
  }
  // The new site is the selected one; its geometry is Terra Draw's feature of the same id.
  const f = await waitForValue(page, () => {
    const id = document.querySelector('[data-testid="planner-site"].is-selected')?.getAttribute('data-site-id');
    return (window as DrawWindow).__draw!.getSnapshot().find((x) => String(x.id) === id && x.properties?.mode === 'polygon' && !x.properties?.currentlyDrawing) ?? null;
  }, 10_000, 'the drawn polygon');
  return f!.geometry as Polygon;
}

export function storageTests(browser: Browser, appUrl: string): BrowserTest[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'storage-'));
  const injected: Record<string, number> = {};
  let lost = 0;
  const count = (kind: string, n = 1) => { injected[kind] = (injected[kind] ?? 0) + n; };
  const losing = (what: string, names: string[]) => {
    lost += names.length;
    assert(names.length === 0, `${what}: lost ${names.join(', ')}`);
  };
  const closeClean = async (rec: RecordedPage) => {
    assert(rec.pageErrors.length === 0, `page errors: ${rec.pageErrors.slice(0, 3).join('; ')}`);
    await rec.page.context().close();
  };

  /** IndexedDB missing, or open() refusing: draw, import, measure and export all still work. */
  const unavailable = (label: string, initScript: string, expect: RegExp): BrowserTest => ({
    name: `IndexedDB ${label}: message, drawing, import, measurement and export work in memory`,
    async run() {
      const rec = await openPage(browser, { width: 1100, height: 700 });
      await rec.page.context().addInitScript(initScript);
      count('unavailable');
      await openPlanner(rec.page, appUrl);
      const text = await faultText(rec.page);
      assert(expect.test(text), `the message says IndexedDB is unavailable: "${text}"`);
      assert((await rec.page.getByTestId('planner-persistence').textContent())?.includes('仅内存'), 'marked memory only');
      await importSites(rec.page, sitesFile(dir, `无库${label.length}`, 2));
      const drawn = await drawSquare(rec.page);
      await waitSites(rec.page, 3, 'the drawn site added');
      const shown = Number(await rec.page.getByTestId('planner-measure').getAttribute('data-area-m2'));
      assert(Math.abs(shown - geodesicArea(drawn)) < 1e-6 * geodesicArea(drawn) && shown > 1000, `measured ${shown} m² vs geodesicArea ${geodesicArea(drawn)}`);
      const names = await siteNames(rec.page);
      const exported = await exportedNames(rec.page, dir, `unavailable-${label.length}`);
      losing(`export without IndexedDB (${label})`, missing(names, exported));
      console.log(`    ${label}: "${text.slice(0, 110)}…"; ${names.length} sites drawn/imported and exported`);
      await closeClean(rec);
    },
  });

  return [
    unavailable('missing (window.indexedDB undefined)', `Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });`, /此浏览器没有本机存储（IndexedDB）/),
    unavailable('refusing to open (open() throws SecurityError)',
      `IDBFactory.prototype.open = function () { throw new DOMException('access to IndexedDB denied', 'SecurityError'); };`, /本机存储（IndexedDB）无法打开（浏览器拒绝访问）/),
    {
      name: 'IndexedDB refused and the server unreachable: one truthful status in Chinese (changes only in this page’s memory), none saying 已保存/修改保存在本机',
      async run() {
        const rec = await openPage(browser, { width: 1100, height: 700 });
        const { page } = rec;
        await page.context().addInitScript(`IDBFactory.prototype.open = function () { throw new DOMException('access to IndexedDB denied', 'SecurityError'); };`);
        count('unavailable');
        await openPlanner(page, appUrl);
        await faultText(page);
        const status = () => page.getByTestId('planner-sync-status');
        // Reachable: synced, and said that this browser keeps nothing.
        await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'synced', 30_000, 'the first sync');
        assert((await status().innerText()).includes('本浏览器无法保存地块'), `synced without local storage: ${await status().innerText()}`);
        await page.context().setOffline(true);
        await drawSquare(page); // drawing needs nothing from the network
        await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'offline-memory', 30_000, 'the offline status without storage');
        const line = await status().innerText();
        assert(line.includes('服务器不可达') && line.includes('只在本页内存中') && line.includes('导出'), `one status that says where the work is: ${line}`);
        const panel = await page.getByTestId('planner-panel').innerText();
        assert(!panel.includes('修改保存在本机') && !panel.includes('已与服务器同步') && !panel.includes('已保存到本机'), 'nothing on the panel claims the work is saved');
        assert(!/kept in memory|memory only|sites are/.test(panel), 'no English storage message in the Chinese UI');
        assert((await page.getByTestId('planner-persistence').textContent())?.includes('仅内存'), 'marked memory only');
        // Back online: synced, the site on the server.
        await page.context().setOffline(false);
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'synced', 30_000, 'synced after coming back');
        const names = await siteNames(page);
        const onServer = await page.evaluate(async () => ((await (await fetch('api/sites')).json()) as { sites: { name: string }[] }).sites.map((s) => s.name));
        losing('the offline site after reconnecting', missing(names, onServer));
        await closeClean(rec);
      },
    },
    {
      name: 'quota exceeded (a real quota through the DevTools protocol): message, saved sites stay in IndexedDB, work goes on in memory, export works',
      async run() {
        const rec = await openPage(browser, { width: 1100, height: 700 });
        const { page } = rec;
        // Chromium applies an overridden quota to later writes of a fresh origin: set it before the app stores anything.
        const QUOTA = 400_000;
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(appUrl).origin, quotaSize: QUOTA });
        await openPlanner(page, appUrl);
        await importSites(page, sitesFile(dir, '配额前', 3));
        const before = await waitStored(page, ['配额前-1', '配额前-2', '配额前-3'], 'sites saved before the fault');
        const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
        count('quota');
        // A site of 40,000 vertices (~1 MB in IndexedDB) does not fit in what is left of 400 kB.
        await importSites(page, sitesFile(dir, '大', 1, 40_000));
        const text = await faultText(page);
        assert(/本机存储已满/.test(text), `the message says storage is full: "${text}"`);
        assert((await page.getByTestId('planner-persistence').textContent())?.includes('仅内存'), 'marked memory only');
        // Work goes on in memory: a rename and another import.
        await page.getByTestId('site-name').first().fill('配额后改名');
        await importSites(page, sitesFile(dir, '配额后', 2));
        const after = await rawRecords(page);
        losing('saved sites after the quota fault', missing(before.map((r) => r.json), after.map((r) => r.json)));
        const names = await siteNames(page);
        assert(names.includes('配额后改名') && names.length === 6, `in memory: ${names.join(', ')}`);
        losing('export after the quota fault', missing(names, await exportedNames(page, dir, 'quota-real')));
        await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(appUrl).origin });
        console.log(`    real quota ${QUOTA} bytes (${usage} used by 3 sites): "${text.slice(0, 90)}…"; ${before.length} saved sites intact, ${names.length} exported`);
        await closeClean(rec);
      },
    },
    {
      name: 'quota exceeded (put throws QuotaExceededError after three saves): message, saved sites stay, export works',
      async run() {
        const rec = await openPage(browser, { width: 1100, height: 700 });
        const { page } = rec;
        await page.context().addInitScript(`{
          const put = IDBObjectStore.prototype.put;
          let saved = 0;
          IDBObjectStore.prototype.put = function (...args) {
            if (this.name === 'sites' && ++saved > 3) throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
            return put.apply(this, args);
          };
        }`);
        await openPlanner(page, appUrl);
        await importSites(page, sitesFile(dir, '三个', 3));
        const before = await waitStored(page, ['三个-1', '三个-2', '三个-3'], 'three saves');
        count('quota');
        await importSites(page, sitesFile(dir, '第四', 2));
        const text = await faultText(page);
        assert(/本机存储已满/.test(text) && /QuotaExceededError|quota/.test(await faultDetail(page)), `quota message: "${text}" (${await faultDetail(page)})`);
        await page.getByTestId('site-name').nth(1).fill('内存中改名');
        const after = await rawRecords(page);
        losing('saved sites after the thrown quota error', missing(before.map((r) => r.json), after.map((r) => r.json)));
        assert(after.length === 3, `nothing else written (${after.length} records)`);
        const names = await siteNames(page);
        losing('export after the thrown quota error', missing(names, await exportedNames(page, dir, 'quota-thrown')));
        await closeClean(rec);
      },
    },
    {
      name: 'corrupt records next to good ones: message names the problem, good sites shown and editable, corrupt records never deleted',
      async run() {
        const rec = await openPage(browser, { width: 1100, height: 700 });
        const { page } = rec;
        await openPlanner(page, appUrl);
        await importSites(page, sitesFile(dir, '好', 3));
        await waitStored(page, ['好-1', '好-2', '好-3'], 'good sites saved');
        const corrupt = await page.evaluate((name) => new Promise<number>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => {
            const tx = r.result.transaction('sites', 'readwrite');
            const s = tx.objectStore('sites');
            const bad = [
              { id: 'corrupt-garbage', geometry: 'garbage' },
              { id: 'corrupt-empty' },
              { id: 'corrupt-strings', name: '坏坐标', geometry: { type: 'Polygon', coordinates: [[['x', 'y'], [1, 2], [3, 4], ['x', 'y']]] } },
              { id: 'corrupt-nan', name: 'NaN', geometry: { type: 'Point', coordinates: [NaN, 26] } },
              { id: 'corrupt-proto', geometry: { type: '__proto__', coordinates: [] } },
              { id: 'corrupt-flat', geometry: { type: 'Polygon', coordinates: [115.3, 26.3] } },
            ];
            for (const b of bad) s.put(b);
            tx.oncomplete = () => { r.result.close(); resolve(bad.length); };
            tx.onerror = () => reject(tx.error);
          };
          r.onerror = () => reject(r.error);
        }), DB);
        count('corrupt', corrupt);
        const before = await rawRecords(page);
        await page.reload();
        await openPlanner(page, appUrl);
        await waitSites(page, 3, 'the good sites after the reload');
        const text = await faultText(page);
        const detail = await faultDetail(page);
        assert(text.includes(`${corrupt} 个已保存的地块无法读取`) && text.includes('未删除') && detail.includes('site corrupt-nan: coordinates are not finite'), `corrupt message: "${text}" (${detail})`);
        assert((await siteNames(page)).join() === '好-1,好-2,好-3', `good sites shown: ${(await siteNames(page)).join()}`);
        assert((await page.getByTestId('planner-persistence').textContent())?.includes('已保存'), 'the store stays persistent');
        // Edit a good site and add one: saved, and the corrupt records untouched.
        await page.getByTestId('site-name').first().fill('好-1 改名');
        await importSites(page, sitesFile(dir, '又一个', 1));
        const after = await waitStored(page, ['好-1 改名', '又一个-1'], 'edits saved next to corrupt records');
        const corruptBefore = before.filter((r) => r.id.startsWith('corrupt-')).map((r) => r.json);
        losing('corrupt records after edits', missing(corruptBefore, after.map((r) => r.json)));
        losing('good sites after edits', missing(['好-2', '好-3'], after.map((r) => String(r.name))));
        const names = await siteNames(page);
        losing('export with corrupt records present', missing(names, await exportedNames(page, dir, 'corrupt')));
        console.log(`    ${corrupt} corrupt records: "${text.slice(0, 150)}…"; all ${corruptBefore.length} still stored after edits`);
        await closeClean(rec);
      },
    },
    {
      name: 'two tabs editing at once: neither deletes or overwrites the other\'s sites; each sees the other\'s changes; a reload shows all',
      async run() {
        const a = await openPage(browser, { width: 1100, height: 700 });
        const context = a.page.context();
        const pageB = await context.newPage();
        const bErrors: string[] = [];
        pageB.on('pageerror', (e) => bErrors.push(String(e)));
        await openPlanner(a.page, appUrl);
        await openPlanner(pageB, appUrl);
        count('two tabs');
        await importSites(a.page, sitesFile(dir, '甲页', 2));
        await importSites(pageB, sitesFile(dir, '乙页', 2));
        // Each tab sees the other's new sites without a reload (BroadcastChannel).
        await waitSites(a.page, 4, 'tab A sees tab B\'s sites');
        await waitSites(pageB, 4, 'tab B sees tab A\'s sites');
        // Cross edits: B renames A's second site, then A retypes that same site. With a stale copy A would save the old
        // name back over B's rename.
        const idOf = async (p: Page, name: string) => p.locator('[data-testid="planner-site"]').evaluateAll((els, name) => els.find((e) => (e.querySelector('[data-testid="site-name"]') as HTMLInputElement).value === name)?.getAttribute('data-site-id') ?? null, name);
        const a2 = (await idOf(a.page, '甲页-2'))!;
        assert(a2 && (await idOf(pageB, '甲页-2')) === a2, 'both tabs show 甲页-2 with the same id');
        await pageB.locator(`[data-site-id="${a2}"] [data-testid="site-name"]`).fill('甲页-2 乙改名');
        await waitForValue(a.page, (id) => (document.querySelector(`[data-site-id="${id}"] [data-testid="site-name"]`) as HTMLInputElement | null)?.value === '甲页-2 乙改名', 10_000, 'tab A sees B\'s rename', a2);
        await a.page.locator(`[data-site-id="${a2}"] [data-testid="site-type"]`).selectOption('造林');
        await a.page.locator(`[data-site-id="${(await idOf(a.page, '甲页-1'))!}"] [data-testid="site-name"]`).fill('甲页-1 甲改名');
        await pageB.locator(`[data-site-id="${(await idOf(pageB, '乙页-1'))!}"] [data-testid="site-name"]`).fill('乙页-1 乙改名');
        // B deletes one of its own sites; A must not bring it back as a "new drawing".
        const b2 = (await idOf(pageB, '乙页-2'))!;
        await pageB.locator(`[data-site-id="${b2}"] [data-testid="site-delete"]`).click();
        await waitSites(a.page, 3, 'tab A sees B\'s delete');
        // A draws a site: Terra Draw's reconcile runs over every feature it holds. Had A kept B's deleted site in Terra
        // Draw, it would come back here as a "new drawing" and be saved again.
        await drawSquare(a.page);
        await waitSites(a.page, 4, 'tab A\'s drawn site');
        await a.page.locator('[data-testid="planner-site"].is-selected [data-testid="site-name"]').fill('甲页画的');
        await waitSites(pageB, 4, 'tab B sees A\'s drawn site');
        await a.page.waitForTimeout(800); // past Terra Draw's reconcile debounce
        const expected = ['甲页-1 甲改名', '甲页-2 乙改名', '乙页-1 乙改名', '甲页画的'];
        const stored = await waitStored(a.page, expected, 'both tabs\' edits stored');
        const merged = stored.find((r) => r.id === a2)!;
        assert(merged.name === '甲页-2 乙改名' && merged.type === '造林', `B's rename and A's retype both kept: ${merged.json.slice(0, 120)}`);
        assert(stored.length === 4 && !stored.some((r) => r.id === b2), `the deleted site stays deleted (${stored.map((r) => r.name).join(', ')})`);
        for (const p of [a.page, pageB]) {
          await p.reload();
          await openPlanner(p, appUrl);
          await waitSites(p, 4, 'all sites after a reload');
          losing('sites after reloading both tabs', missing(expected, await siteNames(p)));
        }
        // Another tab upgrades the database (a newer build): this tab lets go of it, says so and works on in memory.
        count('versionchange');
        const upgraded = await pageB.evaluate((name) => new Promise<number>((resolve, reject) => {
          const r = indexedDB.open(name, 2);
          r.onsuccess = () => { const v = r.result.version; r.result.close(); resolve(v); };
          r.onerror = () => reject(r.error);
          r.onblocked = () => reject(new Error('blocked: tab A did not let go of the database'));
        }), DB);
        assert(upgraded === 2, `the other tab upgraded the database (${upgraded})`);
        const text = await faultText(a.page);
        assert(/另一个标签页升级了本机存储/.test(text) && /another tab upgraded/.test(await faultDetail(a.page)), `versionchange message: "${text}"`);
        await importSites(a.page, sitesFile(dir, '升级后', 1));
        const names = await siteNames(a.page);
        losing('export after the upgrade', missing(names, await exportedNames(a.page, dir, 'versionchange')));
        losing('stored sites after the upgrade', missing(expected, (await rawRecords(a.page)).map((r) => String(r.name))));
        console.log(`    two tabs: ${expected.length} sites after cross edits, both tabs agree after reload; versionchange: "${text.slice(0, 100)}…"`);
        assert(bErrors.length === 0, `tab B page errors: ${bErrors.join('; ')}`);
        await closeClean(a);
      },
    },
    {
      name: 'figures: faults injected and sites lost',
      async run() {
        const total = Object.values(injected).reduce((s, n) => s + n, 0);
        console.log(`    storage faults injected: ${Object.entries(injected).map(([k, n]) => `${k} ${n}`).join(', ')} (${total} in all); sites lost: ${lost}`);
        assert(lost === 0, `${lost} sites lost`);
        assert(total >= 12, `expected at least 12 injected faults, got ${total}`);
      },
    },
  ];
}
