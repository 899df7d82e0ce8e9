// Uncertainty of carbon stock and net sink by Monte Carlo propagation (IPCC 2006 Vol.1 Ch.3, Approach 2).
// Stands are first summed into cells that share every factor (method × species group × age group × origin, plus the
// planting age for curve methods), per township, so a draw costs one evaluation per cell instead of per stand.
// Correlation: a factor is drawn once per draw and used for every stand that uses it, so all stands of a species group
// move together (their BEF/Fang/consumption rows are the group's own); factors shared by several groups (the '*' rows,
// CF of Fang, the curves, bamboo and 油茶 rates) are one draw for all of them. Different groups' rows are independent.
import { hashSeed, mulberry32 } from '../random.ts';
import { curveFor, richards, siteFactor } from './curves.ts';
import { CO2_PER_C, type CarbonFactors, type OriginKey, type SiteClass, type Uncertainty } from './factors.ts';
import type { FeatureMethod, StandCarbon } from './stand.ts';
import { SPECIES_GROUPS } from './species-groups.ts';

type CellModel = Exclude<FeatureMethod, 'not_modelled'> | 'wetland' | 'mine';

export interface McCell {
  model: CellModel;
  group: string;
  age: string | null;
  origin: OriginKey;
  t: number | null;
  noHarvest: boolean;
  volume_m3: number;
  ha: number;
  /** Hectares of stands with volume (Fang's intercept b applies to them only). */
  ha_stocked: number;
  /** Site class of a planting (afforestation_curve cells of a project); absent for stands. */
  site?: SiteClass | null;
}

/** Cells per scope (township code), filled during the one pass over the stands. */
export class UncertaintyCells {
  readonly scopes = new Map<string, Map<string, McCell>>();

  private cell(scope: string, key: string, init: () => McCell): McCell {
    let s = this.scopes.get(scope);
    if (!s) this.scopes.set(scope, (s = new Map()));
    let c = s.get(key);
    if (!c) s.set(key, (c = init()));
    return c;
  }

  /** The cell a stand result belongs to (within its scope). */
  static key(r: StandCarbon): string {
    return `${r.method}|${r.species_group}|${r.age_group}|${r.origin}|${r.years_since_planting}|${r.no_harvest ? 1 : 0}`;
  }

  /** `key`: UncertaintyCells.key(r), when the caller already has it (the multi-year stand pass reuses it). */
  addStand(scope: string, r: StandCarbon, key?: string): void {
    if (r.method === 'not_modelled' || !(r.area_ha > 0)) return;
    const m = r.method;
    key ??= UncertaintyCells.key(r);
    const c = this.cell(scope, key, () => ({
      model: m, group: r.species_group, age: r.age_group, origin: r.origin, t: r.years_since_planting, noHarvest: r.no_harvest,
      volume_m3: 0, ha: 0, ha_stocked: 0,
    }));
    c.volume_m3 += r.stock_m3;
    c.ha += r.area_ha;
    if (r.stock_m3 > 0) c.ha_stocked += r.area_ha;
  }

  /** A planting of one species group (a project stratum's share of it): `t` years since planting, on the group's own
   *  curve (or the default), its asymptote scaled by the site class. */
  addPlanting(scope: string, group: string, t: number, ha: number, site: SiteClass | null = null): void {
    if (!(ha > 0)) return;
    const c = this.cell(scope, `afforestation_curve|${group}|${t}|${site}`, () => ({
      model: 'afforestation_curve', group, age: null, origin: '人工', t, noHarvest: true, volume_m3: 0, ha: 0, ha_stocked: 0, site,
    }));
    c.ha += ha;
  }

