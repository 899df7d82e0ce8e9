// Carbon stock and annual sink of one forest stand (小班).
// Tree stands: IPCC Tier 2 volume–biomass (default) or Fang's biomass–volume functions (alternative).
// Bamboo and 油茶: per-area densities and sinks. 碳汇造林 plots: growth curve from the planting year.
import { fromSquareMetres } from '../geo/units.ts';
import { afforestationDensity, afforestationIncrement } from './curves.ts';
import { AGE_GROUP_KEYS, CO2_PER_C, type AgeGroupKey, type BefRow, type CarbonFactors, type FangRow } from './factors.ts';
import { SPECIES_GROUPS, speciesGroupOf, type StandKind } from './species-groups.ts';

export type StandMethod = 'ipcc_bef' | 'fang';

export const METHOD_LABELS: Record<StandMethod, string> = {
  ipcc_bef:
    'IPCC Tier 2 volume–biomass, C = V × D × BEF × (1+R) × CF (省级清单指南 2011 parameters, to be checked against the guideline); annual sink from gross volume growth rate by species group × age group (harvest not deducted)',
  fang: "Fang et al. biomass–volume function B = a·V + b per hectare, C = B × CF; annual sink = a × ΔV × CF",
};

/** Which formula produced a feature's figures. */
export type FeatureMethod = StandMethod | 'bamboo_density' | 'oil_tea_density' | 'afforestation_curve' | 'not_modelled';

export interface StandInput {
  species: string | null; // 优势树种 (schema species or a raw 二类 name)
  age_group: string | null;
  stock_m3: number; // total standing volume of the stand
  area_m2: number; // ellipsoidal area (geodesicArea)
  carbon_afforestation?: boolean;
  afforestation_year?: number | null;
}

export interface StandCarbon {
  species_group: string; // '未知' when the species is not recognised
  kind: StandKind | 'unknown';
  method: FeatureMethod;
  area_mu: number;
  stock_m3: number;
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  annual_sink_tC: number;
  annual_sink_tCO2e: number;
}

export interface StandOptions {
  method: StandMethod;
  year: number; // assessment year, for growth curves
}

/** t C in a volume V (m³) by the volume–biomass method. Area-independent because D, BEF, R and CF are ratios. */
export function befCarbon(volumeM3: number, r: BefRow): number {
  return volumeM3 * r.D * r.BEF * (1 + r.R) * r.CF;
}

/** t C of a stand by Fang: per hectare B = a·V_ha + b, so for the stand B = a·V + b·area_ha. No trees → 0. */
export function fangCarbon(volumeM3: number, areaHa: number, r: FangRow, cf: number): number {
  if (!(volumeM3 > 0) || !(areaHa > 0)) return 0;
  return (r.a * volumeM3 + r.b * areaHa) * cf;
}

/** Annual gross volume growth rate for a species group and age group (the '*' row when the group has none). */
export function volumeGrowthRate(group: string, ageGroup: string | null, f: CarbonFactors): number {
  if (!ageGroup || !(AGE_GROUP_KEYS as readonly string[]).includes(ageGroup)) return 0;
  const row = f.volumeGrowth.rows[group] ?? f.volumeGrowth.rows['*'];
  return row[ageGroup as AgeGroupKey];
}

function result(
  group: string, kind: StandCarbon['kind'], method: FeatureMethod, areaM2: number, stock: number, tC: number, sinkC: number,
): StandCarbon {
  return {
    species_group: group,
    kind,
    method,
    area_mu: fromSquareMetres(areaM2, 'mu'),
    stock_m3: stock,
    carbon_stock_tC: tC,
    carbon_stock_tCO2e: tC * CO2_PER_C,
    annual_sink_tC: sinkC,
    annual_sink_tCO2e: sinkC * CO2_PER_C,
  };
}

export function standCarbon(s: StandInput, f: CarbonFactors, opt: StandOptions): StandCarbon {
  const area = Number.isFinite(s.area_m2) && s.area_m2 > 0 ? s.area_m2 : 0;
  const ha = fromSquareMetres(area, 'ha');
  const stock = Number.isFinite(s.stock_m3) && s.stock_m3 > 0 ? s.stock_m3 : 0;
  const groupId = speciesGroupOf(s.species);
  const group = groupId ? SPECIES_GROUPS[groupId] : undefined;
  if (!group) return result('未知', 'unknown', 'not_modelled', area, stock, 0, 0);

  if (s.carbon_afforestation && s.afforestation_year != null && group.kind !== 'none') {
    const t = opt.year - s.afforestation_year;
    return result(group.id, group.kind, 'afforestation_curve', area, stock,
      afforestationDensity(t, f) * ha, afforestationIncrement(t, f) * ha);
  }
  switch (group.kind) {
    case 'bamboo':
      return result(group.id, 'bamboo', 'bamboo_density', area, stock, f.bambooDensity.value * ha, f.bambooSink.value * ha);
    case 'oil_tea':
      return result(group.id, 'oil_tea', 'oil_tea_density', area, stock, f.oilTeaDensity.value * ha, f.oilTeaSink.value * ha);
    case 'shrub':
    case 'none':
      return result(group.id, group.kind, 'not_modelled', area, stock, 0, 0);
    case 'tree':
      break;
  }
  const rate = volumeGrowthRate(group.id, s.age_group, f);
  if (opt.method === 'fang') {
    const r = f.fang.rows[group.fangRow ?? ''];
    if (!r) throw new Error(`factor table has no Fang row "${group.fangRow}" for group ${group.id}`);
    const cf = f.fangCF.value;
    return result(group.id, 'tree', 'fang', area, stock, fangCarbon(stock, ha, r, cf), r.a * stock * rate * cf);
  }
  const r = f.bef.rows[group.befRow ?? ''];
  if (!r) throw new Error(`factor table has no BEF row "${group.befRow}" for group ${group.id}`);
  return result(group.id, 'tree', 'ipcc_bef', area, stock, befCarbon(stock, r), befCarbon(stock * rate, r));
}
