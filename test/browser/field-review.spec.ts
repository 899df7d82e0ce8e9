// The bureau's 外业 panel against the real server (issue 26): an editor assigns a 监测图斑 to a field worker in the
// panel; the worker's phone files a 监测图斑核查 through the API (multipart, a JPEG with EXIF, an Idempotency-Key) and
// sends it twice; the report shows once in the list, its task is done, its photo opens; the editor accepts it and the
// 图斑's status changes (on screen and in GET /api/patches). A viewer cannot send a report, a text file named .jpg is
// refused, and a report edited on the phone while the editor reviews it shows as a conflict with the server's version.
// Served as `npm start` serves (test/browser/server.ts) on data/: the sample's project layers and 监测图斑.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { withExif } from '../fixtures/exif-jpeg.ts';
import { assert, type BrowserTest, openPage, setContextCookies, waitForValue } from './harness.ts';
import { serveSignedIn, sessionCookie, signIn, TEST_PASSWORD } from './server.ts';

const JPEG = new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/photos/field-photo.jpg')));

export async function serveField(): Promise<{ url: string; close: () => Promise<void> }> {
  const site = await serveSignedIn(undefined, [['eve', 'editor'], ['pam', 'planner'], ['vic', 'viewer']]);
  const token = await signIn(site.url, 'eve');
  setContextCookies(async () => [sessionCookie(site.url, token)]);
  return { url: site.url, close: site.close };
}

/** A phone: signed in through the API, sending what the field page sends. */
class Phone {
  private cookie = '';
  private csrf = '';
  constructor(private url: string, readonly user: string) {}

