// Saved carbon-sink projects (issue 27, docs/carbon-projects.md): the current state in `carbon_projects`, every saved
// state in `carbon_project_versions` — the sites' rules (sites.ts): a save names the version it edited and a stale one
// is refused with 409 and the server's copy; delete is soft (a new version), undone by restoring a version.
// Who may do what (every call checks it): every signed-in user reads every project (a project is the county's, not a
// planner's private draft); planners and editors create, save, delete and restore; viewers read only.
// The body is the project file (format xingguo-carbon-project) as parseProject (src/core/projects/format.ts) accepts
// it, stored with its `id` set to the server's id.
import { randomUUID } from 'node:crypto';
import { parseProject, ProjectFileError, type ProjectFile } from '../core/projects/format.ts';
import type { Db, Queryable } from './db.ts';
import { ApiError } from './errors.ts';
import type { User } from './users.ts';

export interface CarbonProjectOut {
  id: string;
  version: number;
  name: string;
  owner: string;
  deleted: boolean;
  created: number;
  updated: number;
  updated_by: string;
  can_edit: boolean;
  project: ProjectFile;
}

interface Row {
  id: string; version: number; name: string; body: ProjectFile | string; deleted: boolean; created: number; updated: number;
  owner: string; updated_by: string;
}

const SELECT = `SELECT p.id, p.version, p.name, p.body, p.deleted, (extract(epoch FROM p.created_at) * 1000)::float8 AS created,
  (extract(epoch FROM p.updated_at) * 1000)::float8 AS updated, o.username AS owner, u.username AS updated_by
  FROM carbon_projects p JOIN users o ON o.id = p.owner_id JOIN users u ON u.id = p.updated_by`;

const bodyOf = (b: ProjectFile | string): ProjectFile => (typeof b === 'string' ? JSON.parse(b) as ProjectFile : b);

const toOut = (r: Row, user: User): CarbonProjectOut => ({
  id: r.id, version: r.version, name: r.name, owner: r.owner, deleted: r.deleted, created: r.created, updated: r.updated,
  updated_by: r.updated_by, can_edit: user.role !== 'viewer' && !r.deleted, project: bodyOf(r.body),
});

function requireWriter(user: User): void {
  if (user.role === 'viewer') throw ApiError.keyed(403, 'carbonProject.viewerReadOnly');
}

/** The request's `project`, checked by the core's parser; 400 naming the field otherwise. */
export function checkProjectBody(body: unknown): ProjectFile {
  const project = body && typeof body === 'object' && !Array.isArray(body) ? (body as { project?: unknown }).project : undefined;
  if (project === undefined) throw ApiError.keyed(400, 'carbonProject.body', { expected: '{ "project": <project file>, "version": n }' });
  try {
    return parseProject(project);
  } catch (e) {
    if (e instanceof ProjectFileError) throw ApiError.keyed(400, 'carbonProject.invalid', { path: e.field || 'project', problem: e.problem }, { field: e.field });
    throw e;
  }
}

async function readRow(q: Queryable, id: string, lock = false): Promise<Row> {
  // FOR UPDATE cannot lock the joined users rows' nullable side: lock the project row first, then read it joined.
  if (lock) await q.query('SELECT 1 FROM carbon_projects WHERE id = $1 FOR UPDATE', [id]);
  const { rows } = await q.query<Row>(`${SELECT} WHERE p.id = $1`, [id]);
  if (!rows[0]) throw ApiError.keyed(404, 'carbonProject.notFound', { id });
  return rows[0];
}

async function recordVersion(q: Queryable, id: string, author: User, change: 'create' | 'update' | 'delete' | 'restore'): Promise<void> {
  await q.query(
    `INSERT INTO carbon_project_versions (project_id, version, author_id, change, name, body, deleted)
     SELECT id, version, $2, $3, name, body, deleted FROM carbon_projects WHERE id = $1`, [id, author.id, change]);
}

export async function listCarbonProjects(db: Queryable, user: User, includeDeleted = false): Promise<CarbonProjectOut[]> {
  const { rows } = await db.query<Row>(`${SELECT} ${includeDeleted ? '' : 'WHERE NOT p.deleted'} ORDER BY p.created_at, p.id`);
  return rows.map((r) => toOut(r, user));
}

export async function getCarbonProject(db: Queryable, user: User, id: string): Promise<CarbonProjectOut> {
  return toOut(await readRow(db, id), user);
}

