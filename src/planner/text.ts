// Planner strings live in the one dictionary (PLANNER_TEXT in src/ui/i18n.ts); pt() looks one up: pt(lang, 'mu').
import type { Lang } from '../ui/i18n-types.ts';
import { PLANNER_TEXT, type PlannerTextKey } from '../ui/i18n.ts';

export const pt = (lang: Lang, key: PlannerTextKey): string => PLANNER_TEXT[key][lang];
/** The colon after a label: full-width in Chinese, ': ' in English. */
export const colon = (lang: Lang): string => (lang === 'zh' ? '：' : ': ');
/** Text in brackets: full-width in Chinese, ' (…)' in English. */
export const paren = (lang: Lang, text: string): string => (lang === 'zh' ? `（${text}）` : ` (${text})`);

/** The toolbar's label of each draw mode. */
export const MODE_LABELS: Record<string, PlannerTextKey> = {
  static: 'modeStatic', measure: 'modeMeasure', polygon: 'modePolygon', rectangle: 'modeRectangle', circle: 'modeCircle',
  linestring: 'modeLinestring', point: 'modePoint', freehand: 'modeFreehand', select: 'modeSelect',
};

/** One line under the toolbar saying what a drag does in the current mode (the draw modes share 'draw'). */
export const MODE_HINTS: Record<string, PlannerTextKey> = {
  static: 'modeHintStatic', select: 'modeHintSelect', measure: 'modeHintMeasure', draw: 'modeHintDraw',
};
