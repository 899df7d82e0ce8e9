// The printable A4 site report, in the page while the print dialog is open; planner.css prints only this. The
// map is framed on the site with the stands and projects around it, and carries what a printed map needs: scale bar,
// north arrow, labels, a legend of what the frame shows (report-map.ts), the centre in CGCS2000 (lon/lat and 3°
// Gauss-Krüger), the data date and the methods; then the analysis (without the screen's timings) and the 界址点坐标表.
// ExportMenu prints one site, or every site one after another (a page break before each).
import { measureSite } from '../core/analysis/measure-site.ts';
import { SITE_TYPE_EN } from '../core/analysis/site-types.ts';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { formatArea, formatLength } from '../core/geo/units.ts';
import { AS_OF_YEAR } from '../core/plan/progress.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { AnalysisView } from './AnalysisView.tsx';
import { gkOf, niceLength, type ReportMap } from './report-map.ts';
import { BoundaryPoints } from './BoundaryPoints.tsx';
import { StandSource } from './StandSource.tsx';
import type { StandSourceInfo } from '../workers/planner.worker.ts';
import type { Site } from './site.ts';
import { colon, paren, pt } from './text.ts';
import { VERDICTS } from '../core/analysis/siting-rules.ts';
import { VERDICT_COLOURS } from '../map/overlays.ts';
import { valueName } from '../ui/value-names.ts';
import { fillText } from '../ui/fill-text.ts';
import { st } from './siting-text.ts';

interface Props { lang: Lang; site: Site; analysis: (SiteAnalysis & { ms?: number; stand_source?: StandSourceInfo }) | null; map: ReportMap; onReady?: () => void }

export function PrintReport({ lang, site, analysis, map, onReady }: Props) {
  const m = measureSite(site.geometry);
  // The bar spans at most a quarter of the map; its length is a fraction of the image, so it holds at any print size.
  const barMetres = niceLength((map.widthPx * map.metresPerPx) / 4);
  const barPct = (100 * barMetres) / (map.widthPx * map.metresPerPx);
  const gk = gkOf(map.centre[0], map.centre[1]);
  const date = new Date().toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <div className="print-report" data-testid="print-report" data-zoom={map.zoom.toFixed(2)}>
      <h1>{pt(lang, 'siteReport')}{colon(lang)}<span data-value>{site.name}</span></h1>
      <p>{pt(lang, 'type')}{colon(lang)}{lang === 'zh' ? site.type : SITE_TYPE_EN[site.type]} · {pt(lang, 'printed')}{colon(lang)}{date}</p>
      {analysis?.areal && <p data-testid="print-verdict">{st(lang, 'sitingVerdict')}{colon(lang)}{analysis.siting.verdict ? valueName(analysis.siting.verdict, lang) : st(lang, 'sitingNone')}</p>}
      <figure className="print-report__figure">
        {/* At most 125 mm tall on paper: the frame's width follows the image's aspect, so the scale bar stays true. */}
        <div className="print-report__frame" style={{ maxWidth: `calc(125mm * ${(map.widthPx / Math.max(1, map.heightPx)).toFixed(4)})` }}>
          <img src={map.image} alt={pt(lang, 'siteMap')} className="print-report__map" data-testid="print-map" onLoad={onReady}
            data-bounds={JSON.stringify(map.bounds)} data-labels={map.labels} />
          <svg className="print-report__north" viewBox="0 0 24 36" aria-label={pt(lang, 'northArrow')} role="img">
            <polygon points="12,2 20,30 12,24 4,30" fill="#000" /><text x="12" y="35" fontSize="8" textAnchor="middle">N</text>
          </svg>
          <div className="print-report__scale" data-testid="print-scale" data-metres={barMetres}>
            <div className="print-report__scalebar" style={{ width: `${barPct}%` }} />
            <span>{barMetres >= 1000 ? `${barMetres / 1000} km` : `${barMetres} m`}</span>
          </div>
        </div>
        <figcaption>
          <ul className="print-report__legend" data-testid="print-legend">
            <li><span className="print-report__swatch" style={{ background: 'transparent', borderColor: '#e31a1c' }} />{pt(lang, 'thisSite')}</li>
            {VERDICTS.filter((v) => analysis?.siting.findings.some((f) => f.verdict === v && f.geometry)).map((v) => (
              <li key={v} data-verdict={v}><span className="print-report__swatch" style={{ background: VERDICT_COLOURS[v], borderColor: VERDICT_COLOURS[v] }} />{valueName(v, lang)}</li>
            ))}
            {map.legend.map((e) => (
              <li key={`${e.id}|${e.name.zh}`} data-layer={e.id}><span className="print-report__swatch" style={{ background: e.fill, borderColor: e.outline }} />{e.name[lang]}</li>
            ))}
          </ul>
          <p data-testid="print-centre">
            {pt(lang, 'centreCgcs2000')}{colon(lang)}{map.centre[0].toFixed(6)}°E, {map.centre[1].toFixed(6)}°N ·
            {' '}{fillText(pt(lang, 'gaussKrugerZone'), { zone: gk.zone, epsg: gk.epsg })} X = {gk.x.toFixed(2)} m, Y = {gk.y.toFixed(2)} m
          </p>
        </figcaption>
      </figure>
      <p>
        {pt(lang, 'area')}{colon(lang)}{formatArea(m.area_m2, 'mu', lang)}{paren(lang, `${formatArea(m.area_m2, 'ha', lang)}${pt(lang, 'listComma')}${formatArea(m.area_m2, 'km2', lang)}`)} ·
        {' '}{pt(lang, 'perimeter')}{colon(lang)}{formatLength(m.perimeter_m, lang)}
      </p>
      {site.note && <p>{pt(lang, 'note')}{colon(lang)}<span data-value>{site.note}</span></p>}
      {analysis?.stand_source && <StandSource lang={lang} source={analysis.stand_source} />}
      {/* No timings on paper: the screen's "(11.6 ms)" says nothing to a reader of the report. */}
      {analysis ? <AnalysisView lang={lang} a={{ ...analysis, ms: undefined }} /> : <p>{pt(lang, 'analysisNotReady')}</p>}
      <BoundaryPoints lang={lang} name={site.name} geometry={site.geometry} printed />
      <p className="planner-small" data-testid="print-method">
        {fillText(pt(lang, 'dataYearAndSampleNote'), { asOfYear: AS_OF_YEAR })}
      </p>
    </div>
  );
}
