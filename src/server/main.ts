// Opens the database (PostgreSQL when DATABASE_URL is set, else the embedded PGlite under var/db), applies the
// migrations and serves the pages and the API. Used by `npm start`, the browser tests and `npm run bench:server`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, type App, type AppOptions } from './app.ts';
import { openDb, type Db } from './db.ts';
import { loginLimitsFromEnv } from './login-limit.ts';
import { migrate } from './migrations.ts';
import { describeDatabase, pgTarget, writeRunMarker } from './run-marker.ts';
import { trustProxyFromEnv } from './trust-proxy.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_DB_DIR = path.join(ROOT, 'var', 'db');

export interface StartOptions extends Omit<AppOptions, 'db'> {
  databaseUrl?: string;
  dbDir?: string;
  port?: number;
  host?: string;
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

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? console.log;
  const { db, unlock } = await openAndMigrate({ databaseUrl: opts.databaseUrl, dbDir: opts.dbDir, log });
  const app = await createApp({ ...opts, db, version: opts.version ?? appVersion(), log });
  const host = opts.host ?? '127.0.0.1';
  let address: string;
  try {
    address = await app.fastify.listen({ port: opts.port ?? 0, host });
  } catch (e) {
    await db.close();
    unlock();
    throw e;
  }
  const port = (app.fastify.server.address() as { port: number }).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  void address;
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

/**
 * The server as `npm start` runs it, configured by the environment: DATABASE_URL (PostgreSQL; else PGlite in XG_DB_DIR
 * or var/db), PORT (5173; a busy port falls back to a free one), HOST (127.0.0.1), COOKIE_SECURE=1 behind HTTPS,
 * TRUST_PROXY (the reverse proxy's address, trust-proxy.ts), LOGIN_* (sign-in lockout, login-limit.ts).
 * Pages come from dist/, dist-public/ and dist-login/. Prints the address, and the set-up link while there is no user.
 */
export async function serveFromEnv(): Promise<RunningServer> {
  const base = {
    databaseUrl: process.env.DATABASE_URL || undefined,
    dbDir: process.env.XG_DB_DIR ? path.resolve(process.env.XG_DB_DIR) : undefined,
    host: process.env.HOST || '127.0.0.1',
    secureCookies: process.env.COOKIE_SECURE === '1',
    bureauDir: path.join(ROOT, 'dist'),
    publicDir: path.join(ROOT, 'dist-public'),
    loginDir: path.join(ROOT, 'dist-login'),
    projectDataDir: process.env.XG_DATA_DIR ? path.resolve(process.env.XG_DATA_DIR) : path.join(ROOT, 'data'),
    trustProxy: trustProxyFromEnv(process.env.TRUST_PROXY),
    loginLimit: loginLimitsFromEnv(),
  };
  const port = Number(process.env.PORT ?? 5173);
  const server = await startServer({ ...base, port }).catch(async (e: Error & { code?: string }) => {
    if (e.code !== 'EADDRINUSE') throw e;
    console.warn(`port ${port} is busy; choosing a free port`);
    return startServer({ ...base, port: 0 });
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping …`);
    void server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // For `npm run user` on this machine: where this server is and which database it reads (run-marker.ts).
  writeRunMarker({ url: server.url, engine: server.db.engine, database: describeDatabase(base.databaseUrl, base.dbDir ?? DEFAULT_DB_DIR), dbDir: base.databaseUrl ? null : (base.dbDir ?? DEFAULT_DB_DIR), pgTarget: base.databaseUrl ? pgTarget(base.databaseUrl) : null });
  console.log(`\n  兴国碳汇图 is running at ${server.url}  (database: ${server.db.engine})`);
  console.log(`  public page: ${server.url}public/`);
  const token = server.app.setupToken();
  if (token) {
    console.log('\n  No accounts yet. Open this one-time link to create the first editor:');
    console.log(`  ${server.url}login/#setup=${token}`);
    console.log(`  (or: ${base.databaseUrl ? '' : 'with the server stopped, '}npm run user -- add <name> --role editor)`);
  }
  console.log('  (Ctrl+C to stop)\n');
  // The stands for QGIS (qgis_stands) load after the server is up, on PostgreSQL only: QGIS cannot connect to the
  // embedded PGlite, and there a long transaction would hold up every request.
  if (base.databaseUrl) {
    const { loadStands } = await import('./qgis.ts');
    void loadStands(server.db, base.projectDataDir, (l) => console.log(l)).catch((e: Error) => console.warn(`stands for QGIS not loaded: ${e.message}`));
  }
  return server;
}
