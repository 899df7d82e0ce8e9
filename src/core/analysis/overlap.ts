// What a site overlaps: rows of stands (by species, age, land class, township) and of the project and protection layers.
// Types only, shared by site-analysis.ts (which computes them) and conflicts.ts (which flags them).
import type { OverlapLayer } from './site-index.ts';

export interface StandRow {
  key: string;
  count: number;
  area_mu: number;
  stock_m3: number;
  carbon_stock_tCO2e: number;
  annual_sink_tCO2e: number;
}

export interface StandOverlap extends Omit<StandRow, 'key'> {
  forest_area_mu: number;
  carbon_stock_tC: number;
  /** Gross growth before harvest and mortality; annual_sink_tCO2e is the net sink. */
  gross_growth_tCO2e: number;
  bySpecies: StandRow[];
  byAge: StandRow[];
  byLandClass: StandRow[];
  byTownship: (StandRow & { name: string })[];
  /** 封育 plots and 碳汇造林 plots inside the site. */
  fengyu_mu: number;
  carbon_afforestation_mu: number;
  /** Land that already carries forest (STOCKED_LAND_CLASSES): not plantable. */
  stocked_mu: number;
}

export interface TownshipOverlap { code: string; name: string; area_mu: number; count: number; names: string[] }

export interface LayerOverlap {
  layer: OverlapLayer;
  area_mu: number;
  count: number;
  byTownship: TownshipOverlap[];
}
