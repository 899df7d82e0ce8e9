// Carbon figures as text, one way everywhere on the dashboard: t CO2e with its 95 % interval beside it, density as
// t C per hectare of forest area with t CO2e/ha beside it, and the provenance line (method, factor table, unverified share).
import type { CarbonProvenance } from '../../core/carbon/provenance.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { localeOf } from '../../ui/i18n.ts';

const num = (v: number, lang: Lang, digits = 0) => v.toLocaleString(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "21,522,940 吨CO₂e（95%：19,407,057–24,055,488）" */
export function withInterval(value: number, range: readonly [number, number] | undefined, unit: Record<Lang, string>, lang: Lang): string {
  const main = `${num(value, lang)} ${unit[lang]}`;
  if (!range || !(range[1] > range[0] || range[0] !== 0)) return main;
  return lang === 'zh' ? `${main}（95%：${num(range[0], lang)}–${num(range[1], lang)}）` : `${main} (95 %: ${num(range[0], lang)}–${num(range[1], lang)})`;
}

/** "24.2 吨碳/公顷森林（88.9 吨CO₂e/公顷）" */
export function densityText(tCPerHa: number, lang: Lang): string {
  const co2 = num((tCPerHa * 44) / 12, lang, 1);
  return lang === 'zh' ? `${num(tCPerHa, lang, 1)} 吨碳/公顷森林（${co2} 吨CO₂e/公顷）` : `${num(tCPerHa, lang, 1)} t C/ha of forest (${co2} t CO₂e/ha)`;
}

export const T_CO2E = { zh: '吨CO₂e', en: 't CO₂e' } as const;
export const T_CO2E_YR = { zh: '吨CO₂e/年', en: 't CO₂e/yr' } as const;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "方法 … · 因子表 xingguo-… · 依据未核实系数：碳储量 90%，年净碳汇 100%" */
export function provenanceText(methodName: string, p: Pick<CarbonProvenance, 'factors_version' | 'unverified_share'>, lang: Lang): string {
  const u = p.unverified_share;
  return lang === 'zh'
    ? `方法：${methodName} · 因子表 ${p.factors_version} · 依据未核实系数（二手来源或假设值）的比例：碳储量 ${pct(u.carbon_stock)}，年净碳汇 ${pct(u.annual_sink)}`
    : `Method: ${methodName} · factor table ${p.factors_version} · share resting on unverified factors (secondary or assumed): stock ${pct(u.carbon_stock)}, net sink ${pct(u.annual_sink)}`;
}

export function methodName(method: string, lang: Lang): string {
  if (method === 'fang') return lang === 'zh' ? '方精云生物量—蓄积量函数' : "Fang's biomass–volume functions";
  return lang === 'zh' ? 'IPCC 二级材积—生物量法（V×D×BEF×(1+R)×CF）' : 'IPCC Tier 2 volume–biomass (V×D×BEF×(1+R)×CF)';
}