export async function createCarbonProject(db: Db, user: User, project: ProjectFile): Promise<CarbonProjectOut> {
  requireWriter(user);
  const id = randomUUID();
  const body = JSON.stringify({ ...project, id });
  return db.tx(async (q) => {
    await q.query(
      `INSERT INTO carbon_projects (id, owner_id, version, name, body, updated_by) VALUES ($1, $2, 1, $3, $4::jsonb, $2)`,
      [id, user.id, project.name, body]);
    await recordVersion(q, id, user, 'create');
    return toOut(await readRow(q, id), user);
  });
}

async function staleCheck(row: Row, user: User, base: unknown): Promise<void> {
  if (base === undefined) throw ApiError.keyed(400, 'carbonProject.versionRequired');
  if (!Number.isInteger(base)) throw ApiError.keyed(400, 'carbonProject.versionNotInteger');
  if (base !== row.version) {
    throw ApiError.keyed(409, 'carbonProject.changedMeanwhile', { name: row.name, by: row.updated_by, version: row.version, base: Number(base) }, { current: toOut(row, user) });
  }
}

export async function updateCarbonProject(db: Db, user: User, id: string, project: ProjectFile, base: unknown): Promise<CarbonProjectOut> {
  requireWriter(user);
  return db.tx(async (q) => {
    const row = await readRow(q, id, true);
    if (row.deleted) throw ApiError.keyed(409, 'carbonProject.deleted', { name: row.name }, { current: toOut(row, user) });
    await staleCheck(row, user, base);
    await q.query(
      `UPDATE carbon_projects SET version = version + 1, name = $2, body = $3::jsonb, updated_at = now(), updated_by = $4 WHERE id = $1`,
      [id, project.name, JSON.stringify({ ...project, id }), user.id]);
    await recordVersion(q, id, user, 'update');
    return toOut(await readRow(q, id), user);
  });
}

export async function deleteCarbonProject(db: Db, user: User, id: string, base: unknown): Promise<CarbonProjectOut> {
  requireWriter(user);
  return db.tx(async (q) => {
    const row = await readRow(q, id, true);
    if (row.deleted) throw ApiError.keyed(409, 'carbonProject.alreadyDeleted', { name: row.name }, { current: toOut(row, user) });
    await staleCheck(row, user, base);
    await q.query('UPDATE carbon_projects SET version = version + 1, deleted = true, updated_at = now(), updated_by = $2 WHERE id = $1', [id, user.id]);
    await recordVersion(q, id, user, 'delete');
    return toOut(await readRow(q, id), user);
  });
}

/** Makes version `version` current again, as a new version (history is never rewritten); undoes a delete too. */
export async function restoreCarbonProject(db: Db, user: User, id: string, version: unknown, base: unknown): Promise<CarbonProjectOut> {
  requireWriter(user);
  if (!Number.isInteger(version)) throw ApiError.keyed(400, 'carbonProject.versionNotInteger');
  return db.tx(async (q) => {
    const row = await readRow(q, id, true);
    await staleCheck(row, user, base);
    const { rows } = await q.query<{ deleted: boolean }>('SELECT deleted FROM carbon_project_versions WHERE project_id = $1 AND version = $2', [id, version]);
    if (!rows[0]) throw ApiError.keyed(404, 'carbonProject.noVersion', { name: row.name, version: Number(version) });
    if (rows[0].deleted) throw ApiError.keyed(400, 'carbonProject.versionIsDeletion', { version: Number(version) });
    await q.query(
      `UPDATE carbon_projects p SET version = p.version + 1, name = v.name, body = v.body, deleted = false, updated_at = now(), updated_by = $3
         FROM carbon_project_versions v WHERE p.id = $1 AND v.project_id = $1 AND v.version = $2`, [id, version, user.id]);
    await recordVersion(q, id, user, 'restore');
    return toOut(await readRow(q, id), user);
  });
}

export interface CarbonProjectVersion { version: number; author: string; time: number; change: string; name: string; deleted: boolean; project: ProjectFile }

export async function carbonProjectHistory(db: Queryable, id: string): Promise<{ id: string; versions: CarbonProjectVersion[] }> {
  await readRow(db, id);
  const { rows } = await db.query<Omit<CarbonProjectVersion, 'project'> & { body: ProjectFile | string }>(
    `SELECT v.version, u.username AS author, (extract(epoch FROM v.created_at) * 1000)::float8 AS time, v.change, v.name, v.deleted, v.body
       FROM carbon_project_versions v JOIN users u ON u.id = v.author_id WHERE v.project_id = $1 ORDER BY v.version DESC`, [id]);
  return { id, versions: rows.map(({ body, ...r }) => ({ ...r, project: bodyOf(body) })) };
}
