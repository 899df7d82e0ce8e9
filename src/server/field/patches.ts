// 监测图斑 (monitoring patches): the data release's monitoring-patches.geojson (docs/raster.md; read-only input, read
// once per file change) with the statuses field checks gave them, kept in field_patch_status keyed by patch id.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { patchStatusKey, type PatchStatus } from '../../core/field/templates.ts';
import type { Queryable } from '../db.ts';
import { ApiError } from '../errors.ts';

export const PATCH_FILE = 'monitoring-patches.geojson';

export interface ReleasePatches {
  features: Feature<Geometry, Record<string, unknown>>[];
  byId: Map<string, Feature<Geometry, Record<string, unknown>>>;
}

const EMPTY: ReleasePatches = { features: [], byId: new Map() };
let cache: { file: string; mtime: number; size: number; patches: ReleasePatches } | null = null;

/** The release's 监测图斑 (none when the release has no such file); a broken file says which and why. */
export function releasePatches(dataDir: string | undefined): ReleasePatches {
  if (!dataDir) return EMPTY;
  const file = path.join(dataDir, PATCH_FILE);
  if (!existsSync(file)) return EMPTY;
  const st = statSync(file);
  if (cache && cache.file === file && cache.mtime === st.mtimeMs && cache.size === st.size) return cache.patches;
  let fc: FeatureCollection<Geometry, Record<string, unknown>>;
  try {
    fc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!fc || !Array.isArray(fc.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const features = fc.features.filter((f) => f && f.properties && typeof f.properties.id === 'string');
  const patches = { features, byId: new Map(features.map((f) => [String(f.properties.id), f])) };
  cache = { file, mtime: st.mtimeMs, size: st.size, patches };
  return patches;
}

export interface StatusRow {
  patch_id: string;
  status: PatchStatus;
  report_id: string | null;
  comment: string;
  updated_at: string;
  updated_by: string;
}

/** One 图斑's status as GET /api/patches answers it (updated_* and report_id null while it has the release's status). */
export interface PatchStatusOut {
  id: string;
  status: PatchStatus;
  updated_at: string | null;
  updated_by: string | null;
  report_id: string | null;
  comment: string;
  township_code: string | null;
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export async function patchStatuses(db: Queryable, ids?: string[]): Promise<Map<string, StatusRow>> {
  const { rows } = await db.query<StatusRow>(
    `SELECT patch_id, status, report_id, comment, ${ISO('updated_at')} AS updated_at, updated_by FROM field_patch_status
     WHERE $1::text[] IS NULL OR patch_id = ANY ($1::text[])`, [ids ?? null]);
  return new Map(rows.map((r) => [r.patch_id, r]));
}

export interface PatchFilter {
  township?: string;
  status?: string;
}

const matches = (p: { status: string; township_code: string | null }, f: PatchFilter) => (!f.township || p.township_code === f.township) && (!f.status || p.status === f.status);

function statusOut(f: Feature<Geometry, Record<string, unknown>>, s: StatusRow | undefined): PatchStatusOut {
  return {
    id: String(f.properties.id),
    status: s?.status ?? patchStatusKey(f.properties.status),
    updated_at: s?.updated_at ?? null,
    updated_by: s?.updated_by ?? null,
    report_id: s?.report_id ?? null,
    comment: s?.comment ?? '',
    township_code: (f.properties.township_code as string | undefined) ?? null,
  };
}

/** GET /api/patches: every 监测图斑 of the release with its current status (the release's, unless set since). */
export async function listPatchStatuses(db: Queryable, dataDir: string | undefined, filter: PatchFilter = {}): Promise<PatchStatusOut[]> {
  const statuses = await patchStatuses(db);
  return releasePatches(dataDir).features.map((f) => statusOut(f, statuses.get(String(f.properties.id)))).filter((p) => matches(p, filter));
}

/** GET /api/patches?format=geojson: the 图斑 with their current status (key) and its change in the properties. */
export async function patchesWithStatus(db: Queryable, dataDir: string | undefined, filter: PatchFilter = {}): Promise<FeatureCollection> {
  const statuses = await patchStatuses(db);
  const features: Feature[] = [];
  for (const f of releasePatches(dataDir).features) {
    const s = statusOut(f, statuses.get(String(f.properties.id)));
    if (!matches(s, filter)) continue;
    features.push({ type: 'Feature', id: f.id, geometry: f.geometry, properties: { ...f.properties, status: s.status, status_report: s.report_id, status_at: s.updated_at, status_by: s.updated_by, status_comment: s.comment } });
  }
  return { type: 'FeatureCollection', features };
}

/** Sets a 图斑's status (from an accepted report, or by an editor's hand with a comment) and records the change. */
export async function setPatchStatus(q: Queryable, patchId: string, status: PatchStatus, reportId: string | null, username: string, comment = ''): Promise<void> {
  await q.query(
    `INSERT INTO field_patch_status (patch_id, status, report_id, comment, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (patch_id) DO UPDATE SET status = EXCLUDED.status, report_id = EXCLUDED.report_id, comment = EXCLUDED.comment,
       updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [patchId, status, reportId, comment, username]);
  await q.query('INSERT INTO field_patch_history (patch_id, status, report_id, comment, changed_by) VALUES ($1, $2, $3, $4, $5)', [patchId, status, reportId, comment, username]);
}

export interface PatchHistoryRow {
  status: PatchStatus;
  report_id: string | null;
  comment: string;
  changed_at: string;
  changed_by: string;
}

export async function patchHistory(q: Queryable, patchId: string): Promise<PatchHistoryRow[]> {
  const { rows } = await q.query<PatchHistoryRow>(
    `SELECT status, report_id, comment, ${ISO('changed_at')} AS changed_at, changed_by FROM field_patch_history WHERE patch_id = $1 ORDER BY id`, [patchId]);
  return rows;
}

/** One 图斑 with its status (404 keyed when the release has no such 图斑). */
export async function patchStatusOf(q: Queryable, dataDir: string | undefined, patchId: string): Promise<{ feature: Feature<Geometry, Record<string, unknown>>; status: PatchStatusOut }> {
  const f = releasePatches(dataDir).byId.get(patchId);
  if (!f) throw ApiError.keyed(404, 'field.patch.notFound', { id: patchId });
  return { feature: f, status: statusOut(f, (await patchStatuses(q, [patchId])).get(patchId)) };
}
