// Assignments: an editor sends a 监测图斑 or a project to a person (a planner or an editor) with a due date; the field
// page lists that person's open tasks; a report filed for the target closes the task (reports.ts), a returned report
// opens it again, and an editor may cancel or reassign it.
import { randomUUID } from 'node:crypto';
import { projectLayer } from '../../layers/edit-roles.ts';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import type { User } from '../users.ts';
import { releasePatches } from './patches.ts';
import type { TaskBody, TaskPatchBody, TaskQuery } from './schemas.ts';
import { getTask, insertTask, listTaskRows, projectTarget, updateTask, userRole, type TaskRow } from './tasks-data.ts';

const TEXT_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/;

function taskOut(t: TaskRow) {
  return {
    id: t.id,
    target: { kind: t.target_kind, layer: t.target_layer, id: t.target_id, name: t.target_name },
    township_code: t.township_code,
    centre: t.lon === null || t.lat === null ? null : [t.lon, t.lat],
    assignee: t.assignee,
    due: t.due,
    note: t.note,
    status: t.status,
    report_id: t.report_id,
    created_by: t.created_by,
    created: t.created_at,
    updated: t.updated_at,
  };
}
export type TaskOut = ReturnType<typeof taskOut>;

async function checkAssignee(db: Db, name: string): Promise<void> {
  const role = await userRole(db, name);
  if (!role || role === 'viewer') throw ApiError.keyed(400, 'field.task.assignee', { user: name }, { field: 'assignee' });
}

function checkNote(note: string | undefined): string {
  const s = (note ?? '').trim();
  if (TEXT_BAD.test(s)) throw ApiError.keyed(400, 'field.report.textChars', { field: 'note' }, { field: 'note' });
  return s;
}

export async function createTask(db: Db, dataDir: string | undefined, editor: User, body: TaskBody): Promise<TaskOut> {
  const note = checkNote(body.note);
  await checkAssignee(db, body.assignee);
  let target: { layer: string | null; name: string; township: string | null; lon: number | null; lat: number | null };
  if (body.target.kind === 'patch') {
    const f = releasePatches(dataDir).byId.get(body.target.id);
    if (!f) throw ApiError.keyed(404, 'field.task.noTarget', { kind: 'patch', id: body.target.id }, { field: 'target' });
    const p = f.properties;
    target = { layer: null, name: String(p.id), township: (p.township_code as string) ?? null, lon: Number(p.centre_lon) || null, lat: Number(p.centre_lat) || null };
  } else {
    const layer = projectLayer(body.target.layer ?? '');
    if (!layer?.progress) throw ApiError.keyed(400, 'field.report.noProgressLayer', { layer: body.target.layer ?? '' }, { field: 'target' });
    const p = await projectTarget(db, layer.id, body.target.id);
    if (!p) throw ApiError.keyed(404, 'field.task.noTarget', { kind: layer.id, id: body.target.id }, { field: 'target' });
    target = { layer: layer.id, name: p.name, township: p.township_code, lon: p.lon, lat: p.lat };
  }
  const id = `t-${randomUUID()}`;
  await insertTask(db, {
    id, target_kind: body.target.kind, target_layer: target.layer, target_id: body.target.id, target_name: target.name,
    township_code: target.township, lon: target.lon, lat: target.lat, assignee: body.assignee, due: body.due ?? null, note, created_by: editor.username,
  });
  return taskOut((await getTask(db, id))!);
}

export async function listTasks(db: Db, user: User, q: TaskQuery): Promise<TaskOut[]> {
  const assignee = q.assignee === 'me' ? user.username : q.assignee ?? null;
  const status = q.status === 'all' ? null : q.status ?? null;
  return (await listTaskRows(db, { assignee, status, township: q.township ?? null })).map(taskOut);
}

export async function changeTask(db: Db, id: string, body: TaskPatchBody): Promise<TaskOut> {
  const task = await getTask(db, id);
  if (!task) throw ApiError.keyed(404, 'field.task.notFound', { id });
  if (task.status === 'done') throw ApiError.keyed(409, 'field.task.closed', { id });
  if (body.assignee) await checkAssignee(db, body.assignee);
  const change: Parameters<typeof updateTask>[2] = {};
  if (body.status) change.status = body.status;
  if (body.assignee) change.assignee = body.assignee;
  if ('due' in body) change.due = body.due ?? null;
  if (body.note !== undefined) change.note = checkNote(body.note);
  await updateTask(db, id, change);
  return taskOut((await getTask(db, id))!);
}
