// Uncertainty of a project's ex-ante removals: the carbon model's Monte Carlo (src/core/carbon/monte-carlo.ts, IPCC 2006
// Vol.1 Ch.3 Approach 2) run for every crediting year at once, the plantings on their species curves (scope 'project')
// and the pre-project trees (scope 'baseline'). A factor's draw d is the same in every year's run, so the years are
// summed draw by draw. From the draws: 95 % intervals per year and cumulative, and AR-TOOL14's uncertainty U (the 90 %
// half-width over the mean) of the crediting period's project and baseline removals, which sets its Appendix 2 discount.
import { CO2_PER_C, type CarbonFactors } from '../carbon/factors.ts';
import { monteCarloRuns, percentile, UncertaintyCells } from '../carbon/monte-carlo.ts';
import type { Stratum } from './strata.ts';

export interface ProjectDraws {
  draws: number;
  seed: number;
  /** Per crediting year (index t − 1), per draw: tree removals of the plantings and of the baseline, t CO2e. */
  project: Float64Array[];
  baseline: Float64Array[];
  /** The same with every factor at its table value (equals the deterministic figures). */
  project_central: number[];
  baseline_central: number[];
}

export function projectDraws(strata: readonly Stratum[], startYear: number, years: number, f: CarbonFactors, steadyYear: number, opt: { draws: number; seed: number }): ProjectDraws {
  const runs: UncertaintyCells[] = [];
  for (let t = 1; t <= years; t++) {
    const cells = new UncertaintyCells();
    for (const s of strata) {
      const a = startYear + t - s.design.planting_year;
      for (const c of s.curves) cells.addPlanting('project', c.group, a, s.area_ha * c.share, s.design.site_class);
      if (t <= steadyYear) for (const tree of s.baseline_trees) cells.addStand('baseline', tree);
    }
    runs.push(cells);
  }
  const results = monteCarloRuns(runs, f, { draws: opt.draws, seed: opt.seed, keepSamples: true });
  const empty = () => new Float64Array(results[0]?.draws ?? opt.draws);
  const toCO2 = (a: Float64Array | undefined) => (a ? a.map((x) => x * CO2_PER_C) : empty());
  return {
    draws: results[0]?.draws ?? opt.draws,
    seed: opt.seed,
    project: results.map((r) => toCO2(r.samples?.project?.sink)),
    baseline: results.map((r) => toCO2(r.samples?.baseline?.sink)),
    project_central: results.map((r) => r.by_scope.project?.annual_sink_tCO2e.central ?? 0),
    baseline_central: results.map((r) => r.by_scope.baseline?.annual_sink_tCO2e.central ?? 0),
  };
}

/** 2.5 % and 97.5 % quantiles of a set of draws. */
export function interval95(draws: Float64Array): [number, number] {
  const s = Float64Array.from(draws).sort();
  return [percentile(s, 0.025), percentile(s, 0.975)];
}

/** AR-TOOL14's uncertainty: half the 90 % interval (5 %–95 %) over the central value; 0 for a zero central value. */
export function tool14Uncertainty(draws: Float64Array, central: number): number {
  if (!(Math.abs(central) > 0)) return 0;
  const s = Float64Array.from(draws).sort();
  return (percentile(s, 0.95) - percentile(s, 0.05)) / 2 / Math.abs(central);
}

/** Element-wise sum over the years, draw by draw. */
export function cumulative(byYear: readonly Float64Array[], draws: number): Float64Array {
  const out = new Float64Array(draws);
  for (const y of byYear) for (let d = 0; d < draws; d++) out[d] += y[d];
  return out;
}
