// The one Node loader of a data folder (the sample data/ or a release written by `npm run data:import`): reads every
// plan layer as plain GeoJSON (as the map and the workers do — no feature is dropped or altered on the way), measures
// them once on the ellipsoid and passes the stands through the shared normalisation. The targets CLI, the public-data
// build and the consistency test all read data through here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseStands, type NormaliseReport } from '../../src/core/inventory/normalise.ts';
import { planLayerFiles } from '../../src/layers/analysis-roles.ts';
import { computeAreas, REQUIRED_PLAN_LAYERS, type AreaCache, type FC, type PlanLayers } from '../../src/core/plan/layers.ts';

/** Which file feeds each plan layer (the registry's `plan` role). */
const PLAN_FILES = planLayerFiles();

export interface LoadedPlanLayers {
  layers: PlanLayers;
  areas: AreaCache;
  stands: NormaliseReport;
  /** Optional layers that were not there (their targets show no progress). */
  missing: string[];
}

export function readGeoJsonLayer(file: string): FC<unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const fc = parsed as FC<unknown>;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const bad = fc.features.findIndex((f) => !f || f.type !== 'Feature' || typeof f.properties !== 'object');
  if (bad >= 0) throw new Error(`${file}: feature ${bad} is not a GeoJSON Feature with properties`);
  return fc;
}

/** Stands already in memory (the import has just written them): their features and areas, index-aligned. */
export interface StandsInMemory {
  features: FC<unknown>['features'];
  areas: Float64Array;
}

export function readPlanLayers(dir: string, required: ReadonlySet<keyof PlanLayers> = REQUIRED_PLAN_LAYERS, stands?: StandsInMemory): LoadedPlanLayers {
  const layers = {} as Record<keyof PlanLayers, FC<unknown> | undefined>;
  const missing: string[] = [];
  // The required files first, in the caller's order (the stands before the county): the message names the one that matters.
  for (const key of required) {
    const file = join(dir, PLAN_FILES[key]);
    if (!(stands && key === 'stands') && !existsSync(file)) throw new Error(`${file}: no such file (run \`npm run data\`, or \`npm run data:import\` for a bureau's inventory)`);
  }
  for (const key of Object.keys(PLAN_FILES) as (keyof PlanLayers)[]) {
    if (stands && key === 'stands') continue;
    const file = join(dir, PLAN_FILES[key]);
    if (!existsSync(file)) {
      if (required.has(key)) throw new Error(`${file}: no such file (run \`npm run data\`, or \`npm run data:import\` for a bureau's inventory)`);
      missing.push(file);
      continue;
    }
    layers[key] = readGeoJsonLayer(file);
  }
  layers.county ??= { type: 'FeatureCollection', features: [] };
  let areas: AreaCache;
  try {
    if (stands) {
      areas = { ...computeAreas({ ...(layers as unknown as PlanLayers), stands: { type: 'FeatureCollection', features: [] } }), stands: stands.areas };
      layers.stands = { type: 'FeatureCollection', features: stands.features };
    } else areas = computeAreas(layers as unknown as PlanLayers);
  } catch (e) {
    throw new Error(`${dir}: ${(e as Error).message}`);
  }
  const { features, report } = normaliseStands(layers.stands!.features, areas.stands);
  layers.stands = { type: 'FeatureCollection', features };
  return { layers: layers as unknown as PlanLayers, areas, stands: report, missing };
}
