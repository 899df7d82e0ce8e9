import { describe, expect, it } from 'vitest';
import { CO2_PER_C, DEFAULT_FACTORS as F } from './factors.ts';
import { monteCarlo, multiplier, normalQuantile, UncertaintyCells } from './monte-carlo.ts';
import { standCarbon } from './stand.ts';

const HA = 10_000;
const stand = (species: string, extra: Record<string, unknown> = {}) =>
  standCarbon({ species, age_group: '中龄林', stock_m3: 100, area_m2: HA, origin: '人工', ...extra }, F, { method: 'ipcc_bef', year: 2026 });

describe('sampling', () => {
  it('normal quantiles and triangular inverse CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    // triangular 35–60, mode 40.45: F(mode) = 5.45 / 25 = 0.218
    const u = F.bambooDensity.uncertainty;
    expect(multiplier(u, 40.45, 0.218) * 40.45).toBeCloseTo(40.45, 9);
    expect(multiplier(u, 40.45, 0) * 40.45).toBeCloseTo(35, 9);
    expect(multiplier(u, 40.45, 1) * 40.45).toBeCloseTo(60, 9);
  });
});

describe('monteCarlo', () => {
  it('a bamboo-only county: stock interval = the triangular 2.5/97.5 % quantiles × area', () => {
    // quantiles of triangular(35, 40.45, 60): 35 + √(0.025 × 25 × 5.45) = 36.8456; 60 − √(0.025 × 25 × 19.55) = 56.5045
    const cells = new UncertaintyCells();
    cells.addStand('t1', standCarbon({ species: '毛竹', age_group: null, stock_m3: 0, area_m2: 10 * HA }, F, { method: 'ipcc_bef', year: 2026 }));
    const r = monteCarlo(cells, F, { draws: 20_000, seed: 7 });
    expect(r.county.carbon_stock_tCO2e.central).toBeCloseTo(404.5 * CO2_PER_C, 8);
    expect(r.county.carbon_stock_tCO2e.lo / CO2_PER_C / 10).toBeCloseTo(36.85, 0);
    expect(r.county.carbon_stock_tCO2e.hi / CO2_PER_C / 10).toBeCloseTo(56.5, 0);
    expect(Math.abs(r.county.carbon_stock_tCO2e.lo / CO2_PER_C / 10 - 36.8456)).toBeLessThan(0.3);
    expect(Math.abs(r.county.carbon_stock_tCO2e.hi / CO2_PER_C / 10 - 56.5045)).toBeLessThan(0.3);
  });

  it('central values equal the deterministic sums; the interval contains them; same seed → same result', () => {
    const cells = new UncertaintyCells();
    const rs = [stand('杉木'), stand('马尾松', { origin: '天然' }), stand('毛竹'), stand('硬阔', { age_group: '成熟林' })];
    rs.forEach((r, i) => cells.addStand(i < 2 ? 'a' : 'b', r));
    const a = monteCarlo(cells, F);
    expect(a.draws).toBe(1000);
    const stock = rs.reduce((s, r) => s + r.carbon_stock_tCO2e, 0);
    const sink = rs.reduce((s, r) => s + r.annual_sink_tCO2e, 0);
    expect(a.county.carbon_stock_tCO2e.central).toBeCloseTo(stock, 8);
    expect(a.county.annual_sink_tCO2e.central).toBeCloseTo(sink, 8);
    for (const s of [a.county, a.by_scope.a, a.by_scope.b]) {
      for (const k of ['carbon_stock_tCO2e', 'annual_sink_tCO2e'] as const) {
        expect(s[k].lo).toBeLessThan(s[k].central);
        expect(s[k].hi).toBeGreaterThan(s[k].central);
      }
    }
    expect(monteCarlo(cells, F)).toEqual(a);
    expect(monteCarlo(cells, F, { seed: 1 }).county.carbon_stock_tCO2e.lo).not.toBe(a.county.carbon_stock_tCO2e.lo);
  });

  it('stands of one species group move together; different groups are independent', () => {
    // Two townships of 杉木: fully correlated, so the county's relative width equals each township's.
    const same = new UncertaintyCells();
    same.addStand('a', stand('杉木'));
    same.addStand('b', stand('杉木'));
    const s = monteCarlo(same, F);
    const rel = (x: { lo: number; hi: number; central: number }) => (x.hi - x.lo) / x.central;
    expect(rel(s.county.carbon_stock_tCO2e)).toBeCloseTo(rel(s.by_scope.a.carbon_stock_tCO2e), 10);
    // 杉木 and 湿地松 have their own BEF rows: independent, so the county is relatively narrower.
    const diff = new UncertaintyCells();
    diff.addStand('a', stand('杉木'));
    diff.addStand('b', stand('湿地松', { stock_m3: 76.65 })); // about the same carbon as the 杉木 stand
    const d = monteCarlo(diff, F);
    expect(rel(d.county.carbon_stock_tCO2e)).toBeLessThan(0.85 * rel(d.by_scope.a.carbon_stock_tCO2e));
  });

  it('aggregating stands into cells changes nothing: 50 identical stands = one stand × 50', () => {
    const many = new UncertaintyCells();
    for (let i = 0; i < 50; i++) many.addStand('a', stand('杉木'));
    const one = new UncertaintyCells();
    one.addStand('a', standCarbon({ species: '杉木', age_group: '中龄林', stock_m3: 5000, area_m2: 50 * HA, origin: '人工' }, F, { method: 'ipcc_bef', year: 2026 }));
    expect(many.scopes.get('a')!.size).toBe(1);
    const m = monteCarlo(many, F), o = monteCarlo(one, F);
    expect(m.county.annual_sink_tCO2e.lo).toBeCloseTo(o.county.annual_sink_tCO2e.lo, 6);
    expect(m.county.carbon_stock_tCO2e.hi).toBeCloseTo(o.county.carbon_stock_tCO2e.hi, 6);
  });
});
