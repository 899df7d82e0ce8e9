// The carbon-sink project file (docs/carbon-projects.md): a named set of parcels, each with a planting design, a start
// date, a crediting period and the carbon pools chosen. One JSON object; the planner saves the same object on the
// server and the CLI reads it from a file. parseProject checks every field and names the first bad one by its path
// (`parcels[2].geometry: …`), so a bad file never reaches the model.
import type { MultiPolygon, Polygon } from 'geojson';
import { SITE_CLASSES, type SiteClass } from '../carbon/factors.ts';
import { SPECIES_GROUPS, speciesGroupOf } from '../carbon/species-groups.ts';
import { checkGeometry } from '../geo/validate.ts';

export const PROJECT_FORMAT = 'xingguo-carbon-project';
export const PROJECT_FORMAT_VERSION = 1;

/** Carbon pools of AR-ACM0003: trees (above + below ground) are mandatory, the others optional. */
export const POOLS = ['trees', 'shrubs', 'dead_wood', 'litter', 'soil'] as const;
export type Pool = (typeof POOLS)[number];

export interface SpeciesShare {
  /** Species group of the carbon model (species-groups.ts), e.g. 杉木, 马尾松, 木荷; a species name is mapped onto it. */
  group: string;
  /** Share of the planted area, 0–1; the shares of a design sum to 1. */
  share: number;
}

export interface PlantingDesign {
  id: string;
  species: SpeciesShare[];
  /** Planting density, stems per hectare (recorded for the PDD; the growth curves are stand averages and do not use it). */
  density_per_ha: number;
  planting_year: number;
  site_class: SiteClass;
}

/** Where a parcel came from in the planner (informative; eligibility reads the geometry, not this). */
export type ParcelSource = { kind: 'drawn' } | { kind: 'stand'; stand_id: string } | { kind: 'site'; site_id: string };

export interface ProjectParcel {
  id: string;
  name: string;
  design: string;
  geometry: Polygon | MultiPolygon;
  source: ParcelSource;
  /** Share of the parcel's shrub cover removed at site preparation (CCER-14-001: at most 0.2). Default 0.2. */
  shrub_removal_share: number;
  /** Evidence on organic soil, when the developer has it; null = not known. */
  organic_soil: boolean | null;
  /** Pre-project agricultural activity displaced by the planting (AR-ACM0003 leakage); zero when there is none. */
  leakage: { displaced_ha: number; destination_tCO2e_per_ha: number };
}

export interface CostItem {
  label: string;
  /** A one-off cost in a calendar year … */
  year?: number;
  cny?: number;
  /** … or a cost per hectare of the eligible area per year, over [from_year, to_year]. */
  per_ha_per_year?: number;
  from_year?: number;
  to_year?: number;
}

export interface ProjectValueInput {
  /** CNY per t CO2e; null fields take the default range (parameters.ts). */
  price_cny_per_tCO2e: { low: number; central: number; high: number } | null;
  discount_rate: number | null;
  costs: CostItem[];
}

export interface ProjectOptions {
  /** AR-TOOL14 Appendix 2 discount on the ex-ante removals ('none' shows the removals without it). */
  uncertainty_deduction: 'ar-tool14' | 'none';
  mc_draws: number;
  mc_seed: number;
}

export interface ProjectFile {
  format: typeof PROJECT_FORMAT;
  version: typeof PROJECT_FORMAT_VERSION;
  id: string | null;
  name: string;
  /** Project start (the start of planting), ISO date YYYY-MM-DD. */
  start_date: string;
  crediting_years: number;
  pools: Pool[];
  designs: PlantingDesign[];
  parcels: ProjectParcel[];
  value: ProjectValueInput;
  options: ProjectOptions;
}

/** A project file that cannot be used: `field` is the path of the bad field (`parcels[2].geometry`). */
export class ProjectFileError extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(field ? `${field}: ${problem}` : problem);
  }
}

export const CREDITING_YEARS = { min: 20, max: 60 } as const;
export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 20261130;
export const MAX_PARCELS = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const fail = (field: string, problem: string): never => { throw new ProjectFileError(field, problem); };

function str(o: Obj, key: string, path: string, opt: { optional?: boolean; max?: number } = {}): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return opt.optional ? undefined : fail(`${path}${key}`, 'is missing');
  if (typeof v !== 'string' || v.trim() === '') return fail(`${path}${key}`, 'must be a non-empty text');
  if (v.length > (opt.max ?? 200)) fail(`${path}${key}`, `is longer than ${opt.max ?? 200} characters`);
  return v.trim();
}

