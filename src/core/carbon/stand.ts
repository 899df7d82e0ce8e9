// Carbon stock and annual sink of one forest stand (小班).
// Tree stands: IPCC Tier 2 volume–biomass (default) or Fang's biomass–volume functions (alternative). The annual sink is
// NET: gross growth − harvest − natural mortality, as the provincial inventory method computes it (growth minus
// consumption). Bamboo: stand density and a net stock-change rate (the culms cut each year are not a sink). 油茶 and
// 碳汇造林 new plantings grow along a curve from their planting year; a recorded volume is used wherever it exists.
import { fromSquareMetres } from '../geo/units.ts';
import { afforestationDensity, curveFor, oilTeaPlantingDensity } from './curves.ts';
import {
  AGE_GROUP_KEYS, CO2_PER_C, ORIGIN_KEYS, type AgeGroupKey, type BefRow, type CarbonFactors, type ConsumptionRow, type FactorStatus,
  type FangRow, type OriginKey,
} from './factors.ts';
import { SPECIES_GROUPS, speciesGroupOf, type StandKind } from './species-groups.ts';

export type StandMethod = 'ipcc_bef' | 'fang';

const NET = 'annual sink = gross growth − harvest − natural mortality (growth by species group × age group, consumption by species group × origin)';
export const METHOD_LABELS: Record<StandMethod, string> = {
  ipcc_bef: `IPCC Tier 2 volume–biomass, C = V × D × BEF × (1+R) × CF (parameters recalled from the 省级清单指南 2011 table, not yet checked against it); ${NET}`,
  fang: `Fang et al. biomass–volume function B = a·V + b per hectare, C = B × CF (a, b from 李银 et al. 2016 Table 1); ${NET}, converted at a × CF`,
};

/** Which formula produced a feature's figures. */
export type FeatureMethod =
  | StandMethod
  | 'bamboo_net_rate'
  | 'oil_tea_density'
  | 'oil_tea_planting'
  | 'afforestation_curve'
  | 'not_modelled';

export interface StandInput {
  species: string | null; // 优势树种 (schema species or a raw 二类 name)
  age_group: string | null;
  stock_m3: number; // total standing volume of the stand (recorded; 0 when not measured)
  area_m2: number; // ellipsoidal area (geodesicArea)
  origin?: string | null; // 起源: 人工 / 天然
  carbon_afforestation?: boolean;
  afforestation_year?: number | null;
  oil_tea_work?: string | null; // 新造高产 = new planting, grows from oil_tea_year
  oil_tea_year?: number | null;
  /** Trees that stay standing (the pre-project trees of a carbon-sink project's baseline): no harvest is deducted. */
  no_harvest?: boolean;
}

export interface StandCarbon {
  species_group: string; // '未知' when the species is not recognised
  kind: StandKind | 'unknown';
  method: FeatureMethod;
  area_mu: number;
  area_ha: number;
  stock_m3: number;
  age_group: AgeGroupKey | null;
  origin: OriginKey;
  /** Years since planting, for curve methods (碳汇造林 without recorded volume, new 油茶); else null. */
  years_since_planting: number | null;
  /** True for planted-for-carbon stands: no harvest is deducted. */
  no_harvest: boolean;
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  gross_growth_tC: number;
  harvest_tC: number;
  mortality_tC: number;
  /** Net annual sink: gross growth − harvest − mortality. */
  annual_sink_tC: number;
  gross_growth_tCO2e: number;
  harvest_tCO2e: number;
  mortality_tCO2e: number;
  annual_sink_tCO2e: number;
  /** Weakest status among the factors the stock (resp. the net sink) rests on. */
  stock_status: FactorStatus;
  sink_status: FactorStatus;
}

export interface StandOptions {
  method: StandMethod;
  year: number; // assessment year, for growth curves
}

