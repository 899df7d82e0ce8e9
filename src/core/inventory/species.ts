// 优势树种: names the import understands exactly, and a code table a province can replace (`--species-codes f.json`,
// {"code": "name"}). A name or code not in these tables is reported with its count and left unrecognised: the carbon
// model's own name matching has substring fallbacks (anything with 竹 → 毛竹), which must not decide for an import —
// 竹柏 (Nageia nagi) is a conifer, not a bamboo.
import { SPECIES, type Species } from './schema.ts';

/**
 * Exact names → the name passed on to the carbon model (which groups it) and the schema's coarser species class.
 * `null` class: the schema has no class for it (the carbon model still knows it through the name).
 */
const NAMES: Record<string, Species | null> = {
  杉木: '杉木', 杉: '杉木', 杉木林: '杉木',
  马尾松: '马尾松', 马尾松林: '马尾松',
  湿地松: '湿地松', 火炬松: null, 加勒比松: null, 国外松: null, 黄山松: null, 其他松: null, 其他松类: null, 松类: null,
  柳杉: null, 水杉: null, 池杉: null, 柏木: null, 柏类: null,
  硬阔: '硬阔', 硬阔类: '硬阔', 其他硬阔: '硬阔', 其他硬阔类: '硬阔', 锥栲: '硬阔', 栲类: '硬阔', 甜槠: '硬阔',
  栎类: '硬阔', 栎: '硬阔', 麻栎: '硬阔', 青冈: '硬阔', 青冈栎: '硬阔', 木荷: '硬阔', 荷木: '硬阔', 枫香: '硬阔', 枫香树: '硬阔',
  樟: '硬阔', 樟树: '硬阔', 香樟: '硬阔', 楠木: '硬阔', 闽楠: '硬阔', 樟楠: '硬阔',
  软阔: '软阔', 软阔类: '软阔', 其他软阔: '软阔', 其他软阔类: '软阔', 泡桐: '软阔', 杨树: '软阔', 檫木: '软阔', 拟赤杨: '软阔',
  桉树: null, 桉: null, 尾巨桉: null,
  针叶混: null, 针叶混交林: null, 针阔混: '针阔混', 针阔混交林: '针阔混', 针阔混交: '针阔混',
  阔叶混: '阔叶混', 阔叶混交林: '阔叶混', 阔叶混交: '阔叶混',
  毛竹: '毛竹', 竹类: '毛竹', 毛竹林: '毛竹',
  油茶: '油茶', 油茶林: '油茶',
  灌木: '灌木', 灌木林: '灌木',
  无: '无',
};
for (const s of SPECIES) NAMES[s] ??= s;

/**
 * Default 6-digit code table: the codes below are examples in the national pattern, NOT checked against Jiangxi's table.
 * A bureau passes its province's table (`--species-codes`); the release records which table was used.
 */
export const DEFAULT_SPECIES_CODES: Record<string, string> = {
  '220000': '杉木', '150000': '马尾松', '151000': '湿地松', '400000': '硬阔', '410000': '栎类', '420000': '木荷', '430000': '枫香',
  '440000': '樟树', '500000': '软阔', '600000': '针阔混', '610000': '阔叶混', '700000': '毛竹', '800000': '油茶', '900000': '灌木',
};

export interface SpeciesTable {
  /** Where the code table came from ("built-in example" or a file name), for the release record. */
  source: string;
  codes: Record<string, string>;
}

export const DEFAULT_SPECIES_TABLE: SpeciesTable = { source: 'built-in example table (not a province table)', codes: DEFAULT_SPECIES_CODES };

/** Parse a replacement code table: {"code": "name"} with names this module knows (others are refused, by code). */
export function parseSpeciesTable(text: string, source: string): SpeciesTable {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${source}: expected an object {"code": "species name"}`);
  const codes: Record<string, string> = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new Error(`${source}: code ${k}: the name must be a string`);
    if (!(v.trim() in NAMES)) unknown.push(`${k} → ${v}`);
    codes[k.trim()] = v.trim();
  }
  if (unknown.length) throw new Error(`${source}: names the carbon model does not know: ${unknown.slice(0, 10).join(', ')}`);
  return { source, codes };
}

/** A raw 优势树种 value → the exact name for the carbon model and the schema class, or null when unknown. */
export function speciesOf(value: string, table: SpeciesTable = DEFAULT_SPECIES_TABLE): { name: string; species: Species | null } | null {
  const v = value.trim();
  const name = /^\d+$/.test(v) ? table.codes[v] : v;
  if (name === undefined || !(name in NAMES)) return null;
  return { name, species: NAMES[name] };
}
