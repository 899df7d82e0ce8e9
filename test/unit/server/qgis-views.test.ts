// The views QGIS opens, read back with plain SQL: every geometry valid and SRID 4490, areas equal to src/core's
// ellipsoidal areas, shared sites at their current version, and a read-only role that reads the views and nothing else.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodesicArea } from '../../../src/core/geo/measure.ts';
import { PROJECT_LAYERS } from '../../../src/core/plan/project-edit.ts';
import { createReadOnlyRole, loadStands, QGIS_VIEWS } from '../../../src/server/qgis.ts';
import { engines, signedIn, square, testServer, type TestServer } from './helpers.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const N_STANDS = 3000;

describe.each(engines())('QGIS views on $name', (engine) => {
  let server: TestServer;
  let dir: string;
  let stands: FeatureCollection;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xg-qgis-'));
    for (const l of PROJECT_LAYERS) cpSync(path.join(DATA, l.file), path.join(dir, l.file));
    const all = JSON.parse(readFileSync(path.join(DATA, 'stands.geojson'), 'utf8')) as FeatureCollection;
    stands = { type: 'FeatureCollection', features: all.features.slice(0, N_STANDS) };
    writeFileSync(path.join(dir, 'stands.geojson'), JSON.stringify(stands));
    server = await testServer(engine, { dataDir: dir });
    const r = await loadStands(server.db, dir);
    expect(r).toMatchObject({ loaded: true, stands: N_STANDS });
    expect((await loadStands(server.db, dir)).loaded).toBe(false);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stands: every one, valid, SRID 4490, area = src/core geodesicArea and within 0.1 % of ST_Area(geography)', async () => {
    const { rows: [s] } = await server.db.query<{ n: number; invalid: number; srids: number[]; worst: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid, array_agg(DISTINCT ST_SRID(geom)) AS srids,
              max(abs(ST_Area(geom::geography) - area_m2) / area_m2) AS worst FROM qgis_stands`);
    expect(s).toMatchObject({ n: N_STANDS, invalid: 0, srids: [4490] });
    expect(s.worst).toBeLessThan(1e-3);
    const { rows } = await server.db.query<{ id: string; area_m2: number; area_mu: number; species: string }>('SELECT id, area_m2, area_mu, species FROM qgis_stands ORDER BY id LIMIT 50');
    const byId = new Map(stands.features.map((f) => [String(f.properties!.id), f]));
    for (const r of rows) {
      const f = byId.get(r.id)!;
      expect(r.area_m2).toBeCloseTo(geodesicArea(f.geometry as Geometry), 6);
      expect(r.area_mu).toBeCloseTo(r.area_m2 * 15 / 10000, 9);
      expect(r.species).toBe(f.properties!.species);
    }
  });

  it('projects and townships: valid, SRID 4490; township areas agree with src/core', async () => {
    const { rows: [p] } = await server.db.query<{ n: number; invalid: number; srids: number[] }>(
      'SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid, array_agg(DISTINCT ST_SRID(geom)) AS srids FROM qgis_projects');
    const expected = PROJECT_LAYERS.filter((l) => l.id !== 'townships').reduce((s, l) => s + (JSON.parse(readFileSync(path.join(dir, l.file), 'utf8')) as FeatureCollection).features.length, 0);
    expect(p).toMatchObject({ n: expected, invalid: 0, srids: [4490] });
    const towns = JSON.parse(readFileSync(path.join(dir, 'townships.geojson'), 'utf8')) as FeatureCollection;
    const { rows } = await server.db.query<{ code: string; a: number; gas_status: string }>('SELECT code, ST_Area(geom::geography) AS a, gas_status FROM qgis_townships');
    expect(rows).toHaveLength(towns.features.length);
    for (const r of rows) {
      const f = towns.features.find((t) => t.properties!.code === r.code)!;
      const core = geodesicArea(f.geometry as Geometry);
      expect(Math.abs(r.a - core) / core).toBeLessThan(1e-3);
      expect(r.gas_status).toBe(f.properties!.gas_status);
    }
    const { rows: [mine] } = await server.db.query<{ status: string; restored_year: number | null }>("SELECT status, restored_year FROM qgis_mines WHERE feature_id = 'mine-01'");
    expect(mine.status).toBe('修复中');
  });

  it('shared sites at their current version; deleted ones left out', async () => {
    const ann = await signedIn(server, 'ann', 'planner');
    const a = await ann.request('POST', '/api/sites', { name: 'v1', type: '造林', geometry: square(115.35, 26.33, 0.01), sharing: 'everyone' });
    await ann.request('PUT', `/api/sites/${a.body.id}`, { version: 1, name: 'v2' });
    const b = await ann.request('POST', '/api/sites', { name: 'gone', type: '造林', geometry: square(115.4, 26.4) });
    await ann.request('DELETE', `/api/sites/${b.body.id}`);
    const { rows } = await server.db.query<{ id: string; version: number; name: string; owner: string; area_mu: number; srid: number; valid: boolean }>(
      'SELECT id, version, name, owner, area_mu, ST_SRID(geom) AS srid, ST_IsValid(geom) AS valid FROM qgis_sites');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: a.body.id, version: 2, name: 'v2', owner: 'ann', srid: 4490, valid: true });
    expect(rows[0].area_mu).toBeCloseTo(geodesicArea(square(115.35, 26.33, 0.01)) * 15 / 10000, 6);
  });

  it('the read-only role reads every qgis_ view and nothing else, and cannot write', async () => {
    const role = `xg_qgis_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
    await createReadOnlyRole(server.db, role, 'a long enough password');
    const as = <T>(sql: string) => server.db.tx(async (q) => {
      await q.exec(`SET LOCAL ROLE ${role}`); // a generated identifier of [a-z0-9_], not input
      return (await q.query<T>(sql)).rows;
    });
    try {
      for (const v of QGIS_VIEWS) expect((await as<{ n: number }>(`SELECT count(*)::int AS n FROM ${v}`)).length, v).toBe(1);
      await expect(as('SELECT * FROM users')).rejects.toThrow(/permission denied/);
      await expect(as('SELECT * FROM sessions')).rejects.toThrow(/permission denied/);
      await expect(as('SELECT * FROM project_features')).rejects.toThrow(/permission denied/);
      await expect(as("UPDATE stands SET township_code = 'x'")).rejects.toThrow(/permission denied/);
      await expect(as("DELETE FROM qgis_stands")).rejects.toThrow(/permission denied/);
    } finally {
      await server.db.exec(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });
});