  async signIn(): Promise<this> {
    const r = await fetch(`${this.url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: this.user, password: TEST_PASSWORD }) });
    this.cookie = `xg_session=${/xg_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]}`;
    this.csrf = ((await r.json()) as { csrf: string }).csrf;
    return this;
  }

  async get(url: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await fetch(`${this.url}${url}`, { headers: { cookie: this.cookie } });
    return { status: r.status, body: await r.json() };
  }

  async send(method: 'POST' | 'PUT', url: string, report: object, photos: { id: string; name: string; bytes: Uint8Array }[], key?: string) {
    const form = new FormData();
    form.append('report', JSON.stringify(report));
    for (const p of photos) form.append(p.id, new Blob([p.bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), p.name);
    const r = await fetch(`${this.url}${url}`, { method, body: form, headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(key ? { 'idempotency-key': key } : {}) } });
    return { status: r.status, body: (await r.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }
}

let seq = 0;
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${++seq}-browser`;

function patchCheck(patchId: string, verdict: string, notes: string) {
  const photoId = uid('photo');
  return {
    report: {
      id: uid('report'), template: 'patch-check', target: { kind: 'patch', id: patchId }, values: { verdict, cause: '采伐', verified_area_mu: 12.5, notes },
      photos: [{ id: photoId, name: 'IMG_2041.jpg', taken_at: '2026:06:02 09:15:00' }], position: { lon: 115.35, lat: 26.33, accuracy: 5 }, made_at: new Date().toISOString(),
    },
    photos: [{ id: photoId, name: 'IMG_2041.jpg', bytes: withExif(JPEG, { dateTimeOriginal: '2026:06:02 09:15:00', lat: 26.33, lon: 115.35 }) }],
  };
}

async function openPanel(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?field`);
  await page.locator('[data-testid="field-panel"]').waitFor({ timeout: 60_000 });
}

async function reportItems(page: Page, id: string): Promise<number> {
  return page.locator(`[data-testid="field-report"][data-report-id="${id}"]`).count();
}

export function fieldReviewTests(browser: Browser, site: { url: string }): BrowserTest[] {
  const { url } = site;
  let patches: { id: string; status: string }[] = [];
  return [
    {
      name: 'an editor assigns a 监测图斑 in the panel; the worker sees the task',
      run: async () => {
        const pam = await new Phone(url, 'pam').signIn();
        patches = (await pam.get('api/patches')).body.patches;
        assert(patches.length > 10 && patches.every((p) => p.status === 'pending'), `the release's 图斑 are all pending (${patches.length})`);
        const { page } = await openPage(browser, { width: 1280, height: 800 });
        await openPanel(page, url);
        await page.click('[data-testid="field-tab-tasks"]');
        await page.locator('[data-testid="field-assign"]').waitFor();
        await page.fill('[data-testid="field-assign-target"]', patches[0].id);
        await page.selectOption('[data-testid="field-assign-person"]', 'pam');
        await page.fill('[data-testid="field-assign-due"]', '2026-12-31');
        await page.fill('[data-testid="field-assign-note"]', '请核查采伐');
        await page.click('[data-testid="field-assign-send"]');
        const message = await page.locator('[data-testid="field-assign-message"]').textContent();
        assert(message === '已分配给 pam', `assigned message: ${message}`);
        await page.locator('[data-testid="field-task"][data-status="open"]').first().waitFor();
        const tasks = (await pam.get('api/tasks?assignee=me&status=open')).body.tasks;
        assert(tasks.length === 1 && tasks[0].target.id === patches[0].id && tasks[0].due === '2026-12-31' && tasks[0].note === '请核查采伐', `pam's task: ${JSON.stringify(tasks)}`);
        // A viewer is not offered as a field worker.
        const options = await page.locator('[data-testid="field-assign-person"] option').allTextContents();
        assert(!options.includes('vic') && options.includes('pam') && options.includes('eve'), `people offered: ${options}`);
        await page.context().close();
      },
    },
    {
      name: 'a report sent twice from the phone shows once; accepting it sets the 图斑 status',
      run: async () => {
        const pam = await new Phone(url, 'pam').signIn();
        const { report, photos } = patchCheck(patches[0].id, '属实', '现场已采伐，树桩新鲜');
        const key = uid('key');
        const first = await pam.send('POST', 'api/reports', report, photos, key);
        const again = await pam.send('POST', 'api/reports', report, photos, key);
        assert(first.status === 201 && again.status === 201 && again.body.id === first.body.id, `two sends: ${first.status} ${again.status}`);
        const task = (await pam.get('api/tasks?assignee=me&status=all')).body.tasks[0];
        assert(task.status === 'done' && task.report_id === report.id, `task closed by the report: ${JSON.stringify(task)}`);
        const { page } = await openPage(browser, { width: 1280, height: 800 });
        await openPanel(page, url);
        const item = page.locator(`[data-testid="field-report"][data-report-id="${report.id}"]`);
        await item.waitFor({ timeout: 30_000 });
        assert((await reportItems(page, report.id)) === 1, 'the report is listed once');
        assert((await page.locator('[data-testid="field-report"]').count()) === 1, 'one report in all');
        // Filters: by person and status it stays; by another person it goes.
        await page.selectOption('[data-testid="field-filter-person"]', 'eve');
        await page.locator('[data-testid="field-no-reports"]').waitFor();
        await page.selectOption('[data-testid="field-filter-person"]', 'pam');
        await page.selectOption('[data-testid="field-filter-status"]', 'submitted');
        await item.waitFor();
        await item.locator('.field-list__head').click();
        const notes = await item.locator('dd[data-answer="notes"]').textContent();
        assert(notes === '现场已采伐，树桩新鲜', `notes shown as text: ${notes}`);
        // The photo opens: the image loads from the server, typed by content.
        const photo = item.locator('[data-testid="field-photo"] img');
        await waitForValue(page, (sel) => { const img = document.querySelector(sel) as HTMLImageElement | null; return !!img && img.complete && img.naturalWidth > 0; }, 20_000, 'the photo to load', `[data-report-id="${report.id}"] [data-testid="field-photo"] img`);
        assert((await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)) === 320, 'the photo is the 320 px JPEG sent');
        const before = await item.locator('[data-testid="field-patch-status"]').getAttribute('data-status');
        assert(before === 'pending', `图斑 status before: ${before}`);
        await item.locator('[data-testid="field-review-comment"]').fill('与影像一致');
        await item.locator('[data-testid="field-accept"]').click();
        await page.selectOption('[data-testid="field-filter-status"]', '');
        await page.locator(`[data-testid="field-report"][data-report-id="${report.id}"][data-status="accepted"]`).waitFor();
        const applied = await item.locator('[data-testid="field-applied"]').textContent();
        assert(applied === '图斑状态已改为“已核查·属实”', `applied: ${applied}`);
        await waitForValue(page, (id) => document.querySelector(`[data-report-id="${id}"] [data-testid="field-patch-status"]`)?.getAttribute('data-status') === 'verified_true', 10_000, 'the 图斑 status on screen', report.id);
        const now = (await pam.get('api/patches')).body.patches as { id: string; status: string; report_id: string; updated_by: string }[];
        const changed = now.filter((p) => p.status !== 'pending');
        assert(changed.length === 1 && changed[0].id === patches[0].id && changed[0].status === 'verified_true' && changed[0].report_id === report.id && changed[0].updated_by === 'eve', `patches changed: ${JSON.stringify(changed)}`);
        // The report's point is on the map.
        const points = await page.evaluate(async () => {
          const map = (window as Window & { __map?: import('maplibre-gl').Map }).__map;
          if (!map?.getLayer('field-review::point')) return -1;
          const data = await (map.getSource('field-review') as import('maplibre-gl').GeoJSONSource).getData();
          return (data as { features: unknown[] }).features.length;
        });
        assert(points >= 1, `report and task points on the map: ${points}`);
        await page.context().close();
      },
    },
    {
      name: 'a viewer cannot send a report, and a text file named .jpg is refused',
      run: async () => {
        const vic = await new Phone(url, 'vic').signIn();
        const { report, photos } = patchCheck(patches[1].id, '不属实', '阴影');
        const v = await vic.send('POST', 'api/reports', report, photos, uid('key'));
        assert(v.status === 403 && v.body.key === 'field.role', `viewer: ${v.status} ${JSON.stringify(v.body)}`);
        const pam = await new Phone(url, 'pam').signIn();
        const fake = [{ id: report.photos[0].id, name: 'IMG_2042.jpg', bytes: new TextEncoder().encode('this is a text file, not a photo\n') }];
        const r = await pam.send('POST', 'api/reports', report, fake, uid('key'));
        assert(r.status === 415 && r.body.key === 'field.photo.notImage' && r.body.params.file === 'IMG_2042.jpg', `fake photo: ${r.status} ${JSON.stringify(r.body)}`);
        assert((await pam.get(`api/reports/${report.id}`)).status === 404, 'nothing stored');
        // Nor does the viewer's page offer review or assignment.
        const token = await signIn(url, 'vic');
        setContextCookies(async () => [sessionCookie(url, token)]);
        const { page } = await openPage(browser, { width: 1280, height: 800 });
        setContextCookies(async () => [sessionCookie(url, await signIn(url, 'eve'))]);
        await openPanel(page, url);
        await page.locator('[data-testid="field-report"]').first().locator('.field-list__head').click();
        await page.locator('[data-testid="field-report-detail"]').waitFor();
        assert((await page.locator('[data-testid="field-accept"]').count()) === 0, 'no accept button for a viewer');
        await page.click('[data-testid="field-tab-tasks"]');
        assert((await page.locator('[data-testid="field-assign"]').count()) === 0, 'no assignment form for a viewer');
        await page.context().close();
      },
    },
    {
      name: 'a report edited on the phone while the editor reviews it shows as a conflict with the server version',
      run: async () => {
        const pam = await new Phone(url, 'pam').signIn();
        const { report, photos } = patchCheck(patches[2].id, '属实', '第一次填报');
        assert((await pam.send('POST', 'api/reports', report, photos, uid('key'))).status === 201, 'filed');
        const { page } = await openPage(browser, { width: 1280, height: 800 });
        await openPanel(page, url);
        const item = page.locator(`[data-testid="field-report"][data-report-id="${report.id}"]`);
        await item.waitFor({ timeout: 30_000 });
        await item.locator('.field-list__head').click();
        // Meanwhile the phone sends an edit (version 1 → 2).
        const edited = await pam.send('PUT', `api/reports/${report.id}`, { ...report, version: 1, values: { ...report.values, notes: '补充：面积更大' } }, []);
        assert(edited.status === 200 && edited.body.version === 2, `phone edit: ${edited.status}`);
        await item.locator('[data-testid="field-accept"]').click();
        const conflict = await item.locator('[data-testid="field-conflict"]').textContent({ timeout: 10_000 });
        assert(conflict?.includes('服务器上是第 2 版（pam）') && conflict.includes('你看到的版本：第 1 版'), `conflict shown: ${conflict}`);
        const notes = await item.locator('dd[data-answer="notes"]').textContent();
        assert(notes === '补充：面积更大', `the server's version is shown: ${notes}`);
        assert((await item.getAttribute('data-status')) === 'submitted', 'not accepted');
        // Accepting what is now shown works.
        await item.locator('[data-testid="field-accept"]').click();
        await page.locator(`[data-testid="field-report"][data-report-id="${report.id}"][data-status="accepted"]`).waitFor();
        await page.context().close();
      },
    },
  ];
}
