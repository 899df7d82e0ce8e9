// 发布 (publish): the public aggregates rebuilt in a worker thread from the current project state with the build's own code
// (src/public-page/build/public-files.ts), scanned by the public leak scan before anything is stored, and kept as a
// numbered snapshot. The latest snapshot is what the public page reads at /public/data/public/…; earlier ones stay
// readable at /api/public-snapshots/:n.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FC } from '../core/plan/layers.ts';
import { PROJECT_LAYERS } from '../core/plan/project-edit.ts';
import type { Db, Queryable } from './db.ts';
import { ApiError } from './errors.ts';
import type { SnapshotInput, SnapshotOutput } from './publish-compute.ts';
import { listProjects } from './projects.ts';
import type { User } from './users.ts';

/** The project layers as of now, from the database, by data file name. */
export async function currentProjectLayers(db: Queryable): Promise<Record<string, FC<unknown>>> {
  const out: Record<string, FC<unknown>> = {};
  for (const l of PROJECT_LAYERS) out[l.file] = (await listProjects(db, l.id)) as FC<unknown>;
  return out;
}

const WORKER = new URL(`./publish-worker${path.extname(new URL(import.meta.url).pathname)}`, import.meta.url);

/**
 * Runs publish-compute.ts in a worker thread. The server runs TypeScript through tsx, whose loader does not reach
 * worker threads by itself (`--import tsx` in execArgv fails with "Unknown file extension .ts" on Node 20), so a .ts
 * worker is started by a two-line bootstrap that loads it with tsx's own tsImport.
 */
export function runSnapshotWorker(input: SnapshotInput): Promise<SnapshotOutput> {
  let worker: Worker;
  if (WORKER.pathname.endsWith('.ts')) {
    const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => m.tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(import.meta.url)}));`;
    worker = new Worker(boot, { eval: true, workerData: input, execArgv: [], name: 'publish' });
  } else {
    worker = new Worker(WORKER, { workerData: input, name: 'publish' });
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (m: SnapshotOutput) => { settled = true; resolve(m); void worker.terminate(); });
    worker.once('error', (e) => { settled = true; reject(e); });
    worker.once('exit', (code) => { if (!settled) reject(new Error(`the publish worker stopped (exit code ${code}) without an answer`)); });
  });
}

/**
 * One snapshot computation at a time, two editors pressing 发布 together do not double the load, and snapshot numbers
 * follow the order of the computations:
 * - in this process, a queue;
 * - across processes on one PostgreSQL, an advisory lock held by a transaction around the computation (the second
 *   process waits for the first; the snapshot row is written in that transaction). The embedded PGlite belongs to one
 *   process (main.ts locks its folder), and a transaction there would hold up every other request, so the queue alone
 *   serves it.
 */
let queue: Promise<unknown> = Promise.resolve();
const PUBLISH_LOCK = 4_490_016;

export interface PublishResult {
  n: number;
  created_at: string;
  files: string[];
  townships: number;
  projects: number;
  /** Computation time, and the time spent waiting for another publish (this process's or another's) first. */
  ms: number;
  worker_ms: number;
  waited_ms: number;
  /** When this computation started and ended (ms since 1970): two publishes never overlap. */
  started: number;
  finished: number;
}

export async function publish(db: Db, user: User, dataDir: string): Promise<PublishResult> {
  if (user.role !== 'editor') throw ApiError.keyed(403, 'publish.editorOnly');
  const asked = performance.now();
  const compute = async (q: Queryable) => {
    const t0 = performance.now();
    const started = Date.now();
    const { rows: [last] } = await q.query<{ id: string | null }>('SELECT max(id) AS id FROM project_audit');
    const projectLayers = await currentProjectLayers(q);
    const tw = performance.now();
    const out = await runSnapshotWorker({ dataDir, projectLayers });
    const workerMs = performance.now() - tw;
    if (!out.ok) {
      // The English detail goes to the log; the answer is keyed (the leak scan's findings travel with it).
      if (out.status >= 500) console.warn(`publish: ${out.message}`);
      throw out.findings ? ApiError.keyed(out.status, 'publish.leakScan', { count: out.findings.length }, { findings: out.findings }) : ApiError.keyed(out.status, 'publish.failed', {}, { detail: out.message });
    }
    const { rows: [row] } = await q.query<{ n: number; created_at: Date }>(
      'INSERT INTO public_snapshots (created_by, files, audit_id) VALUES ($1, $2::jsonb, $3) RETURNING n, created_at',
      [user.username, JSON.stringify(out.files), last?.id ?? null]);
    return {
      n: row.n, created_at: new Date(row.created_at).toISOString(), files: Object.keys(out.files), townships: out.townships, projects: out.projects,
      ms: Math.round(performance.now() - t0), worker_ms: Math.round(workerMs), waited_ms: Math.round(t0 - asked), started, finished: Date.now(),
    };
  };
  const turn = queue.then(() => db.engine === 'postgres'
    ? db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      return compute(q);
    })
    : compute(db));
  queue = turn.catch(() => undefined);
  return turn;
}

export async function listSnapshots(db: Queryable) {
  const { rows } = await db.query<{ n: number; created_at: Date; created_by: string; audit_id: string | null }>('SELECT n, created_at, created_by, audit_id FROM public_snapshots ORDER BY n DESC');
  return rows.map((r) => ({ n: r.n, created_at: new Date(r.created_at).toISOString(), created_by: r.created_by, audit_id: r.audit_id === null ? null : Number(r.audit_id) }));
}

/** One file of snapshot `n` (the latest when n is null), or null when there is none. */
export async function snapshotFile(db: Queryable, n: number | null, rel: string): Promise<string | null> {
  const { rows } = await db.query<{ text: string | null }>(
    'SELECT files->>$2 AS text FROM public_snapshots WHERE n = coalesce($1, (SELECT max(n) FROM public_snapshots))', [n, rel]);
  return rows[0]?.text ?? null;
}

