// A worked example of the methodology, recomputed by hand: two strata over a 20-year crediting period. Every expected
// number below is spelled out from the printed constants (curve A, k; site factor; BEF-table row; AR-TOOL14 shrub
// defaults) and GeographicLib areas, not from the implementation's functions.
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { refArea, square } from '../plan/fixture.testutil.ts';
import { projectContext } from './context.ts';
import { parseProject } from './format.ts';
import { overlayProject } from './overlay.ts';
import { runProject } from './run.ts';
import { parcelBaseline, stratify } from './strata.ts';
import { projectDraws } from './uncertainty.ts';

const C2 = 44 / 12;
const richards = (t: number, A: number, k: number) => (t > 0 ? A * (1 - Math.exp(-k * t)) ** 2 : 0);

// Parcel 1: a 宜林地 stand. Parcel 2: a 疏林地 stand (马尾松 with volume) beside a 一般灌木林地 stand, as one rectangle.
const RING_1 = square(115.3, 26.3, 0.005);
const RING_Y = square(115.31, 26.3, 0.004);
const RING_Z = [[115.314, 26.3], [115.318, 26.3], [115.318, 26.304], [115.314, 26.304], [115.314, 26.3]];
const RING_2 = [[115.31, 26.3], [115.318, 26.3], [115.318, 26.304], [115.31, 26.304], [115.31, 26.3]];

const stand = (id: string, ring: number[][], p: Record<string, unknown>) => ({
  type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [ring] },
  properties: { id, land_class: '宜林地', species: '无', origin: '人工', age_group: null, canopy: 0, stock_m3: 0, ...p },
});
const STANDS: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [
    stand('X', RING_1, {}),
    stand('Y', RING_Y, { land_class: '疏林地', species: '马尾松', age_group: '中龄林', canopy: 0.15, stock_m3: 40 }),
    stand('Z', RING_Z, { land_class: '一般灌木林地', species: '灌木', canopy: 0.4 }),
  ],
};
const COUNTY: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(115.2, 26.2, 0.3)] }, properties: {} }] };

const projectJson = (deduction: 'ar-tool14' | 'none') => ({
  format: 'xingguo-carbon-project', version: 1, name: 'worked example', start_date: '2026-01-15', crediting_years: 20, pools: ['trees', 'shrubs'],
  designs: [
    { id: 'D1', species: [{ group: '杉木', share: 1 }], density_per_ha: 2500, planting_year: 2026, site_class: 'II' },
    { id: 'D2', species: [{ group: '马尾松', share: 0.5 }, { group: '木荷', share: 0.5 }], density_per_ha: 3000, planting_year: 2027, site_class: 'III' },
  ],
  parcels: [
    { id: 'P1', design: 'D1', geometry: { type: 'Polygon', coordinates: [RING_1] }, leakage: { displaced_ha: 1.5, destination_tCO2e_per_ha: 100 }, organic_soil: false },
    { id: 'P2', design: 'D2', geometry: { type: 'Polygon', coordinates: [RING_2] }, shrub_removal_share: 0.2, organic_soil: false },
  ],
  value: { price_cny_per_tCO2e: { low: 50, central: 70, high: 90 }, discount_rate: 0.06 },
  options: { uncertainty_deduction: deduction, mc_draws: 2000, mc_seed: 7 },
});

const ctx = () => projectContext({ stands: STANDS, county: COUNTY }, {});

