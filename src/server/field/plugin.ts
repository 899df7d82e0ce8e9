// The field work's API as one Fastify plugin (the shape issue 23 asks of every resource): TypeBox schemas on the
// routes (validation errors answered as keyed messages), the role each route needs declared in its config and checked
// by this plugin's one preHandler, SQL only in the *-data.ts modules, multipart for photos in this scope only.
// Sign-in and CSRF are checked for every /api call by app.ts's onRequest hook before any of this runs.
//
// Roles (no new role): planners and editors file and edit their reports (field staff get planner accounts); editors
// assign tasks and accept or return reports; viewers read tasks, reports and photos but send nothing.
import multipart from '@fastify/multipart';
import { TypeBoxValidatorCompiler, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_PHOTOS } from '../../core/field/templates.ts';
import { reportsToCsv, reportsToShapefileZip, type ExportReport } from '../../core/field/report-export.ts';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import type { Role } from '../users.ts';
import { offlinePlan, parseBox } from './offline-plan.ts';
import { patchSheet } from './patch-sheet.ts';
import { listPatchStatuses, patchesWithStatus, patchStatusOf, setPatchStatus } from './patches.ts';
import { photoBytes } from './reports-data.ts';
import { editReport, fileReport, IDEMPOTENCY_KEY, listReports, PHOTO_MAX_BYTES, readReportRequest, reportOut, reviewReport, type ReportOut } from './reports.ts';
import { IdempotencyHeaders, IdParams, OfflinePlanQuery, PatchQuery, PatchStatusBody, PhotoParams, plainProblem, ReportQuery, ReviewBody, TaskBody, TaskPatchBody, TaskQuery } from './schemas.ts';
import { changeTask, createTask, listTasks } from './tasks.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The roles that may call the route (checked by the field plugin's preHandler); absent: any signed-in user. */
    roles?: readonly Role[];
  }
}

export interface FieldPluginOptions {
  db: Db;
  /** The active data release (its monitoring-patches.geojson). */
  dataDir?: string;
  /** The served build's data folder (dist/data): sizes of the files an offline area downloads. */
  servedDataDir?: string;
}

const FILERS: readonly Role[] = ['planner', 'editor'];
const EDITORS: readonly Role[] = ['editor'];

