// Numbers as the field page shows them: areas in 亩 first (then 公顷), distances in metres or kilometres, coordinates
// to 6 decimals (~0.1 m).
import { M2_PER_HA, M2_PER_MU } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { localeOf } from '../ui/i18n.ts';
import { ft } from '../ui/i18n-field.ts';

export const num = (v: number, digits: number, lang: Lang) => v.toLocaleString(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function areaParams(area_m2: number, error95_m2: number, lang: Lang) {
  return { mu: num(area_m2 / M2_PER_MU, 2, lang), ha: num(area_m2 / M2_PER_HA, 3, lang), errMu: num(error95_m2 / M2_PER_MU, 2, lang) };
}

export function distanceText(m: number, lang: Lang): string {
  return m >= 1000 ? ft(lang, 'km', { n: num(m / 1000, 2, lang) }) : ft(lang, 'metres', { n: num(m, 0, lang) });
}

export const coord = (v: number) => v.toFixed(6);
