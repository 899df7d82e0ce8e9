// The siting result (every rule the site meets: verdict, rule, area in 亩, source) and the carbon effect of the site by
// its type (losses, kept forest, gain on eligible land, avoided emissions), for the panel and the printed report.
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { COMPARISON_YEARS } from '../core/analysis/with-without.ts';
import type { SiteType } from '../core/analysis/site-types.ts';
import type { Verdict } from '../core/analysis/siting-rules.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { localeOf } from '../ui/i18n.ts';
import { fillText } from '../ui/fill-text.ts';
import { valueName } from '../ui/value-names.ts';
import { BASIS_STATUS, purposeText, signed, st } from './siting-text.ts';
import { colon, pt } from './text.ts';

/** CSS modifier of each verdict (planner.css, and the map highlight's colours in src/map/overlays.ts). */
export const VERDICT_CLASS: Record<Verdict, string> = { 禁止: 'forbidden', 需审批: 'approval', 注意: 'caution', 允许: 'allowed' };

const fixed = (v: number, d: number, lang: Lang) => v.toLocaleString(localeOf(lang), { minimumFractionDigits: d, maximumFractionDigits: d });

export function SitingSection({ lang, a }: { lang: Lang; a: SiteAnalysis }) {
  const s = a.siting;
  const synthetic = s.layers.filter((l) => l.synthetic).map((l) => l.name[lang]);
  const missing = s.layers.filter((l) => l.features === 0);
  return (
    <section className="planner-siting" data-testid="siting" data-verdict={s.verdict ?? ''} data-rules-version={s.rules_version}>
      <h4>{st(lang, 'sitingTitle')}</h4>
      <p className={`verdict verdict--${s.verdict ? VERDICT_CLASS[s.verdict] : 'none'}`} data-testid="siting-verdict">
        {st(lang, 'sitingVerdict')}{colon(lang)}{s.verdict ? valueName(s.verdict, lang) : st(lang, 'sitingNone')}
      </p>
      {s.findings.length > 0 && (
        <table className="planner-table" data-testid="siting-findings">
          <thead><tr><th>{st(lang, 'sitingVerdictCol')}</th><th>{st(lang, 'sitingRuleCol')}</th><th>{st(lang, 'sitingAreaCol')}</th><th>{st(lang, 'sitingBasisCol')}</th></tr></thead>
          <tbody>
            {s.findings.map((f) => (
              <tr key={`${f.rule}-${f.layer?.key ?? ''}`} data-rule={f.rule} data-verdict={f.verdict} data-area-mu={f.area_mu} data-layer={f.layer?.key ?? ''}>
                <td className={`verdict verdict--${VERDICT_CLASS[f.verdict]}`}>{valueName(f.verdict, lang)}</td>
                <td>{f.text[lang]}</td>
                <td>{fixed(f.area_mu, 2, lang)}</td>
                {/* A citation of a law or notice (data of the rule table): document numbers stay as published. */}
                <td className="planner-small" data-status={f.basis.status}><span translate="no" data-value>{f.basis[lang]}</span> <em>{`[${st(lang, BASIS_STATUS[f.basis.status])}]`}</em></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.unsurveyed_mu > 0 && <p className="planner-muted planner-small" data-testid="siting-unsurveyed" data-mu={s.unsurveyed_mu}>{fillText(st(lang, 'sitingOutsideInventory'), { mu: fixed(s.unsurveyed_mu, 2, lang) })}</p>}
      {missing.map((l) => <p key={l.key} className="planner-muted planner-small" data-testid="siting-missing" data-layer={l.key}>{fillText(st(lang, 'sitingNotProvided'), { layer: l.name[lang] })}</p>)}
      {synthetic.length > 0 && <p className="planner-small sample-note" data-testid="siting-synthetic">{fillText(st(lang, 'sitingSynthetic'), { layers: synthetic.join(pt(lang, 'listComma')) })}</p>}
      <p className="planner-muted planner-small">{st(lang, 'sitingMapNote')} {st(lang, 'sitingScreeningNote')}</p>
    </section>
  );
}

export function CarbonEffect({ lang, a, type }: { lang: Lang; a: SiteAnalysis; type: SiteType }) {
  const c = a.carbon;
  const loc = localeOf(lang);
  const last = a.comparison?.rows.find((r) => r.years === COMPARISON_YEARS[COMPARISON_YEARS.length - 1]);
  return (
    <section className="planner-carbon-effect" data-testid="carbon-effect" data-type={type} data-stands={c.stands}>
      <h4>{st(lang, 'carbonTitle')}</h4>
      <p className="planner-small" data-testid="carbon-purpose">{purposeText(lang, type)}</p>
      <dl className="planner-kv">
        <dt>{st(lang, 'stockChange')}</dt>
        <dd data-testid="carbon-stock-change" data-value={c.stock_change_tCO2e}>{signed(c.stock_change_tCO2e, 1, loc)} tCO₂e</dd>
        <dt>{st(lang, 'sinkChange')}</dt>
        <dd data-testid="carbon-sink-change" data-value={c.sink_change_tCO2e}>{signed(c.sink_change_tCO2e, 2, loc)} tCO₂e/{pt(lang, 'yr')}</dd>
        {a.comparison && <>
          <dt>{st(lang, 'keptForest')}</dt>
          <dd data-testid="carbon-kept" data-value={c.kept_mu}>{fixed(c.kept_mu, 2, lang)} {pt(lang, 'mu')}</dd>
          <dt>{st(lang, 'eligibleLand')}</dt>
          <dd data-testid="carbon-eligible" data-value={c.eligible_mu}>{fixed(c.eligible_mu, 2, lang)} {pt(lang, 'mu')}</dd>
          {last && <>
            <dt>{fillText(st(lang, 'gainAfter'), { years: last.years })}</dt>
            <dd data-testid="carbon-gain" data-value={last.added_tCO2e}>{signed(last.added_tCO2e, 1, loc)} tCO₂e</dd>
          </>}
        </>}
        {c.avoided && <>
          <dt>{st(lang, 'avoided')}</dt>
          <dd data-testid="carbon-avoided" data-value={c.avoided.avoided_tco2_per_yr}>
            {signed(c.avoided.avoided_tco2_per_yr, 1, loc)} tCO₂e/{pt(lang, 'yr')}
            <span className="planner-muted planner-small"> ({fillText(st(lang, 'avoidedDetail'), { haPerMw: c.avoided.ha_per_mw, mw: fixed(c.avoided.capacity_mw, 2, lang), hours: c.avoided.full_load_hours, grid: c.avoided.grid_factor_tco2_per_mwh })})</span>
          </dd>
        </>}
      </dl>
    </section>
  );
}
