// What the analysis worker computes, without the worker: load the plan layers through a file reader (fetch in the
// browser, the file system in the consistency test), measure once, answer progress and carbon-density queries.
// The stands come from the binary columns when the pipeline made them, else from stands.geojson; either way they pass
// through the shared normalisation (src/core/inventory/normalise.ts), like every other consumer.
import type { FeatureCollection } from 'geojson';
import type { StandMethod } from '../core/carbon/stand.ts';
import { fromSquareMetres } from '../core/geo/units.ts';
import { normaliseStands } from '../core/inventory/normalise.ts';
import { PLAN_LAYER_FILES } from '../core/plan/layer-files.ts';
import { computeAreas, type AreaCache, type PlanLayers } from '../core/plan/layers.ts';
import { computeProgress, type PlanProgress } from '../core/plan/progress.ts';
import { layersForTownship } from '../core/plan/township-filter.ts';
import { readStandColumns, STAND_COLUMNS_FILE } from './stand-columns.ts';
import { standCentroids } from './stand-points.ts';

/** Bytes of a data file, or undefined when it does not exist (404); throws on any other failure. */
export type ReadDataFile = (file: string) => Promise<Uint8Array | undefined>;

export interface LoadReport {
  stands: number;
  load_ms: number;
  areas_ms: number;
  /** 'columns': stands.columns.bin (attributes, areas and centres precomputed by scripts/tiles/); 'geojson': fallback. */
  stands_from: 'columns' | 'geojson';
}

export interface CarbonPoints {
  /** Per stand: lon, lat, area (ha), carbon stock (t CO2e). Transferable. */
  data: Float64Array;
  count: number;
}

async function readJson(read: ReadDataFile, file: string, required: boolean): Promise<FeatureCollection | undefined> {
  const bytes = await read(file);
  if (!bytes) {
    if (required) throw new Error(`${file}: not found`);
    return undefined;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Same packing as standCentroids (lon, lat, ha, t CO2e), from the precomputed centres. */
function pointsFromCentres(c: Float64Array, areasM2: Float64Array, carbon: Float64Array): CarbonPoints {
  const n = areasM2.length;
  const data = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) data.set([c[2 * i], c[2 * i + 1], fromSquareMetres(areasM2[i], 'ha'), carbon[i] ?? 0], i * 4);
  return { data, count: n };
}

export function createAnalysis(read: ReadDataFile) {
  let layers: PlanLayers | null = null;
  let areas: AreaCache | null = null;
  /** Stand centres (lon, lat pairs) when the stands came from the columns file, which has no geometry. */
  let centres: Float64Array | null = null;
  const cache = new Map<string, PlanProgress>();

  return {
    async load(): Promise<LoadReport> {
      const t0 = performance.now();
      const columnBytes = await read(STAND_COLUMNS_FILE);
      const columns = columnBytes ? readStandColumns(columnBytes) : undefined;
      const keys = (Object.keys(PLAN_LAYER_FILES) as (keyof PlanLayers)[]).filter((key) => !(columns && key === 'stands'));
      const entries = await Promise.all(keys.map(async (key) => [key, await readJson(read, PLAN_LAYER_FILES[key], key === 'stands' || key === 'county')] as const));
      layers = Object.fromEntries(entries.filter(([, fc]) => fc)) as unknown as PlanLayers;
      if (columns) layers.stands = columns.stands as unknown as PlanLayers['stands'];
      const t1 = performance.now();
      if (columns) {
        // Only the small layers are measured here; the stands' areas come with the columns (same geodesicArea, at build time).
        areas = { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: columns.areas };
        centres = columns.centres;
      } else {
        areas = computeAreas(layers);
        centres = null;
      }
      layers.stands = { type: 'FeatureCollection', features: normaliseStands(layers.stands.features, areas.stands).features };
      cache.clear();
      return { stands: layers.stands.features.length, load_ms: t1 - t0, areas_ms: performance.now() - t1, stands_from: columns ? 'columns' : 'geojson' };
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
      const carbon = progress.summary.perStand.carbon_stock_tCO2e;
      return centres ? pointsFromCentres(centres, areas.stands, carbon) : standCentroids(layers.stands.features, areas.stands, carbon);
    },
  };
}

/** The browser's reader: data files under `base`, 404 → undefined. */
export function fetchReader(base: string): ReadDataFile {
  return async (file) => {
    const response = await fetch(new URL(file, base));
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
