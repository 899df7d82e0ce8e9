// The public aggregates as file texts, computed from plan layers already read: the one computation behind
// scripts/build-public-data.ts (files on disk) and the server's publish step (the current state in the database).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { DEFAULT_FACTORS } from '../../core/carbon/factors.ts';
import { detectFields, mapStand } from '../../core/inventory/field-mapping.ts';
import { computeAreas, type FC, type PlanLayers } from '../../core/plan/layers.ts';
import { computeProgress } from '../../core/plan/progress.ts';
import { FIRST_YEAR, isProjection, LAST_YEAR } from '../../core/plan/years.ts';
import { NEIGHBOURS_FILE, PLAN_PROGRESS_FILE, PROJECTS_FILE, TOWNSHIP_STATS_FILE } from '../public-data.ts';
import { publicData } from './aggregate.ts';
import { simplifiedContext } from './context.ts';

/** Stands with 二类 field names are mapped onto the schema (as the targets CLI does); schema-named stands pass through. */
export function normaliseStands(fc: FC<unknown>, file: string, areas: Float64Array): FC<unknown> {
  const keys = new Set<string>();
  for (const f of fc.features.slice(0, 1000)) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  const { map } = detectFields(keys);
  if (map.species === 'species' || fc.features.length === 0) return fc;
  if (!map.species) throw new Error(`${file}: no dominant-species attribute (species, 优势树种, YSSZ …)`);
  const features = fc.features.map((f, i): Feature<Geometry | null, unknown> => {
    const { stand } = mapStand((f.properties ?? {}) as Record<string, unknown>, map, areas[i]);
    return { ...f, properties: { upgrade_type: null, oil_tea_work: null, carbon_afforestation: false, canopy: 0, ...stand } };
  });
  return { type: 'FeatureCollection', features };
}

/** One feature per line, like the sample data, so the files diff well. */
export function featureCollectionText(fc: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export interface PublicFiles {
  /** Path under the data folder (e.g. public/plan-progress.json) → text. */
  files: Record<string, string>;
  townships: number;
  projects: number;
}

/** Computes the public files from the layers (stands and county required); `standsFile` names the stands in messages. */
export function publicFiles(layers: Record<keyof PlanLayers, FC<unknown> | undefined>, meta: { sampleData: boolean; dataVersion: string | null }, neighbours: FC<unknown> | undefined, standsFile: string): PublicFiles {
  const areas = computeAreas(layers as unknown as PlanLayers);
  const all = { ...layers, stands: normaliseStands(layers.stands!, standsFile, areas.stands) };
  const plan = all as unknown as PlanLayers;
  const progress = computeProgress(plan, { factors: DEFAULT_FACTORS, areas });
  const out = publicData(plan, areas, progress, DEFAULT_FACTORS, meta);
  // The year control's figures: the same computation for every year (one summary pass each, ~0.1 s at 32k stands).
  out.planProgress.years = {};
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const p = publicData(plan, areas, computeProgress(plan, { factors: DEFAULT_FACTORS, areas, asOfYear: year }), DEFAULT_FACTORS, meta).planProgress;
    out.planProgress.years[year] = { year, projection: isProjection(year, progress.as_of_year), county: p.county, targets: p.targets, townships: p.townships };
  }
  return {
    files: {
      [TOWNSHIP_STATS_FILE]: featureCollectionText(out.townshipStats),
      [PROJECTS_FILE]: featureCollectionText(out.projects),
      [PLAN_PROGRESS_FILE]: `${JSON.stringify(out.planProgress, null, 1)}\n`,
      // The basemap frame is optional: without neighbours.geojson the page shows the county alone.
      [NEIGHBOURS_FILE]: featureCollectionText(neighbours ? simplifiedContext(neighbours as FeatureCollection<Geometry | null>) : { type: 'FeatureCollection', features: [] }),
    },
    townships: out.townshipStats.features.length,
    projects: out.projects.features.length,
  };
}
