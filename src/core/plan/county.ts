// County totals: stand carbon from the summary plus the sinks outside the inventory (wetlands, restored mines,
// 碳汇造林 pilot polygons) and, separately, PV/wind avoided emissions — reported beside the sinks, never added to them.
import { avoidedEmissions, AVOIDED_LABEL } from '../carbon/avoided.ts';
import type { CarbonFactors } from '../carbon/factors.ts';
import { CO2_PER_C } from '../carbon/factors.ts';
import type { McResult, McSummary } from '../carbon/monte-carlo.ts';
import { UncertaintyCells } from '../carbon/monte-carlo.ts';
import { afforestationCarbon, mineCarbon, wetlandCarbon } from '../carbon/other-sinks.ts';
import { addStatus, provenanceOf, type CarbonProvenance, type StatusTotals } from '../carbon/provenance.ts';
import { fromSquareMetres } from '../geo/units.ts';
import type { AreaCache, PlanLayers } from './layers.ts';
import { gridConnectedKw } from './rules.ts';
import type { StandSummary } from './stand-summary.ts';

export interface AvoidedTotals {
  label: typeof AVOIDED_LABEL.en;
  grid_factor_id: string;
  grid_factor_tco2_per_mwh: number;
  grid_connected_kw: number;
  pv_tco2_per_yr: number;
  wind_tco2_per_yr: number;
  total_tco2_per_yr: number;
  /** If every mapped project (planned and under construction too) ran: for context only. */
  all_projects_tco2_per_yr: number;
}

export interface CountyTotals {
  land_area_mu: number;
  forest_land_mu: number;
  forest_area_mu: number;
  coverage_pct: number;
  stock_m3: number;
  carbon_stock_tCO2e: number;
  carbon_stock_tC: number;
  /** Net annual sink = gross growth − harvest − mortality (wetland, mine and pilot sinks are net already). */
  annual_sink_tCO2e: number;
  gross_growth_tCO2e: number;
  /**
   * The same three figures for the stands (小班) alone. One key, one meaning, at every level (county, township,
   * dashboard, CLI, public files): `carbon_stock_tCO2e`, `annual_sink_tCO2e` and `gross_growth_tCO2e` count every
   * source; the `stands_` keys count the stands only (equal to the `stands` entries of the by-source breakdowns).
   */
  stands_carbon_stock_tCO2e: number;
  stands_annual_sink_tCO2e: number;
  stands_gross_growth_tCO2e: number;
  harvest_tCO2e: number;
  mortality_tCO2e: number;
  /** Stand carbon per hectare of forest area (森林面积), t C/ha. */
  carbon_density_tC_per_ha: number;
  /** 95 % intervals (Monte Carlo), t CO2e. */
  uncertainty: CarbonUncertainty;
  provenance: CarbonProvenance;
  carbon_stock_by_source_tCO2e: { stands: number; mines: number; carbon_pilots: number };
  annual_sink_by_source_tCO2e: { stands: number; wetlands: number; mines: number; carbon_pilots: number };
  /** Why pilot polygons were or were not added (avoids counting the same plantation twice). */
  carbon_pilots_counted: boolean;
  avoided_emissions: AvoidedTotals;
}

/** The 95 % intervals shown beside a figure: [lo, hi] in t CO2e, with the draws and seed that made them. */
export interface CarbonUncertainty {
  method: string;
  draws: number;
  seed: number;
  carbon_stock_tCO2e: [number, number];
  annual_sink_tCO2e: [number, number];
}

export function uncertaintyOf(mc: McResult, s: McSummary | undefined): CarbonUncertainty {
  return {
    method: mc.method,
    draws: mc.draws,
    seed: mc.seed,
    carbon_stock_tCO2e: s ? [s.carbon_stock_tCO2e.lo, s.carbon_stock_tCO2e.hi] : [0, 0],
    annual_sink_tCO2e: s ? [s.annual_sink_tCO2e.lo, s.annual_sink_tCO2e.hi] : [0, 0],
  };
}

/** For totals computed without a Monte Carlo run (a township's share, before its interval is attached). */
export const noUncertainty = (): CarbonUncertainty => ({ method: 'not computed', draws: 0, seed: 0, carbon_stock_tCO2e: [0, 0], annual_sink_tCO2e: [0, 0] });

/** Stands flagged carbon_afforestation already carry the pilot plantations; only use the pilot layer without them. */
export function pilotsCounted(layers: PlanLayers, summary: StandSummary): boolean {
  return summary.county.carbon_afforestation_mu === 0 && (layers.carbonPilots?.features.length ?? 0) > 0;
}

/** Monte Carlo cells of the sinks outside the stands (wetlands, restored mines, pilot polygons), by township. */
export function otherSinkCells(layers: PlanLayers, areas: AreaCache, summary: StandSummary, year: number): UncertaintyCells {
  const cells = new UncertaintyCells();
  const ha = (m2: number | undefined) => fromSquareMetres(Number.isFinite(m2) && m2! > 0 ? m2! : 0, 'ha');
  (layers.wetlands?.features ?? []).forEach((f, i) => cells.addOther(f.properties?.township_code ?? 'unknown', 'wetland', ha(areas.wetlands?.[i]), null));
  (layers.mines?.features ?? []).forEach((f, i) => {
    const p = f.properties;
    if (!p || p.status !== '已修复' || p.restored_year == null) return;
    cells.addOther(p.township_code ?? 'unknown', 'mine', ha(areas.mines?.[i]), year - p.restored_year);
  });
  if (pilotsCounted(layers, summary)) {
    layers.carbonPilots!.features.forEach((f, i) => {
      const y = f.properties?.planted_year;
      if (y != null) cells.addOther(f.properties?.township_code ?? 'unknown', 'afforestation_curve', ha(areas.carbonPilots?.[i]), year - y);
    });
  }
  return cells;
}

