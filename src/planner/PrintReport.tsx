// The printable A4 site report, in the page while the print dialog is open; planner.css prints only this. The
// map is framed on the site with the stands and projects around it, and carries what a printed map needs: scale bar,
// north arrow, legend, the centre in CGCS2000 (lon/lat and 3° Gauss-Krüger), the data date and the methods.
import { measureSite } from '../core/analysis/measure-site.ts';
import { SITE_TYPE_EN } from '../core/analysis/site-types.ts';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { formatArea, formatLength } from '../core/geo/units.ts';
import { AS_OF_YEAR } from '../core/plan/progress.ts';
import type { LayerDef } from '../layers/types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { AnalysisView } from './AnalysisView.tsx';
import { gkOf, legendEntries, niceLength, type ReportMap } from './report-map.ts';
import type { Site } from './site.ts';
import { colon, paren, tr } from './text.ts';

interface Props { lang: Lang; site: Site; analysis: SiteAnalysis | null; map: ReportMap; layers: LayerDef[]; onReady?: () => void }

export function PrintReport({ lang, site, analysis, map, layers, onReady }: Props) {
  const m = measureSite(site.geometry);
  // The bar spans at most a quarter of the map; its length is a fraction of the image, so it holds at any print size.
  const barMetres = niceLength((map.widthPx * map.metresPerPx) / 4);
  const barPct = (100 * barMetres) / (map.widthPx * map.metresPerPx);
  const gk = gkOf(map.centre[0], map.centre[1]);
  const date = new Date().toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <div className="print-report" data-testid="print-report" data-zoom={map.zoom.toFixed(2)}>
      <h1>{tr(lang, '地块分析报告', 'Site report')}{colon(lang)}<span data-value>{site.name}</span></h1>
      <p>{tr(lang, '类型', 'Type')}{colon(lang)}{lang === 'zh' ? site.type : SITE_TYPE_EN[site.type]} · {tr(lang, '打印日期', 'Printed')}{colon(lang)}{date}</p>
      <figure className="print-report__figure">
        {/* At most 125 mm tall on paper: the frame's width follows the image's aspect, so the scale bar stays true. */}
        <div className="print-report__frame" style={{ maxWidth: `calc(125mm * ${(map.widthPx / Math.max(1, map.heightPx)).toFixed(4)})` }}>
          <img src={map.image} alt={tr(lang, '地块位置图', 'Site map')} className="print-report__map" data-testid="print-map" onLoad={onReady} />
          <svg className="print-report__north" viewBox="0 0 24 36" aria-label={tr(lang, '指北针', 'North arrow')} role="img">
            <polygon points="12,2 20,30 12,24 4,30" fill="#000" /><text x="12" y="35" fontSize="8" textAnchor="middle">N</text>
          </svg>
          <div className="print-report__scale" data-testid="print-scale" data-metres={barMetres}>
            <div className="print-report__scalebar" style={{ width: `${barPct}%` }} />
            <span>{barMetres >= 1000 ? `${barMetres / 1000} km` : `${barMetres} m`}</span>
          </div>
        </div>
        <figcaption>
          <ul className="print-report__legend" data-testid="print-legend">
            <li><span className="print-report__swatch" style={{ background: 'transparent', borderColor: '#e31a1c' }} />{tr(lang, '本地块', 'This site')}</li>
            {legendEntries(layers).map((e) => (
              <li key={e.id}><span className="print-report__swatch" style={{ background: e.fill, borderColor: e.outline }} />{e.name[lang]}</li>
            ))}
          </ul>
          <p data-testid="print-centre">
            {tr(lang, '中心点（CGCS2000）', 'Centre (CGCS2000)')}{colon(lang)}{map.centre[0].toFixed(6)}°E, {map.centre[1].toFixed(6)}°N ·
            {' '}{tr(lang, `3° 高斯-克吕格 ${gk.zone} 带（EPSG:${gk.epsg}）`, `3° Gauss-Krüger zone ${gk.zone} (EPSG:${gk.epsg})`)} X = {gk.x.toFixed(2)} m, Y = {gk.y.toFixed(2)} m
          </p>
        </figcaption>
      </figure>
      <p>
        {tr(lang, '面积', 'Area')}{colon(lang)}{formatArea(m.area_m2, 'mu', lang)}{paren(lang, `${formatArea(m.area_m2, 'ha', lang)}${tr(lang, '，', ', ')}${formatArea(m.area_m2, 'km2', lang)}`)} ·
        {' '}{tr(lang, '周长', 'Perimeter')}{colon(lang)}{formatLength(m.perimeter_m, lang)}
      </p>
      {site.note && <p>{tr(lang, '备注', 'Note')}{colon(lang)}<span data-value>{site.note}</span></p>}
      {analysis ? <AnalysisView lang={lang} a={analysis} /> : <p>{tr(lang, '（分析尚未完成）', '(analysis not ready)')}</p>}
      <p className="planner-small" data-testid="print-method">
        {tr(lang,
          `数据基准年：${AS_OF_YEAR} 年（示例数据：县界与乡镇名称为真实信息，小班、项目与乡镇界线为模拟）。方法：面积为 CGCS2000 椭球面积（1 亩 = 10000/15 平方米）；碳储量按 IPCC 二级蓄积—生物量法（C = V × D × BEF × (1+R) × CF），因子见碳汇方法说明。结果仅供规划初筛，不作审批依据。`,
          `Data year: ${AS_OF_YEAR} (sample data: the county outline and township names are real; stands, projects and township boundaries are synthetic). Methods: areas are ellipsoidal on CGCS2000 (1 mu = 10000/15 m²); carbon by the IPCC Tier 2 volume–biomass method (C = V × D × BEF × (1+R) × CF), factors as listed in the method notes. For screening only, not for approval.`)}
      </p>
    </div>
  );
}
