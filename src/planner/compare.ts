// Two or more saved sites side by side: area, forest taken, carbon at stake, conflicts, the siting verdict and rules
// with the area in each control line, the carbon effect by site type (signed losses and gains, avoided emissions
// apart) and the with/without-project carbon at 10, 20 and 30 years (types that add carbon). Pure: the numbers come
// from the same analysis the site panel shows; the table and its CSV read the same rows.
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { measureSite } from '../core/analysis/measure-site.ts';
import { fromSquareMetres } from '../core/geo/units.ts';
import { toCsv } from '../core/table/csv.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { SITING_TEXT } from '../ui/i18n.ts';
import { fillText } from '../ui/fill-text.ts';
import { valueName } from '../ui/value-names.ts';
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
    { key: 'annual_sink_tCO2e', label: SITING_TEXT.compareStandSink, digits: 2, values: num((c) => c.analysis?.stands.annual_sink_tCO2e, 2) },
    { key: 'conflicts', label: { zh: '冲突与需审核', en: 'Conflicts and checks' }, digits: 0, values: items.map((c) => (c.analysis ? c.analysis.conflicts.map((f) => f[lang]).join('；') || (lang === 'zh' ? '无' : 'none') : null)) },
    ...sitingRows(items, lang, num),
  ];
  for (const years of [10, 20, 30]) {
    rows.push({ key: `with_${years}y`, label: { zh: `${years} 年后碳储量·有项目（tCO₂e）`, en: `Carbon after ${years} yr, with project (tCO₂e)` }, digits: 1, values: num((c) => at(c, years)?.with_tCO2e, 1) });
    rows.push({ key: `without_${years}y`, label: { zh: `${years} 年后碳储量·无项目（tCO₂e）`, en: `Carbon after ${years} yr, without (tCO₂e)` }, digits: 1, values: num((c) => at(c, years)?.without_tCO2e, 1) });
  }
  return rows;
}

/** The siting verdict, the rules met and the area in each control line, then the carbon effect by site type. */
function sitingRows(items: Compared[], lang: Lang, num: (f: (c: Compared) => number | undefined, d: number) => (number | null)[]): CompareRow[] {
  const areal = (c: Compared) => (c.analysis?.areal ? c.analysis : null);
  const layers = new Map<string, Record<Lang, string>>();
  for (const c of items) for (const l of areal(c)?.siting.layers ?? []) if (l.features > 0) layers.set(l.key, l.name);
  return [
    { key: 'siting_verdict', label: SITING_TEXT.compareVerdict, digits: 0, values: items.map((c) => { const a = areal(c); return a ? (a.siting.verdict ? valueName(a.siting.verdict, lang) : SITING_TEXT.sitingNone[lang]) : null; }) },
    {
      key: 'siting_rules', label: SITING_TEXT.compareRules, digits: 0,
      values: items.map((c) => { const a = areal(c); return a ? a.siting.findings.map((f) => `${valueName(f.verdict, lang)}: ${f.text[lang]} ${round(f.area_mu, 2)}`).join(lang === 'zh' ? '；' : '; ') : null; }),
    },
    ...[...layers].map(([key, name]) => ({
      key: `constraint_${key}`, digits: 2,
      label: { zh: fillText(SITING_TEXT.compareConstraint.zh, { layer: name.zh }), en: fillText(SITING_TEXT.compareConstraint.en, { layer: name.en }) },
      values: num((c) => areal(c)?.siting.layers.find((l) => l.key === key)?.area_mu, 2),
    })),
    { key: 'stock_change_tCO2e', label: SITING_TEXT.compareStockChange, digits: 1, values: num((c) => c.analysis?.carbon.stock_change_tCO2e, 1) },
    { key: 'sink_change_tCO2e', label: SITING_TEXT.compareSinkChange, digits: 2, values: num((c) => c.analysis?.carbon.sink_change_tCO2e, 2) },
    { key: 'kept_mu', label: SITING_TEXT.compareKept, digits: 2, values: num((c) => (c.analysis?.comparison ? c.analysis.carbon.kept_mu : undefined), 2) },
    { key: 'eligible_mu', label: SITING_TEXT.compareEligible, digits: 2, values: num((c) => (c.analysis?.comparison ? c.analysis.carbon.eligible_mu : undefined), 2) },
    { key: 'avoided_tCO2_per_yr', label: SITING_TEXT.compareAvoided, digits: 1, values: num((c) => c.analysis?.carbon.avoided?.avoided_tco2_per_yr, 1) },
  ];
}

/** One row per site, one column per measure (what a spreadsheet wants), both languages in the headers. */
export function comparisonCsv(items: Compared[]): string {
  const zh = compareRows(items, 'zh');
  const en = compareRows(items, 'en');
  const columns = [
    { header: '名称 name', value: (i: number) => items[i].site.name },
    { header: '类型 type', value: (i: number) => items[i].site.type },
    // Text rows (conflicts, siting) in both languages; figures once.
    ...zh.map((r, k) => ({ header: `${r.label.zh} ${r.key}`, value: (i: number) => (typeof r.values[i] === 'string' ? [...new Set([r.values[i], en[k].values[i]])].filter(Boolean).join(' / ') : r.values[i] ?? '') })),
  ];
  return toCsv(items.map((_, i) => i), columns);
}
