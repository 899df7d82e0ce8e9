// The bureau's 监测图斑 list: every land-cover change patch with its check status (from the server), filters (status,
// township, loss/gain, explained or not, area), totals, a click that frames the patch on the map, CSV and SHP export
// of the filtered list in the 森林督查 form (src/core/monitoring/patch-export.ts) and, for editors when the server
// offers it, setting a status with a comment.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { bboxOf } from '../../core/geo/positions.ts';
import { patchesToCsv, patchesToShapefileZip } from '../../core/monitoring/patch-export.ts';
import { filterPatches, NO_FILTER, PATCH_STATUSES, patchTownships, totalOf, withStatuses, type PatchFilter, type PatchRow, type PatchStatus } from '../../core/monitoring/patches.ts';
import { downloadBlob } from '../../ui/download.ts';
import { fillText } from '../../ui/fill-text.ts';
import { PATCH_EXPLANATION_TEXT } from '../../ui/i18n-raster.ts';
import { inParens, localeOf, UI_TEXT } from '../../ui/i18n.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { valueName } from '../../ui/value-names.ts';
import { currentSession } from '../session.ts';
import { loadPatches, loadStatuses, PATCHES_CHANGED, saveStatus, type PatchData, type StatusAnswer } from './patch-data.ts';

/** Rows drawn at once; the filters narrow the rest, the exports hold all. */
const SHOWN = 200;

type Key = keyof typeof UI_TEXT;

