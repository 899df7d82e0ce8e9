// The planner's worker: parses imported files (core/io) and analyses sites against the plan layers (core/analysis),
// so a 50 MB shapefile or a site over 30,000 stands never freezes the map. Layers and the index load once, lazily.
import { expose } from 'comlink';
import type { FeatureCollection, Geometry } from 'geojson';
import { analyseSite, buildSiteIndex, type SiteAnalysis, type SiteIndex, type SiteType } from '../core/analysis/index.ts';
import { normaliseStands } from '../core/inventory/normalise.ts';
import { importFile } from '../core/io/registry.ts';
import type { ImportOptions, ImportResult } from '../core/io/types.ts';
import { overlapLayers, overlapSources, planLayerFiles } from '../layers/analysis-roles.ts';
import { computeAreas, type PlanLayers } from '../core/plan/layers.ts';
import { readStandColumns, STAND_COLUMNS_FILE } from '../core/io/binary/stand-columns.ts';
import { readStandGeometry, STAND_GEOMETRY_FILE } from '../core/io/binary/stand-geometry.ts';
import type { Feature } from 'geojson';
import { bboxOf } from '../core/geo/positions.ts';
import { encodeShare, type EncodedShare, type ShareState } from '../core/share/share-link.ts';
import { locateProblem, type Where } from '../planner/import-messages.ts';
import { buildPickIndex, pickAt, type PickIndex } from '../planner/reference/pick-index.ts';
import { referenceStore, type ReferenceMeta, type ReferenceRecord } from '../planner/reference/reference-store.ts';
import type { SiteZonal } from '../core/raster/zone-summary.ts';
import { zoneSummaries } from './raster-zonal.ts';

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

/** The files site analysis reads: the stands, the county, the townships (for names) and every overlap layer (the registry's). */
function indexFiles(withStands: boolean): [string, string, boolean][] {
  const plan = planLayerFiles();
  const files: [string, string, boolean][] = [['county', plan.county, false]];
  if (withStands) files.push(['stands', plan.stands, true]);
  if (plan.townships) files.push(['townships', plan.townships, false]);
  for (const o of overlapLayers()) files.push([o.key, o.file, false]);
  return files;
}

async function loadIndex(base: string): Promise<SiteIndex> {
  const binary = await binaryStands(base);
  const entries = await Promise.all(indexFiles(!binary).map(async ([key, file, required]) => [key, await fetchJson(base, file, required)] as const));
  const loaded = Object.fromEntries(entries.filter(([, fc]) => fc)) as Record<string, FeatureCollection | undefined>;
  const layers = loaded as unknown as PlanLayers;
  layers.county ??= { type: 'FeatureCollection', features: [] };
  const overlaps = overlapSources(loaded);
  if (!binary) {
    // The shared normalisation, as for every consumer (二类 field names and codes → the schema; schema stands pass through).
    const areas = computeAreas(layers);
    return buildSiteIndex({ ...layers, stands: { type: 'FeatureCollection', features: normaliseStands(layers.stands.features, areas.stands).features } }, areas, overlaps);
  }
  // Only the small layers are measured here; the stands' areas come with the columns (same geodesicArea, at build time).
  const areas = { ...computeAreas({ ...layers, stands: { type: 'FeatureCollection', features: [] } }), stands: binary.areas };
  return buildSiteIndex({ ...layers, stands: binary.stands }, areas, overlaps);
}

/**
 * A file with more features than the caller's limit stays here (the page gets the report, a GeoJSON Blob for the
 * preview and a token): cloning thousands of features to the page and making each a site froze it for half a minute.
 */
export interface LargeImport { token: string; count: number; bbox: [number, number, number, number] | null; preview: Blob }

export type ImportOutcome = { ok: true; result: ImportResult; ms: number; large?: LargeImport } | { ok: false; message: string; where?: Where | null };

export interface ReferencePick { layerId: string; layerName: string; feature: Feature<Geometry> }

const pending = new Map<string, { file: string; features: Feature<Geometry>[]; blob: Blob; bbox: [number, number, number, number] | null }>();
const references = new Map<string, { meta: ReferenceMeta; index: PickIndex }>();

function boxOfAll(features: Feature<Geometry>[]): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  for (const f of features) {
    const x = bboxOf(f.geometry);
    if (!x) continue;
    b = b ? [Math.min(b[0], x[0]), Math.min(b[1], x[1]), Math.max(b[2], x[2]), Math.max(b[3], x[3])] : [...x] as [number, number, number, number];
  }
  return b;
}

const newId = () => globalThis.crypto?.randomUUID?.() ?? `ref-${Date.now()}-${Math.random().toString(36).slice(2)}`;