  /** Sinks outside the stands: wetland burial (t unused) and restored mines / 碳汇造林 pilot polygons (t = years). */
  addOther(scope: string, model: 'wetland' | 'mine' | 'afforestation_curve', ha: number, t: number | null): void {
    if (!(ha > 0)) return;
    const c = this.cell(scope, `${model}|${t}`, () => ({
      model, group: '', age: null, origin: '人工', t, noHarvest: true, volume_m3: 0, ha: 0, ha_stocked: 0,
    }));
    c.ha += ha;
  }
}

// ---- random numbers -------------------------------------------------------------------------------------------------

// mulberry32 and hashSeed (FNV-1a) are the project's one seeded generator (core/random.ts).
export { mulberry32 } from '../random.ts';

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  }
  if (q > 1 - 0.02425) return -normalQuantile(1 - q);
  const x = q - 0.5;
  const r = x * x;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * x) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** A multiplier on the central value: u ∈ (0,1) → factor / value. Normal: 1 + rel_sd·z, never below 0. Triangular:
 *  lo/value … hi/value with its mode at 1. */
export function multiplier(u: Uncertainty, value: number, p: number): number {
  if (u.dist === 'normal') return Math.max(0, 1 + u.rel_sd * normalQuantile(p));
  if (!(value > 0)) return 1;
  const lo = Math.min(u.lo / value, 1), hi = Math.max(u.hi / value, 1);
  if (hi - lo <= 0) return 1;
  const f = (1 - lo) / (hi - lo);
  return p < f ? lo + Math.sqrt(p * (hi - lo) * (1 - lo)) : hi - Math.sqrt((1 - p) * (hi - lo) * (hi - 1));
}

// ---- propagation ----------------------------------------------------------------------------------------------------

export interface McInterval {
  /** Central value (all factors at their table values), t CO2e. */
  central: number;
  /** 2.5th and 97.5th percentiles of the draws, t CO2e. */
  lo: number;
  hi: number;
}

export interface McSummary {
  carbon_stock_tCO2e: McInterval;
  annual_sink_tCO2e: McInterval;
}

export interface McResult {
  method: 'IPCC 2006 Vol.1 Ch.3 Approach 2 (Monte Carlo)';
  draws: number;
  seed: number;
  cells: number;
  county: McSummary;
  by_scope: Record<string, McSummary>;
  /** With `keepSamples`: every draw's stock and net sink per scope, in t C (draw d of every run used the same factor
   *  values, so samples of several runs can be combined draw by draw). */
  samples?: Record<string, { stock: Float64Array; sink: Float64Array }>;
}

export interface McOptions {
  draws?: number;
  seed?: number;
  keepSamples?: boolean;
}

/** A factor drawn in the propagation, with its own random stream (see Model.v). */
interface Variable { u: Uncertainty; value: number; rand: () => number }

/** Builds, for each cell, an evaluator of (stock, net sink) in t C from a vector of multipliers. */
class Model {
  readonly vars: Variable[] = [];
  private index = new Map<string, number>();
  constructor(private f: CarbonFactors, private seed: number) {}

