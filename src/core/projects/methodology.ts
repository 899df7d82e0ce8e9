// Which methodology the ex-ante removals follow, and every equation they use, numbered as the methodology or tool
// numbers it. The 2023 CCER text (CCER-14-001-V01) could be read only up to its applicability conditions, so the
// removals follow the CDM methodology AR-ACM0003 with its tool AR-TOOL14; every result says so ("AR-ACM0003 (CDM),
// not the CCER text"). The CCER conditions that were read are applied to eligibility (eligibility.ts).
//
// Numbering: AR-TOOL14's equation numbers are those of its v04.2 as transcribed with page references in a public note
// (parameters.ts SOURCES.tool14). AR-ACM0003's own text could not be read here: its equation numbers below are
// recalled, not checked, and marked so (`numbering: 'recalled'`); the overall form ΔC_AR = actual − baseline − leakage
// is read (Decision 5/CMP.1, SOURCES.cmp5).
import { CREDITING_YEARS } from './format.ts';
import { SOURCES } from './parameters.ts';

export type Numbering = 'read' | 'read (secondary transcription)' | 'recalled';

export interface Equation {
  id: EquationId;
  /** How the methodology or tool numbers it, e.g. "AR-TOOL14 Eq. (26)". */
  number: string;
  formula: string;
  /** How the app evaluates it, where it departs from or fills in the text. */
  application: string;
  source: string;
  numbering: Numbering;
}

export const EQUATION_IDS = [
  'acm_net', 'acm_actual', 'acm_project', 'acm_ghg_e', 'acm_baseline', 'acm_leakage',
  'tool14_growth', 'tool14_shrub_stock', 'tool14_shrub_change', 'tool14_baseline_trees', 'tool14_baseline_shrubs', 'tool14_discount',
  'leakage_shift',
] as const;
export type EquationId = (typeof EQUATION_IDS)[number];

const ACM = 'CDM AR-ACM0003 v02.0, Afforestation and reforestation of lands except wetlands (text not read here; structure and symbols recalled)';

