// The carbon factor table: every number the model uses, with its unit, source, verification status and uncertainty.
// It is plain data so a bureau can replace it (e.g. a JSON file passed to the CLI with --factors) without touching
// the formulas. Each factor names its own source (title, table or page) and status; the README's Methods section sums
// them up:
//   verified   – the number was read in the named source (title, table or page given);
//   secondary  – taken from a secondary source that quotes the primary one, which was not seen;
//   assumption – recalled or an engineering assumption: check against the primary document before relying on it.
// Uncertainties feed the Monte Carlo (monte-carlo.ts, IPCC 2006 Vol.1 Ch.3 Approach 2). Most are assumptions and are
// marked so: the published sources give no standard errors for these parameters.

export type FactorStatus = 'verified' | 'secondary' | 'assumption';
export const FACTOR_STATUSES: readonly FactorStatus[] = ['verified', 'secondary', 'assumption'];

/**
 * An uncertainty: a normal distribution with a standard deviation relative to the value (rel_sd 0.1 = ±10 % SD), or a
 * triangular distribution from lo to hi (in the factor's unit) with its mode at the value.
 */
export type Uncertainty =
  | { dist: 'normal'; rel_sd: number; source: string; status: FactorStatus }
  | { dist: 'triangular'; lo: number; hi: number; source: string; status: FactorStatus };

export interface Factor {
  value: number;
  unit: string;
  source: string;
  status: FactorStatus;
  note?: string;
  uncertainty: Uncertainty;
}

/** IPCC Tier 2 volume–biomass parameters of one species group (省级清单指南 2011 table). */
export interface BefRow {
  D: number; // basic wood density, t DM / m³
  BEF: number; // aboveground biomass / stem biomass
  R: number; // root:shoot ratio
  CF: number; // carbon fraction, t C / t DM
}

/** Fang et al. biomass–volume function B = a·V + b (t/hm², V in m³/hm²). */
export interface FangRow {
  a: number;
  b: number;
}

export const AGE_GROUP_KEYS = ['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林'] as const;
export type AgeGroupKey = (typeof AGE_GROUP_KEYS)[number];

export const ORIGIN_KEYS = ['人工', '天然'] as const;
export type OriginKey = (typeof ORIGIN_KEYS)[number];

/** A Richards growth curve C(t) = A·(1 − e^(−k·t))^c, t C/ha, t in years since planting. */
export interface PlantationCurve {
  A: number;
  k: number;
  c: number;
}

/** 立地等级 of a planting site: I good, II medium, III poor. */
export const SITE_CLASSES = ['I', 'II', 'III'] as const;
export type SiteClass = (typeof SITE_CLASSES)[number];

/** Annual consumption of standing volume, as fractions of the standing volume per year. */
export interface ConsumptionRow {
  harvest: number; // 采伐消耗
  mortality: number; // 枯损消耗 (natural mortality)
}

interface TableMeta { unit: string; source: string; status: FactorStatus; note: string }

