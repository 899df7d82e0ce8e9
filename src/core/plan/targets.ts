// The quantitative targets of 《兴国县碳达峰实施方案》 (2023) that the map's layers can track, as data.
// `quote` is an exact substring of the plan (data/plan/xingguo-carbon-peak-plan.txt); a test checks every one.
// Target values are in base units: mu (亩), m3, kW, % or count. "万亩" etc. are converted here, once.
import type { OilTeaWork, UpgradeType } from '../inventory/schema.ts';

export type TargetUnit = 'mu' | 'm3' | 'kW' | '%' | 'count';

/** How progress is computed from the layers; `id` names the rule in rules.ts. */
export type ProgressRule =
  | { id: 'upgrade_area'; upgrade_type: UpgradeType | null } // null = all four types
  | { id: 'oil_tea_area'; work: OilTeaWork }
  | { id: 'forest_coverage' }
  | { id: 'forest_land_area' }
  | { id: 'forest_stock' }
  | { id: 'carbon_afforestation_area' }
  | { id: 'new_energy_capacity' }
  | { id: 'pv_project'; township: string; capacity_mw: number; kind: '渔光互补' | '农光互补' }
  | { id: 'gas_supply'; place: string }
  | { id: 'mine_restoration'; name: string }
  | { id: 'wetland_restoration'; park: string; kind: string } // the park's 小微湿地 restoration project
  | { id: 'substation'; name: string; voltage_kv: number };

export interface PlanTarget {
  id: string;
  text_zh: string;
  text_en: string;
  section: string; // e.g. "三(八)2" = part 三, action (八), item 2
  unit: TargetUnit;
  target: number;
  /** Deadline year; null when the plan names the project without a date. */
  target_year: number | null;
  /** "gt" for 突破 (exceed), "gte" for 以上 / 达到 / 完成. */
  comparator: 'gte' | 'gt';
  rule: ProgressRule;
  quote: string;
  note?: string;
}

/**
 * One row of the table below. `zh` is the target as the dashboard shows it, when it is not the quote itself; `by` is the
 * deadline year (null: the plan gives none); `gt` marks 突破 (exceed), every other target is 以上 / 达到 / 完成 (≥).
 */
interface Row {
  id: string;
  section: string;
  target: number;
  unit: TargetUnit;
  by: number | null;
  rule: ProgressRule;
  quote: string;
  en: string;
  zh?: string;
  gt?: true;
  note?: string;
}

const row = (r: Row): PlanTarget => ({
  id: r.id, text_zh: r.zh ?? r.quote, text_en: r.en, section: r.section, unit: r.unit, target: r.target, target_year: r.by,
  comparator: r.gt ? 'gt' : 'gte', rule: r.rule, quote: r.quote, ...(r.note ? { note: r.note } : {}),
});

const LOW_YIELD = '三(八)2';
const ENERGY = '三(一)2';
const GAS_QUOTE = '到2030年，长冈、埠头、高兴等圩镇以及高铁片区通管道天然气';
const upgrade = (upgrade_type: UpgradeType | null): ProgressRule => ({ id: 'upgrade_area', upgrade_type });
const oilTea = (work: OilTeaWork): ProgressRule => ({ id: 'oil_tea_area', work });
/** A PV project the plan names (稳妥推进…): its target is its capacity, assessed at 2025. */
const pvProject = (id: string, township: string, mw: number, kind: '渔光互补' | '农光互补', quote: string, en: string): Row => ({
  id, section: ENERGY, target: mw * 1000, unit: 'kW', by: 2025, rule: { id: 'pv_project', township, capacity_mw: mw, kind },
  quote, zh: `稳妥推进${quote}`, en: `Bring the ${en} to grid connection`,
  note: 'The plan gives no date for the project itself; it is one of the means to the 2025 capacity target, so it is assessed at 2025. Progress = grid-connected (并网) capacity.',
});
/** One place of the plan's piped-gas sentence (圩镇 or 片区, as the plan names it). */
const gasSupply = (id: string, placeName: string, en: string): Row => ({
  id, section: '三(一)1', target: 1, unit: 'count', by: 2030, rule: { id: 'gas_supply', place: placeName.replace(/圩镇$/, '') },
  quote: GAS_QUOTE, zh: `到2030年，${placeName}通管道天然气`, en: `Piped natural gas to ${en} by 2030`,
});

