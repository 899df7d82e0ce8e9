// The year control's effect on the map, as MapLibre expressions built from the registry's TimeRule (layers/types.ts).
// Stepping a year only swaps filters and one paint value on the existing sources and tiles: nothing is re-fetched,
// re-parsed or re-tiled (docs/scale.md, `npm run bench`). Pure, so the expressions are unit-tested with MapLibre's own
// evaluator.
import type { LayerDef, TimeRule } from '../layers/types.ts';
import { DATA_AS_OF_YEAR } from '../core/plan/years.ts';

/** Drawn for features not done by the year, after the as-of year (legend entry 规划). */
export const PLANNED_COLOUR = '#1e88e5';
/** The hatch pattern's image id (MapView adds the image; style-layers.ts uses it). */
export const HATCH_IMAGE = 'year-planned-hatch';

/** A filter no feature passes: the ::planned layers' filter up to the as-of year. */
export const NOTHING = ['boolean', false];
const NEVER = NOTHING;

/** The feature's year; a done feature without one counts from the start (as the plan figures count undated work). */
const yearOf = (rule: TimeRule) => ['to-number', ['coalesce', ['get', rule.field], 0], 0];

/** Features done by the end of `year`. */
export function doneBy(rule: TimeRule, year: number): unknown[] {
  const dated = ['<=', yearOf(rule), year];
  return rule.done ? ['all', rule.done, dated] : dated;
}

export interface YearStyle {
  /** Extra filter for the layer's own style layers (fill, outline, line, circle, label); null = no extra filter. */
  main: unknown[] | null;
  /** Filter of the ::planned layers (hatched fill, dashed outline). */
  planned: unknown[];
  /** A colour expression replacing the layer's own for features done only after the year (rule.pendingColour). */
  pendingColour: ((own: unknown) => unknown) | null;
}

/** How a time-aware layer looks in `year`; null for layers without a TimeRule. */
export function yearStyle(layer: LayerDef, year: number, asOf: number = DATA_AS_OF_YEAR): YearStyle | null {
  const rule = layer.time;
  if (!rule) return null;
  const done = doneBy(rule, year);
  if (year > asOf) {
    // The plan: what is done is drawn as done; everything else in the layer is planned.
    return { main: done, planned: ['!', done], pendingColour: null };
  }
  if (rule.show === 'done') return { main: done, planned: NEVER, pendingColour: null };
  const later = rule.done ? ['all', rule.done, ['>', yearOf(rule), year]] : ['>', yearOf(rule), year];
  const colour = rule.pendingColour;
  return { main: null, planned: NEVER, pendingColour: colour ? (own) => ['case', later, colour, own] : null };
}