export interface CarbonFactors {
  version: string;
  bef: TableMeta & { rows: Record<string, BefRow>; uncertainty: Record<keyof BefRow, Uncertainty> };
  fang: TableMeta & { rows: Record<string, FangRow>; uncertainty: Record<keyof FangRow, Uncertainty> };
  /** Carbon fraction applied to Fang biomass (Fang's functions give biomass only). */
  fangCF: Factor;
  /** Annual gross volume growth rate (fraction of standing volume per year) by species group, then age group.
   *  Key '*' is the default for any group without its own row. */
  volumeGrowth: TableMeta & { rows: Record<string, Record<AgeGroupKey, number>>; uncertainty: Uncertainty };
  /** Harvest and natural mortality by species group ('*' default) and origin (人工 / 天然); stands without a known
   *  origin use 人工 when planted for carbon, else the mean of the two. */
  consumption: TableMeta & {
    rows: Record<string, Record<OriginKey, ConsumptionRow>>;
    uncertainty: Record<keyof ConsumptionRow, Uncertainty>;
  };
  bambooDensity: Factor; // t C/ha, biomass
  bambooGrossProduction: Factor; // t C/ha/yr, fixed in new culms (mostly cut and removed)
  bambooNetSink: Factor; // t C/ha/yr, net stock change of a managed stand
  oilTeaDensity: Factor; // t C/ha, plant, established (middle-aged) stand
  oilTeaGrossGrowth: Factor; // t C/ha/yr, established stand
  oilTeaNetSink: Factor; // t C/ha/yr, established stand (prunings and fruit removed)
  /** New 油茶 plantings: C(t) = oilTeaDensity × (1 − e^(−k·t))^c, t in years since planting. */
  oilTeaCurveK: Factor;
  wetlandBurial: Factor; // t C/ha/yr
  /** Afforestation growth curve C(t) = A·(1 − e^(−k·t))^c in t C/ha (tree layer), t in years since planting: the
   *  default curve (planted 杉木) for any species group without its own row in plantationCurves. */
  afforestationCurve: TableMeta & PlantationCurve & { uncertainty: { A: Uncertainty; k: Uncertainty } };
  /** Species groups with a growth curve of their own (same form as afforestationCurve). Optional: a table without it
   *  grows every planting along afforestationCurve. */
  plantationCurves?: TableMeta & { rows: Record<string, PlantationCurve>; uncertainty: { A: Uncertainty; k: Uncertainty } };
  /** Multiplier on a curve's asymptote A by site class (立地等级 I best … III poorest). Optional: absent means 1. */
  siteClassFactors?: TableMeta & { rows: Record<SiteClass, number>; uncertainty: Uncertainty };
  mineSiteFactor: Factor; // multiplier on the afforestation curve for poor mine substrate
  mineSoilAccrual: Factor; // t C/ha/yr soil organic carbon on restored mine land
  mineSoilYears: Factor; // years during which soil accrual applies
  pvFullLoadHours: Factor; // h/yr
  windFullLoadHours: Factor; // h/yr
  gridFactors: Record<string, Factor>; // tCO2/MWh
  defaultGridFactor: string; // key into gridFactors
}

const S21 = `省级温室气体清单编制指南（试行）2011 / AR-CM-001-V01 乔木林 parameter table — values recalled, NOT checked against the guideline`;
const FANG_SRC = '李银 et al. 2016, 植物生态学报 40 (浙江省森林生态系统碳储量), Table 1, citing Fang et al. 2001/2007 (ChinaXiv 201605.00429)';
const ZJ_T5 = '李银 et al. 2016 (ChinaXiv 201605.00429) Table 5, planted-forest tree-layer C density by age group';
const GX_T1 = '韩畅 et al. 2017, 生态学报 37(7):2282–2289 (ChinaXiv 201704.00197) Table 1, age groups of Guangxi plantations';
const nrm = (rel_sd: number, source: string, status: FactorStatus = 'assumption'): Uncertainty => ({ dist: 'normal', rel_sd, source, status });
const tri = (lo: number, hi: number, source: string, status: FactorStatus = 'assumption'): Uncertainty => ({ dist: 'triangular', lo, hi, source, status });
const ASSUMED = 'assumption (no standard error published in the source read)';

