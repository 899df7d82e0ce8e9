// The field work's API on both engines: who may do what (anonymous, viewer, planner, editor), filing a report with
// photos under an Idempotency-Key (a repeat makes nothing new), photos judged by content, template checks, two phones
// editing one report (409 with the server's copy), tasks closed by reports and reopened by a return, accepting a
// 监测图斑核查 (the 图斑's status) and a 项目进度核查 (the project, through the audit trail), exports and offline plans.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateBoundary } from '../../../src/core/field/boundary-area.ts';
import { addFix, closeBoundary, keptFixes, newRecorder } from '../../../src/core/field/track.ts';
import { importShapefileZip } from '../../../src/core/io/shapefile.ts';
import { simulatedWalk } from '../../../scripts/lib/simulated-walk.ts';
import { withExif } from '../../fixtures/exif-jpeg.ts';
import { fieldDataDir } from '../../fixtures/field-data.ts';
import { Client, engines, signedIn, testServer, type Reply, type TestServer } from './helpers.ts';

const JPEG = new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../fixtures/photos/field-photo.jpg')));
let seq = 0;
const uid = (p = 'r') => `${p}-${Date.now().toString(36)}-${(++seq).toString(36)}-abcdef`;

interface Upload { id: string; name: string; bytes: Uint8Array; type?: string }

