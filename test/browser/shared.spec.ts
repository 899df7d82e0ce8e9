// The shared workspace in the browser, against the real server: the sign-in page (anonymous visitors are sent there; a
// wrong password is refused with a message), and two planners in two browser contexts sharing a site — one draws it
// and shares it (in the planner), the other sees it and renames it, the first sees the rename; then both edit it, one
// offline, and the one coming back online sees both versions and chooses; the history lists every version and one is
// restored from it (after saying which later versions it replaces); sign-out, and Back after it lands on the sign-in
// page. Issue 22/24: the share form opens on the current sharing, users are ticked from the server's list and the change
// is confirmed; a planner cannot delete a site someone else shared with them; a viewer gets no drawing tools and the
// status never says "synced" while a site is not; a name the server refuses is marked with its reason and not resent.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assert, type BrowserTest, waitForValue } from './harness.ts';
import { drawPolygon } from './planner.spec.ts';
import { TEST_PASSWORD } from './server.ts';

type DrawWindow = Window & { __map?: import('maplibre-gl').Map; __draw?: unknown };

async function newContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 }, locale: 'zh-CN' });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return { context, page: await context.newPage() };
}

async function signInThroughPage(page: Page, appUrl: string, user: string): Promise<void> {
  await page.goto(appUrl);
  await page.waitForURL(/\/login\/$/, { timeout: 30_000 });
  await page.fill('#username', user);
  await page.fill('#password', TEST_PASSWORD);
  await page.click('#submit');
  await page.waitForURL(appUrl, { timeout: 30_000 });
}

