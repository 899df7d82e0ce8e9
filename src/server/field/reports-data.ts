// Every SQL statement of field reports, their photos and the idempotency keys (the rules are in reports.ts).
import type { Geometry } from 'geojson';
import type { Queryable } from '../db.ts';
import type { ReportQuery } from './schemas.ts';

export interface PhotoRow {
  id: string;
  report_id: string;
  ord: number;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  taken_at: string | null;
  lon: number | null;
  lat: number | null;
}

export interface ReportRow {
  id: string;
  template: string;
  target_kind: string;
  target_layer: string | null;
  target_id: string | null;
  target_name: string;
  task_id: string | null;
  author: string;
  answers: Record<string, string | number | null>;
  geometry: string | null;
  boundary: Record<string, unknown> | null;
  lon: number | null;
  lat: number | null;
  accuracy: number | null;
  township_code: string | null;
  status: 'submitted' | 'accepted' | 'returned';
  version: number;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  applied: Record<string, unknown> | null;
  made_at: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const REPORT_COLS = `id, template, target_kind, target_layer, target_id, target_name, task_id, author, answers,
  ST_AsGeoJSON(geom) AS geometry, boundary, lon, lat, accuracy, township_code, status, version, review_comment, reviewed_by,
  ${iso('reviewed_at')} AS reviewed_at, applied, ${iso('made_at')} AS made_at, ${iso('created_at')} AS created_at,
  ${iso('updated_at')} AS updated_at, updated_by`;

const PHOTO_COLS = 'id, report_id, ord, name, mime, size, width, height, sha256, taken_at, lon, lat';

export interface NewReport {
  id: string;
  template: string;
  target_kind: string;
  target_layer: string | null;
  target_id: string | null;
  target_name: string;
  task_id: string | null;
  author: string;
  answers: Record<string, unknown>;
  geometry: Geometry | null;
  boundary: Record<string, unknown> | null;
  lon: number | null;
  lat: number | null;
  accuracy: number | null;
  township_code: string | null;
  made_at: string | null;
}

export interface NewPhoto {
  id: string;
  ord: number;
  name: string;
  mime: string;
  bytes: Uint8Array;
  size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  taken_at: string | null;
  lon: number | null;
  lat: number | null;
}

export async function reportExists(q: Queryable, id: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM field_reports WHERE id = $1', [id]);
  return rows.length > 0;
}

export async function insertReport(q: Queryable, r: NewReport): Promise<void> {
  await q.query(
    `INSERT INTO field_reports (id, template, target_kind, target_layer, target_id, target_name, task_id, author, answers, geom, boundary,
       lon, lat, accuracy, township_code, made_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb,
       CASE WHEN $10::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($10::text), 4490) END, $11::jsonb,
       $12, $13, $14, $15, $16::timestamptz, $8)`,
    [r.id, r.template, r.target_kind, r.target_layer, r.target_id, r.target_name, r.task_id, r.author, JSON.stringify(r.answers),
      r.geometry ? JSON.stringify(r.geometry) : null, r.boundary ? JSON.stringify(r.boundary) : null, r.lon, r.lat, r.accuracy, r.township_code, r.made_at]);
}

/** A new version of a report's content (answers, boundary, position) on `version`; null when the version moved. */
export async function updateReportContent(q: Queryable, id: string, version: number, r: Pick<NewReport, 'answers' | 'geometry' | 'boundary' | 'lon' | 'lat' | 'accuracy' | 'made_at'>, username: string): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE field_reports SET answers = $3::jsonb,
       geom = CASE WHEN $4::text IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4490) END, boundary = $5::jsonb,
       lon = $6, lat = $7, accuracy = $8, made_at = coalesce($9::timestamptz, made_at),
       status = 'submitted', version = version + 1, updated_at = now(), updated_by = $10
     WHERE id = $1 AND version = $2 AND status <> 'accepted' RETURNING 1`,
    [id, version, JSON.stringify(r.answers), r.geometry ? JSON.stringify(r.geometry) : null, r.boundary ? JSON.stringify(r.boundary) : null,
      r.lon, r.lat, r.accuracy, r.made_at, username]);
  return rows.length > 0;
}

export async function insertPhoto(q: Queryable, reportId: string, p: NewPhoto): Promise<void> {
  await q.query(
    `INSERT INTO field_photos (id, report_id, ord, name, mime, bytes, size, width, height, sha256, taken_at, lon, lat)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [p.id, reportId, p.ord, p.name, p.mime, Buffer.from(p.bytes), p.size, p.width, p.height, p.sha256, p.taken_at, p.lon, p.lat]);
}

/** A photo of this report sent again (an edit from the phone carries its photos): the new bytes replace the stored. */
export async function replacePhoto(q: Queryable, reportId: string, p: NewPhoto): Promise<void> {
  await q.query('DELETE FROM field_photos WHERE report_id = $1 AND id = $2', [reportId, p.id]);
  await insertPhoto(q, reportId, p);
}