  /**
   * Each factor draws from its own stream, seeded by the run's seed and the factor's name: draw d of a factor is the
   * same whichever other factors a run has, so a township computed alone (the dashboard's township view) gets exactly
   * the interval the county run gives it (the CLI's and the public page's township rows).
   */
  v(name: string, u: Uncertainty, value: number): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.vars.length;
      this.vars.push({ u, value, rand: mulberry32((this.seed ^ hashSeed(name)) >>> 0) });
      this.index.set(name, i);
    }
    return i;
  }

  /** Returns evaluator(m, out): out[0] = stock t C, out[1] = net sink t C. */
  compile(c: McCell): (m: Float64Array, out: Float64Array) => void {
    const f = this.f;
    // A planting's curve: the species group's own row (one draw per row) or the default curve ('affA'/'affK', as
    // before species rows existed, so county runs keep their draws), the asymptote scaled by the site class.
    const curve = (group: string, site: SiteClass | null | undefined) => {
      const cv = curveFor(group, f);
      const pc = f.plantationCurves;
      const iA = cv.row && pc ? this.v(`curve:${cv.row}:A`, pc.uncertainty.A, 1) : this.v('affA', f.afforestationCurve.uncertainty.A, 1);
      const iK = cv.row && pc ? this.v(`curve:${cv.row}:k`, pc.uncertainty.k, 1) : this.v('affK', f.afforestationCurve.uncertainty.k, 1);
      const s = siteFactor(site, f);
      const iS = site && site !== 'II' && f.siteClassFactors ? this.v(`site:${site}`, f.siteClassFactors.uncertainty, 1) : -1;
      return (m: Float64Array, t: number) => richards(t, cv.A * s * (iS >= 0 ? m[iS] : 1) * m[iA], cv.k * m[iK], cv.c);
    };
    switch (c.model) {
      case 'ipcc_bef':
      case 'fang': {
        const g = SPECIES_GROUPS[c.group];
        const age = c.age as keyof CarbonFactors['volumeGrowth']['rows'][string] | null;
        const growthRow = f.volumeGrowth.rows[c.group] ? c.group : '*';
        const gr = age ? f.volumeGrowth.rows[growthRow][age] : 0;
        const iG = this.v(`growth:${growthRow}`, f.volumeGrowth.uncertainty, 1);
        const consRow = f.consumption.rows[c.group] ? c.group : '*';
        const cons = f.consumption.rows[consRow][c.origin];
        const hr = gr > 0 && !c.noHarvest ? cons.harvest : 0;
        const mr = gr > 0 ? cons.mortality : 0;
        const iH = this.v(`harvest:${consRow}:${c.origin}`, f.consumption.uncertainty.harvest, 1);
        const iM = this.v(`mortality:${consRow}:${c.origin}`, f.consumption.uncertainty.mortality, 1);
        const V = c.volume_m3;
        if (c.model === 'fang') {
          const r = f.fang.rows[g.fangRow!];
          const ia = this.v(`fang:${g.fangRow}:a`, f.fang.uncertainty.a, 1), ib = this.v(`fang:${g.fangRow}:b`, f.fang.uncertainty.b, 1);
          const icf = this.v('fangCF', f.fangCF.uncertainty, f.fangCF.value);
          const haS = c.ha_stocked;
          return (m, out) => {
            const cf = f.fangCF.value * m[icf];
            const a = r.a * m[ia];
            out[0] = (a * V + r.b * m[ib] * haS) * cf;
            out[1] = a * cf * V * (gr * m[iG] - hr * m[iH] - mr * m[iM]);
          };
        }
        const r = f.bef.rows[g.befRow!];
        const iD = this.v(`bef:${g.befRow}:D`, f.bef.uncertainty.D, 1), iB = this.v(`bef:${g.befRow}:BEF`, f.bef.uncertainty.BEF, 1);
        const iR = this.v(`bef:${g.befRow}:R`, f.bef.uncertainty.R, 1), iC = this.v(`bef:${g.befRow}:CF`, f.bef.uncertainty.CF, 1);
        return (m, out) => {
          const perM3 = r.D * m[iD] * r.BEF * m[iB] * (1 + r.R * m[iR]) * r.CF * m[iC];
          out[0] = V * perM3;
          out[1] = V * perM3 * (gr * m[iG] - hr * m[iH] - mr * m[iM]);
        };
      }
      case 'bamboo_net_rate': {
        const iD = this.v('bambooDensity', f.bambooDensity.uncertainty, f.bambooDensity.value);
        const iN = this.v('bambooNetSink', f.bambooNetSink.uncertainty, f.bambooNetSink.value);
        return (m, out) => { out[0] = c.ha * f.bambooDensity.value * m[iD]; out[1] = c.ha * f.bambooNetSink.value * m[iN]; };
      }
      case 'oil_tea_density': {
        const iD = this.v('oilTeaDensity', f.oilTeaDensity.uncertainty, f.oilTeaDensity.value);
        const iN = this.v('oilTeaNetSink', f.oilTeaNetSink.uncertainty, f.oilTeaNetSink.value);
        return (m, out) => { out[0] = c.ha * f.oilTeaDensity.value * m[iD]; out[1] = c.ha * f.oilTeaNetSink.value * m[iN]; };
      }
      case 'oil_tea_planting': {
        const iD = this.v('oilTeaDensity', f.oilTeaDensity.uncertainty, f.oilTeaDensity.value);
        const iK = this.v('oilTeaCurveK', f.oilTeaCurveK.uncertainty, f.oilTeaCurveK.value);
        const t = c.t ?? 0;
        return (m, out) => {
          const A = f.oilTeaDensity.value * m[iD], k = f.oilTeaCurveK.value * m[iK];
          const now = richards(t, A, k, 2);
          out[0] = c.ha * now;
          out[1] = c.ha * (now - richards(t - 1, A, k, 2));
        };
      }
      case 'afforestation_curve': {
        const C = curve(c.group, c.site);
        const t = c.t ?? 0;
        return (m, out) => { const now = C(m, t); out[0] = c.ha * now; out[1] = c.ha * (now - C(m, t - 1)); };
      }
      case 'mine': {
        const C = curve('', null);
        const iS = this.v('mineSiteFactor', f.mineSiteFactor.uncertainty, f.mineSiteFactor.value);
        const iA = this.v('mineSoilAccrual', f.mineSoilAccrual.uncertainty, f.mineSoilAccrual.value);
        const t = c.t ?? 0, years = f.mineSoilYears.value;
        return (m, out) => {
          const site = f.mineSiteFactor.value * m[iS], soil = f.mineSoilAccrual.value * m[iA];
          const now = C(m, t);
          out[0] = c.ha * (now * site + soil * Math.min(Math.max(t, 0), years));
          out[1] = c.ha * ((now - C(m, t - 1)) * site + (t >= 1 && t <= years ? soil : 0));
        };
      }
      case 'wetland': {
        const iW = this.v('wetlandBurial', f.wetlandBurial.uncertainty, f.wetlandBurial.value);
        return (m, out) => { out[0] = 0; out[1] = c.ha * f.wetlandBurial.value * m[iW]; };
      }
    }
  }
}

