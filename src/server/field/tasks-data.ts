// Every SQL statement of field tasks and of the lookups a task or report needs (users, project features).
import type { Queryable } from '../db.ts';
import type { Role } from '../users.ts';

export interface TaskRow {
  id: string;
  target_kind: 'patch' | 'project';
  target_layer: string | null;
  target_id: string;
  target_name: string;
  township_code: string | null;
  lon: number | null;
  lat: number | null;
  assignee: string;
  due: string | null;
  note: string;
  status: 'open' | 'done' | 'cancelled';
  report_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const COLS = `id, target_kind, target_layer, target_id, target_name, township_code, lon, lat, assignee, to_char(due, 'YYYY-MM-DD') AS due,
  note, status, report_id, created_by, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`;

export type NewTask = Omit<TaskRow, 'status' | 'report_id' | 'created_at' | 'updated_at'>;

export async function insertTask(q: Queryable, t: NewTask): Promise<void> {
  await q.query(
    `INSERT INTO field_tasks (id, target_kind, target_layer, target_id, target_name, township_code, lon, lat, assignee, due, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $12)`,
    [t.id, t.target_kind, t.target_layer, t.target_id, t.target_name, t.township_code, t.lon, t.lat, t.assignee, t.due, t.note, t.created_by]);
}

export async function getTask(q: Queryable, id: string, lock = false): Promise<TaskRow | null> {
  const { rows } = await q.query<TaskRow>(`SELECT ${COLS} FROM field_tasks WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function listTaskRows(q: Queryable, f: { assignee: string | null; status: string | null; township: string | null }): Promise<TaskRow[]> {
  const { rows } = await q.query<TaskRow>(
    `SELECT ${COLS} FROM field_tasks
     WHERE ($1::text IS NULL OR assignee = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR township_code = $3)
     ORDER BY (status = 'open') DESC, due NULLS LAST, created_at, id LIMIT 5000`,
    [f.assignee, f.status, f.township]);
  return rows;
}

export async function updateTask(q: Queryable, id: string, change: { status?: string; assignee?: string; due?: string | null; note?: string }): Promise<void> {
  await q.query(
    `UPDATE field_tasks SET status = coalesce($2, status), assignee = coalesce($3, assignee),
       due = CASE WHEN $4::boolean THEN $5::date ELSE due END, note = coalesce($6, note), updated_at = now()
     WHERE id = $1`,
    [id, change.status ?? null, change.assignee ?? null, 'due' in change, change.due ?? null, change.note ?? null]);
}

/** A report was filed for the task: it is done, and remembers the report. */
export async function closeTask(q: Queryable, id: string, reportId: string): Promise<void> {
  await q.query("UPDATE field_tasks SET status = 'done', report_id = $2, updated_at = now() WHERE id = $1 AND status = 'open'", [id, reportId]);
}

/** The report was returned: its task is open again. */
export async function reopenTaskOf(q: Queryable, reportId: string): Promise<void> {
  await q.query("UPDATE field_tasks SET status = 'open', updated_at = now() WHERE report_id = $1 AND status = 'done'", [reportId]);
}

/** The open task of this user for this target (a report filed without naming its task still closes it). */
export async function openTaskFor(q: Queryable, assignee: string, kind: string, layer: string | null, targetId: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM field_tasks WHERE assignee = $1 AND status = 'open' AND target_kind = $2 AND coalesce(target_layer, '') = coalesce($3, '') AND target_id = $4
     ORDER BY due NULLS LAST, created_at LIMIT 1`, [assignee, kind, layer, targetId]);
  return rows[0]?.id ?? null;
}

export async function userRole(q: Queryable, username: string): Promise<Role | null> {
  const { rows } = await q.query<{ role: Role }>('SELECT role FROM users WHERE username = $1', [username]);
  return rows[0]?.role ?? null;
}

export interface ProjectTarget {
  name: string;
  township_code: string | null;
  lon: number | null;
  lat: number | null;
}

/** A current (not retired) project feature: its name, township and the centre of its box. */
export async function projectTarget(q: Queryable, layer: string, id: string): Promise<ProjectTarget | null> {
  const { rows } = await q.query<ProjectTarget>(
    `SELECT coalesce(props->>'name', feature_id) AS name, props->>'township_code' AS township_code,
            ST_X(ST_Centroid(ST_Envelope(geom))) AS lon, ST_Y(ST_Centroid(ST_Envelope(geom))) AS lat
     FROM project_features WHERE layer = $1 AND feature_id = $2 AND NOT retired`, [layer, id]);
  return rows[0] ?? null;
}

/** The township (code) holding a point, from the project layers' township outlines. */
export async function townshipAt(q: Queryable, lon: number, lat: number): Promise<string | null> {
  const { rows } = await q.query<{ code: string }>(
    `SELECT feature_id AS code FROM project_features WHERE layer = 'townships' AND NOT retired
       AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490)) LIMIT 1`, [lon, lat]);
  return rows[0]?.code ?? null;
}
