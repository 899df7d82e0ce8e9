// The forest-stand (小班) schema. Field meanings follow the national forest management inventory (森林资源规划设计调查,
// "二类调查") so that a bureau's real data can be mapped onto it later (see fieldMapping.ts once it exists).
// Keys are ASCII snake_case so that they survive every file format (DBF, CSV, KML ExtendedData) unchanged.

/** 地类 — land class, per GB/T 26424 林地分类. */
export const LAND_CLASSES = [
  '乔木林地', // arbor forest land (forest only when canopy >= 0.2)
  '竹林地', // bamboo forest land
  '特灌林地', // 国家特别规定灌木林地: shrub land that counts as forest
  '一般灌木林地', // other shrub land: 林地 but not forest
  '疏林地', // sparse forest (canopy 0.1–0.19)
  '未成林造林地', // afforested, not yet closed
  '迹地', // cut-over or burnt land
  '宜林地', // land planned for afforestation
  '苗圃地', // nursery (GB/T 26424 0150; only in imported inventories)
  '林业辅助生产用地', // forestry support land (0180; only in imported inventories)
] as const;
export type LandClass = (typeof LAND_CLASSES)[number];

/** 优势树种 — dominant species (or species group for mixed stands). */
export const SPECIES = [
  '杉木',
  '马尾松',
  '湿地松',
  '硬阔', // 木荷、枫香、栎类、樟 …
  '软阔', // 泡桐、拟赤杨 …
  '针阔混',
  '阔叶混',
  '毛竹',
  '油茶',
  '灌木',
  '无', // no tree cover (宜林地, 迹地)
] as const;
export type Species = (typeof SPECIES)[number];

/** 起源 — origin. */
export const ORIGINS = ['天然', '人工'] as const;
export type Origin = (typeof ORIGINS)[number];

/** 龄组 — age group (null for bamboo, shrubs and land without trees). */
export const AGE_GROUPS = ['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** 低产低效林改造 — the four upgrade types of the plan, 三(八)2. */
export const UPGRADE_TYPES = ['更新', '补植', '抚育', '封育'] as const;
export type UpgradeType = (typeof UPGRADE_TYPES)[number];

/** 油茶 work: 新造高产 (new high-yield planting) or 低产改造 (upgrade of existing low-yield stands). */
export const OIL_TEA_WORK = ['新造高产', '低产改造'] as const;
export type OilTeaWork = (typeof OIL_TEA_WORK)[number];

/** 松材线虫病 — pine wilt status. */
export const PINE_WILT = ['无', '疫点', '已除治'] as const;
export type PineWilt = (typeof PINE_WILT)[number];

export interface StandProperties {
  /** Stable id: `${township_code}-${lin_ban}-${xiao_ban}`, e.g. "360732100-012-034". */
  id: string;
  township_code: string; // 9-digit 乡镇 code
  township_name: string;
  village: string; // 村 name
  lin_ban: number; // 林班 number, unique within the township
  xiao_ban: number; // 小班 number, unique within the 林班
  land_class: LandClass;
  species: Species;
  origin: Origin;
  age_group: AgeGroup | null;
  canopy: number; // 郁闭度, 0–1, two decimals
  stock_m3: number; // 蓄积, total standing stock of the stand in m³ (0 for bamboo, shrubs, bare land)
  upgrade_type: UpgradeType | null;
  upgrade_year: number | null; // 2021–2025 when upgrade_type is set
  carbon_afforestation: boolean; // 碳汇造林 pilot plot
  afforestation_year: number | null; // planting year of a 碳汇造林 plot
  oil_tea_work: OilTeaWork | null;
  oil_tea_year: number | null;
  pine_wilt: PineWilt;
}

/** China's definition of forest (森林): arbor land with canopy >= 0.2, bamboo land, and 特灌林地. */
export function isForest(p: Pick<StandProperties, 'land_class' | 'canopy'>): boolean {
  if (p.land_class === '乔木林地') return p.canopy >= 0.2;
  return p.land_class === '竹林地' || p.land_class === '特灌林地';
}
