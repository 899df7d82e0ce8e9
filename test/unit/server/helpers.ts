// Shared by the server API tests: the engines to run against (PGlite always; PostgreSQL when TEST_DATABASE_URL is
// set, each test file in a database of its own that is dropped afterwards), and a client that keeps its cookie and
// CSRF token like a browser tab does.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiMessageText, isApiMessageKey, type MessageParams } from '../../../src/core/messages/api-messages.ts';
import { createApp, type App, type AppOptions } from '../../../src/server/app.ts';
import { openDb, type Db } from '../../../src/server/db.ts';
import { migrate } from '../../../src/server/migrations.ts';
import { addUser, type Role } from '../../../src/server/users.ts';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  open: () => Promise<{ db: Db; drop: () => Promise<void> }>;
}

export function engines(): TestEngine[] {
  const list: TestEngine[] = [{
    name: 'pglite',
    open: async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'xg-pglite-'));
      const db = await openDb({ dataDir: path.join(dir, 'db') });
      return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      open: async () => {
        const name = `xg_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
        const admin = await openDb({ url });
        // A database name cannot be a parameter; this one is made of [a-z0-9_] above, never of input.
        await admin.exec(`CREATE DATABASE ${name}`);
        const u = new URL(url);
        u.pathname = `/${name}`;
        const db = await openDb({ url: u.toString() });
        return {
          db,
          drop: async () => {
            await db.close();
            await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await admin.close();
          },
        };
      },
    });
  }
  return list;
}

export interface TestServer {
  db: Db;
  app: App;
  close: () => Promise<void>;
}

export async function testServer(engine: TestEngine, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const { db, drop } = await engine.open();
  await migrate(db);
  // The pages (built without data, as scripts/lib/pages.ts builds them) and a data folder the server serves them from.
  const pages = mkdtempSync(path.join(os.tmpdir(), 'xg-pages-'));
  for (const [dir, file, body] of [['bureau', 'index.html', '<title>bureau</title>'], ['data', 'stands.columns.bin', 'internal'], ['data', 'README.md', 'not served'], ['data/public', 'township-stats.geojson', '{}'], ['public', 'index.html', '<title>public</title>'], ['login', 'index.html', '<title>login</title>']]) {
    mkdirSync(path.join(pages, dir), { recursive: true });
    (await import('node:fs')).writeFileSync(path.join(pages, dir, file), body);
  }
  const app = await createApp({ db, bureauDir: path.join(pages, 'bureau'), publicDir: path.join(pages, 'public'), loginDir: path.join(pages, 'login'), dataDir: path.join(pages, 'data'), log: () => undefined, ...options });
  await app.fastify.ready();
  return { db, app, close: async () => { await app.fastify.close(); await drop(); rmSync(pages, { recursive: true, force: true }); } };
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, string | string[] | number | undefined>;
}

/** One signed-in (or anonymous) browser tab: its cookie and CSRF token travel with every request. */
export class Client {
  cookie = '';
  csrf = '';
  /** The client's address as the server sees it (the login rate limit counts per address). */
  remoteAddress = '127.0.0.1';
  constructor(readonly server: TestServer, readonly name = 'anonymous') {}

  async request(method: string, url: string, body?: unknown, opts: { csrf?: string | null; rawBody?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const payload = opts.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const r = await this.server.app.fastify.inject({ method: method as 'GET', url, headers, payload, remoteAddress: this.remoteAddress });
    const setCookie = r.headers['set-cookie'];
    if (typeof setCookie === 'string') {
      const m = setCookie.match(/^xg_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `xg_session=${m[1]}` : '';
    }
    let parsed: unknown = r.body;
    try {
      parsed = JSON.parse(r.body);
    } catch {
      // not JSON (a page)
    }
    if (r.statusCode >= 400 && parsed && typeof parsed === 'object') assertKeyed(method, url, r.statusCode, parsed as Record<string, unknown>);
    return { status: r.statusCode, body: parsed, headers: r.headers };
  }

  async login(username: string, password: string): Promise<Reply> {
    const r = await this.request('POST', '/api/session', { username, password });
    if (r.status === 200) this.csrf = r.body.csrf;
    return r;
  }
}

/**
 * Every error the API answers is keyed (issue 22): `key` from the catalogue, `params`, and `error` = the catalogue's
 * English text (or "<field>: <reason>" for a field's refusal). Checked on every error reply of every API test, so an
 * unkeyed message anywhere in the server fails the tests that reach it.
 */
export function assertKeyed(method: string, url: string, status: number, body: Record<string, unknown>): void {
  const where = `${method} ${url} → ${status} ${JSON.stringify(body).slice(0, 200)}`;
  if (!isApiMessageKey(body.key)) throw new Error(`unkeyed error: ${where}`);
  const params = (body.params ?? {}) as MessageParams;
  if (typeof params !== 'object') throw new Error(`params not an object: ${where}`);
  const text = apiMessageText(body.key, params, 'en');
  const ok = body.error === text || (typeof body.field === 'string' && body.error === `${body.field}: ${body.reason}` && text.endsWith(String(body.reason)));
  if (!ok) throw new Error(`error text is not the catalogue's (${JSON.stringify(text)}): ${where}`);
  // No slot left unfilled in either language.
  for (const lang of ['zh', 'en'] as const) if (/\{\w+\}/.test(apiMessageText(body.key, params, lang))) throw new Error(`unfilled slot in ${lang}: ${apiMessageText(body.key, params, lang)} (${where})`);
}

export const PASSWORD = 'correct horse battery';

export async function signedIn(server: TestServer, username: string, role: Role): Promise<Client> {
  await addUser(server.db, username, PASSWORD, role);
  const c = new Client(server, username);
  const r = await c.login(username, PASSWORD);
  if (r.status !== 200) throw new Error(`could not sign in ${username}: ${JSON.stringify(r.body)}`);
  return c;
}

/** A small square near 兴国 (115.35°E, 26.33°N), `size` degrees wide. */
export function square(lon = 115.35, lat = 26.33, size = 0.002) {
  return { type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] };
}
