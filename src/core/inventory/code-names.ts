// Coded inventory values by name, for display and exports: 地类 (DI_LEI, GB/T 26424 4-digit), 三调 地类 (DLBM), 起源
// (QI_YUAN 11–13 天然, 21–24 人工), 龄组 (LING_ZU 1–5), 优势树种 codes (the replaceable species table) and 国家级公益林
// 保护等级 (1–3). The field is recognised the way the import recognises it (field-mapping.ts aliases); a value that is
// already a name, or a code no table knows, has no name here (shown as it is, never guessed).
import { LAND_CLASS_CODES, THIRD_SURVEY_CODES, ageGroupOf, originOf } from './codes.ts';
import { detectFields } from './field-mapping.ts';
import { DEFAULT_SPECIES_TABLE, type SpeciesTable } from './species.ts';

type CodeKind = 'land' | 'third' | 'origin' | 'age' | 'species' | 'protection';

const norm = (k: string) => k.trim().toUpperCase().replace(/[\s_-]/g, '');
const THIRD_KEYS = new Set(['DLBM', '三调地类', '三调地类编码']);
const PROTECTION_KEYS = new Set(['GJGYLBHDJ', 'BHDJ', '保护等级', '公益林保护等级']);
const PROTECTION: Record<string, string> = { '1': '一级', '2': '二级', '3': '三级' };

/** Which coded kind each field of a record is (by the import's field aliases), for the fields that have one. */
export function codedFields(keys: Iterable<string>): Map<string, CodeKind> {
  const list = [...keys];
  const { map } = detectFields(list);
  const out = new Map<string, CodeKind>();
  if (map.land_class) out.set(map.land_class, 'land');
  if (map.origin) out.set(map.origin, 'origin');
  if (map.age_group) out.set(map.age_group, 'age');
  if (map.species) out.set(map.species, 'species');
  for (const k of list) {
    if (out.has(k)) continue;
    if (THIRD_KEYS.has(norm(k))) out.set(k, 'third');
    else if (PROTECTION_KEYS.has(norm(k))) out.set(k, 'protection');
  }
  return out;
}

/** The name of one coded value, or null when it is not a code (already a name) or no table knows it. */
export function codeName(kind: CodeKind, value: unknown, species: SpeciesTable = DEFAULT_SPECIES_TABLE): string | null {
  const v = value === null || value === undefined ? '' : String(value).trim();
  if (!/^\d{1,6}$/.test(v)) return null;
  switch (kind) {
    case 'land': {
      const c = v.padStart(4, '0');
      return LAND_CLASS_CODES[c]?.name ?? THIRD_SURVEY_CODES[c] ?? null;
    }
    case 'third': return THIRD_SURVEY_CODES[v.padStart(4, '0')] ?? null;
    case 'origin': return /^[12]\d?$/.test(v) ? originOf(v) : null;
    case 'age': return ageGroupOf(v);
    case 'species': return species.codes[v] ?? null;
    case 'protection': return PROTECTION[v] ?? null;
  }
}

/** For each coded field of `record` whose value has a name: field → name (e.g. DI_LEI → 其他灌木林地). */
export function codeNames(record: Readonly<Record<string, unknown>>, species?: SpeciesTable): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, kind] of codedFields(Object.keys(record))) {
    const name = codeName(kind, record[field], species);
    if (name) out[field] = name;
  }
  return out;
}
