// What a change patch means for the bureau (a 监测图斑): the township it lies in (most of its pixels), the stands it
// touches (those holding any of its pixels, by the same pixel-centre rule as zonal statistics), the carbon stock at
// stake (each touched stand's stock per 亩 — src/core/carbon, the app's own method — times the patch's area in that
// stand), and whether the data explains it: forest loss inside a planned 更新 (replacement felling) or new 油茶
// planting of the period, or inside an approved project's footprint (under construction or built); forest gain on a
// mine restored in the period, a 碳汇造林 plot or a replanted 更新 stand. A patch is explained when the features of one
// kind of explanation together cover at least half of its pixels (a patch often spans several stands of one
// programme). Every patch starts as 待核查 (to be verified in the field).
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { DEFAULT_FACTORS, CO2_PER_C, type CarbonFactors } from '../carbon/factors.ts';
import { standCarbon, type StandMethod } from '../carbon/stand.ts';
import { geodesicArea } from '../geo/measure.ts';
import { bboxOf } from '../geo/positions.ts';
import { M2_PER_MU } from '../geo/units.ts';
import type { RasterClass } from './classes.ts';
import { patchPolygon, type ChangeKind, type ChangePatch, type Transition } from './change.ts';
import { gridToLonLat, pixelToWorld, type RasterGrid } from './grid.ts';
import type { PixelAreas } from './pixel-area.ts';
import { scanZone } from './rasterize.ts';
import { zoneToPixels, type PixelZone } from './zones.ts';

export type ExplanationKind = 'upgrade' | 'oil_tea' | 'project' | 'mine_restoration' | 'afforestation';

/** A feature of the data that explains change of one kind inside it. */
export interface Explainer {
  kind: ExplanationKind;
  applies: ChangeKind;
  id: string;
  name: string;
  year: number | null;
  geometry: Geometry;
}

export const PATCH_STATUS_DEFAULT = '待核查';

type Props = Record<string, unknown>;
type Layer = readonly Feature<Geometry | null, Props>[];

const within = (y: unknown, from: number, to: number) => typeof y === 'number' && y > from && y <= to;

/**
 * The explanations the release's layers offer for change between `fromYear` and `toYear` (years after `fromYear` up
 * to `toYear`): planned 更新 and new 油茶 planting of the stands, 碳汇造林 plots, mines restored (or being restored),
 * and PV and wind projects under construction or built (a planned project's footprint explains nothing: clearing
 * before approval is exactly what a 监测图斑 should catch).
 */
export function explainersFromLayers(
  layers: { stands?: Layer; mines?: Layer; pv?: Layer; windFarms?: Layer },
  fromYear: number,
  toYear: number,
): Explainer[] {
  const out: Explainer[] = [];
  const push = (kind: ExplanationKind, applies: ChangeKind, f: Feature<Geometry | null, Props>, name: string, year: number | null) => {
    if (f.geometry) out.push({ kind, applies, id: String(f.properties?.id ?? ''), name, year, geometry: f.geometry });
  };
  for (const s of layers.stands ?? []) {
    const p = s.properties ?? {};
    if (p.upgrade_type === '更新' && within(p.upgrade_year, fromYear, toYear)) {
      push('upgrade', 'loss', s, `低产低效林改造·更新 ${p.upgrade_year}`, p.upgrade_year as number);
      push('upgrade', 'gain', s, `低产低效林改造·更新 ${p.upgrade_year}`, p.upgrade_year as number);
    }
    if (p.oil_tea_work === '新造高产' && within(p.oil_tea_year, fromYear, toYear)) push('oil_tea', 'loss', s, `油茶新造高产 ${p.oil_tea_year}`, p.oil_tea_year as number);
    if (p.carbon_afforestation === true && within(p.afforestation_year, fromYear, toYear)) push('afforestation', 'gain', s, `碳汇造林 ${p.afforestation_year}`, p.afforestation_year as number);
  }
  for (const m of layers.mines ?? []) {
    const p = m.properties ?? {};
    if ((p.status === '已修复' && within(p.restored_year, fromYear, toYear)) || p.status === '修复中') {
      push('mine_restoration', 'gain', m, String(p.name ?? p.id), typeof p.restored_year === 'number' ? p.restored_year : null);
    }
  }
  for (const f of [...(layers.pv ?? []), ...(layers.windFarms ?? [])]) {
    const p = f.properties ?? {};
    const built = p.status === '并网' && (p.grid_year == null || (typeof p.grid_year === 'number' && p.grid_year > fromYear));
    if (built || p.status === '在建') push('project', 'loss', f, String(p.name ?? p.id), typeof p.grid_year === 'number' ? p.grid_year : null);
  }
  return out;
}