export const EQUATIONS: Record<EquationId, Equation> = {
  acm_net: {
    id: 'acm_net', number: 'AR-ACM0003 Eq. (6)', numbering: 'recalled',
    formula: 'ΔC_AR,t = ΔC_ACTUAL,t − ΔC_BSL,t − LK_t',
    application: 'per crediting year t, after the AR-TOOL14 uncertainty discount (project removals lowered, baseline raised)',
    source: `${ACM}; the form read in ${SOURCES.cmp5}: Emission reductions = actual net GHG removals by sinks − baseline net GHG removals by sinks − leakage`,
  },
  acm_actual: {
    id: 'acm_actual', number: 'AR-ACM0003 Eq. (2)', numbering: 'recalled',
    formula: 'ΔC_ACTUAL,t = ΔC_P,t − GHG_E,t', application: 'as written', source: ACM,
  },
  acm_project: {
    id: 'acm_project', number: 'AR-ACM0003 Eq. (3)', numbering: 'recalled',
    formula: 'ΔC_P,t = ΔC_TREE_PROJ,t + ΔC_SHRUB_PROJ,t + ΔC_DW_PROJ,t + ΔC_LI_PROJ,t + ΔSOC_AL,t',
    application: 'trees and shrubs; dead wood, litter and soil are not estimated ex ante (counted 0, which is conservative) even when chosen as pools',
    source: ACM,
  },
  acm_ghg_e: {
    id: 'acm_ghg_e', number: 'AR-ACM0003 Eq. (4)', numbering: 'recalled',
    formula: 'GHG_E,t = E_BiomassBurn,t', application: '0: burning for site preparation (炼山) is excluded by the applicability conditions',
    source: `${ACM}; ${SOURCES.arcm001Land}: 不采取燒除的林地清理方式(煉山)以及其它人為火燒活動`,
  },
  acm_baseline: {
    id: 'acm_baseline', number: 'AR-ACM0003 Eq. (1)', numbering: 'recalled',
    formula: 'ΔC_BSL,t = ΔC_TREE_BSL,t + ΔC_SHRUB_BSL,t + ΔC_DW_BSL,t + ΔC_LI_BSL,t',
    application: 'trees and shrubs from the inventory; dead wood and litter of the baseline 0', source: ACM,
  },
  acm_leakage: {
    id: 'acm_leakage', number: 'AR-ACM0003 Eq. (5)', numbering: 'recalled',
    formula: 'LK_t = LK_AGRIC,t',
    application: '0 unless a parcel declares displaced agricultural land; then area × destination stock, in year 1',
    source: `${ACM}; under AR-CM-001-V01 ${SOURCES.arcm001Leakage}: 造林活动不存在潜在泄漏,即 LKt=0`,
  },
  tool14_growth: {
    id: 'tool14_growth', number: 'AR-TOOL14 8.2 (growth modelling) and Eq. (11)', numbering: 'read (secondary transcription)',
    formula: 'ΔC_TREE_PROJ,t = 44/12 × Σ_i A_i × (c_i(a) − c_i(a−1)); c_i(a) = Σ_j share_j × A_j·s_i·(1 − e^(−k_j·a))^c_j',
    application: 'a = age of stratum i at the end of crediting year t; the curves (t C/ha, roots included) of src/core/carbon/curves.ts, s_i the site-class factor; Eq. (11) with T = 1 yr. AR-TOOL14: ex-ante projections are not subject to uncertainty control',
    source: SOURCES.tool14,
  },
  tool14_shrub_stock: {
    id: 'tool14_shrub_stock', number: 'AR-TOOL14 Eq. (26) and (27)', numbering: 'read (secondary transcription)',
    formula: 'C_SHRUB = 44/12 × CF_S × (1 + R_S) × Σ_i A_SHRUB,i × b_SHRUB,i; b_SHRUB,i = BDR_SF × b_FOREST × CC_SHRUB,i',
    application: 'CC_SHRUB = the cover of the inventory\'s shrub stands (一般灌木林地) in the parcel; cover < 5 % counts as 0',
    source: SOURCES.tool14,
  },
  tool14_shrub_change: {
    id: 'tool14_shrub_change', number: 'AR-TOOL14 Eq. (24), para 13', numbering: 'read (secondary transcription)',
    formula: 'ΔC_SHRUB = C_SHRUB,t2 − C_SHRUB,t1',
    application: 'project: the shrubs removed at site preparation (removal share × C_SHRUB) are lost in year 1; the growth of the shrubs kept is taken as 0 ex ante (para 13)',
    source: SOURCES.tool14,
  },
  tool14_baseline_trees: {
    id: 'tool14_baseline_trees', number: 'AR-TOOL14 Eq. (9)–(10) (steady state)', numbering: 'read (secondary transcription)',
    formula: 'ΔC_TREE_BSL,t = 44/12 × (gross growth − mortality of the pre-project trees), t ≤ 20; 0 after',
    application: 'instead of Eq. (10)\'s Δb_FOREST × crown cover, the pre-project trees\' own growth from the inventory by the app\'s stand model (stand.ts, no harvest: the trees are kept); set to 0 after the 20th year as Eq. (10) does by default. Their growth is left out of the project scenario, which is conservative',
    source: SOURCES.tool14,
  },
  tool14_baseline_shrubs: {
    id: 'tool14_baseline_shrubs', number: 'AR-TOOL14 para 12', numbering: 'read (secondary transcription)',
    formula: 'ΔC_SHRUB_BSL,t = 0', application: 'on degraded land (one of the para 12 indicators applies); to be shown in the PDD', source: SOURCES.tool14,
  },
  tool14_discount: {
    id: 'tool14_discount', number: 'AR-TOOL14 Appendix 2, Table 1', numbering: 'read (secondary transcription)',
    formula: 'X_cons = X ∓ d(U) × U × X; U = 90 % CI half-width / mean; d = 0 (U ≤ 10 %), 25 % (≤ 15 %), 50 % (≤ 20 %), 75 % (≤ 30 %), 100 %',
    application: 'U from the carbon model\'s Monte Carlo over the crediting period (parameter uncertainty stands in for the sampling uncertainty AR-TOOL14 controls ex post); − on project removals, + on the baseline',
    source: SOURCES.tool14,
  },
  leakage_shift: {
    id: 'leakage_shift', number: 'GS 403 v2.1 Eq. 6 (form used for LK_AGRIC)', numbering: 'read (secondary transcription)',
    formula: 'LK = area of displaced activity × destination CO2 stock',
    application: 'AR-TOOL15 (displacement of agricultural activities) could not be read; the GS form is used when a parcel declares displacement, all in year 1',
    source: SOURCES.gs403,
  },
};

export const METHODOLOGY = {
  id: 'AR-ACM0003',
  version: '02.0',
  label: 'AR-ACM0003 (CDM), not the CCER text',
  label_zh: 'AR-ACM0003（CDM 方法学），非 CCER 方法学原文',
  reason: `The 2023 CCER methodology 造林碳汇 (CCER-14-001-V01) could be read only up to its applicability conditions (${SOURCES.ccer}); its equations and default tables could not. The ex-ante removals therefore follow the CDM methodology AR-ACM0003 with AR-TOOL14; the CCER conditions that were read are applied to eligibility.`,
  tools: ['AR-TOOL14 v04.2 (trees and shrubs; uncertainty discount)', 'AR-TOOL15 (leakage: not read; GS 403 Eq. 6 form used)'],
  crediting: { min_years: CREDITING_YEARS.min, max_years: CREDITING_YEARS.max, source: `${SOURCES.lyt2252}: 碳汇造林计入期20年—60年。在计入期内,森林不可皆伐。` },
} as const;

/** Which equation produced each column of the per-year table. */
export const COLUMN_EQUATIONS: Record<string, EquationId> = {
  tree_project_tCO2e: 'tool14_growth',
  shrub_project_tCO2e: 'tool14_shrub_change',
  project_tCO2e: 'acm_project',
  ghg_e_tCO2e: 'acm_ghg_e',
  actual_tCO2e: 'acm_actual',
  tree_baseline_tCO2e: 'tool14_baseline_trees',
  shrub_baseline_tCO2e: 'tool14_baseline_shrubs',
  baseline_tCO2e: 'acm_baseline',
  leakage_tCO2e: 'acm_leakage',
  deduction_project_tCO2e: 'tool14_discount',
  deduction_baseline_tCO2e: 'tool14_discount',
  net_tCO2e: 'acm_net',
  cumulative_net_tCO2e: 'acm_net',
};
