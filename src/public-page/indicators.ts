// The indicators a visitor can colour the township map by: property, unit, digits and colour ramp (light → dark).
import type { Lang } from '../ui/i18n-types.ts';
import type { TownshipStats } from './public-data.ts';
import { localeOf } from '../ui/i18n.ts';

export type IndicatorId = 'coverage' | 'carbon_total' | 'carbon_density' | 'sink' | 'upgrade';

export interface Indicator {
  id: IndicatorId;
  property: keyof TownshipStats & string;
  name: Record<Lang, string>;
  unit: Record<Lang, string>;
  digits: number;
  ramp: [string, string, string, string, string];
}

const GREENS: Indicator['ramp'] = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];
const TEALS: Indicator['ramp'] = ['#f0f9e8', '#bae4bc', '#7bccc4', '#43a2ca', '#0868ac'];
const BROWNS: Indicator['ramp'] = ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'];

export const INDICATORS: Indicator[] = [
  { id: 'coverage', property: 'coverage_pct', name: { zh: '森林覆盖率', en: 'Forest coverage' }, unit: { zh: '%', en: '%' }, digits: 2, ramp: GREENS },
  // One density everywhere (dashboard, hexagons, CLI): t C per hectare of forest area; t CO2e/ha is shown beside it.
  { id: 'carbon_density', property: 'carbon_density_tC_per_ha', name: { zh: '森林碳密度', en: 'Forest carbon density' }, unit: { zh: '吨碳/公顷森林', en: 't C/ha of forest' }, digits: 1, ramp: GREENS },
  { id: 'carbon_total', property: 'carbon_stock_tCO2e', name: { zh: '碳储量（总量）', en: 'Carbon stock (total)' }, unit: { zh: '吨CO₂e', en: 't CO₂e' }, digits: 0, ramp: GREENS },
  { id: 'sink', property: 'annual_sink_tCO2e', name: { zh: '年净碳汇量', en: 'Net annual carbon sink' }, unit: { zh: '吨CO₂e/年', en: 't CO₂e/yr' }, digits: 0, ramp: TEALS },
  { id: 'upgrade', property: 'upgrade_share_pct', name: { zh: '低效林改造进度', en: 'Forest upgrade progress' }, unit: { zh: '% 林地', en: '% of forest land' }, digits: 2, ramp: BROWNS },
];

export const DEFAULT_INDICATOR: IndicatorId = 'coverage';

export function indicatorById(id: string | null | undefined): Indicator | undefined {
  return INDICATORS.find((i) => i.id === id);
}


/** A figure with fixed digits and grouping, e.g. 1,234,567 or 75.24. */
export function formatNumber(value: number | null | undefined, digits: number, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A 95 % interval "lo–hi" with grouping, e.g. 18,900,000–24,300,000. */
export function formatRange(lo: number | null | undefined, hi: number | null | undefined, lang: Lang, digits = 0): string {
  return `${formatNumber(lo, digits, lang)}–${formatNumber(hi, digits, lang)}`;
}

/** "name（unit）" in Chinese, "name (unit)" in English. */
export function withUnit(name: string, unit: string, lang: Lang): string {
  return lang === 'zh' ? `${name}（${unit}）` : `${name} (${unit})`;
}
