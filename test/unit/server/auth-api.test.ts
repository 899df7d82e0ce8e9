// Accounts, sessions and permissions through the API: the first-start set-up link, sign-in with argon2id, the session
// cookie and its stored hash, expiry, sign-out, CSRF, the login rate limit, and the permission matrix (every role and
// anonymous × every endpoint; nobody reads another's private site; internal files need a session, public ones do not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPassword } from '../../../src/server/users.ts';
import { Client, engines, PASSWORD, signedIn, square, testServer, type TestServer } from './helpers.ts';

describe.each(engines())('accounts and permissions on $name', (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await testServer(engine, { loginLimit: { accountFailures: 3, addressFailures: 5, windowMs: 60_000 } });
  });
  afterAll(async () => server?.close());

  it('first start: a one-time set-up link creates the first editor, then stops working', async () => {
    const token = server.app.setupToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const c = new Client(server);
    expect((await c.request('POST', '/api/setup', { token: 'wrong', username: 'root', password: PASSWORD })).status).toBe(403);
    expect((await c.request('POST', '/api/setup', { token, username: 'root', password: 'short' })).body.error).toMatch(/at least 8/);
    const r = await c.request('POST', '/api/setup', { token, username: 'root', password: PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: 'root', role: 'editor' });
    expect(server.app.setupToken()).toBeNull();
    expect((await new Client(server).request('POST', '/api/setup', { token, username: 'root2', password: PASSWORD })).status).toBe(410);
    const { rows } = await server.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', ['root']);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('signs in with a cookie that is httpOnly, SameSite=Strict, expiring; stores only the token hash', async () => {
    const c = new Client(server);
    const r = await c.login('root', PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ user: 'root', role: 'editor' });
    expect(r.body.csrf).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^xg_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const token = c.cookie.split('=')[1];
    const { rows } = await server.db.query<{ token_hash: string; csrf: string }>('SELECT token_hash, csrf FROM sessions');
    expect(rows.some((s) => s.token_hash === token)).toBe(false);
    expect(rows.some((s) => s.token_hash.length === 64)).toBe(true);
    expect((await c.request('GET', '/api/session')).body.user).toBe('root');
  });

  it('refuses a wrong password or unknown user with the same message', async () => {
    const a = await new Client(server).login('root', 'wrong password!');
    const b = await new Client(server).login('nobody', 'wrong password!');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error).toBe(b.body.error);
    expect((await new Client(server).request('POST', '/api/session', { username: 'root' })).status).toBe(400);
  });

  it('an expired session is refused', async () => {
    const c = new Client(server);
    await c.login('root', PASSWORD);
    await server.db.query("UPDATE sessions SET expires_at = now() - interval '1 minute'");
    expect((await c.request('GET', '/api/session')).status).toBe(401);
    expect((await c.request('GET', '/')).status).toBe(302);
  });

  it('signs out: the cookie is cleared and the old token no longer works', async () => {
    const c = new Client(server);
    await c.login('root', PASSWORD);
    const old = c.cookie;
    expect((await c.request('DELETE', '/api/session', undefined, { csrf: null })).status).toBe(403);
    const r = await c.request('DELETE', '/api/session');
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/^xg_session=; .*Max-Age=0/);
    c.cookie = old;
    expect((await c.request('GET', '/api/session')).status).toBe(401);
  });

  it('a new password ends the sessions of that user', async () => {
    const c = await signedIn(server, 'pat', 'planner');
    await setPassword(server.db, 'pat', 'another good password');
    // The server caches a session for a few seconds; the database no longer has it.
    const { rows } = await server.db.query("SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'pat'");
    expect(rows.length).toBe(0);
    expect((await new Client(server).login('pat', 'another good password')).status).toBe(200);
    void c;
  });

  it('locks an account after its failed sign-ins (429 with Retry-After, even with the right password); others at that address are free', async () => {
    const c = new Client(server);
    c.remoteAddress = '10.0.0.9';
    for (let i = 0; i < 3; i++) expect((await c.login('limited', `wrong ${i} password`)).status).toBe(401);
    const r = await c.login('limited', 'whatever password');
    expect(r.status).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.body).toMatchObject({ key: 'auth.accountLocked' });
    expect(r.body.error).toMatch(/too many failed sign-ins for this account/);
    // Any spelling of the name is the same account.
    expect((await c.login('LIMITED', 'whatever password')).status).toBe(429);
    // The same address, another account: not locked (one person's typos do not lock out the others behind one NAT).
    expect((await c.login('root', PASSWORD)).status).toBe(200);
  });

  it('locks an address after failures across many names; other addresses are free', async () => {
    const c = new Client(server);
    c.remoteAddress = '10.0.0.20';
    for (let i = 0; i < 5; i++) expect((await c.login(`guess${i}`, 'wrong password')).status).toBe(401);
    const r = await c.login('root', PASSWORD);
    expect(r.status).toBe(429);
    expect(r.body.key).toBe('auth.addressLocked');
    const other = new Client(server);
    other.remoteAddress = '10.0.0.21';
    expect((await other.login('root', PASSWORD)).status).toBe(200);
  });

  describe('permission matrix', () => {
    type Who = 'anonymous' | 'viewer' | 'planner' | 'editor';
    const WHO: Who[] = ['anonymous', 'viewer', 'planner', 'editor'];
    const clients = {} as Record<Who, Client>;
    let owner: Client;
    let priv: string;
    let everyone: string;
    const own: Partial<Record<Who, string>> = {};

    beforeAll(async () => {
      // Sessions made directly (sign-in itself is tested above), to keep this setup fast.
      const { createSession } = await import('../../../src/server/sessions.ts');
      const { addUser } = await import('../../../src/server/users.ts');
      const make = async (name: string, role: 'viewer' | 'planner' | 'editor') => {
        const u = await addUser(server.db, name, PASSWORD, role);
        const { token, session } = await createSession(server.db, u);
        const c = new Client(server, name);
        c.cookie = `xg_session=${token}`;
        c.csrf = session.csrf;
        return c;
      };
      clients.anonymous = new Client(server);
      clients.viewer = await make('m-viewer', 'viewer');
      clients.planner = await make('m-planner', 'planner');
      clients.editor = await make('m-editor', 'editor');
      owner = await make('m-owner', 'planner');
      priv = (await owner.request('POST', '/api/sites', { name: 'private', type: '光伏', geometry: square() })).body.id;
      everyone = (await owner.request('POST', '/api/sites', { name: 'everyone', type: '光伏', geometry: square(), sharing: 'everyone' })).body.id;
      expect(priv && everyone).toBeTruthy();
    });

    // [method, path (functions of the ids), body, expected status for anonymous/viewer/planner/editor]
    const matrix: [string, () => string, unknown, Record<Who, number>][] = [
      ['GET', () => '/api/health', undefined, { anonymous: 200, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/api/session', undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/api/users', undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/api/sites', undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['POST', () => '/api/sites', { name: 'n', type: '造林', geometry: square() }, { anonymous: 401, viewer: 403, planner: 201, editor: 201 }],
      ['GET', () => `/api/sites/${priv}`, undefined, { anonymous: 401, viewer: 404, planner: 404, editor: 404 }],
      ['GET', () => `/api/sites/${priv}/history`, undefined, { anonymous: 401, viewer: 404, planner: 404, editor: 404 }],
      ['PUT', () => `/api/sites/${priv}`, { version: 1, name: 'x' }, { anonymous: 401, viewer: 403, planner: 404, editor: 404 }],
      ['DELETE', () => `/api/sites/${priv}`, undefined, { anonymous: 401, viewer: 403, planner: 404, editor: 404 }],
      ['POST', () => `/api/sites/${priv}/restore`, { version: 1 }, { anonymous: 401, viewer: 403, planner: 404, editor: 404 }],
      ['GET', () => `/api/sites/${everyone}`, undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => `/api/sites/${everyone}/history`, undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['PUT', () => `/api/sites/${everyone}`, { name: 'edited' }, { anonymous: 401, viewer: 403, planner: 200, editor: 200 }],
      ['POST', () => `/api/sites/${everyone}/restore`, { version: 1 }, { anonymous: 401, viewer: 403, planner: 200, editor: 200 }],
      ['DELETE', () => `/api/sites/${everyone}`, undefined, { anonymous: 401, viewer: 403, planner: 403, editor: 403 }],
      ['GET', () => '/', undefined, { anonymous: 302, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/index.html', undefined, { anonymous: 302, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/data/stands.columns.bin', undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/data/../data/stands.columns.bin', undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/data/%2e%2e/%2e%2e/package.json', undefined, { anonymous: 401, viewer: 404, planner: 404, editor: 404 }],
      ['GET', () => '/public/', undefined, { anonymous: 200, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/public/data/public/township-stats.geojson', undefined, { anonymous: 200, viewer: 200, planner: 200, editor: 200 }],
      // the public page reads only its own list of the data folder's files (src/public-page/layers.ts publicDataFiles)
      ['GET', () => '/public/data/stands.columns.bin', undefined, { anonymous: 404, viewer: 404, planner: 404, editor: 404 }],
      ['GET', () => '/public/data/%2e%2e/stands.columns.bin', undefined, { anonymous: 404, viewer: 404, planner: 404, editor: 404 }],
      ['GET', () => '/data/README.md', undefined, { anonymous: 401, viewer: 404, planner: 404, editor: 404 }],
      ['GET', () => '/data/', undefined, { anonymous: 401, viewer: 404, planner: 404, editor: 404 }],
      ['GET', () => '/public/../data/stands.columns.bin', undefined, { anonymous: 401, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/login/', undefined, { anonymous: 200, viewer: 200, planner: 200, editor: 200 }],
      ['GET', () => '/api/nothing-here', undefined, { anonymous: 401, viewer: 404, planner: 404, editor: 404 }],
    ];

    for (const [method, url, body, expected] of matrix) {
      it(`${method} ${url.toString().match(/`(.*)`|'(.*)'/)?.slice(1).find(Boolean) ?? ''}: ${WHO.map((w) => `${w} ${expected[w]}`).join(', ')}`, async () => {
        for (const who of WHO) {
          const c = clients[who];
          // A PUT carries the version the client just read (so a 200 is about permission, not about a stale copy).
          let b = body;
          if (method === 'PUT' && body && (body as { version?: number }).version === undefined) {
            const cur = await owner.request('GET', url());
            b = { ...(body as object), version: cur.body.version };
          }
          const r = await c.request(method, url(), b);
          expect.soft(r.status, `${who} ${method} ${url()} → ${JSON.stringify(r.body).slice(0, 200)}`).toBe(expected[who]);
          if (r.status >= 400 && r.status !== 404 && url().startsWith('/api')) expect(typeof r.body.error).toBe('string');
          if (r.status === 404 && url().startsWith('/api/sites')) expect(r.body.error).toMatch(/not shared with you|not found/);
          if (r.status === 201) own[who] = r.body.id;
        }
      });
    }

    it('every state-changing call without the x-csrf-token header is refused (403), for every role', async () => {
      for (const who of ['viewer', 'planner', 'editor'] as const) {
        const c = clients[who];
        const id = own[who] ?? everyone;
        for (const [method, url, body] of [
          ['POST', '/api/sites', { name: 'n', type: '造林', geometry: square() }],
          ['PUT', `/api/sites/${id}`, { version: 1, name: 'x' }],
          ['DELETE', `/api/sites/${id}`, undefined],
          ['POST', `/api/sites/${id}/restore`, { version: 1 }],
          ['DELETE', '/api/session', undefined],
        ] as const) {
          for (const csrf of [null, 'forged-token']) {
            const r = await c.request(method, url, body, { csrf });
            expect(r.status, `${who} ${method} ${url} csrf=${csrf}`).toBe(403);
            expect(r.body.error).toMatch(/x-csrf-token/);
          }
        }
      }
    });

    it('a signed-in user can delete their own site', async () => {
      for (const who of ['planner', 'editor'] as const) {
        expect((await clients[who].request('DELETE', `/api/sites/${own[who]}`)).status).toBe(200);
      }
    });

    it('the lists hold only what each may read', async () => {
      for (const who of ['viewer', 'planner', 'editor'] as const) {
        const ids = (await clients[who].request('GET', '/api/sites')).body.sites.map((s: { id: string }) => s.id);
        expect(ids).toContain(everyone);
        expect(ids).not.toContain(priv);
      }
      expect((await owner.request('GET', '/api/sites')).body.sites.map((s: { id: string }) => s.id)).toContain(priv);
    });
  });
});
