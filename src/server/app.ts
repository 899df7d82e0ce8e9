// The HTTP server: the bureau page at /, the public page at /public/, the sign-in page at /login/ and the API under
// /api. The pages are built without data; every data file comes from the one data folder (`dataDir`): the bureau's at
// /data/, the public page's own list at /public/data/. Anonymous requests reach the public page, the sign-in page,
// GET /api/health and sign-in/set-up, nothing else: the bureau page and every internal file (stand tiles, columns,
// geometry, internal GeoJSON) need a session. Every
// state-changing API call needs the session's CSRF token in the x-csrf-token header.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAccountRoutes } from './account-routes.ts';
import type { Db } from './db.ts';
import { ApiError } from './errors.ts';
import { fieldPlugin } from './field/plugin.ts';
import { schemaVersion } from './migrations.ts';
import { liveProjectFile, livePublicFile, registerProjectRoutes } from './project-routes.ts';
import { loadProjectRelease } from './projects.ts';
import type { LoginLimits } from './login-limit.ts';
import { COOKIE, csrfMatches, readCookie, sessionFromToken, type Session } from './sessions.ts';
import { createSetupLink } from './setup-links.ts';
import type { TrustProxy } from './trust-proxy.ts';
import { checkSiteInput } from './site-input.ts';
import { carbonProjectHistory, checkProjectBody, createCarbonProject, deleteCarbonProject, getCarbonProject, listCarbonProjects, restoreCarbonProject, updateCarbonProject } from './carbon-projects.ts';
import { createSite, deleteSite, getSite, listSites, restoreSite, siteHistory, updateSite, type SitingOf } from './sites.ts';
import { SitingService } from './siting.ts';
import { rasterRoutes } from './raster-routes.ts';
import { isServedDataFile, resolveDataFile, resolveFile, sendFile } from './static-files.ts';
import { publicDataFiles } from '../public-page/layers.ts';
import { LAYERS } from '../layers/registry.ts';
import { countUsers, type User } from './users.ts';

export const BODY_LIMIT = 4 * 1024 * 1024;

/** The registry's layer files a release may lack (source.optional), answered as an empty collection. */
const OPTIONAL_FILES = new Set(LAYERS.filter((l) => l.source.optional).map((l) => l.source.file));
const EMPTY_COLLECTION = '{"type":"FeatureCollection","features":[]}';

export interface AppOptions {
  db: Db;
  /** Built bureau, public and sign-in pages (scripts/lib/pages.ts); a missing one answers 404. */
  bureauDir?: string;
  publicDir?: string;
  loginDir?: string;
  version?: string;
  /** Adds Secure to the session cookie (behind an HTTPS proxy). */
  secureCookies?: boolean;
  /** Failed sign-ins allowed per account and per address in the window (login-limit.ts; defaults 10 and 100 in 15 min). */
  loginLimit?: Partial<LoginLimits>;
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address (X-Forwarded-For) and protocol.
   * Fastify's trustProxy: true, or addresses/CIDRs ("127.0.0.1", "10.0.0.0/8", "loopback"); see trust-proxy.ts. Default
   * off: the address is the connection's peer, and a forged X-Forwarded-For is ignored.
   */
  trustProxy?: TrustProxy;
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
  /** The first-start set-up token while the database has no user (printed as a link on start), else null. */
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
const OPEN_API = new Set(['GET /api/health', 'POST /api/session', 'POST /api/setup', 'POST /api/setup/info']);

/** Answers `err` (a keyed ApiError) as the error handler does: `{ error, key, params, …extra }`. */
function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  return reply.code(err.status).send({ error: err.message, ...err.extra });
}

