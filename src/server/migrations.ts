// Versioned schema migrations: src/server/migrations/NNN-name.sql, applied in order, each in its own transaction and
// recorded in schema_migrations. An advisory lock keeps two servers starting at once on one PostgreSQL from racing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db.ts';

const DIR = path.join(import.meta.dirname, 'migrations');
const LOCK_KEY = 4_490_015;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Applies the migrations not yet applied; returns the names of those it applied. */
export async function migrate(db: Db, log: (line: string) => void = () => undefined): Promise<string[]> {
  // Under the lock too: two processes starting at once on an empty PostgreSQL would otherwise both create the table
  // (CREATE … IF NOT EXISTS is not safe against a concurrent create: a duplicate key in pg_type).
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await q.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const { rows } = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length) return false;
      await q.exec(m.sql);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) {
      applied.push(`${m.version}-${m.name}`);
      log(`database: applied migration ${m.version}-${m.name}`);
    }
  }
  return applied;
}

export async function schemaVersion(db: Db): Promise<number> {
  const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}
