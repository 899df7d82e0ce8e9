// The value arithmetic, by hand: three crediting years, a one-off cost in the start year and a per-hectare cost.
import { describe, expect, it } from 'vitest';
import { costsByYear, projectValue } from './value.ts';

describe('projectValue', () => {
  const rows = [
    { t: 1, year: 2027, net_tCO2e: 100 },
    { t: 2, year: 2028, net_tCO2e: 200 },
    { t: 3, year: 2029, net_tCO2e: -50 },
  ];
  const costs = [
    { label: 'planting', year: 2026, cny: 1000 },
    { label: 'tending', per_ha_per_year: 10, from_year: 2027, to_year: 2028 },
  ];
  const v = projectValue(rows, 2026, { low: 60, central: 70, high: 80 }, 0.08, costs, 5);

  it('costs by calendar year: one-off and per hectare × area over the years', () => {
    expect([...costsByYear(costs, 5)]).toEqual([[2026, 1000], [2027, 50], [2028, 50]]);
  });

  it('per year: revenue = net × price, discounted by 1.08^t; a cost in the start year is not discounted', () => {
    expect(v.by_year.map((y) => [y.t, y.year])).toEqual([[0, 2026], [1, 2027], [2, 2028], [3, 2029]]);
    const [y0, y1, y2, y3] = v.by_year;
    expect(y0.present_cost_cny).toBe(1000);
    expect(y0.revenue_cny.central).toBe(0);
    expect(y1.revenue_cny).toEqual({ low: 6000, central: 7000, high: 8000 });
    expect(y1.present_revenue_cny.central).toBeCloseTo(7000 / 1.08, 9); // 6481.481…
    expect(y1.present_net_cny.central).toBeCloseTo((7000 - 50) / 1.08, 9);
    expect(y2.present_revenue_cny.high).toBeCloseTo(16000 / 1.1664, 9); // 1.08² = 1.1664
    expect(y3.revenue_cny.central).toBe(-3500); // negative net removals count against the value
    expect(y3.present_revenue_cny.central).toBeCloseTo(-3500 / 1.259712, 9); // 1.08³
  });

  it('totals: undiscounted and present value, costs, net present value', () => {
    expect(v.totals.net_tCO2e).toBe(250);
    expect(v.totals.revenue_cny).toEqual({ low: 15000, central: 17500, high: 20000 });
    const pv = 7000 / 1.08 + 14000 / 1.1664 - 3500 / 1.259712;
    expect(v.totals.present_revenue_cny.central).toBeCloseTo(pv, 9);
    expect(v.totals.cost_cny).toBe(1100);
    const pc = 1000 + 50 / 1.08 + 50 / 1.1664;
    expect(v.totals.present_cost_cny).toBeCloseTo(pc, 9);
    expect(v.totals.net_present_value_cny.central).toBeCloseTo(pv - pc, 9);
    expect(v.totals.net_present_value_cny.low).toBeCloseTo((pv * 60) / 70 - pc, 9);
  });

  it('a zero discount rate makes present value equal the undiscounted value', () => {
    const z = projectValue(rows, 2026, { low: 1, central: 1, high: 1 }, 0, [], 0);
    expect(z.totals.present_revenue_cny.central).toBe(250);
  });
});
