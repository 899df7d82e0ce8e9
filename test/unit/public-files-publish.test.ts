// 发布 and the build compute the same public files: the server's path (plain layers → measuredPlan → publicFiles)
// gives, byte for byte, what scripts/build-public-data.ts (readPlanLayers → publicFiles) wrote for the same data.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planLayerFiles } from '../../src/layers/analysis-roles.ts';
import type { FC, PlanLayers } from '../../src/core/plan/layers.ts';
import { measuredPlan, publicFiles } from '../../src/public-page/build/public-files.ts';
import { buildPublicData, DEFAULT_DATA_DIR, sampleMeta } from '../../scripts/build-public-data.ts';

const PLAN_LAYER_FILES = planLayerFiles();

describe('public files: 发布 path = build path', { timeout: 120_000 }, () => {
  it('the same texts for the sample data', () => {
    const dir = DEFAULT_DATA_DIR;
    buildPublicData({ dataDir: dir });
    const raw = {} as Record<keyof PlanLayers, FC<unknown> | undefined>;
    for (const [key, file] of Object.entries(PLAN_LAYER_FILES) as [keyof PlanLayers, string][]) {
      if (existsSync(path.join(dir, file))) raw[key] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as FC<unknown>;
    }
    const neighboursFile = path.join(dir, 'neighbours.geojson');
    const neighbours = existsSync(neighboursFile) ? (JSON.parse(readFileSync(neighboursFile, 'utf8')) as FC<unknown>) : undefined;
    const plan = measuredPlan(raw);
    const out = publicFiles(plan.layers, plan.areas, sampleMeta(dir, raw), neighbours);
    expect(Object.keys(out.files).length).toBe(4);
    for (const [rel, text] of Object.entries(out.files)) expect(text, rel).toBe(readFileSync(path.join(dir, rel), 'utf8'));
    expect(Object.keys(JSON.parse(out.files['public/plan-progress.json'] ?? '{}').years ?? {}).length).toBe(11);
  });
});
