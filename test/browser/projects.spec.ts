// The bureau keeps the plan's projects current (issue 16): an editor marks the 方岭排 mine 已修复 (2025) in its popup; the
// dashboard's mine-restoration target moves at once; the public page moves only after 发布; the change and its revert
// appear in the popup's history with the editor's name. Served by the real server with the project layers in its
// database (a throw-away PGlite loaded from data/).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { startServer, type RunningServer } from '../../src/server/main.ts';
import { addUser } from '../../src/server/users.ts';
import { assert, type BrowserTest, openPage, type RecordedPage, setContextCookies, waitForValue } from './harness.ts';
import { sessionCookie, signIn, TEST_PASSWORD } from './server.ts';

type MapWindow = Window & { __map?: import('maplibre-gl').Map };

export async function serveProjects(): Promise<{ url: string; server: RunningServer; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xg-projects-db-'));
  const server = await startServer({
    dbDir: path.join(dir, 'db'), bureauDir: path.join(ROOT, 'dist'), publicDir: path.join(ROOT, 'dist-public'), loginDir: path.join(ROOT, 'dist-login'),
    projectDataDir: path.join(ROOT, 'data'), port: 0, log: () => undefined,
  });
  await addUser(server.db, 'eve', TEST_PASSWORD, 'editor');
  const token = await signIn(server.url, 'eve');
  setContextCookies(async () => [sessionCookie(server.url, token)]);
  return { url: server.url, server, close: async () => { setContextCookies(null); await server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** The mine target's status in the plan-progress file the public page loads. */
async function publicMineStatus(page: Page, url: string): Promise<string> {
  const response = page.waitForResponse((r) => r.url().includes('plan-progress.json'), { timeout: 60_000 });
  await page.goto(`${url}public/`);
  const body = (await (await response).json()) as { targets: { id: string; status: string }[] };
  return body.targets.find((t) => t.id === 'mine_fanglingpai')!.status;
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
        await popup.getByTestId('project-form-year').fill('2025');
        await popup.getByTestId('project-save').click();
        await waitForValue(page, () => document.querySelectorAll('[data-testid="project-change"]').length === 1, 20_000, 'the change in the history');
        const row = (await popup.getByTestId('project-change').first().textContent())!;
        assert(row.includes('eve') && row.includes('已修复') && row.includes('2025'), `the history names the editor and the change: ${row}`);

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
  ];
}
