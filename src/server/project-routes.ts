// Routes of the project layers, their audit trail and the public snapshots. Sign-in and CSRF are checked by app.ts's
// onRequest hook for every /api call; the editor role is checked by every changing function (projects.ts, publish.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PROJECT_LAYERS } from '../core/plan/project-edit.ts';
import type { Db } from './db.ts';
import { ApiError } from './errors.ts';
import { createProject, editProject, listAudit, listProjects, revertChange, setRetired } from './projects.ts';
import { listSnapshots, publish, snapshotFile } from './publish.ts';
import type { User } from './users.ts';

export function registerProjectRoutes(app: FastifyInstance, db: Db, dataDir: string | undefined): void {
  const user = (req: FastifyRequest): User => req.session!.user;
  type P = { layer: string; id: string };
  app.get('/api/projects', async () => ({ layers: PROJECT_LAYERS }));
  app.get('/api/projects/:layer', async (req) => {
    const q = req.query as { retired?: string };
    return listProjects(db, (req.params as P).layer, q.retired === '1' || q.retired === 'true');
  });
  app.post('/api/projects/:layer', async (req, reply) => reply.code(201).send(await createProject(db, user(req), (req.params as P).layer, req.body)));
  app.patch('/api/projects/:layer/:id', async (req) => editProject(db, user(req), (req.params as P).layer, (req.params as P).id, req.body));
  app.delete('/api/projects/:layer/:id', async (req) => setRetired(db, user(req), (req.params as P).layer, (req.params as P).id, true, req.body));
  app.post('/api/projects/:layer/:id/unretire', async (req) => setRetired(db, user(req), (req.params as P).layer, (req.params as P).id, false, req.body));
  app.get('/api/audit', async (req) => ({ changes: await listAudit(db, req.query as Record<string, string>) }));
  app.post('/api/audit/:id/revert', async (req) => revertChange(db, user(req), (req.params as { id: string }).id, req.body));

  app.post('/api/publish', async (req, reply) => {
    if (user(req).role !== 'editor') throw ApiError.keyed(403, 'publish.editorOnly');
    if (!dataDir) throw ApiError.keyed(503, 'publish.noDataFolder');
    return reply.code(201).send(await publish(db, user(req), dataDir));
  });
  app.get('/api/public-snapshots', async () => ({ snapshots: await listSnapshots(db) }));
  app.get('/api/public-snapshots/:n', async (req) => {
    const n = (req.params as { n: string }).n;
    if (!/^\d{1,9}$/.test(n)) throw ApiError.keyed(400, 'snapshot.numberInvalid');
    const meta = (await listSnapshots(db)).find((s) => s.n === Number(n));
    if (!meta) throw ApiError.keyed(404, 'snapshot.notFound', { n });
    const plan = await snapshotFile(db, meta.n, 'public/plan-progress.json');
    return { ...meta, files: ['public/township-stats.geojson', 'public/projects.geojson', 'public/plan-progress.json', 'public/neighbours.geojson'].map((f) => `/api/public-snapshots/${meta.n}/${f}`), plan_progress: plan ? JSON.parse(plan) : null };
  });
  app.get('/api/public-snapshots/:n/*', async (req, reply) => {
    const p = req.params as { n: string; '*': string };
    if (!/^\d{1,9}$/.test(p.n)) throw ApiError.keyed(400, 'snapshot.numberInvalid');
    const text = await snapshotFile(db, Number(p.n), p['*']);
    if (text === null) throw ApiError.keyed(404, 'snapshot.noFile', { file: p['*'], n: p.n });
    return reply.type(p['*'].endsWith('.json') ? 'application/json' : 'application/geo+json').send(text);
  });
}

/** The current state of a project layer for the bureau page's data/<file> (null: not a project layer, or none loaded). */
export async function liveProjectFile(db: Db, url: string): Promise<string | null> {
  const m = url.match(/^\/data\/([a-z-]+\.geojson)$/);
  const layer = m && PROJECT_LAYERS.find((l) => l.file === m[1]);
  if (!layer) return null;
  const { rows } = await db.query('SELECT 1 FROM project_releases LIMIT 1');
  if (!rows.length) return null;
  return JSON.stringify(await listProjects(db, layer.id));
}

/** The latest public snapshot's file for the public page's data/public/<file> (null: nothing published yet). */
export async function livePublicFile(db: Db, url: string): Promise<string | null> {
  const m = url.match(/^\/public\/data\/(public\/[a-z-]+\.(?:geo)?json)$/);
  return m ? snapshotFile(db, null, m[1]) : null;
}
