// What a running server tells command-line tools on the same machine: `npm start` writes var/run/server-<pid>.json
// (address, engine, database without its password) and removes it when it exits; a file whose process is gone is
// ignored and removed. `npm run user` reads them to write where the server reads: it refuses to write to the embedded
// var/db while the running server uses PostgreSQL (a user added there could never sign in), and names the address
// of the page where accounts are managed. XG_RUN_DIR moves the folder (tests).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunMarker {
  pid: number;
  url: string;
  engine: 'pglite' | 'postgres';
  /** `describeDatabase` of what the server opened. */
  database: string;
  /** The embedded database's folder (absolute), or null on PostgreSQL. */
  dbDir: string | null;
  /** The PostgreSQL address without user and password (host:port/database), or null. */
  pgTarget: string | null;
  started: string;
}

export const runDir = (): string => (process.env.XG_RUN_DIR ? path.resolve(process.env.XG_RUN_DIR) : path.join(ROOT, 'var', 'run'));

/** A PostgreSQL URL with its password replaced by *** (safe to print and to write to var/run). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(an address that does not parse)';
  }
}

/** host:port/database of a PostgreSQL URL (what identifies the database, whoever signs in). */
export function pgTarget(url: string): string {
  const u = new URL(url);
  return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname.replace(/^\/$/, '/postgres') || '/postgres'}`;
}

/** One line naming a database: "PostgreSQL postgres://xg:***@host:5432/xingguo" or "embedded PGlite in var/db". */
export function describeDatabase(databaseUrl: string | undefined, dbDir: string): string {
  if (databaseUrl) return `PostgreSQL ${maskUrl(databaseUrl)}`;
  const rel = path.relative(process.cwd(), dbDir);
  return `embedded PGlite in ${rel && !rel.startsWith('..') ? rel : dbDir}`;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Writes this process's marker; removed on exit. Returns a function that removes it earlier. */
export function writeRunMarker(info: Omit<RunMarker, 'pid' | 'started'>): () => void {
  const dir = runDir();
  const file = path.join(dir, `server-${process.pid}.json`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${JSON.stringify({ pid: process.pid, started: new Date().toISOString(), ...info }, null, 2)}\n`);
  } catch {
    return () => undefined; // a read-only checkout: the CLI then knows less, the server runs all the same
  }
  const remove = () => rmSync(file, { force: true });
  process.once('exit', remove);
  return remove;
}

/** The markers of servers still running (stale files are removed). */
export function runningServers(): RunMarker[] {
  const dir = runDir();
  if (!existsSync(dir)) return [];
  const out: RunMarker[] = [];
  for (const f of readdirSync(dir)) {
    if (!/^server-\d+\.json$/.test(f)) continue;
    const file = path.join(dir, f);
    try {
      const m = JSON.parse(readFileSync(file, 'utf8')) as RunMarker;
      if (m.pid !== process.pid && alive(m.pid)) out.push(m);
      else if (m.pid !== process.pid) rmSync(file, { force: true });
    } catch {
      // a marker being written or damaged: not a server we can describe
    }
  }
  return out;
}
