// The map's fill colours, evaluated by MapLibre's own expression engine, agree with the legend's classes.
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { classBreaks, classColours, classOf, fillColour, legendClasses, niceRound, NO_DATA } from './choropleth.ts';
import { INDICATORS } from './indicators.ts';

function evaluate(expr: unknown, properties: Record<string, unknown>): string {
  const parsed = createExpression(expr as never, { type: 'color', 'property-type': 'data-driven', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const c = parsed.value.evaluate({ zoom: 9 }, { type: 3, properties } as never) as string | { r: number; g: number; b: number };
  if (typeof c === 'string') return c.toLowerCase(); // maplibre-gl 6 keeps colour literals as given
  const hex = (x: number) => Math.round(x * 255).toString(16).padStart(2, '0');
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`;
}

describe('choropleth', () => {
  const values = Array.from({ length: 25 }, (_, i) => 40 + i * 2.37 + (i % 3) * 0.5);

  it('rounds breaks to two significant figures', () => {
    expect(niceRound(71.83)).toBe(72);
    expect(niceRound(456_393)).toBe(460_000);
    expect(niceRound(0.0347)).toBeCloseTo(0.035, 10);
  });

  it('quantile breaks give five non-empty, roughly equal classes', () => {
    const breaks = classBreaks(values);
    expect(breaks.length).toBe(4);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]++;
    for (const c of counts) expect(c).toBeGreaterThanOrEqual(3);
    expect(counts.reduce((a, b) => a + b)).toBe(25);
  });

  it('few distinct values give fewer classes, never a break outside the data', () => {
    expect(classBreaks([5, 5, 5, 5])).toEqual([]);
    const b = classBreaks([1, 1, 1, 9, 9]);
    expect(b.every((x) => x > 1 && x <= 9)).toBe(true);
  });

  it('MapLibre evaluates the fill to the legend colour of each value’s class, grey without data', () => {
    for (const ind of INDICATORS) {
      const breaks = classBreaks(values);
      const colours = classColours(ind, breaks);
      const legend = legendClasses(ind, breaks);
      const expr = fillColour(ind, breaks);
      for (const v of [...values, breaks[0], breaks[3] - 1e-9]) {
        const k = classOf(v, breaks);
        expect(evaluate(expr, { [ind.property]: v })).toBe(colours[k]);
        const cls = legend[k];
        if (cls.from !== null) expect(v).toBeGreaterThanOrEqual(cls.from);
        if (cls.to !== null) expect(v).toBeLessThan(cls.to);
      }
      expect(evaluate(expr, {})).toBe(NO_DATA);
    }
  });
});
