// One thin database interface over the two engines: embedded PGlite (with PostGIS, data under var/) by default, and
// PostgreSQL through `pg` when DATABASE_URL is set. Both take `query(text, params)` with $1 placeholders and return
// { rows }, so the same SQL runs on both. SQL is never built from values: every value travels as a parameter.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Engine = 'pglite' | 'postgres';

export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements without parameters (migrations only). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  engine: Engine;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite in `dataDir`. */
  url?: string;
  /** PGlite's data folder; created when missing. */
  dataDir?: string;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.url) return openPostgres(opts.url);
  if (!opts.dataDir) throw new Error('openDb: give either a DATABASE_URL or a data folder for the embedded database');
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pg = await PGlite.create(path.resolve(dataDir), { extensions: { postgis } });
  // PGlite runs one statement at a time; its transaction() holds that lock for the whole callback, so statements of
  // concurrent requests never interleave with an open transaction.
  return {
    engine: 'pglite',
    query: async <T>(text: string, params: unknown[] = []) => ({ rows: (await pg.query<T>(text, params)).rows }),
    exec: async (sql) => void (await pg.exec(sql)),
    tx: (fn) => pg.transaction((t) => fn({
      query: async <T>(text: string, params: unknown[] = []) => ({ rows: (await t.query<T>(text, params)).rows }),
      exec: async (sql) => void (await t.exec(sql)),
    })),
    close: () => pg.close(),
  };
}

// Every statement on PostgreSQL is sent as a named prepared statement (named by a hash of its text, so the same text
// always gets the same name): each pooled connection parses and plans it once and then only binds and executes. The
// site statements carry PostGIS calls and sub-queries whose parse and plan cost as much as running them.
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `xg_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size > 5_000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}
const prepared = (text: string, values: unknown[]) => ({ name: statementName(text), text, values });

const CONNECT_TIMEOUT_S = 15;

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PGPOOL_MAX ?? 10) });
  // An idle client that loses its connection (server restart) must not crash the process: the next query reconnects.
  pool.on('error', (e) => console.warn(`database connection lost: ${e.message}`));
  // A server that refuses, or a host that does not answer, is said at once (npm start reports it in one line).
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pool.query('SELECT 1'),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${CONNECT_TIMEOUT_S} s`)), CONNECT_TIMEOUT_S * 1000); }),
    ]);
  } catch (e) {
    void pool.end().catch(() => undefined);
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return {
    engine: 'postgres',
    query: async <T>(text: string, params: unknown[] = []) => ({ rows: (await pool.query(prepared(text, params))).rows as T[] }),
    exec: async (sql) => void (await pool.query(sql)),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(text: string, params: unknown[] = []) => ({ rows: (await client.query(prepared(text, params))).rows as T[] }),
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