async function openPlanner(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}?planner`);
  await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
  await waitForValue(page, () => { const m = (window as DrawWindow).__map; return !!m && m.loaded() && !!(window as DrawWindow).__draw; }, 60_000, 'map and Terra Draw');
}

/** Calls the API from the page (its session cookie, its CSRF token). */
function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return page.evaluate(async ({ method, path, body }) => {
    const s = await (await fetch('/api/session')).json() as { csrf: string };
    const headers: Record<string, string> = { 'x-csrf-token': s.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  }, { method, path, body });
}

/** Polls `check` (in Node) until it is true, or fails after `ms` naming what it waited for. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

const names = (page: Page) => page.getByTestId('site-name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

export function sharedTests(browser: Browser, appUrl: string): BrowserTest[] {
  let ann: { context: BrowserContext; page: Page };
  let ben: { context: BrowserContext; page: Page };
  let siteId = '';

  const serverSite = async (page: Page) => (await api(page, 'GET', `/api/sites/${siteId}`)).body;

  return [
    {
      name: 'anonymous visitors get the sign-in page; a wrong password is refused with a message; internal files need a session',
      async run() {
        const { context, page } = await newContext(browser);
        try {
          await page.goto(appUrl);
          await page.waitForURL(/\/login\/$/, { timeout: 30_000 });
          assert((await page.locator('h2').innerText()).includes('登录'), 'the sign-in page is in Chinese first');
          assert((await page.locator('h2').innerText()).includes('Sign in'), 'and in English');
          const data = await page.request.get(`${appUrl}data/stands.columns.bin`);
          assert(data.status() === 401, `an anonymous request for stand columns answered ${data.status()}`);
          const pub = await page.request.get(`${appUrl}public/`);
          assert(pub.status() === 200, `the public page answered ${pub.status()} without a session`);
          await page.fill('#username', 'ann');
          await page.fill('#password', 'not the password');
          await page.click('#submit');
          await waitForValue(page, () => document.getElementById('login-error')?.textContent ?? '', 20_000, 'the error message');
          const message = await page.getByTestId('login-error').innerText();
          assert(message.includes('用户名或密码错误') && message.includes('wrong user name or password'), `message: ${message}`);
        } finally {
          await context.close();
        }
      },
    },
    {
      name: 'two planners in two browsers share a site: ann draws and shares it, ben sees it and renames it, ann sees the rename',
      async run() {
        ann = await newContext(browser);
        ben = await newContext(browser);
        await signInThroughPage(ann.page, appUrl, 'ann');
        await signInThroughPage(ben.page, appUrl, 'ben');
        await openPlanner(ann.page, appUrl);
        await ann.page.evaluate(() => (window as DrawWindow).__map!.jumpTo({ center: [115.35, 26.33], zoom: 13.5 }));
        await ann.page.getByTestId('draw-polygon').click();
        await drawPolygon(ann.page, [[80, 200], [300, 190], [320, 360], [110, 380]], 200);
        await waitForValue(ann.page, () => document.querySelectorAll('[data-testid="planner-site"]').length === 1, 30_000, 'the drawn site in the list');
        siteId = (await ann.page.getByTestId('planner-site').getAttribute('data-site-id'))!;
        // The sync pushes it to the server under the same id.
        await until(async () => (await api(ann.page, 'GET', `/api/sites/${siteId}`)).status === 200, 30_000, 'the site on the server');
        // Ann shares it with ben in the planner: 共享与历史 → 共享 → 指定用户, tick ben → 保存 → 确认更改.
        await ann.page.getByTestId('server-sites').locator('summary').click();
        await ann.page.getByTestId('server-site').first().waitFor({ timeout: 30_000 });
        // The list fills in as the server's answers arrive: wait for the sharing line, then check it.
        await waitForValue(ann.page, () => !!document.querySelector('[data-testid="server-site-sharing"]')?.textContent?.trim(), 20_000, 'the sharing line');
        const sharingShown = await ann.page.getByTestId('server-site-sharing').first().innerText();
        if (!sharingShown.includes('仅自己可见')) {
          // Say what the server holds and who the page is, so a failure explains itself.
          const all = (await api(ann.page, 'GET', '/api/sites')).body as { sites?: { id: string; owner: string; name: string }[] };
          const who = (await api(ann.page, 'GET', '/api/session')).body as { user?: string };
          throw new Error(`the list shows the current sharing: only ann (shown: "${sharingShown}"; page signed in as ${who.user}; drawn ${siteId}; server: ${JSON.stringify(all).slice(0, 600)})`);
        }
        await ann.page.getByTestId('server-site-share').first().click();
        assert(await ann.page.getByTestId('share-mode').inputValue() === 'private', 'the form opens on the current sharing (private)');
        assert(await ann.page.getByTestId('share-save').isDisabled(), '保存 does nothing while the sharing is unchanged');
        await ann.page.getByTestId('share-mode').selectOption('users');
        // Users are picked from the server's list of accounts (no typing): ann herself is not offered; vic is a viewer.
        await ann.page.locator('[data-testid="share-user"][data-user="ben"]').waitFor({ timeout: 20_000 });
        const offered = await ann.page.getByTestId('share-user').evaluateAll((els) => els.map((e) => e.getAttribute('data-user')));
        assert(JSON.stringify(offered) === JSON.stringify(['ben', 'vic']), `offered: ${offered.join(', ')}`);
        assert((await ann.page.locator('[data-testid="share-user"][data-user="vic"]').innerText()).includes('只读'), 'the viewer is marked read-only');
        await ann.page.locator('[data-testid="share-user"][data-user="ben"] input').check();
        await ann.page.getByTestId('share-save').click();
        const ask = await ann.page.getByTestId('share-confirm').innerText();
        assert(ask.includes('仅自己可见') && ask.includes('共享给 ben'), `the change is confirmed before it is sent: ${ask}`);
        assert(JSON.stringify((await serverSite(ann.page)).sharing) === '"private"', 'nothing sent before the confirmation');
        await ann.page.getByTestId('share-confirm-yes').click();
        await until(async () => JSON.stringify((await serverSite(ann.page)).sharing) === JSON.stringify({ users: ['ben'] }), 30_000, 'the sharing on the server');
        await waitForValue(ann.page, () => (document.querySelector('[data-testid="planner-sync-note"]')?.textContent ?? '').includes('现在共享给 ben'), 10_000, 'the saved sharing confirmed from the server\'s answer');
        await waitForValue(ann.page, () => (document.querySelector('[data-testid="server-site-sharing"]')?.textContent ?? '').includes('共享给 ben'), 30_000, 'the list shows the new sharing');
        assert((await ann.page.getByTestId('site-sharing').first().innerText()).includes('共享给 ben'), 'the workspace list shows it too');
        // Opened again, the form is on the current state: named users, ben ticked; 保存 unchanged does nothing.
        await ann.page.getByTestId('server-site-share').first().click();
        assert(await ann.page.getByTestId('share-mode').inputValue() === 'users', 'reopened on named users');
        await ann.page.locator('[data-testid="share-user"][data-user="ben"]').waitFor({ timeout: 10_000 });
        assert(await ann.page.locator('[data-testid="share-user"][data-user="ben"] input').isChecked(), 'ben ticked');
        assert(await ann.page.getByTestId('share-save').isDisabled(), 'an unchanged form cannot unshare');
        await ann.page.getByTestId('share-form').getByRole('button', { name: '取消' }).click();
        const annName = (await names(ann.page))[0];

        await openPlanner(ben.page, appUrl);
        await waitForValue(ben.page, (n) => [...document.querySelectorAll<HTMLInputElement>('[data-testid="site-name"]')].some((e) => e.value === n), 30_000, 'ann’s site in ben’s workspace', annName);
        const area = (await serverSite(ben.page)).area_mu as number;
        assert(area > 0, 'the shared site has an area');
        await ben.page.getByTestId('site-name').first().fill('ben 改名');
        await until(async () => (await serverSite(ben.page)).name === 'ben 改名', 30_000, 'ben’s rename on the server');
        const s = await serverSite(ben.page);
        assert(s.updated_by === 'ben', `updated_by is ${s.updated_by}`);
        // Ben sees who shared it; 删除 on ann's site is refused and says why (it does not vanish here and stay there).
        const row = ben.page.locator(`[data-testid="planner-site"][data-site-id="${siteId}"]`);
        await waitForValue(ben.page, () => (document.querySelector('[data-testid="site-sharing"]')?.textContent ?? '').includes('ann 共享给你'), 30_000, 'who shared it');
        assert(await row.getByTestId('site-delete').isDisabled(), 'ben cannot delete ann’s site');
        assert((await row.getByTestId('site-delete').getAttribute('title'))?.includes('只有所有者可以删除'), 'the button says why');
        await row.getByTestId('site-select').click();
        assert(await ben.page.getByTestId('draw-delete').isDisabled(), 'the toolbar’s 删除 is refused too');
        assert((await serverSite(ben.page)).deleted === false && (await names(ben.page)).includes('ben 改名'), 'the site stays, here and there');

        // Ann's page syncs on load (and every 20 s): the rename arrives.
        await openPlanner(ann.page, appUrl);
        await waitForValue(ann.page, () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="site-name"]')].some((e) => e.value === 'ben 改名'), 40_000, 'ben’s rename in ann’s workspace');
      },
    },
    {
      name: 'both edit the site, ann offline: back online she sees both versions, keeps hers; the history keeps ben’s',
      async run() {
        assert(siteId, 'needs the shared site of the previous test');
        await ann.context.setOffline(true);
        await ann.page.getByTestId('site-name').first().fill('ann 离线修改');
        await waitForValue(ann.page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'offline', 30_000, 'the offline status');
        const v = (await serverSite(ben.page)).version;
        const b = await api(ben.page, 'PUT', `/api/sites/${siteId}`, { version: v, name: 'ben 再改' });
        assert(b.status === 200, `ben's save answered ${b.status}`);
        await ann.context.setOffline(false);
        await ann.page.evaluate(() => window.dispatchEvent(new Event('online')));
        await ann.page.getByTestId('planner-conflict').waitFor({ timeout: 40_000 });
        const local = await ann.page.getByTestId('conflict-local').innerText();
        const remote = await ann.page.getByTestId('conflict-server').innerText();
        assert(local.includes('ann 离线修改'), `local row: ${local}`);
        assert(remote.includes('ben 再改'), `server row: ${remote}`);
        assert((await ann.page.getByTestId('planner-conflict').innerText()).includes('ben'), 'the conflict names who changed it');
        // Nothing was overwritten before the choice.
        assert((await serverSite(ann.page)).name === 'ben 再改', 'the server copy is untouched until ann chooses');
        await ann.page.getByTestId('conflict-keep-local').click();
        await until(async () => (await serverSite(ann.page)).name === 'ann 离线修改', 30_000, 'ann’s version on the server');
        await waitForValue(ann.page, () => !document.querySelector('[data-testid="planner-conflict"]'), 10_000, 'the conflict resolved');
        const history = (await api(ann.page, 'GET', `/api/sites/${siteId}/history`)).body.versions as { name: string; author: string }[];
        assert(history.some((h) => h.name === 'ben 再改' && h.author === 'ben'), 'ben’s version is in the history');
        assert(history[0].name === 'ann 离线修改' && history[0].author === 'ann', `latest: ${JSON.stringify(history[0])}`);
        // The history in the planner: ann restores ben's version; it becomes the newest version and reaches her list.
        await ann.page.getByTestId('server-sites').evaluate((d) => { (d as HTMLDetailsElement).open = true; });
        await ann.page.getByTestId('server-site-history').first().click();
        const row = ann.page.getByTestId('server-site-version').filter({ hasText: 'ben 再改' });
        await row.first().waitFor({ timeout: 20_000 });
        assert((await row.first().innerText()).includes('ben'), 'the version names its author');
        await row.first().getByTestId('server-site-restore').click();
        // Restoring an older version says which later versions it replaces, and asks.
        const confirm = ann.page.getByTestId('restore-confirm');
        await confirm.waitFor({ timeout: 10_000 });
        const replaces = await confirm.getByTestId('restore-replaces').allInnerTexts();
        assert(replaces.length >= 1 && replaces[0].includes('ann') && replaces[0].includes('名称'), `the later versions it replaces: ${replaces.join(' | ')}`);
        assert((await serverSite(ann.page)).name === 'ann 离线修改', 'nothing restored before the confirmation');
        await confirm.getByTestId('restore-confirm-yes').click();
        await until(async () => (await serverSite(ann.page)).name === 'ben 再改', 30_000, 'the restored version on the server');
        await waitForValue(ann.page, () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="site-name"]')].some((e) => e.value === 'ben 再改'), 30_000, 'the restored name in ann’s workspace');
        const after = (await api(ann.page, 'GET', `/api/sites/${siteId}/history`)).body.versions as { change: string; author: string }[];
        assert(after[0].change === 'restore' && after[0].author === 'ann', `newest: ${JSON.stringify(after[0])}`);
      },
    },
    {
      name: 'a name the server refuses (<, >) is marked with its reason in Chinese and not sent again on every load; the status says it is not synced; fixed, it syncs',
      async run() {
        const page = ann.page;
        const writes: string[] = [];
        page.on('request', (r) => { if (r.method() !== 'GET' && /\/api\/sites(\/|$)/.test(new URL(r.url()).pathname)) writes.push(`${r.method()} ${new URL(r.url()).pathname}`); });
        await page.evaluate(() => (window as DrawWindow).__map!.jumpTo({ center: [115.3, 26.36], zoom: 13.5 }));
        await page.getByTestId('draw-polygon').click();
        await drawPolygon(page, [[100, 200], [280, 200], [280, 330], [100, 330]], 200);
        const id = await waitForValue(page, () => document.querySelector('[data-testid="planner-site"].is-selected')?.getAttribute('data-site-id') ?? null, 30_000, 'the new site selected');
        await until(async () => (await api(page, 'GET', `/api/sites/${id}`)).status === 200, 30_000, 'the new site on the server');
        const row = page.locator(`[data-testid="planner-site"][data-site-id="${id}"]`);
        await row.getByTestId('site-name').fill('标记<b>测试</b>');
        const problem = row.getByTestId('site-sync-problem');
        await problem.waitFor({ timeout: 30_000 });
        const reason = await problem.innerText();
        assert(reason.includes('名称不能包含“<”或“>”') && !/[a-z]{4,}/.test(reason), `the site is marked with the server's reason, in Chinese: ${reason}`);
        await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'partial', 30_000, 'the status says a site is not synced');
        const status = await page.getByTestId('planner-sync-status').innerText();
        assert(status.includes('1 个地块未同步') && !status.includes('已与服务器同步'), `status: ${status}`);
        const refusedWrites = () => writes.filter((w) => w.endsWith(`/api/sites/${id}`)).length;
        const sentOnce = refusedWrites();
        assert(sentOnce >= 1, `the refused change was sent (${writes.join(', ')})`);
        // Three loads of the page, each with a full sync pass: nothing is sent for it again.
        for (let i = 0; i < 3; i++) {
          await page.reload();
          await page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
          await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'partial', 40_000, `reload ${i + 1}: the status after a pass`);
          await row.getByTestId('site-sync-problem').waitFor({ timeout: 10_000 });
        }
        assert(refusedWrites() === sentOnce, `the refused site was not resent on load (${refusedWrites()} writes, first ${sentOnce})`);
        await row.getByTestId('site-name').fill('标记测试');
        await until(async () => (await api(page, 'GET', `/api/sites/${id}`)).body.name === '标记测试', 30_000, 'the fixed name on the server');
        await waitForValue(page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'synced', 30_000, 'synced again');
        assert(await row.getByTestId('site-sync-problem').count() === 0, 'the mark is gone');
      },
    },
    {
      name: 'a viewer in the planner: no drawing tools, no import, read-only list; measuring works and saves nothing; a local site is never reported as synced',
      async run() {
        const vic = await newContext(browser);
        try {
          await signInThroughPage(vic.page, appUrl, 'vic');
          // A site shared with everyone, and one left in this browser's storage (as from an earlier account on this computer).
          const shared = await api(ann.page, 'POST', '/api/sites', { name: '公开地块', type: '造林', geometry: { type: 'Polygon', coordinates: [[[115.36, 26.34], [115.365, 26.34], [115.365, 26.345], [115.36, 26.34]]] }, sharing: 'everyone' });
          assert(shared.status === 201, `ann's public site (${shared.status})`);
          await openPlanner(vic.page, appUrl);
          await vic.page.getByTestId('planner-viewer-note').waitFor({ timeout: 30_000 });
          assert(await vic.page.getByTestId('draw-polygon').count() === 0 && await vic.page.getByTestId('draw-select').count() === 0, 'no drawing or editing modes');
          assert(await vic.page.getByTestId('draw-measure').count() === 1 && await vic.page.getByTestId('draw-static').count() === 1, 'browse and measure only');
          assert(await vic.page.getByTestId('open-import').count() === 0 && await vic.page.getByTestId('draw-delete').count() === 0, 'no import, no delete');
          await waitForValue(vic.page, () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="site-name"]')].some((e) => e.value === '公开地块'), 30_000, 'the public site in the viewer’s list');
          assert(await vic.page.getByTestId('site-name').first().getAttribute('readonly') !== null, 'names are read-only');
          assert(await vic.page.getByTestId('site-delete').count() === 0, 'no delete in the list');
          await waitForValue(vic.page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'synced', 30_000, 'synced (everything here is on the server)');
          // Measure: a distance, not a site.
          await vic.page.getByTestId('draw-measure').click();
          const box = (await vic.page.locator('.maplibregl-canvas').boundingBox())!;
          for (const [x, y] of [[200, 200], [400, 260]]) {
            await vic.page.mouse.move(box.x + x, box.y + y, { steps: 3 });
            await vic.page.mouse.click(box.x + x, box.y + y);
            await vic.page.waitForTimeout(200);
          }
          await vic.page.mouse.move(box.x + 401, box.y + 261, { steps: 2 });
          await vic.page.mouse.click(box.x + 401, box.y + 261); // the last point again: finish
          await waitForValue(vic.page, () => Number(document.querySelector('[data-testid="planner-measure"]')?.getAttribute('data-length-m') ?? 0) > 0, 10_000, 'a measured length');
          assert(await vic.page.getByTestId('planner-site').count() === 1, 'measuring added no site');
          // A site only in this browser: the status must not say synced.
          await vic.page.evaluate(() => new Promise<void>((resolve, reject) => {
            const r = indexedDB.open('xingguo-planner', 1);
            r.onsuccess = () => {
              const tx = r.result.transaction('sites', 'readwrite');
              tx.objectStore('sites').put({ id: 'left-here', name: '本机遗留', type: '其他', note: '', origin: '', geometry: { type: 'Point', coordinates: [115.35, 26.33] }, created: 1, updated: 1 });
              tx.oncomplete = () => { r.result.close(); resolve(); };
              tx.onerror = () => reject(tx.error);
            };
            r.onerror = () => reject(r.error);
          }));
          await vic.page.reload();
          await vic.page.getByTestId('planner-panel').waitFor({ timeout: 60_000 });
          await waitForValue(vic.page, () => document.querySelector('[data-testid="planner-sync-status"]')?.getAttribute('data-status') === 'partial', 30_000, 'the status says a site is not synced');
          const problem = await vic.page.locator('[data-testid="planner-sync-problem"][data-kind="viewerLocal"]').innerText();
          assert(problem.includes('本机遗留') && problem.includes('只读账号'), `the viewer's local site is named: ${problem}`);
          assert((await api(vic.page, 'GET', '/api/sites/left-here')).status === 404, 'and it was not sent');
        } finally {
          await vic.context.close();
        }
      },
    },
    {
      name: 'the header names the signed-in user; 退出 signs out (the page and the API refuse the old session), the other user stays in',
      async run() {
        try {
          const who = await ann.page.getByTestId('session-user').innerText();
          assert(who.includes('ann') && who.includes('规划'), `header shows ${who}`);
          await ann.page.getByTestId('sign-out').click();
          await ann.page.waitForURL(/\/login\/$/, { timeout: 30_000 });
          await ann.page.goto(appUrl);
          await ann.page.waitForURL(/\/login\/$/, { timeout: 30_000 });
          const r = await ann.page.request.get(`${appUrl}api/sites`);
          assert(r.status() === 401, `the API answered ${r.status()} after sign-out`);
          // Back after 退出 lands on the sign-in page, not on a map whose every request now answers 401.
          await ann.page.goto(appUrl);
          await ann.page.waitForURL(/\/login\/$/, { timeout: 30_000 });
          await signInThroughPage(ann.page, appUrl, 'ann');
          await ann.page.getByTestId('sign-out').click();
          await ann.page.waitForURL(/\/login\/$/, { timeout: 30_000 });
          await ann.page.goBack();
          await ann.page.waitForURL(/\/login\/$/, { timeout: 30_000 });
          await ann.page.locator('#username').waitFor({ timeout: 10_000 });
          assert(await ann.page.locator('.maplibregl-canvas').count() === 0, 'no map after Back');
          assert((await api(ben.page, 'GET', '/api/sites')).status === 200, 'ben is still signed in');
        } finally {
          await ann.context.close();
          await ben.context.close();
        }
      },
    },
  ];
}
