// Growth curves for stands whose carbon comes from age rather than measured volume (碳汇造林, restored mines).
// A flat per-hectare rate from year one would overstate the first years, when young trees fix very little.
import type { CarbonFactors } from './factors.ts';

/** Richards curve C(t) = A·(1 − e^(−k·t))^c, in t C/ha; 0 for t ≤ 0. */
export function richards(t: number, A: number, k: number, c: number): number {
  if (!(t > 0)) return 0;
  return A * Math.pow(1 - Math.exp(-k * t), c);
}

/** Tree-layer carbon density (t C/ha) of a plantation t years after planting. */
export function afforestationDensity(t: number, f: CarbonFactors): number {
  const { A, k, c } = f.afforestationCurve;
  return richards(t, A, k, c);
}

/** Carbon gained (t C/ha) in the year that ends at age t: C(t) − C(t−1). */
export function afforestationIncrement(t: number, f: CarbonFactors): number {
  return afforestationDensity(t, f) - afforestationDensity(t - 1, f);
}

/** Plant carbon (t C/ha) of a new 油茶 planting t years after planting: the middle-aged density reached along a
 *  Richards curve (shape c = 2, rate oilTeaCurveK), instead of the full density from year one. */
export function oilTeaPlantingDensity(t: number, f: CarbonFactors): number {
  return richards(t, f.oilTeaDensity.value, f.oilTeaCurveK.value, 2);
}
