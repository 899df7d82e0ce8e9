// Carbon per feature and in total for any stand file the importers read — the core of `npm run carbon`.
// Attributes may use the schema's names or real 二类 names (优势树种, 龄组, 蓄积 … / YSSZ, LZ, XJ …).
import type { Feature, Geometry } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { detectFields, mapStand, type FieldMap } from '../inventory/field-mapping.ts';
import { isForest } from '../inventory/schema.ts';
import type { CarbonFactors } from './factors.ts';
import { monteCarlo, UncertaintyCells, type McResult } from './monte-carlo.ts';
import { addStatus, emptyStatusTotals, provenanceOf, type CarbonProvenance } from './provenance.ts';
import { METHOD_LABELS, standCarbon, type FeatureMethod, type StandMethod } from './stand.ts';

export interface CarbonFeatureRow {
  index: number;
  /** The formula this feature's figures come from (ipcc_bef, fang, bamboo_net_rate, oil_tea_planting …). */
  method: FeatureMethod;
  species_group: string;
  area_mu: number;
  stock_m3: number;
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  gross_growth_tCO2e: number;
  harvest_tCO2e: number;
  mortality_tCO2e: number;
  /** Net: gross growth − harvest − mortality. */
  annual_sink_tCO2e: number;
}

export interface CarbonTotals {
  area_mu: number;
  /** Area of the stands that are forest (森林: 乔木林地 canopy ≥ 0.2, 竹林地, 特灌林地); all modelled stands when the file
   *  has no 地类. The denominator of carbon_density_tC_per_ha. */
  forest_area_mu: number;
  stock_m3: number;
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  /** t C per hectare of forest area. */
  carbon_density_tC_per_ha: number;
  gross_growth_tCO2e: number;
  harvest_tCO2e: number;
  mortality_tCO2e: number;
  annual_sink_tCO2e: number;
  /** 95 % intervals, t CO2e (Monte Carlo, IPCC 2006 Vol.1 Ch.3 Approach 2). */
  uncertainty: { carbon_stock_tCO2e: [number, number]; annual_sink_tCO2e: [number, number]; draws: number; seed: number; method: string };
}

/** The exact JSON shape of `npm run carbon -- file --json`. */
export interface CarbonReport {
  method: string;
  factors_version: string;
  /** Shares (0–1) of the stock and net sink resting on factors not verified against their source. */
  unverified_share: CarbonProvenance['unverified_share'];
  status_shares: CarbonProvenance['status_shares'];
  features: CarbonFeatureRow[];
  total: CarbonTotals;
}

export interface CarbonRun {
  report: CarbonReport;
  /** Which formula each feature used (bamboo, 油茶, 碳汇造林 curve …), index-aligned with report.features. */
  featureMethods: FeatureMethod[];
  fieldMap: FieldMap;
  unmappedFields: string[];
  /** Human-readable problems: unknown species, unreadable values. Never fatal on their own. */
  issues: string[];
  mc: McResult;
}

export class StandFileError extends Error {}

/**
 * Compute carbon for each feature. `sourceIndex[i]` is feature i's position in the file (the importer may reject some);
 * `areasM2` may be passed when already computed. Throws StandFileError when the file has no species attribute at all.
 */
