// Map attribute names and values of real 二类 (森林资源规划设计调查) files onto the stand schema (schema.ts).
// Bureaus export the same fields under Chinese names (优势树种), pinyin initials (YSSZ) or spelled-out pinyin
// (YOU_SHI_SZ); values come as names (幼龄林), short names (幼) or codes (1). Anything not recognised is reported,
// never guessed. The declared 面积 is kept only for cross-checks: its unit (亩 or 公顷) varies between counties, and
// areas are always recomputed from the geometry on the ellipsoid.
import { ageGroupOf, landClassOf, originOf, THIRD_SURVEY_CODES, thirdSurveyClass } from './codes.ts';
import { LAND_CLASSES, OIL_TEA_WORK, ORIGINS, PINE_WILT, UPGRADE_TYPES, type StandProperties } from './schema.ts';
import { speciesOf, type SpeciesTable } from './species.ts';

/** Target fields: the schema's own keys plus inputs that need converting (per-area stock, declared area, raw species). */
export type MappedField =
  | keyof StandProperties
  | 'stock_per_ha'
  | 'stock_per_mu'
  | 'area_declared';

const ALIASES: Record<MappedField, string[]> = {
  id: ['id', '小班编号', '小班标识', 'XBBH', 'XBBM', 'BSM', 'TBBH'],
  township_code: ['township_code', '乡镇代码', '乡镇编码', 'XIANG_DM', 'XZDM', 'XIANG', 'ZLDWDM'],
  township_name: ['township_name', '乡镇', '乡镇名称', '乡镇名', 'XZMC', 'XIANG_MC', 'XZ', 'ZLDWMC'],
  village: ['village', '村', '村名', '村名称', '行政村', 'CUN', 'CUNMC', 'CUN_MC'],
  lin_ban: ['lin_ban', '林班', '林班号', 'LB', 'LBH', 'LIN_BAN'],
  xiao_ban: ['xiao_ban', '小班', '小班号', 'XB', 'XBH', 'XIAO_BAN'],
  land_class: ['land_class', '地类', '地类名称', '地类代码', 'DL', 'DI_LEI', 'DLBM', 'DLMC'],
  species: ['species_raw', 'species', '优势树种', '优势树种名称', '树种', '优势树种组', 'YSSZ', 'YOU_SHI_SZ', 'YSSZMC', 'SZ', 'SZZ'],
  origin: ['origin', '起源', 'QY', 'QI_YUAN'],
  age_group: ['age_group', '龄组', 'LZ', 'LING_ZU'],
  canopy: ['canopy', '郁闭度', '郁闭度/覆盖度', 'YBD', 'YU_BI_DU'],
  stock_m3: ['stock_m3', '蓄积', '蓄积量', '小班蓄积', '小班蓄积量', '活立木蓄积', '林分蓄积', 'XJ', 'XBXJ', 'HLMXJ', 'HUO_LMXJ', 'HUO_LM_XJ'],
  stock_per_ha: ['每公顷蓄积', '公顷蓄积', 'MGQXJ', 'GQXJ', 'MEI_GQ_XJ'],
  stock_per_mu: ['每亩蓄积', '亩蓄积', 'MMXJ', 'MEI_MU_XJ'],
  area_declared: ['面积', '小班面积', 'MJ', 'XBMJ', 'MIAN_JI', 'TBMJ', 'area'],
  upgrade_type: ['upgrade_type', '改造类型', '低效林改造类型', '改造方式', 'GZLX'],
  upgrade_year: ['upgrade_year', '改造年度', '改造年份', 'GZND'],
  carbon_afforestation: ['carbon_afforestation', '碳汇造林', 'THZL'],
  afforestation_year: ['afforestation_year', '造林年度', '造林年份', 'ZLND'],
  oil_tea_work: ['oil_tea_work', '油茶类型', '油茶经营', 'YCLX'],
  oil_tea_year: ['oil_tea_year', '油茶年度', 'YCND'],
  pine_wilt: ['pine_wilt', '松材线虫病', 'SCXCB'],
};

const norm = (k: string) => k.trim().toUpperCase().replace(/[\s_\-]/g, '');

export type FieldMap = Partial<Record<MappedField, string>>;

/** Which source key feeds each target field. The first alias that occurs wins; each source key is used once. */
export function detectFields(keys: Iterable<string>): { map: FieldMap; unmapped: string[] } {
  const byNorm = new Map<string, string>();
  for (const k of keys) if (!byNorm.has(norm(k))) byNorm.set(norm(k), k);
  const map: FieldMap = {};
  const used = new Set<string>();
  for (const [target, aliases] of Object.entries(ALIASES) as [MappedField, string[]][]) {
    for (const a of aliases) {
      const src = byNorm.get(norm(a));
      if (src !== undefined && !used.has(src)) {
        map[target] = src;
        used.add(src);
        break;
      }
    }
  }
  const unmapped = [...byNorm.values()].filter((k) => !used.has(k));
  return { map, unmapped };
}

