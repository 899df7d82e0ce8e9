// The public page's data contract: the files scripts/build-public-data.ts writes to data/public/ and the page reads.
// Only aggregates and plan-level figures live here — no stand ids, no stand attributes (the public build is scanned).
import type { TargetStatus } from '../core/plan/status.ts';
import type { TargetUnit } from '../core/plan/targets.ts';
import type { Text } from '../layers/types.ts';

export const PUBLIC_DIR = 'public';
export const TOWNSHIP_STATS_FILE = `${PUBLIC_DIR}/township-stats.geojson`;
export const PROJECTS_FILE = `${PUBLIC_DIR}/projects.geojson`;
export const PLAN_PROGRESS_FILE = `${PUBLIC_DIR}/plan-progress.json`;
/** neighbours.geojson simplified for the page's basemap (build/context.ts). */
export const NEIGHBOURS_FILE = `${PUBLIC_DIR}/neighbours.geojson`;

/** Per-township public aggregates (properties of township-stats.geojson and rows of plan-progress.json). */
export interface TownshipStats {
  id: string;
  code: string;
  name: string;
  name_en: string;
  land_area_mu: number;
  forest_land_mu: number;
  forest_area_mu: number;
  /** 森林覆盖率: forest area / township land area. */
  coverage_pct: number;
  /** Stands + restored mines (+ pilot polygons when the stands do not carry them), t CO2e. */
  carbon_stock_tCO2e: number;
  /** 95 % interval of carbon_stock_tCO2e (Monte Carlo, IPCC 2006 Vol.1 Ch.3 Approach 2). */
  carbon_stock_lo_tCO2e: number;
  carbon_stock_hi_tCO2e: number;
  /** Stand carbon per hectare of FOREST area (森林面积), t C/ha — the one density used everywhere. */
  carbon_density_tC_per_ha: number;
  /** The same density as t CO2e/ha (× 44/12), per hectare of forest area. */
  carbon_density_tCO2e_per_ha: number;
  /** NET annual sink (growth − harvest − mortality) of stands + wetlands + restored mines (+ pilot polygons), t CO2e/yr. */
  annual_sink_tCO2e: number;
  annual_sink_lo_tCO2e: number;
  annual_sink_hi_tCO2e: number;
  /** Low-yield forest upgraded by the plan's deadline (all four types), 亩. */
  upgrade_mu: number;
  /** upgrade_mu as a share of the township's forest land (林地). */
  upgrade_share_pct: number;
}

export type ProjectKind = 'pv' | 'wind' | 'wetland_park' | 'mine';

/** Properties of projects.geojson: one marker per project the plan publishes. */
export interface PublicProject {
  id: string;
  kind: ProjectKind;
  name: string;
  name_en: string;
  township: string;
  township_en: string;
  status: string;
  capacity_mw: number | null;
  year: number | null;
  area_mu: number | null;
  plan_named: boolean;
  description_zh: string;
  description_en: string;
}

export interface PublicTarget {
  id: string;
  section: string;
  text_zh: string;
  text_en: string;
  quote: string;
  unit: TargetUnit;
  target: number;
  target_year: number | null;
  comparator: 'gte' | 'gt';
  value: number;
  ratio: number | null;
  status: TargetStatus;
  shortfall: number;
  note?: string;
}

export interface PublicMethodNote {
  figure: string;
  formula: string;
  parameters: { name: string; value: number; unit: string; status: string; source: string; uncertainty: string }[];
}

export interface PublicCounty {
  land_area_mu: number;
  forest_land_mu: number;
  forest_area_mu: number;
  coverage_pct: number;
  /** The county's growing stock, m³ (the CLI's stock_m3: the leak scan refuses stand field names in public files). */
  growing_stock_m3: number;
  carbon_stock_tCO2e: number;
  /** Stand carbon per hectare of forest area, t C/ha, and the same as t CO2e/ha (rounded separately). */
  carbon_density_tC_per_ha: number;
  carbon_density_tCO2e_per_ha: number;
  /** Net annual sink = gross growth − harvest − mortality. */
  annual_sink_tCO2e: number;
  gross_growth_tCO2e: number;
  harvest_tCO2e: number;
  mortality_tCO2e: number;
  /** 95 % intervals [lo, hi], t CO2e. */
  uncertainty: { carbon_stock_tCO2e: [number, number]; annual_sink_tCO2e: [number, number]; method: string; draws: number; seed: number };
  avoided_tCO2_per_yr: number;
  grid_connected_kw: number;
}

export interface PlanProgressFile {
  schema: 'xingguo-public-plan-progress-1';
  title: Text;
  /** True while any layer is synthetic (the page shows the sample-data badge). */
  sample_data: boolean;
  as_of_year: number;
  data_version: string | null;
  source: Text;
  method: string;
  method_label: string;
  factors_version: string;
  /** Shares (0–1) of the county stock and net sink resting on factors not verified against their source. */
  unverified_share: { carbon_stock: number; annual_sink: number };
  /** Year by which the low-yield forest upgrade counted in upgrade_mu had to be done (the plan's deadline). */
  upgrade_deadline: number;
  county: PublicCounty;
  targets: PublicTarget[];
  townships: TownshipStats[];
  method_notes: PublicMethodNote[];
  /**
   * The same figures for every year of the year control (2020–2030), computed by the same core code with that year
   * (`npm run targets -- --year Y`). After as_of_year the carbon is a growth-model projection. Absent in older files.
   */
  years?: Record<string, PublicYearFigures>;
}

export interface PublicYearFigures {
  year: number;
  /** True after as_of_year: carbon figures are projections and unfinished projects are planned. */
  projection: boolean;
  /** That year's shares of stock and net sink resting on unverified factors (absent in older files). */
  unverified_share?: { carbon_stock: number; annual_sink: number };
  county: PublicCounty;
  targets: PublicTarget[];
  townships: TownshipStats[];
}