/** Keeps the listed photos (in this order, with the metadata sent) and deletes the others of the report. */
export async function keepPhotos(q: Queryable, reportId: string, keep: { id: string; ord: number; name: string; taken_at: string | null; lon: number | null; lat: number | null }[]): Promise<void> {
  await q.query('DELETE FROM field_photos WHERE report_id = $1 AND NOT (id = ANY ($2::text[]))', [reportId, keep.map((p) => p.id)]);
  for (const p of keep) {
    await q.query('UPDATE field_photos SET ord = $3, name = $4, taken_at = $5, lon = $6, lat = $7 WHERE report_id = $1 AND id = $2', [reportId, p.id, p.ord, p.name, p.taken_at, p.lon, p.lat]);
  }
}

export async function photoIdsOf(q: Queryable, reportId: string): Promise<Set<string>> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM field_photos WHERE report_id = $1', [reportId]);
  return new Set(rows.map((r) => r.id));
}

/** Photo ids already used by another report (ids are global). */
export async function photoIdsTaken(q: Queryable, ids: string[], reportId: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM field_photos WHERE id = ANY ($1::text[]) AND report_id <> $2', [ids, reportId]);
  return rows.map((r) => r.id);
}

export async function getReportRow(q: Queryable, id: string, lock = false): Promise<ReportRow | null> {
  const { rows } = await q.query<ReportRow>(`SELECT ${REPORT_COLS} FROM field_reports WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function photosOf(q: Queryable, reportIds: string[]): Promise<PhotoRow[]> {
  if (!reportIds.length) return [];
  const { rows } = await q.query<PhotoRow>(`SELECT ${PHOTO_COLS} FROM field_photos WHERE report_id = ANY ($1::text[]) ORDER BY report_id, ord, id`, [reportIds]);
  return rows;
}

export async function photoBytes(q: Queryable, reportId: string, photoId: string): Promise<{ mime: string; bytes: Buffer; sha256: string } | null> {
  const { rows } = await q.query<{ mime: string; bytes: Buffer | Uint8Array; sha256: string }>('SELECT mime, bytes, sha256 FROM field_photos WHERE report_id = $1 AND id = $2', [reportId, photoId]);
  const r = rows[0];
  return r ? { mime: r.mime, bytes: Buffer.from(r.bytes), sha256: r.sha256 } : null;
}

export async function listReportRows(q: Queryable, f: ReportQuery, username: string): Promise<ReportRow[]> {
  const { rows } = await q.query<ReportRow>(
    `SELECT ${REPORT_COLS} FROM field_reports
     WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR author = $2) AND ($3::text IS NULL OR township_code = $3)
       AND ($4::text IS NULL OR template = $4) AND ($5::text IS NULL OR target_id = $5) AND ($6::text IS NULL OR task_id = $6)
       AND ($7::date IS NULL OR created_at >= $7::date) AND ($8::date IS NULL OR created_at < $8::date + 1)
     ORDER BY created_at DESC, id LIMIT 5000`,
    [f.status ?? null, f.mine ? username : f.person ?? f.author ?? null, f.township ?? null, f.template ?? null, f.target ?? null, f.task ?? null, f.date ?? f.from ?? null, f.date ?? f.to ?? null]);
  return rows;
}

export async function setReview(q: Queryable, id: string, version: number, status: 'accepted' | 'returned', comment: string | null, username: string, applied: Record<string, unknown> | null): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE field_reports SET status = $3, review_comment = $4, reviewed_by = $5, reviewed_at = now(), applied = $6::jsonb,
       version = version + 1, updated_at = now(), updated_by = $5
     WHERE id = $1 AND version = $2 AND status = 'submitted' RETURNING 1`,
    [id, version, status, comment, username, applied ? JSON.stringify(applied) : null]);
  return rows.length > 0;
}

// --- idempotency ------------------------------------------------------------------------------------------------

/** Claims a key for this request; when it was used before, returns what was stored (same request hash or not). */
export async function claimKey(q: Queryable, username: string, key: string, requestHash: string): Promise<null | { request_hash: string; status: number | null; response: unknown }> {
  const { rows } = await q.query('INSERT INTO field_idempotency (username, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (username, key) DO NOTHING RETURNING 1', [username, key, requestHash]);
  if (rows.length) return null;
  const { rows: old } = await q.query<{ request_hash: string; status: number | null; response: unknown }>('SELECT request_hash, status, response FROM field_idempotency WHERE username = $1 AND key = $2', [username, key]);
  return old[0];
}

export async function storeKeyResult(q: Queryable, username: string, key: string, status: number, response: unknown): Promise<void> {
  await q.query('UPDATE field_idempotency SET status = $3, response = $4::jsonb WHERE username = $1 AND key = $2', [username, key, status, JSON.stringify(response)]);
}
