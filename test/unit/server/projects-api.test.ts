// The plan's project layers in the database: loading a data release (once per release), the permission matrix of the
// project and audit endpoints, edits validated like the import (400 with the field; nothing changes), the audit trail
// and revert, new features with geometry checks, and the plan targets computed by src/core from the API's GeoJSON.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodesicArea } from '../../../src/core/geo/measure.ts';
import { PROJECT_LAYERS } from '../../../src/core/plan/project-edit.ts';
import { computeProgress } from '../../../src/core/plan/progress.ts';
import type { PlanLayers } from '../../../src/core/plan/layers.ts';
import { loadProjectRelease } from '../../../src/server/projects.ts';
import { Client, engines, signedIn, testServer, type TestServer } from './helpers.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');

/** A copy of the data release's project layers (the test changes one file to make a new release). */
function dataCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xg-release-'));
  for (const l of PROJECT_LAYERS) cpSync(path.join(DATA, l.file), path.join(dir, l.file));
  for (const f of ['county.geojson', 'stands.geojson', 'neighbours.geojson', 'summary.json']) cpSync(path.join(DATA, f), path.join(dir, f));
  return dir;
}

const readFc = (dir: string, file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as FeatureCollection;

describe.each(engines())('project layers API on $name', (engine) => {
  let server: TestServer;
  let dataDir: string;
  let anon: Client;
  let viewer: Client;
  let planner: Client;
  let editor: Client;

  beforeAll(async () => {
    dataDir = dataCopy();
    server = await testServer(engine, { dataDir });
    anon = new Client(server);
    viewer = await signedIn(server, 'vic', 'viewer');
    planner = await signedIn(server, 'pat', 'planner');
    editor = await signedIn(server, 'eve', 'editor');
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads every project layer of the release into SRID 4490 and records the release; the same release is not loaded twice', async () => {
    for (const l of PROJECT_LAYERS) {
      const fc = readFc(dataDir, l.file);
      const r = await viewer.request('GET', `/api/projects/${l.id}`);
      expect(r.status, l.id).toBe(200);
      expect(r.body.features.length, l.id).toBe(fc.features.length);
      expect(r.body.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(fc.features.map((f) => String(f.properties!.id ?? f.properties!.code)));
    }
    const { rows } = await server.db.query<{ srids: number[]; invalid: number }>('SELECT array_agg(DISTINCT ST_SRID(geom)) AS srids, count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid FROM project_features');
    expect(rows[0].srids).toEqual([4490]);
    expect(rows[0].invalid).toBe(0);
    const again = await loadProjectRelease(server.db, dataDir);
    expect(again.loaded).toBe(false);
    const { rows: rel } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM project_releases');
    expect(rel[0].n).toBe(1);
  });

  it('permission matrix: anonymous 401 everywhere; viewers and planners read but cannot change (403); editors can', async () => {
    const mine = 'mine-02';
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/projects/mines'],
      ['GET', '/api/audit'],
      ['GET', '/api/audit?layer=mines&feature=mine-02'],
      ['PATCH', `/api/projects/mines/${mine}`, { notes: 'x' }],
      ['POST', '/api/projects/mines', { name: 'n', geometry: { type: 'Polygon', coordinates: [[[115.3, 26.3], [115.301, 26.3], [115.301, 26.301], [115.3, 26.3]]] } }],
      ['DELETE', `/api/projects/mines/${mine}`],
      ['POST', `/api/projects/mines/${mine}/unretire`],
      ['POST', '/api/audit/1/revert'],
    ];
    for (const [method, url, body] of calls) {
      expect((await anon.request(method, url, body)).status, `anonymous ${method} ${url}`).toBe(401);
      for (const c of [viewer, planner]) {
        const r = await c.request(method, url, body);
        expect(r.status, `${c.name} ${method} ${url}`).toBe(method === 'GET' ? 200 : 403);
        if (method !== 'GET') expect(r.body.error).toMatch(/editor/);
      }
    }
    // A changing call without the CSRF header is refused even for an editor, and changes nothing.
    const r = await editor.request('PATCH', `/api/projects/mines/${mine}`, { notes: 'no csrf' }, { csrf: null });
    expect(r.status).toBe(403);
    const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM project_audit');
    expect(rows[0].n).toBe(0);
  });

  it('an editor marks a 待修复 mine 已修复 (2025); the change is in the audit with the editor, before and after', async () => {
    const mines = (await editor.request('GET', '/api/projects/mines')).body as FeatureCollection;
    const todo = mines.features.find((f) => f.properties!.status === '待修复')!;
    const id = todo.properties!.id as string;
    const r = await editor.request('PATCH', `/api/projects/mines/${id}`, { status: '已修复', year: 2025, notes: '验收通过' });
    expect(r.status).toBe(200);
    expect(r.body.properties).toMatchObject({ id, status: '已修复', restored_year: 2025, notes: '验收通过', name: todo.properties!.name });
    const after = (await viewer.request('GET', '/api/projects/mines')).body as FeatureCollection;
    expect(after.features.find((f) => f.properties!.id === id)!.properties!.status).toBe('已修复');
    const audit = await viewer.request('GET', `/api/audit?layer=mines&feature=${id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.changes).toHaveLength(1);
    expect(audit.body.changes[0]).toMatchObject({ user: 'eve', action: 'edit', layer: 'mines', feature: id });
    expect(audit.body.changes[0].before.props.status).toBe('待修复');
    expect(audit.body.changes[0].after.props.restored_year).toBe(2025);
    const since = await viewer.request('GET', `/api/audit?since=${Date.now() + 60_000}`);
    expect(since.body.changes).toEqual([]);
  });

  it('bad edits answer 400 with the field and the reason, and change nothing', async () => {
    const before = (await editor.request('GET', '/api/projects/pv')).body as FeatureCollection;
    const { rows: [n0] } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM project_audit');
    const planned = before.features.find((f) => f.properties!.status !== '并网') ?? before.features[0];
    const id = planned.properties!.id as string;
    const cases: [unknown, string, RegExp][] = [
      [{ status: '完成' }, 'status', /规划, 在建, 并网/],
      [{ status: '并网' }, 'year', /required/],
      [{ status: '并网', year: 1999 }, 'year', /2000 to 2060/],
      [{ status: '并网', year: 2061 }, 'year', /2000 to 2060/],
      [{ status: '并网', year: 2025.5 }, 'year', /whole year/],
      [{ capacity: -1 }, 'capacity', /≥ 0/],
      [{ capacity: '50' }, 'capacity', /number/],
      [{ name: '' }, 'name', /empty/],
      [{ name: '<b>x</b>' }, 'name', /< >/],
      [{ township_code: '1' }, 'township_code', /not an editable field/],
      [{}, 'body', /nothing/],
    ];
    for (const [body, field, reason] of cases) {
      const r = await editor.request('PATCH', `/api/projects/pv/${id}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field, JSON.stringify(body)).toBe(field);
      expect(r.body.error, JSON.stringify(body)).toMatch(reason);
    }
    // A mine has no capacity; a substation has no year.
    expect((await editor.request('PATCH', '/api/projects/mines/mine-03', { capacity: 3 })).body.field).toBe('capacity');
    expect((await editor.request('PATCH', '/api/projects/substations/sub-nanwai', { year: 2025 })).body.field).toBe('year');
    expect((await editor.request('PATCH', '/api/projects/nope/x', { name: 'a' })).status).toBe(404);
    expect((await editor.request('PATCH', '/api/projects/pv/no-such', { name: 'a' })).status).toBe(404);
    const after = (await editor.request('GET', '/api/projects/pv')).body;
    expect(after).toEqual(before);
    const { rows: [n1] } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM project_audit');
    expect(n1.n).toBe(n0.n);
  });

  it('revert is a new change that restores the state before; retire is soft and revertable', async () => {
    const r1 = await editor.request('PATCH', '/api/projects/wind-farms/wind-1', { capacity: 99.5, name: '杰村风电场（扩建）' });
    expect(r1.status).toBe(200);
    const rev = await editor.request('POST', `/api/audit/${r1.body.audit}/revert`);
    expect(rev.status).toBe(200);
    expect(rev.body.properties.capacity_mw).toBe(80);
    expect(rev.body.properties.name).toBe('兴国杰村风电场');
    const hist = (await planner.request('GET', '/api/audit?layer=wind-farms&feature=wind-1')).body.changes;
    expect(hist.map((c: { action: string }) => c.action)).toEqual(['revert', 'edit']);
    expect(hist[0]).toMatchObject({ user: 'eve', reverts: r1.body.audit });

    const del = await editor.request('DELETE', '/api/projects/substations/sub-nanwai');
    expect(del.status).toBe(200);
    const subs = (await viewer.request('GET', '/api/projects/substations')).body as FeatureCollection;
    expect(subs.features.some((f) => f.properties!.id === 'sub-nanwai')).toBe(false);
    const withRetired = (await viewer.request('GET', '/api/projects/substations?retired=1')).body as FeatureCollection;
    expect(withRetired.features.some((f) => f.properties!.id === 'sub-nanwai')).toBe(true);
    expect((await editor.request('PATCH', '/api/projects/substations/sub-nanwai', { name: 'x' })).status).toBe(409);
    const undo = await editor.request('POST', `/api/audit/${del.body.audit}/revert`);
    expect(undo.status).toBe(200);
    const back = (await viewer.request('GET', '/api/projects/substations')).body as FeatureCollection;
    expect(back.features.some((f) => f.properties!.id === 'sub-nanwai')).toBe(true);
  });

  it('reverting an older change reverts only its own fields: a later change to other fields stays (issue 22)', async () => {
    const pv = ((await editor.request('GET', '/api/projects/pv')).body as FeatureCollection).features[1];
    const id = pv.properties!.id as string;
    const c1 = await editor.request('PATCH', `/api/projects/pv/${id}`, { notes: '第一次' });
    const c2 = await editor.request('PATCH', `/api/projects/pv/${id}`, { name: '第二次改名' });
    expect([c1.status, c2.status]).toEqual([200, 200]);
    const rev = await editor.request('POST', `/api/audit/${c1.body.audit}/revert`);
    expect(rev.status).toBe(200);
    // Change 1 undone, change 2 kept (the old revert put the whole state before change 1 back, renaming it too).
    expect(rev.body.properties.notes ?? '').toBe(pv.properties!.notes ?? '');
    expect(rev.body.properties.name).toBe('第二次改名');
    expect(rev.body.reverted).toEqual(['notes']);
    expect(rev.body.kept).toEqual([expect.objectContaining({ id: c2.body.audit, user: 'eve', fields: ['name'] })]);
    const hist = (await viewer.request('GET', `/api/audit?layer=pv&feature=${id}`)).body.changes;
    expect(hist.map((c: { action: string; fields: string[] }) => [c.action, c.fields])).toEqual([['revert', ['notes']], ['edit', ['name']], ['edit', ['notes']]]);
  });

  it('reverting a change whose fields a later change also changed asks first (409 with the later changes), then overwrites them only when confirmed', async () => {
    const pv = ((await editor.request('GET', '/api/projects/pv')).body as FeatureCollection).features[2];
    const id = pv.properties!.id as string;
    const capacity0 = pv.properties!.capacity_mw;
    const c1 = await editor.request('PATCH', `/api/projects/pv/${id}`, { capacity: 11 });
    const c2 = await editor.request('PATCH', `/api/projects/pv/${id}`, { capacity: 22, notes: '扩容' });
    const c3 = await editor.request('PATCH', `/api/projects/pv/${id}`, { name: '只改名' });
    const { rows: [n0] } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM project_audit');
    const asked = await editor.request('POST', `/api/audit/${c1.body.audit}/revert`);
    expect(asked.status).toBe(409);
    expect(asked.body).toMatchObject({ key: 'audit.laterChanges', params: { count: 1, fields: 'capacity_mw' }, fields: ['capacity_mw'] });
    expect(asked.body.later).toEqual([expect.objectContaining({ id: c2.body.audit, user: 'eve', action: 'edit', fields: ['capacity_mw', 'notes'] })]);
    expect(asked.body.kept).toEqual([expect.objectContaining({ id: c3.body.audit, fields: ['name'] })]);
    // Nothing changed by the question.
    const { rows: [n1] } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM project_audit');
    expect(n1.n).toBe(n0.n);
    expect(((await viewer.request('GET', '/api/projects/pv')).body as FeatureCollection).features[2].properties!.capacity_mw).toBe(22);
    const done = await editor.request('POST', `/api/audit/${c1.body.audit}/revert`, { confirm: true });
    expect(done.status).toBe(200);
    expect(done.body.properties).toMatchObject({ capacity_mw: capacity0, notes: '扩容', name: '只改名' });
    expect(done.body.overwrote).toEqual([expect.objectContaining({ id: c2.body.audit })]);
    // Again: the fields already hold their earlier values.
    const again = await editor.request('POST', `/api/audit/${c1.body.audit}/revert`, { confirm: true });
    expect(again.status).toBe(409);
    expect(again.body.key).toBe('audit.nothingToRevert');
  });

  it('a revert that would break the completion-year rule is refused with the rule (409), changing nothing', async () => {
    const mines = ((await editor.request('GET', '/api/projects/mines')).body as FeatureCollection).features;
    // The last restored mine (the release test below relies on mine-01 and mine-02).
    const done = [...mines].reverse().find((f) => f.properties!.status === '已修复')!;
    const id = done.properties!.id as string;
    const c1 = await editor.request('PATCH', `/api/projects/mines/${id}`, { year: 2020 });
    const c2 = await editor.request('PATCH', `/api/projects/mines/${id}`, { status: '修复中' });
    expect([c1.status, c2.status]).toEqual([200, 200]);
    expect(c2.body.properties.restored_year).toBeNull();
    expect((await editor.request('POST', `/api/audit/${c1.body.audit}/revert`)).body.key).toBe('audit.laterChanges');
    const r = await editor.request('POST', `/api/audit/${c1.body.audit}/revert`, { confirm: true });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ key: 'project.yearOnlyWhenDone', field: 'year' });
    // Reverting the later change (status) alone works: done again, with the year it had.
    const back = await editor.request('POST', `/api/audit/${c2.body.audit}/revert`);
    expect(back.status).toBe(200);
    expect(back.body.properties).toMatchObject({ status: '已修复', restored_year: 2020 });
  });

  it('a completion year after this year is refused (400, keyed), this year is accepted', async () => {
    const thisYear = new Date().getFullYear();
    const mines = ((await editor.request('GET', '/api/projects/mines')).body as FeatureCollection).features;
    // The last mine not restored (the earlier ones are other tests' subjects).
    const todo = [...mines].reverse().find((f) => f.properties!.status !== '已修复')!;
    const id = todo.properties!.id as string;
    const future = await editor.request('PATCH', `/api/projects/mines/${id}`, { status: '已修复', year: thisYear + 1 });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ key: 'project.yearInFuture', field: 'year', params: { year: thisYear + 1, max: thisYear } });
    const created = await editor.request('POST', '/api/projects/pv', { name: '未来并网', status: '并网', year: thisYear + 2, capacity: 1, geometry: { type: 'Polygon', coordinates: [[[115.3, 26.3], [115.301, 26.3], [115.301, 26.301], [115.3, 26.3]]] } });
    expect(created.status).toBe(400);
    expect(created.body.key).toBe('project.yearInFuture');
    // A target year (not a completion) may lie ahead.
    expect((await editor.request('PATCH', '/api/projects/gas-pipelines/' + (((await editor.request('GET', '/api/projects/gas-pipelines')).body as FeatureCollection).features[0].properties!.id), { year: thisYear + 3 })).status).toBe(200);
    const now = await editor.request('PATCH', `/api/projects/mines/${id}`, { status: '已修复', year: thisYear });
    expect(now.status).toBe(200);
    expect((await editor.request('POST', `/api/audit/${now.body.audit}/revert`)).status).toBe(200);
  });

  it('every refusal is keyed: the session hook, the CSRF check, the not-found handler, body parsing', async () => {
    const noSession = await anon.request('GET', '/api/audit');
    expect(noSession.body).toMatchObject({ key: 'auth.signInFirst', error: 'sign in first' });
    expect((await editor.request('PATCH', '/api/projects/mines/mine-02', { notes: 'x' }, { csrf: 'wrong' })).body.key).toBe('auth.csrf');
    expect((await editor.request('POST', '/api/no-such-thing', {})).body).toMatchObject({ key: 'request.notFound', params: { method: 'POST', path: '/api/no-such-thing' } });
    expect((await editor.request('PATCH', '/api/projects/mines/mine-02', undefined, { rawBody: '{bad' })).body.key).toBe('request.badJson');
    expect((await editor.request('PATCH', '/api/projects/mines/mine-02', undefined, { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).body.key).toBe('request.notJson');
    expect((await anon.request('GET', '/data/stands.columns.bin')).body.key).toBe('auth.signInFirst');
    expect((await editor.request('GET', '/no-such-file.js')).body).toMatchObject({ key: 'request.fileNotFound' });
  });

  it('retiring with a reason: the reason is in the audit; a bad reason is 400 and changes nothing; viewers cannot retire', async () => {
    expect((await viewer.request('DELETE', '/api/projects/mines/mine-04', { reason: 'x' })).status).toBe(403);
    for (const [body, field] of [[{ reason: 5 }, 'reason'], [{ reason: '<b>' }, 'reason'], [{ reason: 'x'.repeat(501) }, 'reason'], [{ why: 'x' }, 'why'], [[1], 'body']] as const) {
      const r = await editor.request('DELETE', '/api/projects/mines/mine-04', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toBe(field);
    }
    expect((await viewer.request('GET', '/api/audit?layer=mines&feature=mine-04')).body.changes).toEqual([]);
    const del = await editor.request('DELETE', '/api/projects/mines/mine-04', { reason: '与相邻图斑重复' });
    expect(del.status).toBe(200);
    const hist = (await viewer.request('GET', '/api/audit?layer=mines&feature=mine-04')).body.changes;
    expect(hist[0]).toMatchObject({ action: 'retire', user: 'eve', reason: '与相邻图斑重复' });
    const undo = await editor.request('POST', `/api/audit/${del.body.audit}/revert`);
    expect(undo.status).toBe(200);
    expect((await viewer.request('GET', '/api/audit?layer=mines&feature=mine-04')).body.changes[0]).toMatchObject({ action: 'revert', reason: null });
  });

  it('creates a feature after the geometry checks; its township comes from the township layer; refuses bad geometry', async () => {
    const ring = [[115.35, 26.33], [115.352, 26.33], [115.352, 26.332], [115.35, 26.332], [115.35, 26.33]];
    const ok = await editor.request('POST', '/api/projects/mines', { name: '新矿山', status: '修复中', geometry: { type: 'Polygon', coordinates: [ring] } });
    expect(ok.status).toBe(201);
    expect(ok.body.properties).toMatchObject({ name: '新矿山', status: '修复中', restored_year: null });
    expect(ok.body.properties.township_code).toMatch(/^360732\d{3}$/);
    const { rows } = await server.db.query<{ a: number; srid: number }>("SELECT ST_Area(geom::geography) AS a, ST_SRID(geom) AS srid FROM project_features WHERE layer = 'mines' AND feature_id = $1", [ok.body.properties.id]);
    expect(rows[0].srid).toBe(4490);
    const core = geodesicArea({ type: 'Polygon', coordinates: [ring] });
    expect(Math.abs(rows[0].a - core) / core).toBeLessThan(1e-3);
    const bow = [[115.35, 26.33], [115.352, 26.332], [115.352, 26.33], [115.35, 26.332], [115.35, 26.33]];
    const bad = await editor.request('POST', '/api/projects/mines', { name: 'x', geometry: { type: 'Polygon', coordinates: [bow] } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('geometry');
    const kind = await editor.request('POST', '/api/projects/mines', { name: 'x', geometry: { type: 'Point', coordinates: [115.35, 26.33] } });
    expect(kind.status).toBe(400);
    expect(kind.body.error).toMatch(/Polygon/);
    expect((await editor.request('POST', '/api/projects/townships', { name: 'x', geometry: { type: 'Polygon', coordinates: [ring] } })).status).toBe(400);
    const hist = (await viewer.request('GET', `/api/audit?layer=mines&feature=${ok.body.properties.id}`)).body.changes;
    expect(hist[0]).toMatchObject({ action: 'create', user: 'eve', before: null });
  });

  it('the plan targets computed by src/core from the API GeoJSON follow an edit at once', async () => {
    const county = readFc(dataDir, 'county.geojson');
    const progress = async () => {
      const mines = (await viewer.request('GET', '/api/projects/mines')).body;
      const layers = { stands: { type: 'FeatureCollection', features: [] }, county, mines } as unknown as PlanLayers;
      return computeProgress(layers, { mcDraws: 10 }).targets.find((t) => t.id === 'mine_fanglingpai')!;
    };
    expect((await progress()).status).not.toBe('achieved');
    const r = await editor.request('PATCH', '/api/projects/mines/mine-01', { status: '已修复', year: 2025 });
    expect(r.status).toBe(200);
    expect((await progress()).status).toBe('achieved');
  });

  it('the public page changes only on 发布; each snapshot is numbered, kept, and leak-scanned before it is served', async () => {
    const target = async (url: string, c: Client = anon) => {
      const r = await c.request('GET', url);
      expect(r.status, url).toBe(200);
      return (r.body.targets as { id: string; status: string }[]).find((t) => t.id === 'mine_fanglingpai')!.status;
    };
    // Nothing published yet: the build's file (none in this test's page folder).
    expect((await anon.request('GET', '/public/data/public/plan-progress.json')).status).toBe(404);
    expect((await planner.request('POST', '/api/publish')).status).toBe(403);
    expect((await viewer.request('POST', '/api/publish')).status).toBe(403);
    expect((await anon.request('POST', '/api/publish')).status).toBe(401);
    const p1 = await editor.request('POST', '/api/publish');
    expect(p1.status, JSON.stringify(p1.body)).toBe(201);
    expect(p1.body.n).toBe(1);
    expect(await target('/public/data/public/plan-progress.json')).toBe('achieved'); // mine-01 was marked 已修复 above
    // An edit does not reach the public page …
    const edit = (await viewer.request('GET', '/api/audit?layer=mines&feature=mine-01')).body.changes[0];
    expect((await editor.request('POST', `/api/audit/${edit.id}/revert`)).status).toBe(200);
    expect(await target('/public/data/public/plan-progress.json')).toBe('achieved');
    // … until the next 发布; the earlier snapshot stays readable.
    const p2 = await editor.request('POST', '/api/publish');
    expect(p2.body.n).toBe(2);
    expect(await target('/public/data/public/plan-progress.json')).not.toBe('achieved');
    expect(await target('/api/public-snapshots/1/public/plan-progress.json', viewer)).toBe('achieved');
    expect((await anon.request('GET', '/api/public-snapshots/1/public/plan-progress.json')).status).toBe(401);
    const list = await viewer.request('GET', '/api/public-snapshots');
    expect(list.body.snapshots.map((s: { n: number; created_by: string }) => [s.n, s.created_by])).toEqual([[2, 'eve'], [1, 'eve']]);
    // A stand id in a published project's name: the leak scan refuses the snapshot with the reason; nothing is served.
    const leak = await editor.request('PATCH', '/api/projects/pv/pv-butou-fishery', { name: '埠头渔光互补 360732100-012-034' });
    expect(leak.status).toBe(200);
    const refused = await editor.request('POST', '/api/publish');
    expect(refused.status).toBe(422);
    // Keyed (the UI shows it in its language); the findings name the leak.
    expect(refused.body.key).toBe('publish.leakScan');
    expect(JSON.stringify(refused.body.findings)).toMatch(/stand id 360732100-012-034/);
    expect((await viewer.request('GET', '/api/public-snapshots')).body.snapshots).toHaveLength(2);
    expect((await editor.request('POST', `/api/audit/${leak.body.audit}/revert`)).status).toBe(200);
  }, 120_000);

  it('the bureau page reads the project layers\' current state at data/<file>; other files stay static', async () => {
    const r = await viewer.request('GET', '/data/mines.geojson');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('private, no-store');
    const api = (await viewer.request('GET', '/api/projects/mines')).body;
    expect(r.body).toEqual(api);
    expect((await anon.request('GET', '/data/mines.geojson')).status).toBe(401);
    // every other file comes from the data folder the server was started with
    expect((await viewer.request('GET', '/data/county.geojson')).body).toEqual(readFc(dataDir, 'county.geojson'));
  });

  it('a new release replaces the file features, keeps drawn ones and retires features that left the files', async () => {
    const file = path.join(dataDir, 'oil-tea-bases.geojson');
    const fc = readFc(dataDir, 'oil-tea-bases.geojson');
    const dropped = fc.features.pop()!;
    fc.features[0].properties!.year = 2024;
    writeFileSync(file, JSON.stringify(fc));
    const r = await loadProjectRelease(server.db, dataDir);
    expect(r.loaded).toBe(true);
    const now = (await viewer.request('GET', '/api/projects/oil-tea-bases')).body as FeatureCollection;
    expect(now.features).toHaveLength(fc.features.length);
    expect(now.features[0].properties!.year).toBe(2024);
    expect(now.features.some((f) => f.properties!.id === dropped.properties!.id)).toBe(false);
    const mines = (await viewer.request('GET', '/api/projects/mines')).body as FeatureCollection;
    expect(mines.features.some((f) => f.properties!.name === '新矿山')).toBe(true);
    // The bureau's edit of mine-01 is not undone by the release.
    const mines2 = readFc(dataDir, 'mines.geojson');
    mines2.features[0].properties!.name = 'renamed in the release';
    mines2.features[1].properties!.name = 'mine two renamed in the release';
    writeFileSync(path.join(dataDir, 'mines.geojson'), JSON.stringify(mines2));
    expect((await loadProjectRelease(server.db, dataDir)).loaded).toBe(true);
    const m1 = ((await viewer.request('GET', '/api/projects/mines')).body as FeatureCollection).features.find((f) => f.properties!.id === 'mine-01')!;
    expect(m1.properties!.name).toBe('兴莲乡忠洲村方岭排砖瓦用（碳质）页岩矿');
    const m2 = ((await viewer.request('GET', '/api/projects/mines')).body as FeatureCollection).features.find((f) => f.properties!.id === 'mine-02')!;
    expect(m2.properties!.name).toBe(mines2.features[1].properties!.name); // not edited: follows the release
    // A broken file: the load says which file and why, and changes nothing (one transaction).
    writeFileSync(path.join(dataDir, 'pv.geojson'), '{"type":"FeatureCollection","features":[');
    await expect(loadProjectRelease(server.db, dataDir)).rejects.toThrow(/pv\.geojson: not valid JSON/);
    expect(((await viewer.request('GET', '/api/projects/pv')).body as FeatureCollection).features.length).toBeGreaterThan(0);
  });
});
