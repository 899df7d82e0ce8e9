// The township figures as a table: the text alternative to the map, from plan-progress.json.
import type { Lang } from '../../ui/i18n-types.ts';
import { formatNumber, formatRange, INDICATORS, withUnit, type IndicatorId } from '../indicators.ts';
import type { PlanProgressFile } from '../public-data.ts';
import { UI_TEXT } from '../../ui/i18n.ts';

export function TownshipTable({ plan, lang, indicator, selected, onSelect }: {
  plan: PlanProgressFile; lang: Lang; indicator: IndicatorId; selected: string | null; onSelect: (code: string) => void;
}) {
  const c = plan.county;
  const countyValues: Record<IndicatorId, number | null> = {
    coverage: c.coverage_pct,
    carbon_density: c.carbon_density_tC_per_ha,
    carbon_total: c.carbon_stock_tCO2e,
    sink: c.annual_sink_tCO2e,
    upgrade: c.forest_land_mu > 0 ? (plan.townships.reduce((s, r) => s + r.upgrade_mu, 0) / c.forest_land_mu) * 100 : null,
  };
  return (
    <section className="pub-section" aria-labelledby="township-table-h">
      <h2 id="township-table-h">{UI_TEXT.table[lang]}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="township-table-h">
        <table className="township-table" id="township-table" data-testid="township-table">
          <caption>{UI_TEXT.tableCaption[lang]}</caption>
          <thead>
            <tr>
              <th scope="col">{UI_TEXT.township[lang]}</th>
              {INDICATORS.map((ind) => (
                <th scope="col" key={ind.id} data-col={ind.id} className={ind.id === indicator ? 'is-active' : undefined}>
                  {withUnit(ind.name[lang], ind.unit[lang], lang)}
                </th>
              ))}
              <th scope="col" data-col="upgrade_mu">{UI_TEXT.upgradeMu[lang]}</th>
              <th scope="col" data-col="carbon_ci">{UI_TEXT.stockInterval[lang]}</th>
              <th scope="col" data-col="sink_ci">{UI_TEXT.sinkInterval[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {plan.townships.map((r) => (
              <tr key={r.code} data-code={r.code} className={r.code === selected ? 'is-selected' : undefined}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onSelect(r.code)} aria-pressed={r.code === selected}>
                    {lang === 'en' && r.name_en ? r.name_en : r.name}
                  </button>
                </th>
                {INDICATORS.map((ind) => <td key={ind.id} data-col={ind.id}>{formatNumber(r[ind.property] as number, ind.digits, lang)}</td>)}
                <td data-col="upgrade_mu">{formatNumber(r.upgrade_mu, 0, lang)}</td>
                <td data-col="carbon_ci">{formatRange(r.carbon_stock_lo_tCO2e, r.carbon_stock_hi_tCO2e, lang)}</td>
                <td data-col="sink_ci">{formatRange(r.annual_sink_lo_tCO2e, r.annual_sink_hi_tCO2e, lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-code="county">
              <th scope="row">{UI_TEXT.county[lang]}</th>
              {INDICATORS.map((ind) => <td key={ind.id} data-col={ind.id}>{formatNumber(countyValues[ind.id], ind.digits, lang)}</td>)}
              <td data-col="upgrade_mu">{formatNumber(plan.townships.reduce((s, r) => s + r.upgrade_mu, 0), 0, lang)}</td>
              <td data-col="carbon_ci">{formatRange(c.uncertainty.carbon_stock_tCO2e[0], c.uncertainty.carbon_stock_tCO2e[1], lang)}</td>
              <td data-col="sink_ci">{formatRange(c.uncertainty.annual_sink_tCO2e[0], c.uncertainty.annual_sink_tCO2e[1], lang)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
