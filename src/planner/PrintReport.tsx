// The printable A4 site report: map image, measurements, the analysis tables and notes on the method. Rendered into
// document.body only while printing; planner.css hides the app and shows this in print.
import { measureSite } from '../core/analysis/measure-site.ts';
import { SITE_TYPE_EN } from '../core/analysis/site-types.ts';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { formatArea, formatLength } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { AnalysisView } from './AnalysisView.tsx';
import type { Site } from './site.ts';
import { tr } from './text.ts';

export function PrintReport({ lang, site, analysis, image }: { lang: Lang; site: Site; analysis: SiteAnalysis | null; image: string }) {
  const m = measureSite(site.geometry);
  return (
    <div className="print-report" data-testid="print-report">
      <h1>{tr(lang, '地块分析报告', 'Site report')}：{site.name}</h1>
      <p>{tr(lang, '类型', 'Type')}：{lang === 'zh' ? site.type : SITE_TYPE_EN[site.type]} · {tr(lang, '日期', 'Date')}：{new Date().toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</p>
      <img src={image} alt={tr(lang, '地图', 'Map')} className="print-report__map" />
      <p>
        {tr(lang, '面积', 'Area')}：{formatArea(m.area_m2, 'mu', lang)}（{formatArea(m.area_m2, 'ha', lang)}，{formatArea(m.area_m2, 'km2', lang)}）·
        {tr(lang, '周长', 'Perimeter')}：{formatLength(m.perimeter_m, lang)}
      </p>
      {site.note && <p>{tr(lang, '备注', 'Note')}：{site.note}</p>}
      {analysis ? <AnalysisView lang={lang} a={analysis} /> : <p>{tr(lang, '（分析尚未完成）', '(analysis not ready)')}</p>}
      <p className="planner-small">
        {tr(lang, '面积为 CGCS2000 椭球面积，1 亩 = 10000/15 平方米。小班、项目与界线为示例数据（县界与乡镇名称为真实信息），结果仅供规划初筛，不作审批依据。',
          'Areas are ellipsoidal on CGCS2000; 1 mu = 10000/15 m². Stands, projects and boundaries are sample data (county outline and township names are real); for screening only, not for approval.')}
      </p>
    </div>
  );
}
