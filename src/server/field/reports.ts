// Field reports: filed from the field page (JSON, or multipart with the photos), checked against their template,
// stored with their photos in one transaction under the sender's Idempotency-Key (a repeat answers the first result
// and stores nothing new), edited on a version (two phones editing one report: 409 with the server's copy), and
// reviewed by an editor: accepting a 监测图斑核查 sets the 图斑's status, accepting a 项目进度核查 changes the project
// through the bureau's audited edit (projects.ts editProject; undone by revertChange if the acceptance then loses a race).
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Polygon } from 'geojson';
import { estimateBoundary } from '../../core/field/boundary-area.ts';
import { sniffPhoto } from '../../core/field/photo-type.ts';
import { checkReportValues, projectEditOf } from '../../core/field/report-check.ts';
import { MAX_PHOTOS, STATUS_OF_VERDICT, templateOf, type PatchVerdict, type ReportTemplate } from '../../core/field/templates.ts';
import { projectLayer } from '../../layers/edit-roles.ts';
import type { Db, Queryable } from '../db.ts';
import { ApiError } from '../errors.ts';
import { editProject, revertChange } from '../projects.ts';
import type { User } from '../users.ts';
import { releasePatches, setPatchStatus } from './patches.ts';
import {
  claimKey, getReportRow, insertPhoto, insertReport, keepPhotos, replacePhoto, listReportRows, photoIdsOf, photoIdsTaken, photosOf, reportExists,
  setReview, storeKeyResult, updateReportContent, type NewPhoto, type NewReport, type PhotoRow, type ReportRow,
} from './reports-data.ts';
import { checkReportBody, type ReportBody, type ReportQuery } from './schemas.ts';
import { closeTask, getTask, openTaskFor, projectTarget, reopenTaskOf, townshipAt } from './tasks-data.ts';

export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;

interface UploadedPhoto {
  name: string;
  bytes: Uint8Array;
}

export interface ReportRequest {
  body: ReportBody;
  files: Map<string, UploadedPhoto>;
}

const bad = (key: Parameters<typeof ApiError.keyed>[1], params: Record<string, string | number> = {}, status = 400) => ApiError.keyed(status, key, params);

/** The report JSON and its photos from a JSON or multipart request (parts: `report`, then one file per photo id). */
export async function readReportRequest(req: FastifyRequest): Promise<ReportRequest> {
  let raw: unknown;
  const files = new Map<string, UploadedPhoto>();
  if (req.isMultipart()) {
    let text: string | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'report') text = String(part.value);
        continue;
      }
      const bytes = new Uint8Array(await part.toBuffer());
      if (files.size >= MAX_PHOTOS) throw bad('field.photo.tooMany', { max: MAX_PHOTOS }, 413);
      files.set(part.fieldname, { name: part.filename || part.fieldname, bytes });
    }
    if (text === null) throw bad('field.report.noReportPart');
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw bad('field.report.badJson', { detail: (e as Error).message });
    }
  } else {
    raw = req.body;
  }
  const problem = checkReportBody(raw);
  if (problem) throw bad('field.invalid', { detail: problem });
  return { body: raw as ReportBody, files };
}

interface Target {
  kind: 'patch' | 'project' | 'stand' | 'none';
  layer: string | null;
  id: string | null;
  name: string;
  township: string | null;
}

/** The report's target, which must exist (a 监测图斑 of the release, a current project feature with a status). */
async function resolveTarget(q: Queryable, dataDir: string | undefined, template: ReportTemplate, body: ReportBody): Promise<Target> {
  const t = body.target;
  if (t.kind !== template.target) throw bad('field.report.targetKind', { template: template.id, want: template.target, got: t.kind });
  if (t.kind === 'patch') {
    const f = releasePatches(dataDir).byId.get(t.id ?? '');
    if (!f) throw bad('field.report.noPatch', { id: t.id ?? '' }, 404);
    return { kind: 'patch', layer: null, id: t.id!, name: String(f.properties.id), township: (f.properties.township_code as string) ?? null };
  }
  if (t.kind === 'project') {
    const layer = projectLayer(t.layer ?? '');
    if (!layer?.progress) throw bad('field.report.noProgressLayer', { layer: t.layer ?? '' });
    const p = await projectTarget(q, layer.id, t.id ?? '');
    if (!p) throw bad('field.report.noProject', { layer: layer.id, id: t.id ?? '' }, 404);
    return { kind: 'project', layer: layer.id, id: t.id!, name: p.name, township: p.township_code };
  }
  if (t.kind === 'stand') {
    // Stands are the release's tiles, not database rows: the id is recorded as the phone read it from the map.
    if (!t.id || !/^[\w.-]{1,120}$/.test(t.id)) throw bad('field.report.noStand', { id: t.id ?? '' });
    return { kind: 'stand', layer: 'stands', id: t.id, name: t.id, township: /^\d{9}-/.test(t.id) ? t.id.slice(0, 9) : null };
  }
  return { kind: 'none', layer: null, id: null, name: '', township: null };
}