export const DEFAULT_FACTORS: CarbonFactors = {
  version: 'xingguo-net-2026-12-07b',
  bef: {
    unit: 'D t DM/m³; BEF, R dimensionless; CF t C/t DM',
    source: S21,
    status: 'assumption',
    note: 'Recalled, to be checked against the guideline. Searched for it (2026-12): the guideline itself, the Hunan LUCF inventory report that quotes it (qiqiwenku.com doc 448608: only its opening is readable, it stops before the table) and the full texts of ChinaXiv 2016–2022 — no copy of the table was found, so it stays an assumption. Second pass (2026-12): all 15,121 ChinaXiv 2016–2022 preprints grepped locally for the table\'s values (杉木 0.307 / 1.634 / 0.246) and for 生物量扩展因子, 根茎比, 基本木材密度, 清单编制指南 — no copy; the CCER 森林经营碳汇项目方法学 AR-CM-003-V01 (345wk.com doc 406), whose appendix is where such a table is usually reprinted, is readable only to its table of contents; IPCC 2006 Vol.4 Ch.4 (scribd 316778352, 123docz 3858431) and the GPG-LULUCF Annex 3A.1 default tables (fdocuments.us) likewise only to their contents pages; a national standard on biomass models and carbon parameters of the main species (scope lists Pinus massoniana, P. elliottii, Cunninghamia lanceolata, Schima superba, Liquidambar formosana; spc.org.cn) only its scope. Fang/IPCC agree within ±15 % at 50–150 m³/ha but not at this sample\'s 41–69 m³/ha (Fang 1.3–1.4× for 马尾松, 软阔, 湿地松).',
    uncertainty: {
      D: nrm(0.08, `${ASSUMED}; of the order of the wood-density spread in IPCC 2006 Vol.4 Table 4.14 (not checked)`),
      BEF: nrm(0.1, `${ASSUMED}; of the order of the BEF ranges in IPCC 2006 Vol.4 Table 4.5 (not checked)`),
      R: nrm(0.15, `${ASSUMED}; IPCC 2006 Vol.4 Table 4.4 subtropical humid R 0.20/0.24 quoted with wide ranges (secondary)`),
      CF: nrm(0.03, `${ASSUMED}; CF 0.46–0.52 across the guideline table's rows, IPCC default 0.47; measured tree carbon content 45.80 %–52.97 % across Jilin forest types (范春楠 et al. 2016, ChinaXiv 201605.00432, abstract) and 0.466–0.483 g C/g in moso organs (曹福明 et al. 2017, 生态学报 37(6):2005, ChinaXiv 201704.00158, abstract)`),
    },
    rows: {
      杉木: { D: 0.307, BEF: 1.634, R: 0.246, CF: 0.52 },
      马尾松: { D: 0.38, BEF: 1.472, R: 0.187, CF: 0.46 },
      湿地松: { D: 0.424, BEF: 1.614, R: 0.264, CF: 0.511 },
      国外松: { D: 0.424, BEF: 1.631, R: 0.206, CF: 0.511 },
      其他松类: { D: 0.424, BEF: 1.631, R: 0.206, CF: 0.511 },
      硬阔: { D: 0.598, BEF: 1.674, R: 0.261, CF: 0.497 },
      软阔: { D: 0.443, BEF: 1.586, R: 0.289, CF: 0.485 },
      桉树: { D: 0.578, BEF: 1.263, R: 0.221, CF: 0.525 },
      针阔混: { D: 0.486, BEF: 1.656, R: 0.248, CF: 0.498 },
      阔叶混: { D: 0.482, BEF: 1.514, R: 0.262, CF: 0.49 },
      针叶混: { D: 0.405, BEF: 1.587, R: 0.267, CF: 0.51 },
      栎类: { D: 0.676, BEF: 1.355, R: 0.292, CF: 0.5 },
      木荷: { D: 0.598, BEF: 1.894, R: 0.258, CF: 0.497 },
      枫香: { D: 0.598, BEF: 1.765, R: 0.398, CF: 0.497 },
    },
  },
  fang: {
    unit: 'a t/m³, b t/hm²',
    source: FANG_SRC,
    status: 'secondary',
    note: `All 24 values re-read 2026-12 in 李银 2016 Table 1 as printed (e.g. 杉木林 a 0.465 2, b 19.141, n 90, R² 0.94, Fang et al. 2007); a secondary source for Fang's functions, whose papers were not read. B is total stand biomass including roots (张春华 2018, ChinaXiv 201803.01069: 林分生物量 = 地上 + 地下(根)).`,
    uncertainty: {
      a: nrm(0.08, `${ASSUMED}; regressions with R² 0.79–0.99, n 10–90 (李银 2016 Table 1)`),
      b: nrm(0.2, `${ASSUMED}; the intercept is the least certain term of a biomass–volume regression`),
    },
    rows: {
      马尾松: { a: 0.5034, b: 20.547 },
      其他松类: { a: 0.5168, b: 33.238 },
      杉木: { a: 0.4652, b: 19.141 },
      柳杉水杉: { a: 0.4158, b: 41.3318 },
      柏木: { a: 0.6129, b: 46.1451 },
      栎类: { a: 1.1453, b: 8.5473 },
      木荷樟: { a: 1.0357, b: 8.0591 },
      硬阔: { a: 1.1783, b: 2.5585 },
      软阔: { a: 0.4754, b: 30.603 },
      针叶混: { a: 0.5894, b: 24.5151 },
      阔叶混: { a: 0.9788, b: 5.3764 },
      针阔混: { a: 0.8136, b: 18.466 },
    },
  },
  fangCF: {
    value: 0.5,
    unit: 't C/t DM',
    source: '张春华 et al. 2018, 生态学报 38(5):1739–1749 (ChinaXiv 201803.01069), methods: 采用国际上普遍使用的生物量与碳的换算系数0.5 (citing its ref. 23)',
    status: 'secondary',
    uncertainty: tri(0.47, 0.53, `${ASSUMED}; IPCC 2006 Vol.4 Table 4.3 default 0.47 (secondary) as the low end`),
  },
  volumeGrowth: {
    unit: 'fraction of standing volume per year',
    source: `assumption, to be calibrated against local 二类 re-measurement: gross volume growth by age group (midpoints of 幼 10–15 %, 中 6–10 %, 近熟 4–6 %, 成熟 2–3 %, 过熟 ~1 %)`,
    status: 'assumption',
    note: 'Gross growth, before harvest and mortality. No growth rate for Jiangxi could be read (2026-12): the guideline lists the 7th-NFI gross growth rate (GR) by province (the Hunan LUCF inventory report, qiqiwenku.com doc 448608, says so), but no readable copy prints the Jiangxi figure. Second pass (2026-12): ChinaXiv 2016–2022 grepped for 蓄积生长率, 消耗率, 采伐消耗, 年均生长量 — no paper prints a provincial NFI rate (the nearest region printed is Guangdong, 李洁华 2018, see consumption); pages on Jiangxi NFI results and county 二类 dynamics (e.g. 峡江县 十一五, 中国林业经济 2011(2)) are readable only to their openings. The age-group boundaries the rates are keyed to are read for 杉木 and 马尾松 plantations (韩畅 et al. 2017 Table 1). Same rates for every species group until a group gets its own row.',
    uncertainty: nrm(0.15, `assumption: the growth-rate ranges above are ±20–25 % around their midpoints; one draw for the whole row (all age groups move together)`),
    rows: {
      '*': { 幼龄林: 0.125, 中龄林: 0.08, 近熟林: 0.05, 成熟林: 0.025, 过熟林: 0.01 },
    },
  },
  consumption: {
    unit: 'fraction of standing volume per year',
    source: `assumption anchored on Guangdong: 李洁华 et al. 2018, 生态科学 2018(6) (fx361.cc/page/2019/0110/20015786.shtml), abstract: 活立木蓄积生长率从7.98%(2005)增加到了9.61%(2015); 而采伐消耗率从6.94%(2005)下降到了5.54%(2015); and on the stop of commercial logging in natural forests (recalled, not checked)`,
    status: 'assumption',
    note: 'The provincial inventory method deducts consumption (harvest + mortality) from gross growth; the rates here are placeholders until the guideline\'s NFI consumption rates for Jiangxi are checked. Guangdong\'s rates include short-rotation eucalyptus, so planted stands here take about a third of them. Second pass (2026-12): no Jiangxi consumption rate found (searches as for volumeGrowth). Guangdong\'s 5.54 % is the nearest region printed but is not adopted: for Xingguo it would still be a transfer between provinces (an assumption) and would more than double harvest. An inventory-based net rate read for comparison: Jilin 0.92 t C/hm²/a, 2009–2014 (范春楠 et al. 2016, ChinaXiv 201605.00432, abstract).',
    uncertainty: {
      harvest: nrm(0.4, 'assumption: half the plausible spread (0.5×–1.8× the value) as one SD'),
      mortality: nrm(0.5, 'assumption: natural mortality 0.3–1.5 %/yr in subtropical stands (recalled)'),
    },
    rows: {
      '*': { 人工: { harvest: 0.02, mortality: 0.005 }, 天然: { harvest: 0.005, mortality: 0.008 } },
      杉木: { 人工: { harvest: 0.025, mortality: 0.005 }, 天然: { harvest: 0.008, mortality: 0.008 } },
      马尾松: { 人工: { harvest: 0.02, mortality: 0.01 }, 天然: { harvest: 0.005, mortality: 0.01 } },
      桉树: { 人工: { harvest: 0.08, mortality: 0.005 }, 天然: { harvest: 0.08, mortality: 0.005 } },
    },
  },
  bambooDensity: {
    value: 40.45,
    unit: 't C/ha',
    source: `Zhang et al. 2014, Forestry 87(5):674–682, abstract: moso stand biomass C 40.45 Mg/ha, southern China`,
    status: 'verified',
    note: 'Low end of published moso figures (35–85 t C/ha); chosen to be conservative. A lower local figure was read (2026-12): 桃江 (Hunan) bamboo-layer C 10.498 / 11.802 / 28.226 t/hm² in 1-, 3- and 5-year-old stands (曹福明 et al. 2017, ChinaXiv 201704.00158, Table 9; its text prints 10.490 for the first): young stands, so not adopted as the county density.',
    uncertainty: tri(35, 60, '35–45 south subtropical (Wang B et al., J. Trop. For. Sci.), 48.3–60.6 along a latitude gradient (news.proem.ai W2790789488); secondary', 'secondary'),
  },
  bambooGrossProduction: {
    value: 6.0,
    unit: 't C/ha/yr',
    source: `Moso sequestration 6.0–7.6 Mg C/ha/yr along a latitude gradient (news.proem.ai W2790789488)`,
    status: 'secondary',
    note: 'Gross production of a managed stand: mostly culms cut and carried away (Zhang 2014: 6.74 t C/ha/yr removed). Reported as gross growth only, never as the sink.',
    uncertainty: tri(1.748, 7.6, '桃江 (Hunan): 竹林层碳年固定量 1.748 / 1.967 / 4.704 t/hm² in 1-, 3- and 5-year-old stands (曹福明 et al. 2017, 生态学报 37(6):2005–2013, ChinaXiv 201704.00158, conclusion (3)); latitude gradient 6.0–7.6 (news.proem.ai W2790789488)', 'secondary'),
  },
  bambooNetSink: {
    value: 1.0,
    unit: 't C/ha/yr',
    source: `Net stock gain of moso stands on Zhejiang inventory plots ≈ 0.94 t C/ha/yr (news.proem.ai W2773154351)`,
    status: 'assumption',
    note: 'Net stock-change rate of a managed stand (~1, range 0.5–1.8, to be confirmed); culm harvest = gross production − net.',
    uncertainty: tri(0.5, 1.8, 'assumption: 0.5–1.8 around the 0.94 plot figure'),
  },
  oilTeaDensity: {
    value: 12.857,
    unit: 't C/ha',
    source: 'Camellia gauchowensis middle-aged stand plant C 12.857 t/hm², 华南农业大学学报 doi 10.7671/j.issn.1001-411X.201907018',
    status: 'assumption',
    note: 'Verified for 高州油茶; its use for 油茶 (C. oleifera) is an assumption. Soil C excluded.',
    uncertainty: tri(10, 20, 'assumption: 油茶 stand biomass ~10–20 t C/ha, in line with the C. gauchowensis figure above'),
  },
  oilTeaGrossGrowth: {
    value: 1.5,
    unit: 't C/ha/yr',
    source: 'assumption: 油茶 annual ~1–2 t C/ha/yr (midpoint)',
    status: 'assumption',
    uncertainty: tri(1, 2, 'assumption'),
  },
  oilTeaNetSink: {
    value: 0.5,
    unit: 't C/ha/yr',
    source: 'assumption: an established, pruned and harvested orchard is near steady state; net = gross 1.5 less prunings and fruit removed',
    status: 'assumption',
    uncertainty: tri(0, 1.5, 'assumption'),
  },
  oilTeaCurveK: {
    value: 0.25,
    unit: '1/yr (shape c = 2)',
    source: 'assumption: a new planting reaches ~85 % of the middle-aged density by year 10; peak gain A·k/2 = 1.6 t C/ha/yr, within the 1–2 assumed for 油茶\'s annual gain',
    status: 'assumption',
    uncertainty: nrm(0.2, 'assumption'),
  },
  wetlandBurial: {
    value: 0.22,
    unit: 't C/ha/yr',
    source: 'Chinese lakes organic C burial mean 22 g C/m²/yr, Quaternary International 2017 doi 10.1016/j.quaint.2017.03.047',
    status: 'assumption',
    note: 'Measured value is verified for lakes; its use for river/park wetlands is an assumption. CH4 not netted.',
    uncertainty: tri(0.1, 0.5, 'assumption: 0.2–0.5 for river wetlands; Chinese lakes 0.014–2.6 (Quaternary International 2017, doi 10.1016/j.quaint.2017.03.047)'),
  },
  afforestationCurve: {
    A: 32.5,
    k: 0.129,
    c: 2,
    unit: 't C/ha (tree layer); t in years since planting',
    source:
      `Least-squares fit (c fixed at 2 for a sigmoid start) to planted 杉木林 tree-layer C density 9.87 / 22.16 / 31.76 / 26.63 / 35.09 t C/hm² (幼 / 中 / 近熟 / 成熟 / 过熟; ${ZJ_T5}) at age midpoints 5 / 15.5 / 23 / 30.5 / 40 yr of the 杉木 plantation age groups ≤10 / 11–20 / 21–25 / 26–35 / ≥36 a (${GX_T1})`,
    status: 'assumption',
    note: 'The densities and the age groups are read as printed (the age groups were recalled before; 韩畅 2017 confirms them for 杉木 plantations); the curve itself is derived here, not published, so it stays an assumption. RMSE 3.1 t C/ha against the five densities. A net stock curve (no harvest within the crediting period; LY/T 2252-2014: 计入期内森林不可皆伐). The default for every species group without its own curve. Replace with a local yield table when one exists.',
    uncertainty: { A: nrm(0.2, 'assumption: spread of the Zhejiang age-group densities'), k: nrm(0.15, 'assumption') },
  },
  plantationCurves: {
    unit: 't C/ha (tree layer, roots included); t in years since planting',
    source: `Least-squares fits (c fixed at 2) to ${ZJ_T5}, at the midpoints of the age groups printed in ${GX_T1}`,
    status: 'assumption',
    note: 'Only species groups whose plantation age groups were read have a curve of their own; every other group grows along afforestationCurve (planted 杉木) — an assumption shown beside each such stratum. 马尾松: densities 11.20 / 18.18 / 20.37 / 42.05 t C/hm² (幼 / 中 / 近熟 / 成熟) at midpoints 5 / 15.5 / 25.5 / 40.5 yr of ≤10 / 11–20 / 21–30 / 31–50 a; RMSE 5.8 t C/ha. Derived here, not published.',
    uncertainty: { A: nrm(0.2, 'assumption: spread of the Zhejiang age-group densities'), k: nrm(0.15, 'assumption') },
    rows: {
      马尾松: { A: 56.25, k: 0.0455, c: 2 },
    },
  },
  siteClassFactors: {
    unit: 'multiplier on the curve asymptote A',
    source: 'assumption: no site-index (地位指数) table for Jiangxi was read; ±15 % per 立地等级 keeps a poor site from being credited like a good one',
    status: 'assumption',
    note: 'Class II (medium) is the curves\' own data (provincial averages), hence 1.',
    uncertainty: nrm(0.1, 'assumption'),
    rows: { I: 1.15, II: 1, III: 0.85 },
  },
  mineSiteFactor: {
    value: 0.75,
    unit: 'multiplier',
    source: 'assumption: 0.5–1.0 growth multiplier for poor substrate (midpoint)',
    status: 'assumption',
    uncertainty: tri(0.5, 1.0, 'assumption'),
  },
  mineSoilAccrual: {
    value: 0.5,
    unit: 't C/ha/yr',
    source: 'assumption: 0.5–1.0 t C/ha/yr (low end), within the 0.37–5.68 Mg SOC/ha/yr of a global review of reclaimed mine soils (encyclopedia.pub entry 42960)',
    status: 'assumption',
    uncertainty: tri(0.37, 1.0, 'the review range starts at 0.37 (encyclopedia.pub entry 42960); upper 1.0 assumed'),
  },
  mineSoilYears: {
    value: 20,
    unit: 'yr',
    source: 'assumption: soil accrual for years 1–20',
    status: 'assumption',
    uncertainty: nrm(0, 'held fixed'),
  },
  pvFullLoadHours: {
    value: 1075,
    unit: 'h/yr',
    source: 'assumption: Jiangxi PV ~1,000–1,150 h (midpoint)',
    status: 'assumption',
    uncertainty: tri(1000, 1150, 'assumption'),
  },
  windFullLoadHours: {
    value: 2050,
    unit: 'h/yr',
    source: 'assumption: Jiangxi wind recent ~1,900–2,200 h (midpoint)',
    status: 'assumption',
    uncertainty: tri(1900, 2200, 'assumption'),
  },
  gridFactors: {
    central_2023: {
      value: 0.5271,
      unit: 'tCO2/MWh',
      source: '2023 华中 regional electricity CO2 factor (MEE/NBS announcement; 光明日报 via 163.com)',
      status: 'verified',
      uncertainty: nrm(0, 'published value, no uncertainty stated'),
    },
    national_2022: {
      value: 0.5703,
      unit: 'tCO2/MWh',
      source: '2022 national grid average EF for 发电行业 reporting (MEE notice), tanpaifang.com',
      status: 'verified',
      uncertainty: nrm(0, 'published value, no uncertainty stated'),
    },
  },
  defaultGridFactor: 'central_2023',
};

