// County overview and plan-target cards (the bureau's TargetCard), from plan-progress.json.
import { TargetCard } from '../../ui/widgets/TargetCard.tsx';
import type { Lang } from '../../ui/i18n-types.ts';
import { formatNumber, formatRange, withUnit } from '../indicators.ts';
import type { PlanProgressFile, PublicTarget } from '../public-data.ts';
import { colonOf, inParens, UI_TEXT } from '../../ui/i18n.ts';

/** Shown first; the other targets sit behind "more targets". */
export const HEADLINE_TARGETS = ['forest_coverage', 'low_yield_forest_upgrade', 'forest_stock', 'carbon_afforestation', 'new_energy_capacity', 'wetland_lianjiang', 'mine_fanglingpai'];


export function ProgressCards({ plan, lang }: { plan: PlanProgressFile; lang: Lang }) {
  const c = plan.county;
  const u = c.uncertainty;
  const pct = (x: number) => `${formatNumber(x * 100, 0, lang)}%`;
  const head = HEADLINE_TARGETS.map((id) => plan.targets.find((t) => t.id === id)).filter((t): t is PublicTarget => !!t);
  const rest = plan.targets.filter((t) => !HEADLINE_TARGETS.includes(t.id));
  const totals: [string, string, string][] = [
    ['coverage', lang === 'zh' ? '森林覆盖率' : 'Forest coverage', `${formatNumber(c.coverage_pct, 2, lang)}%`],
    ['forest-land', lang === 'zh' ? '林地面积' : 'Forest land', `${formatNumber(c.forest_land_mu, 0, lang)} ${lang === 'zh' ? '亩' : 'mu'}`],
    ['carbon', lang === 'zh' ? '碳储量' : 'Carbon stock',
      `${formatNumber(c.carbon_stock_tCO2e, 0, lang)} ${lang === 'zh' ? '吨CO₂e' : 't CO₂e'}${inParens(`${UI_TEXT.interval[lang]}${colonOf(lang)}${formatRange(u.carbon_stock_tCO2e[0], u.carbon_stock_tCO2e[1], lang)}`, lang)}`],
    ['density', UI_TEXT.density[lang],
      `${formatNumber(c.carbon_density_tC_per_ha, 1, lang)} ${lang === 'zh' ? '吨碳/公顷森林' : 't C/ha of forest'}${inParens(`${formatNumber(c.carbon_density_tCO2e_per_ha, 1, lang)} ${lang === 'zh' ? '吨CO₂e/公顷' : 't CO₂e/ha'}`, lang)}`],
    ['sink', lang === 'zh' ? '年净碳汇量' : 'Net annual sink',
      `${formatNumber(c.annual_sink_tCO2e, 0, lang)} ${lang === 'zh' ? '吨CO₂e/年' : 't CO₂e/yr'}${inParens(`${UI_TEXT.interval[lang]}${colonOf(lang)}${formatRange(u.annual_sink_tCO2e[0], u.annual_sink_tCO2e[1], lang)}`, lang)}`],
    ['gross', UI_TEXT.grossGrowth[lang], `${formatNumber(c.gross_growth_tCO2e, 0, lang)} ${lang === 'zh' ? '吨CO₂e/年' : 't CO₂e/yr'}`],
    ['avoided', UI_TEXT.avoided[lang], `${formatNumber(c.avoided_tCO2_per_yr, 0, lang)} ${lang === 'zh' ? '吨CO₂/年' : 't CO₂/yr'}`],
  ];
  return (
    <section className="pub-section" aria-labelledby="progress-h" data-testid="progress">
      <h2 id="progress-h">{UI_TEXT.progress[lang]}</h2>
      <h3>{UI_TEXT.countyTotals[lang]}</h3>
      <dl className="county-totals" data-testid="county-totals">
        {totals.map(([key, label, value]) => (
          <div key={key} data-total={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="pub-note" data-testid="carbon-provenance">
        {lang === 'zh' ? '碳汇方法' : 'Method'}{colonOf(lang)}{plan.method === 'fang' ? (lang === 'zh' ? '方精云生物量—蓄积量函数' : "Fang's biomass–volume functions") : (lang === 'zh' ? 'IPCC第二层级材积—生物量法' : 'IPCC Tier 2 volume–biomass')}
        {' · '}{UI_TEXT.factorsVersion[lang]} {plan.factors_version}
        {' · '}{UI_TEXT.unverified[lang]}{colonOf(lang)}{UI_TEXT.unverifiedValue[lang].replace('{stock}', pct(plan.unverified_share.carbon_stock)).replace('{sink}', pct(plan.unverified_share.annual_sink))}
      </p>
      <div className="target-grid target-grid--public">
        {head.map((t) => <TargetCard key={t.id} t={t} townshipScope={false} />)}
      </div>
      {rest.length > 0 && (
        <details className="more-targets">
          <summary>{withUnit(UI_TEXT.moreTargets[lang], String(rest.length), lang)}</summary>
          <div className="target-grid target-grid--public">
            {rest.map((t) => <TargetCard key={t.id} t={t} townshipScope={false} />)}
          </div>
        </details>
      )}
    </section>
  );
}
