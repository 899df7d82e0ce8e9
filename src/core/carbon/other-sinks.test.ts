import { describe, expect, it } from 'vitest';
import { avoidedEmissions } from './avoided.ts';
import { richards } from './curves.ts';
import { DEFAULT_FACTORS as F } from './factors.ts';
import { afforestationCarbon, mineCarbon, wetlandCarbon } from './other-sinks.ts';

const HA = 10_000;

describe('wetland burial', () => {
  it('50 ha × 0.22 t C/ha/yr = 11 t C = 40.333 t CO2e; no stock claimed', () => {
    const r = wetlandCarbon(50 * HA, F);
    expect(r.annual_sink_tC).toBeCloseTo(11, 10);
    expect(r.annual_sink_tCO2e).toBeCloseTo(40.3333333, 6);
    expect(r.carbon_stock_tC).toBe(0);
  });
});

describe('mine restoration', () => {
  it('2 ha restored 2021, assessed 2026 (t = 5)', () => {
    // C(5) = 32.5 × (1 − e^(−0.645))² ; e^(−0.645) = 0.524662 → 0.475338² = 0.225946 → 7.34325 t C/ha
    // C(4) = 5.28083 (see stand test). Site factor 0.75; soil 0.5 t C/ha/yr.
    // stock/ha = 7.34325 × 0.75 + 0.5 × 5 = 5.50744 + 2.5 = 8.00744 → × 2 ha = 16.0149 t C
    // sink/ha  = (7.34325 − 5.28083) × 0.75 + 0.5 = 1.54682 + 0.5 = 2.04682 → × 2 ha = 4.09363 t C
    const r = mineCarbon(2 * HA, 2021, 2026, F);
    expect(r.carbon_stock_tC).toBeCloseTo(16.0149, 3);
    expect(r.annual_sink_tC).toBeCloseTo(4.09363, 3);
  });
  it('not restored → nothing; soil accrual stops after 20 years', () => {
    expect(mineCarbon(HA, null, 2026, F).annual_sink_tC).toBe(0);
    const late = mineCarbon(HA, 2000, 2026, F); // t = 26 > 20
    const curveGain = (richards(26, 32.5, 0.129, 2) - richards(25, 32.5, 0.129, 2)) * 0.75;
    expect(late.annual_sink_tC).toBeCloseTo(curveGain, 10);
    expect(late.carbon_stock_tC).toBeCloseTo(richards(26, 32.5, 0.129, 2) * 0.75 + 0.5 * 20, 10);
  });
});

describe('碳汇造林 growth curve', () => {
  it('starts slow: year-1 gain is far below the later peak, and nothing before planting', () => {
    const gain = (t: number) => afforestationCarbon(HA, 2026 - t, 2026, F).annual_sink_tC;
    expect(gain(0)).toBe(0);
    expect(afforestationCarbon(HA, 2030, 2026, F).carbon_stock_tC).toBe(0);
    // C(1) = 32.5 × (1 − e^(−0.129))² = 32.5 × 0.121028² = 0.47606
    expect(gain(1)).toBeCloseTo(0.47606, 4);
    expect(gain(1)).toBeLessThan(gain(6) / 3);
  });
  it('10,000 mu planted 2022 → 666.67 ha × (C(4) − C(3)) in 2026', () => {
    const r = afforestationCarbon((10_000 * 10_000) / 15, 2022, 2026, F);
    expect(r.annual_sink_tC).toBeCloseTo(666.6667 * (5.28083 - 3.34695), 0);
  });
});

describe('PV and wind avoided emissions (not a sink)', () => {
  it('200 MW PV: 200 × 1075 h × 0.5271 = 113,326.5 tCO2/yr (华中 2023)', () => {
    const a = avoidedEmissions(200, 'pv', F);
    expect(a.label).toBe('avoided emissions (estimate)');
    expect(a.generation_mwh).toBe(215_000);
    expect(a.avoided_tco2_per_yr).toBeCloseTo(113_326.5, 6);
  });
  it('national 0.5703 alternative: 215,000 MWh × 0.5703 = 122,614.5', () => {
    expect(avoidedEmissions(200, 'pv', F, 'national_2022').avoided_tco2_per_yr).toBeCloseTo(122_614.5, 6);
  });
  it('50 MW wind: 50 × 2050 × 0.5271 = 54,027.75; unknown factor throws', () => {
    expect(avoidedEmissions(50, 'wind', F).avoided_tco2_per_yr).toBeCloseTo(54_027.75, 6);
    expect(() => avoidedEmissions(50, 'wind', F, 'mars')).toThrow(/unknown grid factor/);
  });
});
