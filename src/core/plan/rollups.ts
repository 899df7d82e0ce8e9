// Tables for the dashboard and CLI: by township, by year (cumulative) and by species group × age group.
import type { CarbonFactors } from '../carbon/factors.ts';
import type { McResult } from '../carbon/monte-carlo.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { OIL_TEA_WORK, UPGRADE_TYPES, type OilTeaWork, type UpgradeType } from '../inventory/schema.ts';
import { countyTotals, noUncertainty, uncertaintyOf, type CarbonUncertainty } from './county.ts';
import type { AreaCache, FC, PlanLayers, StandLike } from './layers.ts';
import { gridConnectedKw } from './rules.ts';
import { cumulativeByYear, emptyBucket, type Bucket, type StandSummary } from './stand-summary.ts';

export interface TownshipRow extends Bucket {
  code: string;
  name: string;
  land_area_mu: number | null; // from townships.geojson; null when the layer is missing
  coverage_pct: number | null;
  grid_connected_kw: number;
  wetland_sink_tCO2e: number;
  /** Stand carbon per hectare of forest area, t C/ha. */
  carbon_density_tC_per_ha: number;
  /**
   * The township's share of the county figures of the same name (countyTotals on the township's features): carbon stock
   * of stands + restored mines + 碳汇造林 pilot polygons (when the county counts them), and the annual sink of those plus
   * wetlands. `carbon_stock_tCO2e` / `annual_sink_tCO2e` (from the bucket) are the stands alone. The gross growth
   * of all sources is the net sink plus the stands' harvest and mortality (the other sinks are net already), as for the county.
   */
  carbon_stock_all_sources_tCO2e: number;
  annual_sink_all_sources_tCO2e: number;
  gross_growth_all_sources_tCO2e: number;
  /** 95 % intervals of the two all-sources figures above (Monte Carlo cells of the township's stands, wetlands, restored
   *  mines and pilot polygons), so each interval is about the figure it is shown beside. */
  uncertainty: CarbonUncertainty;
}

/** The small layers (and their areas) restricted to one township's features; the stands are summed elsewhere. */
function townshipExtras(layers: PlanLayers, areas: AreaCache, code: string, withPilots: boolean): { layers: PlanLayers; areas: AreaCache } {
  const pick = <P extends { township_code?: string }>(fc: FC<P> | undefined, a: Float64Array | undefined): [FC<P> | undefined, Float64Array | undefined] => {
    if (!fc) return [undefined, a];
    const idx: number[] = [];
    fc.features.forEach((f, i) => { if (f.properties?.township_code === code) idx.push(i); });
    return [{ ...fc, features: idx.map((i) => fc.features[i]) }, a ? Float64Array.from(idx, (i) => a[i]) : undefined];
  };
  const [mines, mineAreas] = pick(layers.mines, areas.mines);
  const [wetlands, wetlandAreas] = pick(layers.wetlands, areas.wetlands);
  const [pv, pvAreas] = pick(layers.pv, areas.pv);
  const [windFarms] = pick(layers.windFarms, undefined);
  const [carbonPilots, pilotAreas] = withPilots ? pick(layers.carbonPilots, areas.carbonPilots) : [undefined, undefined];
  return {
    layers: { stands: { type: 'FeatureCollection', features: [] }, county: { type: 'FeatureCollection', features: [] }, mines, wetlands, pv, windFarms, carbonPilots },
    areas: { stands: new Float64Array(), county: 0, mines: mineAreas, wetlands: wetlandAreas, pv: pvAreas, carbonPilots: pilotAreas },
  };
}

/**
 * 低产低效林改造 area done by the end of `year` per township (undated records count as done, as the county target counts
 * them: doneBy). Index-aligned areas; the one implementation of the township upgrade figure.
 */
export function upgradeDoneByTownship(stands: FC<StandLike>, areasM2: Float64Array, year: number): Map<string, number> {
  const types = new Set<string>(UPGRADE_TYPES);
  const out = new Map<string, number>();
  stands.features.forEach((f, i) => {
    const p = f.properties;
    if (!p || !p.upgrade_type || !types.has(p.upgrade_type)) return;
    if (p.upgrade_year != null && Number.isFinite(p.upgrade_year) && p.upgrade_year > year) return;
    const code = p.township_code ?? 'unknown';
    out.set(code, (out.get(code) ?? 0) + fromSquareMetres(areasM2[i], 'mu'));
  });
  return out;
}

