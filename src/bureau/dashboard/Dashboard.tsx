// The dashboard: plan-target progress, county (or township) totals, rankings, year-by-year progress, species × age
// breakdown and the carbon method. All figures come from the analysis worker running core/plan — the same code as the
// `targets` and `carbon` CLIs.
import { useEffect, useMemo, useState } from 'react';
import type { StandMethod } from '../../core/carbon/stand.ts';
import type { PlanProgress } from '../../core/plan/progress.ts';
import { toCsv } from '../../core/table/csv.ts';
import { EChart } from '../../ui/charts/EChart.tsx';
import { downloadBlob } from '../../ui/download.ts';
import { localeOf, useLang } from '../../ui/i18n.ts';
import { valueName } from '../../ui/value-names.ts';
import { analysis, PROJECTS_CHANGED } from '../../workers/analysis-client.ts';
import { exposeForTests, TEST_HOOKS } from '../../test-hooks.ts';
import { methodName, provenanceText } from './carbon-text.ts';
import { FactorCard } from './FactorCard.tsx';
import { formatTargetValue } from '../../ui/widgets/format-target.ts';
import { TargetCard } from '../../ui/widgets/TargetCard.tsx';
import { speciesAgeColumns, townshipColumns, yearColumns } from './table-columns.ts';
import { TOTAL_ROWS } from './totals.ts';
import { YearNote } from './YearNote.tsx';
import { MonitoringCard } from '../patches/MonitoringCard.tsx';

type Progress = PlanProgress & { compute_ms: number };
type RankMetric = 'upgrade' | 'carbon' | 'sink' | 'coverage';

const RANK_METRICS: Record<RankMetric, { zh: string; en: string }> = {
  upgrade: { zh: '低效林改造（亩）', en: 'Forest upgrade (mu)' },
  carbon: { zh: '碳储量（吨CO₂e）', en: 'Carbon stock (t CO₂e)' },
  sink: { zh: '年净碳汇（吨CO₂e/年）', en: 'Net annual sink (t CO₂e/yr)' },
  coverage: { zh: '森林覆盖率（%）', en: 'Forest coverage (%)' },
};

