// Two or more saved sites side by side: area, forest taken, carbon at stake, conflicts and the with/without-project
// carbon at 10, 20 and 30 years (afforestation and restoration sites; other types have no project curve). Pure: the
// numbers come from the same analysis the site panel shows; the table and its CSV read the same rows.
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { measureSite } from '../core/analysis/measure-site.ts';
import { fromSquareMetres } from '../core/geo/units.ts';
import { toCsv } from '../core/table/csv.ts';
import type { Lang } from '../ui/i18n-types.ts';
import type { Site } from './site.ts';

export interface Compared { site: Site; analysis: SiteAnalysis | null }

export interface CompareRow {
  key: string;
  label: Record<Lang, string>;
  /** Decimals shown and written (each value rounded once, from the exact figure). */
  digits: number;
  values: (number | string | null)[];
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

export function compareRows(items: Compared[], lang: Lang): CompareRow[] {
  const num = (f: (c: Compared) => number | undefined, d: number) => items.map((c) => { const v = f(c); return v === undefined ? null : round(v, d); });
  const at = (c: Compared, years: number) => c.analysis?.comparison?.rows.find((r) => r.years === years);
  const rows: CompareRow[] = [
    { key: 'area_mu', label: { zh: '面积（亩）', en: 'Area (mu)' }, digits: 2, values: num((c) => fromSquareMetres(measureSite(c.site.geometry).area_m2, 'mu'), 2) },
    { key: 'stands_mu', label: { zh: '占用林地（亩）', en: 'Forest land taken (mu)' }, digits: 2, values: num((c) => c.analysis?.stands.area_mu, 2) },
    { key: 'forest_mu', label: { zh: '其中森林（亩）', en: 'of which forest (mu)' }, digits: 2, values: num((c) => c.analysis?.stands.forest_area_mu, 2) },
    { key: 'carbon_stock_tCO2e', label: { zh: '涉及碳储量（tCO₂e）', en: 'Carbon at stake (tCO₂e)' }, digits: 1, values: num((c) => c.analysis?.stands.carbon_stock_tCO2e, 1) },
    { key: 'annual_sink_tCO2e', label: { zh: '年碳汇损失（tCO₂e/年）', en: 'Annual sink lost (tCO₂e/yr)' }, digits: 2, values: num((c) => c.analysis?.stands.annual_sink_tCO2e, 2) },
    { key: 'conflicts', label: { zh: '冲突与需审核', en: 'Conflicts and checks' }, digits: 0, values: items.map((c) => (c.analysis ? c.analysis.conflicts.map((f) => f[lang]).join('；') || (lang === 'zh' ? '无' : 'none') : null)) },
  ];
  for (const years of [10, 20, 30]) {
    rows.push({ key: `with_${years}y`, label: { zh: `${years} 年后碳储量·有项目（tCO₂e）`, en: `Carbon after ${years} yr, with project (tCO₂e)` }, digits: 1, values: num((c) => at(c, years)?.with_tCO2e, 1) });
    rows.push({ key: `without_${years}y`, label: { zh: `${years} 年后碳储量·无项目（tCO₂e）`, en: `Carbon after ${years} yr, without (tCO₂e)` }, digits: 1, values: num((c) => at(c, years)?.without_tCO2e, 1) });
  }
  return rows;
}

/** One row per site, one column per measure (what a spreadsheet wants), both languages in the headers. */
export function comparisonCsv(items: Compared[]): string {
  const zh = compareRows(items, 'zh');
  const en = compareRows(items, 'en');
  const columns = [
    { header: '名称 name', value: (i: number) => items[i].site.name },
    { header: '类型 type', value: (i: number) => items[i].site.type },
    ...zh.map((r, k) => ({ header: `${r.label.zh} ${r.key}`, value: (i: number) => (r.key === 'conflicts' ? [r.values[i], en[k].values[i]].filter(Boolean).join(' / ') : r.values[i] ?? '') })),
  ];
  return toCsv(items.map((_, i) => i), columns);
}
