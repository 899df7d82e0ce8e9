// The site analysis as text tables: stands taken (by species group, age group, land class, township), carbon at
// stake and annual sink lost, overlap with wetlands/mines/projects by township, conflict flags, with/without project.
import type { SiteAnalysis, StandRow } from '../core/analysis/site-analysis.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { valueName } from '../ui/value-names.ts';
import { overlapName } from '../layers/analysis-roles.ts';
import { paren, tr } from './text.ts';

const n = (v: number, d = 2) => v.toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d });

function RowsTable({ lang, title, rows, testId }: { lang: Lang; title: string; rows: { key: string; area_mu: number; stock_m3?: number; carbon_stock_tCO2e?: number }[]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <table className="planner-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead><tr><th>{tr(lang, '类别', 'Class')}</th><th>{tr(lang, '面积(亩)', 'Area (mu)')}</th><th>{tr(lang, '蓄积(m³)', 'Stock (m³)')}</th><th>tCO₂e</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.key}><td data-value={testId === 'analysis-townships' ? '' : undefined}>{valueName(r.key, lang)}</td><td>{n(r.area_mu)}</td><td>{r.stock_m3 !== undefined ? n(r.stock_m3, 1) : ''}</td><td>{r.carbon_stock_tCO2e !== undefined ? n(r.carbon_stock_tCO2e, 1) : ''}</td></tr>
      ))}</tbody>
    </table>
  );
}