function num(o: Obj, key: string, path: string, opt: { min?: number; max?: number; integer?: boolean; optional?: boolean } = {}): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return opt.optional ? undefined : fail(`${path}${key}`, 'is missing');
  const range = opt.min != null && opt.max != null ? ` from ${opt.min} to ${opt.max}` : opt.min != null ? ` ≥ ${opt.min}` : opt.max != null ? ` ≤ ${opt.max}` : '';
  if (typeof v !== 'number' || !Number.isFinite(v) || (opt.integer && !Number.isInteger(v)) || (opt.min != null && v < opt.min) || (opt.max != null && v > opt.max)) {
    return fail(`${path}${key}`, `must be ${opt.integer ? 'a whole number' : 'a number'}${range} (got ${JSON.stringify(v)})`);
  }
  return v;
}

function arr(o: Obj, key: string, path: string, opt: { optional?: boolean; min?: number; max?: number } = {}): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return opt.optional ? [] : fail(`${path}${key}`, 'is missing');
  if (!Array.isArray(v)) return fail(`${path}${key}`, 'must be a list');
  if (opt.min != null && v.length < opt.min) fail(`${path}${key}`, `needs at least ${opt.min} entr${opt.min === 1 ? 'y' : 'ies'}`);
  if (opt.max != null && v.length > opt.max) fail(`${path}${key}`, `has more than ${opt.max} entries`);
  return v;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(v: string | undefined, field: string): string {
  const m = v ? ISO_DATE.exec(v) : null;
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return fail(field, `must be a date YYYY-MM-DD (got ${JSON.stringify(v)})`);
  return v!;
}

export const startYearOf = (p: Pick<ProjectFile, 'start_date'>): number => +p.start_date.slice(0, 4);

function parseSpecies(v: unknown, path: string): SpeciesShare {
  if (!isObj(v)) return fail(path, 'must be an object {group, share}');
  const name = str(v, 'group', `${path}.`)!;
  const group = speciesGroupOf(name);
  if (!group) return fail(`${path}.group`, `"${name}" is not a species or species group the carbon model knows (${Object.keys(SPECIES_GROUPS).filter((g) => SPECIES_GROUPS[g].kind === 'tree').join(', ')})`);
  const kind = SPECIES_GROUPS[group].kind;
  // 油茶 (economic forest) passes here: the eligibility rule `scope` refuses it with the methodology's words.
  if (kind !== 'tree' && kind !== 'oil_tea') fail(`${path}.group`, `"${name}" (${SPECIES_GROUPS[group].en}) is not modelled for afforestation projects: tree species only`);
  const share = num(v, 'share', `${path}.`, { min: 0, max: 1 })!;
  if (!(share > 0)) fail(`${path}.share`, 'must be more than 0');
  return { group, share };
}

function parseDesign(v: unknown, i: number, startYear: number, years: number): PlantingDesign {
  const path = `designs[${i}]`;
  if (!isObj(v)) return fail(path, 'must be an object');
  const id = str(v, 'id', `${path}.`, { max: 40 })!;
  const species = arr(v, 'species', `${path}.`, { min: 1, max: 10 }).map((s, j) => parseSpecies(s, `${path}.species[${j}]`));
  const sum = species.reduce((s, x) => s + x.share, 0);
  if (Math.abs(sum - 1) > 1e-6) fail(`${path}.species`, `shares must sum to 1 (they sum to ${+sum.toFixed(6)})`);
  const groups = species.map((s) => s.group);
  const dup = groups.find((g, j) => groups.indexOf(g) !== j);
  if (dup) fail(`${path}.species`, `species group ${dup} is listed twice`);
  const density = num(v, 'density_per_ha', `${path}.`, { min: 1, max: 100_000 })!;
  const plantingYear = num(v, 'planting_year', `${path}.`, { integer: true, min: startYear, max: startYear + years - 1 })!;
  const site = v.site_class ?? 'II';
  if (!(SITE_CLASSES as readonly unknown[]).includes(site)) fail(`${path}.site_class`, `must be ${SITE_CLASSES.join(', ')} (got ${JSON.stringify(site)})`);
  return { id, species, density_per_ha: density, planting_year: plantingYear, site_class: site as SiteClass };
}

