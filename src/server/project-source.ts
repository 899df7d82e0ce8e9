// Where the command-line tools read the project layers' current state: the database the server uses (PostgreSQL when
// DATABASE_URL is set, else the embedded PGlite in XG_DB_DIR or var/db when it exists), once a data release has been
// loaded into it. The embedded database is one process's files: while the server runs it holds the lock, and the tool
// says so rather than reading stale files silently.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FC, PlanLayers } from '../core/plan/layers.ts';
import { planLayerFiles } from '../layers/analysis-roles.ts';
import { PROJECT_LAYERS } from '../core/plan/project-edit.ts';
import { DEFAULT_DB_DIR, openAndMigrate } from './main.ts';
import { listProjects } from './projects.ts';

export interface DbProjectLayers {
  layers: Partial<Record<keyof PlanLayers, FC<unknown>>>;
  /** e.g. "database pglite var/db, release 3f2a…, 2 changes" */
  source: string;
}

/** The project layers from the database, or null when there is no database or nothing loaded into it — or, with
 *  `dataDir`, when what is loaded is another data folder's release (then `note` says so: the caller reads the files).
 *  Throws a clear message when the embedded database is held by a running server. */
export async function projectLayersFromDb(env: NodeJS.ProcessEnv = process.env, dataDir?: string, note: (line: string) => void = () => undefined): Promise<DbProjectLayers | null> {
  const url = env.DATABASE_URL || undefined;
  const dir = env.XG_DB_DIR ? path.resolve(env.XG_DB_DIR) : DEFAULT_DB_DIR;
  if (!url && !existsSync(path.join(dir, 'PG_VERSION'))) return null;
  let opened;
  try {
    opened = await openAndMigrate({ databaseUrl: url, dbDir: dir, log: () => undefined });
  } catch (e) {
    const msg = (e as Error).message;
    if (/in use by process/.test(msg)) {
      throw new Error(`${msg}. The server holds the embedded database while it runs: stop it, or read the current state through its API (GET /api/projects/:layer), or pass --files to compute from the data files alone`);
    }
    throw new Error(`database ${url ? url.replace(/\/\/[^@]*@/, '//…@') : dir}: ${msg}`);
  }
  const { db, unlock } = opened;
  try {
    const { rows } = await db.query<{ hash: string; data_dir: string }>('SELECT hash, data_dir FROM project_releases ORDER BY id DESC LIMIT 1');
    if (!rows.length) return null;
    if (dataDir && path.resolve(rows[0].data_dir) !== path.resolve(dataDir)) {
      note(`the database holds the project layers of ${rows[0].data_dir}, not of ${path.resolve(dataDir)}: reading the data files`);
      return null;
    }
    const { rows: [c] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM project_audit');
    const layers: DbProjectLayers['layers'] = {};
    for (const [key, file] of Object.entries(planLayerFiles()) as [keyof PlanLayers, string][]) {
      const def = PROJECT_LAYERS.find((l) => l.file === file);
      if (def) layers[key] = (await listProjects(db, def.id)) as FC<unknown>;
    }
    return { layers, source: `database ${db.engine}${url ? '' : ` ${path.relative(process.cwd(), dir) || dir}`}, release ${rows[0].hash.slice(0, 12)}, ${c.n} change(s)` };
  } finally {
    await db.close();
    unlock();
  }
}