const RANK: Record<FactorStatus, number> = { verified: 0, secondary: 1, assumption: 2 };
/** The weakest (least checked) of several statuses. */
export function weakest(...s: FactorStatus[]): FactorStatus {
  return s.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'verified' as FactorStatus);
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

/** Harvest and mortality rates for a species group and origin (the '*' row when the group has none). */
export function consumptionRates(group: string, origin: OriginKey, f: CarbonFactors): ConsumptionRow {
  return (f.consumption.rows[group] ?? f.consumption.rows['*'])[origin];
}

/** 起源 as a consumption key. Unknown origin counts as planted (人工): the larger harvest, so the net sink is not overstated. */
export function originKey(origin: string | null | undefined): OriginKey {
  return origin && (ORIGIN_KEYS as readonly string[]).includes(origin) ? (origin as OriginKey) : '人工';
}

const ageKey = (a: string | null): AgeGroupKey | null => (a && (AGE_GROUP_KEYS as readonly string[]).includes(a) ? (a as AgeGroupKey) : null);

interface Flows { stock: number; gross: number; harvest: number; mortality: number }

function result(
  group: string, kind: StandCarbon['kind'], method: FeatureMethod, areaM2: number, s: StandInput, stockM3: number,
  x: Flows, statuses: [FactorStatus, FactorStatus], extra: { t?: number | null; noHarvest?: boolean } = {},
): StandCarbon {
  const net = x.gross - x.harvest - x.mortality;
  return {
    species_group: group,
    kind,
    method,
    area_mu: fromSquareMetres(areaM2, 'mu'),
    area_ha: fromSquareMetres(areaM2, 'ha'),
    stock_m3: stockM3,
    age_group: ageKey(s.age_group),
    origin: originKey(s.origin),
    years_since_planting: extra.t ?? null,
    no_harvest: extra.noHarvest ?? false,
    carbon_stock_tC: x.stock,
    carbon_stock_tCO2e: x.stock * CO2_PER_C,
    gross_growth_tC: x.gross,
    harvest_tC: x.harvest,
    mortality_tC: x.mortality,
    annual_sink_tC: net,
    gross_growth_tCO2e: x.gross * CO2_PER_C,
    harvest_tCO2e: x.harvest * CO2_PER_C,
    mortality_tCO2e: x.mortality * CO2_PER_C,
    annual_sink_tCO2e: net * CO2_PER_C,
    stock_status: statuses[0],
    sink_status: statuses[1],
  };
}

const ZERO: Flows = { stock: 0, gross: 0, harvest: 0, mortality: 0 };

