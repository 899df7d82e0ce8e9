// Sinks outside the stand inventory: wetland burial, restored mine land and 碳汇造林 pilot polygons.
// Each returns t C and t CO2e; none of them includes avoided emissions.
import { fromSquareMetres } from '../geo/units.ts';
import { afforestationDensity, afforestationIncrement } from './curves.ts';
import { CO2_PER_C, type CarbonFactors } from './factors.ts';

export interface SinkResult {
  method: string;
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  annual_sink_tC: number;
  annual_sink_tCO2e: number;
}

function sink(method: string, stockC: number, sinkC: number): SinkResult {
  return {
    method,
    carbon_stock_tC: stockC,
    carbon_stock_tCO2e: stockC * CO2_PER_C,
    annual_sink_tC: sinkC,
    annual_sink_tCO2e: sinkC * CO2_PER_C,
  };
}

const hectares = (m2: number) => fromSquareMetres(Number.isFinite(m2) && m2 > 0 ? m2 : 0, 'ha');

/** Wetland: organic carbon burial per hectare per year. The stock of wetland soils is not modelled (no local data). */
export function wetlandCarbon(areaM2: number, f: CarbonFactors): SinkResult {
  return sink('wetland_burial', 0, f.wetlandBurial.value * hectares(areaM2));
}

/**
 * Restored mine land, `t` = year − restored_year:
 *   biomass C = afforestation curve C(t) × site factor (poor substrate grows slower);
 *   soil C    = accrual rate × min(t, soil years), accruing only during years 1…soil years.
 * Sites not yet restored (restoredYear null) hold and add nothing in this model.
 */
export function mineCarbon(areaM2: number, restoredYear: number | null, year: number, f: CarbonFactors): SinkResult {
  if (restoredYear == null) return sink('mine_restoration', 0, 0);
  const ha = hectares(areaM2);
  const t = year - restoredYear;
  const site = f.mineSiteFactor.value;
  const soilYears = f.mineSoilYears.value;
  const soilStock = f.mineSoilAccrual.value * Math.min(Math.max(t, 0), soilYears);
  const soilSink = t >= 1 && t <= soilYears ? f.mineSoilAccrual.value : 0;
  const stock = (afforestationDensity(t, f) * site + soilStock) * ha;
  const gain = (afforestationIncrement(t, f) * site + soilSink) * ha;
  return sink('mine_restoration', stock, gain);
}

/** A 碳汇造林 plot planted in `plantedYear`: growth curve from planting, not a flat rate from year one; `group` picks the
 *  species group's own curve where the factor table has one (curves.ts). */
export function afforestationCarbon(areaM2: number, plantedYear: number | null, year: number, f: CarbonFactors, group?: string | null): SinkResult {
  if (plantedYear == null) return sink('afforestation_curve', 0, 0);
  const ha = hectares(areaM2);
  const t = year - plantedYear;
  return sink('afforestation_curve', afforestationDensity(t, f, group) * ha, afforestationIncrement(t, f, group) * ha);
}