function parseSource(v: unknown, path: string): ParcelSource {
  if (v === undefined || v === null) return { kind: 'drawn' };
  if (!isObj(v)) return fail(path, 'must be an object {kind, …}');
  if (v.kind === 'drawn') return { kind: 'drawn' };
  if (v.kind === 'stand') return { kind: 'stand', stand_id: str(v, 'stand_id', `${path}.`, { max: 80 })! };
  if (v.kind === 'site') return { kind: 'site', site_id: str(v, 'site_id', `${path}.`, { max: 80 })! };
  return fail(`${path}.kind`, `must be drawn, stand or site (got ${JSON.stringify(v.kind)})`);
}

function parseParcel(v: unknown, i: number, designs: Set<string>): ProjectParcel {
  const path = `parcels[${i}]`;
  if (!isObj(v)) return fail(path, 'must be an object');
  const id = str(v, 'id', `${path}.`, { max: 80 })!;
  const design = str(v, 'design', `${path}.`, { max: 40 })!;
  if (!designs.has(design)) fail(`${path}.design`, `names no design (designs: ${[...designs].join(', ')})`);
  if (!v.geometry) fail(`${path}.geometry`, 'is missing');
  if (!isObj(v.geometry)) fail(`${path}.geometry`, 'must be a GeoJSON geometry object');
  const checked = checkGeometry(v.geometry as never);
  if (checked.error || !checked.geometry) fail(`${path}.geometry`, checked.error ?? 'is not a geometry');
  const g = checked.geometry!;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') fail(`${path}.geometry`, `must be a Polygon or MultiPolygon (got ${g.type})`);
  const share = num(v, 'shrub_removal_share', `${path}.`, { min: 0, max: 1, optional: true }) ?? 0.2;
  const organic = v.organic_soil;
  if (organic !== undefined && organic !== null && typeof organic !== 'boolean') fail(`${path}.organic_soil`, 'must be true, false or null');
  let leakage = { displaced_ha: 0, destination_tCO2e_per_ha: 0 };
  if (v.leakage !== undefined && v.leakage !== null) {
    if (!isObj(v.leakage)) fail(`${path}.leakage`, 'must be an object {displaced_ha, destination_tCO2e_per_ha}');
    const l = v.leakage as Obj;
    leakage = {
      displaced_ha: num(l, 'displaced_ha', `${path}.leakage.`, { min: 0 })!,
      destination_tCO2e_per_ha: num(l, 'destination_tCO2e_per_ha', `${path}.leakage.`, { min: 0 })!,
    };
  }
  return {
    id, name: str(v, 'name', `${path}.`, { optional: true, max: 200 }) ?? id, design, geometry: g as Polygon | MultiPolygon,
    source: parseSource(v.source, `${path}.source`), shrub_removal_share: share, organic_soil: (organic as boolean | null | undefined) ?? null, leakage,
  };
}

function parseCost(v: unknown, i: number): CostItem {
  const path = `value.costs[${i}]`;
  if (!isObj(v)) return fail(path, 'must be an object');
  const label = str(v, 'label', `${path}.`, { optional: true, max: 100 }) ?? `cost ${i + 1}`;
  if (v.per_ha_per_year !== undefined) {
    const from = num(v, 'from_year', `${path}.`, { integer: true, min: 1900, max: 2200 })!;
    const to = num(v, 'to_year', `${path}.`, { integer: true, min: from, max: 2200 })!;
    return { label, per_ha_per_year: num(v, 'per_ha_per_year', `${path}.`, { min: 0 }), from_year: from, to_year: to };
  }
  return { label, year: num(v, 'year', `${path}.`, { integer: true, min: 1900, max: 2200 }), cny: num(v, 'cny', `${path}.`, { min: 0 }) };
}

