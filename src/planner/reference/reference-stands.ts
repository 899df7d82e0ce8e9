// A reference layer read as a stand layer: the imported inventory's own stands, through the one normalisation every
// consumer uses (core/inventory/normalise.ts: 二类 field names and codes → the stand schema, stock from per-公顷 stock ×
// the ellipsoidal area), indexed for site analysis. A site picked or merged from the layer is analysed against these
// stands, not the release's. Also what filter-select offers: the layer's 林班, 地类 (codes by name) and townships.
// Pure (no DOM): built in the planner worker, once per layer, when first needed.
import type { Feature, Geometry } from 'geojson';
import { indexLayer, type IndexedLayer } from '../../core/analysis/site-index.ts';
import { codeName } from '../../core/inventory/code-names.ts';
import { normaliseStands, type NormalStand } from '../../core/inventory/normalise.ts';
import { featureAreas } from '../../core/plan/layers.ts';

export interface StandFilter {
  linBan?: string;
  landClass?: string;
  township?: string;
}

export interface FilterOption {
  value: string;
  /** The code's name (地类 0132 → 其他灌木林地), when the value is a code a table knows. */
  name?: string;
  count: number;
}

export interface ReferenceStands {
  /** The normalised stands, indexed for site analysis (same order as the layer's features). */
  index: IndexedLayer;
  count: number;
  /** Per feature: its 林班, 地类 as written and township name, for filter-select. */
  keys: { linBan: string; landClass: string; township: string }[];
  /** The source fields filter-select reads (for the dialog's labels), or undefined when the layer has none. */
  fields: { linBan?: string; landClass?: string; township?: string };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The layer's stands, or null when its features are not stands (no 地类, 树种 or 蓄积 field the import recognises:
 * a layer of plots or roads analysed "against" itself would be nonsense).
 */
export function referenceStands(features: Feature<Geometry>[]): ReferenceStands | null {
  if (features.length === 0) return null;
  const areas = featureAreas(features);
  const { features: stands, report } = normaliseStands(features, areas);
  const m = report.mapping;
  if (!report.schema_input && !m.land_class && !m.species && !m.stock_m3 && !m.stock_per_ha && !m.stock_per_mu) return null;
  const keys = features.map((f, i) => {
    const raw = (f.properties ?? {}) as Record<string, unknown>;
    const s = stands[i].properties as NormalStand;
    return {
      linBan: text(m.lin_ban ? raw[m.lin_ban] : s.lin_ban),
      landClass: text(m.land_class ? raw[m.land_class] : s.land_class),
      township: text(s.township_name) || text(m.township_name ? raw[m.township_name] : m.township_code ? raw[m.township_code] : ''),
    };
  });
  return {
    index: indexLayer(stands as Feature<Geometry | null, unknown>[], areas),
    count: stands.length,
    keys,
    fields: { linBan: m.lin_ban, landClass: m.land_class, township: m.township_name ?? m.township_code },
  };
}

/** Each filter field's values with their counts (and code names), sorted; empty for a field the layer lacks. */
export function filterOptions(s: ReferenceStands): Record<keyof StandFilter, FilterOption[]> {
  const count = (key: keyof ReferenceStands['keys'][number]) => {
    const m = new Map<string, number>();
    for (const k of s.keys) if (k[key]) m.set(k[key], (m.get(k[key]) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0], 'zh-CN', { numeric: true })).map(([value, n]) => ({ value, count: n }));
  };
  return {
    linBan: count('linBan'),
    landClass: count('landClass').map((o) => ({ ...o, name: codeName('land', o.value) ?? undefined })),
    township: count('township'),
  };
}

/** Indexes of the stands matching every field given (a field left empty matches all), in file order. */
export function pickByFilter(s: ReferenceStands, f: StandFilter): number[] {
  const out: number[] = [];
  s.keys.forEach((k, i) => {
    if (f.linBan && k.linBan !== f.linBan) return;
    if (f.landClass && k.landClass !== f.landClass) return;
    if (f.township && k.township !== f.township) return;
    out.push(i);
  });
  return out;
}
