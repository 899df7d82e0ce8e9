// The analysis worker: loads the plan layers once, measures every polygon once (ellipsoidal areas cached), then answers
// progress, roll-ups and carbon-density queries off the main thread, so the map never freezes.
import { expose } from 'comlink';
import type { FeatureCollection } from 'geojson';
import type { StandMethod } from '../core/carbon/stand.ts';
import { PLAN_LAYER_FILES } from '../core/plan/layer-files.ts';
import { computeAreas, type AreaCache, type PlanLayers } from '../core/plan/layers.ts';
import { computeProgress, type PlanProgress } from '../core/plan/progress.ts';
import { layersForTownship } from '../core/plan/township-filter.ts';
import { standCentroids } from './stand-points.ts';

let layers: PlanLayers | null = null;
let areas: AreaCache | null = null;
const cache = new Map<string, PlanProgress>();

async function fetchJson(base: string, file: string, required: boolean): Promise<FeatureCollection | undefined> {
  const response = await fetch(new URL(file, base));
  if (!response.ok) {
    if (!required && response.status === 404) return undefined;
    throw new Error(`${file}: HTTP ${response.status}`);
  }
  try {
    return (await response.json()) as FeatureCollection;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

export interface LoadReport {
  stands: number;
  load_ms: number;
  areas_ms: number;
}

export interface CarbonPoints {
  /** Per stand: lon, lat, area (ha), carbon stock (t CO2e). Transferable. */
  data: Float64Array;
  count: number;
}

const api = {
  async load(dataBase: string): Promise<LoadReport> {
    const t0 = performance.now();
    const entries = await Promise.all(
      (Object.keys(PLAN_LAYER_FILES) as (keyof PlanLayers)[]).map(async (key) => [key, await fetchJson(dataBase, PLAN_LAYER_FILES[key], key === 'stands' || key === 'county')] as const),
    );
    layers = Object.fromEntries(entries.filter(([, fc]) => fc)) as unknown as PlanLayers;
    const t1 = performance.now();
    areas = computeAreas(layers);
    cache.clear();
    return { stands: layers.stands.features.length, load_ms: t1 - t0, areas_ms: performance.now() - t1 };
  },

  /** Progress for the county (code null) or one township, with timing of the computation itself. */
  progress(code: string | null, method: StandMethod = 'ipcc_bef'): PlanProgress & { compute_ms: number } {
    if (!layers || !areas) throw new Error('analysis worker: data not loaded');
    const key = `${code ?? 'county'}|${method}`;
    const t0 = performance.now();
    let result = cache.get(key);
    if (!result) {
      const scope = code ? layersForTownship(layers, areas, code) : { layers, areas };
      result = computeProgress(scope.layers, { areas: scope.areas, method });
      cache.set(key, result);
    }
    // perStand arrays are large and only needed for the carbon-density view (carbonPoints).
    const { summary, ...rest } = result;
    return { ...rest, summary: { ...summary, perStand: { carbon_stock_tCO2e: new Float64Array(), annual_sink_tCO2e: new Float64Array(), species_group: [] } }, compute_ms: performance.now() - t0 };
  },

  /** Stand centroids with area and carbon stock, for the hexagon carbon-density layer. */
  carbonPoints(method: StandMethod = 'ipcc_bef'): CarbonPoints {
    if (!layers || !areas) throw new Error('analysis worker: data not loaded');
    const progress = cache.get(`county|${method}`) ?? computeProgress(layers, { areas, method });
    cache.set(`county|${method}`, progress);
    return standCentroids(layers.stands.features, areas.stands, progress.summary.perStand.carbon_stock_tCO2e);
  },
};

export type AnalysisApi = typeof api;
expose(api);