function routeKey(req: FastifyRequest): string {
  return `${req.method === 'HEAD' ? 'GET' : req.method} ${req.url.split('?')[0].replace(/\/+$/, '')}`;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { db } = opts;
  const log = opts.log ?? ((line: string) => console.log(line));
  // While there is no account, a first-start link (stored in the database, so any process behind one proxy takes it).
  let setupToken: string | null = (await countUsers(db)) === 0 ? (await createSetupLink(db, 'first', null, null)).token : null;

  if (opts.dataDir) {
    // A broken data file must not keep the server down: it says which file and why, and serves the last release loaded.
    await loadProjectRelease(db, opts.dataDir, log).catch((e: Error) => log(`project layers not loaded from ${opts.dataDir}: ${e.message}`));
  }

  let app: FastifyInstance;
  try {
    app = Fastify({ bodyLimit: BODY_LIMIT, logger: false, trustProxy: opts.trustProxy ?? false, return503OnClosing: true });
  } catch (e) {
    throw new Error(`TRUST_PROXY=${String(opts.trustProxy)}: ${(e as Error).message}`);
  }
  app.decorateRequest('session', null);

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send({ error: err.message, ...err.extra });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) log(`error on ${req.method} ${req.url}: ${err.stack ?? err.message}`);
    // Fastify's own refusals (body parsing, size, media type) get keys like every other message.
    const keyed = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? ApiError.keyed(status, 'request.bodyTooLarge', { max: BODY_LIMIT })
      : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? ApiError.keyed(status, 'request.notJson')
      : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? ApiError.keyed(status, 'request.badJson')
      : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? ApiError.keyed(status, 'request.emptyJson')
      : status === 500 ? ApiError.keyed(500, 'request.internal') : ApiError.keyed(status, 'request.invalid', { status });
    return reply.code(status).send({ error: keyed.message, ...keyed.extra });
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, ApiError.keyed(404, 'request.notFound', { method: req.method, path: req.url.split('?')[0] })));

  app.addHook('onRequest', async (req) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/public/') || url === '/public' || url.startsWith('/login/') || url === '/login') return;
    // API calls read the session from the database every time (a disabled account or a new role counts at once, in
    // every process); page files may use this process's 5-second cache (sessions.ts).
    req.session = await sessionFromToken(db, readCookie(req.headers.cookie, COOKIE), isApi(url));
    if (!isApi(url)) return;
    const key = routeKey(req);
    if (OPEN_API.has(key)) return;
    if (!req.session) throw ApiError.keyed(401, 'auth.signInFirst');
    if (STATE_CHANGING.has(req.method) && !csrfMatches(req.session, req.headers['x-csrf-token'])) throw ApiError.keyed(403, 'auth.csrf');
  });

  const user = (req: FastifyRequest): User => req.session!.user;

  // --- API -----------------------------------------------------------------------------------------------------
  app.get('/api/health', async () => ({ ok: true, db: db.engine, version: opts.version ?? '0', schema: await schemaVersion(db) }));

  // Sign-in, sessions, set-up links and user administration (account-routes.ts).
  registerAccountRoutes(app, db, { secureCookies: opts.secureCookies, loginLimits: opts.loginLimit, log, onFirstEditor: () => { setupToken = null; } });

  app.get('/api/sites', async (req) => {
    const q = req.query as { deleted?: string; since?: string };
    const since = q.since === undefined ? undefined : Number(q.since);
    if (since !== undefined && !(since >= 0)) throw ApiError.keyed(400, 'site.since');
    return { sites: await listSites(db, user(req), q.deleted === '1' || q.deleted === 'true', since), time: Date.now() };
  });
  // The siting record of each site is computed here from the active data folder (src/server/siting.ts).
  const siting = opts.dataDir ? new SitingService(opts.dataDir, log) : null;
  siting?.warm();
  const sitingOf: SitingOf | undefined = siting ? (g, t) => siting.recordOf(g, t) : undefined;

  app.post('/api/sites', async (req, reply) => {
    const site = await createSite(db, user(req), checkSiteInput(req.body, true), sitingOf);
    return reply.code(201).send(site);
  });
  app.get('/api/sites/:id', async (req) => getSite(db, user(req), (req.params as { id: string }).id));
  app.put('/api/sites/:id', async (req) => {
    const input = checkSiteInput(req.body, false);
    return updateSite(db, user(req), (req.params as { id: string }).id, input, (req.body as { version?: unknown }).version, sitingOf);
  });
  app.delete('/api/sites/:id', async (req) => {
    const q = req.query as { version?: string };
    const base = q.version === undefined ? undefined : Number(q.version);
    return deleteSite(db, user(req), (req.params as { id: string }).id, base);
  });
  app.get('/api/sites/:id/history', async (req) => siteHistory(db, user(req), (req.params as { id: string }).id));
  app.post('/api/sites/:id/restore', async (req) => {
    const b = (req.body ?? {}) as { version?: unknown; base?: unknown };
    return restoreSite(db, user(req), (req.params as { id: string }).id, b.version, b.base, sitingOf);
  });

  // Carbon-sink projects (carbon-projects.ts): the planner's 碳汇项目 panel saves its project file here.
  app.get('/api/carbon-projects', async (req) => {
    const q = req.query as { deleted?: string };
    return { projects: await listCarbonProjects(db, user(req), q.deleted === '1' || q.deleted === 'true') };
  });
  app.post('/api/carbon-projects', async (req, reply) => reply.code(201).send(await createCarbonProject(db, user(req), checkProjectBody(req.body))));
  app.get('/api/carbon-projects/:id', async (req) => getCarbonProject(db, user(req), (req.params as { id: string }).id));
  app.put('/api/carbon-projects/:id', async (req) => {
    const project = checkProjectBody(req.body);
    return updateCarbonProject(db, user(req), (req.params as { id: string }).id, project, (req.body as { version?: unknown }).version);
  });
  app.delete('/api/carbon-projects/:id', async (req) => {
    const v = (req.query as { version?: string }).version;
    return deleteCarbonProject(db, user(req), (req.params as { id: string }).id, v === undefined ? undefined : Number(v));
  });
  app.get('/api/carbon-projects/:id/history', async (req) => carbonProjectHistory(db, (req.params as { id: string }).id));
  app.post('/api/carbon-projects/:id/restore', async (req) => {
    const b = (req.body ?? {}) as { version?: unknown; base?: unknown };
    return restoreCarbonProject(db, user(req), (req.params as { id: string }).id, b.version, b.base);
  });
  registerProjectRoutes(app, db, opts.dataDir);
  // Field work (issue 26): reports, photos, tasks, 监测图斑, offline areas; one plugin (src/server/field/). The data
  // folder is both the release (its monitoring-patches.geojson) and what /data/ serves (the offline plan's sizes).
  await app.register(fieldPlugin, { db, dataDir: opts.dataDir, servedDataDir: opts.dataDir });
  // The data folder's rasters with HTTP Range (bureau: signed in; public page: rasters.json entries marked public).
  await app.register(rasterRoutes, { dataDir: opts.dataDir });

  // --- Pages ---------------------------------------------------------------------------------------------------
  const serveFrom = (dir: string | undefined, prefix: string, cache: string) => async (req: FastifyRequest, reply: FastifyReply) => {
    const file = dir ? resolveFile(dir, req.url.split('?')[0].slice(prefix.length)) : null;
    if (!file) return sendError(reply, ApiError.keyed(404, 'request.fileNotFound', { path: req.url.split('?')[0] }));
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
    if (!file) {
      // A layer file an optional step makes (the registry's source.optional): absent from this release, it is empty.
      if (prefix === '/data/' && OPTIONAL_FILES.has(url.slice(prefix.length))) return reply.header('cache-control', cache).type('application/geo+json').send(EMPTY_COLLECTION);
      return sendError(reply, ApiError.keyed(404, 'request.notFound', { method: req.method, path: url }));
    }
    return sendFile(reply, file, req.headers['if-none-match'], cache);
  };
  const publicData = dataFiles('/public/data/', (rel) => publicList.has(rel), 'public, no-cache');
  const bureauData = dataFiles('/data/', isServedDataFile, 'private, no-cache');
  // The bureau page itself is not kept by the browser (no back-forward cache): Back after 退出 asks the server again,
  // which sends the sign-in page, instead of showing a page whose every data request now answers 401.
  const bureauPage = serveFrom(opts.bureauDir, '', 'private, no-store');

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
      if (req.url.startsWith('/data/')) return bureauData(req, reply);
      const url = req.url.split('?')[0];
      return url === '/' || url.endsWith('/') || url.endsWith('.html') ? bureauPage(req, reply) : bureauFiles(req, reply);
    }
    const url = req.url.split('?')[0];
    // A person opening the bureau page is sent to sign in; a script asking for a data file just hears "no".
    if (url === '/' || url.endsWith('.html')) return reply.redirect('/login/');
    return sendError(reply, ApiError.keyed(401, 'auth.signInFirst'));
  });

  return { fastify: app, setupToken: () => setupToken };
}
