// 监测图斑 (monitoring patches): the data release's monitoring-patches.geojson (docs/raster.md; read-only input, read
// once per file change) with the statuses field checks gave them, kept in field_patch_status keyed by patch id.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { PatchStatus } from '../../core/field/templates.ts';
import type { Queryable } from '../db.ts';

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
  updated_at: string;
  updated_by: string;
}

export async function patchStatuses(db: Queryable): Promise<Map<string, StatusRow>> {
  const { rows } = await db.query<StatusRow>(
    `SELECT patch_id, status, report_id, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at, updated_by FROM field_patch_status`);
  return new Map(rows.map((r) => [r.patch_id, r]));
}

/** The 监测图斑 with their current status (the release's, unless a field check changed it). */
export async function patchesWithStatus(db: Queryable, dataDir: string | undefined, filter: { township?: string; status?: string } = {}): Promise<FeatureCollection> {
  const release = releasePatches(dataDir);
  const statuses = await patchStatuses(db);
  const features = release.features.map((f): Feature => {
    const s = statuses.get(String(f.properties.id));
    const props = { ...f.properties, ...(s ? { status: s.status, status_report: s.report_id, status_at: s.updated_at, status_by: s.updated_by } : {}) };
    return { type: 'Feature', id: f.id, geometry: f.geometry, properties: props };
  }).filter((f) => (!filter.township || f.properties!.township_code === filter.township) && (!filter.status || f.properties!.status === filter.status));
  return { type: 'FeatureCollection', features };
}

export async function setPatchStatus(q: Queryable, patchId: string, status: PatchStatus, reportId: string, username: string): Promise<void> {
  await q.query(
    `INSERT INTO field_patch_status (patch_id, status, report_id, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (patch_id) DO UPDATE SET status = EXCLUDED.status, report_id = EXCLUDED.report_id, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [patchId, status, reportId, username]);
}
