// The site analysis as text tables: stands taken (by species group, age group, land class, township), carbon at
// stake and annual sink lost, overlap with wetlands/mines/projects by township, conflict flags, with/without project.
import type { SiteAnalysis, StandRow } from '../core/analysis/site-analysis.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { valueName } from '../ui/value-names.ts';
import { overlapName } from '../layers/analysis-roles.ts';
import { paren, pt } from './text.ts';
import { fillText } from '../ui/fill-text.ts';
import { CarbonEffect, SitingSection } from './SitingView.tsx';
import { st } from './siting-text.ts';
import type { SiteZonal } from '../core/raster/zone-summary.ts';
import { ZonalTable } from '../ui/widgets/ZonalTable.tsx';

const n = (v: number, d = 2) => v.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });

function RowsTable({ lang, title, rows, testId }: { lang: Lang; title: string; rows: { key: string; area_mu: number; stock_m3?: number; carbon_stock_tCO2e?: number }[]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <table className="planner-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead><tr><th>{pt(lang, 'class')}</th><th>{pt(lang, 'areaMu')}</th><th>{pt(lang, 'stockM3')}</th><th>tCO₂e</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.key}><td data-value={testId === 'analysis-townships' ? '' : undefined}>{valueName(r.key, lang)}</td><td>{n(r.area_mu)}</td><td>{r.stock_m3 !== undefined ? n(r.stock_m3, 1) : ''}</td><td>{r.carbon_stock_tCO2e !== undefined ? n(r.carbon_stock_tCO2e, 1) : ''}</td></tr>
      ))}</tbody>
    </table>
  );
}

