// Parameters of the project model that are not carbon-model factors (those are in src/core/carbon/factors.ts): the
// AR-TOOL14 shrub defaults and uncertainty discount, the CCER-14-001 limits read, the default price and discount rate,
// and the engineering tolerances of the eligibility overlay. Each has its source as read and a status (verified /
// secondary / assumption, as in factors.ts), and the CLI and the design document list them.
import type { Factor, FactorStatus } from '../carbon/factors.ts';

/** Sources as read (title, where, what it says). Kept here so every figure and rule can cite the same words. */
export const SOURCES = {
  ccer: '《温室气体自愿减排项目方法学 造林碳汇（CCER-14-001-V01）》(生态环境部 2023), 2 适用条件 — the opening pages, readable at renrendoc.com/paper/339638050.html; its equations and appendices (the rest of 73 pages) could not be read',
  arcm001Leakage: 'AR-CM-001-V01 碳汇造林项目方法学 (2013), as summarised in 碳汇造林项目方法学系列10 (sanwenwang.com/ba/ccfzlfqf.html)',
  arcm001Land: '李怒云 2014, 林业碳汇自愿减排项目开发出CCER碳指标的必备条件和流程 (AR-CM-001-V01 applicability), rohansales.com/article-2998-1.html',
  eb35: 'CDM EB 35 Annex 18, Procedures to demonstrate the eligibility of lands for A/R CDM project activities, as summarised at cdmrulebook.org/PageId/617',
  cmp5: 'Decision 5/CMP.1 Annex, as summarised at cdmrulebook.org/PageId/708',
  lyt2252: 'LY/T 2252-2014 碳汇造林技术规程, clause 4 (5) (copy at m.wnwk.com/doc/57579.html)',
  tool14: 'CDM AR-TOOL14 v04.2 (EB 85, 2015), Estimation of carbon stocks and change in carbon stocks of trees and shrubs in A/R CDM project activities — as transcribed with page numbers in a public implementation note (GS 403 implementation extract, 2026-10-05, found through the code index); the tool itself was not read',
  gs403: 'Gold Standard 403 A/R methodology v2.1, Eq. 6 (leakage = area × share of activity shifted × destination CO2 stock), as transcribed in the same note',
  price: '李昱璇 (绿研所), 探讨：2025年我国CCER与绿证体系, ditan.com/carbon/ccer/8214.html, 2025-08-25: CCER重启后市场活跃，价格稳定在60–80元/吨',
  discount: '《建设项目经济评价方法与参数》(第三版) 推荐社会折现率为8%, as quoted in 水利水电建设项目经济评价及案例分析 3.5 (m.fwdebook.qq.com/read/1037204902/18), which also allows 6 % for public-interest projects',
  zhejiang: '李银 et al. 2016, 植物生态学报 40 (ChinaXiv 201605.00429) Table 3: weighted mean tree-layer C density 24.65 t C/hm²',
} as const;

const fixed = (source: string, status: FactorStatus = 'assumption') => ({ dist: 'normal' as const, rel_sd: 0, source, status });

const param = (value: number, unit: string, source: string, status: FactorStatus, note?: string): Factor => ({
  value, unit, source, status, ...(note ? { note } : {}), uncertainty: fixed('held fixed in the project Monte Carlo', status),
});

/** AR-TOOL14 Appendix 2 Table 1: discount as a share of the uncertainty U (U = 90 % CI half-width / mean). */
export const TOOL14_DISCOUNT: readonly { upTo: number; discount: number }[] = [
  { upTo: 0.10, discount: 0 },
  { upTo: 0.15, discount: 0.25 },
  { upTo: 0.20, discount: 0.50 },
  { upTo: 0.30, discount: 0.75 },
  { upTo: Infinity, discount: 1 },
];

