// User administration through the API (issue 22): an editor adds an account and gets a one-time set-up link (no
// password typed by the editor), the new user sets their password with it; links are single-use and expire; disable
// and reset end the user's sessions at the next request; a role change counts at the next request; the last enabled
// editor stays; names are case-insensitive; everyone changes their own password; editors see and lift sign-in locks;
// TRUST_PROXY decides which address is counted. Every error answers a message key of the catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiMessageKey } from '../../../src/core/messages/api-messages.ts';
import { migrate, listMigrations } from '../../../src/server/migrations.ts';
import { Client, engines, PASSWORD, signedIn, square, testServer, type Reply, type TestServer } from './helpers.ts';

const NEW_PASSWORD = 'a brand new password';

/** A 4xx answer must carry a known message key (the page shows its text in the UI language). */
function expectKeyed(r: Reply, status: number, key: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.key).toBe(key);
  expect(isApiMessageKey(r.body.key)).toBe(true);
  expect(typeof r.body.error).toBe('string');
}

describe.each(engines())('user administration on $name', (engine) => {
  let server: TestServer;
  let editor: Client;

  beforeAll(async () => {
    server = await testServer(engine, { loginLimit: { accountFailures: 3, addressFailures: 6, windowMs: 60_000 } });
    editor = await signedIn(server, 'Root', 'editor');
  });
  afterAll(async () => server?.close());

  /** An editor adds `name`; its holder opens the link and sets a password; returns the new user's client. */
  async function invite(name: string, role: string): Promise<Client> {
    const r = await editor.request('POST', '/api/users', { username: name, role });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const c = new Client(server, name);
    const done = await c.request('POST', '/api/setup', { token: r.body.setup.token, password: PASSWORD });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    c.csrf = done.body.csrf;
    return c;
  }

  it('add → one-time set-up link → the new user sets a password and is signed in; the link then stops working', async () => {
    const r = await editor.request('POST', '/api/users', { username: 'ann', role: 'planner' });
    expect(r.status).toBe(201);
    expect(r.body.user).toEqual({ username: 'ann', role: 'planner' });
    expect(r.body.setup.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(r.body.setup.expires - Date.now()).toBeGreaterThan(71 * 3600_000);
    expect(r.body.setup.expires - Date.now()).toBeLessThan(73 * 3600_000);
    // Only the token's hash is stored.
    const { rows } = await server.db.query<{ token_hash: string }>('SELECT token_hash FROM setup_links');
    expect(rows.some((l) => l.token_hash === r.body.setup.token)).toBe(false);
    // No password yet: signing in as ann fails like any wrong password.
    expectKeyed(await new Client(server).login('ann', ''), 400, 'auth.sendCredentials');
    expectKeyed(await new Client(server).login('ann', 'anything at all'), 401, 'auth.wrongPassword');

    const anon = new Client(server);
    const info = await anon.request('POST', '/api/setup/info', { token: r.body.setup.token });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ purpose: 'new', username: 'ann' });
    // A too-short password is refused without using the link up.
    expectKeyed(await anon.request('POST', '/api/setup', { token: r.body.setup.token, password: 'short' }), 400, 'users.passwordTooShort');
    const done = await anon.request('POST', '/api/setup', { token: r.body.setup.token, password: PASSWORD });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ user: 'ann', role: 'planner' });
    expect((await anon.request('GET', '/api/session')).body.user).toBe('ann');
    expectKeyed(await new Client(server).request('POST', '/api/setup', { token: r.body.setup.token, password: 'another password 2' }), 410, 'setup.linkUsed');
    expectKeyed(await new Client(server).request('POST', '/api/setup/info', { token: r.body.setup.token }), 410, 'setup.linkUsed');
    expectKeyed(await new Client(server).request('POST', '/api/setup', { token: 'x'.repeat(43), password: PASSWORD }), 403, 'setup.badLink');
    expect((await new Client(server).login('ann', PASSWORD)).status).toBe(200);

    const admin = await editor.request('GET', '/api/users/admin');
    const ann = admin.body.users.find((u: { username: string }) => u.username === 'ann');
    expect(ann).toMatchObject({ role: 'planner', disabled: false, has_password: true, setup: null, failures: 0, locked_until: null });
    expect(Date.now() - ann.last_sign_in).toBeLessThan(60_000);
  });

  it('a set-up link expires, and a newer link for the same account expires the older one', async () => {
    const r = await editor.request('POST', '/api/users', { username: 'late', role: 'viewer' });
    const pending = (await editor.request('GET', '/api/users/admin')).body.users.find((u: { username: string }) => u.username === 'late');
    expect(pending).toMatchObject({ has_password: false, setup: { purpose: 'new' } });
    await server.db.query("UPDATE setup_links SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'late')");
    expectKeyed(await new Client(server).request('POST', '/api/setup', { token: r.body.setup.token, password: PASSWORD }), 410, 'setup.linkExpired');
    const first = await editor.request('POST', '/api/users/late/reset');
    const second = await editor.request('POST', '/api/users/late/reset');
    expect(first.status).toBe(200);
    expectKeyed(await new Client(server).request('POST', '/api/setup', { token: first.body.setup.token, password: PASSWORD }), 410, 'setup.linkExpired');
    expect((await new Client(server).request('POST', '/api/setup', { token: second.body.setup.token, password: PASSWORD })).status).toBe(200);
  });

  it('two requests with one link: exactly one sets the password', async () => {
    const r = await editor.request('POST', '/api/users', { username: 'racer', role: 'viewer' });
    const answers = await Promise.all(['first password 1', 'second password 2'].map((password) => new Client(server).request('POST', '/api/setup', { token: r.body.setup.token, password })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    const winner = answers.find((a) => a.status === 200)!;
    const pw = answers.indexOf(winner) === 0 ? 'first password 1' : 'second password 2';
    expect((await new Client(server).login('racer', pw)).status).toBe(200);
  });

  it('names are case-insensitive: "Ann" is the account "ann"; the first spelling is kept', async () => {
    expectKeyed(await editor.request('POST', '/api/users', { username: 'ANN', role: 'viewer' }), 409, 'users.exists');
    const r = await new Client(server).login('ANN', PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user).toBe('ann');
    expect((await new Client(server).login(' root ', PASSWORD)).body.user).toBe('Root');
    expectKeyed(await editor.request('POST', '/api/users', { username: 'bad name!', role: 'viewer' }), 400, 'users.nameInvalid');
    expectKeyed(await editor.request('POST', '/api/users', { username: 'ok', role: 'admin' }), 400, 'users.roleInvalid');
    expectKeyed(await editor.request('PATCH', '/api/users/nobody', { role: 'viewer' }), 404, 'users.notFound');
    expect((await editor.request('PATCH', '/api/users/ANN', { role: 'planner' })).body.user.username).toBe('ann');
    // Sharing finds the account in any case too.
    const site = await editor.request('POST', '/api/sites', { name: 'for ann', type: '造林', geometry: square(), sharing: { users: ['ANN', 'ann'] } });
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    expect(site.body.sharing).toEqual({ users: ['ann'] });
  });

  it('disabling ends the sessions at once (next request 401); a disabled account cannot sign in and leaves the share list', async () => {
    const dora = await invite('dora', 'planner');
    const second = new Client(server, 'dora');
    expect((await second.login('dora', PASSWORD)).status).toBe(200);
    // A page file first, so this process has the session cached.
    expect((await dora.request('GET', '/')).status).toBe(200);
    expect((await dora.request('GET', '/api/session')).status).toBe(200);
    const off = await editor.request('PATCH', '/api/users/dora', { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body.user).toEqual({ username: 'dora', role: 'planner', disabled: true });
    expectKeyed(await dora.request('GET', '/api/session'), 401, 'auth.signInFirst');
    expect((await dora.request('POST', '/api/sites', { name: 'n', type: '造林', geometry: square() })).status).toBe(401);
    expect((await second.request('GET', '/api/sites')).status).toBe(401);
    expect((await dora.request('GET', '/')).status).toBe(302);
    const { rows } = await server.db.query("SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'dora'");
    expect(rows.length).toBe(0);
    expectKeyed(await new Client(server).login('dora', PASSWORD), 403, 'auth.disabled');
    // A wrong password for a disabled account is just a wrong password (nothing told to someone without it).
    expectKeyed(await new Client(server).login('dora', 'not her password'), 401, 'auth.wrongPassword');
    const list = (await editor.request('GET', '/api/users')).body.users;
    expect(list.map((u: { username: string }) => u.username)).not.toContain('dora');
    expect(Object.keys(list[0]).sort()).toEqual(['role', 'username']);
    expect((await editor.request('PATCH', '/api/users/dora', { disabled: false })).body.user.disabled).toBe(false);
    expect((await new Client(server).login('dora', PASSWORD)).status).toBe(200);
  });

  it('a role change counts at the next request', async () => {
    const pete = await invite('pete', 'planner');
    expect((await pete.request('POST', '/api/sites', { name: 'before', type: '造林', geometry: square() })).status).toBe(201);
    expect((await editor.request('PATCH', '/api/users/pete', { role: 'viewer' })).status).toBe(200);
    expect((await pete.request('GET', '/api/session')).body.role).toBe('viewer');
    expect((await pete.request('POST', '/api/sites', { name: 'after', type: '造林', geometry: square() })).status).toBe(403);
    expectKeyed(await pete.request('GET', '/api/users/admin'), 403, 'users.editorsOnly');
    expect((await editor.request('PATCH', '/api/users/pete', { role: 'editor' })).status).toBe(200);
    expect((await pete.request('GET', '/api/users/admin')).status).toBe(200);
    expect((await editor.request('PATCH', '/api/users/pete', { role: 'planner' })).status).toBe(200);
  });

  it('the last enabled editor cannot be disabled or demoted; nobody disables or resets themselves', async () => {
    // Editors now: Root only (pete is back to planner).
    expectKeyed(await editor.request('PATCH', '/api/users/Root', { role: 'planner' }), 409, 'users.lastEditor');
    expectKeyed(await editor.request('PATCH', '/api/users/root', { disabled: true }), 400, 'users.notYourself');
    expectKeyed(await editor.request('POST', '/api/users/Root/reset'), 400, 'users.notYourself');
    expectKeyed(await editor.request('PATCH', '/api/users/Root', {}), 400, 'users.body');
    expectKeyed(await editor.request('PATCH', '/api/users/Root', { disabled: 'yes' }), 400, 'users.body');
    // Two editors demoting each other at the same moment: exactly one succeeds.
    const eve = await invite('eve', 'editor');
    const [a, b] = await Promise.all([
      editor.request('PATCH', '/api/users/eve', { role: 'viewer' }),
      eve.request('PATCH', '/api/users/Root', { role: 'viewer' }),
    ]);
    // The loser hears 409 users.lastEditor when both checks meet under the lock, or 403 users.editorsOnly when the
    // winner's demotion committed before the loser's request read its (now viewer) role: the role counts at once.
    const loser = a.status === 200 ? b : a;
    expect([a.status, b.status]).toContain(200);
    expect([403, 409]).toContain(loser.status);
    expectKeyed(loser, loser.status, loser.status === 409 ? 'users.lastEditor' : 'users.editorsOnly');
    const { rows } = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'editor' AND disabled_at IS NULL");
    expect(rows[0].n).toBe(1);
    // Put Root back as the editor the rest of the file uses.
    if (a.status !== 200) {
      await eve.request('PATCH', '/api/users/Root', { role: 'editor' });
      const again = new Client(server, 'Root');
      await again.login('Root', PASSWORD);
      editor = again;
      await editor.request('PATCH', '/api/users/eve', { role: 'viewer' });
    }
    expect((await editor.request('GET', '/api/users/admin')).status).toBe(200);
  });

  it('a reset ends the sessions, the old password stops working, and the link sets a new one', async () => {
    const rob = await invite('rob', 'planner');
    const r = await editor.request('POST', '/api/users/rob/reset');
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ username: 'rob', role: 'planner' });
    expect((await rob.request('GET', '/api/sites')).status).toBe(401);
    expectKeyed(await new Client(server).login('rob', PASSWORD), 401, 'auth.wrongPassword');
    const info = await new Client(server).request('POST', '/api/setup/info', { token: r.body.setup.token });
    expect(info.body).toMatchObject({ purpose: 'reset', username: 'rob' });
    expect((await new Client(server).request('POST', '/api/setup', { token: r.body.setup.token, password: NEW_PASSWORD })).status).toBe(200);
    expect((await new Client(server).login('rob', NEW_PASSWORD)).status).toBe(200);
  });

  it('everyone changes their own password: the current one is checked, other sessions end, this one stays', async () => {
    const vic = await invite('vic', 'viewer');
    const other = new Client(server, 'vic');
    await other.login('vic', PASSWORD);
    expectKeyed(await vic.request('POST', '/api/users/me/password', { old_password: 'not it at all', new_password: NEW_PASSWORD }), 403, 'users.wrongOldPassword');
    expectKeyed(await vic.request('POST', '/api/users/me/password', { old_password: PASSWORD, new_password: 'short' }), 400, 'users.passwordTooShort');
    expectKeyed(await vic.request('POST', '/api/users/me/password', { new_password: NEW_PASSWORD }), 400, 'users.body');
    expect((await vic.request('POST', '/api/users/me/password', { old_password: PASSWORD, new_password: NEW_PASSWORD }, { csrf: null })).status).toBe(403);
    expect((await vic.request('POST', '/api/users/me/password', { old_password: PASSWORD, new_password: NEW_PASSWORD })).status).toBe(200);
    expect((await vic.request('GET', '/api/session')).status).toBe(200);
    expect((await other.request('GET', '/api/session')).status).toBe(401);
    expect((await new Client(server).login('vic', PASSWORD)).status).toBe(401);
    expect((await new Client(server).login('vic', NEW_PASSWORD)).status).toBe(200);
  });

  it('administration is for editors only, with the CSRF token, on every call', async () => {
    const viewer = await invite('vera', 'viewer');
    const planner = await invite('paul', 'planner');
    const anon = new Client(server);
    const calls: [string, string, unknown][] = [
      ['GET', '/api/users/admin', undefined],
      ['POST', '/api/users', { username: 'x1', role: 'viewer' }],
      ['PATCH', '/api/users/ann', { role: 'viewer' }],
      ['POST', '/api/users/ann/reset', undefined],
      ['POST', '/api/users/unlock', { username: 'ann' }],
    ];
    for (const [method, url, body] of calls) {
      expectKeyed(await anon.request(method, url, body), 401, 'auth.signInFirst');
      expectKeyed(await viewer.request(method, url, body), 403, 'users.editorsOnly');
      expectKeyed(await planner.request(method, url, body), 403, 'users.editorsOnly');
      if (method !== 'GET') expectKeyed(await editor.request(method, url, body, { csrf: null }), 403, 'auth.csrf');
    }
    expect((await viewer.request('GET', '/api/users')).status).toBe(200);
    // Nothing changed by the refused calls.
    expect((await editor.request('GET', '/api/users/admin')).body.users.find((u: { username: string }) => u.username === 'ann').role).toBe('planner');
  });

  it('one account locked by its failures leaves the others free; the editor sees the lock and lifts it', async () => {
    const typo = new Client(server);
    typo.remoteAddress = '192.0.2.7';
    for (let i = 0; i < 3; i++) expect((await typo.login('ann', `typo ${i}`)).status).toBe(401);
    expectKeyed(await typo.login('ann', PASSWORD), 429, 'auth.accountLocked');
    // The same address (one NAT), other accounts: free.
    expect((await typo.login('rob', NEW_PASSWORD)).status).toBe(200);
    const admin = await editor.request('GET', '/api/users/admin');
    const ann = admin.body.users.find((u: { username: string }) => u.username === 'ann');
    expect(ann.failures).toBe(3);
    expect(ann.locked_until - Date.now()).toBeGreaterThan(50_000);
    expect(admin.body.limits).toEqual({ accountFailures: 3, addressFailures: 6, windowMs: 60_000 });
    const lifted = await editor.request('POST', '/api/users/unlock', { username: 'ANN' });
    expect(lifted.body).toEqual({ ok: true, forgotten: 3 });
    expect((await typo.login('ann', PASSWORD)).status).toBe(200);
    expect((await editor.request('GET', '/api/users/admin')).body.users.find((u: { username: string }) => u.username === 'ann').locked_until).toBeNull();
  });

  it('an address locked by failures across names is listed and can be lifted; without trustProxy a forged X-Forwarded-For changes nothing', async () => {
    const spray = new Client(server);
    spray.remoteAddress = '198.51.100.9';
    for (let i = 0; i < 6; i++) await spray.request('POST', '/api/session', { username: `name${i}`, password: 'some password' }, { headers: { 'x-forwarded-for': `10.9.9.${i}` } });
    expectKeyed(await spray.request('POST', '/api/session', { username: 'ann', password: PASSWORD }, { headers: { 'x-forwarded-for': '10.9.9.99' } }), 429, 'auth.addressLocked');
    const admin = await editor.request('GET', '/api/users/admin');
    expect(admin.body.addresses).toEqual([expect.objectContaining({ address: '198.51.100.9', failures: 6 })]);
    expectKeyed(await editor.request('POST', '/api/users/unlock', { address: 'not an address' }), 400, 'users.addressInvalid');
    expectKeyed(await editor.request('POST', '/api/users/unlock', {}), 400, 'users.body');
    expect((await editor.request('POST', '/api/users/unlock', { address: '198.51.100.9' })).body.forgotten).toBe(6);
    expect((await spray.login('ann', PASSWORD)).status).toBe(200);
  });
});