/** A request the way the field page sends it: multipart with the report JSON first, then one file per photo id. */
async function send(c: Client, method: 'POST' | 'PUT', url: string, report: unknown, photos: Upload[] = [], headers: Record<string, string> = {}): Promise<Reply> {
  const form = new FormData();
  form.append('report', JSON.stringify(report));
  for (const p of photos) form.append(p.id, new Blob([p.bytes as Uint8Array<ArrayBuffer>], { type: p.type ?? 'image/jpeg' }), p.name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const payload = Buffer.from(await req.arrayBuffer());
  const h: Record<string, string> = { ...headers, 'content-type': req.headers.get('content-type')! };
  if (c.cookie) h.cookie = c.cookie;
  if (c.csrf) h['x-csrf-token'] = c.csrf;
  const r = await c.server.app.fastify.inject({ method, url, headers: h, payload });
  let body: unknown = r.body;
  try {
    body = JSON.parse(r.body);
  } catch {
    // not JSON
  }
  return { status: r.statusCode, body, headers: r.headers };
}

function patchReport(patchId: string, over: Record<string, unknown> = {}) {
  const photoId = uid('p');
  return {
    report: { id: uid(), template: 'patch-check', target: { kind: 'patch', id: patchId }, values: { verdict: '属实', cause: '采伐', verified_area_mu: 3.5, notes: '现场已采伐' }, photos: [{ id: photoId, name: 'IMG_0001.jpg', taken_at: '2026-06-01 10:32:05+08:00', lon: 115.36, lat: 26.35 }], position: { lon: 115.36, lat: 26.35, accuracy: 4 }, made_at: '2026-06-01T02:40:00Z', ...over },
    photos: [{ id: photoId, name: 'IMG_0001.jpg', bytes: withExif(JPEG, { dateTimeOriginal: '2026:06:01 10:32:05', lat: 26.35, lon: 115.36 }) }],
  };
}

for (const engine of engines()) {
  describe(`field API (${engine.name})`, () => {
    let server: TestServer;
    let data: ReturnType<typeof fieldDataDir>;
    let editor: Client, planner: Client, planner2: Client, viewer: Client, anon: Client;
    const patchId = (i: number) => String(data.patches.features[i].properties!.id);

    beforeAll(async () => {
      data = fieldDataDir();
      server = await testServer(engine, { dataDir: data.dir });
      editor = await signedIn(server, 'ed', 'editor');
      planner = await signedIn(server, 'pl', 'planner');
      planner2 = await signedIn(server, 'pl2', 'planner');
      viewer = await signedIn(server, 'vi', 'viewer');
      anon = new Client(server);
    });
    afterAll(async () => {
      await server?.close();
      rmSync(data.dir, { recursive: true, force: true });
    });

    it('lets nobody in without a session, and checks the role of every route', async () => {
      for (const [m, u] of [['GET', '/api/reports'], ['POST', '/api/reports'], ['GET', '/api/tasks'], ['POST', '/api/tasks'], ['GET', '/api/patches'], ['PUT', '/api/patches/x/status'], ['GET', '/api/patches/x/sheet'], ['GET', '/api/field/offline-plan?bbox=115,26,115.1,26.1'], ['GET', '/api/reports/export.csv'], ['POST', '/api/reports/x/review'], ['PATCH', '/api/tasks/x']] as const) {
        expect((await anon.request(m, u, m === 'GET' ? undefined : {})).status, `${m} ${u}`).toBe(401);
      }
      // A viewer reads but sends nothing: the role is refused before the body is even read.
      const { report, photos } = patchReport(patchId(0));
      const v = await send(viewer, 'POST', '/api/reports', report, photos, { 'idempotency-key': uid('k') });
      expect(v.status).toBe(403);
      expect(v.body.key).toBe('field.role');
      expect((await viewer.request('GET', '/api/reports?mine=true')).body.reports).toEqual([]);
      expect((await viewer.request('POST', '/api/tasks', { target: { kind: 'patch', id: patchId(0) }, assignee: 'pl' })).status).toBe(403);
      expect((await planner.request('POST', '/api/tasks', { target: { kind: 'patch', id: patchId(0) }, assignee: 'pl' })).status).toBe(403);
      expect((await planner.request('POST', '/api/reports/whatever/review', { decision: 'accept', version: 1 })).status).toBe(403);
      expect((await viewer.request('GET', '/api/reports')).status).toBe(200);
      // CSRF as for every change.
      expect((await planner.request('POST', '/api/reports', {}, { csrf: null })).status).toBe(403);
    });

    it('files a report with its photo once, however often it is sent with the same key', async () => {
      const { report, photos } = patchReport(patchId(1));
      const key = uid('k');
      const first = await send(planner, 'POST', '/api/reports', report, photos, { 'idempotency-key': key });
      expect(first.status).toBe(201);
      expect(first.body.version).toBe(1);
      expect(first.body.status).toBe('submitted');
      expect(first.body.township_code).toBe(data.patches.features[1].properties!.township_code);
      expect(first.body.photos).toHaveLength(1);
      expect(first.body.photos[0]).toMatchObject({ type: 'image/jpeg', width: 320, height: 240, taken_at: '2026-06-01 10:32:05+08:00' });
      const again = await send(planner, 'POST', '/api/reports', report, photos, { 'idempotency-key': key });
      expect(again.status).toBe(201);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const { rows } = await server.db.query<{ n: number; p: number }>('SELECT (SELECT count(*)::int FROM field_reports WHERE id = $1) AS n, (SELECT count(*)::int FROM field_photos WHERE report_id = $1) AS p', [report.id]);
      expect(rows[0]).toEqual({ n: 1, p: 1 });
      // The photo comes back byte for byte, typed by its content, with nothing allowed to run.
      const photo = await server.app.fastify.inject({ method: 'GET', url: first.body.photos[0].url, headers: { cookie: viewer.cookie } });
      expect(photo.statusCode).toBe(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      expect(photo.headers['x-content-type-options']).toBe('nosniff');
      expect(new Uint8Array(photo.rawPayload)).toEqual(photos[0].bytes);
      // The same key with a different report is refused; a new key with the same report id is a conflict.
      const other = patchReport(patchId(1));
      expect((await send(planner, 'POST', '/api/reports', other.report, other.photos, { 'idempotency-key': key })).status).toBe(422);
      const dup = await send(planner, 'POST', '/api/reports', report, photos, { 'idempotency-key': uid('k') });
      expect(dup.status).toBe(409);
      expect(dup.body.key).toBe('field.report.exists');
      // No key: refused with the reason.
      const none = await send(planner, 'POST', '/api/reports', patchReport(patchId(1)).report, patchReport(patchId(1)).photos);
      expect(none.status).toBe(428);
      expect(none.body.key).toBe('field.idempotency.missing');
    });

    it('refuses a photo that is not an image, whatever its name, and stores nothing', async () => {
      const { report } = patchReport(patchId(2));
      const fake = { id: report.photos[0].id, name: 'IMG_0002.jpg', bytes: new TextEncoder().encode('#!/bin/sh\necho not a photo\n'), type: 'image/jpeg' };
      const r = await send(planner, 'POST', '/api/reports', report, [fake], { 'idempotency-key': uid('k') });
      expect(r.status).toBe(415);
      expect(r.body.key).toBe('field.photo.notImage');
      expect(r.body.params.file).toBe('IMG_0002.jpg');
      expect((await planner.request('GET', `/api/reports/${report.id}`)).status).toBe(404);
      // An upload the report does not list is refused too.
      const stray = patchReport(patchId(2));
      const r2 = await send(planner, 'POST', '/api/reports', stray.report, [...stray.photos, { id: uid('p'), name: 'extra.jpg', bytes: JPEG }], { 'idempotency-key': uid('k') });
      expect(r2.body.key).toBe('field.photo.unlisted');
    });

    it('checks the template: choices, conditional requirements, photos, ranges, markup', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ values: { verdict: '也许' } }, 'field.report.choice', 'verdict'],
        [{ values: { verdict: '属实' } }, 'field.report.required', 'cause'],
        [{ values: { verdict: '不属实', verified_area_mu: -1 } }, 'field.report.range', 'verified_area_mu'],
        [{ values: { verdict: '不属实', notes: '<script>' } }, 'field.report.textChars', 'notes'],
        [{ values: { verdict: '不属实', height_m: 3 } }, 'field.report.unknownField', 'height_m'],
        [{ photos: [] }, 'field.report.photosMin', 'photos'],
        [{ target: { kind: 'patch', id: 'jc-none' } }, 'field.report.noPatch', ''],
        [{ target: { kind: 'project', layer: 'pv', id: 'x' } }, 'field.report.targetKind', ''],
      ];
      for (const [over, key, field] of cases) {
        const { report, photos } = patchReport(patchId(3), over);
        const r = await send(planner, 'POST', '/api/reports', report, (report.photos as unknown[]).length ? photos : [], { 'idempotency-key': uid('k') });
        expect(r.body.key, JSON.stringify(over)).toBe(key);
        if (field) expect(r.body.field).toBe(field);
        expect(r.status).toBeGreaterThanOrEqual(400);
      }
      const bad = await send(planner, 'POST', '/api/reports', { id: 'short' }, [], { 'idempotency-key': uid('k') });
      expect(bad.status).toBe(400);
      expect(bad.body.key).toBe('field.invalid');
    });

    it('keeps a walked boundary with the area and error the page computed, from the same core', async () => {
      const walk = simulatedWalk({ cornersM: [[0, 0], [120, 0], [130, 90], [-10, 80]], origin: [115.37, 26.36], spacingM: 3, accuracyM: 5, correlationM: 12.5, seed: 9, overshootM: 9 });
      const rec = newRecorder({ thresholdM: 15, minSpacingM: 1 });
      for (const f of walk.fixes) addFix(rec, f);
      const closed = closeBoundary(keptFixes(rec));
      const est = estimateBoundary(closed.polygon!, closed.fixes);
      const { report, photos } = patchReport(patchId(4), {
        boundary: { geometry: closed.polygon, accuracy_m: closed.fixes.map((f) => f.accuracy), threshold_m: 15, rejected: rec.rejectedPoor },
      });
      const r = await send(planner, 'POST', '/api/reports', report, photos, { 'idempotency-key': uid('k') });
      expect(r.status).toBe(201);
      expect(r.body.boundary.area_m2).toBeCloseTo(est.area_m2, 6);
      expect(r.body.boundary.error95_m2).toBeCloseTo(est.error95_m2, 6);
      const { rows } = await server.db.query<{ a: number }>('SELECT ST_Area(geom::geography) AS a FROM field_reports WHERE id = $1', [report.id]);
      expect(Math.abs(rows[0].a - est.area_m2) / est.area_m2).toBeLessThan(1e-4);
      // A crossing boundary is refused with PostGIS-free core reasons.
      const ring = (closed.polygon as Polygon).coordinates[0];
      const bow = [ring[0], ring[Math.floor(ring.length / 2)], ring[Math.floor(ring.length / 4)], ring[Math.floor((3 * ring.length) / 4)], ring[0]];
      const crossing = patchReport(patchId(4), { boundary: { geometry: { type: 'Polygon', coordinates: [bow] }, accuracy_m: [5, 5, 5, 5], threshold_m: 15, rejected: 0 } });
      const rc = await send(planner, 'POST', '/api/reports', crossing.report, crossing.photos, { 'idempotency-key': uid('k') });
      expect(rc.body.key).toBe('field.report.boundary');
    });

    it('shows a report edited on two phones as a conflict, with the server copy', async () => {
      const { report, photos } = patchReport(patchId(5));
      const created = await send(planner, 'POST', '/api/reports', report, photos, { 'idempotency-key': uid('k') });
      const base = { ...report, version: created.body.version };
      const phoneA = await send(planner, 'PUT', `/api/reports/${report.id}`, { ...base, values: { ...report.values, notes: '手机甲的修改' } });
      expect(phoneA.status).toBe(200);
      expect(phoneA.body.version).toBe(2);
      const phoneB = await send(planner, 'PUT', `/api/reports/${report.id}`, { ...base, values: { ...report.values, notes: '手机乙的修改' } });
      expect(phoneB.status).toBe(409);
      expect(phoneB.body.key).toBe('field.report.conflict');
      expect(phoneB.body.current.values.notes).toBe('手机甲的修改');
      expect(phoneB.body.current.version).toBe(2);
      // Keeping B's edit means saving it on the version it now knows.
      const kept = await send(planner, 'PUT', `/api/reports/${report.id}`, { ...base, version: 2, values: { ...report.values, notes: '手机乙的修改' } });
      expect(kept.status).toBe(200);
      expect(kept.body.values.notes).toBe('手机乙的修改');
      // A new photo added on edit, the old one dropped.
      const p2 = { id: uid('p'), name: 'IMG_0003.jpg', bytes: JPEG };
      const withPhoto = await send(planner, 'PUT', `/api/reports/${report.id}`, { ...base, version: 3, photos: [{ id: p2.id, name: p2.name }] }, [p2]);
      expect(withPhoto.status).toBe(200);
      expect(withPhoto.body.photos.map((p: { id: string }) => p.id)).toEqual([p2.id]);
      // Another planner may not edit it.
      expect((await send(planner2, 'PUT', `/api/reports/${report.id}`, { ...base, version: 4 })).status).toBe(403);
      // The field page sends an edit with all its photos again, those the server has too: they replace the stored
      // ones (it answered 500 on the duplicate id before, and the phone's edit stayed queued for good).
      const resent = await send(planner, 'PUT', `/api/reports/${report.id}`, { ...base, version: 4, values: { ...report.values, notes: '再改' }, photos: [{ id: p2.id, name: p2.name }] }, [p2]);
      expect(resent.status).toBe(200);
      expect(resent.body.version).toBe(5);
      expect(resent.body.photos.map((p: { id: string }) => p.id)).toEqual([p2.id]);
    });

    it('closes a task with the report filed for it, reopens it on return, and sets the 图斑 status on acceptance', async () => {
      const target = patchId(6);
      const t = await editor.request('POST', '/api/tasks', { target: { kind: 'patch', id: target }, assignee: 'pl', due: '2026-07-01', note: '请核查' });
      expect(t.status).toBe(201);
      expect(t.body.centre).toEqual([data.patches.features[6].properties!.centre_lon, data.patches.features[6].properties!.centre_lat]);
      expect((await editor.request('POST', '/api/tasks', { target: { kind: 'patch', id: target }, assignee: 'vi' })).body.key).toBe('field.task.assignee');
      expect((await editor.request('POST', '/api/tasks', { target: { kind: 'patch', id: 'nope' }, assignee: 'pl' })).status).toBe(404);
      const mine = await planner.request('GET', '/api/tasks?assignee=me&status=open');
      expect(mine.body.tasks.map((x: { id: string }) => x.id)).toContain(t.body.id);
      const { report, photos } = patchReport(target, { values: { verdict: '不属实', notes: '影像阴影' } });
      const filed = await send(planner, 'POST', '/api/reports', report, photos, { 'idempotency-key': uid('k') });
      expect(filed.body.task_id).toBe(t.body.id);
      const done = (await planner.request('GET', '/api/tasks?assignee=me&status=all')).body.tasks.find((x: { id: string }) => x.id === t.body.id);
      expect(done).toMatchObject({ status: 'done', report_id: report.id });
      // Returned with a comment: the task is open again; a return without a comment is refused.
      expect((await editor.request('POST', `/api/reports/${report.id}/review`, { decision: 'return', version: 1 })).body.key).toBe('field.report.commentRequired');
      const returned = await editor.request('POST', `/api/reports/${report.id}/review`, { decision: 'return', version: 1, comment: '照片看不清，请补拍' });
      expect(returned.body).toMatchObject({ status: 'returned', review: { by: 'ed', comment: '照片看不清，请补拍' } });
      expect((await planner.request('GET', `/api/tasks?assignee=me&status=open`)).body.tasks.some((x: { id: string }) => x.id === t.body.id)).toBe(true);
      // Sent again (a new version): the task closes; the editor accepts; the 图斑 is 已核查·不属实.
      const again = await send(planner, 'PUT', `/api/reports/${report.id}`, { ...report, version: 2 });
      expect(again.body.status).toBe('submitted');
      const stale = await editor.request('POST', `/api/reports/${report.id}/review`, { decision: 'accept', version: 2 });
      expect(stale.status).toBe(409);
      const accepted = await editor.request('POST', `/api/reports/${report.id}/review`, { decision: 'accept', version: 3 });
      expect(accepted.body).toMatchObject({ status: 'accepted', applied: { patch_status: 'verified_false' } });
      const patches = (await viewer.request('GET', '/api/patches')).body.patches;
      expect(patches).toHaveLength(data.patches.features.length);
      expect(patches.find((p: { id: string }) => p.id === target)).toMatchObject({ status: 'verified_false', report_id: report.id, updated_by: 'ed' });
      expect(patches.filter((p: { status: string }) => p.status !== 'pending').map((p: { id: string }) => p.id)).toEqual([target]);
      expect(patches.find((p: { id: string }) => p.id !== target)).toMatchObject({ status: 'pending', updated_at: null, updated_by: null, report_id: null });
      const geo = (await viewer.request('GET', '/api/patches?format=geojson')).body;
      expect(geo.features.find((f: { properties: { id: string } }) => f.properties.id === target).properties).toMatchObject({ status: 'verified_false', status_report: report.id, status_by: 'ed' });
      expect((await viewer.request('GET', '/api/patches?status=verified_false')).body.patches.map((p: { id: string }) => p.id)).toEqual([target]);
      expect((await viewer.request('GET', '/api/patches?status=已核查·不属实')).body.key).toBe('field.invalid');
      // Accepted is final.
      expect((await send(planner, 'PUT', `/api/reports/${report.id}`, { ...report, version: 4 })).body.key).toBe('field.report.reviewed');
      expect((await editor.request('POST', `/api/reports/${report.id}/review`, { decision: 'accept', version: 4 })).body.key).toBe('field.report.notSubmitted');
    });

    it('accepts a 项目进度核查 through the audit trail of bureau edits', async () => {
      const pv = (await editor.request('GET', '/api/projects/pv')).body.features.find((f: { properties: { status: string } }) => f.properties.status !== '并网');
      const photoId = uid('p');
      const report = { id: uid(), template: 'project-progress', target: { kind: 'project', layer: 'pv', id: pv.properties.id }, values: { status: '并网', year: 2026 }, photos: [{ id: photoId, name: 'pv.jpg' }] };
      // The project's own rule (a completion year with the done status) is checked when the report arrives.
      const noYear = await send(planner, 'POST', '/api/reports', { ...report, id: uid(), values: { status: '并网' } }, [{ id: photoId, name: 'pv.jpg', bytes: JPEG }], { 'idempotency-key': uid('k') });
      expect(noYear.body).toMatchObject({ key: 'field.report.projectRule', field: 'year' });
      const filed = await send(planner, 'POST', '/api/reports', report, [{ id: photoId, name: 'pv.jpg', bytes: JPEG }], { 'idempotency-key': uid('k') });
      expect(filed.status).toBe(201);
      expect(filed.body.target.name).toBe(pv.properties.name);
      const accepted = await editor.request('POST', `/api/reports/${report.id}/review`, { decision: 'accept', version: 1, comment: '与现场一致' });
      expect(accepted.status).toBe(200);
      const audit = accepted.body.applied.project_audit;
      const changes = (await viewer.request('GET', `/api/audit?layer=pv&feature=${encodeURIComponent(pv.properties.id)}`)).body.changes;
      expect(changes[0]).toMatchObject({ id: audit, user: 'ed', action: 'edit' });
      expect(changes[0].after.props).toMatchObject({ status: '并网', grid_year: 2026 });
      const now = (await viewer.request('GET', '/api/projects/pv')).body.features.find((f: { properties: { id: string } }) => f.properties.id === pv.properties.id);
      expect(now.properties).toMatchObject({ status: '并网', grid_year: 2026 });
    });

    it('lists and filters reports, and exports them as CSV and shapefiles with photo links', async () => {
      const all = (await viewer.request('GET', '/api/reports')).body.reports;
      expect(all.length).toBeGreaterThanOrEqual(4);
      const accepted = (await viewer.request('GET', '/api/reports?status=accepted')).body.reports;
      expect(accepted.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
      const t = all[0].township_code;
      expect((await viewer.request(`GET`, `/api/reports?township=${t}`)).body.reports.every((r: { township_code: string }) => r.township_code === t)).toBe(true);
      expect((await viewer.request('GET', '/api/reports?author=nobody')).body.reports).toEqual([]);
      const today = new Date().toISOString().slice(0, 10);
      expect((await viewer.request('GET', `/api/reports?from=${today}&to=${today}`)).body.reports).toHaveLength(all.length);
      expect((await viewer.request('GET', '/api/reports?from=2001-01-01&to=2001-12-31')).body.reports).toEqual([]);
      expect((await viewer.request('GET', '/api/reports?from=yesterday')).body.key).toBe('field.invalid');
      const csv = await server.app.fastify.inject({ method: 'GET', url: '/api/reports/export.csv', headers: { cookie: viewer.cookie, host: 'bureau.local:5173' } });
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines).toHaveLength(all.length + 1);
      expect(lines[0]).toContain('answer.verdict');
      expect(csv.body).toContain(`http://bureau.local:5173/api/reports/${all[0].id}/photos/`);
      const zip = await server.app.fastify.inject({ method: 'GET', url: '/api/reports/export.zip', headers: { cookie: viewer.cookie } });
      const files = Object.keys(unzipSync(new Uint8Array(zip.rawPayload))).sort();
      expect(files).toContain('reports_points.shp');
      expect(files).toContain('reports_boundaries.shp');
      // The importer reads one shapefile per zip: the points alone, re-zipped.
      const entries = unzipSync(new Uint8Array(zip.rawPayload));
      const pointsZip = zipSync(Object.fromEntries(Object.entries(entries).filter(([n]) => n.startsWith('reports_points.'))));
      const points = importShapefileZip('reports_points.zip', pointsZip);
      expect(points.features.length).toBeGreaterThanOrEqual(all.filter((r: { position: unknown }) => r.position).length);
      expect(points.features.some((f) => String(f.properties?.photo1 ?? '').includes('/photos/'))).toBe(true);
    });

    it('lets an editor set a 图斑 status by hand with a comment, keeps the history, and prints the sheet as text', async () => {
      const id = patchId(7);
      const url = `/api/patches/${encodeURIComponent(id)}/status`;
      expect((await planner.request('PUT', url, { status: 'legal', comment: '有审批手续' })).status).toBe(403);
      expect((await viewer.request('PUT', url, { status: 'legal', comment: '有审批手续' })).body.key).toBe('field.role');
      expect((await editor.request('PUT', url, { status: 'legal', comment: '  ' })).body.key).toBe('field.patch.commentRequired');
      expect((await editor.request('PUT', url, { status: '合法', comment: 'x' })).body.key).toBe('field.invalid');
      expect((await editor.request('PUT', '/api/patches/jc-none/status', { status: 'legal', comment: 'x' })).status).toBe(404);
      const set = await editor.request('PUT', url, { status: 'legal', comment: '有审批手续（林地审批 2025-17）' });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ id, status: 'legal', updated_by: 'ed', report_id: null, comment: '有审批手续（林地审批 2025-17）' });
      const back = await editor.request('PUT', url, { status: 'pending', comment: '复核' });
      expect(back.body.status).toBe('pending');
      // A report filed about it appears on its sheet with its photo link; the sheet is text, nothing in it is markup.
      const { report, photos } = patchReport(id, { values: { verdict: '合法', cause: '建设占用', notes: '<b>不是标记</b>' } });
      expect((await send(planner, 'POST', '/api/reports', { ...report, values: { verdict: '合法', cause: '建设占用', notes: '审批齐全' } }, photos, { 'idempotency-key': uid('k') })).status).toBe(201);
      const sheet = await server.app.fastify.inject({ method: 'GET', url: `/api/patches/${encodeURIComponent(id)}/sheet`, headers: { cookie: viewer.cookie, host: 'bureau.local' } });
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(sheet.body).toContain(`图斑编号 Patch：${id}`);
      expect(sheet.body).toContain('当前状态 Status：待核查 (pending)');
      expect(sheet.body.indexOf('合法 (legal)')).toBeLessThan(sheet.body.indexOf('待核查 (pending)  复核'));
      expect(sheet.body).toContain(`http://bureau.local/api/reports/${report.id}/photos/${report.photos[0].id}`);
      expect(sheet.body).toContain('核查结论 Verdict：合法');
      expect((await viewer.request('GET', '/api/patches/jc-none/sheet')).status).toBe(404);
      // person and date filters of the report list (the bureau panel's).
      const today = new Date().toISOString().slice(0, 10);
      const byPerson = (await viewer.request('GET', `/api/reports?person=pl&date=${today}&target=${encodeURIComponent(id)}`)).body.reports;
      expect(byPerson.map((r: { id: string }) => r.id)).toEqual([report.id]);
      expect((await viewer.request('GET', `/api/reports?person=pl&date=2001-01-01`)).body.reports).toEqual([]);
    });

    it('plans an offline area and refuses a bad or huge box', async () => {
      const plan = await planner.request('GET', '/api/field/offline-plan?bbox=115.3,26.3,115.4,26.4');
      expect(plan.status).toBe(200);
      expect(plan.body.files.some((f: { url: string }) => f.url === 'data/pv.geojson')).toBe(true);
      expect(plan.body.bytes).toBe(plan.body.files.reduce((s: number, f: { bytes: number }) => s + f.bytes, 0));
      expect((await planner.request('GET', '/api/field/offline-plan?bbox=1,2,3')).body.key).toBe('field.offline.bbox');
      expect((await planner.request('GET', '/api/field/offline-plan?bbox=100,20,120,30')).body.key).toBe('field.offline.tooLarge');
    });
  });
}
