// runProject: a project file and the loaded layers → the numbers of a project design document — eligibility per parcel,
// strata, ex-ante removals per crediting year with the AR-TOOL14 deduction, 95 % intervals, value, the methodology and
// every parameter with its source and status. The exact JSON shape of `npm run project -- file --json` and of what the
// planner shows (docs/carbon-projects.md).
import { methodNotes, type MethodNote } from '../carbon/method-notes.ts';
import { addStatus, emptyStatusTotals, unverifiedShare } from '../carbon/provenance.ts';
import { METHOD_LABELS } from '../carbon/stand.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { checkParcel, RULES, type ParcelEligibility, type RuleId } from './eligibility.ts';
import { startYearOf, type Pool, type ProjectFile } from './format.ts';
import { COLUMN_EQUATIONS, EQUATIONS, METHODOLOGY, type Equation } from './methodology.ts';
import { overlayProject, type ProjectContext } from './overlay.ts';
import { parameterList, PROJECT_PARAMETERS, SOURCES, tool14Discount, type ProjectParameters } from './parameters.ts';
import { stratumYear, yearRows, type YearRow } from './removals.ts';
import { parcelBaseline, stratify, type BaselineKind, type StratumCurve } from './strata.ts';
import { cumulative, interval95, projectDraws, tool14Uncertainty } from './uncertainty.ts';
import { projectValue, type ProjectValue } from './value.ts';

export const REPORT_FORMAT = 'xingguo-carbon-project-report';

export interface StratumReport {
  id: string;
  design: string;
  baseline_kind: BaselineKind;
  parcels: string[];
  area_ha: number;
  area_mu: number;
  species: StratumCurve[];
  planting_year: number;
  site_class: string;
  density_per_ha: number;
  baseline_trees: number;
  baseline_tree_stock_tCO2e: number;
  baseline_tree_removal_tCO2e_per_yr: number;
  shrub_stock_tCO2e: number;
  shrub_loss_tCO2e: number;
  leakage_tCO2e: number;
  /** Per crediting year: the stratum's tree removals and its tree stock at the year's end, t CO2e. */
  tree_project_tCO2e: number[];
  tree_stock_tCO2e: number[];
}

export type ReportYear = YearRow & { net_95: [number, number]; cumulative_95: [number, number] };

export interface ParameterRow { key: string; value: number | null; unit: string; status: string; source: string; note?: string }

export interface ProjectReport {
  format: typeof REPORT_FORMAT;
  version: 1;
  project: {
    id: string | null; name: string; start_date: string; start_year: number; crediting_years: number; first_year: number; last_year: number;
    pools: Pool[]; pools_estimated: Pool[]; designs: ProjectFile['designs'];
  };
  methodology: typeof METHODOLOGY & { equations: Equation[]; column_equations: Record<string, string> };
  eligibility: {
    parcels: ParcelEligibility[];
    eligible: string[];
    failing: { id: string; name: string; rules: RuleId[] }[];
    eligible_area_ha: number;
    eligible_area_mu: number;
    rules: typeof RULES;
  };
  strata: StratumReport[];
  years: ReportYear[];
  totals: {
    project_tCO2e: number; baseline_tCO2e: number; leakage_tCO2e: number; deduction_tCO2e: number; net_tCO2e: number; net_95: [number, number];
    mean_net_per_year_tCO2e: number; net_per_ha_per_year_tCO2e: number; tree_stock_end_tCO2e: number;
  };
  uncertainty: {
    method: string; draws: number; seed: number; deduction: ProjectFile['options']['uncertainty_deduction'];
    project: { U: number; discount: number; share_deducted: number };
    baseline: { U: number; discount: number; share_added: number };
    note: string;
  };
  value: ProjectValue & { price_source: string; price_is_default: boolean; discount_source: string; rate_is_default: boolean };
  parameters: { carbon: MethodNote[]; project: ParameterRow[]; stand_method: string };
  provenance: { factors_version: string; unverified_share: { project_removals: number; baseline_removals: number } };
  warnings: string[];
}

const POOLS_ESTIMATED: readonly Pool[] = ['trees', 'shrubs'];

