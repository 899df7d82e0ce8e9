// Opens the database (PostgreSQL when DATABASE_URL is set, else the embedded PGlite under var/db), applies the
// migrations and serves the pages, the data folder and the API. `npm start` (scripts/lib/start-app.ts, which the
// browser tests and `npm run bench:server` start the same way) calls serveFromEnv.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { createApp, type App, type AppOptions } from './app.ts';
import { openDb, type Db } from './db.ts';
import { loginLimitsFromEnv } from './login-limit.ts';
import { migrate } from './migrations.ts';
import { describeDatabase as describeForCli, pgTarget, writeRunMarker } from './run-marker.ts';
import { trustProxyFromEnv } from './trust-proxy.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_DB_DIR = path.join(ROOT, 'var', 'db');

export interface StartOptions extends Omit<AppOptions, 'db'> {
  databaseUrl?: string;
  dbDir?: string;
  port?: number;
  host?: string;
  /** A database already opened and migrated (openDatabase): `npm start` opens it before building the pages. */
  opened?: OpenedDb;
}

export interface RunningServer {
  url: string;
  db: Db;
  app: App;
  close: () => Promise<void>;
}

function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The embedded database is one process's files: a second process opening them (a second server, `npm run user`
 * while the server runs) would corrupt them. A lock file with the owner's pid keeps the second one out.
 */
export function lockDbDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const owner = dbDirOwner(dir);
  if (owner !== null) throw new Error(`the embedded database ${dir} is in use by process ${owner} (a running server?); stop it first`);
  writeFileSync(dbLockFile(dir), String(process.pid));
  return () => rmSync(dbLockFile(dir), { force: true });
}

const dbLockFile = (dir: string) => path.join(dir, '..', `${path.basename(dir)}.lock`);

/** The pid of another live process holding the embedded database in `dir`, or null. */
export function dbDirOwner(dir: string): number | null {
  const lock = dbLockFile(dir);
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid !== process.pid ? pid : null;
  } catch {
    return null;
  }
}

export async function openAndMigrate(opts: { databaseUrl?: string; dbDir?: string; log?: (l: string) => void }): Promise<{ db: Db; unlock: () => void }> {
  const log = opts.log ?? console.log;
  const url = opts.databaseUrl;
  const dir = opts.dbDir ?? DEFAULT_DB_DIR;
  const unlock = url ? () => undefined : lockDbDir(dir);
  try {
    if (!url) log(existsSync(path.join(dir, 'PG_VERSION')) ? `database: embedded PGlite in ${path.relative(ROOT, dir) || dir}` : `database: creating the embedded PGlite database in ${path.relative(ROOT, dir) || dir} (first start, ~20 s) …`);
    const db = await openDb({ url, dataDir: dir });
    await migrate(db, log);
    return { db, unlock };
  } catch (e) {
    unlock();
    throw e;
  }
}

/** A start-up problem said in one line (a busy port, a database that cannot be reached): no stack trace. */
export class StartError extends Error {}