/** A layer of polygons indexed by lon/lat box, taken into pixel space only when a patch needs it. */
class PixelLayer<T> {
  private readonly index: Flatbush | null;
  private readonly ids: number[] = [];
  private readonly zones = new Map<number, PixelZone>();
  constructor(private readonly grid: RasterGrid, readonly items: readonly T[], private readonly geometryOf: (t: T) => Geometry | null) {
    const boxes: number[][] = [];
    items.forEach((t, i) => {
      const b = bboxOf(geometryOf(t));
      if (b) { boxes.push(b); this.ids.push(i); }
    });
    this.index = boxes.length ? new Flatbush(boxes.length) : null;
    if (this.index) {
      for (const b of boxes) this.index.add(b[0], b[1], b[2], b[3]);
      this.index.finish();
    }
  }
  candidates(box: readonly number[]): number[] {
    return this.index ? this.index.search(box[0], box[1], box[2], box[3]).map((k) => this.ids[k]) : [];
  }
  zone(i: number): PixelZone {
    let z = this.zones.get(i);
    if (!z) this.zones.set(i, (z = zoneToPixels(this.geometryOf(this.items[i]), this.grid)));
    return z;
  }
}

/** A patch's pixels as a mask over its bounding window, to count overlaps. */
class PatchMask {
  readonly col: number;
  readonly row: number;
  readonly width: number;
  readonly height: number;
  private readonly mask: Uint8Array;
  constructor(patch: ChangePatch, gridWidth: number) {
    let c0 = Infinity, r0 = Infinity, c1 = -Infinity, r1 = -Infinity;
    for (const p of patch.pixels) {
      const c = p % gridWidth, r = (p - c) / gridWidth;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
    }
    this.col = c0; this.row = r0; this.width = c1 - c0 + 1; this.height = r1 - r0 + 1;
    this.mask = new Uint8Array(this.width * this.height);
    for (const p of patch.pixels) {
      const c = p % gridWidth, r = (p - c) / gridWidth;
      this.mask[(r - r0) * this.width + (c - c0)] = 1;
    }
  }
  /** Marks the patch pixels inside `zone` in `marks` (a window-sized array); returns how many were inside. */
  mark(zone: PixelZone, marks: Uint8Array): number {
    let pixels = 0;
    scanZone(zone.parts, this, (r, a, b) => {
      const base = (r - this.row) * this.width - this.col;
      for (let c = a; c <= b; c++) if (this.mask[base + c]) { pixels++; marks[base + c] = 1; }
    });
    return pixels;
  }
  /** Pixels and m² of the patch whose centres lie inside `zone`. */
  overlap(zone: PixelZone, areas: PixelAreas): { pixels: number; area_m2: number } {
    let pixels = 0, area = 0;
    scanZone(zone.parts, this, (r, a, b) => {
      const base = (r - this.row) * this.width - this.col;
      for (let c = a; c <= b; c++) if (this.mask[base + c]) { pixels++; area += areas.at(c, r); }
    });
    return { pixels, area_m2: area };
  }
}

export interface PatchStand {
  id: string;
  overlap_mu: number;
  /** The stand's carbon stock per 亩 (t C), from its inventory record (src/core/carbon). */
  stock_tC_per_mu: number;
}