/** C → CO2 by molar mass. */
export const CO2_PER_C = 44 / 12;

/** Check a bureau-supplied factor table; returns a list of problems (empty when usable). */
export function validateFactors(f: unknown): string[] {
  const problems: string[] = [];
  if (!f || typeof f !== 'object') return ['factor table is not an object'];
  const t = f as Partial<CarbonFactors>;
  const num = (path: string, v: unknown, min = 0) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) problems.push(`${path} must be a number ≥ ${min}`);
  };
  for (const [g, r] of Object.entries(t.bef?.rows ?? {})) {
    for (const k of ['D', 'BEF', 'R', 'CF'] as const) num(`bef.rows.${g}.${k}`, r?.[k]);
  }
  if (!t.bef?.rows || Object.keys(t.bef.rows).length === 0) problems.push('bef.rows is missing');
  for (const [g, r] of Object.entries(t.fang?.rows ?? {})) {
    num(`fang.rows.${g}.a`, r?.a);
    num(`fang.rows.${g}.b`, r?.b);
  }
  if (!t.volumeGrowth?.rows?.['*']) problems.push("volumeGrowth.rows['*'] (default row) is missing");
  for (const [g, r] of Object.entries(t.volumeGrowth?.rows ?? {})) {
    for (const a of AGE_GROUP_KEYS) num(`volumeGrowth.rows.${g}.${a}`, r?.[a]);
  }
  if (!t.consumption?.rows?.['*']) problems.push("consumption.rows['*'] (default row) is missing");
  for (const [g, r] of Object.entries(t.consumption?.rows ?? {})) {
    for (const o of ORIGIN_KEYS) {
      num(`consumption.rows.${g}.${o}.harvest`, r?.[o]?.harvest);
      num(`consumption.rows.${g}.${o}.mortality`, r?.[o]?.mortality);
    }
  }
  const scalar = [
    'fangCF', 'bambooDensity', 'bambooGrossProduction', 'bambooNetSink', 'oilTeaDensity', 'oilTeaGrossGrowth', 'oilTeaNetSink',
    'oilTeaCurveK', 'wetlandBurial', 'mineSiteFactor', 'mineSoilAccrual', 'mineSoilYears', 'pvFullLoadHours', 'windFullLoadHours',
  ] as const;
  for (const k of scalar) {
    const fct = t[k] as Factor | undefined;
    num(`${k}.value`, fct?.value);
    if (fct && !FACTOR_STATUSES.includes(fct.status)) problems.push(`${k}.status must be one of ${FACTOR_STATUSES.join(', ')}`);
    checkUncertainty(`${k}.uncertainty`, fct?.uncertainty, problems);
  }
  for (const k of ['bef', 'fang', 'volumeGrowth', 'consumption', 'afforestationCurve'] as const) {
    const st = (t[k] as { status?: unknown } | undefined)?.status;
    if (!FACTOR_STATUSES.includes(st as FactorStatus)) problems.push(`${k}.status must be one of ${FACTOR_STATUSES.join(', ')}`);
  }
  const net = t.bambooNetSink?.value;
  if (typeof net === 'number' && typeof t.bambooGrossProduction?.value === 'number' && net > t.bambooGrossProduction.value) {
    problems.push('bambooNetSink.value must not exceed bambooGrossProduction.value (net = gross − harvest)');
  }
  const c = t.afforestationCurve;
  num('afforestationCurve.A', c?.A);
  num('afforestationCurve.k', c?.k);
  num('afforestationCurve.c', c?.c);
  // Optional tables: checked only when present (an older bureau table without them grows everything on the default curve).
  if (t.plantationCurves !== undefined) {
    if (!FACTOR_STATUSES.includes(t.plantationCurves?.status as FactorStatus)) problems.push(`plantationCurves.status must be one of ${FACTOR_STATUSES.join(', ')}`);
    for (const [g, r] of Object.entries(t.plantationCurves?.rows ?? {})) for (const k of ['A', 'k', 'c'] as const) num(`plantationCurves.rows.${g}.${k}`, r?.[k]);
  }
  if (t.siteClassFactors !== undefined) {
    if (!FACTOR_STATUSES.includes(t.siteClassFactors?.status as FactorStatus)) problems.push(`siteClassFactors.status must be one of ${FACTOR_STATUSES.join(', ')}`);
    for (const k of SITE_CLASSES) num(`siteClassFactors.rows.${k}`, t.siteClassFactors?.rows?.[k]);
  }
  if (!t.gridFactors || !t.defaultGridFactor || !t.gridFactors[t.defaultGridFactor]) {
    problems.push('defaultGridFactor must name an entry of gridFactors');
  }
  for (const [k, v] of Object.entries(t.gridFactors ?? {})) num(`gridFactors.${k}.value`, v?.value);
  return problems;
}

function checkUncertainty(path: string, u: unknown, problems: string[]): void {
  const v = u as Partial<{ dist: string; rel_sd: number; lo: number; hi: number }> | undefined;
  if (!v || (v.dist !== 'normal' && v.dist !== 'triangular')) {
    problems.push(`${path} must be {dist: "normal", rel_sd} or {dist: "triangular", lo, hi}`);
    return;
  }
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  if (v.dist === 'normal' && !ok(v.rel_sd)) problems.push(`${path}.rel_sd must be a number ≥ 0`);
  if (v.dist === 'triangular' && !(ok(v.lo) && ok(v.hi) && v.lo! <= v.hi!)) problems.push(`${path} needs 0 ≤ lo ≤ hi`);
}

/** Parse a factor table from JSON text (a bureau's own table); throws with the problems listed. */
export function parseFactorTable(text: string): CarbonFactors {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`);
  }
  const problems = validateFactors(parsed);
  if (problems.length) throw new Error(`invalid factor table: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ' …' : ''}`);
  return parsed as CarbonFactors;
}
