// The public page's year view: the year's figures replace the as-of ones, and the choropleth colours each township by
// its value for that year (checked through MapLibre's own expression engine against the legend's classes).
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { classBreaks, classColours, classOf, NO_DATA } from './choropleth.ts';
import { indicatorById } from './indicators.ts';
import type { PlanProgressFile, TownshipStats } from './public-data.ts';
import { planForYear, yearFillColour } from './year-figures.ts';

function colour(expr: unknown, properties: Record<string, unknown>): string {
  const parsed = createExpression(expr as never, { type: 'color', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 9 }, { type: 3, properties } as never) as string | { r: number; g: number; b: number };
  if (typeof c === 'string') return c.toLowerCase();
  return '#' + [c.r, c.g, c.b].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('');
}

const row = (code: string, upgrade: number) => ({ code, upgrade_share_pct: upgrade }) as unknown as TownshipStats;

describe('public figures for a year', () => {
  it('swaps in the year’s county, targets and townships, and marks projections', () => {
    const base = { as_of_year: 2026, county: { coverage_pct: 1 }, targets: [], townships: [row('a', 9)] } as unknown as PlanProgressFile;
    const file = { ...base, years: { 2022: { year: 2022, projection: false, county: { coverage_pct: 2 }, targets: [{ id: 't' }], townships: [row('a', 3)] }, 2029: { year: 2029, projection: true, county: {}, targets: [], townships: [] } } } as unknown as PlanProgressFile;
    const y = planForYear(file, 2022);
    expect([y.year, y.projection, y.county.coverage_pct, y.townships[0].upgrade_share_pct, y.targets.length]).toEqual([2022, false, 2, 3, 1]);
    expect(planForYear(file, 2029).projection).toBe(true);
    expect(planForYear(base, 2022).year).toBe(2026); // an older file without years: the as-of figures
  });

  it('colours each township by its value in that year, whatever its polygon carries', () => {
    const ind = indicatorById('upgrade')!;
    const rows = [row('360732100', 0.5), row('360732101', 4), row('360732102', 9), row('360732103', 20)];
    const breaks = classBreaks(rows.map((r) => r.upgrade_share_pct), 3);
    const expr = yearFillColour(ind, breaks, rows);
    for (const r of rows) {
      // the polygon still carries the as-of value (99); the year's value decides the colour
      expect(colour(expr, { code: r.code, upgrade_share_pct: 99 })).toBe(classColours(ind, breaks)[classOf(r.upgrade_share_pct, breaks)]);
    }
    expect(colour(expr, { code: 'elsewhere' })).toBe(NO_DATA);
  });
});