describe.each(engines())('the client address behind a proxy on $name', (engine) => {
  const limits = { accountFailures: 50, addressFailures: 2, windowMs: 60_000 };

  it('with trustProxy set to the proxy, each client behind it is counted by its X-Forwarded-For address', async () => {
    const server = await testServer(engine, { loginLimit: limits, trustProxy: '127.0.0.1' });
    try {
      await signedIn(server, 'root', 'editor');
      const viaProxy = new Client(server); // 127.0.0.1: the proxy
      for (let i = 0; i < 2; i++) await viaProxy.request('POST', '/api/session', { username: 'x', password: 'wrong password' }, { headers: { 'x-forwarded-for': '10.1.1.1' } });
      expect((await viaProxy.request('POST', '/api/session', { username: 'root', password: PASSWORD }, { headers: { 'x-forwarded-for': '10.1.1.1' } })).body.key).toBe('auth.addressLocked');
      expect((await viaProxy.request('POST', '/api/session', { username: 'root', password: PASSWORD }, { headers: { 'x-forwarded-for': '10.1.1.2' } })).status).toBe(200);
      // A client reaching the server directly (not through the trusted proxy) cannot choose its address.
      const direct = new Client(server);
      direct.remoteAddress = '203.0.113.8';
      for (let i = 0; i < 2; i++) await direct.request('POST', '/api/session', { username: 'x', password: 'wrong password' }, { headers: { 'x-forwarded-for': `10.2.2.${i}` } });
      expect((await direct.request('POST', '/api/session', { username: 'root', password: PASSWORD }, { headers: { 'x-forwarded-for': '10.2.2.99' } })).body.key).toBe('auth.addressLocked');
    } finally {
      await server.close();
    }
  });
});

describe.each(engines())('migration 006 on $name', (engine) => {
  it('renames the younger of two names differing only in case, then names are unique in any case', async () => {
    const { db, drop } = await engine.open();
    try {
      await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of listMigrations().filter((x) => x.version < 6)) {
        await db.exec(m.sql);
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await db.query("INSERT INTO users (username, password_hash, role) VALUES ('Ann', 'h', 'editor'), ('ann', 'h', 'planner'), ('ben', 'h', 'viewer')");
      await migrate(db);
      const { rows } = await db.query<{ id: number; username: string }>('SELECT id, username FROM users ORDER BY id');
      expect(rows.map((r) => r.username)).toEqual(['Ann', `ann-${rows[1].id}`, 'ben']);
      await expect(db.query("INSERT INTO users (username, password_hash, role) VALUES ('BEN', 'h', 'viewer')")).rejects.toThrow(/unique|duplicate/i);
    } finally {
      await drop();
    }
  });
});
