// Class breaks and the MapLibre fill colour for the township choropleth. Pure, so the colours the map draws and the
// legend's ranges are unit-tested against MapLibre's own expression evaluator.
import type { StepsRule } from '../layers/types.ts';
import { colourExpression } from '../map/style-layers.ts';
import type { Indicator } from './indicators.ts';

export const NO_DATA = '#cfd8dc';

/** A break rounded to two significant figures, so the legend reads 72 – 80 rather than 71.83 – 79.66. */
export function niceRound(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return 0;
  const p = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
  return Math.round(v / p) * p;
}

/**
 * Up to `classes − 1` increasing breaks at the quantiles of the values (equal-count classes), rounded. A value v is in
 * class k when breaks[k−1] ≤ v < breaks[k]. Fewer breaks come back when the values have too few distinct levels.
 */
export function classBreaks(values: number[], classes = 5): number[] {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length < 2) return [];
  const out: number[] = [];
  for (let k = 1; k < classes; k++) {
    const b = niceRound(xs[Math.floor((k * xs.length) / classes)]);
    if (b > xs[0] && b <= xs[xs.length - 1] && (out.length === 0 || b > out[out.length - 1])) out.push(b);
  }
  return out;
}

/** The class of a value: the number of breaks at or below it. */
export function classOf(v: number, breaks: number[]): number {
  let k = 0;
  while (k < breaks.length && v >= breaks[k]) k++;
  return k;
}

/** The colours used for `breaks.length + 1` classes, spread over the indicator's ramp. */
export function classColours(ind: Indicator, breaks: number[]): string[] {
  const n = breaks.length + 1;
  if (n === 1) return [ind.ramp[2]];
  return Array.from({ length: n }, (_, k) => ind.ramp[Math.round((k * (ind.ramp.length - 1)) / (n - 1))]);
}

/** The indicator's classes as the registry's numeric colour channel (types.ts StepsRule): no choropleth special case. */
export function choroplethRule(ind: Indicator, breaks: number[]): StepsRule {
  return { kind: 'steps', property: ind.property, breaks, colours: classColours(ind, breaks), missing: NO_DATA };
}

/** fill-color expression: grey where the property is missing, otherwise a step over the breaks (the registry's path). */
export function fillColour(ind: Indicator, breaks: number[]): unknown {
  return colourExpression(choroplethRule(ind, breaks));
}

export interface LegendClass {
  colour: string;
  from: number | null;
  to: number | null;
}

export function legendClasses(ind: Indicator, breaks: number[]): LegendClass[] {
  const colours = classColours(ind, breaks);
  return colours.map((colour, k) => ({ colour, from: k === 0 ? null : breaks[k - 1], to: k === breaks.length ? null : breaks[k] }));
}
