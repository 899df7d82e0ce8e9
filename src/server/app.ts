// The HTTP server: the bureau page at /, the public page at /public/, the sign-in page at /login/ and the API under
// /api. The pages are built without data; every data file comes from the one data folder (`dataDir`): the bureau's at
// /data/, the public page's own list at /public/data/. Anonymous requests reach the public page, the sign-in page,
// GET /api/health and sign-in/set-up, nothing else: the bureau page and every internal file (stand tiles, columns,
// geometry, internal GeoJSON) need a session. Every
// state-changing API call needs the session's CSRF token in the x-csrf-token header.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Db } from './db.ts';
import { ApiError } from './errors.ts';
import { schemaVersion } from './migrations.ts';
import { liveProjectFile, livePublicFile, registerProjectRoutes } from './project-routes.ts';
import { loadProjectRelease } from './projects.ts';
import { dummyHash, passwordProblem, verifyPassword } from './passwords.ts';
import { LoginLimiter } from './rate-limit.ts';
import { COOKIE, createSession, csrfMatches, endSession, readCookie, SESSION_HOURS, sessionCookie, sessionFromToken, type Session } from './sessions.ts';
import { checkSiteInput } from './site-input.ts';
import { createSite, deleteSite, getSite, listSites, restoreSite, siteHistory, updateSite } from './sites.ts';
import { rasterRoutes } from './raster-routes.ts';
import { isServedDataFile, resolveDataFile, resolveFile, sendFile } from './static-files.ts';
import { publicDataFiles } from '../public-page/layers.ts';
import { addUser, countUsers, type Role, type User, usernameProblem } from './users.ts';

export const BODY_LIMIT = 4 * 1024 * 1024;

export interface AppOptions {
  db: Db;
  /** Built bureau, public and sign-in pages (scripts/lib/pages.ts); a missing one answers 404. */
  bureauDir?: string;
  publicDir?: string;
  loginDir?: string;
  version?: string;
  /** Adds Secure to the session cookie (behind an HTTPS proxy). */
  secureCookies?: boolean;
  loginLimit?: { maxFailures: number; windowMs: number };
  log?: (line: string) => void;
  /**
   * The data folder (scripts/lib/data-dir.ts resolves it): its files are the bureau page's /data/ and the public page's
   * /public/data/ (only the files that page reads), its project layers are loaded into the database when its release is
   * new, and 发布 reads it. Without one, no data file is served.
   */
  dataDir?: string;
}

