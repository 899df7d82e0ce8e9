// The shared workspace in the browser, against the real server: the sign-in page (anonymous visitors are sent there; a
// wrong password is refused with a message), and two planners in two browser contexts sharing a site — one draws it
// and shares it (in the planner), the other sees it and renames it, the first sees the rename; then both edit it, one
// offline, and the one coming back online sees both versions and chooses; the history lists every version and one is
// restored from it; sign-out.
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
        // Ann shares it with ben in the planner: 共享与历史 → 共享 → 指定用户 "ben" → 保存.
        await ann.page.getByTestId('server-sites').locator('summary').click();
        await ann.page.getByTestId('server-site').first().waitFor({ timeout: 30_000 });
        await ann.page.getByTestId('server-site-share').first().click();
        await ann.page.getByTestId('share-mode').selectOption('users');
        await ann.page.getByTestId('share-users').fill('ben');
        await ann.page.getByTestId('share-save').click();
        await until(async () => JSON.stringify((await serverSite(ann.page)).sharing) === JSON.stringify({ users: ['ben'] }), 30_000, 'the sharing on the server');
        const annName = (await names(ann.page))[0];

        await openPlanner(ben.page, appUrl);
        await waitForValue(ben.page, (n) => [...document.querySelectorAll<HTMLInputElement>('[data-testid="site-name"]')].some((e) => e.value === n), 30_000, 'ann’s site in ben’s workspace', annName);
        const area = (await serverSite(ben.page)).area_mu as number;
        assert(area > 0, 'the shared site has an area');
        await ben.page.getByTestId('site-name').first().fill('ben 改名');
        await until(async () => (await serverSite(ben.page)).name === 'ben 改名', 30_000, 'ben’s rename on the server');
        const s = await serverSite(ben.page);
        assert(s.updated_by === 'ben', `updated_by is ${s.updated_by}`);

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
        await until(async () => (await serverSite(ann.page)).name === 'ben 再改', 30_000, 'the restored version on the server');
        await waitForValue(ann.page, () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="site-name"]')].some((e) => e.value === 'ben 再改'), 30_000, 'the restored name in ann’s workspace');
        const after = (await api(ann.page, 'GET', `/api/sites/${siteId}/history`)).body.versions as { change: string; author: string }[];
        assert(after[0].change === 'restore' && after[0].author === 'ann', `newest: ${JSON.stringify(after[0])}`);
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
          assert((await api(ben.page, 'GET', '/api/sites')).status === 200, 'ben is still signed in');
        } finally {
          await ann.context.close();
          await ben.context.close();
        }
      },
    },
  ];
}
