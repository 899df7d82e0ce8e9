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
    expect(T('wetland_lianjiang').detail).toContainEqual({ key: 'wetland_park', params: { park: '潋江国家湿地公园', status: '实施中' } });
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
      12.857 * (1 - Math.exp(-0.25 * 3)) ** 2 * ha(A[4]) + // S4 油茶 新造高产 2023: grows from planting, t = 3
      12.857 * ha(A[5]) + // S5 油茶 低产改造: established stand
      32.5 * (1 - Math.exp(-0.129 * 4)) ** 2 * ha(A[6]) + // S6 碳汇造林 planted 2022, t = 4
      800 * 0.482 * 1.514 * 1.262 * 0.49; // S9 阔叶混 (S7 bare, S8 shrubs: 0)
    near(p.county.carbon_stock_by_source_tCO2e.stands, (tC * 44) / 12);
  });

  it('net stand sink = gross growth − harvest − mortality, each hand-summed (all stands 人工)', () => {
    const fir = 0.307 * 1.634 * 1.246 * 0.52, pine = 0.38 * 1.472 * 1.187 * 0.46, hard = 0.598 * 1.674 * 1.261 * 0.497, mixed = 0.482 * 1.514 * 1.262 * 0.49;
    const oil = (t: number) => 12.857 * (1 - Math.exp(-0.25 * t)) ** 2;
    const curve = (t: number) => 32.5 * (1 - Math.exp(-0.129 * t)) ** 2;
    // S0 杉木 中龄林 500 m³: growth 8 %, 杉木 row harvest 2.5 %, mortality 0.5 %
    // S1 马尾松 幼龄林 300 m³: growth 12.5 %, 马尾松 row 2 % + 1 %
    // S2 硬阔 中龄林 100 m³: growth 8 %, default row 2 % + 0.5 %
    // S9 阔叶混 成熟林 800 m³: growth 2.5 %, default row 2 % + 0.5 % → net 0
    const gross = 500 * 0.08 * fir + 300 * 0.125 * pine + 100 * 0.08 * hard + 800 * 0.025 * mixed
      + 6 * ha(A[3]) + (oil(3) - oil(2)) * ha(A[4]) + 1.5 * ha(A[5]) + (curve(4) - curve(3)) * ha(A[6]);
    const harvest = 500 * 0.025 * fir + 300 * 0.02 * pine + 100 * 0.02 * hard + 800 * 0.02 * mixed
      + 5 * ha(A[3]) + 1.0 * ha(A[5]); // bamboo culms cut: 6 − 1; 油茶 prunings and fruit: 1.5 − 0.5
    const mortality = 500 * 0.005 * fir + 300 * 0.01 * pine + 100 * 0.005 * hard + 800 * 0.005 * mixed;
    const net = 500 * 0.05 * fir + 300 * 0.095 * pine + 100 * 0.055 * hard + 0
      + 1.0 * ha(A[3]) + (oil(3) - oil(2)) * ha(A[4]) + 0.5 * ha(A[5]) + (curve(4) - curve(3)) * ha(A[6]);
    const s = p.summary.county;
    near(s.gross_growth_tCO2e, (gross * 44) / 12);
    near(s.harvest_tCO2e, (harvest * 44) / 12);
    near(s.mortality_tCO2e, (mortality * 44) / 12);
    near(s.annual_sink_tCO2e, (net * 44) / 12);
    near(p.county.annual_sink_by_source_tCO2e.stands, (net * 44) / 12);
    expect(p.county.annual_sink_tCO2e).toBeLessThan(p.county.gross_growth_tCO2e);
    near(p.county.annual_sink_tCO2e, p.county.gross_growth_tCO2e - p.county.harvest_tCO2e - p.county.mortality_tCO2e);
  });

  it('carbon density is t C per ha of forest area; the 95 % intervals contain the central figures', () => {
    // forest stands: S0, S1, S3 (竹林地), S4, S5, S6, S8 (特灌林地), S9 — S2 (canopy 0.15) and S7 (宜林地) are not forest
    const fir = 0.307 * 1.634 * 1.246 * 0.52, pine = 0.38 * 1.472 * 1.187 * 0.46, mixed = 0.482 * 1.514 * 1.262 * 0.49;
    const forestC = 500 * fir + 300 * pine + 40.45 * ha(A[3]) + 12.857 * (1 - Math.exp(-0.75)) ** 2 * ha(A[4]) + 12.857 * ha(A[5])
      + 32.5 * (1 - Math.exp(-0.129 * 4)) ** 2 * ha(A[6]) + 800 * mixed;
    const forestHa = ha(A[0] + A[1] + A[3] + A[4] + A[5] + A[6] + A[8] + A[9]);
    near(p.county.carbon_density_tC_per_ha, forestC / forestHa);
    const u = p.county.uncertainty;
    expect(u.draws).toBeGreaterThanOrEqual(1000);
    expect(u.carbon_stock_tCO2e[0]).toBeLessThan(p.county.carbon_stock_tCO2e);
    expect(u.carbon_stock_tCO2e[1]).toBeGreaterThan(p.county.carbon_stock_tCO2e);
    expect(u.annual_sink_tCO2e[0]).toBeLessThan(p.county.annual_sink_tCO2e);
    expect(u.annual_sink_tCO2e[1]).toBeGreaterThan(p.county.annual_sink_tCO2e);
    near(p.mc.county.carbon_stock_tCO2e.central, p.county.carbon_stock_tCO2e, 1e-9);
    near(p.mc.county.annual_sink_tCO2e.central, p.county.annual_sink_tCO2e, 1e-9);
  });

  it('provenance: the IPCC stock rests on unverified factors except bamboo (verified density)', () => {
    const bambooStock = (40.45 * ha(A[3]) * 44) / 12;
    near(p.county.provenance.unverified_share.carbon_stock, 1 - bambooStock / p.county.carbon_stock_tCO2e);
    expect(p.county.provenance.unverified_share.annual_sink).toBe(1);
    expect(p.county.provenance.factors_version).toBe(p.factors_version);
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
    near(gx.forest_land_mu, mu(A[3] + A[4] + A[6]));
    expect(gx.avoided_emissions.grid_connected_kw).toBe(48_000);
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