export interface DescribedPatch {
  id: string;
  kind: ChangeKind;
  from_year: number;
  to_year: number;
  pixels: number;
  area_m2: number;
  area_mu: number;
  transitions: Transition[];
  township_code: string | null;
  township_name: string | null;
  stands: PatchStand[];
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  /** The kind of explanation covering most of the patch, the share it covers, and its features (most pixels first). */
  explanation: { kind: ExplanationKind; share: number; items: { id: string; name: string; year: number | null; pixels: number }[] } | null;
  explained: boolean;
  status: string;
  /** Lon/lat of the patch's pixel centroid. */
  centre: [number, number];
  geometry: Polygon;
}

export interface PatchContext {
  townships: Layer;
  stands: Layer;
  explainers: readonly Explainer[];
  fromYear: number;
  toYear: number;
  factors?: CarbonFactors;
  method?: StandMethod;
}

/** The lon/lat box of a patch (its pixel window's corners, plus a pixel). */
function lonLatBox(grid: RasterGrid, m: PatchMask, toLonLat: (x: number, y: number) => [number, number]): number[] {
  const pts = [[m.col - 1, m.row - 1], [m.col + m.width + 1, m.row - 1], [m.col - 1, m.row + m.height + 1], [m.col + m.width + 1, m.row + m.height + 1]]
    .map(([c, r]) => toLonLat(...pixelToWorld(grid, c, r)));
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}