export function AnalysisView({ lang, a }: { lang: Lang; a: SiteAnalysis & { ms?: number } }) {
  if (!a.areal) return <p className="planner-muted" data-testid="analysis-not-areal">{tr(lang, '点和线没有面积，只给出量测；请绘制面状地块进行分析。', 'Points and lines have no area; draw a polygon for the analysis.')}</p>;
  const s = a.stands;
  const townRows = (rows: (StandRow & { name: string })[]) => rows.map((r) => ({ ...r, key: `${r.name || r.key}` }));
  return (
    <div className="planner-analysis" data-testid="planner-analysis" data-stands-mu={s.area_mu} data-carbon-tco2e={s.carbon_stock_tCO2e}
      data-sink-tco2e={s.annual_sink_tCO2e} data-stock-m3={s.stock_m3}>
      <dl className="planner-kv">
        <dt>{tr(lang, '占用林地（小班）', 'Stand land taken')}</dt><dd data-testid="analysis-stands-mu">{n(s.area_mu)} {tr(lang, '亩', 'mu')}{paren(lang, `${s.count} ${tr(lang, '个小班', 'stands')}`)}</dd>
        <dt>{tr(lang, '其中森林', 'of which forest')}</dt><dd>{n(s.forest_area_mu)} {tr(lang, '亩', 'mu')}</dd>
        <dt>{tr(lang, '蓄积', 'Standing stock')}</dt><dd>{n(s.stock_m3, 1)} m³</dd>
        <dt>{tr(lang, '碳储量', 'Carbon stock at stake')}</dt><dd data-testid="analysis-carbon">{n(s.carbon_stock_tCO2e, 1)} tCO₂e{paren(lang, `${n(s.carbon_stock_tC, 1)} tC`)}</dd>
        <dt>{tr(lang, '年净碳汇损失', 'Net annual sink lost')}</dt><dd data-testid="analysis-sink">{n(s.annual_sink_tCO2e, 1)} tCO₂e/{tr(lang, '年', 'yr')}{paren(lang, `${tr(lang, '总生长', 'gross growth')} ${n(s.gross_growth_tCO2e, 1)}`)}</dd>
      </dl>
      <p className="planner-muted planner-small" data-testid="analysis-provenance">
        {/* the factor-table version is an identifier, the same in both languages: marked as a data value */}
        {tr(lang, '因子表 ', 'Factor table ')}<span data-value>{a.provenance.factors_version}</span>
        {tr(lang,
          `；依据未核实系数（二手来源或假设值）的比例：碳储量 ${Math.round(a.provenance.unverified_share.carbon_stock * 100)}%，年净碳汇 ${Math.round(a.provenance.unverified_share.annual_sink * 100)}%`,
          `; resting on unverified factors (secondary or assumed): stock ${Math.round(a.provenance.unverified_share.carbon_stock * 100)} %, net sink ${Math.round(a.provenance.unverified_share.annual_sink * 100)} %`)}
      </p>
      {a.conflicts.length > 0 ? (
        <ul className="planner-flags" data-testid="analysis-conflicts">
          {a.conflicts.map((c) => <li key={c.kind} className={`flag flag--${c.severity}`} data-kind={c.kind}>{c.severity === 'block' ? '⛔ ' : '⚠ '}{lang === 'zh' ? c.zh : c.en}</li>)}
        </ul>
      ) : <p className="planner-ok" data-testid="analysis-no-conflicts">{tr(lang, '未发现冲突', 'No conflicts found')}</p>}
      <RowsTable lang={lang} title={tr(lang, '按树种组', 'By species group')} rows={s.bySpecies} testId="analysis-species" />
      <RowsTable lang={lang} title={tr(lang, '按龄组', 'By age group')} rows={s.byAge} testId="analysis-age" />
      <RowsTable lang={lang} title={tr(lang, '按地类', 'By land class')} rows={s.byLandClass} testId="analysis-landclass" />
      <RowsTable lang={lang} title={tr(lang, '按乡镇', 'By township')} rows={townRows(s.byTownship)} testId="analysis-townships" />
      <table className="planner-table" data-testid="analysis-overlaps">
        <caption>{tr(lang, '与其他图层重叠（按乡镇）', 'Overlap with other layers (by township)')}</caption>
        <thead><tr><th>{tr(lang, '图层', 'Layer')}</th><th>{tr(lang, '乡镇', 'Township')}</th><th>{tr(lang, '面积(亩)', 'Area (mu)')}</th><th>{tr(lang, '名称', 'Names')}</th></tr></thead>
        <tbody>
          {a.overlaps.every((o) => o.count === 0) && <tr><td colSpan={4}>{tr(lang, '无', 'None')}</td></tr>}
          {a.overlaps.flatMap((o) => o.byTownship.map((t) => (
            <tr key={`${o.layer}-${t.code}`} data-layer={o.layer}><td>{overlapName(o.layer)[lang]}</td><td data-value>{t.name || t.code}</td><td>{n(t.area_mu)}</td><td data-value>{t.names.join(lang === 'zh' ? '、' : ', ')}</td></tr>
          )))}
        </tbody>
      </table>
      {a.comparison && (
        <table className="planner-table" data-testid="analysis-comparison">
          <caption>{tr(lang, `有/无项目对比（可造林面积 ${n(a.comparison.plantable_mu)} 亩，${a.comparison.start_year} 年起）`, `With vs without project (plantable ${n(a.comparison.plantable_mu)} mu from ${a.comparison.start_year})`)}</caption>
          <thead><tr><th>{tr(lang, '年限', 'Years')}</th><th>{tr(lang, '有项目', 'With')}</th><th>{tr(lang, '无项目', 'Without')}</th><th>{tr(lang, '增加(tCO₂e)', 'Added (tCO₂e)')}</th></tr></thead>
          <tbody>{a.comparison.rows.map((r) => <tr key={r.years}><td>{r.years}</td><td>{n(r.with_tCO2e, 1)}</td><td>{n(r.without_tCO2e, 1)}</td><td>{n(r.added_tCO2e, 1)}</td></tr>)}</tbody>
        </table>
      )}
      <p className="planner-muted planner-small">
        {tr(lang,
          `方法：小班与地块求交（平面裁剪，椭球面积），蓄积按面积比例分摊，碳储量与年净碳汇（生长 − 采伐 − 枯损）按 ${a.method === 'fang' ? '方精云生物量—蓄积函数' : 'IPCC 二级材积—生物量法'}（${a.year} 年）；有/无项目对比按造林生长曲线${a.comparison?.method === 'mine_restoration' ? '（矿山修复：立地系数与土壤碳累积）' : ''}，已有森林与湿地不计入可造林面积。示例数据，仅供演示。`,
          `Method: stands clipped by the site (planar clip, ellipsoidal area), stock pro rata by area, carbon and net annual sink (growth − harvest − mortality) by ${a.method === 'fang' ? "Fang's biomass–volume functions" : 'IPCC Tier 2 volume–biomass'} (${a.year}); with/without by the afforestation growth curve${a.comparison?.method === 'mine_restoration' ? ' (mine restoration: site factor and soil accrual)' : ''}; existing forest and wetland are not counted as plantable. Sample data.`)}
        {a.ms !== undefined && ` (${a.ms.toFixed(1)} ms)`}
      </p>
    </div>
  );
}
