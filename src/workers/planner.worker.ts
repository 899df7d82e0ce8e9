// The planner's worker: parses imported files (core/io) and analyses sites against the plan layers (core/analysis),
// so a 50 MB shapefile or a site over 30,000 stands never freezes the map. Layers and the index load once, lazily.
import { expose } from 'comlink';
import type { FeatureCollection, Geometry } from 'geojson';
import { analyseSite, buildSiteIndex, type SiteAnalysis, type SiteIndex, type SiteType } from '../core/analysis/index.ts';
import { normaliseStands } from '../core/inventory/normalise.ts';
import { importFile } from '../core/io/registry.ts';
import type { ImportOptions, ImportResult } from '../core/io/types.ts';
import { PLAN_LAYER_FILES } from '../core/plan/layer-files.ts';
import { computeAreas, type PlanLayers } from '../core/plan/layers.ts';
import { readStandColumns, STAND_COLUMNS_FILE } from './stand-columns.ts';
import { readStandGeometry, STAND_GEOMETRY_FILE } from './stand-geometry.ts';

let index: Promise<SiteIndex> | null = null;

async function fetchJson(base: string, file: string, required: boolean): Promise<FeatureCollection | undefined> {
  const response = await fetch(new URL(file, base));
  if (!response.ok) {
    if (!required && response.status === 404) return undefined;
    throw new Error(`${file}: HTTP ${response.status}`);
  }
  return (await response.json()) as FeatureCollection;
}

async function fetchBytes(base: string, file: string): Promise<Uint8Array | undefined> {
  const response = await fetch(new URL(file, base));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The stands from the pipeline's binary files (attributes and areas from the columns, polygons from the geometry file:
 * 200k stands ~36 MB instead of the 131 MB stands.geojson and no area pass), or undefined when either is absent.
 */
async function binaryStands(base: string) {
  const [columnBytes, geometryBytes] = await Promise.all([fetchBytes(base, STAND_COLUMNS_FILE), fetchBytes(base, STAND_GEOMETRY_FILE)]);
  if (!columnBytes || !geometryBytes) return undefined;
  const columns = readStandColumns(columnBytes);
  const { source, geometries } = readStandGeometry(geometryBytes);
  if (geometries.length !== columns.count || source.sha1 !== columns.source.sha1) {
    throw new Error(`${STAND_GEOMETRY_FILE}: made from another stands.geojson than ${STAND_COLUMNS_FILE} (run npm run data)`);
  }
  const features = columns.stands.features.map((f, i) => ({ ...f, geometry: geometries[i] }));
  return { stands: { type: 'FeatureCollection', features } as unknown as PlanLayers['stands'], areas: columns.areas };
}

async function loadIndex(base: string): Promise<SiteIndex> {
  const binary = await binaryStands(base);
  const entries = await Promise.all(
    (Object.keys(PLAN_LAYER_FILES) as (keyof PlanLayers)[])
      .filter((k) => k !== 'gasPipelines' && k !== 'substations' && !(binary && k === 'stands'))
      .map(async (key) => [key, await fetchJson(base, PLAN_LAYER_FILES[key], key === 'stands')] as const),
  );
  const layers = Object.fromEntries(entries.filter(([, fc]) => fc)) as unknown as PlanLayers;
  layers.county ??= { type: 'FeatureCollection', features: [] };
  if (!binary) {
    // The shared normalisation, as for every consumer (二类 field names and codes → the schema; schema stands pass through).
    const areas = computeAreas(layers);
    return buildSiteIndex({ ...layers, stands: { type: 'FeatureCollection', features: normaliseStands(layers.stands.features, areas.stands).features } }, areas);
  }
  // Only the small layers are measured here; the stands' areas come with the columns (same geodesicArea, at build time).
  const areas = { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: binary.areas };
  return buildSiteIndex({ ...layers, stands: binary.stands }, areas);
}

export type ImportOutcome = { ok: true; result: ImportResult; ms: number } | { ok: false; message: string };

const api = {
  async analyse(base: string, geometry: Geometry, type: SiteType, year: number): Promise<SiteAnalysis & { ms: number }> {
    index ??= loadIndex(base);
    let idx: SiteIndex;
    try {
      idx = await index;
    } catch (e) {
      index = null; // let a later call retry
      throw e;
    }
    const t0 = performance.now();
    const a = analyseSite(idx, geometry, { type, year });
    return { ...a, ms: performance.now() - t0 };
  },

  /** Never throws: a bad file comes back as { ok: false, message } naming the file and the problem. */
  importFile(name: string, bytes: Uint8Array, options?: ImportOptions): ImportOutcome {
    const t0 = performance.now();
    try {
      return { ok: true, result: importFile(name, bytes, options), ms: performance.now() - t0 };
    } catch (e) {
      const m = (e as Error)?.message ?? String(e);
      return { ok: false, message: m.includes(name) ? m : `${name}: ${m}` };
    }
  },
};

export type PlannerApi = typeof api;
expose(api);