export interface App {
  fastify: FastifyInstance;
  /** The one-time set-up token while the database has no user (printed as a link on start), else null. */
  setupToken: () => string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const isApi = (url: string) => url === '/api' || url.startsWith('/api/');
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Reached without a session: the sign-in itself and the first-start set-up. */
const OPEN_API = new Set(['GET /api/health', 'POST /api/session', 'POST /api/setup']);

function routeKey(req: FastifyRequest): string {
  return `${req.method === 'HEAD' ? 'GET' : req.method} ${req.url.split('?')[0].replace(/\/+$/, '')}`;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { db } = opts;
  const log = opts.log ?? ((line: string) => console.log(line));
  const limiter = new LoginLimiter(opts.loginLimit?.maxFailures, opts.loginLimit?.windowMs);
  let setupToken: string | null = (await countUsers(db)) === 0 ? randomBytes(24).toString('base64url') : null;

  if (opts.dataDir) {
    // A broken data file must not keep the server down: it says which file and why, and serves the last release loaded.
    await loadProjectRelease(db, opts.dataDir, log).catch((e: Error) => log(`project layers not loaded from ${opts.dataDir}: ${e.message}`));
  }

  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false, trustProxy: false, return503OnClosing: true });
  app.decorateRequest('session', null);

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send({ error: err.message, ...err.extra });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) log(`error on ${req.method} ${req.url}: ${err.stack ?? err.message}`);
    const message = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `request body is too large: at most ${BODY_LIMIT} bytes`
      : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'send the request body as JSON (Content-Type: application/json)'
      : status === 500 ? 'internal server error' : err.message;
    return reply.code(status).send({ error: message });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `not found: ${req.method} ${req.url.split('?')[0]}` }));

  app.addHook('onRequest', async (req, reply) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/public/') || url === '/public' || url.startsWith('/login/') || url === '/login') return;
    req.session = await sessionFromToken(db, readCookie(req.headers.cookie, COOKIE));
    if (!isApi(url)) return;
    const key = routeKey(req);
    if (OPEN_API.has(key)) return;
    if (!req.session) return reply.code(401).send({ error: 'sign in first' });
    if (STATE_CHANGING.has(req.method) && !csrfMatches(req.session, req.headers['x-csrf-token'])) {
      return reply.code(403).send({ error: 'missing or wrong x-csrf-token header (reload the page and try again)' });
    }
  });

  const user = (req: FastifyRequest): User => req.session!.user;
  const sessionBody = (s: Session) => ({ user: s.user.username, role: s.user.role, csrf: s.csrf, expires: s.expires });

  async function signIn(reply: FastifyReply, u: User) {
    const { token, session } = await createSession(db, u);
    reply.header('Set-Cookie', sessionCookie(token, SESSION_HOURS * 3600, !!opts.secureCookies));
    return sessionBody(session);
  }

  // --- API -----------------------------------------------------------------------------------------------------
  app.get('/api/health', async () => ({ ok: true, db: db.engine, version: opts.version ?? '0', schema: await schemaVersion(db) }));

  app.get('/api/session', async (req) => sessionBody(req.session!));

  app.post('/api/session', async (req, reply) => {
    const b = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof b.username !== 'string' || typeof b.password !== 'string' || !b.username || !b.password) {
      throw new ApiError(400, 'send { "username": …, "password": … }');
    }
    if (b.username.length > 40 || b.password.length > 256) throw new ApiError(401, 'wrong user name or password');
    const keys = [`ip:${req.ip}`, `user:${b.username.toLowerCase()}`];
    const wait = limiter.retryAfter(keys);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw new ApiError(429, `too many failed sign-ins; try again in ${wait} s`);
    }
    const { rows } = await db.query<User & { password_hash: string }>('SELECT id, username, role, password_hash FROM users WHERE username = $1', [b.username]);
    const found = rows[0];
    const ok = await verifyPassword(found?.password_hash ?? (await dummyHash()), b.password);
    if (!found || !ok) {
      limiter.fail(keys);
      throw new ApiError(401, 'wrong user name or password');
    }
    limiter.succeed(keys[1]);
    return signIn(reply, { id: found.id, username: found.username, role: found.role });
  });

  app.delete('/api/session', async (req, reply) => {
    await endSession(db, req.session!);
    reply.header('Set-Cookie', sessionCookie('', 0, !!opts.secureCookies));
    return { ok: true };
  });

  app.post('/api/setup', async (req, reply) => {
    const b = (req.body ?? {}) as { token?: unknown; username?: unknown; password?: unknown };
    if (!setupToken || (await countUsers(db)) > 0) {
      setupToken = null;
      throw new ApiError(410, 'set-up is already done: sign in, or ask an editor for an account');
    }
    if (typeof b.token !== 'string' || b.token !== setupToken) throw new ApiError(403, 'this set-up link is not valid (use the link the server printed)');
    const problem = usernameProblem(b.username) ?? passwordProblem(b.password);
    if (problem) throw new ApiError(400, problem);
    const u = await addUser(db, b.username as string, b.password as string, 'editor');
    setupToken = null;
    log(`set-up: created the first editor "${u.username}"`);
    return signIn(reply, u);
  });

  app.get('/api/users', async () => {
    const { rows } = await db.query<{ username: string; role: Role }>('SELECT username, role FROM users ORDER BY username');
    return { users: rows };
  });

  app.get('/api/sites', async (req) => {
    const q = req.query as { deleted?: string; since?: string };
    const since = q.since === undefined ? undefined : Number(q.since);
    if (since !== undefined && !(since >= 0)) throw new ApiError(400, 'since must be a time in milliseconds since 1970');
    return { sites: await listSites(db, user(req), q.deleted === '1' || q.deleted === 'true', since), time: Date.now() };
  });
  app.post('/api/sites', async (req, reply) => {
    const site = await createSite(db, user(req), checkSiteInput(req.body, true));
    return reply.code(201).send(site);
  });
  app.get('/api/sites/:id', async (req) => getSite(db, user(req), (req.params as { id: string }).id));
  app.put('/api/sites/:id', async (req) => {
    const input = checkSiteInput(req.body, false);
    return updateSite(db, user(req), (req.params as { id: string }).id, input, (req.body as { version?: unknown }).version);
  });
  app.delete('/api/sites/:id', async (req) => {
    const q = req.query as { version?: string };
    const base = q.version === undefined ? undefined : Number(q.version);
    return deleteSite(db, user(req), (req.params as { id: string }).id, base);
  });
  app.get('/api/sites/:id/history', async (req) => siteHistory(db, user(req), (req.params as { id: string }).id));
  app.post('/api/sites/:id/restore', async (req) => {
    const b = (req.body ?? {}) as { version?: unknown; base?: unknown };
    return restoreSite(db, user(req), (req.params as { id: string }).id, b.version, b.base);
  });

  registerProjectRoutes(app, db, opts.dataDir);
  // The data folder's rasters with HTTP Range (bureau: signed in; public page: rasters.json entries marked public).
  await app.register(rasterRoutes, { dataDir: opts.dataDir });

  // --- Pages ---------------------------------------------------------------------------------------------------
  const serveFrom = (dir: string | undefined, prefix: string, cache: string) => async (req: FastifyRequest, reply: FastifyReply) => {
    const file = dir ? resolveFile(dir, req.url.split('?')[0].slice(prefix.length)) : null;
    if (!file) return reply.code(404).send({ error: `not found: ${req.url.split('?')[0]}` });
    return sendFile(reply, file, req.headers['if-none-match'], cache);
  };
  const publicFiles = serveFrom(opts.publicDir, '/public', 'public, no-cache');
  const loginFiles = serveFrom(opts.loginDir, '/login', 'no-cache');
  const bureauFiles = serveFrom(opts.bureauDir, '', 'private, no-cache');
  // The data folder's files: the public page reads only its own list (publicDataFiles), the bureau page the rest too.
  const publicList = new Set(publicDataFiles());
  const dataFiles = (prefix: string, allowed: (rel: string) => boolean, cache: string) => async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0];
    const file = opts.dataDir ? resolveDataFile(opts.dataDir, url.slice(prefix.length), allowed) : null;
    if (!file) return reply.code(404).send({ error: `not found: ${url}` });
    return sendFile(reply, file, req.headers['if-none-match'], cache);
  };
  const publicData = dataFiles('/public/data/', (rel) => publicList.has(rel), 'public, no-cache');
  const bureauData = dataFiles('/data/', isServedDataFile, 'private, no-cache');

  app.get('/public', (_req, reply) => reply.redirect('/public/'));
  app.get('/public/*', async (req, reply) => {
    // Once an editor has published, the public page reads the latest snapshot instead of the build's files.
    const snapshot = await livePublicFile(db, req.url.split('?')[0]);
    if (snapshot !== null) return reply.header('cache-control', 'public, no-cache').type(req.url.includes('.geojson') ? 'application/geo+json' : 'application/json').send(snapshot);
    return req.url.startsWith('/public/data/') ? publicData(req, reply) : publicFiles(req, reply);
  });
  app.get('/login', (_req, reply) => reply.redirect('/login/'));
  app.get('/login/*', loginFiles);
  app.get('/*', async (req, reply) => {
    if (req.session) {
      // The project layers' current state comes from the database (edits show without a rebuild).
      const live = await liveProjectFile(db, req.url.split('?')[0]);
      if (live !== null) return reply.header('cache-control', 'private, no-store').type('application/geo+json').send(live);
      return req.url.startsWith('/data/') ? bureauData(req, reply) : bureauFiles(req, reply);
    }
    const url = req.url.split('?')[0];
    // A person opening the bureau page is sent to sign in; a script asking for a data file just hears "no".
    if (url === '/' || url.endsWith('.html')) return reply.redirect('/login/');
    return reply.code(401).send({ error: 'sign in first' });
  });

  return { fastify: app, setupToken: () => setupToken };
}
