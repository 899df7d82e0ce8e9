// One pass over the stands: carbon per stand plus every roll-up the targets and the dashboard need
// (county, township, species group × age group, area added per year). Pure and synchronous; areas come precomputed.
import { isForest, OIL_TEA_WORK, UPGRADE_TYPES, type OilTeaWork, type UpgradeType } from '../inventory/schema.ts';
import type { CarbonFactors } from '../carbon/factors.ts';
import { UncertaintyCells } from '../carbon/monte-carlo.ts';
import { addStatus, emptyStatusTotals, type StatusTotals } from '../carbon/provenance.ts';
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

/** The attributes a bucket sums, read once per stand (200k stands: property reads dominate this pass). */
interface StandFacts {
  forest: boolean;
  upgrade: string | null | undefined;
  oilTea: string | null | undefined;
  carbonAfforestation: boolean;
}

function addInto(b: Bucket, p: StandFacts, mu: number, c: StandCarbon): void {
  b.count += 1;
  b.area_mu += mu;
  b.stock_m3 += c.stock_m3;
  b.carbon_stock_tCO2e += c.carbon_stock_tCO2e;
  b.annual_sink_tCO2e += c.annual_sink_tCO2e;
  b.carbon_stock_tC += c.carbon_stock_tC;
  if (p.forest) {
    b.forest_area_mu += mu;
    b.forest_carbon_stock_tC += c.carbon_stock_tC;
  }
  b.gross_growth_tCO2e += c.gross_growth_tCO2e;
  b.harvest_tCO2e += c.harvest_tCO2e;
  b.mortality_tCO2e += c.mortality_tCO2e;
  addStatus(b.stock_by_status, c.stock_status, c.carbon_stock_tCO2e);
  addStatus(b.sink_by_status, c.sink_status, c.annual_sink_tCO2e);
  if (p.upgrade && p.upgrade in b.upgrade_mu) b.upgrade_mu[p.upgrade as UpgradeType] += mu;
  if (p.oilTea && p.oilTea in b.oil_tea_mu) b.oil_tea_mu[p.oilTea as OilTeaWork] += mu;
  if (p.carbonAfforestation) b.carbon_afforestation_mu += mu;
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
  const n = stands.features.length;
  if (areasM2.length !== n) throw new Error(`area cache has ${areasM2.length} entries for ${n} stands`);
  const county = emptyBucket();
  const byTownship: StandSummary['byTownship'] = {};
  const bySpeciesAge: StandSummary['bySpeciesAge'] = {};
  const added = {} as AddedByYear;
  for (const t of UPGRADE_TYPES) added[`upgrade:${t}`] = {};
  for (const w of OIL_TEA_WORK) added[`oil_tea:${w}`] = {};
  added.carbon_afforestation = {};
  const perStand = { carbon_stock_tCO2e: new Float64Array(n), annual_sink_tCO2e: new Float64Array(n), species_group: new Array<string>(n), forest: new Uint8Array(n) };
  const cells = new UncertaintyCells();
  const methodsUsed = new Set<string>();
  let unknownSpecies = 0;

  // Lookups instead of template-string keys in the loop: this pass runs over 200k stands.
  const upgradeSeries = Object.fromEntries(UPGRADE_TYPES.map((t) => [t, added[`upgrade:${t}`]])) as Record<string, Record<string, number>>;
  const oilSeries = Object.fromEntries(OIL_TEA_WORK.map((w) => [w, added[`oil_tea:${w}`]])) as Record<string, Record<string, number>>;
  const towns = new Map<string, Bucket & { code: string; name: string }>();
  const groups = new Map<string, Map<string, Bucket & { species_group: string; age_group: string }>>();

  // One input and one facts record reused for every stand: no garbage per stand besides standCarbon's result.
  const input: StandInput = {
    species: null, age_group: null, stock_m3: 0, area_m2: 0, origin: null, carbon_afforestation: false, afforestation_year: null,
    oil_tea_work: null, oil_tea_year: null,
  };
  const facts: StandFacts = { forest: false, upgrade: null, oilTea: null, carbonAfforestation: false };
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
    const c = standCarbon(input, factors, opt);
    if (c.kind === 'unknown') unknownSpecies++;
    perStand.carbon_stock_tCO2e[i] = c.carbon_stock_tCO2e;
    perStand.annual_sink_tCO2e[i] = c.annual_sink_tCO2e;
    perStand.species_group[i] = c.species_group;
    methodsUsed.add(c.method);
    const mu = c.area_mu;
    facts.forest = isForest(p);
    perStand.forest[i] = facts.forest ? 1 : 0;
    facts.upgrade = p.upgrade_type;
    facts.oilTea = p.oil_tea_work;
    facts.carbonAfforestation = carbonAfforestation;
    addInto(county, facts, mu, c);

    const code = p.township_code ?? 'unknown';
    let town = towns.get(code);
    if (!town) towns.set(code, (town = { ...emptyBucket(), code, name: p.township_name ?? '' }));
    addInto(town, facts, mu, c);
    cells.addStand(code, c);

    const age = ageGroup ?? '—';
    let byAge = groups.get(c.species_group);
    if (!byAge) groups.set(c.species_group, (byAge = new Map()));
    let g = byAge.get(age);
    if (!g) byAge.set(age, (g = { ...emptyBucket(), species_group: c.species_group, age_group: age }));
    addInto(g, facts, mu, c);

    if (facts.upgrade && upgradeSeries[facts.upgrade]) bump(upgradeSeries[facts.upgrade], p.upgrade_year, mu);
    if (facts.oilTea && oilSeries[facts.oilTea]) bump(oilSeries[facts.oilTea], p.oil_tea_year, mu);
    if (carbonAfforestation) bump(added.carbon_afforestation, p.afforestation_year, mu);
  }
  for (const [code, b] of towns) byTownship[code] = b;
  for (const byAge of groups.values()) for (const g of byAge.values()) bySpeciesAge[`${g.species_group}|${g.age_group}`] = g;
  return { method: opt.method, year: opt.year, county, byTownship, bySpeciesAge, added, perStand, unknownSpecies, cells, methodsUsed };
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
