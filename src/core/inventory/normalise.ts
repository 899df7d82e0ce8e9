// The one normalisation of a stand layer. Every consumer — the data:import CLI, the tile step (and so the binary
// columns the workers read), the targets CLI, the public-data build and the workers' GeoJSON fallback — passes stands
// through normaliseStands, so a figure cannot differ because one path mapped fields and another did not.
// Stands already in the app's schema (data/README.md) pass through untouched; anything else is mapped with
// field-mapping.ts and the code tables, and everything that could not be read is counted in the report.
import type { Feature, Geometry } from 'geojson';
import { THIRD_SURVEY_RULES } from './codes.ts';
import { detectFields, mapStand, type FieldMap } from './field-mapping.ts';
import type { StandProperties } from './schema.ts';
import type { SpeciesTable } from './species.ts';
import { BUILT_IN_TOWNSHIPS, TownshipMatcher, type TownshipRef } from './townships.ts';

/** Bump when the normalisation or a code table changes what a stand becomes (the tile step rebuilds on a change). */
export const NORMALISE_VERSION = 'normalise-1';

export type NormalStand = StandProperties & { species_raw?: string | null } & Record<string, unknown>;

export interface DeclaredArea {
  /** The unit the declared areas fit best ('mu' or 'ha'). */
  unit: 'mu' | 'ha';
  stands: number;
  /** Median and largest |declared − measured| / measured, in that unit. */
  median_rel_diff: number;
  worst_rel_diff: number;
  worst_index: number;
}

export interface NormaliseReport {
  /** True when the stands were already in the app's schema (nothing mapped). */
  schema_input: boolean;
  /** Target field → source field. */
  mapping: FieldMap;
  /** Source fields the schema does not use: kept on every stand under their own names. */
  unmapped_fields: string[];
  /** {field: {value: count}} for values no code table knows (never guessed). */
  unrecognised_values: Record<string, Record<string, number>>;
  /** Rules applied that the report must state (三调 0305/0307 …). */
  rules: string[];
  declared_vs_measured: DeclaredArea | null;
  species_table: string | null;
}

export interface NormaliseOptions {
  speciesTable?: SpeciesTable;
  /** Townships to match stands against (a township layer's); default the built-in real list. */
  townships?: readonly TownshipRef[];
}

/** The schema's own stand fields (and the resolved species name): everything else on a stand was kept from its source. */
export const STAND_SCHEMA_FIELDS: readonly string[] = [
  'id', 'township_code', 'township_name', 'village', 'lin_ban', 'xiao_ban', 'land_class', 'species', 'species_raw', 'origin',
  'age_group', 'canopy', 'stock_m3', 'upgrade_type', 'upgrade_year', 'carbon_afforestation', 'afforestation_year',
  'oil_tea_work', 'oil_tea_year', 'pine_wilt',
];

/** Source fields a stand kept (unmapped by the import), in their order: the popup lists them under their own names. */
export function keptFields(properties: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const k in properties) if (!STAND_SCHEMA_FIELDS.includes(k)) out.push([k, properties[k]]);
  return out;
}

/** Land classes without a tree layer: an empty species there is 无. */
const TREELESS = new Set<string>(['迹地', '宜林地', '苗圃地', '林业辅助生产用地']);
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

const SCHEMA_KEYS = ['species', 'land_class', 'township_code'];

function isSchemaInput(features: readonly Feature<Geometry | null, unknown>[]): boolean {
  const p = features[0]?.properties as Record<string, unknown> | null | undefined;
  if (!p) return features.length === 0;
  // Row views from the binary columns expose their fields as inherited getters: `in`, not Object.keys.
  return SCHEMA_KEYS.every((k) => k in p);
}

/** The keys of the first 1000 features (a field absent in the first rows is rare and only loses its mapping). */
function sampleKeys(features: readonly Feature<Geometry | null, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const f of features.slice(0, 1000)) for (const k in (f.properties ?? {}) as object) keys.add(k);
  return [...keys];
}

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Which unit the declared areas are in (the one that fits the measured areas better) and how well they agree. */
export function compareDeclared(pairs: { index: number; declared: number; m2: number }[]): DeclaredArea | null {
  const usable = pairs.filter((p) => p.declared > 0 && p.m2 > 0);
  if (usable.length === 0) return null;
  const rel = (unitM2: number) => usable.map((p) => Math.abs(p.declared * unitM2 - p.m2) / p.m2);
  const mu = rel(10_000 / 15);
  const ha = rel(10_000);
  const [unit, diffs] = median(mu) <= median(ha) ? (['mu', mu] as const) : (['ha', ha] as const);
  let worst = 0;
  for (let i = 1; i < diffs.length; i++) if (diffs[i] > diffs[worst]) worst = i;
  return { unit, stands: usable.length, median_rel_diff: median(diffs), worst_rel_diff: diffs[worst], worst_index: usable[worst].index };
}