const api = {
  async analyse(base: string, geometry: Geometry, type: SiteType, year: number): Promise<SiteAnalysis & SiteZonal & { ms: number }> {
    index ??= loadIndex(base);
    // The land cover the site takes (the release's rasters, read by HTTP Range), alongside the vector analysis; a
    // raster that cannot be read leaves the rest of the analysis standing and says why.
    const areal = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
    const zonal: Promise<SiteZonal> = areal
      ? zoneSummaries(base, [geometry]).then(([z]) => ({ zonal: z }), (e: Error) => ({ zonal_error: e?.message ?? String(e) }))
      : Promise.resolve({});
    let idx: SiteIndex;
    try {
      idx = await index;
    } catch (e) {
      index = null; // let a later call retry
      throw e;
    }
    const t0 = performance.now();
    const a = analyseSite(idx, geometry, { type, year });
    const ms = performance.now() - t0;
    return { ...a, ...(await zonal), ms };
  },

  /** Never throws: a bad file comes back as { ok: false, message } naming the file and the problem. */
  importFile(name: string, bytes: Uint8Array, options?: ImportOptions, keepAbove = Infinity): ImportOutcome {
    const t0 = performance.now();
    try {
      const result = importFile(name, bytes, options);
      const usable = result.features.filter((f): f is Feature<Geometry> => !!f.geometry);
      if (usable.length > keepAbove) {
        const token = newId();
        const blob = new Blob([JSON.stringify({ type: 'FeatureCollection', features: usable })], { type: 'application/geo+json' });
        const bbox = boxOfAll(usable);
        // A few large files may wait at once (one dialog, several files); older ones are dropped to bound memory.
        pending.set(token, { file: name, features: usable, blob, bbox });
        while (pending.size > 4) pending.delete(pending.keys().next().value as string);
        return { ok: true, result: { ...result, features: [] }, ms: performance.now() - t0, large: { token, count: usable.length, bbox, preview: blob } };
      }
      return { ok: true, result, ms: performance.now() - t0 };
    } catch (e) {
      const m = (e as Error)?.message ?? String(e);
      // Text formats: find the line and column the parser stopped at, so the message can say where.
      let where: Where | null = null;
      if (/\.(geo)?json$|\.kml$|\.gpx$/i.test(name) && bytes.length < 50 * 1024 * 1024) {
        try { where = locateProblem(m, new TextDecoder().decode(bytes)); } catch { where = null; }
      }
      return { ok: false, message: m.includes(name) ? m : `${name}: ${m}`, where };
    }
  },
};

const referenceApi = {
  /** Makes a waiting large import a reference layer: indexed here, stored in IndexedDB (a fault is returned, not thrown). */
  async referenceAdopt(token: string): Promise<{ meta: ReferenceMeta; geojson: Blob; fault?: string }> {
    const p = pending.get(token);
    if (!p) throw new Error('the imported file is no longer waiting; import it again');
    pending.delete(token);
    const meta: ReferenceMeta = { id: newId(), name: p.file.replace(/\.[^.]+$/, ''), file: p.file, count: p.features.length, bbox: p.bbox ?? [0, 0, 0, 0], visible: true, created: Date.now() };
    references.set(meta.id, { meta, index: buildPickIndex(p.features) });
    const fault = await referenceStore.put({ ...meta, geojson: p.blob }).then(() => undefined, (e: Error) => e?.message ?? String(e));
    return { meta, geojson: p.blob, fault };
  },

  /** Every stored reference layer, indexed here; the Blobs go to MapLibre. */
  async referenceLoadAll(): Promise<{ layers: { meta: ReferenceMeta; geojson: Blob }[]; fault?: string }> {
    let records: ReferenceRecord[];
    try {
      records = await referenceStore.all();
    } catch (e) {
      return { layers: [], fault: (e as Error)?.message ?? String(e) };
    }
    const layers: { meta: ReferenceMeta; geojson: Blob }[] = [];
    for (const r of records.sort((a, b) => a.created - b.created)) {
      const { geojson, ...meta } = r;
      if (!references.has(meta.id)) {
        const fc = JSON.parse(await geojson.text()) as { features: Feature<Geometry>[] };
        references.set(meta.id, { meta, index: buildPickIndex(fc.features) });
      }
      layers.push({ meta, geojson });
    }
    return { layers };
  },

  async referenceSetVisible(id: string, visible: boolean): Promise<void> {
    const r = references.get(id);
    if (r) r.meta = { ...r.meta, visible };
    await referenceStore.setVisible(id, visible).catch(() => undefined);
  },

  async referenceRemove(id: string): Promise<void> {
    references.delete(id);
    await referenceStore.remove(id).catch(() => undefined);
  },

  /** Features of the visible reference layers at lon/lat (tolerance in degrees), the most specific first. */
  referencePick(lon: number, lat: number, tolerance: number): ReferencePick[] {
    const out: ReferencePick[] = [];
    for (const { meta, index } of references.values()) {
      if (!meta.visible) continue;
      for (const i of pickAt(index, lon, lat, tolerance)) out.push({ layerId: meta.id, layerName: meta.name, feature: index.features[i] });
    }
    return out.slice(0, 5);
  },

  /** The share link, off the main thread (packing thousands of sites takes seconds). */
  encodeShare(state: ShareState): EncodedShare {
    return encodeShare(state);
  },
};

Object.assign(api, referenceApi);
export type PlannerApi = typeof api & typeof referenceApi;
expose(api);