export function AnalysisView({ lang, a }: { lang: Lang; a: SiteAnalysis & SiteZonal & { ms?: number } }) {
  if (!a.areal) return <p className="planner-muted" data-testid="analysis-not-areal">{pt(lang, 'notArealNoAnalysis')}</p>;
  const s = a.stands;
  const kept = a.carbon.stands === 'kept';
  const townRows = (rows: (StandRow & { name: string })[]) => rows.map((r) => ({ ...r, key: `${r.name || r.key}` }));
  return (
    <div className="planner-analysis" data-testid="planner-analysis" data-stands-mu={s.area_mu} data-carbon-tco2e={s.carbon_stock_tCO2e}
      data-sink-tco2e={s.annual_sink_tCO2e} data-stock-m3={s.stock_m3}>
      <dl className="planner-kv">
        <dt>{kept ? st(lang, 'standsInSite') : pt(lang, 'standLandTaken')}</dt><dd data-testid="analysis-stands-mu">{n(s.area_mu)} {pt(lang, 'mu')}{paren(lang, `${s.count} ${pt(lang, 'stands')}`)}</dd>
        <dt>{pt(lang, 'ofWhichForest')}</dt><dd>{n(s.forest_area_mu)} {pt(lang, 'mu')}</dd>
        <dt>{pt(lang, 'standingStock')}</dt><dd>{n(s.stock_m3, 1)} m³</dd>
        <dt>{pt(lang, 'carbonStockAtStake')}</dt><dd data-testid="analysis-carbon">{n(s.carbon_stock_tCO2e, 1)} tCO₂e{paren(lang, `${n(s.carbon_stock_tC, 1)} tC`)}</dd>
        <dt>{kept ? st(lang, 'standsNetSink') : pt(lang, 'netAnnualSinkLost')}</dt><dd data-testid="analysis-sink">{n(s.annual_sink_tCO2e, 1)} tCO₂e/{pt(lang, 'yr')}{paren(lang, `${pt(lang, 'grossGrowth')} ${n(s.gross_growth_tCO2e, 1)}`)}</dd>
      </dl>
      {/* What land cover the site takes, from the release's latest land-cover raster (worker: src/workers/raster-zonal.ts). */}
      {(a.zonal || a.zonal_error) && <ZonalTable summaries={a.zonal} error={a.zonal_error} lang={lang} />}
      <p className="planner-muted planner-small" data-testid="analysis-provenance">
        {/* the factor-table version is an identifier, the same in both languages: marked as a data value */}
        {pt(lang, 'factorTable')}<span data-value>{a.provenance.factors_version}</span>
        {fillText(pt(lang, 'unverifiedFactorShares'), { carbon_stock: Math.round(a.provenance.unverified_share.carbon_stock * 100), annual_sink: Math.round(a.provenance.unverified_share.annual_sink * 100) })}
      </p>
      <SitingSection lang={lang} a={a} />
      <CarbonEffect lang={lang} a={a} type={a.type} />
      {a.conflicts.length > 0 ? (
        <ul className="planner-flags" data-testid="analysis-conflicts">
          {a.conflicts.map((c) => <li key={c.kind} className={`flag flag--${c.severity}`} data-kind={c.kind}>{c.severity === 'block' ? '⛔ ' : '⚠ '}{lang === 'zh' ? c.zh : c.en}</li>)}
        </ul>
      ) : <p className="planner-ok" data-testid="analysis-no-conflicts">{pt(lang, 'noConflictsFound')}</p>}
      <RowsTable lang={lang} title={pt(lang, 'bySpeciesGroup')} rows={s.bySpecies} testId="analysis-species" />
      <RowsTable lang={lang} title={pt(lang, 'byAgeGroup')} rows={s.byAge} testId="analysis-age" />
      <RowsTable lang={lang} title={pt(lang, 'byLandClass')} rows={s.byLandClass} testId="analysis-landclass" />
      <RowsTable lang={lang} title={pt(lang, 'byTownship')} rows={townRows(s.byTownship)} testId="analysis-townships" />
      <table className="planner-table" data-testid="analysis-overlaps">
        <caption>{pt(lang, 'overlapWithOtherLayersBy')}</caption>
        <thead><tr><th>{pt(lang, 'layer')}</th><th>{pt(lang, 'township')}</th><th>{pt(lang, 'areaMu')}</th><th>{pt(lang, 'names')}</th></tr></thead>
        <tbody>
          {a.overlaps.every((o) => o.count === 0) && <tr><td colSpan={4}>{pt(lang, 'none')}</td></tr>}
          {a.overlaps.flatMap((o) => o.byTownship.map((t) => (
            <tr key={`${o.layer}-${t.code}`} data-layer={o.layer}><td>{overlapName(o.layer)[lang]}</td><td data-value>{t.name || t.code}</td><td>{n(t.area_mu)}</td><td data-value>{t.names.join(lang === 'zh' ? '、' : ', ')}</td></tr>
          )))}
        </tbody>
      </table>
      {a.comparison && (
        <table className="planner-table" data-testid="analysis-comparison">
          <caption>{fillText(pt(lang, 'withWithoutCaption'), { plantable_mu: n(a.comparison.plantable_mu), start_year: a.comparison.start_year })}</caption>
          <thead><tr><th>{pt(lang, 'years')}</th><th>{pt(lang, 'withProject')}</th><th>{pt(lang, 'withoutProject')}</th><th>{pt(lang, 'addedTco2e')}</th></tr></thead>
          <tbody>{a.comparison.rows.map((r) => <tr key={r.years}><td>{r.years}</td><td>{n(r.with_tCO2e, 1)}</td><td>{n(r.without_tCO2e, 1)}</td><td>{n(r.added_tCO2e, 1)}</td></tr>)}</tbody>
        </table>
      )}
      <p className="planner-muted planner-small">
        {fillText(pt(lang, 'analysisMethodNote'), { method: pt(lang, a.method === 'fang' ? 'methodFang' : 'methodIpccTier2'), year: a.year, mineNote: a.comparison?.method === 'mine_restoration' ? pt(lang, 'mineRestorationNote') : '' })}
        {a.ms !== undefined && ` (${a.ms.toFixed(1)} ms)`}
      </p>
    </div>
  );
}