export function standCarbon(s: StandInput, f: CarbonFactors, opt: StandOptions): StandCarbon {
  const area = Number.isFinite(s.area_m2) && s.area_m2 > 0 ? s.area_m2 : 0;
  const ha = fromSquareMetres(area, 'ha');
  const stock = Number.isFinite(s.stock_m3) && s.stock_m3 > 0 ? s.stock_m3 : 0;
  const groupId = speciesGroupOf(s.species);
  const group = groupId ? SPECIES_GROUPS[groupId] : undefined;
  const none: [FactorStatus, FactorStatus] = ['verified', 'verified']; // zero figures rest on nothing
  if (!group) return result('未知', 'unknown', 'not_modelled', area, s, stock, ZERO, none);

  // 碳汇造林 plot without a recorded volume: net stock curve from the planting year (no harvest in the crediting period).
  const afforested = !!s.carbon_afforestation && s.afforestation_year != null && group.kind !== 'none';
  if (afforested && !(stock > 0) && group.kind !== 'oil_tea') {
    // The species group's own curve where the factor table has one (else the default planted-杉木 curve).
    const t = opt.year - s.afforestation_year!;
    const c0 = afforestationDensity(t, f, group.id) * ha;
    const gain = c0 - afforestationDensity(t - 1, f, group.id) * ha;
    const st = curveFor(group.id, f).status;
    return result(group.id, group.kind, 'afforestation_curve', area, s, stock, { stock: c0, gross: gain, harvest: 0, mortality: 0 }, [st, st], { t, noHarvest: true });
  }
  switch (group.kind) {
    case 'bamboo': {
      // Managed moso: the stand keeps about its density; most of the gross production is cut and carried away.
      const gross = f.bambooGrossProduction.value * ha;
      const net = f.bambooNetSink.value * ha;
      return result(group.id, 'bamboo', 'bamboo_net_rate', area, s, stock,
        { stock: f.bambooDensity.value * ha, gross, harvest: gross - net, mortality: 0 },
        [f.bambooDensity.status, weakest(f.bambooNetSink.status)]);
    }
    case 'oil_tea': {
      const plantedYear = s.oil_tea_work === '新造高产' ? s.oil_tea_year : s.carbon_afforestation ? s.afforestation_year : null;
      if (plantedYear != null && Number.isFinite(plantedYear)) {
        const t = opt.year - plantedYear;
        const c0 = oilTeaPlantingDensity(t, f) * ha;
        const gain = c0 - oilTeaPlantingDensity(t - 1, f) * ha;
        const st = weakest(f.oilTeaDensity.status, f.oilTeaCurveK.status);
        return result(group.id, 'oil_tea', 'oil_tea_planting', area, s, stock, { stock: c0, gross: gain, harvest: 0, mortality: 0 }, [st, st], { t, noHarvest: true });
      }
      const gross = f.oilTeaGrossGrowth.value * ha;
      const net = f.oilTeaNetSink.value * ha;
      return result(group.id, 'oil_tea', 'oil_tea_density', area, s, stock,
        { stock: f.oilTeaDensity.value * ha, gross, harvest: gross - net, mortality: 0 },
        [f.oilTeaDensity.status, weakest(f.oilTeaNetSink.status)]);
    }
    case 'shrub':
    case 'none':
      return result(group.id, group.kind, 'not_modelled', area, s, stock, ZERO, none);
    case 'tree':
      break;
  }
  // Tree stand with its recorded volume (also 碳汇造林 plots that have one: measured beats modelled).
  const rate = volumeGrowthRate(group.id, s.age_group, f);
  const cons = consumptionRates(group.id, originKey(s.origin), f);
  // No age group: growth unknown, so neither growth nor consumption is claimed (reported as zero flows).
  const kept = afforested || !!s.no_harvest;
  const hr = rate > 0 && !kept ? cons.harvest : 0;
  const mr = rate > 0 ? cons.mortality : 0;
  const flowStatus = [f.volumeGrowth.status, f.consumption.status] as const;
  if (opt.method === 'fang') {
    const r = f.fang.rows[group.fangRow ?? ''];
    if (!r) throw new Error(`factor table has no Fang row "${group.fangRow}" for group ${group.id}`);
    const cf = f.fangCF.value;
    const perM3 = stock > 0 ? r.a * cf : 0; // marginal carbon of one more m³: dB/dV = a
    const st = weakest(f.fang.status, f.fangCF.status);
    return result(group.id, 'tree', 'fang', area, s, stock,
      { stock: fangCarbon(stock, ha, r, cf), gross: stock * rate * perM3, harvest: stock * hr * perM3, mortality: stock * mr * perM3 },
      [st, weakest(st, ...flowStatus)], { noHarvest: kept });
  }
  const r = f.bef.rows[group.befRow ?? ''];
  if (!r) throw new Error(`factor table has no BEF row "${group.befRow}" for group ${group.id}`);
  const perM3 = befCarbon(1, r);
  return result(group.id, 'tree', 'ipcc_bef', area, s, stock,
    { stock: stock * perM3, gross: stock * rate * perM3, harvest: stock * hr * perM3, mortality: stock * mr * perM3 },
    [f.bef.status, weakest(f.bef.status, ...flowStatus)], { noHarvest: kept });
}
