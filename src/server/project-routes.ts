// Routes of the project layers and their audit trail. Sign-in and CSRF are checked by app.ts's onRequest hook for every
// /api call; the editor role is checked by every changing function in projects.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from './db.ts';
import { createProject, editProject, listAudit, listProjects, revertChange, setRetired } from './projects.ts';
import type { User } from './users.ts';

export function registerProjectRoutes(app: FastifyInstance, db: Db): void {
  const user = (req: FastifyRequest): User => req.session!.user;
  type P = { layer: string; id: string };
  app.get('/api/projects/:layer', async (req) => {
    const q = req.query as { retired?: string };
    return listProjects(db, (req.params as P).layer, q.retired === '1' || q.retired === 'true');
  });
  app.post('/api/projects/:layer', async (req, reply) => reply.code(201).send(await createProject(db, user(req), (req.params as P).layer, req.body)));
  app.patch('/api/projects/:layer/:id', async (req) => editProject(db, user(req), (req.params as P).layer, (req.params as P).id, req.body));
  app.delete('/api/projects/:layer/:id', async (req) => setRetired(db, user(req), (req.params as P).layer, (req.params as P).id, true));
  app.post('/api/projects/:layer/:id/unretire', async (req) => setRetired(db, user(req), (req.params as P).layer, (req.params as P).id, false));
  app.get('/api/audit', async (req) => ({ changes: await listAudit(db, req.query as Record<string, string>) }));
  app.post('/api/audit/:id/revert', async (req) => revertChange(db, user(req), (req.params as { id: string }).id));
}
