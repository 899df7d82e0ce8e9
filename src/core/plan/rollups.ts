// Tables for the dashboard and CLI: by township, by year (cumulative) and by species group × age group.
import { wetlandCarbon } from '../carbon/other-sinks.ts';
import type { CarbonFactors } from '../carbon/factors.ts';
import type { McResult } from '../carbon/monte-carlo.ts';
import { uncertaintyOf, type CarbonUncertainty } from './county.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { OIL_TEA_WORK, UPGRADE_TYPES, type OilTeaWork, type UpgradeType } from '../inventory/schema.ts';
import type { AreaCache, PlanLayers } from './layers.ts';
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
  /** 95 % intervals of the township's stock and net sink including its wetlands, restored mines and pilot polygons. */
  uncertainty: CarbonUncertainty;
}

export function townshipRows(layers: PlanLayers, areas: AreaCache, summary: StandSummary, factors: CarbonFactors, year: number, mc?: McResult): TownshipRow[] {
  const rows = new Map<string, TownshipRow>();
  const row = (code: string, name: string): TownshipRow => {
    let r = rows.get(code);
    if (!r) {
      const b = summary.byTownship[code] ?? { ...emptyBucket(), code, name };
      const ha = b.forest_area_mu / 15;
      r = {
        ...b, code, name: name || b.name, land_area_mu: null, coverage_pct: null, grid_connected_kw: 0, wetland_sink_tCO2e: 0,
        carbon_density_tC_per_ha: ha > 0 ? b.forest_carbon_stock_tC / ha : 0,
        uncertainty: mc ? uncertaintyOf(mc, mc.by_scope[code]) : { method: 'not computed', draws: 0, seed: 0, carbon_stock_tCO2e: [0, 0], annual_sink_tCO2e: [0, 0] },
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
  for (const r of rows.values()) {
    const sub: PlanLayers = {
      stands: { type: 'FeatureCollection', features: [] },
      county: { type: 'FeatureCollection', features: [] },
      pv: layers.pv && { ...layers.pv, features: layers.pv.features.filter((f) => f.properties?.township_code === r.code) },
      windFarms: layers.windFarms && { ...layers.windFarms, features: layers.windFarms.features.filter((f) => f.properties?.township_code === r.code) },
    };
    r.grid_connected_kw = gridConnectedKw(sub, year);
  }
  (layers.wetlands?.features ?? []).forEach((f, i) => {
    const code = f.properties?.township_code;
    if (code && rows.has(code)) rows.get(code)!.wetland_sink_tCO2e += wetlandCarbon(areas.wetlands?.[i] ?? 0, factors).annual_sink_tCO2e;
  });
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
