import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS as F, FACTOR_STATUSES, validateFactors } from './factors.ts';
import { speciesGroupOf } from './species-groups.ts';
import { befCarbon, fangCarbon, standCarbon, volumeGrowthRate, weakest } from './stand.ts';

const YEAR = 2026;
const HA = 10_000; // m² in one hectare = 15 亩
// 杉木 C per m³ = D × BEF × (1+R) × CF = 0.307 × 1.634 × 1.246 × 0.52
//   0.307 × 1.634 = 0.501638; × 1.246 = 0.625040948; × 0.52 = 0.32502129296 t C/m³
const FIR = 0.32502129296;

describe('IPCC Tier 2 volume–biomass (default): stock, gross growth, harvest, mortality, net', () => {
  it('杉木 人工, 100 m³ on 1 ha, 中龄林 — hand arithmetic', () => {
    // stock 100 × 0.32502129296 = 32.502129296 t C = × 44/12 = 119.1744741 t CO2e
    // gross 100 × 8 %/yr = 8 m³ → 2.6001703437 t C; harvest (杉木 人工 2.5 %) 2.5 m³ → 0.8125532324;
    // mortality 0.5 % → 0.5 m³ → 0.1625106465; net 5 m³ → 1.6251064648 t C = 5.9587237043 t CO2e
    const r = standCarbon({ species: '杉木', age_group: '中龄林', stock_m3: 100, area_m2: HA, origin: '人工' }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.method).toBe('ipcc_bef');
    expect(r.species_group).toBe('杉木');
    expect(r.area_mu).toBeCloseTo(15, 10);
    expect(r.carbon_stock_tC).toBeCloseTo(32.502129296, 8);
    expect(r.carbon_stock_tCO2e).toBeCloseTo(119.1744741, 6);
    expect(r.gross_growth_tC).toBeCloseTo(2.6001703437, 8);
    expect(r.harvest_tC).toBeCloseTo(0.8125532324, 8);
    expect(r.mortality_tC).toBeCloseTo(0.1625106465, 8);
    expect(r.annual_sink_tC).toBeCloseTo(1.6251064648, 8);
    expect(r.annual_sink_tCO2e).toBeCloseTo(5.9587237043, 8);
    expect(r.stock_status).toBe('assumption'); // the §2.1 table is recalled, not checked
  });

  it('harvested stand: 杉木 人工 成熟林 200 m³ on 2 ha — growth 2.5 % < harvest 2.5 % + mortality 0.5 %, a net source', () => {
    // gross 5 m³, harvest 5 m³, mortality 1 m³ → net −1 m³ × 0.32502129296 = −0.32502129296 t C = −1.1917447409 t CO2e
    const r = standCarbon({ species: '杉木', age_group: '成熟林', stock_m3: 200, area_m2: 2 * HA, origin: '人工' }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.gross_growth_tC).toBeCloseTo(5 * FIR, 9);
    expect(r.harvest_tC).toBeCloseTo(5 * FIR, 9);
    expect(r.mortality_tC).toBeCloseTo(FIR, 9);
    expect(r.annual_sink_tC).toBeCloseTo(-0.32502129296, 9);
    expect(r.annual_sink_tCO2e).toBeCloseTo(-1.1917447409, 8);
  });

  it('natural 木荷 uses its own BEF row and the default natural-forest consumption (50 m³, 幼龄林)', () => {
    // C/m³ = 0.598 × 1.894 × 1.258 × 0.497 = 0.708138470; stock 50 m³ → 35.40692351 t C
    // gross 12.5 % → 6.25 m³ → 4.425865439; consumption 天然 0.5 % + 0.8 % → 0.65 m³ → 0.460290006; net 5.6 m³ → 3.965575434
    expect(befCarbon(50, F.bef.rows['木荷'])).toBeCloseTo(35.40692351, 7);
    const r = standCarbon({ species: '木荷', age_group: '幼龄林', stock_m3: 50, area_m2: HA, origin: '天然' }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.carbon_stock_tC).toBeCloseTo(35.40692351, 7);
    expect(r.gross_growth_tC).toBeCloseTo(4.425865439, 7);
    expect(r.harvest_tC + r.mortality_tC).toBeCloseTo(0.460290006, 7);
    expect(r.annual_sink_tC).toBeCloseTo(3.965575434, 7);
  });

  it('unknown origin counts as planted (the larger harvest); no age group → no flows; unknown species → 未知', () => {
    const planted = standCarbon({ species: '杉木', age_group: '中龄林', stock_m3: 100, area_m2: HA, origin: '人工' }, F, { method: 'ipcc_bef', year: YEAR });
    const unknown = standCarbon({ species: '杉木', age_group: '中龄林', stock_m3: 100, area_m2: HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(unknown.annual_sink_tC).toBe(planted.annual_sink_tC);
    const a = standCarbon({ species: '杉木', age_group: null, stock_m3: 10, area_m2: HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect([a.gross_growth_tC, a.harvest_tC, a.annual_sink_tC]).toEqual([0, 0, 0]);
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
  it('杉木 人工, 100 m³ on 1 ha: stock (0.4652 × 100 + 19.141) × 0.5 = 32.8305; flows at a × CF per m³', () => {
    expect(fangCarbon(100, 1, F.fang.rows['杉木'], 0.5)).toBeCloseTo(32.8305, 10);
    const r = standCarbon({ species: '杉木', age_group: '中龄林', stock_m3: 100, area_m2: HA, origin: '人工' }, F, { method: 'fang', year: YEAR });
    expect(r.method).toBe('fang');
    expect(r.carbon_stock_tC).toBeCloseTo(32.8305, 10);
    // gross 0.4652 × 100 × 0.08 × 0.5 = 1.8608; harvest × 0.025 → 0.5815; mortality × 0.005 → 0.1163; net × 0.05 → 1.163
    expect(r.gross_growth_tC).toBeCloseTo(1.8608, 10);
    expect(r.harvest_tC).toBeCloseTo(0.5815, 10);
    expect(r.mortality_tC).toBeCloseTo(0.1163, 10);
    expect(r.annual_sink_tC).toBeCloseTo(1.163, 10);
    expect(r.stock_status).toBe('secondary'); // a, b read in 李银 2016, which quotes Fang
    expect(r.sink_status).toBe('assumption');
  });

  it('the intercept scales with area: 200 m³ on 2 ha = (0.4652 × 200 + 19.141 × 2) × 0.5 = 65.661', () => {
    const r = standCarbon({ species: '杉木', age_group: '成熟林', stock_m3: 200, area_m2: 2 * HA }, F, { method: 'fang', year: YEAR });
    expect(r.carbon_stock_tC).toBeCloseTo(65.661, 10);
  });

  it('no volume → no Fang intercept carbon', () => {
    expect(fangCarbon(0, 3, F.fang.rows['杉木'], 0.5)).toBe(0);
  });
});

describe('bamboo: net stock change, not the culms cut each year', () => {
  it('毛竹 2 ha: stock 2 × 40.45 = 80.9 t C; gross 2 × 6 = 12; net 2 × 1.0 = 2 t C = 7.3333 t CO2e; harvest 10', () => {
    const r = standCarbon({ species: '毛竹', age_group: null, stock_m3: 0, area_m2: 2 * HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.method).toBe('bamboo_net_rate');
    expect(r.carbon_stock_tC).toBeCloseTo(80.9, 10);
    expect(r.gross_growth_tC).toBeCloseTo(12, 10);
    expect(r.annual_sink_tC).toBeCloseTo(2, 10);
    expect(r.annual_sink_tCO2e).toBeCloseTo(7.333333333, 8);
    expect(r.harvest_tC).toBeCloseTo(10, 10);
    expect(r.annual_sink_tC / 2).toBeLessThanOrEqual(2.5);
    expect([r.stock_status, r.sink_status]).toEqual(['verified', 'assumption']);
  });
});

describe('油茶: established stands and new plantings', () => {
  it('established (低产改造) 3 ha: stock 3 × 12.857 = 38.571 t C; net 3 × 0.5 = 1.5 t C = 5.5 t CO2e; gross 4.5', () => {
    const r = standCarbon({ species: '油茶', age_group: null, stock_m3: 0, area_m2: 3 * HA, oil_tea_work: '低产改造', oil_tea_year: 2021 }, F, { method: 'fang', year: YEAR });
    expect(r.method).toBe('oil_tea_density');
    expect(r.carbon_stock_tC).toBeCloseTo(38.571, 10);
    expect(r.annual_sink_tCO2e).toBeCloseTo(5.5, 10);
    expect(r.gross_growth_tC).toBeCloseTo(4.5, 10);
  });

  it('new planting (新造高产) in its second year after planting: planted 2024, assessed 2026 (t = 2), 1 ha', () => {
    // C(t) = 12.857 × (1 − e^(−0.25 t))²
    // C(2): e^(−0.5) = 0.6065306597 → 0.3934693403² = 0.1548181217 → 1.9904965913 t C/ha
    // C(1): e^(−0.25) = 0.7788007831 → 0.2211992169² = 0.0489290936 → 0.6290813560 t C/ha
    // sink 1.3614152353 t C — not the 12.857 t C/ha full density from year one
    const r = standCarbon({ species: '油茶', age_group: '幼龄林', stock_m3: 0, area_m2: HA, oil_tea_work: '新造高产', oil_tea_year: 2024 }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.method).toBe('oil_tea_planting');
    expect(r.years_since_planting).toBe(2);
    expect(r.carbon_stock_tC).toBeCloseTo(1.9904965913, 8);
    expect(r.annual_sink_tC).toBeCloseTo(1.3614152353, 8);
    expect(r.gross_growth_tC).toBeCloseTo(r.annual_sink_tC, 12);
    expect(r.harvest_tC).toBe(0);
    const notYet = standCarbon({ species: '油茶', age_group: null, stock_m3: 0, area_m2: HA, oil_tea_work: '新造高产', oil_tea_year: 2027 }, F, { method: 'ipcc_bef', year: YEAR });
    expect([notYet.carbon_stock_tC, notYet.annual_sink_tC]).toEqual([0, 0]);
  });
});

describe('碳汇造林 plots', () => {
  it('without recorded volume: growth curve from planting, planted 2022, assessed 2026 (t = 4), 1 ha', () => {
    // C(4) = 32.5 × (1 − e^(−0.129×4))² ; e^(−0.516) = 0.596903 → 0.403097² = 0.162487 → 5.28082 t C/ha
    // C(3) = 32.5 × (1 − e^(−0.387))² ; e^(−0.387) = 0.679091 → 0.320909² = 0.102983 → 3.34693
    const r = standCarbon(
      { species: '杉木', age_group: '幼龄林', stock_m3: 0, area_m2: HA, carbon_afforestation: true, afforestation_year: 2022 },
      F,
      { method: 'ipcc_bef', year: YEAR },
    );
    expect(r.method).toBe('afforestation_curve');
    expect(r.carbon_stock_tC).toBeCloseTo(5.28082, 4);
    expect(r.annual_sink_tC).toBeCloseTo(5.28082 - 3.34693, 4);
    expect(r.harvest_tC).toBe(0);
  });

  it('with recorded stock: the measured 3 m³ is used, not the curve; no harvest deducted', () => {
    // stock 3 × 0.32502129296 = 0.9750638789; gross 3 × 12.5 % = 0.375 m³ → 0.1218829849;
    // mortality 3 × 0.5 % = 0.015 m³ → 0.0048753194; harvest 0; net 0.36 m³ → 0.1170076655 t C
    const r = standCarbon(
      { species: '杉木', age_group: '幼龄林', stock_m3: 3, area_m2: HA, origin: '人工', carbon_afforestation: true, afforestation_year: 2022 },
      F,
      { method: 'ipcc_bef', year: YEAR },
    );
    expect(r.method).toBe('ipcc_bef');
    expect(r.no_harvest).toBe(true);
    expect(r.carbon_stock_tC).toBeCloseTo(0.9750638789, 9);
    expect(r.gross_growth_tC).toBeCloseTo(0.1218829849, 9);
    expect(r.harvest_tC).toBe(0);
    expect(r.mortality_tC).toBeCloseTo(0.0048753194, 9);
    expect(r.annual_sink_tC).toBeCloseTo(0.1170076655, 9);
  });
});

describe('species names', () => {
  it('竹柏 is a conifer, not bamboo; bamboo names still go to 毛竹; 侧柏 to 柏木', () => {
    expect(speciesGroupOf('竹柏')).toBe('针叶混');
    expect(speciesGroupOf('刚竹')).toBe('毛竹');
    expect(speciesGroupOf('竹林')).toBe('毛竹');
    expect(speciesGroupOf('侧柏')).toBe('柏木');
    const r = standCarbon({ species: '竹柏', age_group: '中龄林', stock_m3: 10, area_m2: HA }, F, { method: 'ipcc_bef', year: YEAR });
    expect(r.method).toBe('ipcc_bef');
  });
});

describe('factor table', () => {
  it('defaults validate; a broken table is rejected with the field named', () => {
    expect(validateFactors(F)).toEqual([]);
    const bad = structuredClone(F) as unknown as { bef: { rows: Record<string, { D: unknown }> } };
    bad.bef.rows['杉木'].D = 'x';
    expect(validateFactors(bad)).toContain('bef.rows.杉木.D must be a number ≥ 0');
    const noCons = structuredClone(F) as unknown as { consumption: { rows: Record<string, unknown> } };
    delete noCons.consumption.rows['*'];
    expect(validateFactors(noCons)).toContain("consumption.rows['*'] (default row) is missing");
    const gross = structuredClone(F);
    gross.bambooNetSink.value = 7;
    expect(validateFactors(gross).join()).toMatch(/bambooNetSink.value must not exceed/);
  });
  it('every factor carries a unit, source, status and an uncertainty with its own source and status', () => {
    const scalars = ['fangCF', 'bambooDensity', 'bambooGrossProduction', 'bambooNetSink', 'oilTeaDensity', 'oilTeaGrossGrowth', 'oilTeaNetSink',
      'oilTeaCurveK', 'wetlandBurial', 'mineSiteFactor', 'mineSoilAccrual', 'mineSoilYears', 'pvFullLoadHours', 'windFullLoadHours'] as const;
    for (const k of scalars) {
      expect(F[k].unit.length, k).toBeGreaterThan(0);
      expect(F[k].source.length, k).toBeGreaterThan(0);
      expect(FACTOR_STATUSES).toContain(F[k].status);
      expect(F[k].uncertainty.source.length, k).toBeGreaterThan(0);
      expect(FACTOR_STATUSES).toContain(F[k].uncertainty.status);
      const u = F[k].uncertainty;
      if (u.dist === 'triangular') {
        expect(u.lo, k).toBeLessThanOrEqual(F[k].value);
        expect(u.hi, k).toBeGreaterThanOrEqual(F[k].value);
      }
    }
    for (const t of [F.bef, F.fang, F.volumeGrowth, F.consumption, F.afforestationCurve]) {
      expect(FACTOR_STATUSES).toContain(t.status);
      expect(t.source.length).toBeGreaterThan(0);
    }
    expect(F.bef.status).toBe('assumption');
    expect(F.bef.source).toMatch(/NOT checked against the guideline/);
    expect(F.bambooNetSink.value).toBeLessThanOrEqual(2.5);
  });
  it('weakest picks the least checked status', () => {
    expect(weakest('verified', 'secondary')).toBe('secondary');
    expect(weakest('secondary', 'assumption', 'verified')).toBe('assumption');
    expect(weakest()).toBe('verified');
  });
});
