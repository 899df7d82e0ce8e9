// Plan-target progress from the layers: the one entry point the CLI, the dashboard and the worker call.
import { DEFAULT_FACTORS, type CarbonFactors } from '../carbon/factors.ts';
import { monteCarlo, type McResult, type UncertaintyCells } from '../carbon/monte-carlo.ts';
import { METHOD_LABELS, type StandMethod } from '../carbon/stand.ts';
import { countyTotals, otherSinkCells, type CountyTotals } from './county.ts';
import { computeAreas, type AreaCache, type PlanLayers } from './layers.ts';
import { speciesAgeRows, townshipRows, yearRows, type TownshipRow, type YearRow } from './rollups.ts';
import { evaluateRule, type RuleMessage } from './rules.ts';
import { summariseStands, type StandSummary } from './stand-summary.ts';
import { PLAN_START_YEAR, shortfall, targetStatus, type TargetStatus } from './status.ts';
import { PLAN_TARGETS, type PlanTarget } from './targets.ts';
import { DATA_AS_OF_YEAR } from './years.ts';

/** "Now" for the plan's deadlines: the app is assessed in late 2026, after the 2025 deadline (years.ts). */
export const AS_OF_YEAR = DATA_AS_OF_YEAR;

export interface TargetProgress extends PlanTarget {
  value: number;
  ratio: number | null;
  status: TargetStatus;
  shortfall: number;
  /** How the value was measured, as messages the UI words in its language. */
  detail: RuleMessage[];
  feature_ids?: string[];
}

export interface ProgressOptions {
  factors?: CarbonFactors;
  method?: StandMethod;
  /** The year to assess: targets count work done by the end of it (never past their own deadline), carbon is that
   *  year's (a projection after DATA_AS_OF_YEAR). Default: the data's as-of year. */
  asOfYear?: number;
  /** Precomputed areas (computeAreas); computed here when absent. */
  areas?: AreaCache;
  gridFactorId?: string;
  targets?: readonly PlanTarget[];
  /** Monte Carlo draws and seed (defaults 1000, fixed seed). */
  mcDraws?: number;
  mcSeed?: number;
  /** The stand pass for this method and year, already done (summariseStandsForYears: one pass for many years). */
  summary?: StandSummary;
  /** The Monte Carlo of this summary's cells and progressCells' other sinks, already done (monteCarloRuns). */
  mc?: McResult;
}

/** The Monte Carlo cells computeProgress propagates: the stands' (from the summary) and the other sinks'. */
export function progressCells(layers: PlanLayers, areas: AreaCache, summary: StandSummary, asOfYear: number): UncertaintyCells[] {
  return [summary.cells, otherSinkCells(layers, areas, summary, asOfYear)];
}

export interface PlanProgress {
  as_of_year: number;
  method: StandMethod;
  method_label: string;
  factors_version: string;
  targets: TargetProgress[];
  county: CountyTotals;
  by_township: TownshipRow[];
  by_year: YearRow[];
  by_species_age: ReturnType<typeof speciesAgeRows>;
  summary: StandSummary;
  /** Uncertainty of stock and net sink (county and by township code), Monte Carlo over summary cells + other sinks. */
  mc: McResult;
  /** Time the Monte Carlo took here (other-sink cells + draws), ms; the stand cells are summed in the stand pass. */
  mc_ms: number;
}

export function computeProgress(layers: PlanLayers, opt: ProgressOptions = {}): PlanProgress {
  const factors = opt.factors ?? DEFAULT_FACTORS;
  const method = opt.method ?? 'ipcc_bef';
  const asOfYear = opt.asOfYear ?? AS_OF_YEAR;
  const areas = opt.areas ?? computeAreas(layers);
  if (opt.summary && (opt.summary.year !== asOfYear || opt.summary.method !== method)) {
    throw new Error(`the stand summary given is for ${opt.summary.method} ${opt.summary.year}, not ${method} ${asOfYear}`);
  }
  const summary = opt.summary ?? summariseStands(layers.stands, areas.stands, factors, { method, year: asOfYear });
  const ctx = { layers, areas, summary, asOfYear };
  const t0 = performance.now();
  const mc = opt.mc ?? monteCarlo(progressCells(layers, areas, summary, asOfYear), factors, { draws: opt.mcDraws, seed: opt.mcSeed });
  const targets = (opt.targets ?? PLAN_TARGETS).map((t): TargetProgress => {
    const r = evaluateRule(t, ctx);
    return {
      ...t,
      value: r.value,
      ratio: t.target !== 0 ? r.value / t.target : null,
      status: targetStatus(t, r.value, asOfYear, r.outlook),
      shortfall: shortfall(t, r.value),
      detail: r.detail,
      feature_ids: r.feature_ids,
    };
  });
  return {
    as_of_year: asOfYear,
    method,
    method_label: METHOD_LABELS[method],
    factors_version: factors.version,
    targets,
    county: countyTotals(layers, areas, summary, factors, asOfYear, opt.gridFactorId, mc, METHOD_LABELS[method]),
    by_township: townshipRows(layers, areas, summary, factors, asOfYear, mc, opt.gridFactorId, METHOD_LABELS[method]),
    by_year: yearRows(layers, summary, PLAN_START_YEAR, asOfYear),
    by_species_age: speciesAgeRows(summary),
    summary,
    mc,
    mc_ms: performance.now() - t0,
  };
}
