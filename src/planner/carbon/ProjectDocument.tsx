// The printable 项目设计文件（草稿） of a carbon-sink project (issue 27 item 5), in the page while the print dialog is
// open (planner.css prints only .print-report): the methodology named in the title block ("AR-ACM0003 (CDM), not the
// CCER text"), the project map framed on the parcels and coloured by eligibility (report-map.ts captures it with the
// project's overlay on), eligibility with the rules' quotes and sources, the strata, the parameters with their
// sources and statuses, the formulas by number, the per-year results with 95 % intervals and the value.
import type { ProjectReport } from '../../core/projects/run.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { ELIGIBILITY_COLOURS } from '../../map/overlays.ts';
import { niceLength, type ReportMap } from '../report-map.ts';
import { colon, paren, pt } from '../text.ts';
import { ProjectChart } from './ProjectChart.tsx';
import { EligibilityTable, StrataTable, Totals, YearsTable } from './ProjectResults.tsx';

interface Props { lang: Lang; report: ProjectReport; map: ReportMap; onReady?: () => void }

export function ProjectDocument({ lang, report, map, onReady }: Props) {
  const P = report.project, M = report.methodology;
  const barMetres = niceLength((map.widthPx * map.metresPerPx) / 4);
  const barPct = (100 * barMetres) / (map.widthPx * map.metresPerPx);
  const date = new Date().toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return (
    <div className="print-report cp-document" data-testid="cp-document">
      <h1>{pt(lang, 'cpDocTitle')}{colon(lang)}<span data-value>{P.name}</span></h1>
      <p data-testid="cp-doc-methodology"><strong>{pt(lang, 'cpDocMethodology')}{colon(lang)}{M.label}</strong>{paren(lang, M.label_zh)} · {M.id} {M.version}</p>
      <p className="planner-small">{M.reason}</p>
      <p>
        {pt(lang, 'cpStartDate')}{colon(lang)}{P.start_date} · {pt(lang, 'cpCrediting')}{colon(lang)}{P.crediting_years}{paren(lang, `${P.first_year}–${P.last_year}`)} ·
        {' '}{pt(lang, 'cpPools')}{colon(lang)}{P.pools.map((x) => pt(lang, `cpPool_${x}`)).join(lang === 'zh' ? '、' : ', ')} · {pt(lang, 'cpDocPrepared')}{colon(lang)}{date}
      </p>
      <figure className="print-report__figure">
        <div className="print-report__frame" style={{ maxWidth: `calc(125mm * ${(map.widthPx / Math.max(1, map.heightPx)).toFixed(4)})` }}>
          <img src={map.image} alt={pt(lang, 'cpDocMap')} className="print-report__map" data-testid="cp-doc-map" onLoad={onReady} data-bounds={JSON.stringify(map.bounds)} />
          <svg className="print-report__north" viewBox="0 0 24 36" role="img" aria-label={pt(lang, 'northArrow')}>
            <polygon points="12,2 20,30 12,24 4,30" fill="#000" /><text x="12" y="35" fontSize="8" textAnchor="middle">N</text>
          </svg>
          <div className="print-report__scale" data-metres={barMetres}>
            <div className="print-report__scalebar" style={{ width: `${barPct}%` }} />
            <span>{barMetres >= 1000 ? `${barMetres / 1000} km` : `${barMetres} m`}</span>
          </div>
        </div>
        <figcaption>
          <ul className="print-report__legend" data-testid="cp-doc-legend">
            <li><span className="print-report__swatch" style={{ background: ELIGIBILITY_COLOURS.eligible, borderColor: ELIGIBILITY_COLOURS.eligible }} />{pt(lang, 'cpDocLegendEligible')}</li>
            <li><span className="print-report__swatch" style={{ background: ELIGIBILITY_COLOURS.failing, borderColor: ELIGIBILITY_COLOURS.failing }} />{pt(lang, 'cpDocLegendFailing')}</li>
            {map.legend.map((e) => <li key={`${e.id}|${e.name.zh}`}><span className="print-report__swatch" style={{ background: e.fill, borderColor: e.outline }} />{e.name[lang]}</li>)}
          </ul>
          <p>{pt(lang, 'cpDocMap')} · {pt(lang, 'centreCgcs2000')}{colon(lang)}{map.centre[0].toFixed(6)}°E, {map.centre[1].toFixed(6)}°N</p>
        </figcaption>
      </figure>
      <EligibilityTable lang={lang} report={report} printed />
      <StrataTable lang={lang} report={report} />
      <h4>{pt(lang, 'cpDocFormulas')}</h4>
      <ol className="cp-formulas" data-testid="cp-doc-formulas">
        {M.equations.map((e) => (
          <li key={e.id} data-equation={e.id}><strong>{e.number}</strong>{e.numbering === 'recalled' ? pt(lang, 'cpDocRecalled') : ''}{colon(lang)}<code>{e.formula}</code> — <span className="planner-small">{e.application} ({e.source})</span></li>
        ))}
      </ol>
      <h4>{pt(lang, 'cpDocParameters')}</h4>
      <table className="planner-table cp-table" data-testid="cp-doc-parameters">
        <thead><tr><th>{pt(lang, 'cpDocParameter')}</th><th>{pt(lang, 'cpDocValue')}</th><th>{pt(lang, 'cpDocStatus')}</th><th>{pt(lang, 'cpDocSource')}</th></tr></thead>
        <tbody>
          {report.parameters.project.map((p) => (
            <tr key={p.key} data-parameter={p.key} data-status={p.status}><td>{p.key}</td><td>{p.value ?? p.note} {p.unit}</td><td>{p.status}</td><td className="planner-small">{p.source}</td></tr>
          ))}
          {report.parameters.carbon.flatMap((n) => n.parameters.map((p) => (
            <tr key={`${n.figure}|${p.name}`} data-status={p.status}><td>{p.name}</td><td>{p.value} {p.unit}</td><td>{p.status}</td><td className="planner-small">{p.source}</td></tr>
          )))}
        </tbody>
      </table>
      <h4>{pt(lang, 'cpDocResults')}</h4>
      <Totals lang={lang} report={report} />
      <ProjectChart lang={lang} report={report} />
      <YearsTable lang={lang} report={report} />
      <p className="planner-small">{pt(lang, 'cpSample')}</p>
    </div>
  );
}