export const PLAN_TARGETS: readonly PlanTarget[] = ([
  // 三(八)2 — low-yield forest upgrade, oil tea, coverage, forest land and stock
  { id: 'low_yield_forest_upgrade', section: LOW_YIELD, target: 750_000, unit: 'mu', by: 2025, rule: upgrade(null),
    quote: '到2025年，改造低产低效林75万亩', en: 'Upgrade 750,000 mu of low-yield, low-efficiency forest by 2025' },
  { id: 'low_yield_renewal', section: LOW_YIELD, target: 30_000, unit: 'mu', by: 2025, rule: upgrade('更新'),
    quote: '其中更新改造3万亩', en: 'Of which 30,000 mu by renewal' },
  { id: 'low_yield_replanting', section: LOW_YIELD, target: 150_000, unit: 'mu', by: 2025, rule: upgrade('补植'),
    quote: '补植改造15万亩', en: 'Of which 150,000 mu by replanting' },
  { id: 'low_yield_tending', section: LOW_YIELD, target: 150_000, unit: 'mu', by: 2025, rule: upgrade('抚育'),
    quote: '抚育改造15万亩', en: 'Of which 150,000 mu by tending' },
  { id: 'low_yield_closure', section: LOW_YIELD, target: 420_000, unit: 'mu', by: 2025, rule: upgrade('封育'),
    quote: '封育改造42万亩', en: 'Of which 420,000 mu by closure for natural regeneration' },
  { id: 'oil_tea_new', section: LOW_YIELD, target: 20_000, unit: 'mu', by: 2025, rule: oilTea('新造高产'),
    quote: '发展高产油茶林2万亩', en: 'Plant 20,000 mu of new high-yield oil-tea by 2025' },
  { id: 'oil_tea_upgrade', section: LOW_YIELD, target: 50_000, unit: 'mu', by: 2025, rule: oilTea('低产改造'),
    quote: '提升改造油茶林5万亩', en: 'Upgrade 50,000 mu of existing oil-tea by 2025' },
  { id: 'forest_coverage', section: LOW_YIELD, target: 75.33, unit: '%', by: 2025, rule: { id: 'forest_coverage' },
    quote: '到2025年，森林覆盖率稳定在75.33%以上', en: 'Keep forest coverage at or above 75.33% by 2025',
    note: 'Forest = 乔木林地 with canopy ≥ 0.2 + 竹林地 + 特灌林地, over the county land area.' },
  { id: 'forest_land', section: LOW_YIELD, target: 3_700_000, unit: 'mu', by: 2025, rule: { id: 'forest_land_area' },
    quote: '林地总量保持在370万亩以上', en: 'Keep total forest land at or above 3,700,000 mu' },
  { id: 'forest_stock', section: LOW_YIELD, target: 13_000_000, unit: 'm3', by: 2025, rule: { id: 'forest_stock' },
    quote: '森林蓄积量达到1300万立方米', en: 'Raise the forest growing stock to 13,000,000 m³' },
  // 三(十)2 — carbon-sink afforestation pilots
  { id: 'carbon_afforestation', section: '三(十)2', target: 10_000, unit: 'mu', by: 2025, rule: { id: 'carbon_afforestation_area' },
    quote: '到2025年，完成碳汇造林试点人工造林1万亩', en: 'Plant 10,000 mu of carbon-sink afforestation pilots by 2025' },
  // 三(一)2 — new energy: the capacity target and the four PV projects that serve it
  { id: 'new_energy_capacity', section: ENERGY, target: 600_000, unit: 'kW', by: 2025, gt: true, rule: { id: 'new_energy_capacity' },
    quote: '到2025年，新能源发电装机容量力争突破60万千瓦时', en: 'New-energy generating capacity to exceed 600,000 kW by 2025',
    note: 'The plan writes 万千瓦时 (energy, kWh), a unit slip: installed capacity is measured in kW. Counted: grid-connected PV and wind in the layers (hydro, biomass and rooftop PV are not mapped).' },
  pvProject('pv_butou_fishery_50', '埠头乡', 50, '渔光互补', '兴国埠头乡埠头村等50MW渔光互补发电项目', 'Butou Township (Butou Village) 50 MW fishery–PV project'),
  pvProject('pv_changgang_agri_200', '长冈乡', 200, '农光互补', '兴国长冈乡200MW农光互补发电项目', 'Changgang Township 200 MW agri–PV project'),
  pvProject('pv_gaoxing_agri_100', '高兴镇', 100, '农光互补', '兴国高兴镇100MW农光互补发电项目', 'Gaoxing Town 100 MW agri–PV project'),
  pvProject('pv_butou_agri_50', '埠头乡', 50, '农光互补', '兴国埠头乡50MW农光互补发电项目', 'Butou Township 50 MW agri–PV project'),
  // 三(一)1 — piped gas, one target per place named in one sentence of the plan
  gasSupply('gas_changgang', '长冈圩镇', 'Changgang'),
  gasSupply('gas_butou', '埠头圩镇', 'Butou'),
  gasSupply('gas_gaoxing', '高兴圩镇', 'Gaoxing'),
  gasSupply('gas_high_speed_rail_area', '高铁片区', 'the high-speed-rail district'),
  // 三(八)1, 三(八)3, 三(一)3 — named projects without a date: status follows their layer
  { id: 'mine_fanglingpai', section: '三(八)1', target: 1, unit: 'count', by: null, rule: { id: 'mine_restoration', name: '方岭排' },
    quote: '实施兴莲乡忠洲村方岭排砖瓦用（碳质）页岩矿等废弃矿山综合整治和生态修复', en: 'Restore the abandoned Fanglingpai shale mine (Zhongzhou Village, Xinglian Township)',
    note: 'No date in the plan: status follows the mine layer (已修复 achieved, 修复中 on track, 待修复 not started).' },
  { id: 'wetland_lianjiang', section: '三(八)3', target: 100, unit: '%', by: null, rule: { id: 'wetland_restoration', park: '潋江国家湿地公园', kind: '小微湿地' },
    quote: '稳步推进潋江国家湿地公园小微湿地恢复工程', en: 'Restore the small wetlands of Lianjiang National Wetland Park',
    note: 'No date in the plan. Progress = share of the area of the 小微湿地 under restoration that is 已完成 (the park’s own status is shown alongside).' },
  { id: 'substation_nanwai_110', section: '三(一)3', target: 1, unit: 'count', by: null, rule: { id: 'substation', name: '南外', voltage_kv: 110 },
    quote: '建设110千伏南外变电站', en: 'Build the 110 kV Nanwai substation' },
  { id: 'substation_changgang_220', section: '三(一)3', target: 1, unit: 'count', by: null, rule: { id: 'substation', name: '长冈', voltage_kv: 220 },
    quote: '220千伏长冈变电站', zh: '建设220千伏长冈变电站', en: 'Build the 220 kV Changgang substation' },
] satisfies Row[]).map(row);
