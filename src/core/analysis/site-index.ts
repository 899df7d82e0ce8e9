// A spatial index over the stands and the other polygon layers, built once per data load. Site analysis asks it for
// the features whose bounding box meets the site's, so only a few dozen polygons (not 30,000) are clipped.
import Flatbush from 'flatbush';
import type { Feature, Geometry } from 'geojson';
import { featureAreas, type AreaCache, type FC, type PlanLayers } from '../plan/layers.ts';
import { bboxOf, type BBox } from '../geo/positions.ts';

/**
 * The key of a polygon layer a site is checked against besides the stands. Which layers those are is the registry's
 * business (src/layers/analysis-roles.ts overlapLayers, the `overlap` role); the core takes them as given.
 */
export type OverlapLayer = string;

/** The overlap layers' collections by key, in the order the analysis lists them. */
export type OverlapSources = Record<OverlapLayer, FC<unknown> | undefined>;

/**
 * A constraint layer the siting rules read (src/layers/analysis-roles.ts constraintLayers, the `constraint` role): its
 * kind (the rule table's key: permanent_farmland, ecological_redline, urban_boundary, or a bureau layer's id), its
 * name for tables, and its polygons. Keyed by the registry id.
 */
export interface ConstraintSource {
  kind: string;
  name: { zh: string; en: string };
  fc: FC<unknown> | undefined;
}

export interface ConstraintLayer extends IndexedLayer {
  kind: string;
  name: { zh: string; en: string };
  /** Whether its features say they are synthetic (the sample's 三区三线: property synthetic = true). */
  synthetic: boolean;
}

export interface IndexedLayer {
  features: Feature<Geometry | null, Record<string, unknown>>[];
  areas: Float64Array;
  /** Per feature [minX, minY, maxX, maxY], flattened; NaN for features without geometry. */
  boxes: Float64Array;
  index: Flatbush | null;
}

export interface SiteIndex {
  stands: IndexedLayer;
  /** By overlap key, in the order given to buildSiteIndex; absent layers (no file) are left out. */
  layers: Partial<Record<OverlapLayer, IndexedLayer>>;
  /** Constraint layers by registry id; a layer whose file is absent is listed with no features (it cannot be checked). */
  constraints: Record<string, ConstraintLayer>;
  /** 9-digit code → township name. */
  townshipNames: Record<string, string>;
}

export function boxesMeet(a: BBox, b: ArrayLike<number>, offset = 0): boolean {
  return !(b[offset] > a[2] || b[offset + 2] < a[0] || b[offset + 1] > a[3] || b[offset + 3] < a[1]);
}

export function indexLayer(features: Feature<Geometry | null, unknown>[], areas: Float64Array): IndexedLayer {
  const boxes = new Float64Array(features.length * 4).fill(NaN);
  let count = 0;
  features.forEach((f, i) => {
    const b = bboxOf(f.geometry);
    if (b) { boxes.set(b, i * 4); count++; }
  });
  let index: Flatbush | null = null;
  if (count > 0) {
    index = new Flatbush(count);
    // Flatbush numbers items in insertion order; keep a map back to feature positions via `ids` below.
    const ids = new Int32Array(count);
    let k = 0;
    for (let i = 0; i < features.length; i++) {
      if (Number.isNaN(boxes[i * 4])) continue;
      ids[k++] = i;
      index.add(boxes[i * 4], boxes[i * 4 + 1], boxes[i * 4 + 2], boxes[i * 4 + 3]);
    }
    index.finish();
    if (count !== features.length) {
      const search = index.search.bind(index);
      index.search = ((a: number, b: number, c: number, d: number) => search(a, b, c, d).map((j) => ids[j])) as typeof index.search;
    }
  }
  return { features: features as IndexedLayer['features'], areas, boxes, index };
}

/**
 * Build once per data load; the area cache comes from computeAreas (plan/layers.ts). Overlap layers the cache does not
 * cover (a layer a bureau added) are measured here.
 */
export function buildSiteIndex(
  layers: Pick<PlanLayers, 'stands' | 'townships'>, areas: AreaCache, overlaps: OverlapSources, constraints: Record<string, ConstraintSource> = {},
): SiteIndex {
  const out: SiteIndex = { stands: indexLayer(layers.stands.features, areas.stands), layers: {}, constraints: {}, townshipNames: {} };
  for (const [key, fc] of Object.entries(overlaps)) {
    if (!fc) continue;
    const cached = (areas as unknown as Record<string, Float64Array | undefined>)[key];
    out.layers[key] = indexLayer(fc.features, cached && cached.length === fc.features.length ? cached : featureAreas(fc.features));
  }
  for (const [key, c] of Object.entries(constraints)) {
    // Only polygons constrain land; a point or line in a constraint file is left out rather than failing the layer.
    const features = (c.fc?.features ?? []).filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
    const synthetic = features.length > 0 && features.every((f) => (f.properties as { synthetic?: unknown } | null)?.synthetic === true);
    out.constraints[key] = { ...indexLayer(features, featureAreas(features)), kind: c.kind, name: c.name, synthetic };
  }
  for (const t of layers.townships?.features ?? []) {
    if (t.properties?.code) out.townshipNames[t.properties.code] = t.properties.name;
  }
  return out;
}

/** Candidate features of a layer whose box meets `box`: by the index, or (naive) by scanning every feature. */
export function candidates(layer: IndexedLayer, box: BBox, naive = false): number[] {
  if (!naive) return layer.index ? layer.index.search(box[0], box[1], box[2], box[3]) : [];
  // The baseline the benchmark compares with: no index, every feature's box computed from its coordinates.
  const out: number[] = [];
  for (let i = 0; i < layer.features.length; i++) {
    const b = bboxOf(layer.features[i].geometry);
    if (b && boxesMeet(box, b)) out.push(i);
  }
  return out;
}