export function townshipRows(layers: PlanLayers, areas: AreaCache, summary: StandSummary, factors: CarbonFactors, year: number, mc?: McResult): TownshipRow[] {
  const rows = new Map<string, TownshipRow>();
  const row = (code: string, name: string): TownshipRow => {
    let r = rows.get(code);
    if (!r) {
      const b = summary.byTownship[code] ?? { ...emptyBucket(), code, name };
      r = {
        ...b, code, name: name || b.name, land_area_mu: null, coverage_pct: null, grid_connected_kw: 0, wetland_sink_tCO2e: 0,
        carbon_density_tC_per_ha: 0, carbon_stock_all_sources_tCO2e: 0, annual_sink_all_sources_tCO2e: 0, gross_growth_all_sources_tCO2e: 0,
        uncertainty: mc ? uncertaintyOf(mc, mc.by_scope[code]) : noUncertainty(),
      };
      rows.set(code, r);
    }
    return r;
  };
  (layers.townships?.features ?? []).forEach((f, i) => {
    const p = f.properties;
    if (!p) return;
    const r = row(p.code, p.name);
    r.land_area_mu = fromSquareMetres(areas.townships?.[i] ?? 0, 'mu');
    r.coverage_pct = r.land_area_mu > 0 ? (r.forest_area_mu / r.land_area_mu) * 100 : null;
  });
  for (const [code, b] of Object.entries(summary.byTownship)) row(code, b.name);
  // Each township's figures come from countyTotals on its own features, so they mean what the county figures mean and
  // add up to them. Pilot polygons are counted in a township exactly when the county counts them.
  const pilotsCounted = countyTotals(layers, areas, summary, factors, year).carbon_pilots_counted;
  for (const r of rows.values()) {
    const scope = townshipExtras(layers, areas, r.code, pilotsCounted);
    const t = countyTotals(scope.layers, scope.areas, { ...summary, county: summary.byTownship[r.code] ?? emptyBucket() }, factors, year);
    r.grid_connected_kw = t.avoided_emissions.grid_connected_kw;
    r.wetland_sink_tCO2e = t.annual_sink_by_source_tCO2e.wetlands;
    r.carbon_stock_all_sources_tCO2e = t.carbon_stock_tCO2e;
    r.annual_sink_all_sources_tCO2e = t.annual_sink_tCO2e;
    r.gross_growth_all_sources_tCO2e = t.gross_growth_tCO2e;
    r.carbon_density_tC_per_ha = t.carbon_density_tC_per_ha;
  }
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export interface YearRow {
  year: number;
  upgrade_mu: Record<UpgradeType, number>;
  upgrade_total_mu: number;
  oil_tea_mu: Record<OilTeaWork, number>;
  carbon_afforestation_mu: number;
  grid_connected_kw: number;
}

/** Cumulative progress at the end of each year from `from` to `to`. */
export function yearRows(layers: PlanLayers, summary: StandSummary, from: number, to: number): YearRow[] {
  const series = (k: keyof StandSummary['added']) => cumulativeByYear(summary.added[k], from, to);
  const up = Object.fromEntries(UPGRADE_TYPES.map((t) => [t, series(`upgrade:${t}`)])) as unknown as Record<UpgradeType, { cumulative: number }[]>;
  const ot = Object.fromEntries(OIL_TEA_WORK.map((w) => [w, series(`oil_tea:${w}`)])) as unknown as Record<OilTeaWork, { cumulative: number }[]>;
  const aff = series('carbon_afforestation');
  const out: YearRow[] = [];
  for (let y = from, i = 0; y <= to; y++, i++) {
    const upgrade_mu = Object.fromEntries(UPGRADE_TYPES.map((t) => [t, up[t][i].cumulative])) as Record<UpgradeType, number>;
    out.push({
      year: y,
      upgrade_mu,
      upgrade_total_mu: UPGRADE_TYPES.reduce((s, t) => s + upgrade_mu[t], 0),
      oil_tea_mu: Object.fromEntries(OIL_TEA_WORK.map((w) => [w, ot[w][i].cumulative])) as Record<OilTeaWork, number>,
      carbon_afforestation_mu: aff[i].cumulative,
      // undated grid-connected projects are counted from the first year shown
      grid_connected_kw: gridConnectedKw(layers, y),
    });
  }
  return out;
}

export function speciesAgeRows(summary: StandSummary): (Bucket & { species_group: string; age_group: string })[] {
  const ages = ['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林', '—'];
  return Object.values(summary.bySpeciesAge).sort(
    (a, b) => a.species_group.localeCompare(b.species_group, 'zh') || ages.indexOf(a.age_group) - ages.indexOf(b.age_group),
  );
}
