// With-project against without-project carbon for afforestation (造林) and restoration (修复) sites.
// Without the project the plantable land stays as it is (no modelled carbon); with it, the land is planted in the start
// year and follows the afforestation growth curve (造林) or the mine-restoration model (修复: slower biomass on poor
// substrate plus soil accrual). Land already stocked with forest, and water/wetland, is not plantable and the same in
// both scenarios, so it cancels out of the difference.
import { plantedDensity, type PlantingMix } from '../carbon/curves.ts';
import { CO2_PER_C, type CarbonFactors } from '../carbon/factors.ts';
import { afforestationCarbon, mineCarbon } from '../carbon/other-sinks.ts';
import { fromSquareMetres } from '../geo/units.ts';
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
  if (type !== '造林' && type !== '修复') return null;
  const area = Math.max(0, plantableM2);
  const rows = COMPARISON_YEARS.map((n) => {
    const year = startYear + n;
    const withCO2 = type === '造林'
      ? mix ? plantedDensity(n, mix, f) * fromSquareMetres(area, 'ha') * CO2_PER_C : afforestationCarbon(area, startYear, year, f).carbon_stock_tCO2e
      : mineCarbon(area, startYear, year, f).carbon_stock_tCO2e;
    return { years: n, year, with_tCO2e: withCO2, without_tCO2e: 0, added_tCO2e: withCO2 };
  });
  return {
    method: type === '造林' ? 'afforestation_curve' : 'mine_restoration',
    start_year: startYear,
    plantable_mu: fromSquareMetres(area, 'mu'),
    rows,
  };
}
