// What the analysis worker computes, without the worker: load the plan layers through a file reader (fetch in the
// browser, the file system in the consistency test), measure once, answer progress and carbon-density queries.
// The stands come from the binary columns when the pipeline made them, else from stands.geojson; either way they pass
// through the shared normalisation (src/core/inventory/normalise.ts), like every other consumer.
import type { FeatureCollection } from 'geojson';
import type { StandMethod } from '../core/carbon/stand.ts';
import { fromSquareMetres } from '../core/geo/units.ts';
import { normaliseStands } from '../core/inventory/normalise.ts';
import { planLayerFiles } from '../layers/analysis-roles.ts';
import { computeAreas, REQUIRED_PLAN_LAYERS, type AreaCache, type PlanLayers } from '../core/plan/layers.ts';
import { computeProgress, type PlanProgress } from '../core/plan/progress.ts';
import { layersForTownship } from '../core/plan/township-filter.ts';
import { readStandColumns, STAND_COLUMNS_FILE } from '../core/io/binary/stand-columns.ts';
import { standCentroids } from '../core/io/binary/stand-points.ts';

/** Which file feeds each plan layer (the registry's `plan` role). */
const PLAN_FILES = planLayerFiles();

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
  /** Per forest stand (森林, isForest): lon, lat, area (ha), carbon stock (t CO2e). Transferable. */
  data: Float64Array;
  count: number;
  /** What the figures rest on, for the legend: method, factor-table version, unverified share of the stock. */
  method: StandMethod;
  method_label: string;
  factors_version: string;
  unverified_share: number;
  /** County forest carbon density, t C/ha of forest area (the hexagons' reference). */
  density_tC_per_ha: number;
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

/** Same packing as standCentroids (lon, lat, ha, t CO2e), from the precomputed centres; `keep[i]` = 0 leaves stand i out. */
function pointsFromCentres(c: Float64Array, areasM2: Float64Array, carbon: Float64Array, keep: Uint8Array): { data: Float64Array; count: number } {
  const n = areasM2.length;
  const data = new Float64Array(n * 4);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    data.set([c[2 * i], c[2 * i + 1], fromSquareMetres(areasM2[i], 'ha'), carbon[i] ?? 0], count * 4);
    count++;
  }
  return { data: data.subarray(0, count * 4), count };
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
      const keys = (Object.keys(PLAN_FILES) as (keyof PlanLayers)[]).filter((key) => !(columns && key === 'stands'));
      const entries = await Promise.all(keys.map(async (key) => [key, await readJson(read, PLAN_FILES[key], REQUIRED_PLAN_LAYERS.has(key))] as const));
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

    /**
     * Re-reads the layers other than the stands and the county (the project layers the bureau edits; served from the
     * database by the server) with a cache-busting query and measures them again, so the next progress query reflects
     * an edit at once. The stands keep their areas.
     */
    async reloadProjects(): Promise<void> {
      if (!layers || !areas) return;
      const keys = (Object.keys(PLAN_FILES) as (keyof PlanLayers)[]).filter((key) => !REQUIRED_PLAN_LAYERS.has(key));
      const stamp = Date.now();
      const entries = await Promise.all(keys.map(async (key) => [key, await readJson(read, `${PLAN_FILES[key]}?t=${stamp}`, false)] as const));
      layers = { ...layers, ...Object.fromEntries(entries.filter(([, fc]) => fc)) };
      areas = { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: areas.stands };
      cache.clear();
    },

    /** Progress for the county (code null) or one township as of a year (default: the data's), with timing of the computation itself. */
    progress(code: string | null, method: StandMethod = 'ipcc_bef', year?: number): PlanProgress & { compute_ms: number } {
      if (!layers || !areas) throw new Error('analysis worker: data not loaded');
      const key = `${code ?? 'county'}|${method}${year === undefined ? '' : `|${year}`}`;
      const t0 = performance.now();
      let result = cache.get(key);
      if (!result) {
        const scope = code ? layersForTownship(layers, areas, code) : { layers, areas };
        result = computeProgress(scope.layers, { areas: scope.areas, method, asOfYear: year });
        cache.set(key, result);
      }
      // perStand arrays are large and only needed for the carbon-density view (carbonPoints).
      // The Monte Carlo cells stay here too (the intervals they gave are in county / by_township).
      const { summary, ...rest } = result;
      return {
        ...rest,
        summary: { ...summary, cells: undefined as never, perStand: { carbon_stock_tCO2e: new Float64Array(), annual_sink_tCO2e: new Float64Array(), species_group: [], forest: new Uint8Array() } },
        compute_ms: performance.now() - t0,
      };
    },

    /** Forest stand centroids with area and carbon stock, for the hexagon carbon-density layer, with what they rest on. */
    carbonPoints(method: StandMethod = 'ipcc_bef'): CarbonPoints {
      if (!layers || !areas) throw new Error('analysis worker: data not loaded');
      const progress = cache.get(`county|${method}`) ?? computeProgress(layers, { areas, method });
      cache.set(`county|${method}`, progress);
      const { carbon_stock_tCO2e: carbon, forest } = progress.summary.perStand;
      const packed = centres ? pointsFromCentres(centres, areas.stands, carbon, forest) : standCentroids(layers.stands.features, areas.stands, carbon, forest);
      return {
        ...packed,
        method,
        method_label: progress.method_label,
        factors_version: progress.factors_version,
        unverified_share: progress.county.provenance.unverified_share.carbon_stock,
        density_tC_per_ha: progress.county.carbon_density_tC_per_ha,
      };
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
