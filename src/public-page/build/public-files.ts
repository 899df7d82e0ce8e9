// The public aggregates as file texts, computed from plan layers: the one computation behind
// scripts/build-public-data.ts (files on disk, read by scripts/lib/plan-layers.ts) and the server's publish step
// (the current state in the database). Stands pass through the shared normalisation (src/core/inventory/normalise.ts).
import type { FeatureCollection, Geometry } from 'geojson';
import { DEFAULT_FACTORS } from '../../core/carbon/factors.ts';
import { normaliseStands } from '../../core/inventory/normalise.ts';
import { computeAreas, type AreaCache, type FC, type PlanLayers } from '../../core/plan/layers.ts';
import { monteCarloRuns } from '../../core/carbon/monte-carlo.ts';
import { AS_OF_YEAR, computeProgress, progressCells } from '../../core/plan/progress.ts';
import { summariseStandsForYears, type StandSummary } from '../../core/plan/stand-summary.ts';
import { FIRST_YEAR, isProjection, LAST_YEAR } from '../../core/plan/years.ts';
import { NEIGHBOURS_FILE, PLAN_PROGRESS_FILE, PROJECTS_FILE, TOWNSHIP_STATS_FILE } from '../public-data.ts';
import { publicData } from './aggregate.ts';
import { simplifiedContext } from './context.ts';

/** One feature per line, like the sample data, so the files diff well. */
export function featureCollectionText(fc: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export interface PublicFiles {
  /** Path under the data folder (e.g. public/plan-progress.json) → text. */
  files: Record<string, string>;
  townships: number;
  projects: number;
  /** The stand summary behind the figures. */
  summary: StandSummary;
}

/**
 * Plain layers as read (stands and county required) → measured once on the ellipsoid, stands normalised: what
 * scripts/lib/plan-layers.ts readPlanLayers does for a data folder, for layers that come from elsewhere (the database).
 */
export function measuredPlan(raw: Record<keyof PlanLayers, FC<unknown> | undefined>): { layers: PlanLayers; areas: AreaCache } {
  const layers = { ...raw, county: raw.county ?? { type: 'FeatureCollection', features: [] } } as Record<keyof PlanLayers, FC<unknown> | undefined>;
  const areas = computeAreas(layers as unknown as PlanLayers);
  layers.stands = { type: 'FeatureCollection', features: normaliseStands(layers.stands!.features, areas.stands).features };
  return { layers: layers as unknown as PlanLayers, areas };
}

/** Computes the public files from measured, normalised layers (readPlanLayers or measuredPlan). */
export function publicFiles(plan: PlanLayers, areas: AreaCache, meta: { sampleData: boolean; dataVersion: string | null }, neighbours: FC<unknown> | undefined): PublicFiles {
  // The stand pass for the as-of year and for every year of the year control, done once over the stands (at 200k
  // stands twelve passes took over half of an import); each year's figures are then the same computation as before.
  const years: number[] = [AS_OF_YEAR];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) years.push(year);
  const summaries = summariseStandsForYears(plan.stands, areas.stands, DEFAULT_FACTORS, { method: 'ipcc_bef', years });
  // and the Monte Carlo of every year at once: a cell that is the same in several years is evaluated once a draw
  const mcs = monteCarloRuns(summaries.map((s, i) => progressCells(plan, areas, s, years[i])), DEFAULT_FACTORS);
  const progress = computeProgress(plan, { factors: DEFAULT_FACTORS, areas, summary: summaries[0], mc: mcs[0] });
  const out = publicData(plan, areas, progress, DEFAULT_FACTORS, meta);
  out.planProgress.years = {};
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const i = year - FIRST_YEAR + 1;
    const p = publicData(plan, areas, computeProgress(plan, { factors: DEFAULT_FACTORS, areas, asOfYear: year, summary: summaries[i], mc: mcs[i] }), DEFAULT_FACTORS, meta).planProgress;
    out.planProgress.years[year] = {
      year, projection: isProjection(year, progress.as_of_year), unverified_share: p.unverified_share, county: p.county, targets: p.targets, townships: p.townships,
    };
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
    summary: progress.summary,
  };
}