/** A stand read from a foreign file: schema fields where they could be mapped, plus what was kept aside. */
export interface MappedStand extends Partial<StandProperties> {
  species_raw?: string; // 优势树种 as a name the species table knows (a code is resolved) — the carbon model groups it
  area_declared?: number; // 面积 as written; unit unknown, for cross-checks only
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

function number(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = text(v);
  if (s === null) return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function yes(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  const s = text(v);
  return s !== null && ['1', 'true', 'TRUE', 'True', '是', 'Y', 'y', 'yes'].includes(s);
}

function pick<T extends string>(allowed: readonly T[], v: string): T | null {
  return (allowed as readonly string[]).includes(v) ? (v as T) : null;
}

export interface MapOptions {
  /** The replaceable 优势树种 code table (species.ts). */
  speciesTable?: SpeciesTable;
}

export interface MappedResult {
  stand: MappedStand;
  /** Human-readable issues (empty when everything was understood). */
  issues: string[];
  /** Values no code table knows, as [field label, value]: the caller counts them. */
  unrecognised: [string, string][];
  /** Which 三调 code needed a rule (0305/0307 …), when one did. */
  thirdSurveyCode?: string;
}

/**
 * Map one feature's attributes. `areaM2` (the geodesic area of its geometry) converts per-area stock to totals.
 */
export function mapStand(raw: Record<string, unknown>, map: FieldMap, areaM2: number, opt: MapOptions = {}): MappedResult {
  const issues: string[] = [];
  const unrecognised: [string, string][] = [];
  const unknown = (label: string, value: string) => {
    issues.push(`${label} "${value}" not recognised`);
    unrecognised.push([label, value]);
  };
  const get = (f: MappedField) => (map[f] === undefined ? undefined : raw[map[f] as string]);
  const out: MappedStand = {};
  let thirdSurveyCode: string | undefined;

  const id = text(get('id'));
  if (id) out.id = id;
  for (const f of ['township_code', 'township_name', 'village'] as const) {
    const v = text(get(f));
    if (v) out[f] = v;
  }
  for (const f of ['lin_ban', 'xiao_ban'] as const) {
    const v = number(get(f));
    if (v !== null) out[f] = v;
  }

  const canopy = number(get('canopy'));
  if (canopy !== null) {
    if (canopy >= 0 && canopy <= 1) out.canopy = canopy;
    else if (canopy > 1 && canopy <= 100) {
      out.canopy = canopy / 100;
      issues.push(`郁闭度 ${canopy} read as a percentage (${canopy / 100})`);
    } else issues.push(`郁闭度 ${canopy} out of range`);
  }

  const origin = text(get('origin'));
  if (origin) {
    const o = pick(ORIGINS, origin) ?? originOf(origin);
    if (o) out.origin = o;
    else unknown('起源', origin);
  }

  const land = text(get('land_class'));
  if (land) {
    const lc = pick(LAND_CLASSES, land) ?? landClassOf(land);
    if (lc) out.land_class = lc;
    else {
      const third = thirdSurveyClass(land, out.canopy ?? null, out.origin ?? null);
      if (third) {
        out.land_class = third;
        thirdSurveyCode = /^\d{4}$/.test(land) ? land : Object.keys(THIRD_SURVEY_CODES).find((k) => THIRD_SURVEY_CODES[k] === land);
      } else unknown('地类', land);
    }
  }

  const sp = text(get('species'));
  if (sp) {
    const s = speciesOf(sp, opt.speciesTable);
    if (s) {
      out.species_raw = s.name;
      if (s.species) out.species = s.species;
    } else unknown('优势树种', sp);
  }

  const age = text(get('age_group'));
  if (age) {
    const a = ageGroupOf(age);
    if (a) out.age_group = a;
    else unknown('龄组', age);
  }

  const stock = number(get('stock_m3'));
  const perHa = number(get('stock_per_ha'));
  const perMu = number(get('stock_per_mu'));
  if (stock !== null) out.stock_m3 = stock;
  else if (perHa !== null) out.stock_m3 = (perHa * areaM2) / 10_000;
  else if (perMu !== null) out.stock_m3 = (perMu * areaM2 * 15) / 10_000;
  if (out.stock_m3 !== undefined && out.stock_m3 < 0) {
    issues.push(`蓄积 ${out.stock_m3} is negative`);
    delete out.stock_m3;
  }

  const declared = number(get('area_declared'));
  if (declared !== null) out.area_declared = declared;

  const up = text(get('upgrade_type'));
  if (up) {
    const u = pick(UPGRADE_TYPES, up.replace(/改造$/, ''));
    if (u) out.upgrade_type = u;
    else unknown('改造类型', up);
  }
  for (const f of ['upgrade_year', 'afforestation_year', 'oil_tea_year'] as const) {
    const v = number(get(f));
    if (v !== null) out[f] = v;
  }
  if (map.carbon_afforestation !== undefined) out.carbon_afforestation = yes(get('carbon_afforestation'));
  const ot = text(get('oil_tea_work'));
  if (ot) {
    const w = pick(OIL_TEA_WORK, ot);
    if (w) out.oil_tea_work = w;
    else unknown('油茶类型', ot);
  }
  const pw = text(get('pine_wilt'));
  if (pw) {
    const w = pick(PINE_WILT, pw);
    if (w) out.pine_wilt = w;
    else unknown('松材线虫病', pw);
  }
  return { stand: out, issues, unrecognised, thirdSurveyCode };
}
