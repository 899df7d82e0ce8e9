// What the removals are worth: net removals × a price range (CNY/t CO2e), undiscounted and at present value, per year
// and in total, less optional costs. Crediting year t ends in calendar year start + t and is discounted by (1 + r)^t;
// a cost in calendar year Y by (1 + r)^(Y − start) (a cost in the start year is not discounted). A year with negative
// net removals (site preparation, leakage) counts as negative value, so the total equals the value of the cumulative
// removals.
import type { CostItem } from './format.ts';

export interface PriceRange { low: number; central: number; high: number }

export interface ValueYear {
  t: number;
  year: number;
  net_tCO2e: number;
  revenue_cny: PriceRange;
  cost_cny: number;
  /** 1 / (1 + r)^t. */
  discount_factor: number;
  present_revenue_cny: PriceRange;
  present_cost_cny: number;
  /** Present value of revenue less cost. */
  present_net_cny: PriceRange;
}

export interface ProjectValue {
  price_cny_per_tCO2e: PriceRange;
  discount_rate: number;
  by_year: ValueYear[];
  totals: {
    net_tCO2e: number;
    revenue_cny: PriceRange;
    present_revenue_cny: PriceRange;
    cost_cny: number;
    present_cost_cny: number;
    /** Net present value: present revenue − present cost. */
    net_present_value_cny: PriceRange;
  };
}

/** Costs by calendar year: one-off items, and per-hectare-per-year items over their years. */
export function costsByYear(costs: readonly CostItem[], areaHa: number): Map<number, number> {
  const out = new Map<number, number>();
  const add = (y: number, v: number) => out.set(y, (out.get(y) ?? 0) + v);
  for (const c of costs) {
    if (c.per_ha_per_year !== undefined) for (let y = c.from_year!; y <= c.to_year!; y++) add(y, c.per_ha_per_year * areaHa);
    else if (c.year !== undefined && c.cny !== undefined) add(c.year, c.cny);
  }
  return out;
}

const scale = (p: PriceRange, k: number): PriceRange => ({ low: p.low * k, central: p.central * k, high: p.high * k });
const plus = (a: PriceRange, b: PriceRange): PriceRange => ({ low: a.low + b.low, central: a.central + b.central, high: a.high + b.high });
const ZERO: PriceRange = { low: 0, central: 0, high: 0 };

export function projectValue(
  rows: readonly { t: number; year: number; net_tCO2e: number }[], startYear: number, price: PriceRange, rate: number, costs: readonly CostItem[], areaHa: number,
): ProjectValue {
  const costByYear = costsByYear(costs, areaHa);
  const years = new Set<number>([...rows.map((r) => r.year), ...costByYear.keys()]);
  const net = new Map(rows.map((r) => [r.year, r.net_tCO2e]));
  const byYear: ValueYear[] = [...years].sort((a, b) => a - b).map((year) => {
    const t = year - startYear;
    const n = net.get(year) ?? 0;
    const cost = costByYear.get(year) ?? 0;
    const df = 1 / Math.pow(1 + rate, t);
    const revenue = scale(price, n);
    const present = scale(revenue, df);
    return {
      t, year, net_tCO2e: n, revenue_cny: revenue, cost_cny: cost, discount_factor: df, present_revenue_cny: present, present_cost_cny: cost * df,
      present_net_cny: { low: present.low - cost * df, central: present.central - cost * df, high: present.high - cost * df },
    };
  });
  let revenue = ZERO, present = ZERO, cost = 0, presentCost = 0, tonnes = 0;
  for (const y of byYear) {
    revenue = plus(revenue, y.revenue_cny);
    present = plus(present, y.present_revenue_cny);
    cost += y.cost_cny;
    presentCost += y.present_cost_cny;
    tonnes += y.net_tCO2e;
  }
  return {
    price_cny_per_tCO2e: price, discount_rate: rate, by_year: byYear,
    totals: {
      net_tCO2e: tonnes, revenue_cny: revenue, present_revenue_cny: present, cost_cny: cost, present_cost_cny: presentCost,
      net_present_value_cny: { low: present.low - presentCost, central: present.central - presentCost, high: present.high - presentCost },
    },
  };
}