/** The boundary's geometry and its estimate, recomputed from the vertices and their accuracies. */
function boundaryOf(body: ReportBody): { geometry: Polygon | null; boundary: Record<string, unknown> | null } {
  const b = body.boundary;
  if (!b) return { geometry: null, boundary: null };
  const ring = b.geometry.coordinates[0];
  if (b.accuracy_m.length !== ring.length - 1) throw bad('field.report.boundary', { field: 'boundary', detail: `accuracy_m has ${b.accuracy_m.length} values for ${ring.length - 1} vertices` });
  const fixes = ring.slice(0, -1).map((p, i) => ({ lon: p[0], lat: p[1], accuracy: b.accuracy_m[i], time: 0 }));
  const geometry: Polygon = { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] };
  return { geometry, boundary: { ...estimateBoundary(geometry, fixes), threshold_m: b.threshold_m, rejected: b.rejected } };
}

interface CheckedPhoto {
  meta: ReportBody['photos'][number];
  ord: number;
  upload: NewPhoto | null;
}

/** Every listed photo is either uploaded now (and really an image) or already stored; no upload goes unlisted. */
function checkPhotos(body: ReportBody, files: Map<string, UploadedPhoto>, stored: Set<string>): CheckedPhoto[] {
  const listed = new Set(body.photos.map((p) => p.id));
  for (const [id, f] of files) if (!listed.has(id)) throw bad('field.photo.unlisted', { file: f.name });
  return body.photos.map((meta, ord) => {
    const f = files.get(meta.id);
    if (!f) {
      if (!stored.has(meta.id)) throw bad('field.photo.missing', { id: meta.id });
      return { meta, ord, upload: null };
    }
    if (f.bytes.length > PHOTO_MAX_BYTES) throw bad('field.photo.tooLarge', { file: f.name, max: PHOTO_MAX_BYTES / 1024 / 1024 }, 413);
    const sniffed = sniffPhoto(f.bytes);
    if (!sniffed) throw bad('field.photo.notImage', { file: f.name }, 415);
    return {
      meta, ord,
      upload: {
        id: meta.id, ord, name: meta.name, mime: sniffed.type, bytes: f.bytes, size: f.bytes.length, width: sniffed.width, height: sniffed.height,
        sha256: createHash('sha256').update(f.bytes).digest('hex'), taken_at: meta.taken_at ?? null, lon: meta.lon ?? null, lat: meta.lat ?? null,
      },
    };
  });
}