function StatusEditor({ row, lang, onSaved }: { row: PatchRow; lang: Lang; onSaved: () => void }) {
  const t = (k: Key) => UI_TEXT[k][lang];
  const [status, setStatus] = useState<PatchStatus>(row.check.status);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    setError(null);
    saveStatus(row.feature.properties.id, status, comment).then(onSaved, (e: Error) => setError(fillText(t('patchesSaveFailed'), { message: e.message })));
  };
  return (
    <span className="patches__edit">
      <select aria-label={t('patchesSetStatus')} value={status} onChange={(e) => setStatus(e.target.value as PatchStatus)} data-testid="patch-status-select">
        {PATCH_STATUSES.map((s) => <option key={s} value={s}>{valueName(s, lang)}</option>)}
      </select>
      <input aria-label={t('patchesComment')} placeholder={t('patchesComment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
      <button type="button" onClick={save} disabled={!comment.trim()}>{t('patchesSave')}</button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}

export function PatchPanel({ lang, map, onShowLayer }: { lang: Lang; map: MapLibreMap | null; onShowLayer?: () => void }) {
  const t = useCallback((k: Key) => UI_TEXT[k][lang], [lang]);
  const [data, setData] = useState<PatchData | null>(null);
  const [answer, setAnswer] = useState<StatusAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<PatchFilter>(NO_FILTER);
  const [editor, setEditor] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => { void currentSession().then((s) => setEditor(s?.role === 'editor')); }, []);
  useEffect(() => {
    let live = true;
    loadPatches().then((d) => live && setData(d), (e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, []);
  useEffect(() => {
    let live = true;
    loadStatuses().then((a) => live && setAnswer(a), (e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [revision]);

  const rows = useMemo(() => (data && answer ? withStatuses(data.features, answer.statuses) : null), [data, answer]);
  const shown = useMemo(() => (rows ? filterPatches(rows, filter) : []), [rows, filter]);
  const total = totalOf(shown);
  const townships = useMemo(() => (data ? patchTownships(data.features) : []), [data]);

  if (error) return <div className="patches error-box" role="alert" data-testid="patches-error">{fillText(t('patchesLoadFailed'), { message: error })}</div>;
  if (!data || !rows || !answer) return <div className="patches" data-testid="patches-loading">{t('loading')}</div>;

  const years = data.features[0]?.properties;
  const className = (key: string) => data.classes.find((c) => c.key === key)?.name[lang] ?? key;
  const num = (v: number, d = 2) => v.toLocaleString(localeOf(lang), { minimumFractionDigits: d, maximumFractionDigits: d });
  const set = (change: Partial<PatchFilter>) => setFilter((f) => ({ ...f, ...change }));
  const bound = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));
  const stamp = `${years?.from_year ?? ''}-${years?.to_year ?? ''}`;
  const frame = (r: PatchRow) => {
    setSelected(r.feature.properties.id);
    onShowLayer?.();
    const b = bboxOf(r.feature.geometry);
    if (map && b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 80, maxZoom: 16, duration: 0 });
  };

  return (
    <div className="patches dashboard" data-testid="patches-panel" data-source={answer.source}>
      <h3>{fillText(t('patchesTitle'), { from: years?.from_year ?? '', to: years?.to_year ?? '' })}</h3>
      <p className="method-note">{t('patchesSample')} <span data-testid="patches-source">{t(answer.source === 'server' ? 'patchesStatusFromServer' : 'patchesStatusStatic')}</span></p>
      <div className="patches__filters">
        <label>{t('patchesStatus')}{' '}
          <select data-testid="patches-filter-status" value={filter.status} onChange={(e) => set({ status: e.target.value as PatchFilter['status'] })}>
            <option value="all">{t('patchesAll')}</option>
            {PATCH_STATUSES.map((s) => <option key={s} value={s}>{valueName(s, lang)}</option>)}
          </select>
        </label>
        <label>{t('patchesTownship')}{' '}
          <select data-testid="patches-filter-township" value={filter.township} onChange={(e) => set({ township: e.target.value })}>
            <option value="all">{t('patchesAll')}</option>
            {townships.map((tw) => <option key={tw.code} value={tw.code}>{tw.name}</option>)}
          </select>
        </label>
        <label>{t('patchesKind')}{' '}
          <select data-testid="patches-filter-kind" value={filter.kind} onChange={(e) => set({ kind: e.target.value as PatchFilter['kind'] })}>
            <option value="all">{t('patchesAll')}</option>
            <option value="loss">{t('patchesLoss')}</option>
            <option value="gain">{t('patchesGain')}</option>
          </select>
        </label>
        <label>{t('patchesExplained')}{' '}
          <select data-testid="patches-filter-explained" value={filter.explained} onChange={(e) => set({ explained: e.target.value as PatchFilter['explained'] })}>
            <option value="all">{t('patchesAll')}</option>
            <option value="yes">{t('patchesExplainedYes')}</option>
            <option value="no">{t('patchesExplainedNo')}</option>
          </select>
        </label>
        <label>{t('patchesMinMu')}{' '}
          <input type="number" min={0} step="any" data-testid="patches-filter-min" onChange={(e) => set({ minMu: bound(e.target.value) })} />
        </label>
        <label>{t('patchesMaxMu')}{' '}
          <input type="number" min={0} step="any" data-testid="patches-filter-max" onChange={(e) => set({ maxMu: bound(e.target.value) })} />
        </label>
      </div>
      <p data-testid="patches-count" data-count={total.count} data-mu={total.area_mu} data-tco2e={total.carbon_stock_tCO2e}>
        {fillText(t('patchesCount'), { n: total.count, mu: num(total.area_mu), t: num(total.carbon_stock_tCO2e, 1) })}
        {' '}
        <button type="button" className="csv-button" data-testid="patches-csv" onClick={() => downloadBlob(`监测图斑-${stamp}.csv`, patchesToCsv(shown, data.classes), 'text/csv;charset=utf-8')}>{t('patchesCsv')}</button>
        <button type="button" className="csv-button" data-testid="patches-shp" onClick={() => downloadBlob(`监测图斑-${stamp}-shp.zip`, patchesToShapefileZip(shown, data.classes) as BlobPart, 'application/zip')}>{t('patchesShp')}</button>
      </p>
      <p className="method-note">{t('patchesExportNote')}</p>
      {shown.length === 0 ? <p data-testid="patches-none">{t('patchesNone')}</p> : (
        <table className="data-table patches__table" data-testid="patches-table">
          <thead>
            <tr><th>{t('patchesId')}</th><th>{t('patchesTownship')}</th><th>{t('patchesChange')}</th><th>{t('patchesArea')}</th><th>{t('patchesCarbon')}</th><th>{t('patchesReason')}</th><th>{t('patchesStatus')}</th></tr>
          </thead>
          <tbody>
            {shown.slice(0, SHOWN).map((r) => {
              const p = r.feature.properties;
              return (
                <tr key={p.id} data-testid="patches-row" data-id={p.id} aria-selected={selected === p.id} className={selected === p.id ? 'is-selected' : undefined}>
                  <td><button type="button" className="link-button" onClick={() => frame(r)} data-value>{p.id}</button></td>
                  <td data-value>{p.township_name ?? ''}</td>
                  <td>{className(p.from_class)} → {className(p.to_class)}</td>
                  <td>{num(p.area_mu)}</td>
                  <td>{num(p.carbon_stock_tCO2e, 1)}</td>
                  <td>{p.explained ? <>{PATCH_EXPLANATION_TEXT[p.explanation_kind ?? '']?.[lang] ?? ''}{/* the explanation's name is Chinese data text (e.g. 低产低效林改造·更新 2023): shown in the Chinese UI */}{p.explanation_name && lang === 'zh' ? <span data-value>{inParens(p.explanation_name, lang)}</span> : null}</> : t('patchesNoReason')}</td>
                  <td data-status={r.check.status}>
                    {valueName(r.check.status, lang)}
                    {editor && answer.source === 'server' && selected === p.id && (
                      <StatusEditor row={r} lang={lang} onSaved={() => { setRevision((v) => v + 1); window.dispatchEvent(new Event(PATCHES_CHANGED)); }} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {shown.length > SHOWN && <p className="method-note">{fillText(t('patchesMore'), { n: SHOWN, total: shown.length })}</p>}
    </div>
  );
}

export default PatchPanel;