/** The database a start uses, for messages: the URL without its password, or the embedded database's folder. */
export function describeDatabase(opts: { databaseUrl?: string; dbDir?: string }): string {
  if (!opts.databaseUrl) return `the embedded database in ${path.relative(ROOT, opts.dbDir ?? DEFAULT_DB_DIR) || opts.dbDir}`;
  try {
    const u = new URL(opts.databaseUrl);
    if (u.password) u.password = '***';
    return `PostgreSQL at ${u.toString()}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}

/** Why opening the database failed, in one line (pg reports a refused connection as an AggregateError with no message). */
function reasonOf(e: unknown): string {
  const err = e as Error & { code?: string; errors?: Error[] };
  const message = err.message || err.errors?.map((x) => x.message).find(Boolean) || '';
  return [err.code && !message.includes(err.code) ? err.code : '', message].filter(Boolean).join(': ').split('\n')[0] || String(e);
}

/** openAndMigrate, with any failure turned into a one-line StartError naming the database. */
export async function openDatabase(opts: { databaseUrl?: string; dbDir?: string; log?: (l: string) => void }): Promise<OpenedDb> {
  try {
    return await openAndMigrate(opts);
  } catch (e) {
    throw new StartError(`${describeDatabase(opts)} cannot be used: ${reasonOf(e)}`);
  }
}

export interface OpenedDb {
  db: Db;
  unlock: () => void;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? console.log;
  const { db, unlock } = opts.opened ?? await openAndMigrate({ databaseUrl: opts.databaseUrl, dbDir: opts.dbDir, log });
  const host = opts.host ?? '127.0.0.1';
  let app: App;
  try {
    app = await createApp({ ...opts, db, version: opts.version ?? appVersion(), log });
    await app.fastify.listen({ port: opts.port ?? 0, host });
  } catch (e) {
    await db.close();
    unlock();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new StartError(`PORT=${opts.port}: the port is in use on ${host} (another server?): stop it or choose another PORT`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new StartError(`HOST=${host}: this machine has no such address`);
    if (code === 'EACCES') throw new StartError(`port ${opts.port} on ${host}: not allowed (ports below 1024 need privileges)`);
    throw e;
  }
  const port = (app.fastify.server.address() as { port: number }).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  let closed = false;
  return {
    url,
    db,
    app,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.fastify.close();
      await db.close();
      unlock();
    },
  };
}

export const DEFAULT_PORT = 5173;

/**
 * The server's settings from the environment, as `npm start` reads them: DATABASE_URL (PostgreSQL; else PGlite in
 * XG_DB_DIR or var/db), PORT (5173), HOST (127.0.0.1), COOKIE_SECURE=1 behind HTTPS,
 * TRUST_PROXY (the reverse proxy's address, trust-proxy.ts), LOGIN_* (sign-in lockout, login-limit.ts).
 */
export function serverEnv(env: NodeJS.ProcessEnv = process.env) {
  const portText = env.PORT?.trim() ?? '';
  const port = portText === '' ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dbDir: env.XG_DB_DIR ? path.resolve(env.XG_DB_DIR) : undefined,
    host: env.HOST || '127.0.0.1',
    secureCookies: env.COOKIE_SECURE === '1',
    port,
    /** PORT was set: a busy port is an error then; the default port, when busy, gives way to a free one. */
    portGiven: portText !== '',
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    loginLimit: loginLimitsFromEnv(env),
  };
}

/** Whether `port` on `host` can be listened on now (port 0 always can). */
export function portIsFree(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * The port to listen on, decided before anything slow starts: PORT as given (a busy one is a StartError naming it), or
 * the default 5173, which gives way to a free port when busy (said in one line), so a second checkout still starts.
 */
export async function choosePort(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): Promise<number> {
  const { host, port, portGiven } = serverEnv(env);
  if (await portIsFree(host, port)) return port;
  if (portGiven) throw new StartError(`PORT=${port}: the port is in use on ${host} (another server?): stop it or choose another PORT`);
  log(`port ${port} is busy; serving on a free port instead (set PORT to choose one)`);
  return 0;
}

export interface ServeOptions {
  /** The data folder (scripts/lib/data-dir.ts resolveDataDir): its files, project layers and stands for QGIS. */
  dataDir: string;
  /** The built pages (scripts/lib/pages.ts ensurePages). */
  pages: { bureauDir: string; publicDir: string; loginDir: string };
  /** The database, opened before the pages were built (openDatabase); else opened here. */
  opened?: OpenedDb;
  /** The port choosePort gave; else chosen here. */
  port?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * The server as `npm start` runs it (scripts/lib/start-app.ts), configured by the environment (serverEnv): the pages,
 * the data folder's files and the API. Prints the address, and the set-up link while there is no user.
 */
export async function serveFromEnv(opts: ServeOptions): Promise<RunningServer> {
  const log = opts.log ?? console.log;
  const { port: _port, portGiven: _given, ...config } = serverEnv(opts.env);
  const port = opts.port ?? await choosePort(opts.env, log);
  const opened = opts.opened ?? await openDatabase({ databaseUrl: config.databaseUrl, dbDir: config.dbDir, log });
  const server = await startServer({ ...config, ...opts.pages, dataDir: opts.dataDir, log, port, opened });
  log(`\n  兴国碳汇图 is running at ${server.url}  (database: ${server.db.engine}; data: ${opts.dataDir})`);
  log(`  public page: ${server.url}public/`);
  const token = server.app.setupToken();
  if (token) {
    log('\n  No accounts yet. Open this one-time link to create the first editor:');
    log(`  ${server.url}login/#setup=${token}`);
    log(`  (or: ${config.databaseUrl ? '' : 'with the server stopped, '}npm run user -- add <name> --role editor)`);
  }
  log('  (Ctrl+C to stop)\n');
  // The stands for QGIS (qgis_stands) load after the server is up, on PostgreSQL only: QGIS cannot connect to the
  // embedded PGlite, and there a long transaction would hold up every request.
  if (config.databaseUrl) {
    const { loadStands } = await import('./qgis.ts');
    void loadStands(server.db, opts.dataDir, log).catch((e: Error) => log(`stands for QGIS not loaded: ${e.message}`));
  }
  return server;
}

/** Ctrl+C / SIGTERM: stop accepting, finish what is running, close the database, exit. */
export function stopOnSignals(server: RunningServer, log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping …`);
    void server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // For `npm run user` on this machine: where this server is and which database it reads (run-marker.ts). Written here,
  // by the process that is the server, not by the test suites that start one in-process.
  const { databaseUrl, dbDir } = serverEnv(env);
  const dir = dbDir ?? DEFAULT_DB_DIR;
  writeRunMarker({ url: server.url, engine: server.db.engine, database: describeForCli(databaseUrl, dir), dbDir: databaseUrl ? null : dir, pgTarget: databaseUrl ? pgTarget(databaseUrl) : null });
}