/** The p-quantile (0–1) of sorted values, interpolated between neighbours. */
export function percentile(sorted: Float64Array, p: number): number {
  const x = p * (sorted.length - 1);
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (sorted[i + 1] - sorted[i]) * (x - i) : sorted[i];
}

const interval = (central: number, draws: Float64Array): McInterval => {
  const s = Float64Array.from(draws).sort();
  return { central: central * CO2_PER_C, lo: percentile(s, 0.025) * CO2_PER_C, hi: percentile(s, 0.975) * CO2_PER_C };
};

export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 20261130;

/** 95 % intervals of stock and net sink, county and per scope. Deterministic for a given seed. */
export function monteCarlo(
  cells: UncertaintyCells | readonly UncertaintyCells[], f: CarbonFactors, opt: McOptions = {},
): McResult {
  return monteCarloRuns([cells], f, opt)[0];
}

/** What a cell's evaluation depends on: equal keys give equal figures for every draw. */
const cellIdentity = (c: McCell) => `${c.model}|${c.group}|${c.age}|${c.origin}|${c.t}|${c.noHarvest}|${c.volume_m3}|${c.ha}|${c.ha_stocked}|${c.site ?? ''}`;

/**
 * Several runs at once (the public build's years: most cells are the same every year, only the planting curves move),
 * each equal to monteCarlo on its own cells. Every factor draws from its own stream (Model.v), so a factor's draw d is
 * the same in every run; a cell that occurs in several runs is evaluated once per draw and its figures are summed into
 * each run in that run's own cell order, which keeps every sum as monteCarlo makes it.
 */