export interface ProjectParameters {
  shrubCF: Factor;
  shrubR: Factor;
  shrubBDR: Factor;
  forestAGB: Factor;
  shrubRemovalMax: Factor;
  baselineSteadyYear: Factor;
  minParcelM2: Factor;
  minParcelM2Before2020: Factor;
  priceLow: Factor;
  priceCentral: Factor;
  priceHigh: Factor;
  discountRate: Factor;
  overlapShare: Factor;
  overlapM2: Factor;
  landCoverMajority: Factor;
  uncertaintyDiscount: { table: typeof TOOL14_DISCOUNT; source: string; status: FactorStatus };
}

export const PROJECT_PARAMETERS: ProjectParameters = {
  shrubCF: param(0.47, 't C/t DM', `${SOURCES.tool14}: CF_S default 0.47 (Eq. 26)`, 'secondary'),
  shrubR: param(0.40, '—', `${SOURCES.tool14}: R_S default 0.40 (Eq. 26)`, 'secondary'),
  shrubBDR: param(0.10, '—', `${SOURCES.tool14}: BDR_SF default 0.10 (Eq. 27)`, 'secondary'),
  forestAGB: param(42, 't DM/ha',
    `derived: ${SOURCES.zhejiang} ÷ CF_TREE 0.47 ÷ (1 + R_TREE 0.25) (AR-TOOL14 defaults) = 41.96`, 'assumption',
    'b_FOREST of AR-TOOL14 Eq. (27), the mean above-ground biomass of forest in the region; the tool points to IPCC GPG-LULUCF 2003 Table 3A.1.4, which was not read, so the regional mean is derived from the Zhejiang inventory read instead'),
  shrubRemovalMax: param(0.2, 'share of area', `${SOURCES.ccer}, 2 e): 原有灌木和胸径小于2cm的竹子的移除比例总计不超过项目边界内地表面积的20%`, 'secondary'),
  baselineSteadyYear: param(20, 'yr', `${SOURCES.tool14}: Δb_FOREST set to 0 after the steady-state year, by default the 20th year from the project start (Eq. 10)`, 'secondary'),
  minParcelM2: param(400, 'm²', `${SOURCES.ccer}, 2 c): 项目单个地块土地连续面积不小于400m2`, 'secondary'),
  minParcelM2Before2020: param(667, 'm²', `${SOURCES.ccer}, 2 c): 对于2019年(含)之前开始的项目,土地连续面积不小于667m2`, 'secondary'),
  priceLow: param(60, 'CNY/t CO2e', SOURCES.price, 'secondary'),
  priceCentral: param(70, 'CNY/t CO2e', `midpoint of ${SOURCES.price}`, 'assumption'),
  priceHigh: param(80, 'CNY/t CO2e', SOURCES.price, 'secondary'),
  discountRate: param(0.08, '1/yr', SOURCES.discount, 'secondary'),
  overlapShare: param(0.01, 'share of the parcel', 'assumption: an overlap below 1 % of the parcel is digitising noise along shared edges', 'assumption'),
  overlapM2: param(400, 'm²', 'assumption: an overlap smaller than the smallest CCER parcel (400 m²) is not a patch of its own', 'assumption'),
  landCoverMajority: param(0.5, 'share of the parcel', 'assumption: a land-cover class covering at least half the parcel decides its land-cover rule', 'assumption'),
  uncertaintyDiscount: { table: TOOL14_DISCOUNT, source: `${SOURCES.tool14}: Appendix 2 Table 1`, status: 'secondary' },
};

/** AR-TOOL14 Appendix 2: the discount share for an uncertainty U (a fraction, e.g. 0.15). */
export function tool14Discount(u: number): number {
  if (!(u > 0)) return 0;
  for (const row of TOOL14_DISCOUNT) if (u <= row.upTo + 1e-12) return row.discount;
  return 1;
}

/** Every parameter as a flat list for the design document and the CLI. */
export function parameterList(p: ProjectParameters = PROJECT_PARAMETERS): { key: string; factor: Factor }[] {
  return Object.entries(p).filter(([k]) => k !== 'uncertaintyDiscount').map(([key, factor]) => ({ key, factor: factor as Factor }));
}
