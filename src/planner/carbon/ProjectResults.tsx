// The report of a carbon-sink project as the panel and the printed 项目设计文件 show it: eligibility per parcel (each
// failing rule with its quote and source, the rules left to verify), the strata, the per-year table with 95 %
// intervals, the totals and value. Every figure carries its full-precision value in a data attribute (the browser test
// compares them with `npm run project -- … --json`).
import type { ProjectReport } from '../../core/projects/run.ts';
import type { RuleId } from '../../core/projects/eligibility.ts';
import { formatArea } from '../../core/geo/units.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { fillText } from '../../ui/fill-text.ts';
import type { PlannerTextKey } from '../../ui/i18n.ts';
import { colon, pt } from '../text.ts';

const num = (v: number, lang: Lang, digits = 1) => v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (v: number, lang: Lang) => `${num(v * 100, lang, 1)} %`;
export const range = (r: [number, number], lang: Lang, digits = 1) => `${num(r[0], lang, digits)}–${num(r[1], lang, digits)}`;
const ruleTitle = (r: ProjectReport, id: RuleId, lang: Lang) => (lang === 'zh' ? r.eligibility.rules[id].title_zh : r.eligibility.rules[id].title_en);

export function EligibilityTable({ lang, report, printed = false }: { lang: Lang; report: ProjectReport; printed?: boolean }) {
  const e = report.eligibility;
  return (
    <div data-testid="cp-eligibility">
      <h4>{pt(lang, 'cpEligibility')}</h4>
      <p data-testid="cp-eligible-summary" data-eligible={e.eligible.length} data-area-mu={e.eligible_area_mu}>
        {fillText(pt(lang, 'cpEligibleSummary'), { n: e.eligible.length, total: e.parcels.length, area: formatArea(e.eligible_area_ha * 10_000, 'mu', lang) })}
      </p>
      <table className="planner-table cp-table">
        <thead><tr><th>{pt(lang, 'cpParcel')}</th><th>{pt(lang, 'cpArea')}</th><th>{pt(lang, 'cpEligibility')}</th></tr></thead>
        <tbody>
          {e.parcels.map((p) => (
            <tr key={p.id} data-testid="cp-parcel-eligibility" data-parcel={p.id} data-eligible={p.eligible} data-failed={p.failed.join(',')}>
              <td>{p.id} <span data-value>{p.name}</span></td>
              <td>{formatArea(p.area_m2, 'mu', lang)}</td>
              <td>
                <strong className={p.eligible ? 'cp-ok' : 'cp-fail'}>{pt(lang, p.eligible ? 'cpEligible' : 'cpNotEligible')}</strong>
                <ul className="cp-rules">
                  {p.rules.filter((x) => x.status === 'fail' || (printed && x.status === 'unknown')).map((x) => (
                    <li key={x.rule} data-testid="cp-rule" data-rule={x.rule} data-status={x.status}>
                      {pt(lang, x.status === 'fail' ? 'cpFails' : 'cpUnknown')}{colon(lang)}{ruleTitle(report, x.rule, lang)} — <span className="planner-small">{x.reason}</span>
                      <blockquote className="cp-quote">「{report.eligibility.rules[x.rule].quote}」 — {report.eligibility.rules[x.rule].source}</blockquote>
                    </li>
                  ))}
                </ul>
                {!printed && p.rules.some((x) => x.status === 'unknown') && (
                  <p className="planner-small planner-muted">{pt(lang, 'cpUnknown')}{colon(lang)}{p.rules.filter((x) => x.status === 'unknown').map((x) => ruleTitle(report, x.rule, lang)).join(lang === 'zh' ? '、' : ', ')}</p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StrataTable({ lang, report }: { lang: Lang; report: ProjectReport }) {
  return (
    <div data-testid="cp-strata">
      <h4>{pt(lang, 'cpStrata')}</h4>
      <table className="planner-table cp-table">
        <thead><tr><th>{pt(lang, 'cpStratum')}</th><th>{pt(lang, 'cpDesign')}</th><th>{pt(lang, 'cpBaselineKind')}</th><th>{pt(lang, 'cpParcels')}</th><th>{pt(lang, 'cpArea')}</th><th>{pt(lang, 'cpSpecies')}</th><th>{pt(lang, 'cpPlantingYear')}</th><th>{pt(lang, 'cpSiteClass')}</th><th>{pt(lang, 'cpDensity')}</th></tr></thead>
        <tbody>
          {report.strata.map((s) => (
            <tr key={s.id} data-testid="cp-stratum" data-stratum={s.id} data-area-ha={s.area_ha}>
              <td>{s.id}</td><td>{s.design}</td><td>{pt(lang, `cpBaseline_${s.baseline_kind}` as PlannerTextKey)}</td><td>{s.parcels.join(', ')}</td>
              <td>{formatArea(s.area_ha * 10_000, 'mu', lang)}</td>
              <td>{s.species.map((c) => `${c.group} ${Math.round(c.share * 100)}%`).join(' + ')}</td>
              <td>{s.planting_year}</td><td>{s.site_class}</td><td>{num(s.density_per_ha, lang, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function YearsTable({ lang, report }: { lang: Lang; report: ProjectReport }) {
  const value = new Map(report.value.by_year.map((v) => [v.year, v]));
  return (
    <div data-testid="cp-years-block">
      <h4>{pt(lang, 'cpYears')}</h4>
      <table className="planner-table cp-table cp-years" data-testid="cp-years">
        <thead>
          <tr>
            <th>{pt(lang, 'cpColT')}</th><th>{pt(lang, 'cpColYear')}</th><th>{pt(lang, 'cpColProject')}</th><th>{pt(lang, 'cpColBaseline')}</th><th>{pt(lang, 'cpColLeakage')}</th>
            <th>{pt(lang, 'cpColDeduction')}</th><th>{pt(lang, 'cpColNet')}</th><th>{pt(lang, 'cpColNet95')}</th><th>{pt(lang, 'cpColCumulative')}</th><th>{pt(lang, 'cpColNet95')}</th>
            <th>{pt(lang, 'cpColValue')}</th><th>{pt(lang, 'cpColPresent')}</th>
          </tr>
        </thead>
        <tbody>
          {report.years.map((y) => {
            const v = value.get(y.year);
            return (
              <tr key={y.t} data-testid="cp-year" data-t={y.t} data-year={y.year} data-actual={y.actual_tCO2e} data-baseline={y.baseline_tCO2e} data-leakage={y.leakage_tCO2e}
                data-deduction={y.deduction_project_tCO2e + y.deduction_baseline_tCO2e} data-net={y.net_tCO2e} data-net-95={y.net_95.join(',')}
                data-cumulative={y.cumulative_net_tCO2e} data-cumulative-95={y.cumulative_95.join(',')} data-value-central={v?.revenue_cny.central ?? 0}
                data-present-central={v?.present_revenue_cny.central ?? 0}>
                <td>{y.t}</td><td>{y.year}</td><td>{num(y.actual_tCO2e, lang)}</td><td>{num(y.baseline_tCO2e, lang)}</td><td>{num(y.leakage_tCO2e, lang)}</td>
                <td>{num(y.deduction_project_tCO2e + y.deduction_baseline_tCO2e, lang)}</td><td>{num(y.net_tCO2e, lang)}</td><td>{range(y.net_95, lang)}</td>
                <td>{num(y.cumulative_net_tCO2e, lang)}</td><td>{range(y.cumulative_95, lang)}</td>
                <td>{num(v?.revenue_cny.central ?? 0, lang, 0)}</td><td>{num(v?.present_revenue_cny.central ?? 0, lang, 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Totals({ lang, report }: { lang: Lang; report: ProjectReport }) {
  const T = report.totals, V = report.value, U = report.uncertainty;
  return (
    <div data-testid="cp-totals" data-net={T.net_tCO2e} data-net-95={T.net_95.join(',')} data-value-central={V.totals.revenue_cny.central} data-present-central={V.totals.present_revenue_cny.central}>
      <p>{fillText(pt(lang, 'cpTotals'), { years: report.project.crediting_years, net: num(T.net_tCO2e, lang), low: num(T.net_95[0], lang), high: num(T.net_95[1], lang), perHa: num(T.net_per_ha_per_year_tCO2e, lang, 2) })}</p>
      <p>{fillText(pt(lang, 'cpValueTotals'), {
        low: num(V.price_cny_per_tCO2e.low, lang, 0), central: num(V.price_cny_per_tCO2e.central, lang, 0), high: num(V.price_cny_per_tCO2e.high, lang, 0), rate: pct(V.discount_rate, lang),
        u: num(V.totals.revenue_cny.central, lang, 0), pv: num(V.totals.present_revenue_cny.central, lang, 0), pvLow: num(V.totals.present_revenue_cny.low, lang, 0), pvHigh: num(V.totals.present_revenue_cny.high, lang, 0),
      })}</p>
      <p className="planner-small">{fillText(pt(lang, 'cpUncertainty'), { uP: pct(U.project.U, lang), dP: pct(U.project.share_deducted, lang), uB: pct(U.baseline.U, lang), dB: pct(U.baseline.share_added, lang), draws: U.draws })}</p>
    </div>
  );
}