/** Hash of what was sent: the same key with a different report is refused, not answered with another's result. */
function requestHash(method: string, body: ReportBody, files: Map<string, UploadedPhoto>): string {
  const h = createHash('sha256').update(method).update('\0').update(JSON.stringify(body));
  for (const id of [...files.keys()].sort()) h.update('\0').update(id).update(createHash('sha256').update(files.get(id)!.bytes).digest());
  return h.digest('hex');
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

export interface Filed {
  status: number;
  report: unknown;
  replayed: boolean;
}

async function prepare(q: Queryable, dataDir: string | undefined, user: User, body: ReportBody, files: Map<string, UploadedPhoto>, storedPhotos: Set<string>) {
  const template = templateOf(body.template)!;
  const target = await resolveTarget(q, dataDir, template, body);
  const { geometry, boundary } = boundaryOf(body);
  const photos = checkPhotos(body, files, storedPhotos);
  const projectDef = target.kind === 'project' ? projectLayer(target.layer!) : undefined;
  const problem = checkReportValues(template, body.values, { projectLayer: projectDef, photoCount: photos.length, boundary: geometry });
  if (problem) throw ApiError.keyed(400, problem.key, problem.params, { field: problem.field });
  const township = target.township ?? (body.position ? await townshipAt(q, body.position.lon, body.position.lat) : null);
  const content = {
    answers: body.values, geometry, boundary,
    lon: body.position?.lon ?? null, lat: body.position?.lat ?? null, accuracy: body.position?.accuracy ?? null,
    made_at: body.made_at && !Number.isNaN(Date.parse(body.made_at)) ? new Date(body.made_at).toISOString() : null,
  };
  void user;
  return { template, target, photos, township, content };
}

/** POST /api/reports. */
export async function fileReport(db: Db, dataDir: string | undefined, user: User, key: string, request: ReportRequest): Promise<Filed> {
  const { body, files } = request;
  const hash = requestHash('POST', body, files);
  const taken = await photoIdsTaken(db, body.photos.map((p) => p.id), body.id);
  if (taken.length) throw bad('field.report.exists', { id: taken[0] }, 409);
  const prepared = await prepare(db, dataDir, user, body, files, new Set());
  let taskId = body.task_id ?? null;
  if (taskId) {
    const task = await getTask(db, taskId);
    if (!task || (task.assignee !== user.username && user.role !== 'editor')) throw bad('field.report.taskNotYours', { id: taskId }, 403);
    if (task.target_kind !== prepared.target.kind || task.target_id !== prepared.target.id || (task.target_layer ?? null) !== (prepared.target.kind === 'project' ? prepared.target.layer : null)) {
      throw bad('field.report.taskTarget', { id: taskId });
    }
  } else if (prepared.target.kind === 'patch' || prepared.target.kind === 'project') {
    taskId = await openTaskFor(db, user.username, prepared.target.kind, prepared.target.kind === 'project' ? prepared.target.layer : null, prepared.target.id!);
  }
  return db.tx(async (q) => {
    const before = await claimKey(q, user.username, key, hash);
    if (before) {
      if (before.request_hash !== hash) throw bad('field.idempotency.mismatch', {}, 422);
      if (before.status === null) throw bad('field.idempotency.pending', {}, 409);
      return { status: before.status, report: before.response, replayed: true };
    }
    if (await reportExists(q, body.id)) throw bad('field.report.exists', { id: body.id }, 409);
    const row: NewReport = {
      id: body.id, template: body.template, target_kind: prepared.target.kind, target_layer: prepared.target.layer, target_id: prepared.target.id,
      target_name: prepared.target.name, task_id: taskId, author: user.username, township_code: prepared.township, ...prepared.content,
    };
    await insertReport(q, row);
    for (const p of prepared.photos) if (p.upload) await insertPhoto(q, body.id, p.upload);
    if (taskId) await closeTask(q, taskId, body.id);
    const report = await reportOut(q, body.id);
    await storeKeyResult(q, user.username, key, 201, report);
    return { status: 201, report, replayed: false };
  });
}

/** PUT /api/reports/:id: a new version of the content on the version it was made on; 409 with the current copy. */
export async function editReport(db: Db, dataDir: string | undefined, user: User, id: string, key: string | null, request: ReportRequest): Promise<Filed> {
  const { body, files } = request;
  if (body.id !== id) throw bad('field.invalid', { detail: `/id: the report's id is ${id}` });
  if (body.version === undefined) throw bad('field.report.version');
  const current = await getReportRow(db, id);
  if (!current) throw bad('field.report.notFound', { id }, 404);
  if (current.author !== user.username && user.role !== 'editor') throw bad('field.report.notYours', {}, 403);
  if (current.status === 'accepted') throw bad('field.report.reviewed', { id }, 409);
  const stored = await photoIdsOf(db, id);
  const taken = await photoIdsTaken(db, body.photos.map((p) => p.id), id);
  if (taken.length) throw bad('field.report.exists', { id: taken[0] }, 409);
  const prepared = await prepare(db, dataDir, user, body, files, stored);
  const hash = requestHash('PUT', body, files);
  return db.tx(async (q) => {
    if (key) {
      const before = await claimKey(q, user.username, key, hash);
      if (before) {
        if (before.request_hash !== hash) throw bad('field.idempotency.mismatch', {}, 422);
        return { status: before.status ?? 200, report: before.response, replayed: true };
      }
    }
    const ok = await updateReportContent(q, id, body.version!, prepared.content, user.username);
    if (!ok) {
      const now = await reportOut(q, id);
      throw ApiError.keyed(409, 'field.report.conflict', { id, version: (now as { version: number }).version }, { current: now });
    }
    // The phone sends every photo of an edit again, those already stored too: they replace the stored bytes.
    for (const p of prepared.photos) if (p.upload) await (stored.has(p.meta.id) ? replacePhoto(q, id, p.upload) : insertPhoto(q, id, p.upload));
    await keepPhotos(q, id, prepared.photos.map((p) => ({ id: p.meta.id, ord: p.ord, name: p.meta.name, taken_at: p.meta.taken_at ?? null, lon: p.meta.lon ?? null, lat: p.meta.lat ?? null })));
    // A returned report sent again closes its task again.
    if (current.task_id) await closeTask(q, current.task_id, id);
    const report = await reportOut(q, id);
    if (key) await storeKeyResult(q, user.username, key, 200, report);
    return { status: 200, report, replayed: false };
  });
}

/** POST /api/reports/:id/review (editors): accept (applies the finding) or return with a comment. */
export async function reviewReport(db: Db, editor: User, id: string, decision: 'accept' | 'return', version: number, comment: string | undefined) {
  const text = comment?.trim() ?? '';
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/.test(text)) throw ApiError.keyed(400, 'field.report.textChars', { field: 'comment' }, { field: 'comment' });
  const row = await getReportRow(db, id);
  if (!row) throw bad('field.report.notFound', { id }, 404);
  if (row.status !== 'submitted') throw bad('field.report.notSubmitted', { id, status: row.status }, 409);
  if (row.version !== version) throw ApiError.keyed(409, 'field.report.conflict', { id, version: row.version }, { current: await reportOut(db, id) });
  if (decision === 'return') {
    if (!text) throw ApiError.keyed(400, 'field.report.commentRequired', {}, { field: 'comment' });
    return db.tx(async (q) => {
      if (!(await setReview(q, id, version, 'returned', text, editor.username, null))) throw ApiError.keyed(409, 'field.report.conflict', { id, version: row.version + 1 }, { current: await reportOut(q, id) });
      await reopenTaskOf(q, id);
      return reportOut(q, id);
    });
  }
  // A project check changes the project first, through the audited edit (it has its own transaction and rules).
  let audit: number | null = null;
  if (row.template === 'project-progress') {
    const layer = projectLayer(row.target_layer ?? '');
    if (!layer) throw bad('field.report.noProgressLayer', { layer: row.target_layer ?? '' });
    const changed = await editProject(db, editor, layer.id, row.target_id!, projectEditOf(row.answers, layer)) as { audit: number };
    audit = changed.audit;
  }
  try {
    return await db.tx(async (q) => {
      let applied: Record<string, unknown> | null = null;
      if (row.template === 'patch-check') {
        const status = STATUS_OF_VERDICT[row.answers.verdict as PatchVerdict];
        await setPatchStatus(q, row.target_id!, status, id, editor.username);
        applied = { patch_status: status };
      } else if (audit !== null) {
        applied = { project_audit: audit };
      }
      if (!(await setReview(q, id, version, 'accepted', text || null, editor.username, applied))) {
        throw ApiError.keyed(409, 'field.report.conflict', { id, version: row.version + 1 }, { current: await reportOut(q, id) });
      }
      return reportOut(q, id);
    });
  } catch (e) {
    // Another editor reviewed it meanwhile: the project change made for this acceptance is undone (a new audited change).
    if (audit !== null) await revertChange(db, editor, String(audit)).catch(() => undefined);
    throw e;
  }
}