// ---- the hand computation ------------------------------------------------------------------------------------------
const A1 = refArea(RING_1) / 1e4, AZ = refArea(RING_Z) / 1e4, A2 = refArea(RING_2) / 1e4;
// Stratum 1: planted 杉木 curve A = 32.5, k = 0.129 (factors.ts afforestationCurve), age a = t (planted in the start year).
const c1 = (a: number) => richards(a, 32.5, 0.129);
// Stratum 2: site III factor 0.85 on A; 马尾松 A = 56.25, k = 0.0455; 木荷 has no curve: 杉木's. Planted 2027: a = t − 1.
const c2 = (a: number) => 0.5 * richards(a, 56.25 * 0.85, 0.0455) + 0.5 * richards(a, 32.5 * 0.85, 0.129);
// Baseline trees: 40 m³ 马尾松 人工 中龄林, kept standing: gross growth 8 %/yr less mortality 1 %/yr (马尾松 人工), no
// harvest, × D 0.38 × BEF 1.472 × (1 + R 0.187) × CF 0.46 (the 马尾松 row) × 44/12, in every year t ≤ 20.
const BASELINE = 40 * (0.08 - 0.01) * 0.38 * 1.472 * 1.187 * 0.46 * C2;
// Shrubs: AR-TOOL14 Eq. (26)–(27) 44/12 × CF_S 0.47 × (1 + R_S 0.40) × A × BDR_SF 0.10 × b_FOREST 42 × cover 0.4;
// 20 % removed at site preparation, lost in stratum 2's first year (t = 2).
const SHRUB_STOCK = C2 * 0.47 * 1.4 * AZ * 0.1 * 42 * 0.4;
const SHRUB_LOSS = 0.2 * SHRUB_STOCK;
// Leakage: 1.5 ha displaced × 100 t CO2e/ha, in stratum 1's first year (t = 1).
const LEAK = 150;

function hand(t: number) {
  const tree = C2 * A1 * (c1(t) - c1(t - 1)) + C2 * A2 * (c2(t - 1) - c2(t - 2));
  const shrub = t === 2 ? -SHRUB_LOSS : 0;
  const leak = t === 1 ? LEAK : 0;
  return { tree, shrub, baseline: BASELINE, leak, net: tree + shrub - BASELINE - leak };
}

const near = (a: number, e: number, rel = 1e-6) => expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.abs(e) + 1e-6);

