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

const LOW_YIELD = '三(八)2';
const ENERGY = '三(一)2';
const GAS_QUOTE = '到2030年，长冈、埠头、高兴等圩镇以及高铁片区通管道天然气';

export const PLAN_TARGETS: readonly PlanTarget[] = [
  {
    id: 'low_yield_forest_upgrade',
    text_zh: '到2025年，改造低产低效林75万亩',
    text_en: 'Upgrade 750,000 mu of low-yield, low-efficiency forest by 2025',
    section: LOW_YIELD, unit: 'mu', target: 750_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'upgrade_area', upgrade_type: null },
    quote: '到2025年，改造低产低效林75万亩',
  },
  {
    id: 'low_yield_renewal',
    text_zh: '其中更新改造3万亩',
    text_en: 'Of which 30,000 mu by renewal',
    section: LOW_YIELD, unit: 'mu', target: 30_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'upgrade_area', upgrade_type: '更新' },
    quote: '其中更新改造3万亩',
  },
  {
    id: 'low_yield_replanting',
    text_zh: '补植改造15万亩',
    text_en: 'Of which 150,000 mu by replanting',
    section: LOW_YIELD, unit: 'mu', target: 150_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'upgrade_area', upgrade_type: '补植' },
    quote: '补植改造15万亩',
  },
  {
    id: 'low_yield_tending',
    text_zh: '抚育改造15万亩',
    text_en: 'Of which 150,000 mu by tending',
    section: LOW_YIELD, unit: 'mu', target: 150_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'upgrade_area', upgrade_type: '抚育' },
    quote: '抚育改造15万亩',
  },
  {
    id: 'low_yield_closure',
    text_zh: '封育改造42万亩',
    text_en: 'Of which 420,000 mu by closure for natural regeneration',
    section: LOW_YIELD, unit: 'mu', target: 420_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'upgrade_area', upgrade_type: '封育' },
    quote: '封育改造42万亩',
  },
  {
    id: 'oil_tea_new',
    text_zh: '发展高产油茶林2万亩',
    text_en: 'Plant 20,000 mu of new high-yield oil-tea by 2025',
    section: LOW_YIELD, unit: 'mu', target: 20_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'oil_tea_area', work: '新造高产' },
    quote: '发展高产油茶林2万亩',
  },
  {
    id: 'oil_tea_upgrade',
    text_zh: '提升改造油茶林5万亩',
    text_en: 'Upgrade 50,000 mu of existing oil-tea by 2025',
    section: LOW_YIELD, unit: 'mu', target: 50_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'oil_tea_area', work: '低产改造' },
    quote: '提升改造油茶林5万亩',
  },
  {
    id: 'forest_coverage',
    text_zh: '到2025年，森林覆盖率稳定在75.33%以上',
    text_en: 'Keep forest coverage at or above 75.33% by 2025',
    section: LOW_YIELD, unit: '%', target: 75.33, target_year: 2025, comparator: 'gte',
    rule: { id: 'forest_coverage' },
    quote: '到2025年，森林覆盖率稳定在75.33%以上',
    note: 'Forest = 乔木林地 with canopy ≥ 0.2 + 竹林地 + 特灌林地, over the county land area.',
  },
  {
    id: 'forest_land',
    text_zh: '林地总量保持在370万亩以上',
    text_en: 'Keep total forest land at or above 3,700,000 mu',
    section: LOW_YIELD, unit: 'mu', target: 3_700_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'forest_land_area' },
    quote: '林地总量保持在370万亩以上',
  },
  {
    id: 'forest_stock',
    text_zh: '森林蓄积量达到1300万立方米',
    text_en: 'Raise the forest growing stock to 13,000,000 m³',
    section: LOW_YIELD, unit: 'm3', target: 13_000_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'forest_stock' },
    quote: '森林蓄积量达到1300万立方米',
  },
  {
    id: 'carbon_afforestation',
    text_zh: '到2025年，完成碳汇造林试点人工造林1万亩',
    text_en: 'Plant 10,000 mu of carbon-sink afforestation pilots by 2025',
    section: '三(十)2', unit: 'mu', target: 10_000, target_year: 2025, comparator: 'gte',
    rule: { id: 'carbon_afforestation_area' },
    quote: '到2025年，完成碳汇造林试点人工造林1万亩',
  },
  {
    id: 'new_energy_capacity',
    text_zh: '到2025年，新能源发电装机容量力争突破60万千瓦时',
    text_en: 'New-energy generating capacity to exceed 600,000 kW by 2025',
    section: ENERGY, unit: 'kW', target: 600_000, target_year: 2025, comparator: 'gt',
    rule: { id: 'new_energy_capacity' },
    quote: '到2025年，新能源发电装机容量力争突破60万千瓦时',
    note: 'The plan writes 万千瓦时 (energy, kWh), a unit slip: installed capacity is measured in kW. Counted: grid-connected PV and wind in the layers (hydro, biomass and rooftop PV are not mapped).',
  },
  ...(
    [
      ['pv_butou_fishery_50', '埠头乡', 50, '渔光互补', '兴国埠头乡埠头村等50MW渔光互补发电项目', 'Butou Township (Butou Village) 50 MW fishery–PV project'],
      ['pv_changgang_agri_200', '长冈乡', 200, '农光互补', '兴国长冈乡200MW农光互补发电项目', 'Changgang Township 200 MW agri–PV project'],
      ['pv_gaoxing_agri_100', '高兴镇', 100, '农光互补', '兴国高兴镇100MW农光互补发电项目', 'Gaoxing Town 100 MW agri–PV project'],
      ['pv_butou_agri_50', '埠头乡', 50, '农光互补', '兴国埠头乡50MW农光互补发电项目', 'Butou Township 50 MW agri–PV project'],
    ] as const
  ).map(([id, township, mw, kind, quote, en]): PlanTarget => ({
    id,
    text_zh: `稳妥推进${quote}`,
    text_en: `Bring the ${en} to grid connection`,
    section: ENERGY, unit: 'kW', target: mw * 1000, target_year: 2025, comparator: 'gte',
    rule: { id: 'pv_project', township, capacity_mw: mw, kind },
    quote,
    note: 'The plan gives no date for the project itself; it is one of the means to the 2025 capacity target, so it is assessed at 2025. Progress = grid-connected (并网) capacity.',
  })),
  ...(
    [
      ['gas_changgang', '长冈', 'Changgang'],
      ['gas_butou', '埠头', 'Butou'],
      ['gas_gaoxing', '高兴', 'Gaoxing'],
      ['gas_high_speed_rail_area', '高铁片区', 'the high-speed-rail district'],
    ] as const
  ).map(([id, place, en]): PlanTarget => ({
    id,
    text_zh: `到2030年，${place}${place.endsWith('片区') ? '' : '圩镇'}通管道天然气`,
    text_en: `Piped natural gas to ${en} by 2030`,
    section: '三(一)1', unit: 'count', target: 1, target_year: 2030, comparator: 'gte',
    rule: { id: 'gas_supply', place },
    quote: GAS_QUOTE,
  })),
  {
    id: 'mine_fanglingpai',
    text_zh: '实施兴莲乡忠洲村方岭排砖瓦用（碳质）页岩矿等废弃矿山综合整治和生态修复',
    text_en: 'Restore the abandoned Fanglingpai shale mine (Zhongzhou Village, Xinglian Township)',
    section: '三(八)1', unit: 'count', target: 1, target_year: null, comparator: 'gte',
    rule: { id: 'mine_restoration', name: '方岭排' },
    quote: '实施兴莲乡忠洲村方岭排砖瓦用（碳质）页岩矿等废弃矿山综合整治和生态修复',
    note: 'No date in the plan: status follows the mine layer (已修复 achieved, 修复中 on track, 待修复 not started).',
  },
  {
    id: 'wetland_lianjiang',
    text_zh: '稳步推进潋江国家湿地公园小微湿地恢复工程',
    text_en: 'Restore the small wetlands of Lianjiang National Wetland Park',
    section: '三(八)3', unit: '%', target: 100, target_year: null, comparator: 'gte',
    rule: { id: 'wetland_restoration', park: '潋江国家湿地公园', kind: '小微湿地' },
    quote: '稳步推进潋江国家湿地公园小微湿地恢复工程',
    note: 'No date in the plan. Progress = share of the area of the 小微湿地 under restoration that is 已完成 (the park’s own status is shown alongside).',
  },
  {
    id: 'substation_nanwai_110',
    text_zh: '建设110千伏南外变电站',
    text_en: 'Build the 110 kV Nanwai substation',
    section: '三(一)3', unit: 'count', target: 1, target_year: null, comparator: 'gte',
    rule: { id: 'substation', name: '南外', voltage_kv: 110 },
    quote: '建设110千伏南外变电站',
  },
  {
    id: 'substation_changgang_220',
    text_zh: '建设220千伏长冈变电站',
    text_en: 'Build the 220 kV Changgang substation',
    section: '三(一)3', unit: 'count', target: 1, target_year: null, comparator: 'gte',
    rule: { id: 'substation', name: '长冈', voltage_kv: 220 },
    quote: '220千伏长冈变电站',
  },
];