export function carbonForFeatures(
  features: readonly Feature<Geometry | null>[],
  factors: CarbonFactors,
  opt: { method: StandMethod; year: number; sourceIndex?: readonly number[]; areasM2?: Float64Array; mcDraws?: number; mcSeed?: number },
): CarbonRun {
  const keys = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  const { map, unmapped } = detectFields(keys);
  if (features.length > 0 && map.species === undefined) {
    throw new StandFileError(
      `no dominant-species attribute found (looked for species, 优势树种, YSSZ …); attributes present: ${[...keys].join(', ') || 'none'}`,
    );
  }
  if (features.length > 0 && map.stock_m3 === undefined && map.stock_per_ha === undefined && map.stock_per_mu === undefined) {
    unmapped.push('(no 蓄积 attribute: tree stands will show zero stock)');
  }
  const issues: string[] = [];
  const rows: CarbonFeatureRow[] = [];
  const featureMethods: FeatureMethod[] = [];
  const total = {
    area_mu: 0, forest_area_mu: 0, stock_m3: 0, carbon_stock_tC: 0, carbon_stock_tCO2e: 0, carbon_density_tC_per_ha: 0,
    gross_growth_tCO2e: 0, harvest_tCO2e: 0, mortality_tCO2e: 0, annual_sink_tCO2e: 0,
  };
  let forestC = 0;
  const stockStatus = emptyStatusTotals(), sinkStatus = emptyStatusTotals();
  const cells = new UncertaintyCells();
  const unknownSpecies = new Map<string, number>();

  features.forEach((f, i) => {
    const index = opt.sourceIndex?.[i] ?? i;
    let area: number;
    try {
      area = opt.areasM2?.[i] ?? geodesicArea(f.geometry);
    } catch (e) {
      throw new StandFileError(`feature ${index}: ${(e as Error).message}`);
    }
    const { stand, issues: own } = mapStand((f.properties ?? {}) as Record<string, unknown>, map, area);
    for (const m of own) issues.push(`feature ${index}: ${m}`);
    const c = standCarbon(
      {
        species: stand.species_raw ?? stand.species ?? null,
        age_group: stand.age_group ?? null,
        stock_m3: stand.stock_m3 ?? 0,
        area_m2: area,
        origin: stand.origin ?? null,
        carbon_afforestation: stand.carbon_afforestation,
        afforestation_year: stand.afforestation_year,
        oil_tea_work: stand.oil_tea_work ?? null,
        oil_tea_year: stand.oil_tea_year ?? null,
      },
      factors,
      opt,
    );
    if (c.kind === 'unknown') {
      const s = stand.species_raw ?? '(empty)';
      unknownSpecies.set(s, (unknownSpecies.get(s) ?? 0) + 1);
    }
    featureMethods.push(c.method);
    rows.push({
      index,
      method: c.method,
      species_group: c.species_group,
      area_mu: c.area_mu,
      stock_m3: c.stock_m3,
      carbon_stock_tC: c.carbon_stock_tC,
      carbon_stock_tCO2e: c.carbon_stock_tCO2e,
      gross_growth_tCO2e: c.gross_growth_tCO2e,
      harvest_tCO2e: c.harvest_tCO2e,
      mortality_tCO2e: c.mortality_tCO2e,
      annual_sink_tCO2e: c.annual_sink_tCO2e,
    });
    const forest = stand.land_class ? isForest({ land_class: stand.land_class, canopy: stand.canopy ?? 0 }) : c.method !== 'not_modelled';
    total.area_mu += c.area_mu;
    if (forest) {
      total.forest_area_mu += c.area_mu;
      forestC += c.carbon_stock_tC;
    }
    total.stock_m3 += c.stock_m3;
    total.carbon_stock_tC += c.carbon_stock_tC;
    total.carbon_stock_tCO2e += c.carbon_stock_tCO2e;
    total.gross_growth_tCO2e += c.gross_growth_tCO2e;
    total.harvest_tCO2e += c.harvest_tCO2e;
    total.mortality_tCO2e += c.mortality_tCO2e;
    total.annual_sink_tCO2e += c.annual_sink_tCO2e;
    addStatus(stockStatus, c.stock_status, c.carbon_stock_tCO2e);
    addStatus(sinkStatus, c.sink_status, c.annual_sink_tCO2e);
    cells.addStand(stand.township_code ?? 'file', c);
  });
  total.carbon_density_tC_per_ha = total.forest_area_mu > 0 ? forestC / (total.forest_area_mu / 15) : 0;
  const mc = monteCarlo(cells, factors, { draws: opt.mcDraws, seed: opt.mcSeed });
  const methodText = `${opt.method}: ${METHOD_LABELS[opt.method]}`;
  const prov = provenanceOf(methodText, factors.version, stockStatus, sinkStatus);
  for (const [s, n] of unknownSpecies) issues.push(`species "${s}" not recognised in ${n} feature(s): counted as zero carbon`);
  return {
    report: {
      method: methodText,
      factors_version: factors.version,
      unverified_share: prov.unverified_share,
      status_shares: prov.status_shares,
      features: rows,
      total: {
        ...total,
        uncertainty: {
          carbon_stock_tCO2e: [mc.county.carbon_stock_tCO2e.lo, mc.county.carbon_stock_tCO2e.hi],
          annual_sink_tCO2e: [mc.county.annual_sink_tCO2e.lo, mc.county.annual_sink_tCO2e.hi],
          draws: mc.draws,
          seed: mc.seed,
          method: mc.method,
        },
      },
    },
    mc,
    featureMethods,
    fieldMap: map,
    unmappedFields: unmapped,
    issues,
  };
}