/**
 * Normalise a stand layer. `areasM2` (index-aligned geodesic areas) turns per-area stock into totals and checks the
 * declared areas. Returns features whose properties follow the schema, plus the unmapped source fields.
 */
export function normaliseStands<G extends Geometry | null>(
  features: readonly Feature<G, unknown>[],
  areasM2: ArrayLike<number>,
  opt: NormaliseOptions = {},
): { features: Feature<G, NormalStand>[]; report: NormaliseReport } {
  const report: NormaliseReport = {
    schema_input: true, mapping: {}, unmapped_fields: [], unrecognised_values: {}, rules: [], declared_vs_measured: null,
    species_table: null,
  };
  if (isSchemaInput(features)) return { features: features as Feature<G, NormalStand>[], report };

  const { map, unmapped } = detectFields(sampleKeys(features));
  report.schema_input = false;
  report.mapping = map;
  report.unmapped_fields = unmapped;
  report.species_table = map.species ? (opt.speciesTable?.source ?? 'built-in example table (not a province table)') : null;
  const kept = map.area_declared ? [...unmapped, map.area_declared] : unmapped;
  const towns = new TownshipMatcher(opt.townships ?? BUILT_IN_TOWNSHIPS);
  const count = (field: string, value: string) => {
    const f = (report.unrecognised_values[field] ??= {});
    f[value] = (f[value] ?? 0) + 1;
  };
  const thirdCodes = new Set<string>();
  const declared: { index: number; declared: number; m2: number }[] = [];
  const ids = new Set<string>();

  const out = features.map((f, i): Feature<G, NormalStand> => {
    const raw = (f.properties ?? {}) as Record<string, unknown>;
    const { stand, unrecognised, thirdSurveyCode } = mapStand(raw, map, areasM2[i], { speciesTable: opt.speciesTable });
    for (const [field, value] of unrecognised) count(field, value);
    if (thirdSurveyCode) thirdCodes.add(thirdSurveyCode);
    if (stand.area_declared !== undefined) declared.push({ index: i, declared: stand.area_declared, m2: areasM2[i] });

    const town = towns.match(stand.township_code, stand.township_name);
    if (!town && (stand.township_code || stand.township_name)) count('乡镇', [stand.township_code, stand.township_name].filter(Boolean).join(' '));
    const code = town?.code ?? 'unknown';
    let id = stand.id ?? (stand.lin_ban != null && stand.xiao_ban != null
      ? `${code}-${String(stand.lin_ban).padStart(3, '0')}-${String(stand.xiao_ban).padStart(3, '0')}` : `#${i + 1}`);
    if (ids.has(id)) id = `${id}#${i + 1}`; // ids must be unique within the layer (popups, selection)
    ids.add(id);

    // An empty 优势树种 on land that carries no trees means "none"; on tree land it stays unknown (and zero carbon).
    const treeless = !map.species || text(raw[map.species]) === '';
    const none = treeless && stand.land_class !== undefined && TREELESS.has(stand.land_class);
    const props: NormalStand = {
      id,
      township_code: code,
      township_name: town?.name ?? '',
      village: stand.village ?? '',
      lin_ban: stand.lin_ban ?? (null as unknown as number),
      xiao_ban: stand.xiao_ban ?? (null as unknown as number),
      land_class: stand.land_class ?? (null as unknown as StandProperties['land_class']),
      species: stand.species ?? (none ? '无' : (null as unknown as StandProperties['species'])),
      species_raw: stand.species_raw ?? (none ? '无' : null),
      origin: stand.origin ?? (null as unknown as StandProperties['origin']),
      age_group: stand.age_group ?? null,
      canopy: stand.canopy ?? 0,
      stock_m3: stand.stock_m3 ?? 0,
      upgrade_type: stand.upgrade_type ?? null,
      upgrade_year: stand.upgrade_year ?? null,
      carbon_afforestation: stand.carbon_afforestation ?? false,
      afforestation_year: stand.afforestation_year ?? null,
      oil_tea_work: stand.oil_tea_work ?? null,
      oil_tea_year: stand.oil_tea_year ?? null,
      pine_wilt: stand.pine_wilt ?? (null as unknown as StandProperties['pine_wilt']),
    };
    // Fields the schema does not use stay on the stand under their own names (the popup lists them).
    for (const k of kept) if (!(k in props) && raw[k] !== undefined) props[k] = raw[k];
    return { type: 'Feature', id: f.id ?? i + 1, geometry: f.geometry, properties: props };
  });

  if (thirdCodes.size) report.rules.push(...THIRD_SURVEY_RULES.filter((r) => [...thirdCodes].some((c) => r.includes(c))));
  if (map.stock_m3 === undefined && (map.stock_per_ha || map.stock_per_mu)) {
    report.rules.push(`蓄积 = ${map.stock_per_ha ? `${map.stock_per_ha} (m³/公顷)` : `${map.stock_per_mu} (m³/亩)`} × the measured (ellipsoidal) area of the stand`);
  }
  report.declared_vs_measured = compareDeclared(declared);
  return { features: out, report };
}
