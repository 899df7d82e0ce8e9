// With-project against without-project carbon for the site types that add carbon (site-purpose.ts: 造林 and 碳汇造林
// follow the afforestation growth curve, 修复 the mine-restoration model: slower biomass on poor substrate plus soil
// accrual). Without the project the eligible land stays as it is (no modelled carbon); with it, the land is planted in
// the start year. Land the type cannot use (existing forest, wetland, land under a 禁止 rule) is the same in both
// scenarios, so it cancels out of the difference.
import { plantedDensity, type PlantingMix } from '../carbon/curves.ts';
import { CO2_PER_C, type CarbonFactors } from '../carbon/factors.ts';
import { afforestationCarbon, mineCarbon } from '../carbon/other-sinks.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { SITE_PURPOSES } from './site-purpose.ts';
import type { SiteType } from './site-types.ts';

export const COMPARISON_YEARS = [10, 20, 30] as const;

export interface ComparisonRow {
  years: number;
  year: number;
  with_tCO2e: number;
  without_tCO2e: number;
  added_tCO2e: number;
}

export interface ProjectComparison {
  method: 'afforestation_curve' | 'mine_restoration';
  start_year: number;
  /** The eligible land the gain is counted on (site-purpose.ts). */
  plantable_mu: number;
  rows: ComparisonRow[];
}

/**
 * `mix`: the planting design of a 造林 site (species shares, site class), grown by the same function as a carbon-sink
 * project's strata (curves.ts plantedDensity); without it the default curve (planted 杉木) is used.
 */
export function projectComparison(
  type: SiteType, plantableM2: number, startYear: number, f: CarbonFactors, mix?: PlantingMix,
): ProjectComparison | null {
  const gain = SITE_PURPOSES[type].gain;
  if (!gain) return null;
  const area = Math.max(0, plantableM2);
  const rows = COMPARISON_YEARS.map((n) => {
    const year = startYear + n;
    const withCO2 = gain === 'afforestation_curve'
      ? mix ? plantedDensity(n, mix, f) * fromSquareMetres(area, 'ha') * CO2_PER_C : afforestationCarbon(area, startYear, year, f).carbon_stock_tCO2e
      : mineCarbon(area, startYear, year, f).carbon_stock_tCO2e;
    return { years: n, year, with_tCO2e: withCO2, without_tCO2e: 0, added_tCO2e: withCO2 };
  });
  return {
    method: gain,
    start_year: startYear,
    plantable_mu: fromSquareMetres(area, 'mu'),
    rows,
  };
}
