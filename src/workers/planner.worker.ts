// The planner's worker: parses imported files (core/io) and analyses sites against the plan layers (core/analysis),
// so a 50 MB shapefile or a site over 30,000 stands never freezes the map. Layers and the index load once, lazily.
import { expose } from 'comlink';
import type { FeatureCollection, Geometry } from 'geojson';
import { analyseSite, type SiteAnalysis, type SiteIndex, type SiteType } from '../core/analysis/index.ts';
import { importFile } from '../core/io/registry.ts';
import type { ImportOptions, ImportResult } from '../core/io/types.ts';
import { sitingRules } from '../layers/analysis-roles.ts';
import { loadSiteIndex } from '../layers/site-data.ts';
import type { Feature } from 'geojson';
import { bboxOf } from '../core/geo/positions.ts';
import { geodesicArea } from '../core/geo/measure.ts';
import { encodeShare, type EncodedShare, type ShareState } from '../core/share/share-link.ts';
import { locateProblem, type Where } from '../planner/import-messages.ts';
import { buildPickIndex, pickAt, pickInBox, type PickIndex } from '../planner/reference/pick-index.ts';
import { filterOptions, pickByFilter, referenceStands, type FilterOption, type ReferenceStands, type StandFilter } from '../planner/reference/reference-stands.ts';
import { dissolve } from '../core/geo/dissolve.ts';
import { carriedAttributes } from '../planner/site-attributes.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { runProjectIn, standAt, type ProjectRunOutcome, type StandAt } from './carbon-project.ts';
import { referenceStore, type ReferenceMeta, type ReferenceRecord } from '../planner/reference/reference-store.ts';
import type { SiteZonal } from '../core/raster/zone-summary.ts';
import { zoneSummaries } from './raster-zonal.ts';

let index: Promise<SiteIndex> | null = null;

/** The release's site index, loaded once (a failed load is retried by the next call). */
async function siteIndex(base: string): Promise<SiteIndex> {
  index ??= loadSiteIndex((file) => fetchBytes(base, file));
  try {
    return await index;
  } catch (e) {
    index = null;
    throw e;
  }
}
/** The built-in siting rules and those of the registry's own constraint layers (a bureau's extra-layers.json). */
const RULES = sitingRules();

async function fetchBytes(base: string, file: string): Promise<Uint8Array | undefined> {
  const response = await fetch(new URL(file, base));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A file with more features than the caller's limit stays here (the page gets the report, a GeoJSON Blob for the
 * preview and a token): cloning thousands of features to the page and making each a site froze it for half a minute.
 */
export interface LargeImport { token: string; count: number; bbox: [number, number, number, number] | null; preview: Blob }

export type ImportOutcome = { ok: true; result: ImportResult; ms: number; large?: LargeImport } | { ok: false; message: string; where?: Where | null };

export interface ReferencePick { layerId: string; layerName: string; feature: Feature<Geometry> }

const pending = new Map<string, { file: string; features: Feature<Geometry>[]; blob: Blob; bbox: [number, number, number, number] | null }>();
/** Each reference layer: its features (picking index) and, once asked for, its stands (null: not a stand layer). */
const references = new Map<string, { meta: ReferenceMeta; index: PickIndex; stands?: ReferenceStands | null }>();

function standsOf(id: string): ReferenceStands | null {
  const r = references.get(id);
  if (!r) return null;
  if (r.stands === undefined) r.stands = referenceStands(r.index.features);
  return r.stands;
}

/** Where the stands of an analysis came from, said beside it (StandSource.tsx). */
export type StandSourceInfo =
  | { kind: 'release'; count: number; /** The site names a reference layer that is gone or holds no stands. */ fellBack?: boolean }
  | { kind: 'reference'; id: string; name: string; count: number };

/** Picked stands of a reference layer: which, their ellipsoidal area, and (for the map) their outlines. */
export interface PickResult { layerId: string; indices: number[]; area_m2: number; geojson: FeatureCollection }

