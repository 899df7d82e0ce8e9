// Site analysis: what a drawn or imported site covers (forest stands by species, age and land class; wetland, mine and
// project land by township), the siting rules it meets (siting.ts: 三区三线 and land classes, with their sources), what
// it means for carbon by its type (site-purpose.ts: losses, kept forest, gain on eligible land with and without the
// project, avoided emissions) and conflict flags. Pure and synchronous; the index (site-index.ts) is built once per
// data load.
import type { Feature, Geometry } from 'geojson';
import { DEFAULT_FACTORS, type CarbonFactors } from '../carbon/factors.ts';
import { addStatus, emptyStatusTotals, provenanceOf, type CarbonProvenance } from '../carbon/provenance.ts';
import { METHOD_LABELS, standCarbon, type StandMethod } from '../carbon/stand.ts';
import { geodesicArea, geodesicLength, geodesicPerimeter } from '../geo/measure.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { checkGeometry } from '../geo/validate.ts';
import { isForest } from '../inventory/schema.ts';
import type { StandLike } from '../plan/layers.ts';
import { clipArea, isAreal, type Areal } from './clip.ts';
import { conflictFlags, type ConflictFlag } from './conflicts.ts';
import { convexParts } from './convex-parts.ts';
import { eligibleM2, SITE_PURPOSES, siteCarbon, type SiteCarbon } from './site-purpose.ts';
import { evaluateSiting, type SitingResult, type TouchedStand } from './siting.ts';
import { SITING_RULES, SITING_RULES_VERSION, type SitingRule } from './siting-rules.ts';
import type { LayerOverlap, StandOverlap, StandRow, TownshipOverlap } from './overlap.ts';
import { bboxOf } from '../geo/positions.ts';
import { candidates, type OverlapLayer, type SiteIndex } from './site-index.ts';
import { STOCKED_LAND_CLASSES, type SiteType } from './site-types.ts';
import { projectComparison, type ProjectComparison } from './with-without.ts';

// The overlap row types live in overlap.ts (conflicts.ts reads them too, without importing this module).
export type { LayerOverlap, StandOverlap, StandRow, TownshipOverlap } from './overlap.ts';

export interface SiteAnalysis {
  /** The site type the analysis was made for (the rules and the carbon effect depend on it). */
  type: SiteType;
  geometry_type: string;
  /** False for points and lines: they have no area to overlap (measurements are still given). */
  areal: boolean;
  area_m2: number;
  area_mu: number;
  perimeter_m: number;
  length_m: number;
  method: StandMethod;
  year: number;
  /** Method label, factor-table version and the shares resting on unverified factors, for the figures shown. */
  provenance: CarbonProvenance;
  stands: StandOverlap;
  overlaps: LayerOverlap[];
  conflicts: ConflictFlag[];
  /** The siting rules the site meets (三区三线, land classes, land outside the inventory), each with area and source. */
  siting: SitingResult;
  /** What the site means for carbon by its type (site-purpose.ts). */
  carbon: SiteCarbon;
  /** With and without the project on the eligible land (types that add carbon), else null. */
  comparison: ProjectComparison | null;
  /** Stands and layer features clipped (the index's candidates), for the record. */
  candidates: number;
}

export interface SiteOptions {
  type: SiteType;
  method?: StandMethod;
  /** Assessment year for stand carbon; also the start year of a with/without comparison. */
  year?: number;
  factors?: CarbonFactors;
  /** Scan every feature instead of using the index (benchmark baseline and tests). */
  naive?: boolean;
  /** The siting rules (default: the built-in table; the registry adds a bureau's own constraint layers' rules). */
  rules?: readonly SitingRule[];
  /** Return each finding's affected part as geometry (the map highlight of the selected site). */
  highlights?: boolean;
}

export class SiteGeometryError extends Error {}

const emptyRow = (key: string): StandRow => ({ key, count: 0, area_mu: 0, stock_m3: 0, carbon_stock_tCO2e: 0, annual_sink_tCO2e: 0 });

function addRow(rows: Map<string, StandRow>, key: string, mu: number, stock: number, cs: number, sink: number): StandRow {
  let r = rows.get(key);
  if (!r) rows.set(key, (r = emptyRow(key)));
  r.count++;
  r.area_mu += mu;
  r.stock_m3 += stock;
  r.carbon_stock_tCO2e += cs;
  r.annual_sink_tCO2e += sink;
  return r;
}

const sorted = (rows: Map<string, StandRow>) => [...rows.values()].sort((a, b) => b.area_mu - a.area_mu);

const emptyStands = (): StandOverlap => ({
  ...emptyRow(''), forest_area_mu: 0, carbon_stock_tC: 0, gross_growth_tCO2e: 0, bySpecies: [], byAge: [], byLandClass: [], byTownship: [],
  fengyu_mu: 0, carbon_afforestation_mu: 0, stocked_mu: 0,
});