export function monteCarloRuns(
  runs: readonly (UncertaintyCells | readonly UncertaintyCells[])[], f: CarbonFactors, opt: McOptions = {},
): McResult[] {
  const draws = Math.max(1, Math.floor(opt.draws ?? DEFAULT_DRAWS));
  const seed = opt.seed ?? DEFAULT_SEED;
  const model = new Model(f, seed);
  const evals: ((m: Float64Array, out: Float64Array) => void)[] = [];
  const evalOf = new Map<string, number>();
  const plans = runs.map((cells) => {
    const byCode = new Map<string, number[]>();
    for (const set of Array.isArray(cells) ? cells : [cells]) {
      for (const [code, m] of (set as UncertaintyCells).scopes) {
        let list = byCode.get(code);
        if (!list) byCode.set(code, (list = []));
        for (const c of m.values()) {
          const id = cellIdentity(c);
          let e = evalOf.get(id);
          if (e === undefined) {
            e = evals.length;
            evals.push(model.compile(c));
            evalOf.set(id, e);
          }
          list.push(e);
        }
      }
    }
    const scopes = [...byCode].map(([code, cellEvals]) => ({ code, evals: Int32Array.from(cellEvals) }));
    return {
      scopes,
      stock: scopes.map(() => new Float64Array(draws)),
      sink: scopes.map(() => new Float64Array(draws)),
      central: scopes.map(() => [0, 0]),
    };
  });
  const nVars = model.vars.length;
  const mult = new Float64Array(nVars);
  const out = new Float64Array(2);
  const stockOf = new Float64Array(evals.length), sinkOf = new Float64Array(evals.length);
  const evaluateAll = () => {
    for (let e = 0; e < evals.length; e++) {
      evals[e](mult, out);
      stockOf[e] = out[0];
      sinkOf[e] = out[1];
    }
  };
  // Central values first (all multipliers 1): they equal the deterministic figures.
  mult.fill(1);
  evaluateAll();
  for (const run of plans) {
    run.scopes.forEach((s, k) => { for (const e of s.evals) { run.central[k][0] += stockOf[e]; run.central[k][1] += sinkOf[e]; } });
  }
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < nVars; i++) mult[i] = multiplier(model.vars[i].u, model.vars[i].value, model.vars[i].rand());
    evaluateAll();
    for (const run of plans) {
      for (let k = 0; k < run.scopes.length; k++) {
        const cellEvals = run.scopes[k].evals;
        let st = 0, sk = 0;
        for (let j = 0; j < cellEvals.length; j++) { st += stockOf[cellEvals[j]]; sk += sinkOf[cellEvals[j]]; }
        run.stock[k][d] = st;
        run.sink[k][d] = sk;
      }
    }
  }
  return plans.map(({ scopes, stock, sink, central }): McResult => {
    const countyStock = new Float64Array(draws), countySink = new Float64Array(draws);
    let cs = 0, ck = 0;
    const by_scope: Record<string, McSummary> = {};
    scopes.forEach((s, k) => {
      for (let d = 0; d < draws; d++) { countyStock[d] += stock[k][d]; countySink[d] += sink[k][d]; }
      cs += central[k][0];
      ck += central[k][1];
      by_scope[s.code] = { carbon_stock_tCO2e: interval(central[k][0], stock[k]), annual_sink_tCO2e: interval(central[k][1], sink[k]) };
    });
    return {
      method: 'IPCC 2006 Vol.1 Ch.3 Approach 2 (Monte Carlo)',
      draws,
      seed,
      cells: scopes.reduce((n, s) => n + s.evals.length, 0),
      county: { carbon_stock_tCO2e: interval(cs, countyStock), annual_sink_tCO2e: interval(ck, countySink) },
      by_scope,
      ...(opt.keepSamples ? { samples: Object.fromEntries(scopes.map((s, k) => [s.code, { stock: stock[k], sink: sink[k] }])) } : {}),
    };
  });
}
