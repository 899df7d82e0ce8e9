// User administration in the bureau page (issue 22), against the real server (a throw-away PGlite, the built pages),
// each person in a browser context of their own signing in through the sign-in page:
// - the editor adds a user with a role in 用户管理; the page shows a one-time set-up link; the new user opens it, sets a
//   password and is signed in for the first time; the link then refuses a second use; the list shows the sign-in;
// - disabling a signed-in planner ends their session: their next request is refused and the page sends them to sign in;
// - a role change takes effect: a viewer made editor gets 用户管理, a planner made viewer can no longer save a site;
//   demoting the last editor is refused with the server's message in Chinese;
// - one account locked by typos leaves the others (same address) free; the editor sees the lock and lifts it;
// - a reset makes the old password fail and a new link work; every user changes their own password.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp } from '../../scripts/lib/start-app.ts';
import { addUser } from '../../src/server/users.ts';
import { assert, type BrowserTest, screenshotPath, setContextCookies, waitForValue } from './harness.ts';
import { TEST_PASSWORD } from './server.ts';

/** Failed sign-ins that lock one account here (the server's default is 10; fewer keeps the test short). */
const ACCOUNT_FAILURES = 3;

export async function serveAdmin(): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xg-admin-db-'));
  // As `npm start` starts it, with the lockout set through the environment as an operator would.
  const server = await startApp({
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', XG_DB_DIR: path.join(dir, 'db'), LOGIN_ACCOUNT_FAILURES: String(ACCOUNT_FAILURES), LOGIN_ADDRESS_FAILURES: '100', LOGIN_WINDOW_MINUTES: '15' },
    log: () => undefined,
  });
  // Everyone here signs in through the sign-in page: no ready-made session cookies.
  setContextCookies(null);
  for (const [name, role] of [['boss', 'editor'], ['pat', 'planner'], ['val', 'viewer'], ['tia', 'planner']] as const) await addUser(server.db, name, TEST_PASSWORD, role);
  return { url: server.url, close: async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

interface Person {
  context: BrowserContext;
  page: Page;
}

async function person(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'zh-CN' });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return { context, page: await context.newPage() };
}

