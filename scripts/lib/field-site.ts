// The field page's server and phone for the field browser suite (test/browser/field.spec.ts) and `npm run bench:field`:
// the app started as `npm start` starts it (scripts/lib/start-app.ts) on a throw-away database and the sample data
// folder (its 监测图斑 from the raster sample), a field planner `fay` with a task, an editor `eve` and a viewer `vic`;
// a 390 × 780 touch phone with geolocation, signed in, on /field/ once its service worker controls it; the bureau
// page's 外业 panel; the walk of known geometry.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addUser } from '../../src/server/users.ts';
import { openRecordedPage, type RecordedPage, waitWith } from './browser.ts';
import { ROOT } from './serve-app.ts';
import { startApp, type StartedApp } from './start-app.ts';

export const PHONE = { width: 390, height: 780 };
export const FIELD_PASSWORD = 'field-test password';

async function signIn(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: FIELD_PASSWORD }) });
  const token = /xg_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];
  if (!r.ok || !token) throw new Error(`sign-in of ${username} failed: ${r.status} ${await r.text()}`);
  return token;
}

/** One API call as `user` (signed in for it, with the CSRF token). */
export async function fieldApi(site: { url: string }, user: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const token = await signIn(site.url, user);
  const s = (await (await fetch(`${site.url}api/session`, { headers: { cookie: `xg_session=${token}` } })).json()) as { csrf: string };
  const r = await fetch(`${site.url}${url.replace(/^\//, '')}`, {
    method,
    headers: { cookie: `xg_session=${token}`, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: await r.json().catch(() => null) };
}

export interface FieldSite {
  url: string;
  server: StartedApp;
  patch: { id: string; township: string; centre: [number, number] };
  close: () => Promise<void>;
}

/**
 * The app as `npm start` runs it (test/browser/server.ts) on the sample data folder (its 监测图斑 from the raster
 * sample), with a field planner `fay`, a viewer `vic` and an editor `eve` who gives fay a task: the first 图斑.
 */
export async function serveField(): Promise<FieldSite> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xg-field-db-'));
  const server = await startApp({ env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', XG_DB_DIR: path.join(dir, 'db') }, log: () => undefined });
  const close = async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  await addUser(server.db, 'fay', FIELD_PASSWORD, 'planner');
  await addUser(server.db, 'eve', FIELD_PASSWORD, 'editor');
  await addUser(server.db, 'vic', FIELD_PASSWORD, 'viewer');
  const patches = JSON.parse(readFileSync(path.join(ROOT, 'data/monitoring-patches.geojson'), 'utf8')) as FeatureCollection;
  const f = patches.features[0];
  const patch = { id: String(f.properties!.id), township: String(f.properties!.township_code), centre: [Number(f.properties!.centre_lon), Number(f.properties!.centre_lat)] as [number, number] };
  const task = await fieldApi({ url: server.url }, 'eve', 'POST', 'api/tasks', { target: { kind: 'patch', id: patch.id }, assignee: 'fay', due: '2026-12-31' });
  if (task.status !== 201) {
    await close();
    throw new Error(`task not created: ${task.status} ${JSON.stringify(task.body)}`);
  }
  return { url: server.url, server, patch, close };
}

export interface FieldPage {
  context: BrowserContext;
  page: Page;
  requests: string[];
  pageErrors: string[];
  failed: string[];
}

/** A phone: 390 × 780, touch, zh-CN, geolocation allowed and first placed at `at`, signed in as `user`. */
export async function openFieldPage(browser: Browser, site: { url: string }, at: [number, number], user = 'fay'): Promise<FieldPage> {
  const context = await browser.newContext({
    viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN',
    permissions: ['geolocation'], geolocation: { longitude: at[0], latitude: at[1], accuracy: 5 },
  });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addCookies([{ name: 'xg_session', value: await signIn(site.url, user), url: site.url, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  const requests: string[] = [];
  const pageErrors: string[] = [];
  const failed: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') pageErrors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${site.url}field/`);
  await waitWith(page, () => navigator.serviceWorker.controller !== null, undefined, 60_000, 'the service worker to control the page');
  return { context, page, requests, pageErrors, failed };
}


/** The bureau page (its 外业 panel, `?field`) at 960 × 640, signed in as `user`. */
export async function openBureauField(browser: Browser, site: { url: string }, user = 'eve'): Promise<RecordedPage> {
  const bureau = await openRecordedPage(browser, { width: 960, height: 640 }, [{ name: 'xg_session', value: await signIn(site.url, user), url: site.url, httpOnly: true, sameSite: 'Strict' }]);
  await bureau.page.goto(`${site.url}?field`);
  await bureau.page.locator('[data-testid="field-panel"]').waitFor({ timeout: 60_000 });
  return bureau;
}