export const fieldPlugin: FastifyPluginAsyncTypebox<FieldPluginOptions> = async (app, { db, dataDir, servedDataDir }) => {
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  await app.register(multipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: MAX_PHOTOS, fields: 4, fieldSize: 4 * 1024 * 1024, parts: MAX_PHOTOS + 4 } });

  app.addHook('preHandler', async (req) => {
    const roles = req.routeOptions.config.roles;
    const role = req.session?.user.role;
    if (roles && (!role || !roles.includes(role))) throw ApiError.keyed(403, 'field.role', { role: role ?? '—', roles: roles.join(' / ') });
  });

  app.setErrorHandler((err: Error & { validation?: { instancePath?: string; message?: string }[]; validationContext?: string; code?: string; statusCode?: number }, _req, reply) => {
    if (err instanceof ApiError) throw err;
    if (err.validation) {
      const v = err.validation[0];
      const where = `${err.validationContext ?? ''}${v?.instancePath ?? ''}`;
      throw ApiError.keyed(400, 'field.invalid', { detail: `${where}: ${plainProblem(v?.message ?? err.message)}` });
    }
    if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT') throw ApiError.keyed(413, 'field.photo.tooMany', { max: MAX_PHOTOS });
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw ApiError.keyed(413, 'field.photo.tooLarge', { file: '', max: PHOTO_MAX_BYTES / 1024 / 1024 });
    void reply;
    throw err;
  });

  const user = (req: { session: { user: { id: number; username: string; role: Role } } | null }) => req.session!.user;

  function idempotencyKey(value: string | undefined, required: boolean): string | null {
    if (value === undefined || value === '') {
      if (required) throw ApiError.keyed(428, 'field.idempotency.missing');
      return null;
    }
    if (!IDEMPOTENCY_KEY.test(value)) throw ApiError.keyed(400, 'field.idempotency.bad');
    return value;
  }

  // --- reports ---------------------------------------------------------------------------------------------------
  app.post('/api/reports', { schema: { headers: IdempotencyHeaders }, config: { roles: FILERS } }, async (req, reply) => {
    const key = idempotencyKey(req.headers['idempotency-key'], true)!;
    const filed = await fileReport(db, dataDir, user(req), key, await readReportRequest(req));
    if (filed.replayed) reply.header('Idempotency-Replayed', 'true');
    return reply.code(filed.status).send(filed.report);
  });

  app.get('/api/reports', { schema: { querystring: ReportQuery } }, async (req) => ({ reports: await listReports(db, req.query, user(req)), time: Date.now() }));

  app.get('/api/reports/:id', { schema: { params: IdParams } }, async (req) => reportOut(db, req.params.id));

  app.put('/api/reports/:id', { schema: { params: IdParams, headers: IdempotencyHeaders }, config: { roles: FILERS } }, async (req, reply) => {
    const key = idempotencyKey(req.headers['idempotency-key'], false);
    const filed = await editReport(db, dataDir, user(req), req.params.id, key, await readReportRequest(req));
    if (filed.replayed) reply.header('Idempotency-Replayed', 'true');
    return reply.code(filed.status).send(filed.report);
  });

  app.post('/api/reports/:id/review', { schema: { params: IdParams, body: ReviewBody }, config: { roles: EDITORS } }, async (req) =>
    reviewReport(db, user(req), req.params.id, req.body.decision, req.body.version, req.body.comment));

  app.get('/api/reports/:id/photos/:photo', { schema: { params: PhotoParams } }, async (req, reply) => {
    const p = await photoBytes(db, req.params.id, req.params.photo);
    if (!p) throw ApiError.keyed(404, 'field.photo.notFound');
    // The bytes were sniffed on arrival; the type is ours, never the uploader's, and nothing in it may run.
    return reply
      .type(p.mime)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .header('ETag', `"${p.sha256}"`)
      .send(p.bytes);
  });

  const exportRows = (reports: ReportOut[], origin: string): ExportReport[] => reports.map((r) => ({ ...r, photo_urls: r.photos.map((p) => `${origin}${p.url}`) }));
  const originOf = (req: { protocol: string; headers: { host?: string } }) => `${req.protocol}://${req.headers.host ?? 'localhost'}`;

  app.get('/api/reports/export.csv', { schema: { querystring: ReportQuery } }, async (req, reply) => {
    const csv = reportsToCsv(exportRows(await listReports(db, req.query, user(req)), originOf(req)));
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="field-reports.csv"').send(csv);
  });

  app.get('/api/reports/export.zip', { schema: { querystring: ReportQuery } }, async (req, reply) => {
    const zip = reportsToShapefileZip(exportRows(await listReports(db, req.query, user(req)), originOf(req)));
    return reply.type('application/zip').header('Content-Disposition', 'attachment; filename="field-reports-shp.zip"').send(Buffer.from(zip));
  });

  // --- tasks -----------------------------------------------------------------------------------------------------
  app.get('/api/tasks', { schema: { querystring: TaskQuery } }, async (req) => ({ tasks: await listTasks(db, user(req), req.query), time: Date.now() }));

  app.post('/api/tasks', { schema: { body: TaskBody }, config: { roles: EDITORS } }, async (req, reply) => reply.code(201).send(await createTask(db, dataDir, user(req), req.body)));

  app.patch('/api/tasks/:id', { schema: { params: IdParams, body: TaskPatchBody }, config: { roles: EDITORS } }, async (req) => changeTask(db, req.params.id, req.body));

  // --- 监测图斑 and offline areas ----------------------------------------------------------------------------------
  app.get('/api/patches', { schema: { querystring: PatchQuery } }, async (req, reply) => {
    reply.header('Cache-Control', 'private, no-store');
    const { format, ...filter } = req.query;
    if (format === 'geojson') return reply.type('application/geo+json').send(await patchesWithStatus(db, dataDir, filter));
    return reply.send({ patches: await listPatchStatuses(db, dataDir, filter), time: Date.now() });
  });

  app.put('/api/patches/:id/status', { schema: { params: IdParams, body: PatchStatusBody }, config: { roles: EDITORS } }, async (req) => {
    const comment = req.body.comment.trim();
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/.test(comment)) throw ApiError.keyed(400, 'field.report.textChars', { field: 'comment' }, { field: 'comment' });
    if (!comment) throw ApiError.keyed(400, 'field.patch.commentRequired', {}, { field: 'comment' });
    await patchStatusOf(db, dataDir, req.params.id);
    await db.tx((q) => setPatchStatus(q, req.params.id, req.body.status, null, user(req).username, comment));
    return (await patchStatusOf(db, dataDir, req.params.id)).status;
  });

  app.get('/api/patches/:id/sheet', { schema: { params: IdParams } }, async (req, reply) =>
    reply.type('text/plain; charset=utf-8').header('X-Content-Type-Options', 'nosniff').header('Cache-Control', 'private, no-store')
      .send(await patchSheet(db, dataDir, req.params.id, originOf(req))));

  app.get('/api/field/offline-plan', { schema: { querystring: OfflinePlanQuery } }, async (req) => offlinePlan(db, servedDataDir, parseBox(req.query.bbox)));
};
