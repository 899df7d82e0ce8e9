// Two server processes on one PostgreSQL behave as one (issue 22, item 6): each is started the way `npm start` serves
// (scripts/serve.ts, configured by the environment, TRUST_PROXY as behind one nginx), both at once on an empty
// database. Then: the first-start link one printed works through the other; a session made on one is used on the
// other, and signing out, disabling or a role change on one counts on the other at the next request; a stale save is a
// 409 across them and of two saves racing on one version exactly one wins; two editors pressing 发布 on the two
// processes at once get two snapshots whose computations do not overlap; failed sign-ins counted on both lock the
// account on both, leave other accounts free, and an editor's unlock on one frees it on the other.
// Needs TEST_DATABASE_URL (a PostgreSQL where the test may create a database; .ci/run provides one); skipped without.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/server/db.ts';
import { addUser } from '../../../src/server/users.ts';
import { square } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ADMIN_URL = process.env.TEST_DATABASE_URL;
const PASSWORD = 'two processes password';

interface ServerProcess {
  child: ChildProcess;
  url: string;
  setupLink: string | null;
  output: () => string;
}

function startProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/serve.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a server process did not start in 240 s:\n${out}`)), 240_000);
    const poll = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      // The set-up link is printed after the address; wait for the line that ends the banner.
      if (m && out.includes('Ctrl+C to stop')) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve({ child, url: m[1], setupLink: /(http:\/\/\S+\/login\/#setup=\S+)/.exec(out)?.[1] ?? null, output: () => out });
      }
    }, 100);
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`a server process exited (${code}) before it started:\n${out}`));
    });
  });
}

/** A browser tab against one process: keeps its cookie and CSRF token; `via` changes which process it talks to. */
class Tab {
  cookie = '';
  csrf = '';
  constructor(public base: string, readonly forwardedFor = '10.20.0.1') {}

  async call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const headers: Record<string, string> = { 'x-forwarded-for': this.forwardedFor };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(new URL(url.replace(/^\//, ''), this.base), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const set = /xg_session=([^;]*)/.exec(r.headers.get('set-cookie') ?? '');
    if (set) this.cookie = set[1] ? `xg_session=${set[1]}` : '';
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // a page
    }
    if (r.ok && (parsed as { csrf?: string })?.csrf) this.csrf = (parsed as { csrf: string }).csrf;
    return { status: r.status, body: parsed };
  }

  login(username: string, password = PASSWORD) {
    return this.call('POST', '/api/session', { username, password });
  }

  via(base: string): this {
    this.base = base;
    return this;
  }
}

describe.skipIf(!ADMIN_URL)('two server processes on one PostgreSQL', () => {
  let admin: Db;
  let db: Db;
  let dbName = '';
  let a: ServerProcess;
  let b: ServerProcess;
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'xg-run-'));

  beforeAll(async () => {
    dbName = `xg_two_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    admin = await openDb({ url: ADMIN_URL });
    await admin.exec(`CREATE DATABASE ${dbName}`); // [a-z0-9_] made above, never input
    const u = new URL(ADMIN_URL!);
    u.pathname = `/${dbName}`;
    const env = {
      DATABASE_URL: u.toString(), PORT: '0', HOST: '127.0.0.1', XG_RUN_DIR: runDir,
      // As behind one nginx on this machine: the client's address comes from X-Forwarded-For.
      TRUST_PROXY: '127.0.0.1', LOGIN_ACCOUNT_FAILURES: '4', LOGIN_ADDRESS_FAILURES: '8', LOGIN_WINDOW_MINUTES: '15',
    };
    // Both at once on an empty database: the migrations' advisory lock lets one apply them while the other waits.
    [a, b] = await Promise.all([startProcess(env), startProcess(env)]);
    db = await openDb({ url: u.toString() });
  }, 300_000);

  afterAll(async () => {
    for (const p of [a, b]) {
      if (!p || p.child.exitCode !== null) continue;
      const exited = new Promise((r) => p.child.once('exit', r));
      p.child.kill('SIGTERM');
      await exited;
    }
    await db?.close();
    if (admin) {
      await admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.close();
    }
    rmSync(runDir, { recursive: true, force: true });
  }, 60_000);

  it('both started on one empty database, each printed a first-start link; the one A printed creates the first editor through B', async () => {
    expect(a.url).not.toBe(b.url);
    expect(a.setupLink && b.setupLink).toBeTruthy();
    const tokenA = new URL(a.setupLink!).hash.replace('#setup=', '');
    const tokenB = new URL(b.setupLink!).hash.replace('#setup=', '');
    const ed = new Tab(b.url);
    const r = await ed.call('POST', '/api/setup', { token: tokenA, username: 'ed', password: PASSWORD });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ user: 'ed', role: 'editor' });
    const late = await new Tab(a.url).call('POST', '/api/setup', { token: tokenB, username: 'eve', password: PASSWORD });
    expect(late.status).toBe(410);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBeGreaterThanOrEqual(6);
    for (const [name, role] of [['ed2', 'editor'], ['pam', 'planner'], ['pia', 'planner'], ['val', 'viewer']] as const) await addUser(db, name, PASSWORD, role);
  });

  it('a session made on A is used on B; signing out on B ends it on A at the next request', async () => {
    const tab = new Tab(a.url);
    expect((await tab.login('pam')).status).toBe(200);
    const sessionCookie = tab.cookie;
    expect((await tab.via(b.url).call('GET', '/api/session')).body.user).toBe('pam');
    // A page file on A first (A caches the session for page files), then an API call.
    await tab.via(a.url).call('GET', '/index.html');
    expect((await tab.call('GET', '/api/sites')).status).toBe(200);
    expect((await tab.via(b.url).call('DELETE', '/api/session')).status).toBe(200);
    expect(tab.cookie).toBe(''); // cleared by the sign-out's Set-Cookie; the old token is tried again on A
    tab.cookie = sessionCookie;
    expect((await tab.via(a.url).call('GET', '/api/session')).status).toBe(401);
  });

  it('disabling on B ends the session on A at the next request; a role change on A counts on B', async () => {
    const editorA = new Tab(a.url);
    await editorA.login('ed');
    const editorB = new Tab(b.url);
    await editorB.login('ed2');
    const val = new Tab(a.url);
    await val.login('val');
    expect((await val.call('GET', '/api/sites')).status).toBe(200);
    expect((await editorB.call('PATCH', '/api/users/val', { disabled: true })).status).toBe(200);
    expect((await val.call('GET', '/api/sites')).status).toBe(401);
    expect((await val.via(b.url).call('GET', '/api/sites')).status).toBe(401);
    expect((await editorA.call('PATCH', '/api/users/val', { disabled: false, role: 'planner' })).status).toBe(200);
    const again = new Tab(b.url);
    expect((await again.login('val')).body.role).toBe('planner');
    expect((await editorA.call('PATCH', '/api/users/val', { role: 'viewer' })).status).toBe(200);
    expect((await again.call('POST', '/api/sites', { name: 'n', type: '造林', geometry: square() })).status).toBe(403);
    // The last-editor rule holds across processes: ed and ed2 demoting each other at once, one on each.
    const [x, y] = await Promise.all([editorA.call('PATCH', '/api/users/ed2', { role: 'planner' }), editorB.call('PATCH', '/api/users/ed', { role: 'planner' })]);
    // The loser hears 409 users.lastEditor when both checks meet under the lock, or 403 users.editorsOnly when the
    // other's demotion of it committed first (it is no longer an editor when its own request is checked).
    try {
      const winner = [x, y].filter((r) => r.status === 200);
      const loser = [x, y].find((r) => r.status !== 200)!;
      expect(winner).toHaveLength(1);
      expect([409, 403]).toContain(loser.status);
      expect(loser.body.key).toBe(loser.status === 409 ? 'users.lastEditor' : 'users.editorsOnly');
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'editor' AND disabled_at IS NULL");
      expect(rows[0].n).toBe(1);
    } finally {
      // Both editors again for what follows (also when an assertion above failed, so later tests report their own result).
      await db.query("UPDATE users SET role = 'editor' WHERE username IN ('ed', 'ed2')");
    }
  });

  it('sites: a stale save on B after a save on A is a 409; of two saves racing on one version, one on each process, exactly one wins', async () => {
    const pam = new Tab(a.url);
    await pam.login('pam');
    const pia = new Tab(b.url);
    await pia.login('pia');
    const site = await pam.call('POST', '/api/sites', { name: 'shared', type: '造林', geometry: square(), sharing: 'everyone' });
    expect(site.status).toBe(201);
    const seen = await pia.call('GET', `/api/sites/${site.body.id}`);
    expect(seen.body.version).toBe(1);
    expect((await pam.call('PUT', `/api/sites/${site.body.id}`, { version: 1, name: 'renamed on A' })).status).toBe(200);
    const stale = await pia.call('PUT', `/api/sites/${site.body.id}`, { version: 1, name: 'renamed on B' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ version: 2, name: 'renamed on A' });
    for (let round = 0; round < 5; round++) {
      const version = (await pam.call('GET', `/api/sites/${site.body.id}`)).body.version;
      const answers = await Promise.all([
        pam.call('PUT', `/api/sites/${site.body.id}`, { version, note: `A ${round}` }),
        pia.call('PUT', `/api/sites/${site.body.id}`, { version, note: `B ${round}` }),
      ]);
      expect(answers.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
    }
  });

  it('发布 on both processes at once: two snapshots, one computation after the other', async () => {
    const edA = new Tab(a.url);
    await edA.login('ed');
    const edB = new Tab(b.url);
    await edB.login('ed2');
    const [pa, pb] = await Promise.all([edA.call('POST', '/api/publish'), edB.call('POST', '/api/publish')]);
    expect(pa.status, JSON.stringify(pa.body).slice(0, 300)).toBe(201);
    expect(pb.status, JSON.stringify(pb.body).slice(0, 300)).toBe(201);
    expect([pa.body.n, pb.body.n].sort((x, y) => x - y)).toEqual([1, 2]);
    const [first, second] = pa.body.n === 1 ? [pa.body, pb.body] : [pb.body, pa.body];
    // The second computation started only after the first had ended (the lock is held until its snapshot is stored).
    expect(second.started).toBeGreaterThanOrEqual(first.finished);
    expect(second.waited_ms).toBeGreaterThan(0);
    const { rows } = await db.query<{ n: number; created_by: string }>('SELECT n, created_by FROM public_snapshots ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
  }, 300_000);

  it('failed sign-ins on both processes lock the account on both; other accounts stay free; an unlock on one frees it on the other', async () => {
    const typo = new Tab(a.url, '10.30.0.5');
    for (const base of [a.url, b.url, a.url, b.url]) expect((await typo.via(base).login('pia', 'a typo password')).status).toBe(401);
    for (const base of [a.url, b.url]) {
      const r = await typo.via(base).login('pia');
      expect(r.status).toBe(429);
      expect(r.body.key).toBe('auth.accountLocked');
    }
    // The same address (one office behind one NAT), another account, on either process: free.
    expect((await new Tab(a.url, '10.30.0.5').login('pam')).status).toBe(200);
    expect((await new Tab(b.url, '10.30.0.5').login('pam')).status).toBe(200);
    const editor = new Tab(b.url);
    await editor.login('ed');
    const pia = (await editor.call('GET', '/api/users/admin')).body.users.find((u: { username: string }) => u.username === 'pia');
    expect(pia.failures).toBe(4);
    expect(pia.locked_until).toBeGreaterThan(Date.now());
    expect((await editor.call('POST', '/api/users/unlock', { username: 'pia' })).status).toBe(200);
    expect((await new Tab(a.url, '10.30.0.5').login('pia')).status).toBe(200);
    // The address limit (8) counts across both processes too: four more failures from one address, on other names.
    for (const [i, base] of [a.url, b.url, a.url, b.url].entries()) await new Tab(base, '10.30.0.5').login(`nobody${i}`, 'wrong password');
    const locked = await new Tab(b.url, '10.30.0.5').login('pam');
    expect(locked.body.key).toBe('auth.addressLocked');
    expect((await new Tab(a.url, '10.30.0.6').login('pam')).status).toBe(200);
  });
});