export function runProject(project: ProjectFile, ctx: ProjectContext, p: ProjectParameters = PROJECT_PARAMETERS): ProjectReport {
  const f = ctx.factors;
  const start = startYearOf(project);
  const years = project.crediting_years;
  const steady = p.baselineSteadyYear.value;
  const warnings: string[] = [];

  // Eligibility (overlay = the geometry work; the rules are pure)
  const overlays = overlayProject(project, ctx);
  const inputs = { inventoryLoaded: !!ctx.stands, wetlandsLoaded: !!ctx.wetlands?.length, otherProjectsLoaded: ctx.otherProjects !== undefined };
  const parcels = project.parcels.map((parcel, i) => checkParcel(parcel, overlays[i], project, inputs, p));
  const eligibleParcels = project.parcels.filter((_x, i) => parcels[i].eligible);
  const overlayById = new Map(overlays.map((o) => [o.id, o]));
  const baselines = new Map(eligibleParcels.map((x) => [x.id, parcelBaseline(overlayById.get(x.id)!, f, ctx.method, start, p)]));

  // Strata and removals
  const strata = stratify(eligibleParcels, project.designs, overlayById, baselines, f);
  const draws = projectDraws(strata, start, years, f, steady, { draws: project.options.mc_draws, seed: project.options.mc_seed });
  const n = draws.draws;
  const cumP = cumulative(draws.project, n), cumB = cumulative(draws.baseline, n);
  const centralP = draws.project_central.reduce((a, b) => a + b, 0), centralB = draws.baseline_central.reduce((a, b) => a + b, 0);
  const uP = tool14Uncertainty(cumP, centralP), uB = tool14Uncertainty(cumB, centralB);
  const apply = project.options.uncertainty_deduction === 'ar-tool14';
  const dP = tool14Discount(uP), dB = tool14Discount(uB);
  const ded = { project: apply ? dP * uP : 0, baseline: apply ? dB * uB : 0 };
  const rows = yearRows(strata, start, years, f, steady, ded);

  // 95 % intervals of net removals, draw by draw (shrub loss, leakage and the deductions are fixed amounts)
  const cum = new Float64Array(n);
  const reportYears: ReportYear[] = rows.map((row, k) => {
    const fixed = row.shrub_project_tCO2e - row.ghg_e_tCO2e - row.leakage_tCO2e - row.deduction_project_tCO2e - row.deduction_baseline_tCO2e - row.shrub_baseline_tCO2e;
    const net = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      net[d] = draws.project[k][d] - draws.baseline[k][d] + fixed;
      cum[d] += net[d];
    }
    return { ...row, net_95: interval95(net), cumulative_95: interval95(cum) };
  });

  const strataReport: StratumReport[] = strata.map((s) => {
    const ys = Array.from({ length: years }, (_x, k) => stratumYear(s, k + 1, start, f, steady));
    for (const c of s.curves) {
      if (!c.row && c.group !== '杉木') warnings.push(`stratum ${s.id}: ${c.group} has no growth curve of its own and grows on the planted-杉木 curve (assumption)`);
    }
    return {
      id: s.id, design: s.design.id, baseline_kind: s.baseline_kind, parcels: s.parcels, area_ha: s.area_ha, area_mu: s.area_mu, species: s.curves,
      planting_year: s.design.planting_year, site_class: s.design.site_class, density_per_ha: s.design.density_per_ha,
      baseline_trees: s.baseline_trees.length, baseline_tree_stock_tCO2e: s.baseline_tree_stock_tCO2e, baseline_tree_removal_tCO2e_per_yr: s.baseline_tree_removal_tCO2e_per_yr,
      shrub_stock_tCO2e: s.shrub_stock_tCO2e, shrub_loss_tCO2e: s.shrub_loss_tCO2e, leakage_tCO2e: s.leakage_tCO2e,
      tree_project_tCO2e: ys.map((y) => y.tree_project_tCO2e), tree_stock_tCO2e: ys.map((y) => y.tree_stock_tCO2e),
    };
  });

  const sum = (k: keyof YearRow) => rows.reduce((a, r) => a + (r[k] as number), 0);
  const eligibleHa = strata.reduce((a, s) => a + s.area_ha, 0);
  const netTotal = sum('net_tCO2e');

  // Value
  const price = project.value.price_cny_per_tCO2e ?? { low: p.priceLow.value, central: p.priceCentral.value, high: p.priceHigh.value };
  const rate = project.value.discount_rate ?? p.discountRate.value;
  const value = projectValue(rows, start, price, rate, project.value.costs, eligibleHa);

  // Provenance: the share of the removals resting on factors not verified against their source
  const pStatus = emptyStatusTotals(), bStatus = emptyStatusTotals();
  for (const s of strata) {
    const total = strataReport.find((x) => x.id === s.id)!.tree_project_tCO2e.reduce((a, b) => a + b, 0);
    for (const c of s.curves) addStatus(pStatus, c.status, total * c.share);
    for (const t of s.baseline_trees) addStatus(bStatus, t.sink_status, t.annual_sink_tCO2e);
  }

  for (const pool of project.pools) {
    if (!POOLS_ESTIMATED.includes(pool)) warnings.push(`pool ${pool} is chosen but not estimated ex ante: counted as 0 (conservative)`);
  }
  if (!project.pools.includes('shrubs') && strata.some((s) => s.shrub_loss_tCO2e > 0)) {
    warnings.push('shrubs are not a chosen pool, but the shrubs removed at site preparation are still deducted (conservative)');
  }
  const failing = parcels.filter((x) => !x.eligible);
  if (failing.length) warnings.push(`${failing.length} of ${parcels.length} parcel(s) fail eligibility and are left out of the strata`);

  // The growth curves of the plantings; the stand factors of the pre-project trees' groups only (the plantings use no BEF).
  const baselineGroups = [...new Set(strata.flatMap((s) => s.baseline_trees.map((t) => t.species_group)))];
  const carbonNotes = [
    ...methodNotes(f, ctx.method, [], ['afforestation_curve']),
    ...(baselineGroups.length ? methodNotes(f, ctx.method, baselineGroups, ['tree_stock', 'tree_growth', 'tree_consumption']) : []),
  ];
  const projectParams: ParameterRow[] = parameterList(p).map(({ key, factor }) => ({
    key, value: factor.value, unit: factor.unit, status: factor.status, source: factor.source, ...(factor.note ? { note: factor.note } : {}),
  }));
  projectParams.push({ key: 'uncertaintyDiscount', value: null, unit: 'table', status: p.uncertaintyDiscount.status, source: p.uncertaintyDiscount.source,
    note: p.uncertaintyDiscount.table.map((r) => `U ≤ ${Number.isFinite(r.upTo) ? `${r.upTo * 100} %` : '∞'}: ${r.discount * 100} %`).join('; ') });

  return {
    format: REPORT_FORMAT,
    version: 1,
    project: {
      id: project.id, name: project.name, start_date: project.start_date, start_year: start, crediting_years: years, first_year: start + 1, last_year: start + years,
      pools: project.pools, pools_estimated: project.pools.filter((x) => POOLS_ESTIMATED.includes(x)), designs: project.designs,
    },
    methodology: { ...METHODOLOGY, equations: Object.values(EQUATIONS), column_equations: COLUMN_EQUATIONS },
    eligibility: {
      parcels, eligible: eligibleParcels.map((x) => x.id), failing: failing.map((x) => ({ id: x.id, name: x.name, rules: x.failed })),
      eligible_area_ha: eligibleHa, eligible_area_mu: fromSquareMetres(eligibleHa * 10_000, 'mu'), rules: RULES,
    },
    strata: strataReport,
    years: reportYears,
    totals: {
      project_tCO2e: sum('actual_tCO2e'), baseline_tCO2e: sum('baseline_tCO2e'), leakage_tCO2e: sum('leakage_tCO2e'),
      deduction_tCO2e: sum('deduction_project_tCO2e') + sum('deduction_baseline_tCO2e'), net_tCO2e: netTotal,
      net_95: reportYears.length ? reportYears[reportYears.length - 1].cumulative_95 : [0, 0],
      mean_net_per_year_tCO2e: netTotal / years, net_per_ha_per_year_tCO2e: eligibleHa > 0 ? netTotal / years / eligibleHa : 0,
      tree_stock_end_tCO2e: rows.length ? rows[rows.length - 1].tree_stock_tCO2e : 0,
    },
    uncertainty: {
      method: 'IPCC 2006 Vol.1 Ch.3 Approach 2 (Monte Carlo) of the carbon model; AR-TOOL14 Appendix 2 discount', draws: n, seed: draws.seed,
      deduction: project.options.uncertainty_deduction,
      project: { U: uP, discount: dP, share_deducted: ded.project },
      baseline: { U: uB, discount: dB, share_added: ded.baseline },
      note: 'U = half the 90 % interval of the crediting period\'s removals over their central value, from the parameter uncertainty of the growth curves and stand factors (the sampling uncertainty AR-TOOL14 controls ex post does not exist ex ante; AR-TOOL14 does not require a discount on ex-ante projections — applied here to be conservative).',
    },
    value: {
      ...value, price_source: project.value.price_cny_per_tCO2e ? 'set in the project file' : SOURCES.price, price_is_default: !project.value.price_cny_per_tCO2e,
      discount_source: project.value.discount_rate !== null ? 'set in the project file' : SOURCES.discount, rate_is_default: project.value.discount_rate === null,
    },
    parameters: { carbon: carbonNotes, project: projectParams, stand_method: `${ctx.method}: ${METHOD_LABELS[ctx.method]}` },
    provenance: { factors_version: f.version, unverified_share: { project_removals: unverifiedShare(pStatus), baseline_removals: unverifiedShare(bStatus) } },
    warnings,
  };
}
