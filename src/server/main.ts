// Opens the database (PostgreSQL when DATABASE_URL is set, else the embedded PGlite under var/db), applies the
// migrations and serves the pages and the API. Used by `npm start`, the browser tests and `npm run bench:server`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, type App, type AppOptions } from './app.ts';
import { openDb, type Db } from './db.ts';
import { migrate } from './migrations.ts';

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
  const lock = path.join(dir, '..', `${path.basename(dir)}.lock`);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`the embedded database ${dir} is in use by process ${pid} (a running server?); stop it first`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
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
