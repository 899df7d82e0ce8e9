// One growth model: the dashboard's stands, the planner's with/without view and a project's strata read the same curve.
import { describe, expect, it } from 'vitest';
import { projectComparison } from '../analysis/with-without.ts';
import { stratumYear } from '../projects/removals.ts';
import { stratumCurves, type Stratum } from '../projects/strata.ts';
import { afforestationDensity, curveFor, plantedDensity, richards } from './curves.ts';
import { CO2_PER_C, DEFAULT_FACTORS as F } from './factors.ts';
import { monteCarlo, UncertaintyCells } from './monte-carlo.ts';
import { afforestationCarbon } from './other-sinks.ts';
import { standCarbon } from './stand.ts';

const HA = 10_000;

describe('curves', () => {
  it('a group with its own row (马尾松) uses it; any other group the default planted-杉木 curve', () => {
    expect(curveFor('马尾松', F)).toMatchObject({ row: '马尾松', A: 56.25, k: 0.0455, c: 2 });
    expect(curveFor('木荷', F)).toMatchObject({ row: '', A: 32.5, k: 0.129, c: 2 });
    expect(curveFor(null, F)).toMatchObject({ row: '', A: 32.5 });
    expect(afforestationDensity(10, F, '马尾松')).toBeCloseTo(56.25 * (1 - Math.exp(-0.455)) ** 2, 12);
    // a table without species rows grows everything on the default
    const { plantationCurves: _drop, ...old } = F;
    expect(afforestationDensity(10, old as typeof F, '马尾松')).toBe(afforestationDensity(10, F));
  });

  it('plantedDensity: share-weighted curves, A scaled by the site class', () => {
    const mix = { species: [{ group: '马尾松', share: 0.4 }, { group: '杉木', share: 0.6 }], site: 'I' as const };
    const expected = 0.4 * richards(12, 56.25 * 1.15, 0.0455, 2) + 0.6 * richards(12, 32.5 * 1.15, 0.129, 2);
    expect(plantedDensity(12, mix, F)).toBeCloseTo(expected, 12);
    expect(plantedDensity(0, mix, F)).toBe(0);
  });

  it('dashboard stand, planner with/without and project stratum agree for the same planting', () => {
    const planted = 2020, year = 2035, t = year - planted;
    // dashboard: a 碳汇造林 马尾松 stand without recorded volume
    const s = standCarbon({ species: '马尾松', age_group: '幼龄林', stock_m3: 0, area_m2: 2 * HA, carbon_afforestation: true, afforestation_year: planted }, F, { method: 'ipcc_bef', year });
    expect(s.method).toBe('afforestation_curve');
    expect(s.carbon_stock_tC).toBeCloseTo(2 * afforestationDensity(t, F, '马尾松'), 9);
    // planner: with/without of the same planting
    const cmp = projectComparison('造林', 2 * HA, planted, F, { species: [{ group: '马尾松', share: 1 }] })!;
    const row = cmp.rows.find((r) => r.years === 10)!;
    expect(row.with_tCO2e).toBeCloseTo(2 * plantedDensity(10, { species: [{ group: '马尾松', share: 1 }] }, F) * CO2_PER_C, 9);
    // project: a stratum of 2 ha planted in `planted`, crediting year ending in `year`
    const design = { id: 'D', species: [{ group: '马尾松', share: 1 }], density_per_ha: 2500, planting_year: planted, site_class: 'II' as const };
    const stratum = { design, area_ha: 2, curves: stratumCurves(design, F), shrub_loss_tCO2e: 0, leakage_tCO2e: 0, baseline_tree_removal_tCO2e_per_yr: 0 } as unknown as Stratum;
    const y = stratumYear(stratum, year - 2019, 2019, F, 20);
    expect(y.tree_stock_tCO2e).toBeCloseTo(s.carbon_stock_tCO2e, 9);
    expect(y.tree_project_tCO2e).toBeCloseTo(s.annual_sink_tCO2e, 9);
    // without a design the planner keeps the default curve, as the pilot layer does
    const plain = projectComparison('造林', HA, planted, F)!;
    expect(plain.rows[0].with_tCO2e).toBeCloseTo(afforestationCarbon(HA, planted, planted + 10, F).carbon_stock_tCO2e, 9);
  });

  it('the Monte Carlo draws a species row on its own; its central value is the curve', () => {
    const cells = new UncertaintyCells();
    cells.addPlanting('p', '马尾松', 15, 3, 'III');
    cells.addPlanting('p', '杉木', 15, 1, null);
    const r = monteCarlo(cells, F, { draws: 500, seed: 3, keepSamples: true });
    const central = 3 * plantedDensity(15, { species: [{ group: '马尾松', share: 1 }], site: 'III' }, F) + afforestationDensity(15, F);
    expect(r.county.carbon_stock_tCO2e.central).toBeCloseTo(central * CO2_PER_C, 9);
    expect(r.county.carbon_stock_tCO2e.lo).toBeLessThan(r.county.carbon_stock_tCO2e.central);
    expect(r.county.carbon_stock_tCO2e.hi).toBeGreaterThan(r.county.carbon_stock_tCO2e.central);
    // kept samples are the draws behind the interval
    const sorted = Float64Array.from(r.samples!.p.stock).sort();
    const q = (p: number) => { const x = p * (sorted.length - 1), i = Math.floor(x); return sorted[i] + (sorted[i + 1] - sorted[i]) * (x - i); };
    expect(q(0.025) * CO2_PER_C).toBeCloseTo(r.county.carbon_stock_tCO2e.lo, 6);
    expect(q(0.975) * CO2_PER_C).toBeCloseTo(r.county.carbon_stock_tCO2e.hi, 6);
  });
});
