import { describe, expect, it } from 'vitest';
import { computeAreas } from './layers.ts';
import { computeProgress } from './progress.ts';
import { COUNTY_RING, fixtureLayers, MU, refArea, STAND_SPECS, standRing, square } from './fixture.testutil.ts';

const layers = fixtureLayers();
const A = STAND_SPECS.map((s) => refArea(standRing(s))); // reference areas, m², GeographicLib directly
const mu = (m2: number) => m2 / MU;
const ha = (m2: number) => m2 / 10_000;
const COUNTY = refArea(COUNTY_RING);
// measure.ts agrees with GeographicLib to ~1e-9 relative; allow 1e-8 so the test checks our sums, not its last digits
const near = (actual: number, expected: number, rel = 1e-8) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-9);
const p = computeProgress(layers);
const T = (id: string) => {
  const t = p.targets.find((x) => x.id === id);
  if (!t) throw new Error(id);
  return t;
};

describe('target progress on a hand-made fixture', () => {
  it('stand areas match GeographicLib computed independently', () => {
    const areas = computeAreas(layers);
    A.forEach((a, i) => near(areas.stands[i], a));
    near(areas.county, COUNTY);
  });

  it('低产低效林改造: only types dated ≤ 2025 count (S2 was done in 2026)', () => {
    near(T('low_yield_forest_upgrade').value, mu(A[1] + A[3] + A[8] + A[9]));
    near(T('low_yield_replanting').value, mu(A[1]));
    near(T('low_yield_tending').value, mu(A[3]));
    near(T('low_yield_closure').value, mu(A[8]));
    near(T('low_yield_renewal').value, mu(A[9]));
    const t = T('low_yield_forest_upgrade');
    expect(t.status).toBe('missed');
    near(t.shortfall, 750_000 - t.value);
    expect(t.ratio).toBeCloseTo(t.value / 750_000, 12);
  });

  it('油茶 and 碳汇造林 areas', () => {
    near(T('oil_tea_new').value, mu(A[4]));
    near(T('oil_tea_upgrade').value, mu(A[5]));
    near(T('carbon_afforestation').value, mu(A[6]));
  });

  it('forest coverage uses China’s forest definition (S2 canopy 0.15 and S7 宜林地 excluded)', () => {
    const forest = A.reduce((s, a, i) => (i === 2 || i === 7 ? s : s + a), 0);
    near(T('forest_coverage').value, (forest / COUNTY) * 100);
    near(T('forest_land').value, mu(A.reduce((s, a) => s + a, 0)));
    expect(T('forest_stock').value).toBe(500 + 300 + 100 + 800);
  });

  it('new-energy capacity: grid-connected by 2025 = 200 + 50 MW PV + 48 MW wind = 298,000 kW', () => {
    const t = T('new_energy_capacity');
    expect(t.value).toBe(298_000);
    expect(t.status).toBe('missed');
    expect(t.shortfall).toBe(302_000);
  });

  it('named PV projects follow pv.geojson status', () => {
    expect(T('pv_changgang_agri_200')).toMatchObject({ value: 200_000, status: 'achieved', shortfall: 0 });
    expect(T('pv_butou_fishery_50')).toMatchObject({ value: 50_000, status: 'achieved' });
    expect(T('pv_gaoxing_agri_100')).toMatchObject({ value: 0, status: 'missed', shortfall: 100_000 });
    expect(T('pv_butou_agri_50')).toMatchObject({ value: 0, status: 'missed' });
  });

  it('gas by 2030: built → achieved; planned in time → on track; planned after 2030 → behind', () => {
    expect(T('gas_changgang').status).toBe('achieved');
    expect(T('gas_butou').status).toBe('behind');
    expect(T('gas_gaoxing').status).toBe('on_track'); // township gas_status 规划2030
    expect(T('gas_high_speed_rail_area').status).toBe('on_track');
  });

  it('mine, wetland and substations', () => {
    expect(T('mine_fanglingpai')).toMatchObject({ value: 0, status: 'on_track' });
    // 小微湿地 only: w2 实施中, w3 已完成; the park (w1) is reported in the detail, not counted
    const w2 = refArea(square(115.31, 26.32, 0.006));
    const w3 = refArea(square(115.33, 26.32, 0.005));
    near(T('wetland_lianjiang').value, (w3 / (w2 + w3)) * 100);
    expect(T('wetland_lianjiang').detail).toMatch(/潋江国家湿地公园 itself: 实施中/);
    expect(T('wetland_lianjiang').status).toBe('on_track');
    expect(T('substation_nanwai_110').status).toBe('achieved');
    expect(T('substation_changgang_220').status).toBe('on_track');
  });

  it('county carbon stock = hand sum of each stand’s formula', () => {
    const tC =
      500 * 0.307 * 1.634 * 1.246 * 0.52 + // S0 杉木
      300 * 0.38 * 1.472 * 1.187 * 0.46 + // S1 马尾松
      100 * 0.598 * 1.674 * 1.261 * 0.497 + // S2 硬阔
      40.45 * ha(A[3]) + // S3 毛竹
      12.857 * ha(A[4] + A[5]) + // S4, S5 油茶
      32.5 * (1 - Math.exp(-0.129 * 4)) ** 2 * ha(A[6]) + // S6 碳汇造林 planted 2022, t = 4
      800 * 0.482 * 1.514 * 1.262 * 0.49; // S9 阔叶混 (S7 bare, S8 shrubs: 0)
    near(p.county.carbon_stock_by_source_tCO2e.stands, (tC * 44) / 12);
  });

  it('wetland sink and avoided emissions are kept apart', () => {
    const wet = [square(115.3, 26.32, 0.004), square(115.31, 26.32, 0.006), square(115.33, 26.32, 0.005)].reduce((s, r) => s + refArea(r), 0);
    near(p.county.annual_sink_by_source_tCO2e.wetlands, ((0.22 * ha(wet)) * 44) / 12);
    // operating by 2026: PV 250 MW × 1075 h + wind 98 MW × 2050 h = 469,650 MWh × 0.5271
    near(p.county.avoided_emissions.total_tco2_per_yr, 247_552.515);
    const s = p.county.annual_sink_by_source_tCO2e;
    near(p.county.annual_sink_tCO2e, s.stands + s.wetlands + s.mines + s.carbon_pilots);
  });

  it('roll-ups: township, cumulative years, species × age', () => {
    const gx = p.by_township.find((r) => r.code === '360732101')!;
    near(gx.area_mu, mu(A[3] + A[4] + A[6]));
    expect(gx.grid_connected_kw).toBe(48_000);
    const townB = refArea([[115.32, 26.29], [115.35, 26.29], [115.35, 26.35], [115.32, 26.35], [115.32, 26.29]]);
    near(gx.coverage_pct!, ((A[3] + A[4] + A[6]) / townB) * 100);
    const y = Object.fromEntries(p.by_year.map((r) => [r.year, r.upgrade_total_mu]));
    near(y[2021], mu(A[9]));
    near(y[2023], mu(A[9] + A[1]));
    near(y[2025], mu(A[9] + A[1] + A[3] + A[8]));
    near(y[2026], mu(A[9] + A[1] + A[3] + A[8] + A[2]));
    const fir = p.by_species_age.find((r) => r.species_group === '杉木' && r.age_group === '中龄林')!;
    near(fir.area_mu, mu(A[0]));
  });

  it('uses precomputed areas when given (the area pass can be cached)', () => {
    const areas = computeAreas(layers);
    const doubled = { ...areas, stands: areas.stands.map((a) => a * 2) };
    const q = computeProgress(layers, { areas: doubled });
    near(q.county.forest_land_mu, 2 * p.county.forest_land_mu);
  });

  it('status flips to achieved when the fixture meets a (custom) target', () => {
    const q = computeProgress(layers, {
      targets: [{ ...T('oil_tea_new'), target: 1 }, { ...T('forest_stock'), target: 1700 }],
    });
    expect(q.targets.map((t) => t.status)).toEqual(['achieved', 'achieved']);
  });
});