/** A stand the site overlaps, with the carbon of the overlapping part. */
type Touched = TouchedStand & { stock_tCO2e: number; sink_tCO2e: number };

function standOverlap(index: SiteIndex, site: Feature<Areal>, opt: { method: StandMethod; year: number; factors: CarbonFactors }, naive: boolean) {
  const box = bboxOf(site.geometry)!;
  const { features, areas } = index.stands;
  const ids = candidates(index.stands, box, naive);
  const total = emptyStands();
  const species = new Map<string, StandRow>(), ages = new Map<string, StandRow>(), classes = new Map<string, StandRow>(), towns = new Map<string, StandRow>();
  const townNames = new Map<string, string>();
  const stockStatus = emptyStatusTotals(), sinkStatus = emptyStatusTotals();
  const touched: Touched[] = [];
  for (const i of ids) {
    const f = features[i];
    const p = f.properties as unknown as StandLike | null;
    if (!p) continue;
    const clipM2 = clipArea(site, f.geometry, areas[i]);
    if (!(clipM2 > 0)) continue;
    const frac = areas[i] > 0 ? clipM2 / areas[i] : 0;
    const stock = (Number(p.stock_m3) || 0) * frac;
    const c = standCarbon({
      species: p.species_raw ?? p.species, age_group: p.age_group, stock_m3: stock, area_m2: clipM2, origin: p.origin,
      carbon_afforestation: p.carbon_afforestation, afforestation_year: p.afforestation_year, oil_tea_work: p.oil_tea_work, oil_tea_year: p.oil_tea_year,
    }, opt.factors, { method: opt.method, year: opt.year });
    const mu = c.area_mu;
    touched.push({ index: i, m2: clipM2, stock_tCO2e: c.carbon_stock_tCO2e, sink_tCO2e: c.annual_sink_tCO2e });
    total.count++;
    total.area_mu += mu;
    total.stock_m3 += stock;
    total.carbon_stock_tC += c.carbon_stock_tC;
    total.carbon_stock_tCO2e += c.carbon_stock_tCO2e;
    total.annual_sink_tCO2e += c.annual_sink_tCO2e;
    total.gross_growth_tCO2e += c.gross_growth_tCO2e;
    addStatus(stockStatus, c.stock_status, c.carbon_stock_tCO2e);
    addStatus(sinkStatus, c.sink_status, c.annual_sink_tCO2e);
    if (isForest(p)) total.forest_area_mu += mu;
    if (p.upgrade_type === '封育') total.fengyu_mu += mu;
    if (p.carbon_afforestation) total.carbon_afforestation_mu += mu;
    if (STOCKED_LAND_CLASSES.includes(p.land_class)) total.stocked_mu += mu;
    addRow(species, c.species_group, mu, stock, c.carbon_stock_tCO2e, c.annual_sink_tCO2e);
    addRow(ages, p.age_group ?? '—', mu, stock, c.carbon_stock_tCO2e, c.annual_sink_tCO2e);
    addRow(classes, p.land_class, mu, stock, c.carbon_stock_tCO2e, c.annual_sink_tCO2e);
    addRow(towns, p.township_code, mu, stock, c.carbon_stock_tCO2e, c.annual_sink_tCO2e);
    townNames.set(p.township_code, p.township_name);
  }
  total.bySpecies = sorted(species);
  total.byAge = sorted(ages);
  total.byLandClass = sorted(classes);
  total.byTownship = sorted(towns).map((r) => ({ ...r, name: index.townshipNames[r.key] ?? townNames.get(r.key) ?? '' }));
  return { total, touched, clipped: ids.length, provenance: provenanceOf(`${opt.method}: ${METHOD_LABELS[opt.method]}`, opt.factors.version, stockStatus, sinkStatus) };
}

function layerOverlap(index: SiteIndex, key: OverlapLayer, site: Feature<Areal>, naive: boolean) {
  const layer = index.layers[key];
  const out: LayerOverlap = { layer: key, area_mu: 0, count: 0, byTownship: [] };
  if (!layer) return { overlap: out, clipped: 0, wetlandKinds: new Set<string>() };
  const ids = candidates(layer, bboxOf(site.geometry)!, naive);
  const towns = new Map<string, TownshipOverlap>();
  const kinds = new Set<string>();
  for (const i of ids) {
    const f = layer.features[i];
    const clipM2 = clipArea(site, f.geometry, layer.areas[i]);
    if (!(clipM2 > 0)) continue;
    const mu = fromSquareMetres(clipM2, 'mu');
    const p = f.properties ?? {};
    const code = String(p.township_code ?? '');
    let t = towns.get(code);
    if (!t) towns.set(code, (t = { code, name: index.townshipNames[code] ?? '', area_mu: 0, count: 0, names: [] }));
    t.area_mu += mu;
    t.count++;
    t.names.push(String(p.name ?? p.id ?? ''));
    if (typeof p.kind === 'string') kinds.add(p.kind);
    out.area_mu += mu;
    out.count++;
  }
  out.byTownship = [...towns.values()].sort((a, b) => b.area_mu - a.area_mu);
  return { overlap: out, clipped: ids.length, wetlandKinds: kinds };
}