describe('worked example: two strata, 20 years (AR-ACM0003 with AR-TOOL14)', () => {
  const report = runProject(parseProject(projectJson('none')), ctx());

  it('both parcels are eligible; two strata (bare; sparse trees with shrubs)', () => {
    expect(report.eligibility.failing).toEqual([]);
    expect(report.strata.map((s) => [s.id, s.design, s.baseline_kind, s.parcels])).toEqual([['S1', 'D1', 'bare', ['P1']], ['S2', 'D2', 'trees_and_shrubs', ['P2']]]);
    near(report.strata[0].area_ha, A1);
    near(report.strata[1].area_ha, A2);
    near(report.strata[1].shrub_stock_tCO2e, SHRUB_STOCK);
    near(report.strata[1].baseline_tree_removal_tCO2e_per_yr, BASELINE);
    expect(report.methodology.label).toBe('AR-ACM0003 (CDM), not the CCER text');
  });

  it('every year: project, baseline, leakage, net and cumulative equal the hand arithmetic', () => {
    expect(report.years.map((y) => y.year)).toEqual(Array.from({ length: 20 }, (_x, i) => 2027 + i));
    let cum = 0;
    for (const y of report.years) {
      const h = hand(y.t);
      near(y.tree_project_tCO2e, h.tree);
      near(y.shrub_project_tCO2e, h.shrub);
      near(y.actual_tCO2e, h.tree + h.shrub);
      expect(y.ghg_e_tCO2e).toBe(0);
      near(y.baseline_tCO2e, h.baseline);
      near(y.leakage_tCO2e, h.leak);
      expect(y.deduction_project_tCO2e + y.deduction_baseline_tCO2e).toBe(0);
      near(y.net_tCO2e, h.net);
      cum += h.net;
      near(y.cumulative_net_tCO2e, cum);
    }
    // spot values, written out: year 1 = 44/12 × A1 × 32.5 × (1 − e^−0.129)² − baseline − 150 (stratum 2 not planted yet)
    near(report.years[0].tree_project_tCO2e, C2 * A1 * 32.5 * (1 - Math.exp(-0.129)) ** 2);
    near(report.totals.net_tCO2e, cum);
    near(report.totals.mean_net_per_year_tCO2e, cum / 20);
  });

  it('names the equation behind each column', () => {
    const eq = (col: string) => report.methodology.equations.find((e) => e.id === report.methodology.column_equations[col])!.number;
    expect(eq('net_tCO2e')).toBe('AR-ACM0003 Eq. (6)');
    expect(eq('tree_project_tCO2e')).toMatch(/^AR-TOOL14 8\.2/);
    expect(eq('deduction_project_tCO2e')).toBe('AR-TOOL14 Appendix 2, Table 1');
    expect(report.methodology.equations.filter((e) => e.numbering === 'recalled').every((e) => e.number.startsWith('AR-ACM0003'))).toBe(true);
  });

  it('value: net × price, discounted by 1.06^t; totals are the sums', () => {
    let und = 0, pv = 0;
    for (const y of report.years) {
      const h = hand(y.t);
      und += h.net * 70;
      pv += (h.net * 70) / 1.06 ** y.t;
    }
    near(report.value.totals.revenue_cny.central, und);
    near(report.value.totals.present_revenue_cny.central, pv);
    near(report.value.totals.revenue_cny.low, (und / 70) * 50);
    near(report.value.totals.net_present_value_cny.high, (pv / 70) * 90);
  });

  it('the AR-TOOL14 deduction: d(U) × U off the project trees and onto the baseline, d from Appendix 2 Table 1', () => {
    const withDeduction = runProject(parseProject(projectJson('ar-tool14')), ctx());
    const u = withDeduction.uncertainty;
    const table = (x: number) => (x <= 0.1 ? 0 : x <= 0.15 ? 0.25 : x <= 0.2 ? 0.5 : x <= 0.3 ? 0.75 : 1);
    expect(u.project.U).toBeGreaterThan(0);
    expect(u.project.discount).toBe(table(u.project.U));
    expect(u.baseline.discount).toBe(table(u.baseline.U));
    for (const y of withDeduction.years) {
      const h = hand(y.t);
      near(y.deduction_project_tCO2e, table(u.project.U) * u.project.U * h.tree);
      near(y.deduction_baseline_tCO2e, table(u.baseline.U) * u.baseline.U * h.baseline);
      near(y.net_tCO2e, h.net - y.deduction_project_tCO2e - y.deduction_baseline_tCO2e);
    }
    // the same draws with or without the deduction: U does not depend on it
    expect(report.uncertainty.project.U).toBe(u.project.U);
  });

  it('the Monte Carlo 95 % intervals contain the central values, year by year and cumulative', () => {
    for (const y of report.years) {
      expect(y.net_95[0]).toBeLessThanOrEqual(y.net_tCO2e);
      expect(y.net_95[1]).toBeGreaterThanOrEqual(y.net_tCO2e);
      expect(y.cumulative_95[0]).toBeLessThan(y.cumulative_net_tCO2e);
      expect(y.cumulative_95[1]).toBeGreaterThan(y.cumulative_net_tCO2e);
    }
    expect(report.totals.net_95[0]).toBeLessThan(report.totals.net_tCO2e);
    expect(report.totals.net_95[1]).toBeGreaterThan(report.totals.net_tCO2e);
    expect(report.uncertainty.draws).toBe(2000);
  });

  it('the Monte Carlo with every factor at its table value gives the deterministic figures', () => {
    const project = parseProject(projectJson('none'));
    const c = ctx();
    const overlays = overlayProject(project, c);
    const byId = new Map(overlays.map((o) => [o.id, o]));
    const baselines = new Map(overlays.map((o) => [o.id, parcelBaseline(o, c.factors, c.method, 2026)]));
    const strata = stratify(project.parcels, project.designs, byId, baselines, c.factors);
    const d = projectDraws(strata, 2026, 20, c.factors, 20, { draws: 200, seed: 1 });
    report.years.forEach((y, k) => {
      near(d.project_central[k], y.tree_project_tCO2e, 1e-9);
      near(d.baseline_central[k], y.tree_baseline_tCO2e, 1e-9);
    });
  });
});