export function countyTotals(
  layers: PlanLayers, areas: AreaCache, summary: StandSummary, factors: CarbonFactors, year: number,
  gridFactorId: string = factors.defaultGridFactor, mc?: McResult, methodLabel = '',
): CountyTotals {
  const c = summary.county;
  const land = fromSquareMetres(areas.county, 'mu');

  let wetSink = 0;
  (layers.wetlands?.features ?? []).forEach((_f, i) => { wetSink += wetlandCarbon(areas.wetlands?.[i] ?? 0, factors).annual_sink_tCO2e; });

  let mineStock = 0;
  let mineSink = 0;
  (layers.mines?.features ?? []).forEach((f, i) => {
    const p = f.properties;
    if (!p || p.status !== '已修复') return;
    const r = mineCarbon(areas.mines?.[i] ?? 0, p.restored_year, year, factors);
    mineStock += r.carbon_stock_tCO2e;
    mineSink += r.annual_sink_tCO2e;
  });

  // Stands flagged carbon_afforestation already carry the pilot plantations; only use the pilot layer without them.
  const pilotsIn = pilotsCounted(layers, summary);
  let pilotStock = 0;
  let pilotSink = 0;
  if (pilotsIn) {
    layers.carbonPilots!.features.forEach((f, i) => {
      const r = afforestationCarbon(areas.carbonPilots?.[i] ?? 0, f.properties?.planted_year ?? null, year, factors);
      pilotStock += r.carbon_stock_tCO2e;
      pilotSink += r.annual_sink_tCO2e;
    });
  }

  let pv = 0;
  let wind = 0;
  let all = 0;
  const sources = [
    ...(layers.pv?.features ?? []).map((f) => ['pv', f.properties] as const),
    ...(layers.windFarms?.features ?? []).map((f) => ['wind', f.properties] as const),
  ];
  for (const [kind, p] of sources) {
    if (!p) continue;
    const a = avoidedEmissions(p.capacity_mw, kind, factors, gridFactorId).avoided_tco2_per_yr;
    all += a;
    if (p.status !== '并网' || (p.grid_year != null && p.grid_year > year)) continue;
    if (kind === 'pv') pv += a;
    else wind += a;
  }

  // Other sinks rest on assumption-status factors (wetland burial applied to rivers, curves, mine factors).
  const stockStatus: StatusTotals = { ...c.stock_by_status };
  const sinkStatus: StatusTotals = { ...c.sink_by_status };
  addStatus(stockStatus, factors.afforestationCurve.status, mineStock + pilotStock);
  addStatus(sinkStatus, factors.wetlandBurial.status, wetSink);
  addStatus(sinkStatus, factors.afforestationCurve.status, mineSink + pilotSink);
  const otherSink = wetSink + mineSink + pilotSink;
  const forestHa = c.forest_area_mu / 15;
  return {
    land_area_mu: land,
    forest_land_mu: c.area_mu,
    forest_area_mu: c.forest_area_mu,
    coverage_pct: land > 0 ? (c.forest_area_mu / land) * 100 : 0,
    stock_m3: c.stock_m3,
    carbon_stock_tCO2e: c.carbon_stock_tCO2e + mineStock + pilotStock,
    carbon_stock_tC: (c.carbon_stock_tCO2e + mineStock + pilotStock) / CO2_PER_C,
    annual_sink_tCO2e: c.annual_sink_tCO2e + otherSink,
    gross_growth_tCO2e: c.gross_growth_tCO2e + otherSink,
    stands_carbon_stock_tCO2e: c.carbon_stock_tCO2e,
    stands_annual_sink_tCO2e: c.annual_sink_tCO2e,
    stands_gross_growth_tCO2e: c.gross_growth_tCO2e,
    harvest_tCO2e: c.harvest_tCO2e,
    mortality_tCO2e: c.mortality_tCO2e,
    carbon_density_tC_per_ha: forestHa > 0 ? c.forest_carbon_stock_tC / forestHa : 0,
    uncertainty: mc ? uncertaintyOf(mc, mc.county) : noUncertainty(),
    provenance: provenanceOf(methodLabel || summary.method, factors.version, stockStatus, sinkStatus),
    carbon_stock_by_source_tCO2e: { stands: c.carbon_stock_tCO2e, mines: mineStock, carbon_pilots: pilotStock },
    annual_sink_by_source_tCO2e: { stands: c.annual_sink_tCO2e, wetlands: wetSink, mines: mineSink, carbon_pilots: pilotSink },
    carbon_pilots_counted: pilotsIn,
    avoided_emissions: {
      label: AVOIDED_LABEL.en,
      grid_factor_id: gridFactorId,
      grid_factor_tco2_per_mwh: factors.gridFactors[gridFactorId].value,
      grid_connected_kw: gridConnectedKw(layers, year), // the one implementation (rules.ts), as the target and the township rows
      pv_tco2_per_yr: pv,
      wind_tco2_per_yr: wind,
      total_tco2_per_yr: pv + wind,
      all_projects_tco2_per_yr: all,
    },
  };
}
