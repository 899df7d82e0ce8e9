import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS as F, validateFactors } from './factors.ts';
import { befCarbon, fangCarbon, standCarbon, volumeGrowthRate } from './stand.ts';

const YEAR = 2026;
const HA = 10_000; // m² in one hectare = 15 亩

describe('IPCC Tier 2 volume–biomass (default)', () => {
  it('杉木, 100 m³ on 1 ha, 中龄林 — hand arithmetic', () => {
    // C = V × D × BEF × (1+R) × CF = 100 × 0.307 × 1.634 × 1.246 × 0.52
    //   0.307 × 1.634 = 0.501638; × 1.246 = 0.625040948; × 0.52 = 0.325021293; × 100 = 32.5021293 t C
    // CO2e = 32.5021293 × 44/12 = 119.1744741
    // sink: V × 8 %/yr = 8 m³ → 8 × 0.325021293 = 2.600170344 t C = 9.533957928 t CO2e
    const r = standCarbon({ species: '杉木', age_group: '中龄林', stock_m3: 100, area_m2: HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.method).toBe('ipcc_bef');
    expect(r.species_group).toBe('杉木');
    expect(r.area_mu).toBeCloseTo(15, 10);
    expect(r.carbon_stock_tC).toBeCloseTo(32.5021293, 6);
    expect(r.carbon_stock_tCO2e).toBeCloseTo(119.1744741, 6);
    expect(r.annual_sink_tC).toBeCloseTo(2.600170344, 8);
    expect(r.annual_sink_tCO2e).toBeCloseTo(9.533957928, 8);
  });

  it('raw 二类 species names use their own rows (木荷: 50 m³ × 0.598 × 1.894 × 1.258 × 0.497)', () => {
    // 0.598 × 1.894 = 1.132612; × 1.258 = 1.424825896; × 0.497 = 0.708138470; × 50 = 35.40692351 t C
    expect(befCarbon(50, F.bef.rows['木荷'])).toBeCloseTo(35.40692351, 7);
    const r = standCarbon({ species: '木荷', age_group: '幼龄林', stock_m3: 50, area_m2: HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.carbon_stock_tC).toBeCloseTo(35.40692351, 7);
    // 幼龄林 12.5 %: 6.25 m³ × 0.708138470 = 4.425865438 t C
    expect(r.annual_sink_tC).toBeCloseTo(4.425865438, 7);
  });

  it('no age group → no growth; unknown species → reported as 未知 with zero', () => {
    const a = standCarbon({ species: '杉木', age_group: null, stock_m3: 10, area_m2: HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(a.annual_sink_tC).toBe(0);
    const u = standCarbon({ species: '火星树', age_group: '中龄林', stock_m3: 10, area_m2: HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(u.species_group).toBe('未知');
    expect(u.carbon_stock_tC).toBe(0);
  });

  it('volume growth falls with age group', () => {
    const rates = ['幼龄林', '中龄林', '近熟林', '成熟林', '过熟林'].map((a) => volumeGrowthRate('杉木', a, F));
    expect(rates).toEqual([0.125, 0.08, 0.05, 0.025, 0.01]);
  });
});

describe('Fang biomass–volume alternative', () => {
  it('杉木, 100 m³ on 1 ha: (0.4652 × 100 + 19.141 × 1) × 0.5 = 32.8305 t C', () => {
    expect(fangCarbon(100, 1, F.fang.rows['杉木'], 0.5)).toBeCloseTo(32.8305, 10);
    const r = standCarbon({ species: '杉木', age_group: '中龄林', stock_m3: 100, area_m2: HA }, F, { method: 'fang', year: YEAR });
    expect(r.method).toBe('fang');
    expect(r.carbon_stock_tC).toBeCloseTo(32.8305, 10);
    // sink = a × V × rate × CF = 0.4652 × 100 × 0.08 × 0.5 = 1.8608 t C
    expect(r.annual_sink_tC).toBeCloseTo(1.8608, 10);
  });

  it('the intercept scales with area: 200 m³ on 2 ha = (0.4652 × 200 + 19.141 × 2) × 0.5 = 65.661', () => {
    const r = standCarbon({ species: '杉木', age_group: '成熟林', stock_m3: 200, area_m2: 2 * HA }, F, { method: 'fang', year: YEAR });
    expect(r.carbon_stock_tC).toBeCloseTo(65.661, 10);
  });

  it('no volume → no Fang intercept carbon', () => {
    expect(fangCarbon(0, 3, F.fang.rows['杉木'], 0.5)).toBe(0);
  });
});

describe('bamboo and 油茶 per-area densities', () => {
  it('毛竹 2 ha: stock 2 × 40.45 = 80.9 t C; sink 2 × 6 = 12 t C = 44 t CO2e', () => {
    const r = standCarbon({ species: '毛竹', age_group: null, stock_m3: 0, area_m2: 2 * HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.method).toBe('bamboo_density');
    expect(r.carbon_stock_tC).toBeCloseTo(80.9, 10);
    expect(r.annual_sink_tCO2e).toBeCloseTo(44, 10);
  });
  it('油茶 3 ha: stock 3 × 12.857 = 38.571 t C; sink 3 × 1.5 = 4.5 t C = 16.5 t CO2e', () => {
    const r = standCarbon({ species: '油茶', age_group: null, stock_m3: 0, area_m2: 3 * HA }, F, { method: 'fang', year: YEAR });
    expect(r.method).toBe('oil_tea_density');
    expect(r.carbon_stock_tC).toBeCloseTo(38.571, 10);
    expect(r.annual_sink_tCO2e).toBeCloseTo(16.5, 10);
  });
});

describe('碳汇造林 stand uses the growth curve, not its volume', () => {
  it('planted 2022, assessed 2026 (t = 4), 1 ha', () => {
    // C(4) = 32.5 × (1 − e^(−0.129×4))² ; e^(−0.516) = 0.596903 → 0.403097² = 0.162487 → 5.28083 t C/ha
    // C(3) = 32.5 × (1 − e^(−0.387))² ; e^(−0.387) = 0.679091 → 0.320909² = 0.102983 → 3.34695
    const r = standCarbon(
      { species: '杉木', age_group: '幼龄林', stock_m3: 3, area_m2: HA, carbon_afforestation: true, afforestation_year: 2022 },
      F,
      { method: 'ipcc_bef', year: YEAR },
    );
    expect(r.method).toBe('afforestation_curve');
    expect(r.carbon_stock_tC).toBeCloseTo(5.28083, 4);
    expect(r.annual_sink_tC).toBeCloseTo(5.28083 - 3.34695, 4);
  });
});

describe('factor table', () => {
  it('defaults validate; a broken table is rejected with the field named', () => {
    expect(validateFactors(F)).toEqual([]);
    const bad = structuredClone(F) as unknown as { bef: { rows: Record<string, { D: unknown }> } };
    bad.bef.rows['杉木'].D = 'x';
    expect(validateFactors(bad)).toContain('bef.rows.杉木.D must be a number ≥ 0');
  });
  it('every factor carries a unit, source and status', () => {
    for (const k of ['bambooDensity', 'bambooSink', 'oilTeaDensity', 'oilTeaSink', 'wetlandBurial', 'fangCF'] as const) {
      expect(F[k].unit.length).toBeGreaterThan(0);
      expect(F[k].source.length).toBeGreaterThan(0);
      expect(['verified', 'corroborated', 'unverified']).toContain(F[k].status);
    }
    expect(F.bef.note).toMatch(/checked against the guideline/);
  });
});
