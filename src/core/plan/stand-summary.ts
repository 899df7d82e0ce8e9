// One pass over the stands: carbon per stand plus every roll-up the targets and the dashboard need
// (county, township, species group × age group, area added per year). Pure and synchronous; areas come precomputed.
import { isForest, OIL_TEA_WORK, UPGRADE_TYPES, type OilTeaWork, type UpgradeType } from '../inventory/schema.ts';
import type { CarbonFactors, FactorStatus } from '../carbon/factors.ts';
import { UncertaintyCells } from '../carbon/monte-carlo.ts';
import { emptyStatusTotals, type StatusTotals } from '../carbon/provenance.ts';
import { standCarbon, type StandCarbon, type StandInput, type StandMethod } from '../carbon/stand.ts';
import type { FC, StandLike } from './layers.ts';

export interface Bucket {
  count: number;
  area_mu: number; // all stands = 林地
  forest_area_mu: number; // 森林 per isForest
  stock_m3: number;
  carbon_stock_tCO2e: number;
  /** Net annual sink: gross growth − harvest − mortality. */
  annual_sink_tCO2e: number;
  carbon_stock_tC: number;
  /** Carbon of the stands that are forest (isForest), for carbon density = t C per ha of forest area. */
  forest_carbon_stock_tC: number;
  gross_growth_tCO2e: number;
  harvest_tCO2e: number;
  mortality_tCO2e: number;
  /** Stock and net sink (t CO2e, absolute) by the weakest status of the factors they rest on. */
  stock_by_status: StatusTotals;
  sink_by_status: StatusTotals;
  upgrade_mu: Record<UpgradeType, number>;
  oil_tea_mu: Record<OilTeaWork, number>;
  carbon_afforestation_mu: number;
}

export const emptyBucket = (): Bucket => ({
  count: 0, area_mu: 0, forest_area_mu: 0, stock_m3: 0, carbon_stock_tCO2e: 0, annual_sink_tCO2e: 0,
  carbon_stock_tC: 0, forest_carbon_stock_tC: 0, gross_growth_tCO2e: 0, harvest_tCO2e: 0, mortality_tCO2e: 0,
  stock_by_status: emptyStatusTotals(), sink_by_status: emptyStatusTotals(),
  upgrade_mu: { 更新: 0, 补植: 0, 抚育: 0, 封育: 0 },
  oil_tea_mu: { 新造高产: 0, 低产改造: 0 },
  carbon_afforestation_mu: 0,
});

/** Metric keys of the per-year series: `upgrade:更新` …, `oil_tea:新造高产` …, `carbon_afforestation`. */
export type YearMetric = `upgrade:${UpgradeType}` | `oil_tea:${OilTeaWork}` | 'carbon_afforestation';

/** mu added per year for each metric; key 'unknown' collects records without a year. */
export type AddedByYear = Record<YearMetric, Record<string, number>>;

export interface StandSummary {
  method: StandMethod;
  year: number;
  county: Bucket;
  byTownship: Record<string, Bucket & { code: string; name: string }>;
  bySpeciesAge: Record<string, Bucket & { species_group: string; age_group: string }>;
  added: AddedByYear;
  /** Per-stand results, index-aligned with the stands, for maps (hexagon aggregation) and CSV export. */
  perStand: { carbon_stock_tCO2e: Float64Array; annual_sink_tCO2e: Float64Array; species_group: string[]; forest: Uint8Array };
  unknownSpecies: number;
  /** Stands summed into Monte Carlo cells by township (monte-carlo.ts). */
  cells: UncertaintyCells;
  /** Which stand formulas occur (for the factor card: list every factor kind used). */
  methodsUsed: Set<string>;
}

// The pass sums into one Float64Array per bucket (slots below) and makes the Bucket objects at the end: at 200k stands
// × 12 years the property stores of object buckets dominated the pass. The additions and their order are those of
// the objects, so the sums are bit for bit the same.
const S_COUNT = 0, S_AREA = 1, S_FOREST_AREA = 2, S_STOCK_M3 = 3, S_STOCK_CO2 = 4, S_SINK_CO2 = 5, S_STOCK_C = 6,
  S_FOREST_STOCK_C = 7, S_GROSS = 8, S_HARVEST = 9, S_MORTALITY = 10, S_STOCK_STATUS = 11, S_SINK_STATUS = 14,
  S_UPGRADE = 17, S_OIL_TEA = 21, S_CARBON_AFF = 23, SLOTS = 24;
