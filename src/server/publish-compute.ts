// The CPU-heavy part of 发布, run in a worker thread (publish-worker.ts) so the server keeps answering meanwhile: the
// stands and county read from the data folder, the project layers as the database gave them, measured once, the
// 2020–2030 public aggregates computed with the build's own code (src/public-page/build/public-files.ts) and the leak
// scan run on the result. No database and no server objects here: what goes in and out is plain data.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planLayerFiles } from '../layers/analysis-roles.ts';
import type { FC, PlanLayers } from '../core/plan/layers.ts';
import { measuredPlan, publicFiles } from '../public-page/build/public-files.ts';
import { scanPublicBuild, type Finding } from '../public-page/build/public-scan.ts';

export interface SnapshotInput {
  dataDir: string;
  /** Project layers from the database, by data file name (mines.geojson …). */
  projectLayers: Record<string, FC<unknown>>;
}

export type SnapshotOutput =
  | { ok: true; files: Record<string, string>; townships: number; projects: number }
  | { ok: false; status: number; message: string; findings?: Finding[] };

class Refused extends Error {
  constructor(readonly status: number, message: string, readonly findings?: Finding[]) {
    super(message);
  }
}

function readFileLayer(dir: string, name: string): FC<unknown> | undefined {
  const file = path.join(dir, name);
  if (!existsSync(file)) return undefined;
  // Plain GeoJSON, as the build's one loader reads it (scripts/lib/plan-layers.ts): no feature dropped or altered.
  let fc: FC<unknown>;
  try {
    fc = JSON.parse(readFileSync(file, 'utf8')) as FC<unknown>;
  } catch (e) {
    throw new Refused(500, `${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Refused(500, `${file}: not a GeoJSON FeatureCollection`);
  return fc;
}

function compute({ dataDir, projectLayers }: SnapshotInput): SnapshotOutput {
  const layers = {} as Record<keyof PlanLayers, FC<unknown> | undefined>;
  for (const [key, file] of Object.entries(planLayerFiles()) as [keyof PlanLayers, string][]) layers[key] = projectLayers[file] ?? readFileLayer(dataDir, file);
  if (!layers.stands || !layers.county) throw new Refused(500, `${dataDir}: the stands and the county outline are needed to publish`);
  let dataVersion: string | null = null;
  const summary = path.join(dataDir, 'summary.json');
  if (existsSync(summary)) dataVersion = String((JSON.parse(readFileSync(summary, 'utf8')) as { generator_version?: string }).generator_version ?? '') || null;
  const synthetic = (layers.townships?.features ?? []).some((f) => (f.properties as { synthetic_boundary?: boolean } | null)?.synthetic_boundary === true);
  let plan;
  try {
    plan = measuredPlan(layers);
  } catch (e) {
    throw new Refused(500, `${dataDir}: ${(e as Error).message}`);
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
    if (findings.length) throw new Refused(422, `the public snapshot was refused by the leak scan: ${findings.slice(0, 5).map((f) => `${f.file}: ${f.problem}`).join('; ')}`, findings);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { ok: true, files: out.files, townships: out.townships, projects: out.projects };
}

/** The snapshot's files, or why it cannot be published (status and message; a thrown bug becomes a 500). */
export function computeSnapshot(input: SnapshotInput): SnapshotOutput {
  try {
    return compute(input);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, status: e.status, message: e.message, findings: e.findings };
    return { ok: false, status: 500, message: `publish failed: ${(e as Error).message}` };
  }
}