/** Township, stands, carbon and explanation of each patch; ids are stable for the same grid and years. */
export function describePatches(grid: RasterGrid, patches: readonly ChangePatch[], ctx: PatchContext, areas: PixelAreas): DescribedPatch[] {
  const toLonLat = gridToLonLat(grid);
  const townships = new PixelLayer(grid, ctx.townships, (f) => f.geometry);
  const stands = new PixelLayer(grid, ctx.stands, (f) => f.geometry);
  const explainers = new PixelLayer(grid, ctx.explainers, (e) => e.geometry);
  const perMu = new Map<number, number>();
  const stockPerMu = (i: number) => {
    let v = perMu.get(i);
    if (v === undefined) {
      const f = ctx.stands[i];
      const p = (f.properties ?? {}) as Props;
      const area = geodesicArea(f.geometry);
      const c = standCarbon({
        species: (p.species as string) ?? null, age_group: (p.age_group as string) ?? null, stock_m3: Number(p.stock_m3) || 0, area_m2: area,
        origin: (p.origin as string) ?? null, carbon_afforestation: p.carbon_afforestation === true, afforestation_year: (p.afforestation_year as number) ?? null,
        oil_tea_work: (p.oil_tea_work as string) ?? null, oil_tea_year: (p.oil_tea_year as number) ?? null,
      }, ctx.factors ?? DEFAULT_FACTORS, { method: ctx.method ?? 'ipcc_bef', year: ctx.toYear });
      v = area > 0 ? c.carbon_stock_tC / (area / M2_PER_MU) : 0;
      perMu.set(i, v);
    }
    return v;
  };
  return patches.map((patch) => {
    const mask = new PatchMask(patch, grid.width);
    const box = lonLatBox(grid, mask, toLonLat);
    let township: Props | null = null, best = 0;
    for (const i of townships.candidates(box)) {
      const o = mask.overlap(townships.zone(i), areas);
      if (o.pixels > best) { best = o.pixels; township = (ctx.townships[i].properties ?? {}) as Props; }
    }
    const touched: PatchStand[] = [];
    let carbon = 0;
    for (const i of stands.candidates(box).sort((a, b) => a - b)) {
      const o = mask.overlap(stands.zone(i), areas);
      if (o.pixels === 0) continue;
      const perStandMu = stockPerMu(i);
      touched.push({ id: String(ctx.stands[i].properties?.id ?? i), overlap_mu: o.area_m2 / M2_PER_MU, stock_tC_per_mu: perStandMu });
      carbon += perStandMu * (o.area_m2 / M2_PER_MU);
    }
    // per kind of explanation: which patch pixels its features cover (united), and each feature's own count
    const byKind = new Map<ExplanationKind, { marks: Uint8Array; items: { id: string; name: string; year: number | null; pixels: number }[] }>();
    for (const i of explainers.candidates(box).sort((a, b) => a - b)) {
      const e = ctx.explainers[i];
      if (e.applies !== patch.kind) continue;
      let k = byKind.get(e.kind);
      if (!k) byKind.set(e.kind, (k = { marks: new Uint8Array(mask.width * mask.height), items: [] }));
      const pixels = mask.mark(explainers.zone(i), k.marks);
      if (pixels > 0) k.items.push({ id: e.id, name: e.name, year: e.year, pixels });
    }
    let explanation: DescribedPatch['explanation'] = null;
    for (const [kind, k] of byKind) {
      if (k.items.length === 0) continue;
      let covered = 0;
      for (let j = 0; j < k.marks.length; j++) covered += k.marks[j];
      const share = covered / patch.pixels.length;
      if (!explanation || share > explanation.share) explanation = { kind, share, items: k.items.sort((a, b) => b.pixels - a.pixels || a.id.localeCompare(b.id)) };
    }
    let sx = 0, sy = 0;
    for (const p of patch.pixels) { const c = p % grid.width; sx += c + 0.5; sy += (p - c) / grid.width + 0.5; }
    const centre = toLonLat(...pixelToWorld(grid, sx / patch.pixels.length, sy / patch.pixels.length));
    const first = patch.pixels[0];
    const firstCol = first % grid.width;
    return {
      id: `jc-${ctx.fromYear}-${ctx.toYear}-${(first - firstCol) / grid.width}-${firstCol}`,
      kind: patch.kind,
      from_year: ctx.fromYear,
      to_year: ctx.toYear,
      pixels: patch.pixels.length,
      area_m2: patch.area_m2,
      area_mu: patch.area_m2 / M2_PER_MU,
      transitions: patch.transitions,
      township_code: township ? String(township.code ?? township.id ?? '') : null,
      township_name: township ? String(township.name ?? '') : null,
      stands: touched,
      carbon_stock_tC: carbon,
      carbon_stock_tCO2e: carbon * CO2_PER_C,
      explanation,
      explained: !!explanation && explanation.share >= 0.5,
      status: PATCH_STATUS_DEFAULT,
      centre: [Math.round(centre[0] * 1e7) / 1e7, Math.round(centre[1] * 1e7) / 1e7],
      geometry: patchPolygon(grid, patch, toLonLat),
    };
  });
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/**
 * 监测图斑 as GeoJSON: one feature per patch, flat properties (a list's CSV/SHP export maps them one to one; class
 * keys and names come from the class table).
 */
export function patchesToGeoJSON(patches: readonly DescribedPatch[], classes: readonly RasterClass[]): FeatureCollection<Polygon> {
  const byValue = new Map(classes.map((c) => [c.value, c]));
  const key = (v: number) => byValue.get(v)?.key ?? String(v);
  return {
    type: 'FeatureCollection',
    features: patches.map((p, i) => ({
      type: 'Feature',
      id: i + 1,
      properties: {
        id: p.id,
        kind: p.kind,
        from_year: p.from_year,
        to_year: p.to_year,
        from_class: key(p.transitions[0].from),
        to_class: key(p.transitions[0].to),
        transitions: p.transitions.map((t) => `${key(t.from)}→${key(t.to)}:${t.pixels}`).join(','),
        pixels: p.pixels,
        area_mu: r2(p.area_mu),
        area_m2: Math.round(p.area_m2 * 10) / 10,
        township_code: p.township_code,
        township_name: p.township_name,
        stand_ids: p.stands.map((s) => s.id).join(','),
        carbon_stock_tC: Math.round(p.carbon_stock_tC * 10) / 10,
        carbon_stock_tCO2e: Math.round(p.carbon_stock_tCO2e * 10) / 10,
        explained: p.explained,
        explanation_kind: p.explanation?.kind ?? null,
        explanation_share: p.explanation ? r2(p.explanation.share) : null,
        explanation_ids: p.explanation ? p.explanation.items.map((e) => e.id).join(',') : null,
        explanation_name: p.explanation ? [...new Set(p.explanation.items.map((e) => e.name))].join('；') : null,
        status: p.status,
        centre_lon: p.centre[0],
        centre_lat: p.centre[1],
      },
      geometry: p.geometry,
    })),
  };
}