function parseValue(v: unknown): ProjectValueInput {
  if (v === undefined || v === null) return { price_cny_per_tCO2e: null, discount_rate: null, costs: [] };
  if (!isObj(v)) return fail('value', 'must be an object');
  let price: ProjectValueInput['price_cny_per_tCO2e'] = null;
  if (v.price_cny_per_tCO2e !== undefined && v.price_cny_per_tCO2e !== null) {
    const p = v.price_cny_per_tCO2e;
    if (!isObj(p)) return fail('value.price_cny_per_tCO2e', 'must be an object {low, central, high}');
    const low = num(p, 'low', 'value.price_cny_per_tCO2e.', { min: 0 })!;
    const central = num(p, 'central', 'value.price_cny_per_tCO2e.', { min: low })!;
    price = { low, central, high: num(p, 'high', 'value.price_cny_per_tCO2e.', { min: central })! };
  }
  return {
    price_cny_per_tCO2e: price,
    discount_rate: num(v, 'discount_rate', 'value.', { min: 0, max: 1, optional: true }) ?? null,
    costs: arr(v, 'costs', 'value.', { optional: true, max: 200 }).map(parseCost),
  };
}

function parseOptions(v: unknown): ProjectOptions {
  if (v === undefined || v === null) return { uncertainty_deduction: 'ar-tool14', mc_draws: DEFAULT_DRAWS, mc_seed: DEFAULT_SEED };
  if (!isObj(v)) return fail('options', 'must be an object');
  const ud = v.uncertainty_deduction ?? 'ar-tool14';
  if (ud !== 'ar-tool14' && ud !== 'none') fail('options.uncertainty_deduction', `must be ar-tool14 or none (got ${JSON.stringify(ud)})`);
  return {
    uncertainty_deduction: ud as ProjectOptions['uncertainty_deduction'],
    mc_draws: num(v, 'mc_draws', 'options.', { integer: true, min: 100, max: 100_000, optional: true }) ?? DEFAULT_DRAWS,
    mc_seed: num(v, 'mc_seed', 'options.', { integer: true, min: 0, max: 2 ** 32 - 1, optional: true }) ?? DEFAULT_SEED,
  };
}

/** Check a project object (already parsed from JSON); throws ProjectFileError naming the first bad field. */
export function parseProject(input: unknown): ProjectFile {
  if (!isObj(input)) return fail('', 'a project file is one JSON object');
  if (input.format !== PROJECT_FORMAT) fail('format', `must be "${PROJECT_FORMAT}" (got ${JSON.stringify(input.format)})`);
  if (input.version !== PROJECT_FORMAT_VERSION) fail('version', `must be ${PROJECT_FORMAT_VERSION} (got ${JSON.stringify(input.version)})`);
  const name = str(input, 'name', '')!;
  const start = parseDate(str(input, 'start_date', ''), 'start_date');
  const startYear = +start.slice(0, 4);
  if (startYear < 2000 || startYear > 2100) fail('start_date', `year must be from 2000 to 2100 (got ${startYear})`);
  const years = num(input, 'crediting_years', '', { integer: true, ...CREDITING_YEARS })!;
  const pools = arr(input, 'pools', '', { optional: true }) as unknown[];
  const poolList = pools.length ? pools : ['trees'];
  poolList.forEach((p, i) => { if (!(POOLS as readonly unknown[]).includes(p)) fail(`pools[${i}]`, `must be one of ${POOLS.join(', ')} (got ${JSON.stringify(p)})`); });
  if (!poolList.includes('trees')) fail('pools', 'must include trees (mandatory in AR-ACM0003)');
  const designs = arr(input, 'designs', '', { min: 1, max: 100 }).map((d, i) => parseDesign(d, i, startYear, years));
  const designIds = designs.map((d) => d.id);
  const dupDesign = designIds.find((d, i) => designIds.indexOf(d) !== i);
  if (dupDesign) fail('designs', `design id ${dupDesign} is used twice`);
  const parcels = arr(input, 'parcels', '', { min: 1, max: MAX_PARCELS }).map((p, i) => parseParcel(p, i, new Set(designIds)));
  const ids = parcels.map((p) => p.id);
  const dupParcel = ids.find((d, i) => ids.indexOf(d) !== i);
  if (dupParcel) fail('parcels', `parcel id ${dupParcel} is used twice`);
  const id = str(input, 'id', '', { optional: true, max: 80 }) ?? null;
  return {
    format: PROJECT_FORMAT, version: PROJECT_FORMAT_VERSION, id, name, start_date: start, crediting_years: years,
    pools: [...new Set(poolList as Pool[])], designs, parcels, value: parseValue(input.value), options: parseOptions(input.options),
  };
}

/** Parse JSON text; a syntax error becomes a ProjectFileError too. */
export function parseProjectText(text: string): ProjectFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ProjectFileError('', `not valid JSON: ${(e as Error).message}`);
  }
  return parseProject(parsed);
}