const STATUS_KEYS = Object.keys(emptyStatusTotals()) as FactorStatus[];
const UPGRADE_KEYS = Object.keys(emptyBucket().upgrade_mu) as UpgradeType[];
const OIL_TEA_KEYS = Object.keys(emptyBucket().oil_tea_mu) as OilTeaWork[];
const statusSlot = (s: FactorStatus): number => STATUS_KEYS.indexOf(s);

/** The attributes a bucket sums, read once per stand (200k stands: property reads dominate this pass). */
interface StandFacts {
  forest: boolean;
  /** Slot offset of the stand's upgrade type / 油茶 work in a bucket, or -1. */
  upgrade: number;
  oilTea: number;
  carbonAfforestation: boolean;
}

function addInto(b: Float64Array, p: StandFacts, mu: number, c: StandCarbon, stockStatus: number, sinkStatus: number): void {
  b[S_COUNT] += 1;
  b[S_AREA] += mu;
  b[S_STOCK_M3] += c.stock_m3;
  b[S_STOCK_CO2] += c.carbon_stock_tCO2e;
  b[S_SINK_CO2] += c.annual_sink_tCO2e;
  b[S_STOCK_C] += c.carbon_stock_tC;
  if (p.forest) {
    b[S_FOREST_AREA] += mu;
    b[S_FOREST_STOCK_C] += c.carbon_stock_tC;
  }
  b[S_GROSS] += c.gross_growth_tCO2e;
  b[S_HARVEST] += c.harvest_tCO2e;
  b[S_MORTALITY] += c.mortality_tCO2e;
  b[S_STOCK_STATUS + stockStatus] += Math.abs(c.carbon_stock_tCO2e); // addStatus
  b[S_SINK_STATUS + sinkStatus] += Math.abs(c.annual_sink_tCO2e);
  if (p.upgrade >= 0) b[S_UPGRADE + p.upgrade] += mu;
  if (p.oilTea >= 0) b[S_OIL_TEA + p.oilTea] += mu;
  if (p.carbonAfforestation) b[S_CARBON_AFF] += mu;
}

/** The sums into a bucket object (emptyBucket() or one with extra keys after its own, as the pass made them). */
function fillBucket<B extends Bucket>(b: B, a: Float64Array): B {
  b.count = a[S_COUNT];
  b.area_mu = a[S_AREA];
  b.forest_area_mu = a[S_FOREST_AREA];
  b.stock_m3 = a[S_STOCK_M3];
  b.carbon_stock_tCO2e = a[S_STOCK_CO2];
  b.annual_sink_tCO2e = a[S_SINK_CO2];
  b.carbon_stock_tC = a[S_STOCK_C];
  b.forest_carbon_stock_tC = a[S_FOREST_STOCK_C];
  b.gross_growth_tCO2e = a[S_GROSS];
  b.harvest_tCO2e = a[S_HARVEST];
  b.mortality_tCO2e = a[S_MORTALITY];
  STATUS_KEYS.forEach((k, i) => {
    b.stock_by_status[k] = a[S_STOCK_STATUS + i];
    b.sink_by_status[k] = a[S_SINK_STATUS + i];
  });
  UPGRADE_KEYS.forEach((k, i) => { b.upgrade_mu[k] = a[S_UPGRADE + i]; });
  OIL_TEA_KEYS.forEach((k, i) => { b.oil_tea_mu[k] = a[S_OIL_TEA + i]; });
  b.carbon_afforestation_mu = a[S_CARBON_AFF];
  return b;
}

function bump(series: Record<string, number>, year: number | null | undefined, mu: number): void {
  const k = year == null || !Number.isFinite(year) ? 'unknown' : year;
  series[k] = (series[k] ?? 0) + mu;
}

export function summariseStands(
  stands: FC<StandLike>,
  areasM2: Float64Array,
  factors: CarbonFactors,
  opt: { method: StandMethod; year: number },
): StandSummary {
  return summariseStandsForYears(stands, areasM2, factors, { method: opt.method, years: [opt.year] })[0];
}