export function photoUrl(reportId: string, photoId: string): string {
  return `/api/reports/${encodeURIComponent(reportId)}/photos/${encodeURIComponent(photoId)}`;
}

function toApi(r: ReportRow, photos: PhotoRow[]) {
  return {
    id: r.id,
    template: r.template,
    target: { kind: r.target_kind, layer: r.target_layer, id: r.target_id, name: r.target_name },
    task_id: r.task_id,
    author: r.author,
    values: r.answers,
    boundary: r.geometry ? { geometry: JSON.parse(r.geometry), ...(r.boundary ?? {}) } : null,
    position: r.lon === null || r.lat === null ? null : { lon: r.lon, lat: r.lat, accuracy: r.accuracy },
    township_code: r.township_code,
    status: r.status,
    version: r.version,
    review: r.reviewed_by ? { by: r.reviewed_by, at: r.reviewed_at, comment: r.review_comment } : null,
    applied: r.applied,
    photos: photos.filter((p) => p.report_id === r.id).map((p) => ({
      id: p.id, name: p.name, type: p.mime, size: p.size, width: p.width, height: p.height, sha256: p.sha256,
      taken_at: p.taken_at, lon: p.lon, lat: p.lat, url: photoUrl(r.id, p.id),
    })),
    made_at: r.made_at,
    created: r.created_at,
    updated: r.updated_at,
    updated_by: r.updated_by,
  };
}
export type ReportOut = ReturnType<typeof toApi>;

export async function reportOut(q: Queryable, id: string): Promise<ReportOut> {
  const row = await getReportRow(q, id);
  if (!row) throw bad('field.report.notFound', { id }, 404);
  return toApi(row, await photosOf(q, [id]));
}

export async function listReports(q: Queryable, filter: ReportQuery, user: User): Promise<ReportOut[]> {
  const rows = await listReportRows(q, filter, user.username);
  const photos = await photosOf(q, rows.map((r) => r.id));
  return rows.map((r) => toApi(r, photos));
}
