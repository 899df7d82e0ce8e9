// Eligibility of each parcel: pure functions of the parcel's overlay (overlay.ts), its planting design and the project.
// Each rule quotes the text it applies, with its source as read (parameters.ts SOURCES). A rule passes, fails, is
// unknown (the data at hand cannot decide: the developer shows it in the design document) or is skipped (the data
// it needs is not loaded). A parcel is eligible when no rule fails; failing parcels are listed with the rules they fail.
import { SPECIES_GROUPS } from '../carbon/species-groups.ts';
import { geodesicArea } from '../geo/measure.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { startYearOf, type PlantingDesign, type ProjectFile, type ProjectParcel } from './format.ts';
import type { ParcelOverlay } from './overlay.ts';
import { PROJECT_PARAMETERS, SOURCES, type ProjectParameters } from './parameters.ts';

export type RuleStatus = 'pass' | 'fail' | 'unknown' | 'skipped';

export const RULE_IDS = [
  'scope', 'min_area', 'not_forest', 'land_class', 'history_3y', 'wetland', 'organic_soil', 'in_county',
  'no_overlap_projects', 'no_overlap_parcels', 'land_cover', 'shrub_removal', 'tenure',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface RuleText { title_zh: string; title_en: string; quote: string; source: string }

export const RULES: Record<RuleId, RuleText> = {
  scope: {
    title_zh: '适用范围', title_en: 'scope',
    quote: '本文件适用于乔木、竹子和灌木造林,包括防护林、特种用途林、用材林等造林,不包括经济林造林、非林地上的通道绿化、城镇村及工矿用地绿化',
    source: `${SOURCES.ccer}, 2`,
  },
  min_area: {
    title_zh: '地块面积', title_en: 'parcel area',
    quote: '项目单个地块土地连续面积不小于400m2。对于2019年(含)之前开始的项目,土地连续面积不小于667m2',
    source: `${SOURCES.ccer}, 2 c)`,
  },
  not_forest: {
    title_zh: '非森林', title_en: 'not forest',
    quote: '项目土地在项目开始前至少三年为不符合森林定义的规划造林地 (森林: 郁闭度≥0.2的乔木林地、竹林地、国家特别规定灌木林地)',
    source: `${SOURCES.ccer}, 2 a); the forest definition as in the inventory schema (isForest)`,
  },
  land_class: {
    title_zh: '地类', title_en: 'land class',
    quote: '规划造林地 (宜林地; 疏林地 and 一般灌木林地 do not meet the forest definition). Cut-over or burnt land: "The land is not temporarily unstocked, as a result of human intervention such as harvesting or natural causes"',
    source: `${SOURCES.ccer}, 2 a); ${SOURCES.eb35}`,
  },
  history_3y: {
    title_zh: '三年非林', title_en: 'three years without forest',
    quote: '项目土地在项目开始前至少三年为不符合森林定义的规划造林地', source: `${SOURCES.ccer}, 2 a)`,
  },
  wetland: { title_zh: '非湿地', title_en: 'not wetland', quote: '项目土地不属于湿地', source: `${SOURCES.ccer}, 2 d)` },
  organic_soil: {
    title_zh: '非有机土', title_en: 'not organic soil', quote: '活动土地不属于湿地和有机土的范畴 (AR-CM-001-V01)', source: SOURCES.arcm001Land,
  },
  in_county: { title_zh: '县域内', title_en: 'inside the county', quote: 'the project lies in 兴国县 (the county outline, generalised to about 100 m)', source: 'this app\'s scope: the county outline county.geojson' },
  no_overlap_projects: {
    title_zh: '不与其他项目重叠', title_en: 'no overlap with other projects',
    quote: 'no land is counted by two projects (double counting)', source: 'this app\'s rule; the registry\'s own rule was not read',
  },
  no_overlap_parcels: {
    title_zh: '地块不重叠', title_en: 'parcels do not overlap', quote: 'no land is counted twice within the project', source: 'this app\'s rule',
  },
  land_cover: {
    title_zh: '遥感地类', title_en: 'land cover', quote: 'the imagery does not show the parcel as forest (majority of the parcel)',
    source: 'the land-cover raster where one is loaded; threshold: assumption (parameters.ts landCoverMajority)',
  },
  shrub_removal: {
    title_zh: '灌木移除', title_en: 'shrub removal',
    quote: '项目不移除原有散生乔木和竹子,原有灌木和胸径小于2cm的竹子的移除比例总计不超过项目边界内地表面积的20%',
    source: `${SOURCES.ccer}, 2 e)`,
  },
  tenure: {
    title_zh: '权属', title_en: 'tenure',
    quote: '项目土地权属清晰,具有不动产权属证书、土地承包或流转合同;或具有经有批准权的人民政府或主管部门批准核发的土地证、林权证',
    source: `${SOURCES.ccer}, 2 b)`,
  },
};

export interface RuleResult { rule: RuleId; status: RuleStatus; reason: string; detail?: Record<string, unknown> }

export interface ParcelEligibility {
  id: string;
  name: string;
  design: string;
  area_m2: number;
  area_mu: number;
  area_ha: number;
  eligible: boolean;
  /** The rules it fails (empty when eligible). */
  failed: RuleId[];
  rules: RuleResult[];
}

/** An overlap large enough to matter: at least the tolerance share of the parcel and at least the tolerance area. */
export function significant(m2: number, parcelM2: number, p: ProjectParameters = PROJECT_PARAMETERS): boolean {
  return m2 >= p.overlapM2.value && m2 >= p.overlapShare.value * parcelM2;
}

const r = (rule: RuleId, status: RuleStatus, reason: string, detail?: Record<string, unknown>): RuleResult => ({ rule, status, reason, ...(detail ? { detail } : {}) });
const round = (m2: number) => Math.round(m2);

export function ruleScope(design: PlantingDesign, o: ParcelOverlay, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  const economic = design.species.filter((s) => SPECIES_GROUPS[s.group]?.kind === 'oil_tea').map((s) => s.group);
  if (economic.length) return r('scope', 'fail', `经济林造林 excluded: design ${design.id} plants ${economic.join(', ')}`, { species: economic });
  const built = o.land_cover?.built ?? 0;
  if (built >= p.landCoverMajority.value) return r('scope', 'fail', `城镇村及工矿用地 excluded: the land cover shows ${(built * 100).toFixed(0)} % built-up land`, { built_share: built });
  return r('scope', 'pass', `tree afforestation (${design.species.map((s) => s.group).join(', ')})`);
}

export function ruleMinArea(parcel: Pick<ProjectParcel, 'geometry'>, startYear: number, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  const min = startYear <= 2019 ? p.minParcelM2Before2020.value : p.minParcelM2.value;
  const g = parcel.geometry;
  const parts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((c) => geodesicArea({ type: 'Polygon', coordinates: c }));
  const small = parts.filter((a) => a < min);
  if (small.length) return r('min_area', 'fail', `${small.length} contiguous part(s) below ${min} m² (smallest ${round(Math.min(...small))} m²)`, { minimum_m2: min, parts_m2: parts.map(round) });
  return r('min_area', 'pass', `every contiguous part ≥ ${min} m² (smallest ${round(Math.min(...parts))} m²)`, { minimum_m2: min });
}

export function ruleNotForest(o: ParcelOverlay, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  const forest = o.stands.filter((h) => h.forest && significant(h.area_m2, o.area_m2, p));
  if (forest.length) {
    const m2 = forest.reduce((s, h) => s + h.area_m2, 0);
    return r('not_forest', 'fail', `overlaps ${forest.length} stand(s) that meet the forest definition over ${round(m2)} m² (${((m2 / o.area_m2) * 100).toFixed(0)} % of the parcel): ${forest.slice(0, 5).map((h) => `${h.stand.id} ${h.stand.land_class}${h.stand.land_class === '乔木林地' ? ` 郁闭度 ${h.stand.canopy}` : ''}`).join('; ')}`,
      { stands: forest.map((h) => ({ id: h.stand.id, land_class: h.stand.land_class, canopy: h.stand.canopy, area_m2: round(h.area_m2) })) });
  }
  return r('not_forest', 'pass', 'no stand meeting the forest definition under the parcel');
}

const LAND_PASS = new Set(['宜林地', '疏林地', '一般灌木林地']);
const LAND_FAIL = new Set(['苗圃地', '林业辅助生产用地']);
const LAND_UNKNOWN_WHY: Record<string, string> = {
  迹地: '迹地 (cut-over, burnt or other unstocked forest land): show it is not temporarily unstocked after harvest or fire',
  未成林造林地: '未成林造林地 (already planted): only when this project did the planting',
};

export function ruleLandClass(o: ParcelOverlay, inventoryLoaded: boolean, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  if (!inventoryLoaded) return r('land_class', 'skipped', 'no forest inventory loaded');
  const byClass = new Map<string, number>();
  let inInventory = 0;
  for (const h of o.stands) {
    inInventory += h.area_m2;
    if (!h.forest) byClass.set(h.stand.land_class, (byClass.get(h.stand.land_class) ?? 0) + h.area_m2);
  }
  const outside = Math.max(0, o.area_m2 - inInventory);
  const detail = { land_classes_m2: Object.fromEntries([...byClass].map(([k, v]) => [k, round(v)])), not_in_inventory_m2: round(outside) };
  const counted = [...byClass].filter(([, m2]) => significant(m2, o.area_m2, p));
  const bad = counted.filter(([c]) => LAND_FAIL.has(c));
  if (bad.length) return r('land_class', 'fail', `not land planned for afforestation: ${bad.map(([c, m2]) => `${c} ${round(m2)} m²`).join(', ')}`, detail);
  const doubt = counted.filter(([c]) => !LAND_PASS.has(c) && !LAND_FAIL.has(c)).map(([c]) => LAND_UNKNOWN_WHY[c] ?? `${c}: not a class this rule knows`);
  if (significant(outside, o.area_m2, p)) doubt.push(`${round(outside)} m² not in the forest inventory: show that it is 规划造林地 (not farmland or built-up land)`);
  if (doubt.length) return r('land_class', 'unknown', doubt.join('; '), detail);
  const ok = counted.map(([c]) => c);
  return r('land_class', 'pass', ok.length ? `${ok.join(', ')}` : 'only land planned for afforestation', detail);
}

export function ruleHistory(): RuleResult {
  return r('history_3y', 'unknown', 'the inventory is one snapshot: show with imagery or records that the land was not forest in the 3 years before the start');
}

export function ruleWetland(o: ParcelOverlay, wetlandsLoaded: boolean, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  const lc = o.land_cover ? (o.land_cover.wetland ?? 0) + (o.land_cover.water ?? 0) : 0;
  if (significant(o.wetland_m2, o.area_m2, p)) return r('wetland', 'fail', `${round(o.wetland_m2)} m² of wetland or water under the parcel (${((o.wetland_m2 / o.area_m2) * 100).toFixed(0)} %)`, { wetland_m2: round(o.wetland_m2) });
  if (lc >= p.landCoverMajority.value) return r('wetland', 'fail', `the land cover shows ${(lc * 100).toFixed(0)} % wetland or water`, { land_cover_share: lc });
  if (!wetlandsLoaded && !o.land_cover) return r('wetland', 'unknown', 'no wetland layer or land cover loaded');
  return r('wetland', 'pass', 'no wetland or water under the parcel');
}

export function ruleOrganicSoil(parcel: Pick<ProjectParcel, 'organic_soil'>): RuleResult {
  if (parcel.organic_soil === true) return r('organic_soil', 'fail', 'the project file says the parcel is on organic soil');
  if (parcel.organic_soil === false) return r('organic_soil', 'pass', 'the project file says the soil is mineral (evidence in the PDD)');
  return r('organic_soil', 'unknown', 'no soil data: show the soil is not organic (the county\'s red and yellow soils are mineral; 泥炭 is not expected but must be shown)');
}

export function ruleInCounty(o: ParcelOverlay, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  if (o.outside_county_m2 === null) return r('in_county', 'skipped', 'no county outline loaded');
  if (significant(o.outside_county_m2, o.area_m2, p)) return r('in_county', 'fail', `${round(o.outside_county_m2)} m² outside the county`, { outside_m2: round(o.outside_county_m2) });
  return r('in_county', 'pass', 'inside the county');
}

export function ruleOtherProjects(o: ParcelOverlay, otherProjectsLoaded: boolean, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  if (!otherProjectsLoaded) return r('no_overlap_projects', 'skipped', 'no other projects given');
  const hits = o.other_projects.filter((x) => significant(x.area_m2, o.area_m2, p));
  if (hits.length) return r('no_overlap_projects', 'fail', `overlaps ${hits.map((x) => `${x.project}/${x.parcel} ${round(x.area_m2)} m²`).join(', ')}`, { overlaps: hits.map((x) => ({ ...x, area_m2: round(x.area_m2) })) });
  return r('no_overlap_projects', 'pass', 'no overlap with the other projects given');
}

export function ruleOwnParcels(o: ParcelOverlay, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  const hits = o.same_project.filter((x) => significant(x.area_m2, o.area_m2, p));
  if (hits.length) return r('no_overlap_parcels', 'fail', `overlaps parcel(s) ${hits.map((x) => `${x.parcel} ${round(x.area_m2)} m²`).join(', ')} of this project`);
  return r('no_overlap_parcels', 'pass', 'no overlap with the project\'s other parcels');
}

export function ruleLandCover(o: ParcelOverlay, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  if (o.land_cover === undefined) return r('land_cover', 'skipped', 'no land-cover raster loaded');
  if (o.land_cover === null) return r('land_cover', 'unknown', 'the land-cover raster does not cover the parcel');
  const forest = o.land_cover.forest ?? 0;
  if (forest >= p.landCoverMajority.value) return r('land_cover', 'fail', `the land cover shows ${(forest * 100).toFixed(0)} % forest`, { ...o.land_cover });
  return r('land_cover', 'pass', `forest ${(forest * 100).toFixed(0)} % of the parcel on the land cover`, { ...o.land_cover });
}

export function ruleShrubRemoval(parcel: Pick<ProjectParcel, 'shrub_removal_share'>, p: ProjectParameters = PROJECT_PARAMETERS): RuleResult {
  const max = p.shrubRemovalMax.value;
  if (parcel.shrub_removal_share > max + 1e-12) return r('shrub_removal', 'fail', `the design removes ${(parcel.shrub_removal_share * 100).toFixed(0)} % of the shrubs (at most ${(max * 100).toFixed(0)} %)`);
  return r('shrub_removal', 'pass', `${(parcel.shrub_removal_share * 100).toFixed(0)} % of the shrub cover removed at site preparation (≤ ${(max * 100).toFixed(0)} %); existing scattered trees kept`);
}

export function ruleTenure(): RuleResult {
  return r('tenure', 'unknown', 'land title (不动产权属证书, 林权证 or a contract) to be attached to the PDD');
}

export interface EligibilityInputs {
  inventoryLoaded: boolean;
  wetlandsLoaded: boolean;
  otherProjectsLoaded: boolean;
}

/** Every rule for one parcel, in the order of RULE_IDS. */
export function checkParcel(
  parcel: ProjectParcel, o: ParcelOverlay, project: Pick<ProjectFile, 'designs' | 'start_date'>, inputs: EligibilityInputs,
  p: ProjectParameters = PROJECT_PARAMETERS,
): ParcelEligibility {
  const design = project.designs.find((d) => d.id === parcel.design)!;
  const rules = [
    ruleScope(design, o, p), ruleMinArea(parcel, startYearOf(project), p), ruleNotForest(o, p), ruleLandClass(o, inputs.inventoryLoaded, p),
    ruleHistory(), ruleWetland(o, inputs.wetlandsLoaded, p), ruleOrganicSoil(parcel), ruleInCounty(o, p),
    ruleOtherProjects(o, inputs.otherProjectsLoaded, p), ruleOwnParcels(o, p), ruleLandCover(o, p), ruleShrubRemoval(parcel, p), ruleTenure(),
  ];
  const failed = rules.filter((x) => x.status === 'fail').map((x) => x.rule);
  return {
    id: parcel.id, name: parcel.name, design: parcel.design, area_m2: o.area_m2, area_mu: fromSquareMetres(o.area_m2, 'mu'),
    area_ha: fromSquareMetres(o.area_m2, 'ha'), eligible: failed.length === 0, failed, rules,
  };
}
