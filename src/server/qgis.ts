// What QGIS reads: the active stands loaded into PostGIS in batches (multi-row inserts from one JSON parameter per
// batch; areas from src/core, not recomputed by the database), and a read-only login role allowed to SELECT the qgis_*
// views and nothing else. See docs/qgis.md.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { geodesicArea } from '../core/geo/measure.ts';
import type { Db, Queryable } from './db.ts';

export const QGIS_VIEWS = ['qgis_projects', 'qgis_townships', 'qgis_stands', 'qgis_sites', 'qgis_mines', 'qgis_pv', 'qgis_wind_farms', 'qgis_wind_turbines', 'qgis_substations', 'qgis_wetlands', 'qgis_carbon_pilots', 'qgis_oil_tea_bases', 'qgis_gas_pipelines'];
const BATCH = 2000;

/** Loads data/stands.geojson when it differs from the last load (by hash); the table is replaced in one transaction. */
export async function loadStands(db: Db, dataDir: string, log: (l: string) => void = () => undefined): Promise<{ loaded: boolean; stands: number; ms: number }> {
  const file = path.join(dataDir, 'stands.geojson');
  if (!existsSync(file)) return { loaded: false, stands: 0, ms: 0 };
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const { rows: last } = await db.query<{ hash: string }>('SELECT hash FROM stand_releases ORDER BY id DESC LIMIT 1');
  if (last[0]?.hash === hash) return { loaded: false, stands: 0, ms: 0 };
  const fc = JSON.parse(bytes.toString('utf8')) as FeatureCollection;
  const rows = fc.features.filter((f) => f.geometry).map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    return { id: String(p.id), t: p.township_code ?? null, p, a: geodesicArea(f.geometry as never), g: f.geometry };
  });
  await db.tx(async (q) => {
    await q.query('DELETE FROM stands');
    for (let i = 0; i < rows.length; i += BATCH) {
      await q.query(
        `INSERT INTO stands (id, township_code, props, area_m2, geom)
         SELECT r->>'id', r->>'t', r->'p', (r->>'a')::double precision, ST_SetSRID(ST_GeomFromGeoJSON((r->'g')::text), 4490)
         FROM jsonb_array_elements($1::jsonb) AS r`,
        [JSON.stringify(rows.slice(i, i + BATCH))]);
    }
    await q.query('INSERT INTO stand_releases (hash, stands) VALUES ($1, $2)', [hash, rows.length]);
  });
  const ms = performance.now() - t0;
  log(`database: loaded ${rows.length} stands for QGIS (${(ms / 1000).toFixed(1)} s)`);
  return { loaded: true, stands: rows.length, ms };
}

const ROLE_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or updates the password of) a login role that may read the qgis_* views and nothing else. The role name and
 * password are quoted by PostgreSQL itself (format %I / %L), never pasted into SQL here.
 */
export async function createReadOnlyRole(db: Queryable, role: string, password: string): Promise<void> {
  if (!ROLE_RE.test(role)) throw new Error('role name: lower-case letters, digits and _, starting with a letter');
  if (password.length < 12) throw new Error('password: at least 12 characters');
  const { rows: [exists] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [role]);
  const { rows: [ddl] } = await db.query<{ s: string }>(
    exists.n ? 'SELECT format($$ALTER ROLE %I LOGIN PASSWORD %L$$, $1::text, $2::text) AS s' : 'SELECT format($$CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE$$, $1::text, $2::text) AS s',
    [role, password]);
  await db.exec(ddl.s);
  const { rows: [grants] } = await db.query<{ s: string }>(
    `SELECT format('GRANT USAGE ON SCHEMA public TO %1$I; REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %1$I; GRANT SELECT ON %2$s TO %1$I; GRANT SELECT ON spatial_ref_sys, geometry_columns TO %1$I', $1::text, $2::text) AS s`,
    [role, QGIS_VIEWS.join(', ')]);
  await db.exec(grants.s);
}
