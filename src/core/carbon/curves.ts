// The one growth model of plantings whose carbon comes from age rather than measured volume: 碳汇造林 stands and pilot
// polygons, restored mines, the planner's with/without view and the ex-ante removals of a carbon-sink project
// (src/core/projects/) all read their tree-layer carbon from plantedDensity below. A flat per-hectare rate from year one
// would overstate the first years, when young trees fix very little.
import type { CarbonFactors, FactorStatus, PlantationCurve, SiteClass } from './factors.ts';

/** Richards curve C(t) = A·(1 − e^(−k·t))^c, in t C/ha; 0 for t ≤ 0. */
export function richards(t: number, A: number, k: number, c: number): number {
  if (!(t > 0)) return 0;
  return A * Math.pow(1 - Math.exp(-k * t), c);
}

/** The curve a species group grows along, which row it is (the group's own, or '' for the default), and its status. */
export interface CurveChoice extends PlantationCurve {
  /** Key of the group's own row in factors.plantationCurves, or '' when the default (afforestationCurve) is used. */
  row: string;
  status: FactorStatus;
}

export function curveFor(group: string | null | undefined, f: CarbonFactors): CurveChoice {
  const own = group ? f.plantationCurves?.rows[group] : undefined;
  if (own) return { ...own, row: group!, status: f.plantationCurves!.status };
  const { A, k, c, status } = f.afforestationCurve;
  return { A, k, c, row: '', status };
}

/** Multiplier on A for a site class (1 when the table has none or the class is not given). */
export function siteFactor(site: SiteClass | null | undefined, f: CarbonFactors): number {
  return site ? f.siteClassFactors?.rows[site] ?? 1 : 1;
}

/** A planting: species groups with their shares of the area (summing to 1), and optionally the site class. */
export interface PlantingMix {
  species: readonly { group: string; share: number }[];
  site?: SiteClass | null;
}

/** Tree-layer carbon density (t C/ha, roots included) of a planting t years after planting: the share-weighted sum of
 *  each species group's curve, the asymptote scaled by the site class. */
export function plantedDensity(t: number, mix: PlantingMix, f: CarbonFactors): number {
  const s = siteFactor(mix.site, f);
  let sum = 0;
  for (const { group, share } of mix.species) {
    const c = curveFor(group, f);
    sum += share * richards(t, c.A * s, c.k, c.c);
  }
  return sum;
}

/** Tree-layer carbon density (t C/ha) of a plantation t years after planting; `group` picks a species curve (the default
 *  curve, planted 杉木, when absent or without a curve of its own). */
export function afforestationDensity(t: number, f: CarbonFactors, group?: string | null): number {
  const c = curveFor(group, f);
  return richards(t, c.A, c.k, c.c);
}

/** Carbon gained (t C/ha) in the year that ends at age t: C(t) − C(t−1). */
export function afforestationIncrement(t: number, f: CarbonFactors, group?: string | null): number {
  return afforestationDensity(t, f, group) - afforestationDensity(t - 1, f, group);
}

/** Plant carbon (t C/ha) of a new 油茶 planting t years after planting: the middle-aged density reached along a
 *  Richards curve (shape c = 2, rate oilTeaCurveK), instead of the full density from year one. */
export function oilTeaPlantingDensity(t: number, f: CarbonFactors): number {
  return richards(t, f.oilTeaDensity.value, f.oilTeaCurveK.value, 2);
}
