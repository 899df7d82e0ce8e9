// Ex-ante net removals per crediting year, AR-ACM0003 with AR-TOOL14 (methodology.ts numbers each equation). Crediting
// year t (1 … N) ends in calendar year start year + t; a stratum planted in year P is a = start + t − P years old at its
// end, and its trees gain c(a) − c(a−1) t C/ha in it (curves.ts: the same growth model as the dashboard and planner).
import { plantedDensity } from '../carbon/curves.ts';
import { CO2_PER_C, type CarbonFactors } from '../carbon/factors.ts';
import type { Stratum } from './strata.ts';

export interface StratumYear {
  /** ΔC_TREE_PROJ,t and the stock at the year's end, t CO2e. */
  tree_project_tCO2e: number;
  tree_stock_tCO2e: number;
  shrub_project_tCO2e: number;
  tree_baseline_tCO2e: number;
  leakage_tCO2e: number;
}

export interface YearRow {
  t: number;
  /** Calendar year the crediting year ends in. */
  year: number;
  tree_project_tCO2e: number;
  shrub_project_tCO2e: number;
  /** ΔC_P,t (AR-ACM0003 Eq. 3). */
  project_tCO2e: number;
  ghg_e_tCO2e: number;
  /** ΔC_ACTUAL,t (Eq. 2). */
  actual_tCO2e: number;
  tree_baseline_tCO2e: number;
  shrub_baseline_tCO2e: number;
  /** ΔC_BSL,t (Eq. 1). */
  baseline_tCO2e: number;
  /** LK_t (Eq. 5). */
  leakage_tCO2e: number;
  /** AR-TOOL14 Appendix 2: taken off the project's tree removals, added to the baseline. */
  deduction_project_tCO2e: number;
  deduction_baseline_tCO2e: number;
  /** ΔC_AR,t (Eq. 6) after the deductions, and its running sum. */
  net_tCO2e: number;
  cumulative_net_tCO2e: number;
  /** Tree carbon standing in the project's strata at the year's end (t CO2e), for the chart. */
  tree_stock_tCO2e: number;
}

/** One stratum in crediting year t. `steadyYear`: baseline tree growth stops after it (AR-TOOL14 Eq. 10 default 20). */
export function stratumYear(s: Stratum, t: number, startYear: number, f: CarbonFactors, steadyYear: number): StratumYear {
  const a = startYear + t - s.design.planting_year;
  const mix = { species: s.design.species, site: s.design.site_class };
  const now = plantedDensity(a, mix, f), before = plantedDensity(a - 1, mix, f);
  const firstYear = a === 1; // the crediting year the planting (and site preparation) falls in
  return {
    tree_project_tCO2e: CO2_PER_C * s.area_ha * (now - before),
    tree_stock_tCO2e: CO2_PER_C * s.area_ha * now,
    shrub_project_tCO2e: firstYear ? -s.shrub_loss_tCO2e : 0,
    tree_baseline_tCO2e: t <= steadyYear ? s.baseline_tree_removal_tCO2e_per_yr : 0,
    leakage_tCO2e: firstYear ? s.leakage_tCO2e : 0,
  };
}

export interface Deductions {
  /** d(U) × U for the project's tree removals and for the baseline (0 when no deduction is applied). */
  project: number;
  baseline: number;
}

/** The per-year table of the whole project (sum of the strata), with the AR-TOOL14 deductions applied. */
export function yearRows(strata: readonly Stratum[], startYear: number, years: number, f: CarbonFactors, steadyYear: number, d: Deductions): YearRow[] {
  const rows: YearRow[] = [];
  let cumulative = 0;
  for (let t = 1; t <= years; t++) {
    let tree = 0, shrub = 0, treeB = 0, leak = 0, stock = 0;
    for (const s of strata) {
      const y = stratumYear(s, t, startYear, f, steadyYear);
      tree += y.tree_project_tCO2e;
      shrub += y.shrub_project_tCO2e;
      treeB += y.tree_baseline_tCO2e;
      leak += y.leakage_tCO2e;
      stock += y.tree_stock_tCO2e;
    }
    const ghgE = 0; // no burning (炼山 excluded): methodology.ts acm_ghg_e
    const project = tree + shrub;
    const actual = project - ghgE;
    const shrubB = 0; // AR-TOOL14 para 12
    const baseline = treeB + shrubB;
    const dP = d.project * Math.max(0, tree);
    const dB = d.baseline * Math.max(0, baseline);
    const net = actual - dP - (baseline + dB) - leak;
    cumulative += net;
    rows.push({
      t, year: startYear + t, tree_project_tCO2e: tree, shrub_project_tCO2e: shrub, project_tCO2e: project, ghg_e_tCO2e: ghgE, actual_tCO2e: actual,
      tree_baseline_tCO2e: treeB, shrub_baseline_tCO2e: shrubB, baseline_tCO2e: baseline, leakage_tCO2e: leak,
      deduction_project_tCO2e: dP, deduction_baseline_tCO2e: dB, net_tCO2e: net, cumulative_net_tCO2e: cumulative, tree_stock_tCO2e: stock,
    });
  }
  return rows;
}