/** Analyse one site. Throws SiteGeometryError for geometry that cannot be used (self-intersection, bad coordinates). */
export function analyseSite(index: SiteIndex, geometry: Geometry, options: SiteOptions): SiteAnalysis {
  const checked = checkGeometry(geometry);
  if (checked.error || !checked.geometry) throw new SiteGeometryError(checked.error ?? 'the site has no geometry');
  const g = checked.geometry;
  const opt = { method: options.method ?? 'ipcc_bef', year: options.year ?? new Date().getFullYear(), factors: options.factors ?? DEFAULT_FACTORS };
  const naive = options.naive ?? false;
  const area = geodesicArea(g);
  const base = {
    type: options.type, geometry_type: g.type, area_m2: area, area_mu: fromSquareMetres(area, 'mu'),
    perimeter_m: geodesicPerimeter(g), length_m: geodesicLength(g), method: opt.method, year: opt.year,
  };
  const rules = options.rules ?? SITING_RULES;
  if (!isAreal(g) || !(area > 0)) {
    const provenance = provenanceOf(`${opt.method}: ${METHOD_LABELS[opt.method]}`, opt.factors.version, emptyStatusTotals(), emptyStatusTotals());
    const stands = emptyStands();
    const siting: SitingResult = { rules_version: SITING_RULES_VERSION, verdict: null, findings: [], layers: [], unsurveyed_mu: 0 };
    return { ...base, areal: false, provenance, stands, overlaps: [], conflicts: [], siting, carbon: siteCarbon(options.type, stands, { m2: 0, stock: 0, sink: 0 }, 0, 0, opt.factors), comparison: null, candidates: 0 };
  }
  const site: Feature<Areal> = { type: 'Feature', geometry: g, properties: {} };
  const { total: stands, touched, clipped, provenance } = standOverlap(index, site, opt, naive);
  let count = clipped;
  const overlaps: LayerOverlap[] = [];
  let wetlandKinds = new Set<string>();
  for (const key of Object.keys(index.layers)) {
    const r = layerOverlap(index, key, site, naive);
    count += r.clipped;
    if (key === 'wetlands') wetlandKinds = r.wetlandKinds;
    overlaps.push(r.overlap);
  }
  const parts = convexParts(g);
  const { siting, pieces } = evaluateSiting({ index, site, siteM2: area, parts, type: options.type, rules, touched, highlights: options.highlights ?? false, naive });

  // Types that add carbon: the stands on land they cannot use are kept (and flagged by the rules), the gain is counted
  // on the rest less wetland and less land under a 禁止 rule for the type.
  const purpose = SITE_PURPOSES[options.type];
  const unusable = purpose.gain ? touched.filter((t) => !purpose.gainOn.includes(String(index.stands.features[t.index].properties?.land_class ?? '') as never)) : [];
  const kept = unusable.reduce((k, t) => ({ m2: k.m2 + t.m2, stock: k.stock + t.stock_tCO2e, sink: k.sink + t.sink_tCO2e }), { m2: 0, stock: 0, sink: 0 });
  let eligible = 0;
  if (purpose.gain) {
    const forbidden = new Set(rules.filter((r) => r.types.includes(options.type) && r.verdict === '禁止' && r.target.kind === 'constraint').map((r) => (r.target as { constraint: string }).constraint));
    const excluded: Areal[] = [];
    for (const [key, layer] of Object.entries(index.constraints)) if (forbidden.has(layer.kind)) excluded.push(...(pieces.constraints.get(key) ?? []));
    const wet = index.layers.wetlands;
    if (wet) for (const i of candidates(wet, bboxOf(g)!, naive)) { const w = wet.features[i].geometry; if (isAreal(w)) excluded.push(w); }
    eligible = eligibleM2({ site, siteM2: area, parts, unusable: unusable.map((t) => ({ ...t, geometry: index.stands.features[t.index].geometry as Areal })), excluded });
  }
  return {
    ...base,
    areal: true,
    provenance,
    stands,
    overlaps,
    conflicts: conflictFlags(options.type, stands, overlaps, wetlandKinds),
    siting,
    carbon: siteCarbon(options.type, stands, kept, eligible, area, opt.factors),
    comparison: projectComparison(options.type, eligible, opt.year, opt.factors),
    candidates: count,
  };
}