/** Fills the sign-in page and submits; waits for the bureau page or for an error message, and returns which. */
async function signInThroughPage(page: Page, appUrl: string, user: string, password = TEST_PASSWORD): Promise<{ ok: boolean; message: string }> {
  if (!page.url().includes('/login/')) await page.goto(`${appUrl}login/`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.evaluate(() => { document.getElementById('login-error')!.textContent = ''; });
  await page.click('#submit');
  const outcome = await waitForValue(page, () => (!location.pathname.includes('/login/') ? 'in' : document.getElementById('login-error')?.textContent ? 'error' : ''), 30_000, 'the bureau page or a sign-in error');
  if (outcome === 'in') {
    await page.getByTestId('session-user').waitFor({ timeout: 30_000 });
    return { ok: true, message: '' };
  }
  return { ok: false, message: await page.getByTestId('login-error').innerText() };
}

/** Calls the API from the page (its cookie and CSRF token). */
function api(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return page.evaluate(async ({ method, url, body }) => {
    const s = await fetch('/api/session');
    const csrf = s.ok ? ((await s.json()) as { csrf: string }).csrf : '';
    const headers: Record<string, string> = { 'x-csrf-token': csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, { method, url, body });
}

async function openAdmin(page: Page): Promise<void> {
  if (await page.getByTestId('user-admin').count()) return;
  await page.getByTestId('open-user-admin').click();
  await page.getByTestId('user-admin').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid="admin-row"]').first().waitFor({ timeout: 30_000 });
}

const row = (page: Page, user: string) => page.locator(`[data-testid="admin-row"][data-user="${user}"]`);

interface StateWanted {
  has?: string[];
  not?: string[];
  is?: string;
}

/** The state cell of a user's row once it matches (the list is re-read after each change). */
function stateOf(page: Page, user: string, want: StateWanted, what: string): Promise<string> {
  return waitForValue(page, ({ user, want }) => {
    const text = document.querySelector(`[data-testid="admin-row"][data-user="${user}"] [data-testid="admin-state"]`)?.textContent ?? '';
    const ok = text !== '' && (want.is === undefined || text === want.is) && (want.has ?? []).every((x) => text.includes(x)) && !(want.not ?? []).some((x) => text.includes(x));
    return ok ? text : '';
  }, 30_000, what, { user, want });
}

async function adminMessage(page: Page): Promise<{ text: string; ok: boolean }> {
  const el = page.getByTestId('admin-message');
  await el.waitFor({ timeout: 30_000 });
  return { text: await el.innerText(), ok: ((await el.getAttribute('class')) ?? '').includes('--ok') };
}

async function confirmAction(page: Page): Promise<void> {
  await page.getByTestId('admin-confirm').waitFor({ timeout: 10_000 });
  await page.getByTestId('admin-confirm-yes').click();
  await page.getByTestId('admin-confirm').waitFor({ state: 'detached', timeout: 30_000 });
}

export function adminTests(browser: Browser, appUrl: string): BrowserTest[] {
  let boss: Person;
  const others: Person[] = [];
  const fresh = async () => {
    const p = await person(browser);
    others.push(p);
    return p;
  };

  return [
    {
      name: 'the editor adds a user in 用户管理; the one-time set-up link lets the new user set a password and signs them in; a second use is refused',
      async run() {
        boss = await person(browser);
        assert((await signInThroughPage(boss.page, appUrl, 'boss')).ok, 'the editor signs in');
        assert((await boss.page.getByTestId('session-user').innerText()).includes('boss（编辑）'), 'the header names the editor');
        await openAdmin(boss.page);
        assert((await boss.page.locator('#user-admin-title').innerText()) === '用户管理', 'the panel is in Chinese');
        await boss.page.getByTestId('admin-add-name').fill('newbie');
        await boss.page.getByTestId('admin-add-role').selectOption('planner');
        await boss.page.getByTestId('admin-add').click();
        const added = await adminMessage(boss.page);
        assert(added.ok && added.text === '已添加“newbie”（规划）。', `message after adding: ${added.text}`);
        const link = await boss.page.getByTestId('admin-link').inputValue();
        assert(link.startsWith(`${appUrl}login/#setup=`), `the set-up link points at this server's sign-in page: ${link}`);
        await stateOf(boss.page, 'newbie', { has: ['设置链接有效至'] }, 'the new account waiting for its link');
        assert((await row(boss.page, 'newbie').getByTestId('admin-last').innerText()) === '从未', 'never signed in yet');

        const newbie = await fresh();
        await newbie.page.goto(link);
        await waitForValue(newbie.page, () => document.getElementById('login-title')?.textContent?.includes('设置密码') ?? false, 30_000, 'the set-password form');
        assert((await newbie.page.inputValue('#username')) === 'newbie', 'the name comes from the link');
        assert(await newbie.page.locator('#username').evaluate((el) => (el as HTMLInputElement).readOnly), 'and cannot be changed');
        assert((await newbie.page.locator('#setup-note').innerText()).includes('只能使用一次'), 'the note says the link works once');
        await newbie.page.fill('#password', 'newbie password 1');
        await newbie.page.click('#submit');
        await newbie.page.waitForURL(appUrl, { timeout: 30_000 });
        await newbie.page.getByTestId('session-user').waitFor({ timeout: 30_000 });
        const who = await newbie.page.getByTestId('session-user').innerText();
        assert(who.includes('newbie（规划）'), `the new user is signed in as a planner: ${who}`);
        assert((await newbie.page.getByTestId('open-user-admin').count()) === 0, 'a planner has no 用户管理');

        const again = await fresh();
        await again.page.goto(link);
        await waitForValue(again.page, () => document.getElementById('login-error')?.textContent ?? '', 30_000, 'the refusal of a used link');
        const refusal = await again.page.getByTestId('login-error').innerText();
        assert(refusal.includes('此设置链接已使用过') && refusal.includes('has been used'), `a used link is refused in both languages: ${refusal}`);

        // The list shows the first sign-in (re-read when the panel reopens).
        await boss.page.getByTestId('admin-close').click();
        await openAdmin(boss.page);
        const last = await row(boss.page, 'newbie').getByTestId('admin-last').innerText();
        assert(last !== '从未' && /\d/.test(last), `last sign-in shown: ${last}`);
        await stateOf(boss.page, 'newbie', { is: '启用' }, 'newbie enabled, with a password, nothing pending');
        await boss.page.screenshot({ path: screenshotPath('admin-users') });
      },
    },
    {
      name: 'disabling a signed-in planner ends their session at once: the next request is refused and the page sends them to sign in',
      async run() {
        const pat = await fresh();
        assert((await signInThroughPage(pat.page, appUrl, 'pat')).ok, 'pat signs in');
        assert((await api(pat.page, 'GET', '/api/sites')).status === 200, 'pat reads the sites');
        await openAdmin(boss.page);
        await row(boss.page, 'pat').getByTestId('admin-disable').click();
        assert((await boss.page.getByTestId('admin-confirm').innerText()).includes('停用“pat”'), 'the editor is asked to confirm');
        await confirmAction(boss.page);
        const done = await adminMessage(boss.page);
        assert(done.ok && done.text.includes('已停用“pat”'), `message: ${done.text}`);
        await stateOf(boss.page, 'pat', { has: ['已停用'] }, 'the row saying disabled');

        const next = await api(pat.page, 'GET', '/api/sites');
        assert(next.status === 401, `pat's next API request answered ${next.status}`);
        await pat.page.reload();
        await pat.page.waitForURL(/\/login\/$/, { timeout: 30_000 });
        const tryAgain = await signInThroughPage(pat.page, appUrl, 'pat');
        assert(!tryAgain.ok && tryAgain.message.includes('此账号已停用'), `a disabled account cannot sign in: ${tryAgain.message}`);
        // The share picker's list no longer offers pat.
        const users = (await api(boss.page, 'GET', '/api/users')).body.users.map((u: { username: string }) => u.username);
        assert(!users.includes('pat') && users.includes('boss'), `enabled users only: ${users}`);

        await row(boss.page, 'pat').getByTestId('admin-enable').click();
        assert((await adminMessage(boss.page)).text.includes('已启用“pat”'), 'enabled again');
        assert((await signInThroughPage(pat.page, appUrl, 'pat')).ok, 'pat signs in again with the old password');
      },
    },
    {
      name: 'a role change takes effect: a viewer made editor gets 用户管理; a planner made viewer can no longer save; the last editor stays',
      async run() {
        const val = await fresh();
        assert((await signInThroughPage(val.page, appUrl, 'val')).ok, 'val signs in');
        assert((await val.page.getByTestId('open-user-admin').count()) === 0, 'a viewer has no 用户管理');
        await openAdmin(boss.page);
        await row(boss.page, 'val').getByTestId('admin-role').selectOption('editor');
        await confirmAction(boss.page);
        assert((await adminMessage(boss.page)).text.includes('“val”的角色已改为“编辑”'), 'message names the new role');
        await val.page.reload();
        await val.page.getByTestId('open-user-admin').waitFor({ timeout: 30_000 });
        assert((await val.page.getByTestId('session-user').innerText()).includes('val（编辑）'), 'val is an editor now');
        await openAdmin(val.page);
        assert((await val.page.locator('[data-testid="admin-row"]').count()) >= 5, 'and sees the accounts');

        const tia = await fresh();
        assert((await signInThroughPage(tia.page, appUrl, 'tia')).ok, 'tia signs in');
        const square = { type: 'Polygon', coordinates: [[[115.35, 26.33], [115.352, 26.33], [115.352, 26.332], [115.35, 26.332], [115.35, 26.33]]] };
        assert((await api(tia.page, 'POST', '/api/sites', { name: 'before', type: '造林', geometry: square })).status === 201, 'a planner saves a site');
        await row(boss.page, 'tia').getByTestId('admin-role').selectOption('viewer');
        await confirmAction(boss.page);
        const refused = await api(tia.page, 'POST', '/api/sites', { name: 'after', type: '造林', geometry: square });
        assert(refused.status === 403, `the same page, now a viewer, saving answered ${refused.status}`);

        // val and boss are editors: val makes boss a planner, then tries to make themselves one too.
        await row(val.page, 'boss').getByTestId('admin-role').selectOption('planner');
        await confirmAction(val.page);
        await row(val.page, 'val').getByTestId('admin-role').selectOption('planner');
        await confirmAction(val.page);
        const last = await adminMessage(val.page);
        assert(!last.ok && last.text.includes('是最后一个启用的编辑'), `the last editor cannot be demoted, said in Chinese: ${last.text}`);
        assert(!/[A-Za-z]{4,}/.test(last.text.replace('val', '')), `no English in the Chinese message: ${last.text}`);
        await row(val.page, 'boss').getByTestId('admin-role').selectOption('editor');
        await confirmAction(val.page);
        await boss.page.reload();
        await openAdmin(boss.page);
      },
    },
    {
      name: 'one account locked by typos leaves the others behind the same address free; the editor sees the lock and lifts it',
      async run() {
        const typo = await fresh();
        await typo.page.goto(`${appUrl}login/`);
        for (let i = 0; i < ACCOUNT_FAILURES; i++) {
          const r = await signInThroughPage(typo.page, appUrl, 'tia', `typo number ${i}`);
          assert(!r.ok && r.message.includes('用户名或密码错误'), `failure ${i + 1}: ${r.message}`);
        }
        const locked = await signInThroughPage(typo.page, appUrl, 'tia');
        assert(!locked.ok && locked.message.includes('此账号登录失败次数过多'), `the right password is refused while locked: ${locked.message}`);
        // Everyone here comes from 127.0.0.1, as people behind one NAT: another account signs in.
        const colleague = await fresh();
        assert((await signInThroughPage(colleague.page, appUrl, 'pat')).ok, 'another account signs in from the same address');

        await boss.page.getByTestId('admin-close').click();
        await openAdmin(boss.page);
        await stateOf(boss.page, 'tia', { has: ['已锁定至', `失败 ${ACCOUNT_FAILURES} 次`] }, `the lock with ${ACCOUNT_FAILURES} failures in the list`);
        await boss.page.screenshot({ path: screenshotPath('admin-locked') });
        await row(boss.page, 'tia').getByTestId('admin-unlock').click();
        assert((await adminMessage(boss.page)).text.includes('已解除“tia”的登录锁定'), 'lifted');
        await stateOf(boss.page, 'tia', { not: ['已锁定'] }, 'tia no longer locked');
        assert((await signInThroughPage(typo.page, appUrl, 'tia')).ok, 'tia signs in after the editor lifted the lock');
      },
    },
    {
      name: 'a reset makes the old password fail and the new link work; every user changes their own password in the page',
      async run() {
        await openAdmin(boss.page);
        await row(boss.page, 'newbie').getByTestId('admin-reset').click();
        await confirmAction(boss.page);
        const link = await boss.page.getByTestId('admin-link').inputValue();
        const before = await fresh();
        const old = await signInThroughPage(before.page, appUrl, 'newbie', 'newbie password 1');
        assert(!old.ok && old.message.includes('用户名或密码错误'), `the old password no longer works: ${old.message}`);
        const newbie = await fresh();
        await newbie.page.goto(link);
        await waitForValue(newbie.page, () => document.getElementById('login-title')?.textContent?.includes('重设密码') ?? false, 30_000, 'the reset form');
        await newbie.page.fill('#password', 'newbie password 2');
        await newbie.page.click('#submit');
        await newbie.page.waitForURL(appUrl, { timeout: 30_000 });

        await newbie.page.getByTestId('open-change-password').click();
        await newbie.page.getByTestId('change-password').waitFor({ timeout: 30_000 });
        await newbie.page.getByTestId('password-current').fill('not my password');
        await newbie.page.getByTestId('password-new').fill('newbie password 3');
        await newbie.page.getByTestId('password-again').fill('newbie password 3');
        await newbie.page.getByTestId('password-save').click();
        await waitForValue(newbie.page, () => document.querySelector('[data-testid="password-message"]')?.textContent ?? '', 30_000, 'the refusal');
        const wrong = newbie.page.getByTestId('password-message');
        assert((await wrong.innerText()) === '当前密码不正确' && ((await wrong.getAttribute('class')) ?? '').includes('--error'), `wrong current password: ${await wrong.innerText()}`);
        await newbie.page.getByTestId('password-current').fill('newbie password 2');
        await newbie.page.getByTestId('password-save').click();
        await waitForValue(newbie.page, () => document.querySelector('[data-testid="password-message"]')?.textContent?.includes('密码已修改') ?? false, 30_000, 'the success message');
        assert(((await wrong.getAttribute('class')) ?? '').includes('--ok'), 'success is not shown as an error');
        assert((await api(newbie.page, 'GET', '/api/session')).status === 200, 'this session stays');
        const check = await fresh();
        assert(!(await signInThroughPage(check.page, appUrl, 'newbie', 'newbie password 2')).ok, 'the previous password fails');
        assert((await signInThroughPage(check.page, appUrl, 'newbie', 'newbie password 3')).ok, 'the new one works');
      },
    },
    {
      name: 'in English the panel and the server\'s refusals are in English',
      async run() {
        await boss.page.goto(`${appUrl}?lang=en`);
        await boss.page.getByTestId('open-user-admin').waitFor({ timeout: 30_000 });
        await openAdmin(boss.page);
        assert((await boss.page.locator('#user-admin-title').innerText()) === 'User administration', 'English title');
        await boss.page.getByTestId('admin-add-name').fill('NEWBIE');
        await boss.page.getByTestId('admin-add').click();
        const m = await adminMessage(boss.page);
        assert(!m.ok && m.text === 'user "NEWBIE" already exists (names are case-insensitive)', `the duplicate name in any case is refused: ${m.text}`);
        for (const p of [boss, ...others]) await p.context.close();
      },
    },
  ];
}
