// The siting rules as data: site type × constraint layer (三区三线: 永久基本农田, 生态保护红线, 城镇开发边界, and any
// layer a bureau adds) or land class (地类 of the stands, or land no stand covers) → 禁止 / 需审批 / 注意 / 允许, each with
// the law or notice it rests on. `status` says how far the citation can be trusted: 'quoted' — the cited sentence was
// read in a published copy of the text; 'recalled' — cited from memory, check the article before relying on it;
// 'assumption' — this app's reading, no text behind it; 'bureau' — a rule the bureau set (extra layers). A bureau
// changes a verdict by editing this table (or, for its own layers, extra-layers.json); siting.ts applies it.
import type { LandClass, Origin } from '../inventory/schema.ts';
import { SITE_TYPES, type SiteType } from './site-types.ts';

/** Most serious first: a site's overall verdict is the first of these any of its findings has. */
export const VERDICTS = ['禁止', '需审批', '注意', '允许'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const isVerdict = (v: unknown): v is Verdict => typeof v === 'string' && (VERDICTS as readonly string[]).includes(v);

/** The worse of two verdicts (null = no finding). */
export function worse(a: Verdict | null, b: Verdict | null): Verdict | null {
  if (a === null) return b;
  if (b === null) return a;
  return VERDICTS.indexOf(a) <= VERDICTS.indexOf(b) ? a : b;
}

export type BasisStatus = 'quoted' | 'recalled' | 'assumption' | 'bureau';

export interface Bilingual { zh: string; en: string }

export interface RuleBasis extends Bilingual { status: BasisStatus }

/** The constraint kinds the built-in rules know: the three control lines (三区三线) of the county's spatial plan. */
export const CONSTRAINT_KINDS = ['permanent_farmland', 'ecological_redline', 'urban_boundary'] as const;

export type RuleTarget =
  /** The site's overlap with the polygons of a constraint layer of this kind. */
  | { kind: 'constraint'; constraint: string }
  /** The site's overlap with stands of these land classes (and origin, and cover — 郁闭度/覆盖度 — when given). */
  | { kind: 'land'; classes: readonly LandClass[]; origin?: Origin; coverBelow?: number; coverAtLeast?: number }
  /** The part of the site no stand covers: land outside the forest inventory (its use is recorded in 三调, not here). */
  | { kind: 'unsurveyed' };

export interface SitingRule {
  id: string;
  types: readonly SiteType[];
  target: RuleTarget;
  verdict: Verdict;
  /** What the rule means for the site, in one line. */
  text: Bilingual;
  basis: RuleBasis;
}

/** Bump when a rule changes: a stored siting result names the version it was computed with. */
export const SITING_RULES_VERSION = 'siting-2026-12-01';

const ALL_TYPES: readonly SiteType[] = SITE_TYPES;
const FOREST_LAND: readonly LandClass[] = ['乔木林地', '竹林地', '特灌林地', '一般灌木林地', '疏林地', '未成林造林地', '迹地', '宜林地', '苗圃地', '林业辅助生产用地'];
const SHRUB: readonly LandClass[] = ['特灌林地', '一般灌木林地'];
const STOCKED: readonly LandClass[] = ['乔木林地', '竹林地', '特灌林地', '未成林造林地'];

// The sources, once each. zh cites the text in its own words where it was read; en says what it says.
const PV_NOTICE = '自然资源部办公厅 国家林业和草原局办公室 国家能源局综合司《关于支持光伏发电产业发展规范用地管理有关工作的通知》（自然资办发〔2023〕12号）';
const PV_NOTICE_EN = 'MNR, NFGA and NEA notice on land use for PV (自然资办发〔2023〕12号, 2023)';
const REDLINE_NOTICE = '自然资源部 生态环境部 国家林业和草原局《关于加强生态保护红线管理的通知（试行）》（自然资发〔2022〕142号）';
const REDLINE_NOTICE_EN = 'MNR, MEE and NFGA notice on managing the ecological protection red line (自然资发〔2022〕142号, 2022)';
const FOREST_LAW_37: RuleBasis = {
  zh: '《中华人民共和国森林法》（2019年修订）第三十七条：各类工程建设应当不占或者少占林地；确需占用林地的，应当经县级以上人民政府林业主管部门审核同意，依法办理建设用地审批手续。',
  en: 'Forest Law (2019 revision), Art. 37: construction shall take no or little forest land; forest land that must be taken needs the approval of the forestry authority at county level or above and the construction-land approval.',
  status: 'recalled',
};

export const SITING_RULES: readonly SitingRule[] = [
  // 永久基本农田 (permanent basic farmland)
  {
    id: 'farmland-pv', types: ['光伏'], target: { kind: 'constraint', constraint: 'permanent_farmland' }, verdict: '禁止',
    text: { zh: '光伏项目不得占用永久基本农田', en: 'PV projects may not take permanent basic farmland' },
    basis: { zh: `${PV_NOTICE}：新建、扩建光伏发电项目，一律不得占用永久基本农田、基本草原、Ⅰ级保护林地和东北内蒙古重点国有林区。`, en: `${PV_NOTICE_EN}: new and extended PV projects may not take permanent basic farmland, basic grassland, grade-I protected forest land or the key state forests of the north-east and Inner Mongolia.`, status: 'quoted' },
  },
  {
    id: 'farmland-build', types: ['风电', '其他'], target: { kind: 'constraint', constraint: 'permanent_farmland' }, verdict: '禁止',
    text: { zh: '不得占用永久基本农田（国家重点建设项目确实难以避让的须经国务院批准）', en: 'Permanent basic farmland may not be taken (a national key project that cannot avoid it needs State Council approval)' },
    basis: { zh: '《中华人民共和国土地管理法》（2019年修正）第三十五条：永久基本农田经依法划定后，任何单位和个人不得擅自占用或者改变其用途。国家能源、交通、水利、军事设施等重点建设项目选址确实难以避让永久基本农田，涉及农用地转用或者土地征收的，必须经国务院批准。', en: 'Land Administration Law (2019 amendment), Art. 35: once designated, permanent basic farmland may not be taken or its use changed; national key energy, transport, water or military projects that cannot avoid it need State Council approval.', status: 'recalled' },
  },
  {
    id: 'farmland-forest', types: ['造林', '碳汇造林'], target: { kind: 'constraint', constraint: 'permanent_farmland' }, verdict: '禁止',
    text: { zh: '不得占用永久基本农田造林（不计增汇）', en: 'Permanent basic farmland may not be planted with trees (no gain counted)' },
    basis: { zh: '《基本农田保护条例》（国务院令第257号）第十七条：禁止任何单位和个人占用基本农田发展林果业和挖塘养鱼。另见《国务院办公厅关于坚决制止耕地"非农化"行为的通知》（国办发明电〔2020〕24号）：严禁违规占用耕地绿化造林。', en: 'Regulations on the Protection of Basic Farmland (State Council Decree 257), Art. 17: nobody may take basic farmland for forestry, orchards or fish ponds; also State Council General Office notice 国办发明电〔2020〕24号: no afforestation on cultivated land against the rules.', status: 'recalled' },
  },
  {
    id: 'farmland-restore', types: ['修复'], target: { kind: 'constraint', constraint: 'permanent_farmland' }, verdict: '注意',
    text: { zh: '永久基本农田内的修复须保持或恢复耕种条件', en: 'Restoration on permanent basic farmland must keep it fit for, or return it to, cultivation' },
    basis: { zh: '本系统的判断（无条文依据）：永久基本农田不得改变用途（土地管理法第三十五条），修复只能以复垦为耕地为目标。', en: "This app's reading (no article behind it): permanent basic farmland keeps its use (Land Administration Law Art. 35), so restoration there can only aim at cultivation.", status: 'assumption' },
  },
  // 生态保护红线 (ecological protection red line)
  {
    id: 'redline-build', types: ['光伏', '风电'], target: { kind: 'constraint', constraint: 'ecological_redline' }, verdict: '禁止',
    text: { zh: '生态保护红线内禁止开发性、生产性建设活动', en: 'No development or production construction inside the ecological protection red line' },
    basis: { zh: `${REDLINE_NOTICE} 一（一）：生态保护红线内自然保护地核心保护区外，禁止开发性、生产性建设活动，在符合法律法规的前提下，仅允许以下对生态功能不造成破坏的有限人为活动。`, en: `${REDLINE_NOTICE_EN}, 1(1): inside the red line (outside the core zones of protected areas) development and production construction is forbidden; only the limited human activities it lists, which do not harm ecological functions, are allowed.`, status: 'quoted' },
  },
  {
    id: 'redline-other', types: ['其他'], target: { kind: 'constraint', constraint: 'ecological_redline' }, verdict: '需审批',
    text: { zh: '生态保护红线内仅允许通知所列的有限人为活动，须按省级规定论证', en: 'Only the limited activities the notice lists are allowed inside the red line, under the province’s procedure' },
    basis: { zh: `${REDLINE_NOTICE} 一（一）：仅允许对生态功能不造成破坏的有限人为活动。`, en: `${REDLINE_NOTICE_EN}, 1(1): only limited human activities that do not harm ecological functions are allowed.`, status: 'quoted' },
  },
  {
    id: 'redline-restore', types: ['造林', '碳汇造林', '修复'], target: { kind: 'constraint', constraint: 'ecological_redline' }, verdict: '注意',
    text: { zh: '生态保护红线内的造林、修复须符合生态保护修复规划，按有限人为活动管理', en: 'Planting and restoration inside the red line must follow the restoration plan and count as a limited activity' },
    basis: { zh: `${REDLINE_NOTICE} 一（一）所列有限人为活动包括依据县级以上国土空间规划和生态保护修复专项规划开展的生态修复（条目序号凭记忆，待核对）。`, en: `${REDLINE_NOTICE_EN}, 1(1): the limited activities include ecological restoration under county-level spatial and restoration plans (item recalled, to be checked).`, status: 'recalled' },
  },
  // 城镇开发边界 (urban development boundary)
  {
    id: 'urban-boundary', types: ALL_TYPES, target: { kind: 'constraint', constraint: 'urban_boundary' }, verdict: '注意',
    text: { zh: '城镇开发边界内为城镇集中建设区，用途须符合详细规划', en: 'Inside the urban development boundary land is for concentrated urban construction: the use must fit the detailed plan' },
    basis: { zh: '中共中央办公厅 国务院办公厅《关于在国土空间规划中统筹划定落实三条控制线的指导意见》（2019年）：城镇开发边界内为城镇集中建设区域（大意，凭记忆）。', en: 'CPC General Office and State Council General Office guidance on the three control lines (2019): the urban development boundary encloses the areas of concentrated urban construction (gist, recalled).', status: 'recalled' },
  },
  // Land classes of the stands: PV
  {
    id: 'pv-forest', types: ['光伏'], target: { kind: 'land', classes: ['乔木林地', '竹林地'] }, verdict: '禁止',
    text: { zh: '光伏方阵不得使用乔木林地、竹林地', en: 'PV arrays may not use arbor or bamboo forest land' },
    basis: { zh: `${PV_NOTICE}：光伏方阵用地涉及使用林地的，须采用林光互补模式，可使用年降水量400毫米以下区域的灌木林地以及其他区域覆盖度低于50%的灌木林地，不得采伐林木、割灌及破坏原有植被，不得将乔木林地、竹林地等采伐改造为灌木林地后架设光伏板。`, en: `${PV_NOTICE_EN}: PV arrays on forest land must be forest–PV complementary; they may use shrub land (below 400 mm rainfall, or with cover under 50 % elsewhere), must not fell trees, clear shrubs or damage vegetation, and arbor or bamboo land may not be cut to shrub land for panels.`, status: 'quoted' },
  },
  {
    id: 'pv-shrub-dense', types: ['光伏'], target: { kind: 'land', classes: SHRUB, coverAtLeast: 0.5 }, verdict: '禁止',
    text: { zh: '覆盖度50%及以上的灌木林地不得建设光伏方阵', en: 'PV arrays may not use shrub land with 50 % cover or more' },
    basis: { zh: `${PV_NOTICE}：可使用……其他区域覆盖度低于50%的灌木林地（兴国年降水量远高于400毫米）。`, en: `${PV_NOTICE_EN}: arrays may use shrub land with cover under 50 % outside the areas below 400 mm rainfall (Xingguo is far wetter).`, status: 'quoted' },
  },
  {
    id: 'pv-shrub-open', types: ['光伏'], target: { kind: 'land', classes: SHRUB, coverBelow: 0.5 }, verdict: '需审批',
    text: { zh: '覆盖度低于50%的灌木林地只可林光互补：不得采伐、割灌，设施用林须审批', en: 'Shrub land under 50 % cover: forest–PV complementary only, no felling or shrub clearing; facilities need forest-land approval' },
    basis: { zh: `${PV_NOTICE}（林光互补条件）；${FOREST_LAW_37.zh}`, en: `${PV_NOTICE_EN} (forest–PV conditions); ${FOREST_LAW_37.en}`, status: 'quoted' },
  },
  {
    id: 'pv-forest-other', types: ['光伏'], target: { kind: 'land', classes: ['疏林地', '未成林造林地', '迹地', '宜林地', '苗圃地', '林业辅助生产用地'] }, verdict: '需审批',
    text: { zh: '其他林地：光伏方阵只可按林光互补使用灌木林地，须核实地类并办理使用林地审批', en: 'Other forest land: arrays may use forest land only as forest–PV on shrub land; check the land class and obtain forest-land approval' },
    basis: { zh: `${PV_NOTICE}（方阵使用林地限于灌木林地）；${FOREST_LAW_37.zh}`, en: `${PV_NOTICE_EN} (arrays on forest land: shrub land only); ${FOREST_LAW_37.en}`, status: 'recalled' },
  },
  // Wind and other building
  {
    id: 'wind-natural-forest', types: ['风电'], target: { kind: 'land', classes: ['乔木林地', '竹林地'], origin: '天然' }, verdict: '禁止',
    text: { zh: '风电场设施不得占用天然乔木林（竹林）地', en: 'Wind-farm facilities may not take natural arbor (bamboo) forest land' },
    basis: { zh: '国家林业和草原局《关于规范风电场项目建设使用林地的通知》（林资发〔2019〕17号）：禁止占用天然乔木林（竹林）地……建设风电场的风机基础、施工和检修道路、升压站、集电线路等。该通知有效期5年，已由国家林草局、国家能源局《关于支持风电开发建设规范使用林地草地有关工作的通知》接续，本系统未读到新通知原文，请核对。', en: 'NFGA notice on forest land for wind farms (林资发〔2019〕17号): turbine foundations, roads, substations and collector lines may not take natural arbor (bamboo) forest land. Valid five years; succeeded by the NFGA–NEA notice on wind and forest/grass land, whose text was not read here: check it.', status: 'quoted' },
  },
  { id: 'wind-forest', types: ['风电', '其他'], target: { kind: 'land', classes: FOREST_LAND }, verdict: '需审批', text: { zh: '占用林地须办理使用林地审核', en: 'Taking forest land needs the forest-land approval' }, basis: FOREST_LAW_37 },
  // Afforestation
  {
    id: 'afforest-stocked', types: ['造林'], target: { kind: 'land', classes: STOCKED }, verdict: '注意',
    text: { zh: '已是森林或已造林：不符合造林条件，不计增汇，现有碳储量保留、不计为损失', en: 'Already forest or planted: not land for afforestation; no gain is counted and its carbon is kept, not counted as a loss' },
    basis: { zh: '本系统的判断：造林指在无林的土地上植树（GB/T 26424 地类中乔木林地、竹林地、特灌林地、未成林造林地已有林木或已造林）。', en: "This app's reading: afforestation plants land without forest (GB/T 26424 arbor, bamboo, special-shrub land and young plantations already carry trees or were planted).", status: 'assumption' },
  },
  {
    id: 'carbon-afforest-stocked', types: ['碳汇造林'], target: { kind: 'land', classes: STOCKED }, verdict: '禁止',
    text: { zh: '已是森林或已造林：不符合碳汇造林项目条件，不计增汇', en: 'Already forest or planted: not eligible for a carbon-sink afforestation project; no gain counted' },
    basis: { zh: '本系统的判断：碳汇造林项目须在无林地上实施（温室气体自愿减排项目方法学《造林碳汇》CCER-14-001-V01 的适用条件，条文未核对）。', en: "This app's reading: a carbon-sink afforestation project needs land without forest (applicability of the CCER afforestation methodology CCER-14-001-V01; wording not checked).", status: 'assumption' },
  },
  {
    id: 'afforest-bare', types: ['造林', '碳汇造林'], target: { kind: 'land', classes: ['宜林地', '迹地'] }, verdict: '允许',
    text: { zh: '宜林地、迹地可以造林，计入增汇', en: 'Land for afforestation and cut-over land may be planted; the gain is counted' },
    basis: { zh: '本系统的判断：GB/T 26424 的宜林地、迹地为无林木的林地。', en: "This app's reading: GB/T 26424 宜林地 and 迹地 are forest land without trees.", status: 'assumption' },
  },
  {
    id: 'afforest-sparse', types: ['造林', '碳汇造林'], target: { kind: 'land', classes: ['疏林地', '一般灌木林地'] }, verdict: '注意',
    text: { zh: '疏林地、一般灌木林地：计入增汇，须按补植或改造核实', en: 'Sparse forest and other shrub land: the gain is counted; check whether it is enrichment planting or conversion' },
    basis: { zh: '本系统的判断：这些地类不是森林，植树增汇，但省级规程可能按补植、改造而非造林管理。', en: "This app's reading: these classes are not forest, so planting adds carbon, but the province may treat it as enrichment or conversion rather than afforestation.", status: 'assumption' },
  },
  {
    id: 'afforest-support', types: ['造林', '碳汇造林'], target: { kind: 'land', classes: ['苗圃地', '林业辅助生产用地'] }, verdict: '注意',
    text: { zh: '苗圃地、林业辅助生产用地不作造林地，不计增汇', en: 'Nurseries and forestry support land are not land for afforestation; no gain counted' },
    basis: { zh: '本系统的判断。', en: "This app's reading.", status: 'assumption' },
  },
  // Land outside the forest inventory
  {
    id: 'unsurveyed-afforest', types: ['造林', '碳汇造林'], target: { kind: 'unsurveyed' }, verdict: '注意',
    text: { zh: '小班以外的土地：须核对三调地类，耕地不得造林', en: 'Land outside the forest inventory: check its class in the third national land survey; cultivated land may not be planted' },
    basis: { zh: '《国务院办公厅关于坚决制止耕地"非农化"行为的通知》（国办发明电〔2020〕24号）：严禁违规占用耕地绿化造林。', en: 'State Council General Office notice 国办发明电〔2020〕24号: no afforestation on cultivated land against the rules.', status: 'recalled' },
  },
  {
    id: 'unsurveyed-pv', types: ['光伏'], target: { kind: 'unsurveyed' }, verdict: '注意',
    text: { zh: '小班以外的土地：须核对三调地类，光伏方阵不得占用耕地', en: 'Land outside the forest inventory: check its class in the third national land survey; PV arrays may not take cultivated land' },
    basis: { zh: `${PV_NOTICE}：光伏方阵用地不得占用耕地，占用其他农用地的，应根据实际合理控制。`, en: `${PV_NOTICE_EN}: PV arrays may not take cultivated land, and should use other farmland sparingly.`, status: 'quoted' },
  },
  {
    id: 'unsurveyed-build', types: ['风电', '其他'], target: { kind: 'unsurveyed' }, verdict: '注意',
    text: { zh: '小班以外的土地：须核对三调地类，农用地转为建设用地须办理转用审批', en: 'Land outside the forest inventory: check its class in the third national land survey; farmland turned to construction land needs the conversion approval' },
    basis: { zh: '《中华人民共和国土地管理法》（2019年修正）第四十四条：建设占用土地，涉及农用地转为建设用地的，应当办理农用地转用审批手续。', en: 'Land Administration Law (2019 amendment), Art. 44: construction that turns farmland into construction land needs the conversion approval.', status: 'recalled' },
  },
];

/**
 * A bureau's own constraint layer (extra-layers.json, `"analysis": {"constraint": {...}}`): one rule per site type it
 * names, with the bureau's citation. Types it does not name get no rule (the overlap is still listed).
 */
export function bureauRules(layerKind: string, layerName: Bilingual, verdicts: Partial<Record<SiteType, Verdict>>, basis?: Bilingual): SitingRule[] {
  const by = new Map<Verdict, SiteType[]>();
  for (const [type, v] of Object.entries(verdicts) as [SiteType, Verdict][]) by.set(v, [...(by.get(v) ?? []), type]);
  return [...by].map(([verdict, types]) => ({
    id: `${layerKind}-${VERDICTS.indexOf(verdict)}`, types, target: { kind: 'constraint', constraint: layerKind }, verdict,
    text: { zh: `位于${layerName.zh}内`, en: `Inside ${layerName.en}` },
    basis: { zh: basis?.zh ?? '局规则（extra-layers.json）', en: basis?.en ?? 'bureau rule (extra-layers.json)', status: 'bureau' },
  }));
}
