// Tables for the dashboard and CLI: by township, by year (cumulative) and by species group × age group.
import type { CarbonFactors } from '../carbon/factors.ts';
import type { McResult } from '../carbon/monte-carlo.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { OIL_TEA_WORK, UPGRADE_TYPES, type OilTeaWork, type UpgradeType } from '../inventory/schema.ts';
import { countyTotals, noUncertainty, uncertaintyOf, type CountyTotals } from './county.ts';
import type { AreaCache, FC, PlanLayers, StandLike } from './layers.ts';
import { gridConnectedKw } from './rules.ts';
import { cumulativeByYear, emptyBucket, type Bucket, type StandSummary } from './stand-summary.ts';

/**
 * One township's figures: countyTotals on the township's own features, so every key means exactly what it means in
 * the county totals (`annual_sink_tCO2e`: all sources — stands, wetlands, restored mines, pilot polygons when counted;
 * `stands_annual_sink_tCO2e`: the stands alone; the `*_by_source_tCO2e` breakdowns), and the townships add up to the
 * county. Plus what only a township has: its code and name, its stand count, the upgrade / 油茶 / 碳汇造林 work done
 * in it. `land_area_mu` and `coverage_pct` are null when there is no township polygon for the code.
 */
export type TownshipRow = Omit<CountyTotals, 'land_area_mu' | 'coverage_pct'> & {
  code: string;
  name: string;
  /** Stands (小班) in the township. */
  count: number;
  land_area_mu: number | null;
  coverage_pct: number | null;
  /** 低产低效林改造 done in the township by the end of the year, by type (the public files' `upgrade_mu` is the total
   *  done by the plan's deadline: another figure, so another name). */
  upgrade_by_type_mu: Bucket['upgrade_mu'];
  oil_tea_mu: Bucket['oil_tea_mu'];
  carbon_afforestation_mu: number;
};

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

export function townshipRows(
  layers: PlanLayers, areas: AreaCache, summary: StandSummary, factors: CarbonFactors, year: number, mc?: McResult,
  gridFactorId: string = factors.defaultGridFactor, methodLabel = '',
): TownshipRow[] {
  const land = new Map<string, number>();
  const names = new Map<string, string>();
  (layers.townships?.features ?? []).forEach((f, i) => {
    const p = f.properties;
    if (!p) return;
    names.set(p.code, p.name);
    land.set(p.code, fromSquareMetres(areas.townships?.[i] ?? 0, 'mu'));
  });
  for (const [code, b] of Object.entries(summary.byTownship)) if (!names.has(code) || !names.get(code)) names.set(code, b.name);
  // Pilot polygons are counted in a township exactly when the county counts them.
  const pilotsCounted = countyTotals(layers, areas, summary, factors, year).carbon_pilots_counted;
  const rows = [...names].map(([code, name]): TownshipRow => {
    const b = summary.byTownship[code] ?? { ...emptyBucket(), code, name };
    const scope = townshipExtras(layers, areas, code, pilotsCounted);
    const { land_area_mu: _countyLand, coverage_pct: _countyCoverage, ...t } = countyTotals(scope.layers, scope.areas, { ...summary, county: b }, factors, year, gridFactorId, undefined, methodLabel);
    const landMu = land.get(code);
    return {
      code, name, count: b.count,
      land_area_mu: landMu ?? null,
      coverage_pct: landMu !== undefined && landMu > 0 ? (b.forest_area_mu / landMu) * 100 : null,
      ...t,
      uncertainty: mc ? uncertaintyOf(mc, mc.by_scope[code]) : noUncertainty(),
      upgrade_by_type_mu: b.upgrade_mu, oil_tea_mu: b.oil_tea_mu, carbon_afforestation_mu: b.carbon_afforestation_mu,
    };
  });
  return rows.sort((a, b) => a.code.localeCompare(b.code));
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