export default function Dashboard({ township, townshipName, onTownship, year }: { township: string | null; townshipName: string | null; onTownship: (code: string | null) => void; year?: number }) {
  const lang = useLang();
  const [method, setMethod] = useState<StandMethod>('ipcc_bef');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [county, setCounty] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [metric, setMetric] = useState<RankMetric>('upgrade');
  // Bumped when an editor changes a project layer: the figures are computed again from the current state.
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const bump = () => setRevision((r) => r + 1);
    window.addEventListener(PROJECTS_CHANGED, bump);
    return () => window.removeEventListener(PROJECTS_CHANGED, bump);
  }, []);

  useEffect(() => {
    let live = true;
    const { api, ready } = analysis();
    ready
      .then((report) => {
        // Exposed for the browser tests' timing record (load and area pass in the worker).
        if (TEST_HOOKS) exposeForTests({ __analysisLoad: report });
        return Promise.all([api.progress(township, method, year), township ? api.progress(null, method, year) : null]);
      })
      .then(([p, c]) => {
        if (!live) return;
        setProgress(p);
        setCounty(c ?? p);
        if (TEST_HOOKS) exposeForTests({ __progress: p });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [township, method, year, revision]);

  const rankOption = useMemo(() => {
    if (!county) return null;
    const value = (r: PlanProgress['by_township'][number]) =>
      metric === 'upgrade' ? Object.values(r.upgrade_by_type_mu).reduce((a, b) => a + b, 0) : metric === 'carbon' ? r.carbon_stock_tCO2e : metric === 'sink' ? r.annual_sink_tCO2e : r.coverage_pct ?? 0;
    const rows = [...county.by_township].sort((a, b) => value(a) - value(b));
    return {
      grid: { left: 70, right: 16, top: 8, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 10 } },
      series: [{ type: 'bar', data: rows.map((r) => ({ value: Math.round(value(r) * 100) / 100, itemStyle: { color: r.code === township ? '#e65100' : '#2e7d32' } })) }],
    };
  }, [county, metric, township]);

  const yearOption = useMemo(() => {
    if (!progress) return null;
    const years = progress.by_year.map((y) => String(y.year));
    const types = ['更新', '补植', '抚育', '封育'] as const;
    return {
      grid: { left: 60, right: 16, top: 30, bottom: 24 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 10 } },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: lang === 'zh' ? '亩（累计）' : 'mu (cumulative)' },
      series: [
        ...types.map((t) => ({ name: valueName(t, lang), type: 'bar', stack: 'upgrade', data: progress.by_year.map((y) => Math.round(y.upgrade_mu[t])) })),
        { name: lang === 'zh' ? '碳汇造林' : 'Carbon-sink afforestation', type: 'line', data: progress.by_year.map((y) => Math.round(y.carbon_afforestation_mu)) },
      ],
    };
  }, [progress, lang]);

  if (error) return <div className="dashboard error-box" role="alert">{error}</div>;
  if (!progress || !county) return <div className="dashboard" data-testid="dashboard-loading">{lang === 'zh' ? '正在计算…' : 'Computing…'}</div>;

  const c = progress.county;
  const stamp = township ?? 'county';
  return (
    <div className="dashboard" data-testid="dashboard" data-scope={township ?? 'county'}>
      <div className="dashboard__scope">
        <strong>{township ? townshipName : lang === 'zh' ? '兴国县全县' : 'Xingguo County'}</strong>
        {township && <button type="button" onClick={() => onTownship(null)}>{lang === 'zh' ? '返回全县' : 'Whole county'}</button>}
        <label>
          {lang === 'zh' ? '方法' : 'Method'}{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as StandMethod)} data-testid="carbon-method">
            <option value="ipcc_bef">IPCC Tier 2 (V×D×BEF×(1+R)×CF)</option>
            <option value="fang">{lang === 'zh' ? '方精云生物量-蓄积量法' : "Fang's biomass–volume"}</option>
          </select>
        </label>
        <YearNote year={progress.as_of_year} lang={lang} />
        <small data-testid="compute-ms">{lang === 'zh' ? '计算耗时' : 'computed in'} {progress.compute_ms.toFixed(0)} ms</small>
      </div>

      <section aria-label="totals">
        <h3>{lang === 'zh' ? '总量' : 'Totals'}</h3>
        <table className="totals" data-testid="totals">
          <tbody>
            {TOTAL_ROWS.map((row) => (
              <tr key={row.key} data-total={row.key}>
                <th scope="row">{row.label[lang]}</th>
                <td>{row.format(c, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="method-note" data-testid="method-note">
          {provenanceText(methodName(progress.method, lang), c.provenance, lang)}
          {lang === 'zh' ? '。光伏、风电为“减排量（估算）”，不计入碳汇。' : '. PV and wind are avoided emissions (estimate), never added to sinks.'}
        </p>
        <p className="method-note" data-testid="uncertainty-note">
          {lang === 'zh'
            ? `95%区间：蒙特卡罗模拟（IPCC 2006 第1卷第3章 方法2），${c.uncertainty.draws} 次抽样，种子 ${c.uncertainty.seed}；同一树种组的系数同步抽样。`
            : `95 % intervals: Monte Carlo (IPCC 2006 Vol.1 Ch.3 Approach 2), ${c.uncertainty.draws} draws, seed ${c.uncertainty.seed}; factors of one species group drawn together.`}
        </p>
      </section>

      <MonitoringCard lang={lang} township={township} annualSink={c.annual_sink_tCO2e} />

      <section aria-label="targets">
        <h3>{lang === 'zh' ? '规划目标进展' : 'Plan targets'}</h3>
        <div className="target-grid">
          {progress.targets.map((t) => <TargetCard key={t.id} t={t} townshipScope={township !== null} />)}
        </div>
      </section>

      <section aria-label="townships">
        <h3>
          {lang === 'zh' ? '乡镇排名' : 'Township ranking'}{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value as RankMetric)} data-testid="rank-metric">
            {(Object.keys(RANK_METRICS) as RankMetric[]).map((m) => <option key={m} value={m}>{RANK_METRICS[m][lang]}</option>)}
          </select>
          <button type="button" className="csv-button" onClick={() => downloadBlob(`townships-${stamp}.csv`, toCsv(county.by_township, townshipColumns(lang)), 'text/csv;charset=utf-8')}>CSV</button>
        </h3>
        {rankOption && <EChart option={rankOption} height={420} testId="chart-townships" />}
      </section>

      <section aria-label="years">
        <h3>
          {lang === 'zh' ? '逐年进展（累计）' : 'Progress by year (cumulative)'}
          <button type="button" className="csv-button" onClick={() => downloadBlob(`years-${stamp}.csv`, toCsv(progress.by_year, yearColumns(lang)), 'text/csv;charset=utf-8')}>CSV</button>
        </h3>
        {yearOption && <EChart option={yearOption} height={240} testId="chart-years" />}
      </section>

      <section aria-label="species">
        <h3>
          {lang === 'zh' ? '树种组 × 龄组' : 'Species group × age group'}
          <button type="button" className="csv-button" onClick={() => downloadBlob(`species-age-${stamp}.csv`, toCsv(progress.by_species_age, speciesAgeColumns(lang)), 'text/csv;charset=utf-8')}>CSV</button>
        </h3>
        <table className="data-table" data-testid="species-age-table">
          <thead>
            <tr>{speciesAgeColumns(lang).map((col) => <th key={col.header}>{col.header}</th>)}</tr>
          </thead>
          <tbody>
            {progress.by_species_age.map((r) => (
              <tr key={r.species_group + r.age_group}>
                {speciesAgeColumns(lang).map((col) => {
                  const v = col.value(r);
                  return <td key={col.header}>{typeof v === 'number' ? v.toLocaleString(localeOf(lang), { maximumFractionDigits: 0 }) : String(v ?? '')}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <FactorCard method={progress.method} progress={progress} lang={lang} />
      <p className="method-note">
        {lang === 'zh' ? '减排因子' : 'Grid factor'}: {formatTargetValue(c.avoided_emissions.grid_factor_tco2_per_mwh * 1000, 'count', lang)} kgCO₂/MWh ({c.avoided_emissions.grid_factor_id})
      </p>
    </div>
  );
}
