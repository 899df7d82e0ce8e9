// 发布 (publish): the public aggregates rebuilt from the current project state with the build's own code
// (src/public-page/build/public-files.ts), scanned by the public leak scan before anything is stored, and kept as a
// numbered snapshot. The latest snapshot is what the public page reads at /public/data/public/…; earlier ones stay
// readable at /api/public-snapshots/:n.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { planLayerFiles } from '../layers/analysis-roles.ts';
import type { FC, PlanLayers } from '../core/plan/layers.ts';
import { PROJECT_LAYERS } from '../core/plan/project-edit.ts';
import { measuredPlan, publicFiles } from '../public-page/build/public-files.ts';
import { scanPublicBuild } from '../public-page/build/public-scan.ts';
import type { Db, Queryable } from './db.ts';
import { ApiError } from './errors.ts';
import { listProjects } from './projects.ts';
import type { User } from './users.ts';

function readFileLayer(dir: string, name: string): FC<unknown> | undefined {
  const file = path.join(dir, name);
  if (!existsSync(file)) return undefined;
  // Plain GeoJSON, as the build's one loader reads it (scripts/lib/plan-layers.ts): no feature dropped or altered.
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FC<unknown>;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new ApiError(500, `${file}: not a GeoJSON FeatureCollection`);
  return fc;
}

/** The plan layers as of now: project layers from the database, the rest (stands, county) from the data folder. */
export async function currentPlanLayers(db: Queryable, dataDir: string): Promise<Record<keyof PlanLayers, FC<unknown> | undefined>> {
  const layers = {} as Record<keyof PlanLayers, FC<unknown> | undefined>;
  for (const [key, file] of Object.entries(planLayerFiles()) as [keyof PlanLayers, string][]) {
    const project = PROJECT_LAYERS.find((l) => l.file === file);
    layers[key] = project ? (await listProjects(db, project.id)) as FC<unknown> : readFileLayer(dataDir, file);
  }
  if (!layers.stands || !layers.county) throw new ApiError(500, `${dataDir}: the stands and the county outline are needed to publish`);
  return layers;
}

export async function publish(db: Db, user: User, dataDir: string): Promise<{ n: number; created_at: string; files: string[]; townships: number; projects: number; ms: number }> {
  if (user.role !== 'editor') throw new ApiError(403, 'only editors publish');
  const t0 = performance.now();
  const { rows: [last] } = await db.query<{ id: string | null }>('SELECT max(id) AS id FROM project_audit');
  const layers = await currentPlanLayers(db, dataDir);
  let dataVersion: string | null = null;
  const summary = path.join(dataDir, 'summary.json');
  if (existsSync(summary)) dataVersion = String((JSON.parse(readFileSync(summary, 'utf8')) as { generator_version?: string }).generator_version ?? '') || null;
  const synthetic = (layers.townships?.features ?? []).some((f) => (f.properties as { synthetic_boundary?: boolean } | null)?.synthetic_boundary === true);
  let plan;
  try {
    plan = measuredPlan(layers);
  } catch (e) {
    throw new ApiError(500, `${dataDir}: ${(e as Error).message}`);
  }
  const out = publicFiles(plan.layers, plan.areas, { sampleData: synthetic || dataVersion !== null, dataVersion }, readFileLayer(dataDir, 'neighbours.geojson'));
  // The leak scan reads a build folder: the snapshot is written to a scratch one and scanned before it is stored.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'xg-publish-'));
  try {
    for (const [rel, text] of Object.entries(out.files)) {
      mkdirSync(path.dirname(path.join(scratch, 'data', rel)), { recursive: true });
      writeFileSync(path.join(scratch, 'data', rel), text);
    }
    const { findings } = scanPublicBuild(scratch);
    if (findings.length) throw new ApiError(422, `the public snapshot was refused by the leak scan: ${findings.slice(0, 5).map((f) => `${f.file}: ${f.problem}`).join('; ')}`, { findings });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const { rows: [row] } = await db.query<{ n: number; created_at: Date }>(
    'INSERT INTO public_snapshots (created_by, files, audit_id) VALUES ($1, $2::jsonb, $3) RETURNING n, created_at',
    [user.username, JSON.stringify(out.files), last?.id ?? null]);
  return { n: row.n, created_at: new Date(row.created_at).toISOString(), files: Object.keys(out.files), townships: out.townships, projects: out.projects, ms: Math.round(performance.now() - t0) };
}

export async function listSnapshots(db: Queryable) {
  const { rows } = await db.query<{ n: number; created_at: Date; created_by: string; audit_id: string | null }>('SELECT n, created_at, created_by, audit_id FROM public_snapshots ORDER BY n DESC');
  return rows.map((r) => ({ n: r.n, created_at: new Date(r.created_at).toISOString(), created_by: r.created_by, audit_id: r.audit_id === null ? null : Number(r.audit_id) }));
}

/** One file of snapshot `n` (the latest when n is null), or null when there is none. */
export async function snapshotFile(db: Queryable, n: number | null, rel: string): Promise<string | null> {
  const { rows } = await db.query<{ text: string | null }>(
    'SELECT files->>$2 AS text FROM public_snapshots WHERE n = coalesce($1, (SELECT max(n) FROM public_snapshots))', [n, rel]);
  return rows[0]?.text ?? null;
}