/** A bucket for each year of a multi-year pass. */
type YearBuckets<T> = T[];

/**
 * The summaries of several assessment years in one pass over the stands: each summary equals summariseStands for its
 * year (the same additions in the same stand order, so the same floating-point sums). The stand's attributes are read
 * once and its carbon computed once unless it depends on the year (curve methods: years_since_planting is set); only
 * the additions are repeated per year. The public build's year control needs 2020–2030: 11 passes became one.
 */
export function summariseStandsForYears(
  stands: FC<StandLike>,
  areasM2: Float64Array,
  factors: CarbonFactors,
  opt: { method: StandMethod; years: readonly number[] },
): StandSummary[] {
  const n = stands.features.length;
  const years = opt.years;
  const ny = years.length;
  if (areasM2.length !== n) throw new Error(`area cache has ${areasM2.length} entries for ${n} stands`);
  const county = years.map(() => new Float64Array(SLOTS));
  const added = {} as AddedByYear;
  for (const t of UPGRADE_TYPES) added[`upgrade:${t}`] = {};
  for (const w of OIL_TEA_WORK) added[`oil_tea:${w}`] = {};
  added.carbon_afforestation = {};
  // species group and forest flag do not depend on the year: one array each, shared by the years' summaries
  const speciesGroup = new Array<string>(n);
  const forest = new Uint8Array(n);
  const perStand = years.map(() => ({ carbon_stock_tCO2e: new Float64Array(n), annual_sink_tCO2e: new Float64Array(n), species_group: speciesGroup, forest }));
  const cells = years.map(() => new UncertaintyCells());
  const methodsUsed = years.map(() => new Set<string>());
  let unknownSpecies = 0;

  // Lookups instead of template-string keys in the loop: this pass runs over 200k stands.
  const upgradeSeries = Object.fromEntries(UPGRADE_TYPES.map((t) => [t, added[`upgrade:${t}`]])) as Record<string, Record<string, number>>;
  const oilSeries = Object.fromEntries(OIL_TEA_WORK.map((w) => [w, added[`oil_tea:${w}`]])) as Record<string, Record<string, number>>;
  const towns = new Map<string, { name: string; sums: YearBuckets<Float64Array> }>();
  const groups = new Map<string, Map<string, YearBuckets<Float64Array>>>();

  // One input and one facts record reused for every stand: no garbage per stand besides standCarbon's result.
  const input: StandInput = {
    species: null, age_group: null, stock_m3: 0, area_m2: 0, origin: null, carbon_afforestation: false, afforestation_year: null,
    oil_tea_work: null, oil_tea_year: null,
  };
  const facts: StandFacts = { forest: false, upgrade: -1, oilTea: -1, carbonAfforestation: false };
  const yearOpt = { method: opt.method, year: years[0] };
  for (let i = 0; i < n; i++) {
    const p = stands.features[i].properties;
    if (!p) continue;
    const carbonAfforestation = !!p.carbon_afforestation;
    const ageGroup = p.age_group;
    input.species = p.species_raw ?? p.species;
    input.age_group = ageGroup;
    input.stock_m3 = p.stock_m3;
    input.area_m2 = areasM2[i];
    input.carbon_afforestation = carbonAfforestation;
    input.afforestation_year = carbonAfforestation ? p.afforestation_year : null;
    input.origin = p.origin;
    input.oil_tea_work = p.oil_tea_work;
    input.oil_tea_year = p.oil_tea_year;
    yearOpt.year = years[0];
    const c0 = standCarbon(input, factors, yearOpt);
    // standCarbon reads the year only for curve methods, and those set years_since_planting
    const sameEveryYear = c0.years_since_planting === null;
    const cellKey = sameEveryYear ? UncertaintyCells.key(c0) : '';
    if (c0.kind === 'unknown') unknownSpecies++;
    speciesGroup[i] = c0.species_group;
    facts.forest = isForest(p);
    forest[i] = facts.forest ? 1 : 0;
    const upgrade = p.upgrade_type;
    const oilTea = p.oil_tea_work;
    facts.upgrade = upgrade ? UPGRADE_KEYS.indexOf(upgrade as UpgradeType) : -1;
    facts.oilTea = oilTea ? OIL_TEA_KEYS.indexOf(oilTea as OilTeaWork) : -1;
    facts.carbonAfforestation = carbonAfforestation;

    const code = p.township_code ?? 'unknown';
    let town = towns.get(code);
    if (!town) towns.set(code, (town = { name: p.township_name ?? '', sums: years.map(() => new Float64Array(SLOTS)) }));
    const townSums = town.sums;
    const age = ageGroup ?? '—';
    let byAge = groups.get(c0.species_group);
    if (!byAge) groups.set(c0.species_group, (byAge = new Map()));
    let g = byAge.get(age);
    if (!g) byAge.set(age, (g = years.map(() => new Float64Array(SLOTS))));

    for (let y = 0; y < ny; y++) {
      let c = c0;
      if (y > 0 && !sameEveryYear) {
        yearOpt.year = years[y];
        c = standCarbon(input, factors, yearOpt);
      }
      perStand[y].carbon_stock_tCO2e[i] = c.carbon_stock_tCO2e;
      perStand[y].annual_sink_tCO2e[i] = c.annual_sink_tCO2e;
      methodsUsed[y].add(c.method);
      const mu = c.area_mu;
      const stockStatus = statusSlot(c.stock_status);
      const sinkStatus = statusSlot(c.sink_status);
      addInto(county[y], facts, mu, c, stockStatus, sinkStatus);
      addInto(townSums[y], facts, mu, c, stockStatus, sinkStatus);
      cells[y].addStand(code, c, sameEveryYear ? cellKey : undefined);
      addInto(g[y], facts, mu, c, stockStatus, sinkStatus);
    }

    const mu = c0.area_mu; // the area does not depend on the year
    if (upgrade && upgradeSeries[upgrade]) bump(upgradeSeries[upgrade], p.upgrade_year, mu);
    if (oilTea && oilSeries[oilTea]) bump(oilSeries[oilTea], p.oil_tea_year, mu);
    if (carbonAfforestation) bump(added.carbon_afforestation, p.afforestation_year, mu);
  }
  return years.map((year, y): StandSummary => {
    const byTownship: StandSummary['byTownship'] = {};
    for (const [code, t] of towns) byTownship[code] = fillBucket({ ...emptyBucket(), code, name: t.name }, t.sums[y]);
    const bySpeciesAge: StandSummary['bySpeciesAge'] = {};
    for (const [group, byAge] of groups) {
      for (const [age, g] of byAge) bySpeciesAge[`${group}|${age}`] = fillBucket({ ...emptyBucket(), species_group: group, age_group: age }, g[y]);
    }
    // the series do not depend on the year; each summary gets its own copy (callers may keep one and not the others)
    const addedCopy = Object.fromEntries(Object.entries(added).map(([k, v]) => [k, { ...v }])) as AddedByYear;
    return {
      method: opt.method, year, county: fillBucket(emptyBucket(), county[y]), byTownship, bySpeciesAge, added: addedCopy, perStand: perStand[y], unknownSpecies,
      cells: cells[y], methodsUsed: methodsUsed[y],
    };
  });
}

/**
 * Area done by the end of `year`: everything dated up to that year plus undated records (the inventory says the work
 * exists, so it was done by the snapshot; the dashboard shows the undated part separately).
 */
export function doneBy(series: Record<string, number>, year: number): number {
  let s = series.unknown ?? 0;
  for (const [k, v] of Object.entries(series)) if (k !== 'unknown' && Number(k) <= year) s += v;
  return s;
}

/** Cumulative series for a chart: [{year, cumulative}] for each year in [from, to]; undated area is left out. */
export function cumulativeByYear(series: Record<string, number>, from: number, to: number): { year: number; cumulative: number }[] {
  const out: { year: number; cumulative: number }[] = [];
  let s = 0;
  for (const [k, v] of Object.entries(series)) if (k !== 'unknown' && Number(k) < from) s += v;
  for (let y = from; y <= to; y++) {
    s += series[String(y)] ?? 0;
    out.push({ year: y, cumulative: s });
  }
  return out;
}
