// A zone's raster statistics as tables: land cover by class (亩, 公顷, share, pixels) and the values of continuous
// rasters (mean, min, max, P10/P50/P90). Used by the planner's analysis and report, the stand and township popups
// and the dashboard. data-* attributes carry the unrounded figures for the browser tests.
import type { LandCoverSummary, ValueSummary, ZoneSummary } from '../../core/raster/zone-summary.ts';
import { M2_PER_HA } from '../../core/geo/units.ts';
import { fillText } from '../fill-text.ts';
import { localeOf, UI_TEXT } from '../i18n.ts';
import type { Lang } from '../i18n-types.ts';

type Key = keyof typeof UI_TEXT;

const num = (v: number, lang: Lang, d = 2) => v.toLocaleString(localeOf(lang), { minimumFractionDigits: d, maximumFractionDigits: d });

function LandCover({ s, lang, compact }: { s: LandCoverSummary; lang: Lang; compact: boolean }) {
  const t = (k: Key) => UI_TEXT[k][lang];
  const title = `${s.raster.name[lang]}${s.raster.sample_data ? (lang === 'zh' ? `，${t('zonalSample')}` : `, ${t('zonalSample')}`) : ''}`;
  return (
    <table className="planner-table zonal-table" data-testid="zonal-landcover" data-raster={s.raster.id} data-total-mu={s.total_mu} data-forest-mu={s.forest_mu}>
      <caption>{fillText(t('zonalLandCover'), { raster: title })}</caption>
      <thead>
        <tr><th>{t('zonalClass')}</th><th>{t('zonalAreaMu')}</th>{!compact && <th>{t('zonalAreaHa')}</th>}<th>{t('zonalShare')}</th>{!compact && <th>{t('zonalPixels')}</th>}</tr>
      </thead>
      <tbody>
        {s.rows.length === 0 && <tr><td colSpan={compact ? 3 : 5}>{t('zonalEmpty')}</td></tr>}
        {s.rows.map((r) => (
          <tr key={r.value} data-class={r.value} data-key={r.key} data-pixels={r.pixels} data-area-mu={r.area_mu}>
            <td style={{ textAlign: 'left' }}><span className="zonal-swatch" style={{ background: r.colour }} aria-hidden="true" />{r.name[lang]}</td>
            <td>{num(r.area_mu, lang)}</td>
            {!compact && <td>{num(r.area_m2 / M2_PER_HA, lang, 4)}</td>}
            <td>{s.total_mu > 0 ? `${num((100 * r.area_mu) / s.total_mu, lang, 1)}%` : ''}</td>
            {!compact && <td>{r.pixels.toLocaleString(localeOf(lang))}</td>}
          </tr>
        ))}
        {s.rows.length > 1 && (
          <tr className="zonal-total"><td style={{ textAlign: 'left' }}>{t('zonalTotal')}</td><td>{num(s.total_mu, lang)}</td>{!compact && <td>{num(s.rows.reduce((a, r) => a + r.area_m2, 0) / M2_PER_HA, lang, 4)}</td>}<td>100%</td>{!compact && <td>{s.rows.reduce((a, r) => a + r.pixels, 0).toLocaleString(localeOf(lang))}</td>}</tr>
        )}
      </tbody>
    </table>
  );
}

function Values({ s, lang }: { s: ValueSummary; lang: Lang }) {
  const t = (k: Key) => UI_TEXT[k][lang];
  const st = s.stats;
  const cells: [string, number | undefined][] = [[t('zonalMean'), st?.mean], [t('zonalMin'), st?.min], [t('zonalMax'), st?.max], ['P10', st?.p10], ['P50', st?.p50], ['P90', st?.p90]];
  return (
    <table className="planner-table zonal-table" data-testid="zonal-values" data-raster={s.raster.id}>
      <caption>{fillText(t('zonalValues'), { raster: s.raster.name[lang] })}</caption>
      <thead><tr>{cells.map(([h]) => <th key={h}>{h}</th>)}</tr></thead>
      <tbody><tr>{cells.map(([h, v]) => <td key={h}>{v === undefined ? '—' : v.toLocaleString(localeOf(lang), { maximumFractionDigits: 3 })}</td>)}</tr></tbody>
    </table>
  );
}

/** The tables of a zone's summaries, with the notes that qualify them (nodata, outside the raster, the method). */
export function ZonalTable({ summaries, lang, error, compact = false, ms }: { summaries: readonly ZoneSummary[] | null | undefined; lang: Lang; error?: string | null; compact?: boolean; ms?: number }) {
  const t = (k: Key) => UI_TEXT[k][lang];
  if (error) return <p className="planner-muted planner-small" role="status" data-testid="zonal-error">{fillText(t('zonalFailed'), { message: error })}</p>;
  if (!summaries) return <p className="planner-muted planner-small" data-testid="zonal-loading">{t('zonalComputing')}</p>;
  if (summaries.length === 0) return null;
  const nodata = summaries.reduce((a, s) => Math.max(a, s.nodata_pixels), 0);
  const lc = summaries.find((s): s is LandCoverSummary => s.kind === 'categorical');
  return (
    <div className="zonal" data-testid="zonal">
      {summaries.map((s) => (s.kind === 'categorical' ? <LandCover key={s.raster.id} s={s} lang={lang} compact={compact} /> : <Values key={s.raster.id} s={s} lang={lang} />))}
      <p className="planner-muted planner-small">
        {lc && lc.forest_mu > 0 && <>{fillText(t('zonalForestMu'), { mu: num(lc.forest_mu, lang) })} </>}
        {nodata > 0 && <>{fillText(t('zonalNodata'), { n: nodata.toLocaleString(localeOf(lang)) })} </>}
        {summaries.some((s) => s.outside) && <>{t('zonalOutside')} </>}
        {!compact && t('zonalMethod')}
        {ms !== undefined && ` ${fillText(t('zonalMs'), { ms: ms.toFixed(0) })}`}
      </p>
    </div>
  );
}
