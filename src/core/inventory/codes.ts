// Code tables of real inventory exports (see /docs: GB/T 26424-2010 地类, 第三次全国国土调查 林地 codes, 起源, 龄组,
// 优势树种). Every table answers null for a value it does not know: the caller reports it with its count, never guesses.
import type { AgeGroup, LandClass, Origin } from './schema.ts';

/** 地类 by GB/T 26424 4-digit code. Classes the schema does not split are merged; `note` says how. */
export const LAND_CLASS_CODES: Record<string, { name: string; land_class: LandClass }> = {
  '0111': { name: '乔木林', land_class: '乔木林地' },
  '0112': { name: '红树林', land_class: '乔木林地' },
  '0113': { name: '竹林', land_class: '竹林地' },
  '0120': { name: '疏林地', land_class: '疏林地' },
  '0131': { name: '国家特别规定灌木林地', land_class: '特灌林地' },
  '0132': { name: '其他灌木林地', land_class: '一般灌木林地' },
  '0141': { name: '未成林造林地', land_class: '未成林造林地' },
  '0142': { name: '未成林封育地', land_class: '未成林造林地' },
  '0150': { name: '苗圃地', land_class: '苗圃地' },
  '0161': { name: '采伐迹地', land_class: '迹地' },
  '0162': { name: '火烧迹地', land_class: '迹地' },
  '0163': { name: '其他无立木林地', land_class: '迹地' },
  '0171': { name: '宜林荒山荒地', land_class: '宜林地' },
  '0172': { name: '宜林沙荒地', land_class: '宜林地' },
  '0173': { name: '其他宜林地', land_class: '宜林地' },
  '0180': { name: '林业辅助生产用地', land_class: '林业辅助生产用地' },
};

/** 三调 (第三次全国国土调查) 林地 codes; 0305 and 0307 need a rule (THIRD_SURVEY_RULES), decided by `thirdSurveyClass`. */
export const THIRD_SURVEY_CODES: Record<string, string> = {
  '0301': '乔木林地', '0302': '竹林地', '0303': '红树林地', '0304': '森林沼泽', '0305': '灌木林地', '0306': '灌木沼泽', '0307': '其他林地',
};

/** The rules used for the 三调 codes that cannot be split without another field; the import report quotes them. */
export const THIRD_SURVEY_RULES = [
  '三调 0305 灌木林地 → 一般灌木林地 (not forest): 三调 does not separate 国家特别规定灌木林地; a 二类 地类 field (0131/特灌) overrides it.',
  '三调 0306 灌木沼泽 → 一般灌木林地 (not forest).',
  '三调 0307 其他林地 → 疏林地 when 郁闭度 is 0.10–0.19, 未成林造林地 when 起源 is 人工 and 郁闭度 < 0.10, else 宜林地 (none of them is forest, so coverage does not depend on this rule).',
  '三调 0303 红树林地 and 0304 森林沼泽 → 乔木林地 (forest when 郁闭度 ≥ 0.20).',
];

/** 三调 code (or name) → schema land class, using 郁闭度 and 起源 for 0307 as THIRD_SURVEY_RULES says. */
export function thirdSurveyClass(code: string, canopy: number | null, origin: Origin | null): LandClass | null {
  const c = /^\d{4}$/.test(code) ? code : Object.keys(THIRD_SURVEY_CODES).find((k) => THIRD_SURVEY_CODES[k] === code);
  switch (c) {
    case '0301': case '0303': case '0304': return '乔木林地';
    case '0302': return '竹林地';
    case '0305': case '0306': return '一般灌木林地';
    case '0307':
      if (canopy !== null && canopy >= 0.1 && canopy < 0.2) return '疏林地';
      return origin === '人工' && (canopy ?? 0) < 0.1 ? '未成林造林地' : '宜林地';
    default: return null;
  }
}

/** 地类 names as bureaus write them → schema class. */
const LAND_BY_NAME: Record<string, LandClass> = {
  乔木林: '乔木林地', 乔木林地: '乔木林地', 有林地: '乔木林地', 纯林: '乔木林地', 混交林: '乔木林地', 红树林: '乔木林地',
  竹林: '竹林地', 竹林地: '竹林地',
  特灌: '特灌林地', 特灌林地: '特灌林地', 国家特别规定灌木林地: '特灌林地', 国家特别规定的灌木林地: '特灌林地',
  一般灌木林地: '一般灌木林地', 其他灌木林地: '一般灌木林地',
  疏林地: '疏林地', 疏林: '疏林地',
  未成林造林地: '未成林造林地', 未成林地: '未成林造林地', 未成林: '未成林造林地', 未成林封育地: '未成林造林地',
  迹地: '迹地', 采伐迹地: '迹地', 火烧迹地: '迹地', 其他迹地: '迹地', 其他无立木林地: '迹地', 无立木林地: '迹地',
  宜林地: '宜林地', 宜林荒山荒地: '宜林地', 宜林沙荒地: '宜林地', 其他宜林地: '宜林地',
  苗圃地: '苗圃地', 苗圃: '苗圃地',
  林业辅助生产用地: '林业辅助生产用地', 辅助生产用地: '林业辅助生产用地',
};

/** 二类 地类 by 4-digit code (also written without the leading 0) or by name. 灌木林地 alone is ambiguous → null. */
// Memo: an inventory has a handful of distinct values and an import asks once per stand (200k).
const landMemo = new Map<string, LandClass | null>();

export function landClassOf(value: string): LandClass | null {
  let lc = landMemo.get(value);
  if (lc === undefined) {
    const v = value.trim();
    lc = /^\d{3,4}$/.test(v) ? LAND_CLASS_CODES[v.padStart(4, '0')]?.land_class ?? null : LAND_BY_NAME[v] ?? null;
    if (landMemo.size < 10_000) landMemo.set(value, lc);
  }
  return lc;
}

/** 起源: 11–13 (or 1x) natural, 21–24 (2x) planted; 1 / 2 alone; or names. */
export function originOf(value: string): Origin | null {
  const v = value.trim();
  if (/^1\d?$/.test(v) || v.startsWith('天然')) return '天然';
  if (/^2\d?$/.test(v) || v.startsWith('人工')) return '人工';
  return null;
}

const AGE_BY_TEXT: Record<string, AgeGroup> = {
  幼: '幼龄林', 幼龄: '幼龄林', 幼龄林: '幼龄林', '1': '幼龄林',
  中: '中龄林', 中龄: '中龄林', 中龄林: '中龄林', '2': '中龄林',
  近: '近熟林', 近熟: '近熟林', 近熟林: '近熟林', '3': '近熟林',
  成: '成熟林', 成熟: '成熟林', 成熟林: '成熟林', '4': '成熟林',
  过: '过熟林', 过熟: '过熟林', 过熟林: '过熟林', '5': '过熟林',
};

/** 龄组 1–5 or names. */
export function ageGroupOf(value: string): AgeGroup | null {
  return AGE_BY_TEXT[value.trim()] ?? null;
}
