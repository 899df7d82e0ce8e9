// The public page's figures for the year control's year: the build wrote every year's county totals, targets and
// township rows (plan-progress.json `years`, computed by src/core/plan with that year); the page swaps them in.
import type { Indicator } from './indicators.ts';
import { classColours, classOf, NO_DATA } from './choropleth.ts';
import type { PlanProgressFile } from './public-data.ts';

/** The plan file with the year's figures in place of the as-of ones; the file itself when it has no such year. */
export function planForYear(plan: PlanProgressFile, year: number): PlanProgressFile & { year: number; projection: boolean } {
  const y = plan.years?.[String(year)];
  if (!y) return { ...plan, year: plan.as_of_year, projection: false };
  return {
    ...plan, county: y.county, targets: y.targets, townships: y.townships, year: y.year, projection: y.projection,
    unverified_share: y.unverified_share ?? plan.unverified_share,
  };
}

/**
 * The choropleth colour for another year's values: the township polygons carry the as-of figures, so the year's class
 * colour is looked up by township code (a paint change only; the source stays as it is).
 */
export function yearFillColour(ind: Indicator, breaks: number[], rows: PlanProgressFile['townships']): unknown {
  const colours = classColours(ind, breaks);
  const cases: unknown[] = [];
  for (const r of rows) {
    const v = r[ind.property];
    if (typeof v === 'number' && Number.isFinite(v)) cases.push(r.code, colours[classOf(v, breaks)]);
  }
  return cases.length ? ['match', ['to-string', ['get', 'code']], ...cases, NO_DATA] : NO_DATA;
}