/** Above this many picked stands the map shows none of them (the count and area still hold). */
const MAX_PICK_SHOWN = 5000;
/** The most stands one merge takes. */
export const MAX_MERGE = 2000;

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
  /**
   * The site's analysis against the release's stands, or — `standSource` a reference layer's id (a site picked or
   * merged from it) — against that layer's own stands, with the release's other layers (wetlands, projects, 三区三线 …).
   * `highlights`: each siting finding's affected part as geometry (the selected site's map highlight).
   */
  async analyse(base: string, geometry: Geometry, type: SiteType, year: number, standSource?: string | null, highlights = false): Promise<SiteAnalysis & SiteZonal & { ms: number; stand_source: StandSourceInfo }> {
    // The land cover the site takes (the release's rasters, read by HTTP Range), alongside the vector analysis; a
    // raster that cannot be read leaves the rest of the analysis standing and says why.
    const areal = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
    const zonal: Promise<SiteZonal> = areal
      ? zoneSummaries(base, [geometry]).then(([z]) => ({ zonal: z }), (e: Error) => ({ zonal_error: e?.message ?? String(e) }))
      : Promise.resolve({});
    const idx = await siteIndex(base);
    const ref = standSource ? standsOf(standSource) : null;
    const source: StandSourceInfo = ref
      ? { kind: 'reference', id: standSource!, name: references.get(standSource!)!.meta.name, count: ref.count }
      : { kind: 'release', count: idx.stands.features.length, ...(standSource ? { fellBack: true } : {}) };
    const t0 = performance.now();
    const a = analyseSite(ref ? { ...idx, stands: ref.index } : idx, geometry, { type, year, rules: RULES, highlights });
    const ms = performance.now() - t0;
    return { ...a, ...(await zonal), ms, stand_source: source };
  },

  /** A carbon-sink project's report (docs/carbon-projects.md), on the layers `npm run project` reads. */
  async projectRun(base: string, project: unknown, others: unknown[] = []): Promise<ProjectRunOutcome> {
    return runProjectIn(await siteIndex(base), (file) => fetchBytes(base, file), project, others);
  },

  /** The release stand under a map click (a project parcel picked on the map), or null. */
  async projectStandAt(base: string, lon: number, lat: number): Promise<StandAt | null> {
    return standAt(await siteIndex(base), lon, lat);
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

  /** The stands of a reference layer meeting a lon/lat box (box select). */
  referencePickBox(id: string, box: [number, number, number, number]): PickResult {
    const r = references.get(id);
    return picked(id, r ? pickInBox(r.index, box) : []);
  },

  /** What filter-select offers for a reference layer (null: the layer holds no stands). */
  referenceFilterOptions(id: string): Record<keyof StandFilter, FilterOption[]> | null {
    const s = standsOf(id);
    return s ? filterOptions(s) : null;
  },

  referencePickFilter(id: string, filter: StandFilter): PickResult {
    const s = standsOf(id);
    return picked(id, s ? pickByFilter(s, filter) : []);
  },

  /** The result for a set of indexes (a pick added to another). */
  referencePicked(id: string, indices: number[]): PickResult {
    return picked(id, indices);
  },

  /**
   * The picked stands merged into one geometry (shared edges dissolved, holes kept), with the names of the stands
   * (from 林班/小班) and the attributes they all share, for the new site.
   */
  referenceMerge(id: string, indices: number[]): { geometry: Polygon | MultiPolygon; count: number; stands: string[]; shared: Record<string, string> } {
    const r = references.get(id);
    if (!r) throw new Error('the reference layer is no longer loaded');
    const unique = [...new Set(indices)].filter((i) => i >= 0 && i < r.index.features.length);
    if (unique.length === 0) throw new Error('no stands picked');
    if (unique.length > MAX_MERGE) throw new Error(`more than ${MAX_MERGE} stands`);
    const features = unique.map((i) => r.index.features[i]);
    const areal = features.map((f) => f.geometry).filter((g): g is Polygon | MultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon');
    const geometry = dissolve(areal);
    const stands = features.map((f, k) => carriedAttributes(f.properties, 'zh').name ?? `#${unique[k] + 1}`);
    // Attributes every merged stand has with the same value (乡镇, 林班 …) stay with the site.
    const all = features.map((f) => carriedAttributes(f.properties, 'zh').attributes);
    const shared: Record<string, string> = {};
    for (const [k, v] of Object.entries(all[0] ?? {})) if (all.every((a) => a[k] === v)) shared[k] = v;
    return { geometry, count: unique.length, stands, shared };
  },

  /** The share link, off the main thread (packing thousands of sites takes seconds). */
  encodeShare(state: ShareState): EncodedShare {
    return encodeShare(state);
  },
};

function picked(id: string, indices: number[]): PickResult {
  const r = references.get(id);
  const s = standsOf(id);
  if (!r) return { layerId: id, indices: [], area_m2: 0, geojson: { type: 'FeatureCollection', features: [] } };
  const areas = s?.index.areas;
  let area = 0;
  for (const i of indices) area += areas ? areas[i] : 0;
  if (!areas) for (const f of featuresOf(r.index, indices)) area += computeArea(f);
  const shown = indices.length <= MAX_PICK_SHOWN ? featuresOf(r.index, indices).map((f) => ({ type: 'Feature' as const, properties: {}, geometry: f.geometry })) : [];
  return { layerId: id, indices, area_m2: area, geojson: { type: 'FeatureCollection', features: shown } };
}

const featuresOf = (index: PickIndex, indices: number[]) => indices.map((i) => index.features[i]).filter(Boolean);
const computeArea = (f: Feature<Geometry>) => { try { return geodesicArea(f.geometry); } catch { return 0; } };

Object.assign(api, referenceApi);
export type PlannerApi = typeof api & typeof referenceApi;
expose(api);
